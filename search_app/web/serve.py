"""Run the web UI and JSON API with Flask's development server (use gunicorn in production:
``gunicorn -c gunicorn.conf.py``). Binds to 127.0.0.1:8000 unless told otherwise; debug only when asked.
"""

from __future__ import annotations

import argparse

from search_app.config import Config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=None, help="address to bind (default SEARCH_APP_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default SEARCH_APP_PORT or 8000)")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="Flask debug mode with the interactive debugger: development only, never on a shared network",
    )


def run(args: argparse.Namespace) -> int:
    from search_app.web.app import create_app

    config = Config.from_env(host=args.host, port=args.port, debug=True if args.debug else None)
    app = create_app({"SEARCH_APP_CONFIG": config})
    app.run(host=config.host, port=config.port, debug=config.debug, threaded=True)
    return 0
