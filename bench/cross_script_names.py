"""Recall across scripts: does each name, typed in any script, quoted or not, find it written in the others?

For every line of ``cross_script_names.tsv`` (a name in Latin letters, Devanagari and Gujarati) three short
articles are indexed, one per script, each writing the name once in a sentence of its language. Each
spelling is then searched as typed and as a quoted phrase, and must find exactly those three articles.
The script prints every search that missed one (or found another name's article) and a table of the
misses per script typed. It measures the analysis and the query rules, not speed; nothing here is a test.

    .venv/bin/python bench/cross_script_names.py                      # the embedded engine, a fresh index
    .venv/bin/python bench/cross_script_names.py --engine-url http://127.0.0.1:9202   # a remote node
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scratch_index import add_engine_url_argument, scratch_engine  # noqa: E402

from search_app.engines.base import MAX_PAGE_SIZE, SearchRequest  # noqa: E402

NAMES = Path(__file__).with_name("cross_script_names.tsv")
SCRIPTS = ("en", "hi", "gu")  # the language of the articles written in each column's script
# One sentence per language around the name: ordinary words that match no other name.
SENTENCES = {
    "en": "Yesterday {} spoke to reporters in the capital.",
    "hi": "कल {} ने राजधानी में पत्रकारों से बात की।",
    "gu": "ગઈકાલે {} રાજધાનીમાં પત્રકારો સાથે વાત કરી.",
}


def read_names(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]
    bad = [row for row in rows if len(row) != len(SCRIPTS)]
    if bad:
        raise SystemExit(f"{path}: {len(bad)} line(s) without one spelling per script, e.g. {bad[0]}")
    return [tuple(row) for row in rows]


def articles(names: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [
        {
            "id": f"{language}-{number}",
            "language": language,
            "title": "-",
            "body": SENTENCES[language].format(spelling),
        }
        for number, spellings in enumerate(names)
        for language, spelling in zip(SCRIPTS, spellings, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=Path, default=NAMES, help="the names file (default: %(default)s)")
    add_engine_url_argument(parser)
    args = parser.parse_args()
    names = read_names(args.names)
    with scratch_engine(args.engine_url, "names-check") as engine:
        engine.upsert(articles(names))
        engine.refresh()
        misses = {(language, quoted): 0 for language in SCRIPTS for quoted in (False, True)}
        for number, spellings in enumerate(names):
            wanted = {f"{language}-{number}" for language in SCRIPTS}
            for language, spelling in zip(SCRIPTS, spellings, strict=True):
                for quoted in (False, True):
                    text = f'"{spelling}"' if quoted else spelling
                    request = SearchRequest(text=text, size=MAX_PAGE_SIZE, highlight=False)
                    found = {hit.id for hit in engine.search(request).hits}
                    if found != wanted:
                        misses[language, quoted] += 1
                        missing, extra = sorted(wanted - found), sorted(found - wanted)
                        print(f"{text}: missing {missing}, also found {extra}")
    print(f"\n{len(names)} names ({args.names.name}), engine: {args.engine_url or 'embedded'}\n")
    print("| typed in | as typed: searches that missed | quoted: searches that missed |")
    print("|---|---:|---:|")
    for language in SCRIPTS:
        typed, quoted = misses[language, False], misses[language, True]
        print(f"| {language} script | {typed} of {len(names)} | {quoted} of {len(names)} |")
    total = sum(misses.values())
    print(f"| all | {total} of {len(names) * len(SCRIPTS) * 2} searches | |")


if __name__ == "__main__":
    main()
