"""The benchmark corpus generator (bench/generate_corpus.py) and the pipeline agree on what it planted.

The generator writes articles it builds from dictionary words with known countries, dates and sources
hidden among names, cities, years in sentences and web boilerplate; the pipeline must find exactly those.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.pipeline import Processed, iter_articles

from .conftest import TODAY

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "bench" / "generate_corpus.py"
HUNSPELL = Path("/usr/share/hunspell")


def generate(out: Path) -> Path:
    """The test corpus (300 articles, seed 3, a fifth as .txt) written into ``out``."""
    command = [sys.executable, str(GENERATOR), "--count", "300", "--seed", "3", "--out", str(out)]
    subprocess.run([*command, "--txt-share", "0.2"], check=True, capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    if not all((HUNSPELL / name).exists() for name in ("hi_IN.dic", "gu_IN.dic", "en_US.dic")):
        pytest.skip("the generator needs the Debian packages hunspell-hi, hunspell-gu and hunspell-en-us")
    out = tmp_path_factory.mktemp("corpus")
    return generate(out)


def expected_by_record(root: Path) -> dict[tuple[str, int | None], dict]:
    expected = {}
    for path in sorted(root.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            expected[(str(path), number)] = json.loads(line)["expected"]
    for path in sorted(root.glob("txt/*/*.expected.json")):
        expected[(str(path).replace(".expected.json", ".txt"), None)] = json.loads(
            path.read_text(encoding="utf-8")
        )
    return expected


def test_generator_is_deterministic(corpus, tmp_path):
    generate(tmp_path)
    first = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert first == second
    assert all((corpus / p).read_bytes() == (tmp_path / p).read_bytes() for p in first)


def test_generated_articles_are_news_sized_and_in_three_languages(corpus):
    records = [
        json.loads(line)
        for p in corpus.glob("*.jsonl")
        for line in p.read_text(encoding="utf-8").splitlines()
    ]
    languages = {r["expected"]["language"] for r in records}
    assert languages == {"hi", "gu", "en"}
    sizes = sorted(len((r["title"] + r["body"]).encode("utf-8")) for r in records)
    assert 2000 < sizes[len(sizes) // 2] < 4500  # median article about 3 KB
    # The mean too (what the ingest target's "3 KB articles" means): 2.9 KB for these 300.
    assert 2.6 * 1024 < sum(sizes) / len(sizes) < 3.4 * 1024


def site_spellings(expected: dict) -> dict[str, set[str]]:
    """The names the corpus gives its sites, by how a host name spells them ("thedailyledger")."""
    spellings: dict[str, set[str]] = {}
    for want in expected.values():
        if want["source"] and not want["source"].endswith(".example"):
            key = "".join(ch for ch in want["source"].lower() if ch.isalnum())
            spellings.setdefault(key, set()).add(want["source"])
    return spellings


def test_pipeline_finds_what_the_generator_planted(corpus):
    expected = expected_by_record(corpus)
    items = list(iter_articles([str(corpus)], today=TODAY))
    assert all(isinstance(item, Processed) for item in items)
    assert len(items) == len(expected) == 300
    # A record that only its URL's host names ("sidhikhabar.example") takes the name other records of
    # the run give that site (one of its spellings: "DeshSamachar", "Desh Samachar").
    spellings = site_spellings(expected)
    agree = {"countries": 0, "published": 0, "source": 0, "language": 0}
    for item in items:
        want = expected[(item.path, item.line)]
        doc = item.article
        agree["countries"] += sorted(c["code"] for c in doc["countries"]) == want["countries"]
        agree["published"] += doc["published"] == want["published"]
        named = spellings.get((want["source"] or "").removesuffix(".example"), {want["source"]})
        agree["source"] += doc["source"] in named
        agree["language"] += doc["language"] == want["language"]
    assert agree["countries"] == agree["published"] == agree["source"] == 300
    # Dictionary-word salad is harder for langdetect than real prose; a few Latin texts may be misread.
    assert agree["language"] >= 290


def test_bench_pipeline_runs_and_writes_its_docs_section(corpus, tmp_path):
    # The benchmark itself is not a test; this keeps the script working (its numbers are not looked at).
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\n## Someone else's section\n\nTheir table stays.\n", encoding="utf-8")
    command = [
        sys.executable,
        str(REPO / "bench" / "bench_pipeline.py"),
        *("--count", "120", "--runs", "1", "--cache-dir", str(tmp_path / "cache")),
        *("--write-docs", "--docs-file", str(docs)),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    text = docs.read_text(encoding="utf-8")
    assert "Their table stays." in text
    assert "## Ingest pipeline (issue #2)" in text
    assert "articles/s per core" in text
    assert "countries 100.0%" in text


def test_generator_names_the_missing_debian_package(tmp_path, capsys, monkeypatch):
    spec = importlib.util.spec_from_file_location("generate_corpus", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HUNSPELL_DIR", tmp_path / "no-dictionaries")
    with pytest.raises(SystemExit) as exit_info:
        module.main(["--count", "5", "--out", str(tmp_path / "out")])
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert "hunspell-" in message and "apt-get install" in message
