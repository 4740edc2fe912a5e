"""Search engines behind one contract (``base.SearchEngine``), chosen by configuration."""

from __future__ import annotations

from search_app.config import Config
from search_app.engines.base import (
    BulkResult,
    EngineError,
    EngineUnavailable,
    FacetValue,
    Health,
    Hit,
    InvalidSearch,
    MissingPlugin,
    SearchEngine,
    SearchRequest,
    SearchResult,
)

__all__ = [
    "BulkResult",
    "EngineError",
    "EngineUnavailable",
    "FacetValue",
    "Health",
    "Hit",
    "InvalidSearch",
    "MissingPlugin",
    "SearchEngine",
    "SearchRequest",
    "SearchResult",
    "open_engine",
]


def open_engine(config: Config | None = None) -> SearchEngine:
    """The engine the configuration names: Elasticsearch/OpenSearch for a URL, else the embedded one."""
    config = config or Config.from_env()
    if config.engine_url:
        # Imported lazily so the embedded default never needs the HTTP clients loaded.
        from search_app.engines.remote import open_remote_engine

        return open_remote_engine(config)
    from search_app.engines.embedded import EmbeddedEngine

    return EmbeddedEngine(config.data_dir, index=config.index, query_cache=config.query_cache)
