"""The ``search-app`` command: one entry point, a subcommand per job.

Each subcommand lives in the module that owns the job and exposes ``add_arguments(parser)`` and
``run(args) -> int``; this file only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from search_app import __version__

# subcommand -> (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("ingest.cli", "read article files, clean them and index them"),
    "serve": ("search_app.web.serve", "run the web UI and JSON API (development server)"),
    "reindex": (
        "search_app.reindex",
        "rebuild the index under the current mapping version, with no downtime",
    ),
    "check": ("search_app.check", "show which engine is configured, whether it is reachable, and its counts"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that subcommand's module is imported for its options.

    The modules are imported on demand because ingest's (trafilatura, the language detector, the
    country names) take half a second: ``--version``, ``check`` and ``serve`` should not wait for it.
    With no ``command`` every subcommand gets its options.
    """
    parser = argparse.ArgumentParser(
        prog="search-app",
        description="Faceted full-text search for multilingual news articles.",
    )
    parser.add_argument("--version", action="version", version=f"search-app {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        if command is not None and name != command:
            subparsers.add_parser(name, help=help_text)
            continue
        module = importlib.import_module(module_name)
        sub = subparsers.add_parser(name, help=help_text, description=module.__doc__)
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def _command(argv: list[str]) -> str:
    """The subcommand argv names (the first word that is not an option), or "" for none."""
    words = [word for word in argv if not word.startswith("-")]
    return words[0] if words else ""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
