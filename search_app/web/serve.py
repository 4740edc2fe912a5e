"""Run the web UI and JSON API with Flask's development server (use gunicorn in production)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default 8000)")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("web app: issue #4")
