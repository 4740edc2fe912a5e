"""Fixtures for the web tests: one real embedded (Tantivy) index on disk, built once per session from
the five seed articles (through the real ingest pipeline) and the test articles in ``articles.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import Processed, iter_articles
from search_app.config import Config
from search_app.engines.embedded import EmbeddedEngine
from search_app.web.app import create_app

from .articles import TEST_ARTICLES

INDEX_NAME = "articles"


def ingest_seeds(seeds_dir: Path) -> list[dict]:
    """The seed files as the real ingest pipeline turns them into documents."""
    items = list(iter_articles([str(seeds_dir)]))
    failures = [item for item in items if not isinstance(item, Processed)]
    assert not failures, failures
    return [dict(item.article) for item in items]


@pytest.fixture(scope="session")
def seed_documents(seeds_dir) -> list[dict]:
    return ingest_seeds(seeds_dir)


@pytest.fixture(scope="session")
def all_documents(seed_documents) -> list[dict]:
    return [*seed_documents, *TEST_ARTICLES]


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory, all_documents) -> Path:
    """A directory holding the built index (SEARCH_APP_DATA_DIR for servers started by the tests)."""
    directory = tmp_path_factory.mktemp("web-index")
    engine = EmbeddedEngine(directory, index=INDEX_NAME)
    engine.ensure_index()
    result = engine.upsert(all_documents)
    assert not result.failed, result.failed
    engine.refresh()
    engine.close()
    return directory


@pytest.fixture(scope="session")
def web_engine(data_dir):
    """The session's engine, opened the way the app opens it (read-mostly, shared by the tests)."""
    engine = EmbeddedEngine(data_dir, index=INDEX_NAME)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def app(web_engine):
    return create_app({"ENGINE": web_engine, "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def app_from_config(data_dir):
    """The app opening its own engine lazily from configuration, as under gunicorn."""
    return create_app({"SEARCH_APP_CONFIG": Config(data_dir=data_dir, index=INDEX_NAME)})
