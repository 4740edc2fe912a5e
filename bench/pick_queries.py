"""Pick the one-word and two-word queries of ``queries.json`` from a generated corpus.

The rule the query set states: ordinary vocabulary words of the generator (not part of a planted person
or country name), at least 3 characters, found in 3% to 15% of the articles of their language (the one
nearest 8% first); a pair is two such words found together in at least 0.5% of the language's articles.
Run it on the smallest corpus the benchmarks use, so every pick matches at every size:

    .venv/bin/python bench/pick_queries.py bench/.cache/corpus-10000-seed1/documents.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from generate_corpus import PEOPLE, load_vocabulary

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ingest.countries import extract_countries  # noqa: E402

LOW, HIGH, AIM, TOGETHER = 0.03, 0.15, 0.08, 0.005
PUNCTUATION = ".,;:!?\"'()[]|।-—"


def word_sets(documents: Path) -> dict[str, list[set[str]]]:
    """Per language, the set of lower-cased words of each article (the pipeline's output)."""
    by_language: dict[str, list[set[str]]] = defaultdict(list)
    with documents.open(encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            text = f"{article.get('title') or ''} {article['body']}".lower()
            by_language[article["language"]].append({w.strip(PUNCTUATION) for w in text.split()})
    return by_language


def pick(sets: list[set[str]], language: str) -> dict[str, object]:
    names = {
        part.lower()
        for person in PEOPLE
        for script in person
        for n in script.split("|")
        for part in n.split()
    }
    vocabulary = set(load_vocabulary(language))
    count = len(sets)
    frequency = Counter(w for s in sets for w in s if w in vocabulary and w not in names and len(w) >= 3)
    candidates = sorted(
        (abs(n / count - AIM), word)
        for word, n in frequency.items()
        if LOW <= n / count <= HIGH and not extract_countries(word)
    )
    words = [word for _, word in candidates]
    pair = next(
        (
            (a, b)
            for a, b in itertools.combinations(words[1:60], 2)
            if sum(1 for s in sets if a in s and b in s) / count >= TOGETHER
        ),
        None,
    )
    return {"one word": words[0] if words else None, "two words": " ".join(pair) if pair else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("documents", type=Path, help="the pipeline's documents.jsonl of a generated corpus")
    args = parser.parse_args(argv)
    sets = word_sets(args.documents)
    print(
        json.dumps(
            {lang: pick(sets[lang], lang) for lang in ("hi", "gu", "en")}, ensure_ascii=False, indent=1
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
