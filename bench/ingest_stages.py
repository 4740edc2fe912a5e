"""Where ingest's CPU time goes, stage by stage, in one process: what ``search-app ingest --jobs 0`` does
into the embedded engine, with each stage timed on its own.

    .venv/bin/python bench/ingest_stages.py --size 10000 --write-docs

Stages, each over the whole generated corpus (``bench/corpus.py``), after a warm-up on a few articles
(ICU data, langdetect profiles):
- pipeline: ``ingest.pipeline.iter_articles`` (read, clean, dates, language, countries, ids);
- language detection alone: ``detect_languages`` on each article's title and body again (part of the
  pipeline's time, shown on its own because it is the largest part);
- analysis, new words: ``prepare_document`` on every article with empty word caches, as a fresh ingest
  process does it (each distinct word is analysed once);
- analysis, words known: the same again with the caches full (the difference is the cost of new words);
- writing: ``upsert_prepared`` of the prepared documents into an empty embedded index in the engine's
  batches, commits and Tantivy's own indexing and merging threads included.

CPU time is this process's (``time.process_time``: all its threads), so the figures are per core. On 2
cores, 1,000 articles/s (issue #6) leaves 2 ms of CPU per article for everything together.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from corpus import add_corpus_arguments, ensure_corpus
from report import add_output_arguments, markdown_table, publish

from ingest.language import detect_languages
from ingest.pipeline import Processed, iter_articles
from search_app.analysis import chain
from search_app.engines.embedded import EmbeddedEngine
from search_app.engines.embedded_schema import prepare_document

HEADING = "Ingest stages (issue #6)"
BUDGET_MS = 2.0  # CPU per article for 1,000 articles/s on 2 cores
WARM_UP_ARTICLES = 50


def _timed(work) -> tuple[object, float]:
    started = time.process_time()
    result = work()
    return result, time.process_time() - started


def measure(paths: list[str]) -> tuple[list[tuple[str, float]], int, int]:
    """(stage, CPU seconds) for each stage; the articles; the distinct words the analysis met."""
    warm = [item.article for item in iter_articles(paths[:WARM_UP_ARTICLES]) if isinstance(item, Processed)]
    for article in warm:
        prepare_document(article)
    items, pipeline = _timed(lambda: list(iter_articles(paths)))
    articles = [item.article for item in items if isinstance(item, Processed)]
    _, detection = _timed(lambda: [detect_languages(f"{a['title']}\n{a['body']}") for a in articles])
    chain.clear_word_caches()
    prepared, cold = _timed(lambda: [prepare_document(a) for a in articles])
    words = chain.known_words()
    _, known = _timed(lambda: [prepare_document(a) for a in articles])
    with tempfile.TemporaryDirectory(prefix="ingest-stages-") as data_dir:
        engine = EmbeddedEngine(Path(data_dir), index="stages")
        engine.ensure_index()
        batch = engine.upsert_batch_size or len(prepared)

        def write() -> None:
            for start in range(0, len(prepared), batch):
                engine.upsert_prepared(prepared[start : start + batch])
            engine.refresh()

        try:
            _, writing = _timed(write)
        finally:
            engine.close()
    stages = [
        ("pipeline (read, clean, detect, extract)", pipeline),
        ("of which language detection", detection),
        ("analysis, new words (fresh process)", cold),
        ("analysis, words known", known),
        ("writing (Tantivy, commits, merges)", writing),
        ("total of a fresh ingest (pipeline + new-word analysis + writing)", pipeline + cold + writing),
    ]
    return stages, len(articles), words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10_000, help="articles in the corpus (default 10,000)")
    add_corpus_arguments(parser)
    add_output_arguments(parser)
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("--size must be at least 1")
    corpus = ensure_corpus(args.size, args.seed, args.cache_dir)
    stages, count, words = measure([str(p) for p in corpus.files])
    rows = [
        [name, seconds, seconds * 1000 / count, f"{seconds * 1000 / count / BUDGET_MS:.2f}×"]
        for name, seconds in stages
    ]
    table = markdown_table(["stage", "CPU s", "CPU ms/article", "of the 2 ms budget"], rows)
    body = (
        f"{table}\n"
        f"- {count:,} articles of {corpus.mean_article_kb:.1f} KB, one process. A fresh process analysed "
        f"{words:,} new words (each distinct word once per analyzer group: the index's three analyzers, "
        "the suggestions' own), and each `--jobs` worker does so again on its own.\n"
        f"- 1,000 articles/s on 2 cores leaves {BUDGET_MS:g} ms of CPU per article for all stages together.\n"
    )
    publish(args, HEADING, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
