"""The web UI and JSON API (Flask): two renderings of one search call.

- ``app.create_app``: the application factory (gunicorn: ``search_app:create_app()``);
- ``search_params``: request arguments -> ``SearchRequest`` (shared by page and API);
- ``search_service``: runs the search and shapes the response (labels, selections, snippets);
- ``pages`` (HTML), ``api`` (JSON), ``health`` (/healthz, /readyz): the blueprints;
- ``errors``, ``security``: JSON/HTML errors and security headers; ``engine``: the lazily opened engine;
- ``openapi.json``, ``templates/``, ``static/``: data, Jinja templates, CSS and the optional script.
"""
