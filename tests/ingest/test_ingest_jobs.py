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


def search_everything(data_dir: Path) -> list:
    """What the embedded index in ``data_dir`` answers to queries that read every analysed field."""
    from search_app.engines.base import SearchRequest
    from search_app.engines.embedded import EmbeddedEngine

    engine = EmbeddedEngine(data_dir)
    try:
        answers: list = [engine.stats()["documents"], engine.suggest("la"), engine.suggest("मो")]
        # Native script, Latin letters for Indic names (latin fields), spelling variants (skeleton fields),
        # a phrase, and facet filters.
        queries = ["Lavrov", "लावरोव", "લવરોવ", "lavrov pakistan", "imran khan", "modi", '"Imran Khan"', ""]
        for text in queries:
            for filters in ({}, {"language": ["hi"]}, {"country": ["Pakistan"]}):
                result = engine.search(SearchRequest(text=text, filters=filters, size=100))
                answers.append(
                    (
                        text,
                        result.total,
                        # Ties (all of them for the empty query) come in index order, which depends
                        # on the batches: compared by id, with their scores.
                        sorted(
                            (hit.id, round(hit.score or 0, 4), hit.fields, hit.highlights)
                            for hit in result.hits
                        ),
                        {name: [(v.value, v.count) for v in vs] for name, vs in result.facets.items()},
                    )
                )
        return answers
    finally:
        engine.close()


def test_the_analysis_in_worker_processes_builds_the_same_index(seeds_dir, tmp_path):
    paths = [str(seeds_dir), str(REPO_ROOT / "sample_data")]
    in_process, in_workers = tmp_path / "in-process", tmp_path / "in-workers"

    one = ingest(*paths, "--data-dir", str(in_process), "--quiet", "--jobs", "0")
    two = ingest(*paths, "--data-dir", str(in_workers), "--quiet", "--jobs", "2", "--batch-size", "7")

    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stderr == two.stderr
    answers = search_everything(in_process)
    assert answers[0] >= 5 + 30
    assert search_everything(in_workers) == answers


def test_jobs_default_to_one_per_cpu_for_large_inputs_only(tmp_path):
    from ingest.cli import AUTO_JOBS_MIN_BYTES, _cpus, default_jobs

    small = tmp_path / "small.jsonl"
    small.write_text('{"title": "Ok", "body": "A short body about Nepal."}\n', encoding="utf-8")
    large = tmp_path / "big" / "large.jsonl"
    large.parent.mkdir()
    large.write_bytes(b"x" * AUTO_JOBS_MIN_BYTES)

    assert default_jobs([str(small)]) == 0
    assert default_jobs(["-"]) == 0  # standard input: its size is unknown
    assert default_jobs([str(small), str(large.parent)]) == (_cpus() if _cpus() > 1 else 0)
    assert default_jobs([str(large)], exclude=[str(large)]) == 0  # the run's own rejects file
