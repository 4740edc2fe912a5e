"""The engines a benchmark runs against, and building their indexes with the real ``search-app ingest``.

An ``EngineTarget`` says how to reach one engine (the embedded Tantivy index in a directory, or an
Elasticsearch/OpenSearch node by URL) both as environment variables for a child process (the CLI, gunicorn)
and as a ``Config`` for opening the engine in this process. Indexes are built by running the product's
own ingest command on a generated corpus, so the benchmarks measure what users run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from corpus import Corpus, add_corpus_arguments

REPO_ROOT = Path(__file__).resolve().parent.parent
INGEST_COMMAND = [sys.executable, "-m", "search_app.cli", "ingest"]


@dataclass(frozen=True)
class EngineTarget:
    """One engine and one index on it."""

    kind: str  # "embedded", "elasticsearch" or "opensearch"
    index: str
    data_dir: Path | None = None  # embedded only
    url: str | None = None  # remote only
    reduced_analysis: bool = False
    query_cache: bool = True  # embedded only: reuse facet counts and highlights of recent queries

    @property
    def label(self) -> str:
        if self.kind == "embedded" and not self.query_cache:
            return "embedded, query cache off"
        return self.kind

    def environment(self) -> dict[str, str]:
        """The process environment that points ``search-app`` (ingest, serve, gunicorn) at this index."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCH_APP_")}
        env["SEARCH_APP_INDEX"] = self.index
        env["SEARCH_APP_QUERY_CACHE"] = "true" if self.query_cache else "false"
        if self.url:
            env["SEARCH_APP_ENGINE_URL"] = self.url
            env["SEARCH_APP_REDUCED_ANALYSIS"] = "true" if self.reduced_analysis else "false"
        else:
            env["SEARCH_APP_DATA_DIR"] = str(self.data_dir)
        return env

    def config(self):
        """The same settings as a ``Config`` for opening the engine in this process."""
        from search_app.config import Config

        return Config.from_env(self.environment())

    def open(self):
        """A ready engine on this index (opened the way the application opens it)."""
        from search_app.engines import open_engine

        return open_engine(self.config())

    def with_index(self, index: str, data_dir: Path | None = None) -> EngineTarget:
        return dataclasses.replace(self, index=index, data_dir=data_dir)

    def size_on_disk(self) -> int | None:
        """Bytes the index takes: its data directory (embedded) or the primaries' store size from _stats."""
        if self.data_dir is not None:
            return sum(p.stat().st_size for p in self.data_dir.rglob("*") if p.is_file())
        # A fixed admin URL built from our own index name, not from user input.
        with urllib.request.urlopen(f"{self.url.rstrip('/')}/{self.index}/_stats/store", timeout=30) as resp:
            stats = json.load(resp)
        return stats["_all"]["primaries"]["store"]["size_in_bytes"]

    def wait_until_idle(self, timeout: float = 900.0) -> None:
        """Return once the node merges no segments: a bulk load can leave merges running, which on two
        cores would slow whatever is timed beside them. (The embedded engine's writer finishes its
        merges before it closes.)"""
        if self.url is None:
            return
        base = self.url.rstrip("/")
        # Fixed admin URLs built from our own index name, not from user input.
        request = urllib.request.Request(f"{base}/{self.index}/_flush", method="POST")
        urllib.request.urlopen(request, timeout=120).close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"{base}/_nodes/stats/indices/merge", timeout=30) as resp:
                nodes = json.load(resp)["nodes"].values()
            if sum(node["indices"]["merges"]["current"] for node in nodes) == 0:
                return
            time.sleep(2)
        print(f"{self.kind}: still merging after {timeout:.0f}s; measuring anyway", file=sys.stderr)

    def drop(self) -> None:
        """Remove the index (and for embedded, its directory)."""
        if self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            return
        engine = self.open()
        try:
            engine.drop_index()
        finally:
            engine.close()


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """--engines and the remote node URLs (defaulting to what scripts/engines.py exports for the tests),
    and the corpus options (``add_corpus_arguments``)."""
    parser.add_argument(
        "--engines",
        default="embedded,elasticsearch,opensearch",
        help="comma-separated engines to run; remote ones run only when their URL is known "
        "(default: %(default)s)",
    )
    for kind in ("elasticsearch", "opensearch"):
        bench_env, test_env = f"SEARCH_APP_BENCH_{kind.upper()}_URL", f"SEARCH_APP_TEST_{kind.upper()}_URL"
        parser.add_argument(
            f"--{kind}-url",
            default=os.environ.get(bench_env) or os.environ.get(test_env),
            help=f"URL of a {kind} node on 127.0.0.1 (default: ${bench_env} from bench/nodes.py, "
            f"else ${test_env})",
        )
    add_corpus_arguments(parser)


def selected_targets(args: argparse.Namespace, size: int) -> list[EngineTarget]:
    """The engines asked for that can run here, each on the cached benchmark index for ``size``."""
    targets = []
    for kind in [k.strip() for k in args.engines.split(",") if k.strip()]:
        index = f"bench-{size}"
        if kind == "embedded":
            targets.append(
                EngineTarget(kind, index, data_dir=args.cache_dir / "indexes" / f"embedded-{size}")
            )
            continue
        url = getattr(args, f"{kind}_url", None)
        if not url:
            print(
                f"({kind}: no URL given, skipped; pass --{kind}-url or start nodes with scripts/engines.py)"
            )
            continue
        # Nodes without analysis-icu (the Elasticsearch integ-test-zip) run the reduced analysis chain.
        reduced = "true" in (
            os.environ.get(f"SEARCH_APP_BENCH_{kind.upper()}_REDUCED"),
            os.environ.get(f"SEARCH_APP_TEST_{kind.upper()}_REDUCED"),
        )
        targets.append(EngineTarget(kind, index, url=url, reduced_analysis=reduced))
    return targets


def run_ingest(target: EngineTarget, path: Path, extra_args: tuple[str, ...] = ()) -> float:
    """Index ``path`` (a directory or file) with ``search-app ingest``; returns its wall-clock seconds."""
    command = [*INGEST_COMMAND, str(path), "--quiet", *extra_args]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO_ROOT, env=target.environment(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(
            f"ingest into {target.kind} failed ({done.returncode}): {' '.join(command)}\n"
            f"{done.stderr.strip()[-3000:]}"
        )
    return seconds


def ensure_documents(corpus: Corpus, workers: int | None = None) -> Path:
    """The pipeline's documents for the corpus (``search-app ingest --dry-run``), cached as JSON Lines.

    The corpus files are split among ``workers`` dry-run processes (default: one per core), so that the
    search benchmarks' indexes at 100k articles can be built in reasonable time; the documents are the
    same the sequential command prints.
    """
    path = corpus.root.parent / "documents.jsonl"
    if path.exists():
        return path
    workers = max(1, min(workers or os.cpu_count() or 1, len(corpus.files)))
    groups = [corpus.files[i::workers] for i in range(workers)]
    parts = [path.with_suffix(f".part{i}") for i in range(workers)]
    print(f"running the pipeline on {corpus.count:,} articles ({workers} processes) ...", file=sys.stderr)
    processes = []
    for group, part in zip(groups, parts, strict=True):
        with part.open("wb") as out:
            command = [*INGEST_COMMAND, *map(str, group), "--dry-run", "--quiet"]
            processes.append(subprocess.Popen(command, cwd=REPO_ROOT, stdout=out, stderr=subprocess.PIPE))
    failed = [p.stderr.read().decode(errors="replace")[-2000:] for p in processes if p.wait() != 0]
    if failed:
        raise RuntimeError(f"ingest --dry-run failed:\n{failed[0]}")
    with path.with_suffix(".tmp").open("wb") as out:
        for part in parts:
            out.write(part.read_bytes())
            part.unlink()
    path.with_suffix(".tmp").rename(path)
    return path


def load_documents(target: EngineTarget, documents: Path, batch_size: int = 1000) -> float:
    """Upsert cached pipeline documents into the target through its engine; returns the seconds taken."""
    started = time.perf_counter()
    engine = target.open()
    try:
        engine.ensure_index()
        with documents.open(encoding="utf-8") as handle:
            batch = []
            for line in handle:
                batch.append(json.loads(line))
                if len(batch) == batch_size:
                    _upsert(engine, batch)
                    batch = []
            if batch:
                _upsert(engine, batch)
        engine.refresh()
    finally:
        engine.close()
    return time.perf_counter() - started


def _upsert(engine, batch: list[dict]) -> None:
    result = engine.upsert(batch)
    if result.failed:
        raise RuntimeError(f"{len(result.failed)} documents refused, e.g. {result.failed[0]}")


def ensure_index(target: EngineTarget, corpus: Corpus, rebuild: bool = False) -> int:
    """Build the index from the corpus unless a complete one is cached; returns its document count.

    The documents are the pipeline's own output (cached, see ``ensure_documents``), upserted through
    the engine contract: the same index ``search-app ingest`` builds, without re-running the pipeline
    for every engine. ``bench_ingest.py`` times the whole command instead.
    """
    marker = _marker_path(target, corpus)
    if not rebuild and marker.exists():
        expected = json.loads(marker.read_text(encoding="utf-8"))["documents"]
        if _document_count(target) == expected:
            return expected
    target.drop()
    documents_file = ensure_documents(corpus)
    print(f"building the {target.kind} index of {corpus.count:,} articles ...", file=sys.stderr, flush=True)
    seconds = load_documents(target, documents_file)
    documents = _document_count(target)
    if documents == 0:
        raise RuntimeError(f"ingest left the {target.kind} index empty")
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"documents": documents, "load_seconds": round(seconds, 2)}), "utf-8")
    return documents


def _index_version(target: EngineTarget) -> str:
    """What the cached index was built with: the mapping version, and for the embedded engine its
    Tantivy layout too. A new version means a new marker, so the index is rebuilt, not reused stale."""
    from search_app.engines.embedded_schema import index_version
    from search_app.engines.remote_mapping import load_mapping

    return index_version() if target.kind == "embedded" else f"v{load_mapping()['version']}"


def _marker_path(target: EngineTarget, corpus: Corpus) -> Path:
    name = f"{target.kind}-{target.index}-seed{corpus.seed}-{_index_version(target)}.json"
    return corpus.root.parent.parent / "indexes" / name


def _document_count(target: EngineTarget) -> int:
    try:
        engine = target.open()
    except Exception:  # no index yet (or an unreachable node): treat as empty and rebuild
        return -1
    try:
        engine.refresh()
        return int(engine.stats().get("documents", -1))
    except Exception:
        return -1
    finally:
        engine.close()


def main(argv: list[str] | None = None) -> int:
    """Build (or check) the cached benchmark indexes ahead of the search and HTTP benchmarks."""
    from corpus import ensure_corpus

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(s) for s in text.split(",")],
        default=[10_000, 100_000],
        help="comma-separated corpus sizes (default: 10000,100000)",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild even when a complete index is cached")
    add_engine_arguments(parser)
    args = parser.parse_args(argv)
    for size in args.sizes:
        corpus = ensure_corpus(size, args.seed, args.cache_dir)
        for target in selected_targets(args, size):
            documents = ensure_index(target, corpus, rebuild=args.rebuild)
            print(f"{target.kind} {target.index}: {documents:,} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
