"""Upgrade the index to the current mapping version with no downtime.

The engine builds a new index under the current version of ``index_mappings/articles.json``, copies the
documents into it and switches readers over at once (Elasticsearch/OpenSearch: an atomic alias swap);
searches keep working throughout. Run it after upgrading the application when the mapping version changed.
``--from-scratch`` instead drops the index and creates it empty (ingest again afterwards).
Settings come from the environment (SEARCH_APP_ENGINE_URL, SEARCH_APP_DATA_DIR, SEARCH_APP_INDEX, ...).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from search_app.config import Config
from search_app.engines import EngineError, SearchEngine, open_engine


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``search-app reindex``."""
    parser.add_argument(
        "--from-scratch",
        action="store_true",
        help="drop the index and everything in it, then create it empty (ingest again afterwards)",
    )


def _describe(engine: SearchEngine) -> dict[str, Any] | None:
    """The engine's stats, or None when there is no index yet."""
    try:
        return engine.stats()
    except EngineError:
        return None


def upgrade(engine: SearchEngine, from_scratch: bool = False) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """Bring the index to the current mapping version; (stats before or None, stats after)."""
    before = _describe(engine)
    if from_scratch:
        engine.drop_index()
    engine.ensure_index()
    return before, engine.stats()


def run(args: argparse.Namespace) -> int:
    """Run the upgrade and report what changed; 1 with the reason when the engine fails."""
    config = Config.from_env()
    try:
        engine = open_engine(config)
    except EngineError as exc:
        print(f"reindex: cannot open the engine: {exc}", file=sys.stderr)
        return 1
    try:
        before, after = upgrade(engine, from_scratch=args.from_scratch)
    except EngineError as exc:
        print(f"reindex: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.close()
    was = f"{before.get('index')} ({before.get('documents')} documents)" if before else "no index"
    now = f"{after.get('index')} ({after.get('documents')} documents)"
    if args.from_scratch:
        print(f"{engine.name}: dropped {was}; created {now}")
    elif before and before.get("index") == after.get("index"):
        print(f"{engine.name}: {now} is already at the current mapping version")
    else:
        print(f"{engine.name}: {was} -> {now}")
    return 0
