"""The benchmark scripts still run: each one once, at the smallest size, on real engines.

These tests check that the scripts work end to end and print (and write) their tables. They never look at
the numbers: speed is what the scripts report, not something a test asserts.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH = REPO_ROOT / "bench"
SMALL = 200


def _load_report_module():
    spec = importlib.util.spec_from_file_location("bench_report", BENCH / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    """One corpus of SMALL articles (and its indexes) shared by the scripts in this module."""
    return tmp_path_factory.mktemp("bench-cache")


@pytest.fixture
def docs_file(tmp_path) -> Path:
    """A benchmarks document that already holds someone else's section, which must survive."""
    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\n## Ingest pipeline (issue #2)\n\nTheir table stays.\n", encoding="utf-8")
    return path


def run_script(
    script: str, *args: str, cache_dir: Path, docs_file: Path, engines: str | None = "embedded"
) -> str:
    command = [
        sys.executable,
        str(BENCH / script),
        *args,
        *(["--engines", engines] if engines else []),
        "--cache-dir",
        str(cache_dir),
        "--write-docs",
        "--docs-file",
        str(docs_file),
    ]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=540)
    assert done.returncode == 0, f"{script} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def assert_section(stdout: str, docs_file: Path, heading: str, column: str) -> None:
    assert f"## {heading}" in stdout
    assert any(line.startswith("| ") and column in line for line in stdout.splitlines()), stdout
    written = docs_file.read_text(encoding="utf-8")
    assert "Their table stays." in written  # the other section is untouched
    assert written.count(f"## {heading}") == 1
    assert "- Command: `" in written and "- Machine: " in written


def table_row(stdout: str, label: str) -> dict[str, str]:
    """The first table row of ``stdout`` whose first cell is ``label``, by column name."""
    lines = stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"| {label} |"))
    # The header is the line above the nearest |---| line above the row.
    header = next(lines[i - 1] for i in range(at, 0, -1) if lines[i].startswith("|--"))
    row = lines[at]
    names = [cell.strip() for cell in header.strip("|").split("|")]
    return dict(zip(names, (cell.strip() for cell in row.strip("|").split("|")), strict=True))


def test_bench_ingest_runs(cache_dir, docs_file):
    stdout = run_script(
        "bench_ingest.py", "--sizes", str(SMALL), "--runs", "1", cache_dir=cache_dir, docs_file=docs_file
    )
    assert_section(stdout, docs_file, "Ingest end to end (issue #6)", "articles/s (median)")
    embedded = table_row(stdout, "embedded")
    assert embedded["articles"] == str(SMALL) and embedded["documents indexed"] == str(SMALL)
    # The CPU time of the command and its workers is measured, not left blank.
    assert float(embedded["CPU ms/article"]) > 0 and float(embedded["cores busy"]) > 0


def test_ingest_stages_runs(cache_dir, docs_file):
    stdout = run_script(
        "ingest_stages.py", "--size", str(SMALL), cache_dir=cache_dir, docs_file=docs_file, engines=None
    )
    assert_section(stdout, docs_file, "Ingest stages (issue #6)", "CPU ms/article")
    stages = {
        name: table_row(stdout, name)
        for name in ("pipeline (read, clean, detect, extract)", "writing (Tantivy, commits, merges)")
    }
    assert all(float(row["CPU ms/article"]) > 0 for row in stages.values())
    assert f"{SMALL} articles of" in stdout


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_bench_ingest_runs_on_remote_engines(kind, cache_dir, docs_file):
    if not os.environ.get(f"SEARCH_APP_TEST_{kind.upper()}_URL"):
        pytest.skip(f"no {kind} node: SEARCH_APP_TEST_{kind.upper()}_URL is unset (scripts/test starts one)")
    stdout = run_script(
        "bench_ingest.py", "--sizes", str(SMALL), "--runs", "1", "--no-dry-run",
        cache_dir=cache_dir, docs_file=docs_file, engines=kind,
    )  # fmt: skip
    assert_section(stdout, docs_file, "Ingest end to end (issue #6)", "index KB/article")
    row = table_row(stdout, kind)
    assert row["articles"] == str(SMALL) and row["documents indexed"] == str(SMALL)  # every one indexed
    assert float(row["index KB/article"]) > 0  # the index size comes from the node's _stats


def test_bench_search_runs(cache_dir, docs_file):
    stdout = run_script(
        "bench_search.py",
        "--sizes",
        str(SMALL),
        "--repeat",
        "1",
        "--warmup",
        "0",
        "--runs",
        "2",
        cache_dir=cache_dir,
        docs_file=docs_file,
    )
    assert_section(stdout, docs_file, "Search latency (issue #6)", "engine p50 ms")
    assert "| embedded | 200 | 3 facets |" in stdout  # every query computed in full
    assert "| embedded, repeated (query cache on) | 200 | 3 facets |" in stdout
    # Two runs: the pooled table holds both runs' samples, and each run's p50 is shown with the median.
    queries = json.loads((BENCH / "queries.json").read_text(encoding="utf-8"))
    query_set_size = len(queries["queries"]) * len(queries["filter_sets"])
    assert table_row(stdout, "embedded")["samples"] == str(2 * query_set_size)
    assert "| engine | articles | queries | run 1 | run 2 | median |" in stdout
    assert "Targets (embedded engine; medians of the 2 runs' figures):" in stdout


def test_profile_stage_runs(cache_dir, docs_file):
    stdout = run_script(
        "profile_stage.py",
        "search",
        "--size",
        str(SMALL),
        "--repeat",
        "1",
        cache_dir=cache_dir,
        docs_file=docs_file,
    )
    assert_section(stdout, docs_file, "Profile: search (issue #6)", "self %")


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (Debian package: wrk)")
def test_bench_http_runs(cache_dir, docs_file):
    stdout = run_script(
        "bench_http.py",
        "--size",
        str(SMALL),
        "--duration",
        "2",
        "--warmup",
        "1",
        cache_dir=cache_dir,
        docs_file=docs_file,
    )
    assert_section(stdout, docs_file, "HTTP under load (issue #6)", "requests/s")
    api_rows = [line for line in stdout.splitlines() if "| /api/search |" in line]
    assert [row.split("|")[1].strip() for row in api_rows] == ["embedded", "embedded, query cache off"]
    for row in api_rows:
        assert row.rstrip().endswith("| 0 |"), f"errors under load: {row}"


def test_replace_section_keeps_other_sections():
    report = _load_report_module()
    document = "# Benchmarks\n\n## A\n\nold A\n\n## Mine\n\nold mine\n\n## B\n\nold B\n"
    updated = report.replace_section(document, "Mine", "## Mine\n\nnew mine\n")
    assert updated == "# Benchmarks\n\n## A\n\nold A\n\n## Mine\n\nnew mine\n\n## B\n\nold B\n"
    appended = report.replace_section(updated, "New", "## New\n\nfresh\n")
    assert appended.endswith("## B\n\nold B\n\n## New\n\nfresh\n")
    assert report.replace_section("", "Mine", "## Mine\n\nx\n") == "# Benchmarks\n\n## Mine\n\nx\n"


def test_percentile_interpolates():
    report = _load_report_module()
    assert report.percentile([1, 2, 3, 4], 50) == 2.5
    assert report.percentile([5.0], 99) == 5.0
    assert report.percentile(list(range(101)), 99) == 99.0


def test_cross_script_names_check_runs(tmp_path):
    # Two names, one the search finds in every script and one it cannot (no spelling relates them):
    # the script reports the second's searches and counts them, whatever they are.
    names = tmp_path / "names.tsv"
    names.write_text("# latin\thindi\tgujarati\nNarendra Modi\tनरेंद्र मोदी\tનરેન્દ્ર મોદી\nZyx\tकलम\tપેન\n")
    done = subprocess.run(
        [sys.executable, str(BENCH / "cross_script_names.py"), "--names", str(names)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Narendra Modi" not in done.stdout  # found everywhere: not reported
    assert '"Zyx": missing' in done.stdout
    assert table_row(done.stdout, "all")["as typed: searches that missed"] == "6 of 12 searches"


def test_cross_script_precision_check_runs(tmp_path):
    # A name with a false friend it must leave (मास्को) and its own spelling it must find (मस्क); and a
    # made-up one whose spelling nothing relates: the script counts that spelling as missed.
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("# name\tavoid\tfind\nMusk\tमास्को\tमस्क\nZyx\t\tकलम\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(BENCH / "cross_script_precision.py"), "--pairs", str(pairs)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Zyx: found [], missed ['कलम']" in done.stdout
    assert table_row(done.stdout, "0 of 1")["own spellings missed"] == "1 of 2"
