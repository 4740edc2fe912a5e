"""Show which engine is configured, whether it is reachable, its plugins and document count."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("check: issue #5")
