"""Errors as clients see them: JSON ``{"error": {"code", "message"}}`` under /api, a page elsewhere.

Anything a client can send ends in a 4xx; the engine being down is a 503 with ``Retry-After``; a 500
only ever means a bug in this program, and it is logged.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from search_app.engines.base import EngineUnavailable, InvalidSearch
from search_app.query import QueryTooLong
from search_app.web.search_params import BadParameter

log = logging.getLogger(__name__)
# Paths whose clients are programs: they get JSON errors, never HTML.
_JSON_PREFIXES = ("/api/", "/healthz", "/readyz")


def wants_json() -> bool:
    """True for the API and the health endpoints."""
    return request.path == "/api" or request.path.startswith(_JSON_PREFIXES)


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error in the client's representation (JSON for the API, the error page otherwise)."""
    if wants_json():
        response = jsonify({"error": {"code": code, "message": message}})
    else:
        response = current_app.make_response(
            render_template("error.html", status=status, code=code, message=message)
        )
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _bad_request(exc: Exception) -> Response:
    if isinstance(exc, BadParameter):
        code = exc.code
    else:
        code = "query_too_long" if isinstance(exc, QueryTooLong) else "bad_parameter"
    return error_response(400, code, str(exc))


def _engine_unavailable(exc: Exception) -> Response:
    log.warning("engine unavailable: %s", exc)
    retry_after = str(current_app.config["RETRY_AFTER_SECONDS"])
    message = "The search engine is not reachable right now; try again shortly."
    return error_response(503, "engine_unavailable", message, {"Retry-After": retry_after})


def _http_error(exc: HTTPException) -> Response:
    code = (exc.name or "error").lower().replace(" ", "_")
    response = error_response(exc.code or 500, code, exc.description or exc.name)
    if exc.code == 405 and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _bug(exc: Exception) -> Response:
    if isinstance(exc, HTTPException) and not isinstance(exc, InternalServerError):
        return _http_error(exc)
    original = getattr(exc, "original_exception", None) or exc
    log.error("unhandled error on %s %s", request.method, request.path, exc_info=original)
    return error_response(500, "internal_error", "Something went wrong on our side; it has been logged.")


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.config.setdefault("RETRY_AFTER_SECONDS", 5)
    app.register_error_handler(BadParameter, _bad_request)
    app.register_error_handler(InvalidSearch, _bad_request)
    app.register_error_handler(QueryTooLong, _bad_request)
    app.register_error_handler(EngineUnavailable, _engine_unavailable)
    # An I/O error while a view runs comes from the engine's storage or network (the app itself reads
    # no files per request): an outage to retry, not a bug to hide behind a 500.
    app.register_error_handler(OSError, _engine_unavailable)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _bug)
