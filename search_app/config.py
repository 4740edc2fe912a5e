"""Configuration from the environment, in one place.

Every setting the application reads is listed in ``SETTINGS`` with its default and meaning;
the README's configuration reference is written from the same list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def default_data_dir() -> Path:
    """A per-user data directory (XDG on Linux, the usual places elsewhere)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "search-app"


# name -> (default shown to users, what it does)
SETTINGS: dict[str, tuple[str, str]] = {
    "SEARCH_APP_ENGINE_URL": (
        "(unset)",
        "http(s):// URL of an Elasticsearch or OpenSearch node; unset means the embedded engine",
    ),
    "SEARCH_APP_DATA_DIR": ("~/.local/share/search-app", "where the embedded engine keeps its index"),
    "SEARCH_APP_INDEX": ("articles", "index alias (the real index name is versioned behind it)"),
    "SEARCH_APP_USERNAME": ("(unset)", "basic-auth user for Elasticsearch/OpenSearch"),
    "SEARCH_APP_PASSWORD": ("(unset)", "basic-auth password for Elasticsearch/OpenSearch"),
    "SEARCH_APP_API_KEY": ("(unset)", "Elasticsearch API key (instead of user/password)"),
    "SEARCH_APP_CA_CERTS": ("(unset)", "path to a CA bundle for TLS to the engine"),
    "SEARCH_APP_VERIFY_CERTS": ("true", "set to false to skip TLS verification (testing only)"),
    "SEARCH_APP_REDUCED_ANALYSIS": (
        "false",
        "true allows a node without analysis-icu (a reduced, non-ICU analysis chain; for test nodes)",
    ),
    "SEARCH_APP_QUERY_CACHE": (
        "true",
        "embedded engine: reuse facet counts and highlights of recent queries (per process, emptied when "
        "the index changes); false computes every search from scratch",
    ),
    "SEARCH_APP_HOST": ("127.0.0.1", "address `search-app serve` binds to"),
    "SEARCH_APP_PORT": ("8000", "port `search-app serve` and gunicorn listen on"),
    "SEARCH_APP_DEBUG": ("false", "Flask debug mode; development only"),
}


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Config:
    """Settings for the engines, the web app and ingest."""

    engine_url: str | None = None
    data_dir: Path = field(default_factory=default_data_dir)
    index: str = "articles"
    username: str | None = None
    password: str | None = None
    api_key: str | None = None
    ca_certs: str | None = None
    verify_certs: bool = True
    reduced_analysis: bool = False
    query_cache: bool = True
    host: str = "127.0.0.1"
    port: int = 8000
    debug: bool = False

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Config:
        env = os.environ if environ is None else environ
        values = dict(
            engine_url=env.get("SEARCH_APP_ENGINE_URL") or None,
            data_dir=Path(env["SEARCH_APP_DATA_DIR"]).expanduser()
            if env.get("SEARCH_APP_DATA_DIR")
            else default_data_dir(),
            index=env.get("SEARCH_APP_INDEX") or "articles",
            username=env.get("SEARCH_APP_USERNAME") or None,
            password=env.get("SEARCH_APP_PASSWORD") or None,
            api_key=env.get("SEARCH_APP_API_KEY") or None,
            ca_certs=env.get("SEARCH_APP_CA_CERTS") or None,
            verify_certs=_flag(env.get("SEARCH_APP_VERIFY_CERTS"), default=True),
            reduced_analysis=_flag(env.get("SEARCH_APP_REDUCED_ANALYSIS")),
            query_cache=_flag(env.get("SEARCH_APP_QUERY_CACHE"), default=True),
            host=env.get("SEARCH_APP_HOST") or "127.0.0.1",
            port=int(env.get("SEARCH_APP_PORT") or 8000),
            debug=_flag(env.get("SEARCH_APP_DEBUG")),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def redact_url(url: str) -> str:
    """The URL without any user:password part, safe to print."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, f"***@{host}", parts.path, parts.query, parts.fragment))
