"""The search engine behind the app: opened lazily, once per process, never at import time.

Each gunicorn worker (preload off) opens its own engine on its first request. A test may hand the app
a ready engine as ``test_config["ENGINE"]``.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask, current_app

from search_app.config import Config
from search_app.engines import EngineUnavailable, SearchEngine, open_engine

log = logging.getLogger(__name__)
_EXTENSION = "search_engine"
_lock = threading.Lock()


def init_app(app: Flask, config: Config, engine: SearchEngine | None = None) -> None:
    """Remember how to open the engine (or the ready one given) for ``get_engine``."""
    app.extensions[_EXTENSION] = {"config": config, "engine": engine}


def get_engine() -> SearchEngine:
    """This process's engine; raises EngineUnavailable when it cannot be opened (retried next time)."""
    state = current_app.extensions[_EXTENSION]
    if state["engine"] is None:
        with _lock:
            if state["engine"] is None:
                state["engine"] = _open(state["config"])
    return state["engine"]


def _open(config: Config) -> SearchEngine:
    try:
        return open_engine(config)
    except EngineUnavailable:
        raise
    except (OSError, ValueError, RuntimeError) as exc:
        # A missing or unreadable index, or a node that refuses us, is an outage to report, not a crash.
        log.warning("cannot open the search engine: %s", exc)
        raise EngineUnavailable(f"the search engine cannot be opened: {exc}") from exc
