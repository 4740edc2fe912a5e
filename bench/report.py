"""Shared output for the benchmark scripts: percentiles, Markdown tables, and docs/benchmarks.md sections.

Every script prints its table to stdout and, with ``--write-docs``, replaces its own ``## ...`` section in
docs/benchmarks.md (other sections belong to other people and are left byte for byte as they were).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import statistics
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS_FILE = REPO_ROOT / "docs" / "benchmarks.md"
DOCS_TITLE = "# Benchmarks\n"


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile (0-100) by linear interpolation between the closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Iterable[float]) -> float:
    """The median, or NaN for no values."""
    values = list(values)
    return statistics.median(values) if values else float("nan")


def fmt(value: float | int | str | None, digits: int = 1) -> str:
    """A table cell: numbers rounded, thousands separated, NaN and None shown as a dash."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value != value:  # NaN
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; numeric columns are right-aligned."""
    rows = [[cell if isinstance(cell, str) else fmt(cell) for cell in row] for row in rows]
    numeric = [all(re.fullmatch(r"[-–0-9.,×%]+", row[i] or "–") for row in rows) for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---:" if num else "---" for num in numeric) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _read_first(path: str, pattern: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                match = re.match(pattern, line)
                if match:
                    return match.group(1).strip()
    except OSError:
        return None
    return None


def machine_description() -> str:
    """One line naming the machine the numbers come from: cores, CPU model, RAM, OS, Python."""
    cpu = _read_first("/proc/cpuinfo", r"model name\s*:\s*(.*)") or platform.processor() or "unknown CPU"
    mem_kb = _read_first("/proc/meminfo", r"MemTotal:\s*(\d+) kB")
    ram = f"{int(mem_kb) / 1024**2:.1f} GiB RAM" if mem_kb else "RAM unknown"
    os_name = _read_first("/etc/os-release", r'PRETTY_NAME="?([^"]*)"?') or platform.system()
    return f"{os.cpu_count()} cores (nproc), {cpu}, {ram}, {os_name}, Python {platform.python_version()}"


def command_line() -> str:
    """The exact command that produced the numbers, as someone would type it from the repo root."""
    script = Path(sys.argv[0]).resolve()
    try:
        script_text = str(script.relative_to(REPO_ROOT))
    except ValueError:
        script_text = str(script)
    return shlex.join([".venv/bin/python", script_text, *sys.argv[1:]])


def section_text(heading: str, body: str) -> str:
    """A whole section: heading, provenance (machine, date, command), then the body."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"## {heading}\n\n"
        f"- Machine: {machine_description()}\n"
        f"- Date: {now}\n"
        f"- Command: `{command_line()}`\n\n"
        f"{body.rstrip()}\n"
    )


def replace_section(document: str, heading: str, section: str) -> str:
    """``document`` with the ``## heading`` section replaced by ``section`` (appended when absent).

    A section runs from its ``## `` line to the next ``## `` line (or the end), so sections written by
    others stay untouched.
    """
    if not document.strip():
        document = DOCS_TITLE
    pattern = re.compile(rf"^## {re.escape(heading)}[ \t]*\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _match: section.rstrip() + "\n\n", document, count=1).rstrip() + "\n"
    return document.rstrip() + "\n\n" + section.rstrip() + "\n"


def write_section(heading: str, body: str, docs_file: Path = DOCS_FILE) -> Path:
    """Replace (or append) our section of the benchmarks document; returns its path."""
    docs_file.parent.mkdir(parents=True, exist_ok=True)
    current = docs_file.read_text(encoding="utf-8") if docs_file.exists() else ""
    docs_file.write_text(replace_section(current, heading, section_text(heading, body)), encoding="utf-8")
    return docs_file


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every benchmark script shares for where its table goes."""
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="replace this script's section in docs/benchmarks.md (or --docs-file) with the new table",
    )
    parser.add_argument(
        "--docs-file", type=Path, default=DOCS_FILE, help="the Markdown file to write (default: %(default)s)"
    )


def publish(args: argparse.Namespace, heading: str, body: str) -> None:
    """Print the section body; also write it to the docs file when asked."""
    print(f"\n## {heading}\n\n{body}", flush=True)
    if args.write_docs:
        path = write_section(heading, body, args.docs_file)
        print(f"(section '{heading}' written to {path})", file=sys.stderr)


def verdict(value: float, limit: float, unit: str = "", at_least: bool = False) -> str:
    """``value`` against a target: 'met' or 'missed by N%', with the target spelt out."""
    shown = f"{fmt(value, 2)}{unit}"
    target = f"target {'≥' if at_least else '≤'} {fmt(limit, 2)}{unit}"
    if (value >= limit) if at_least else (value <= limit):
        return f"{shown}: met ({target})"
    shortfall = (1 - value / limit) if at_least else (value / limit - 1)
    missed = f"{shortfall * 100:.0f}%" if shortfall >= 0.01 else "less than 1%"
    return f"{shown}: missed by {missed} ({target})"
