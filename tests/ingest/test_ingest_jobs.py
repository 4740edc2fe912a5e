"""``--jobs N``: the pipeline in worker processes gives the same documents, failures and order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ingest", *args], capture_output=True, text=True, timeout=300, cwd=REPO_ROOT
    )


def test_worker_processes_give_the_same_output_in_the_same_order(seeds_dir, tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"title": "Ok", "body": "A short body about Nepal."}\n{not json\n', encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    paths = [str(seeds_dir), str(REPO_ROOT / "sample_data"), str(broken), str(empty)]

    in_process = ingest(*paths, "--dry-run", "--jobs", "0")
    in_workers = ingest(*paths, "--dry-run", "--jobs", "2")

    assert in_process.returncode == in_workers.returncode == 1  # the broken line and the empty file
    assert in_workers.stdout == in_process.stdout
    assert in_workers.stdout.count("\n") >= 5 + 30 + 1  # the seeds, the sample corpus, one good line
    assert in_workers.stderr == in_process.stderr


def test_jobs_must_not_be_negative():
    done = ingest("-", "--jobs", "-1")
    assert done.returncode == 2
    assert "--jobs" in done.stderr
