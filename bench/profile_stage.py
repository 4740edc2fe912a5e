"""Profile one stage with pyinstrument and print where the time goes (functions by self time).

Stages:
  ingest   ``search-app ingest`` of a generated corpus into a fresh embedded index, in this process;
  pipeline the same with ``--dry-run`` (reading, cleaning, detection, extraction; no engine);
  search   the fixed query set against the embedded engine (``engine.search``);
  api      the fixed query set through ``GET /api/search`` (Flask test client).

    .venv/bin/python bench/profile_stage.py ingest --size 10000 --html /tmp/ingest.html

Time spent inside Tantivy or ICU (native code) shows as the Python call that entered it. To see native
frames too, sample a separate process with py-spy (``pip install -e '.[bench]'``), for example:

    .venv/bin/py-spy record --native -o /tmp/ingest.svg -- \\
        .venv/bin/python -m search_app.cli ingest bench/.cache/corpus-10000-seed1/articles
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from corpus import ensure_corpus
from query_set import load_query_set
from report import add_output_arguments, markdown_table, publish
from targets import EngineTarget, add_engine_arguments, ensure_index, selected_targets


def hot_functions(root, limit: int) -> list[list[object]]:
    """The ``limit`` functions with the most self time, with their inclusive time (both in % of the run)."""
    self_time: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)

    def walk(frame, on_stack: frozenset[str]) -> None:
        key = f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
        self_time[key] += frame.total_self_time
        if key not in on_stack:  # recursion counts once
            inclusive[key] += frame.time
        for child in frame.children:
            walk(child, on_stack | {key})

    walk(root, frozenset())
    total = root.time or 1.0
    ranked = sorted(self_time.items(), key=lambda item: item[1], reverse=True)
    rows = []
    for key, seconds in ranked:
        if key.startswith("[") or len(rows) == limit:  # pyinstrument's synthetic "[self]"/"[await]" frames
            continue
        rows.append([key, seconds / total * 100, inclusive[key] / total * 100])
    return rows


def run_stage(stage: str, target: EngineTarget, corpus, repeat: int) -> None:
    """Run the stage once, in this process (the profiler samples it)."""
    os.environ.update(target.environment())
    if stage in ("ingest", "pipeline"):
        from search_app.cli import main as cli_main

        # One process (--jobs 0): the profiler sees only this process, and every stage runs in it.
        argv = ["ingest", str(corpus.root), "--jobs", "0"] + (["--dry-run"] if stage == "pipeline" else [])
        with contextlib.redirect_stdout(io.StringIO()):
            status = cli_main(argv)
        if status != 0:
            raise SystemExit(f"search-app {' '.join(argv)} exited with {status}")
        return
    specs = load_query_set()
    if stage == "search":
        engine = target.open()
        try:
            for _ in range(repeat):
                for spec in specs:
                    engine.search(spec.engine_request())
        finally:
            engine.close()
        return
    from search_app import create_app

    client = create_app({"SEARCH_APP_CONFIG": target.config()}).test_client()
    for _ in range(repeat):
        for spec in specs:
            client.get("/api/search?" + spec.query_string())


def main(argv: list[str] | None = None) -> int:
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stage", choices=["ingest", "pipeline", "search", "api"])
    parser.add_argument("--size", type=int, default=10_000, help="corpus size (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the query set for search/api")
    parser.add_argument("--top", type=int, default=15, help="functions to list (default: %(default)s)")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's interactive HTML report here")
    add_engine_arguments(parser)
    add_output_arguments(parser)
    parser.set_defaults(engines="embedded")
    args = parser.parse_args(argv)

    corpus = ensure_corpus(args.size, args.seed, args.cache_dir)
    target = selected_targets(args, args.size)[0]
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        if args.stage in ("ingest", "pipeline"):
            target = target.with_index("bench-profile", Path(tmp) / "index" if target.data_dir else None)
        else:
            ensure_index(target, corpus)
            # Every search in full, as for a new query: with the query cache the repeats would be hits.
            target = dataclasses.replace(target, query_cache=False)
            # One unprofiled round first, as bench_search warms up: a running server has analysed the
            # words of popular hits before (word-level caches), and opening the index is not searching.
            run_stage(args.stage, target, corpus, 1)
        profiler = Profiler(interval=0.001)
        profiler.start()
        try:
            run_stage(args.stage, target, corpus, args.repeat)
        finally:
            profiler.stop()
        if args.stage == "ingest" and target.url:
            target.drop()
    session = profiler.last_session
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"(HTML profile written to {args.html})", file=sys.stderr)
    print(profiler.output_text(unicode=True, color=False), file=sys.stderr)
    rows = hot_functions(session.root_frame(), args.top)
    body = (
        f"Stage `{args.stage}` on {corpus.count:,} articles ({target.kind} engine): "
        f"{session.duration:.1f} s wall, {session.cpu_time:.1f} s CPU, pyinstrument sampling every 1 ms.\n\n"
    )
    body += markdown_table(["function (file:line)", "self %", "inclusive %"], rows)
    publish(args, f"Profile: {args.stage} (issue #6)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
