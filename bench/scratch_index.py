"""A throwaway index for the recall and precision scripts: the embedded engine in a temporary directory,
or a fresh index on an Elasticsearch/OpenSearch node; dropped when the block ends."""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from search_app.config import Config  # noqa: E402
from search_app.engines import open_engine  # noqa: E402


def add_engine_url_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine-url", help="an Elasticsearch/OpenSearch node (default: the embedded engine)"
    )


@contextmanager
def scratch_engine(engine_url: str | None, prefix: str) -> Iterator:
    """An engine with an empty index of its own (named ``prefix``-random on a node), dropped afterwards."""
    with tempfile.TemporaryDirectory() as data_dir:
        if engine_url:
            config = Config(engine_url=engine_url, index=f"{prefix}-{uuid.uuid4().hex[:8]}")
        else:
            config = Config(data_dir=Path(data_dir), index="articles")
        engine = open_engine(config)
        engine.ensure_index()
        try:
            yield engine
        finally:
            engine.drop_index()
            engine.close()
