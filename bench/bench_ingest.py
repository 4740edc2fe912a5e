"""End-to-end ingest speed: generated articles → ``search-app ingest`` (read, clean, detect, extract, index).

For each corpus size and engine, runs the real ingest command into a fresh index several times and prints
articles/s (median and range of the runs), and the index size on disk per article (the data directory for
the embedded engine, the primaries' store size from ``_stats`` for Elasticsearch/OpenSearch). A
``pipeline only`` row runs the same command with ``--dry-run`` (no engine), so the indexing share of the
cost is the difference between the two rows.

    .venv/bin/python bench/bench_ingest.py --sizes 10000 --runs 3 --write-docs
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from corpus import DEFAULT_SEED, ensure_corpus
from report import add_output_arguments, fmt, markdown_table, median, publish, verdict
from targets import (
    INGEST_COMMAND,
    REPO_ROOT,
    EngineTarget,
    add_engine_arguments,
    run_ingest,
    selected_targets,
)

HEADING = "Ingest end to end (issue #6)"
TARGET_RATE = 1000  # articles/s into the embedded engine, issue #6


def _dry_run_seconds(corpus, env: dict[str, str]) -> float:
    command = [*INGEST_COMMAND, str(corpus.root), "--dry-run"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"ingest --dry-run failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return seconds


def _ingest_target(target: EngineTarget, size: int) -> EngineTarget:
    """A throwaway index beside the cached search index, so ingest runs never disturb it."""
    data_dir = None if target.data_dir is None else target.data_dir.parent / f"ingest-run-{size}"
    return target.with_index(f"bench-ingest-{size}", data_dir)


def measure(args: argparse.Namespace) -> list[list[object]]:
    rows: list[list[object]] = []
    for size in args.sizes:
        corpus = ensure_corpus(size, args.seed, args.cache_dir)
        targets = selected_targets(args, size)
        if targets and not args.no_dry_run:
            env = targets[0].environment()
            rates = [size / _dry_run_seconds(corpus, env) for _ in range(args.runs)]
            rows.append(_row("pipeline only (--dry-run)", corpus, rates, None, None))
        for base in targets:
            target = _ingest_target(base, size)
            rates, documents, disk = [], 0, None
            for run in range(args.runs):
                target.drop()
                seconds = run_ingest(target, corpus)
                rates.append(size / seconds)
                print(
                    f"{target.kind} {size:,}: run {run + 1}: {size / seconds:,.0f} articles/s",
                    file=sys.stderr,
                )
                if run == args.runs - 1:
                    engine = target.open()
                    try:
                        engine.refresh()
                        documents = int(engine.stats().get("documents", 0))
                    finally:
                        engine.close()
                    disk = target.size_on_disk()
            rows.append(_row(target.kind, corpus, rates, documents, disk))
            if not args.keep:
                target.drop()
    return rows


def _row(label, corpus, rates, documents, disk) -> list[object]:
    per_article = None if disk is None or not documents else disk / documents / 1024
    return [
        label,
        corpus.count,
        corpus.mean_article_kb,
        len(rates),
        median(rates),
        f"{min(rates):,.0f}–{max(rates):,.0f}",
        documents if documents is not None else "–",
        None if disk is None else disk / 1024**2,
        per_article,
    ]


HEADERS = [
    "engine",
    "articles",
    "input KB/article",
    "runs",
    "articles/s (median)",
    "articles/s (range)",
    "documents indexed",
    "index MiB",
    "index KB/article",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(s) for s in text.split(",")],
        default=[10_000],
        help="comma-separated corpus sizes (default: 10000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per engine and size (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus generator seed")
    parser.add_argument("--no-dry-run", action="store_true", help="skip the pipeline-only row")
    parser.add_argument("--keep", action="store_true", help="keep the last run's index (default: drop it)")
    add_engine_arguments(parser)
    add_output_arguments(parser)
    args = parser.parse_args(argv)

    rows = measure(args)
    body = markdown_table(HEADERS, rows)
    body += (
        f"\nTarget: at least {TARGET_RATE:,} articles/s into the embedded engine, 3 KB articles, 2 cores. "
        "Each run is the whole `search-app ingest DIR` command (process start included) into an empty index; "
        "`input KB/article` is the corpus files' size divided by the article count.\n"
    )
    embedded = [r for r in rows if r[0] == "embedded"]
    if embedded:
        rate = embedded[-1][4]
        body += f"\nEmbedded at {fmt(embedded[-1][1])} articles, articles/s (median): "
        body += verdict(rate, TARGET_RATE, at_least=True) + ".\n"
    publish(args, HEADING, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
