"""Faceted full-text search for multilingual news (Hindi, Gujarati, English, ...)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("search-app")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"


def create_app(test_config=None):
    """The Flask application factory (``gunicorn 'search_app:create_app()'``)."""
    from search_app.web.app import create_app as _create_app

    return _create_app(test_config)
