"""End-to-end ingest speed: generated articles → ``search-app ingest`` (read, clean, detect, extract, index).

For each corpus size and engine, runs the real ingest command into a fresh index several times and prints
articles/s (median and range of the runs), and the index size on disk per article (the data directory for
the embedded engine, the primaries' store size from ``_stats`` for Elasticsearch/OpenSearch). A
``pipeline only`` row runs the same command with ``--dry-run`` (no engine), so the indexing share of the
cost is the difference between the two rows. Beside the rates, the CPU time the command used per
article (its worker processes included, the search server's own not) and how many cores it kept busy:
on 2 cores, 1,000 articles/s leaves at most 2 ms of CPU per article.

    .venv/bin/python bench/bench_ingest.py --sizes 10000 --runs 3 --write-docs
"""

from __future__ import annotations

import argparse
import resource
import shlex
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from corpus import ensure_corpus, single_article
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


def _dry_run_seconds(path: Path, env: dict[str, str]) -> float:
    command = [*INGEST_COMMAND, str(path), "--dry-run", "--quiet"]
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


def _children_cpu_seconds() -> float:
    # Children's usage includes their own waited-for children: ingest's worker processes count too.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_runs(run, target: EngineTarget | None, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run of ``run`` (a command in a child process)."""
    seconds, cpu = [], []
    for _ in range(runs):
        if target is not None:
            target.drop()
        before = _children_cpu_seconds()
        seconds.append(run())
        cpu.append(_children_cpu_seconds() - before)
    return seconds, cpu


def measure(args: argparse.Namespace) -> list[list[object]]:
    rows: list[list[object]] = []
    for size in args.sizes:
        corpus = ensure_corpus(size, args.seed, args.cache_dir)
        one = single_article(corpus)
        targets = selected_targets(args, size)
        if targets and not args.no_dry_run:
            env = targets[0].environment()
            startup, _ = _timed_runs(partial(_dry_run_seconds, one, env), None, args.runs)
            seconds, cpu = _timed_runs(partial(_dry_run_seconds, corpus.root, env), None, args.runs)
            rows.append(_row("pipeline only (--dry-run)", corpus, seconds, cpu, startup, None, None))
        for base in targets:
            target = _ingest_target(base, size)
            for extra in [()] + [tuple(shlex.split(text)) for text in args.variant]:
                rows.append(_measure_engine(target, corpus, one, extra, args.runs))
            if not args.keep:
                target.drop()
    return rows


def _measure_engine(
    target: EngineTarget, corpus, one: Path, extra: tuple[str, ...], runs: int
) -> list[object]:
    """Runs of ``search-app ingest`` (plus the ``extra`` options) into the target: one table row."""
    startup, _ = _timed_runs(partial(run_ingest, target, one, extra), target, runs)
    seconds, cpu = _timed_runs(partial(run_ingest, target, corpus.root, extra), target, runs)
    label = " ".join([target.kind, *extra])
    print(f"{label} {corpus.count:,}: runs took {', '.join(f'{s:.1f}' for s in seconds)} s", file=sys.stderr)
    engine = target.open()
    try:
        engine.refresh()
        documents = int(engine.stats().get("documents", 0))
    finally:
        engine.close()
    return _row(label, corpus, seconds, cpu, startup, documents, target.size_on_disk())


def _row(label, corpus, seconds, cpu, startup, documents, disk) -> list[object]:
    rates = [corpus.count / s for s in seconds]
    fixed = median(startup)
    per_article = None if disk is None or not documents else disk / documents / 1024
    return [
        label,
        corpus.count,
        corpus.mean_article_kb,
        len(rates),
        median(rates),
        f"{min(rates):,.0f}–{max(rates):,.0f}",
        fixed,
        corpus.count / max(median(seconds) - fixed, 1e-9),
        median(cpu) * 1000 / corpus.count,
        median(c / s for c, s in zip(cpu, seconds, strict=True)),
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
    "start-up s",
    "articles/s after start-up",
    "CPU ms/article",
    "cores busy",
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
    parser.add_argument("--no-dry-run", action="store_true", help="skip the pipeline-only row")
    parser.add_argument("--keep", action="store_true", help="keep the last run's index (default: drop it)")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="OPTIONS",
        help="also time the command with these extra ingest options, e.g. --variant='--jobs 2' (repeatable)",
    )
    add_engine_arguments(parser)
    add_output_arguments(parser)
    args = parser.parse_args(argv)

    rows = measure(args)
    body = markdown_table(HEADERS, rows)
    body += (
        f"\nTarget: at least {TARGET_RATE:,} articles/s into the embedded engine, 3 KB articles, 2 cores. "
        "Each run is the whole `search-app ingest DIR --quiet` command (process start included) into an "
        "empty index; `start-up s` is the same command on a single article (imports, models, opening the "
        "index), and `articles/s after start-up` divides the articles by the median run minus that. "
        "`input KB/article` is the mean UTF-8 size of an article's title and body. `CPU ms/article` is the "
        "median over the runs of the user and system CPU time (the command and its worker processes; not the "
        "Elasticsearch/OpenSearch server's) per article, and `cores busy` that CPU time over the wall "
        "time: 1,000 articles/s on 2 cores leaves at most 2 ms of CPU per article.\n"
    )
    embedded = [r for r in rows if r[0].startswith("embedded")]
    if embedded:
        best = max(embedded, key=lambda row: row[4])
        body += f"\n`{best[0]}` at {fmt(best[1])} articles, articles/s (median): "
        body += verdict(best[4], TARGET_RATE, at_least=True) + ".\n"
    publish(args, HEADING, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
