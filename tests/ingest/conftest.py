"""Fixtures for the ingest tests: the seed articles as the real pipeline turns them into documents."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.pipeline import Processed, iter_articles

# Dates are checked against a fixed "today" so a test written now reads the same in any year.
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="session")
def seed_articles(seeds_dir) -> dict[str, dict]:
    """Seed file number ("000".."004") -> the document the pipeline makes of it."""
    items = list(iter_articles([str(seeds_dir)], today=TODAY))
    failures = [item for item in items if not isinstance(item, Processed)]
    assert not failures, failures
    return {item.path.rsplit("/", 1)[-1][:3]: dict(item.article) for item in items}


def ingest_file(tmp_path, name: str, text: str) -> Processed:
    """The one article the real pipeline makes of a file ``name`` holding ``text``, written to tmp_path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    items = list(iter_articles([str(path)], today=TODAY))
    assert len(items) == 1 and isinstance(items[0], Processed), items
    return items[0]
