"""Read article files, clean them, and index them (or print them with --dry-run)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, globs, or - for stdin")
    parser.add_argument("--dry-run", action="store_true", help="print documents as JSON Lines, index nothing")
    parser.add_argument("--rejects", metavar="FILE", help="write records that failed to FILE")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("ingest pipeline: issue #2")
