"""The ``engine`` fixture: the same contract tests run on every engine that can run here.

- embedded: always (a real Tantivy index in a temporary directory);
- elasticsearch / opensearch: real nodes on 127.0.0.1, started by ``scripts/engines.py`` (``scripts/test``
  does it) and named by SEARCH_APP_TEST_ELASTICSEARCH_URL / SEARCH_APP_TEST_OPENSEARCH_URL;
- elasticsearch-docker: the official image with analysis-icu through testcontainers, where a Docker
  engine is reachable.
Each test gets its own fresh index, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid

import pytest

from search_app.config import Config
from search_app.engines import open_engine

ENGINE_KINDS = ["embedded", "elasticsearch", "opensearch", "elasticsearch-docker"]


def _remote_config(kind: str, url: str) -> Config:
    # The Elasticsearch integ-test-zip has no analysis-icu: it runs the reduced chain.
    reduced = os.environ.get(f"SEARCH_APP_TEST_{kind.upper()}_REDUCED", "false") == "true"
    return Config(engine_url=url, index=f"test-{uuid.uuid4().hex[:10]}", reduced_analysis=reduced)


def _docker_url(request) -> str:
    from tests.engines.docker_node import elasticsearch_container_url  # testcontainers, lazily

    return elasticsearch_container_url(request)


def _engine_of_kind(kind: str, request, tmp_path):
    """A fresh index on the engine ``kind`` for the test, dropped afterwards (skips, saying why, where
    that engine cannot run here)."""
    if kind == "embedded":
        config = Config(data_dir=tmp_path / "data", index="articles")
    elif kind == "elasticsearch-docker":
        config = _remote_config("elasticsearch", _docker_url(request))
    else:
        url = os.environ.get(f"SEARCH_APP_TEST_{kind.upper()}_URL")
        if not url:
            pytest.skip(
                f"no {kind} node: SEARCH_APP_TEST_{kind.upper()}_URL is unset "
                "(scripts/test provisions and starts one with scripts/engines.py)"
            )
        config = _remote_config(kind, url)
    eng = open_engine(config)
    if request.node.get_closest_marker("needs_icu") and not eng.has_icu:
        eng.close()
        pytest.skip(f"needs the analysis-icu plugin, which this {kind} node lacks (reduced analysis chain)")
    eng.ensure_index()
    yield eng
    try:
        eng.drop_index()
    finally:
        eng.close()


@pytest.fixture(params=ENGINE_KINDS)
def engine(request, tmp_path):
    yield from _engine_of_kind(request.param, request, tmp_path)


@pytest.fixture(params=[kind for kind in ENGINE_KINDS if kind != "embedded"])
def remote_engine(request, tmp_path):
    """The remote engines only: for what a search server does itself (its own analysis of a text)."""
    yield from _engine_of_kind(request.param, request, tmp_path)
