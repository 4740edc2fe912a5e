"""Liveness (``/healthz``: the process answers) and readiness (``/readyz``: the engine answers)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from search_app.engines.base import EngineUnavailable
from search_app.web.engine import get_engine

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    """The process is up; says nothing about the engine."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz() -> Response:
    """The engine is reachable and its index usable; 503 with Retry-After otherwise."""
    engine = get_engine()
    health = engine.health()
    if not health.ok:
        raise EngineUnavailable(health.detail or f"{health.engine} is not ready")
    return jsonify({"status": "ready", "engine": health.engine})
