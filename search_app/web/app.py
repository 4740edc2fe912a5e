"""The Flask application factory: configuration, the engine (opened lazily), blueprints, errors, headers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from search_app.config import Config
from search_app.web import api, errors, health, pages, security
from search_app.web import engine as engine_access


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. ``test_config`` overrides Flask settings and may carry:

    - ``SEARCH_APP_CONFIG``: a ``search_app.config.Config`` (default: ``Config.from_env()``);
    - ``ENGINE``: a ready ``SearchEngine`` to use instead of opening one from the configuration.
    """
    app = Flask(__name__)
    overrides = dict(test_config or {})
    config: Config = overrides.pop("SEARCH_APP_CONFIG", None) or Config.from_env()
    engine = overrides.pop("ENGINE", None)
    app.config.update(DEBUG=config.debug, RETRY_AFTER_SECONDS=5)
    app.config.update(overrides)

    # Everything rendered is escaped unless a view marks it safe (only sanitized snippets are).
    app.jinja_env.autoescape = True
    # JSON as people read it: Hindi and Gujarati unescaped, fields in the documented order.
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    engine_access.init_app(app, config, engine)
    errors.init_app(app)
    security.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)
    return app
