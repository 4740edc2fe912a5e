"""Upgrade the index to the current mapping version with no downtime."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from-scratch", action="store_true", help="drop the index and create it empty")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("reindex: issue #3")
