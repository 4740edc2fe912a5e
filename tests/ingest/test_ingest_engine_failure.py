"""An engine that fails partway through ``search-app ingest``: every record read is accounted for.

The failure is real: ``ingest`` reads JSON Lines from a pipe into a real embedded (Tantivy) index; once
its first batch is committed, this test takes the index's single writer lock itself (as another writing
process would), so the next batch cannot be written. The engine waits for the lock (30 s, its own
timeout), gives up with EngineUnavailable, and ingest must exit 2 with a summary that still adds up and
name the records it read but never wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tantivy

from search_app.config import Config
from search_app.engines import open_engine

PARAGRAPH = (
    "The {n} delegations met in Goa on Thursday and agreed to expand trade, energy and transport links."
)


def article(n: int) -> dict:
    return {"title": f"Trade talks, round {n}", "body": PARAGRAPH.format(n=n), "id": f"talks-{n}"}


def clean_env() -> dict[str, str]:
    """This environment without SEARCH_APP_* settings (an engine URL there would win over --data-dir)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SEARCH_APP_")}


def ingest_from_pipe(data_dir: Path, *argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ingest", "-", "--data-dir", str(data_dir), *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )


def send(proc: subprocess.Popen, *records: dict) -> None:
    assert proc.stdin is not None
    proc.stdin.write("".join(json.dumps(r) + "\n" for r in records))
    proc.stdin.flush()


def documents_in(data_dir: Path) -> int:
    engine = open_engine(Config(data_dir=data_dir))
    try:
        engine.refresh()
        return engine.stats()["documents"]
    finally:
        engine.close()


def wait_for_documents(proc: subprocess.Popen, data_dir: Path, count: int) -> None:
    """Poll the index until ``count`` documents are committed (the pytest timeout bounds a hang)."""
    while not ((data_dir / "articles" / "CURRENT").exists() and documents_in(data_dir) >= count):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)


def take_writer_lock(data_dir: Path) -> tantivy.IndexWriter:
    """The live index's writer, held by this process; waits while ingest still holds it (merging)."""
    root = data_dir / "articles"
    index = tantivy.Index.open(str(root / (root / "CURRENT").read_text(encoding="utf-8").strip()))
    while True:
        try:
            return index.writer()
        except ValueError as exc:
            assert "LockBusy" in str(exc), exc
            time.sleep(0.1)


# The engine's own lock wait (30 s) is most of this test's time; a hang fails well before pytest's default.
@pytest.mark.timeout(300)
def test_a_mid_run_engine_failure_counts_and_names_the_records_not_indexed(tmp_path):
    data_dir = tmp_path / "data"
    rejects = tmp_path / "rejects.jsonl"
    proc = ingest_from_pipe(data_dir, "--batch-size", "2", "--rejects", str(rejects))
    try:
        send(proc, article(1), article(2))
        wait_for_documents(proc, data_dir, 2)
        writer = take_writer_lock(data_dir)
        try:
            send(proc, article(3), article(4))
            _, err = proc.communicate(timeout=300)
        finally:
            del writer  # releases the lock
    finally:
        if proc.poll() is None:  # only when the test failed before ingest finished
            proc.kill()
            proc.communicate()
    lines = err.splitlines()

    assert proc.returncode == 2, err
    assert any("search engine error" in line for line in lines), err
    assert lines[-1] == "ingest: read 4, indexed 2, updated 0, skipped 0, failed 0, not indexed 2"
    assert [line.split(": not indexed:")[0] for line in lines if ": not indexed:" in line] == [
        "ingest: <stdin>:3",
        "ingest: <stdin>:4",
    ]
    assert "Traceback" not in err

    rejected = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert [(r["path"], r["line"]) for r in rejected] == [("<stdin>", 3), ("<stdin>", 4)]
    assert all(r["reason"].startswith("not indexed: the search engine failed") for r in rejected)
    assert documents_in(data_dir) == 2

    # The rejects' documents read back as JSON Lines: ingesting them completes the index.
    retry = tmp_path / "retry.jsonl"
    retry.write_text("".join(r["raw"] + "\n" for r in rejected), encoding="utf-8")
    again = subprocess.run(
        [sys.executable, "-m", "ingest", str(retry), "--data-dir", str(data_dir), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        env=clean_env(),
    )
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines()[-1] == "ingest: read 2, indexed 2, updated 0, skipped 0, failed 0"
    assert documents_in(data_dir) == 4
