"""Precision across scripts: does a name typed in Latin letters leave alone the everyday Hindi and Gujarati
words that share its consonant skeleton, while it finds its own spellings there?

For every line of ``cross_script_false_friends.tsv`` (a name, words it must not find, spellings it must
find) one short article is indexed per word, in the language of its script. Each name is searched as
typed; the script prints every false friend found and every spelling missed, and a table of both. Like
``cross_script_names.py`` it measures the analysis and the query rules, not speed; nothing here is a test.

    .venv/bin/python bench/cross_script_precision.py                      # the embedded engine
    .venv/bin/python bench/cross_script_precision.py --engine-url http://127.0.0.1:9202   # a remote node
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scratch_index import add_engine_url_argument, scratch_engine  # noqa: E402

from search_app.engines.base import MAX_PAGE_SIZE, SearchRequest  # noqa: E402

PAIRS = Path(__file__).with_name("cross_script_false_friends.tsv")
_GUJARATI = re.compile("[\u0a80-\u0aff]")
# One sentence per language around the word: ordinary words that match no name of the file.
SENTENCES = {"hi": "कल {} के बारे में बात हुई।", "gu": "ગઈકાલે {} વિશે વાત થઈ."}


def read_pairs(path: Path) -> list[tuple[str, list[str], list[str]]]:
    with path.open(encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]
    return [(row[0], row[1].split(), (row[2] if len(row) > 2 else "").split()) for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="the pairs file (default: %(default)s)")
    add_engine_url_argument(parser)
    args = parser.parse_args()
    pairs = read_pairs(args.pairs)
    words = sorted({word for _, avoid, find in pairs for word in avoid + find})
    ids = {word: f"w{number}" for number, word in enumerate(words)}
    false_hits = misses = 0
    with scratch_engine(args.engine_url, "precision-check") as engine:
        documents = []
        for word in words:
            language = "gu" if _GUJARATI.search(word) else "hi"
            body = SENTENCES[language].format(word)
            documents.append({"id": ids[word], "language": language, "title": "-", "body": body})
        engine.upsert(documents)
        engine.refresh()
        for name, avoid, find in pairs:
            request = SearchRequest(text=name, size=MAX_PAGE_SIZE, highlight=False)
            found = {hit.id for hit in engine.search(request).hits}
            wrong = [word for word in avoid if ids[word] in found]
            missed = [word for word in find if ids[word] not in found]
            false_hits += len(wrong)
            misses += len(missed)
            if wrong or missed:
                print(f"{name}: found {wrong}, missed {missed}")
    avoid_total = sum(len(avoid) for _, avoid, _ in pairs)
    find_total = sum(len(find) for _, _, find in pairs)
    print(f"\n{len(pairs)} names ({args.pairs.name}), engine: {args.engine_url or 'embedded'}\n")
    print("| false friends found | own spellings missed |")
    print("|---:|---:|")
    print(f"| {false_hits} of {avoid_total} | {misses} of {find_total} |")


if __name__ == "__main__":
    main()
