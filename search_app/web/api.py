"""The JSON API: search, one article, search-box suggestions, and the OpenAPI document describing them."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import NotFound

from search_app.query import MAX_QUERY_LENGTH
from search_app.web.engine import get_engine
from search_app.web.search_params import BadParameter, parse_search_args
from search_app.web.search_service import article_view, run_search, with_source_spellings

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_SUGGESTIONS = 20
DEFAULT_SUGGESTIONS = 8


@lru_cache(maxsize=1)
def openapi_text() -> str:
    """The OpenAPI 3 description of this API (a data file beside this module)."""
    return files("search_app.web").joinpath("openapi.json").read_text(encoding="utf-8")


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document, parsed."""
    return json.loads(openapi_text())


@bp.get("/search")
def search() -> Response:
    """Full-text search with facets; same parameters as the page."""
    params = parse_search_args(request.args)  # before the engine: bad input costs nothing else
    engine = get_engine()
    return jsonify(run_search(engine, with_source_spellings(engine, params)))


@bp.get("/articles/<path:article_id>")
def article(article_id: str) -> Response:
    """One stored article, or 404."""
    document = get_engine().get(article_id)
    if document is None:
        raise NotFound(f"no article with id {article_id!r}")
    return jsonify(article_view(document))


@bp.get("/suggest")
def suggest() -> Response:
    """Completions for what has been typed so far in the search box."""
    raw_prefix = request.args.get("q") or ""
    prefix = raw_prefix.strip()
    if len(raw_prefix) > MAX_QUERY_LENGTH:
        raise BadParameter("q", f"q is at most {MAX_QUERY_LENGTH} characters", code="query_too_long")
    raw_size = request.args.get("size", str(DEFAULT_SUGGESTIONS))
    if not (raw_size.isascii() and raw_size.isdigit() and 1 <= int(raw_size) <= MAX_SUGGESTIONS):
        raise BadParameter("size", f"size must be a whole number between 1 and {MAX_SUGGESTIONS}")
    suggestions = get_engine().suggest(prefix, size=int(raw_size)) if prefix else []
    return jsonify({"query": prefix, "suggestions": suggestions})


@bp.get("/openapi.json")
def openapi() -> Response:
    """This API's OpenAPI document."""
    return current_app.response_class(openapi_text(), mimetype="application/json")
