"""``search-app check`` and ``search-app --version``, run as a user runs them (a subprocess)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from importlib.metadata import version

import pytest

from search_app.config import Config
from search_app.engines import open_engine


def search_app(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # A clean environment: only what the test sets, so a developer's own settings cannot leak in.
    base = {k: v for k, v in os.environ.items() if not k.startswith("SEARCH_APP_")}
    return subprocess.run(
        [sys.executable, "-m", "search_app", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def article(doc_id: str, title: str, language: str, year: int | None) -> dict:
    return {
        "id": doc_id,
        "title": title,
        "body": f"{title}. A short body for the check command test.",
        "language": language,
        "languages": [{"code": language, "share": 1.0}],
        "published": f"{year}-01-15" if year else None,
        "year": year,
        "source": "Check Test",
        "url": None,
        "countries": [{"code": "IN", "name": "India"}],
    }


@pytest.fixture
def embedded_index(tmp_path):
    """A real Tantivy index on disk holding three documents; yields its data directory."""
    data_dir = tmp_path / "data"
    engine = open_engine(Config(data_dir=data_dir, index="articles"))
    engine.ensure_index()
    result = engine.upsert(
        [
            article("a", "Monsoon reaches Kerala", "en", 2024),
            article("b", "मानसून केरल पहुंचा", "hi", 2024),
            article("c", "ચોમાસું કેરળ પહોંચ્યું", "gu", None),
        ]
    )
    assert not result.failed
    engine.refresh()
    engine.close()
    return data_dir


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_version_matches_the_installed_package():
    result = search_app("--version", env={})
    assert result.returncode == 0
    assert result.stdout.strip() == f"search-app {version('search-app')}"


def test_check_reports_a_healthy_embedded_index(embedded_index):
    result = search_app("check", env={"SEARCH_APP_DATA_DIR": str(embedded_index)})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert lines["engine"].strip() == "embedded"
    assert lines["data dir"].strip() == str(embedded_index)
    assert lines["reachable"].strip() == "yes"
    assert lines["documents"].strip() == "3"
    assert lines["index"].strip() == "articles"
    assert lines["status"].strip().startswith("healthy")


def test_check_json_counts_documents(embedded_index):
    result = search_app("check", "--json", env={"SEARCH_APP_DATA_DIR": str(embedded_index)})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["healthy"] is True
    assert report["reachable"] is True
    assert report["engine"] == "embedded"
    assert report["stats"]["documents"] == 3


def test_check_on_an_empty_data_dir_says_to_ingest_and_creates_nothing(tmp_path):
    data_dir = tmp_path / "fresh"
    result = search_app("check", env={"SEARCH_APP_DATA_DIR": str(data_dir)})
    assert result.returncode == 1
    assert "search-app ingest" in result.stdout
    assert not data_dir.exists()


def test_check_fails_on_an_unreachable_engine_and_hides_credentials():
    url = f"http://checker:s3cret-pw@127.0.0.1:{unused_port()}"
    result = search_app("check", "--json", env={"SEARCH_APP_ENGINE_URL": url})
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["healthy"] is False
    assert report["reachable"] is False
    assert report["detail"], "an unhealthy report must say why"
    assert "s3cret-pw" not in result.stdout + result.stderr
    assert report["location"].startswith("http://***@127.0.0.1:")
    assert "not usable" in result.stderr


def test_check_text_output_for_an_unreachable_engine():
    url = f"http://127.0.0.1:{unused_port()}"
    result = search_app("check", env={"SEARCH_APP_ENGINE_URL": url})
    assert result.returncode == 1
    assert "reachable: no" in " ".join(result.stdout.split())
    assert "NOT healthy" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_check_reports_a_running_search_node(kind):
    url = os.environ.get(f"SEARCH_APP_TEST_{kind.upper()}_URL")
    if not url:
        pytest.skip(f"no {kind} node: SEARCH_APP_TEST_{kind.upper()}_URL is unset (scripts/test starts one)")
    reduced = os.environ.get(f"SEARCH_APP_TEST_{kind.upper()}_REDUCED", "false")
    env = {
        "SEARCH_APP_ENGINE_URL": url,
        "SEARCH_APP_REDUCED_ANALYSIS": reduced,
        "SEARCH_APP_INDEX": f"check-test-{uuid.uuid4().hex[:8]}",
    }
    engine = open_engine(Config.from_env(env))
    engine.ensure_index()
    engine.upsert([article("a", "Monsoon reaches Kerala", "en", 2024)])
    engine.refresh()
    try:
        result = search_app("check", "--json", env=env)
        text = search_app("check", env=env)
    finally:
        engine.drop_index()
        engine.close()
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["reachable"] is True
    assert report["engine"] == kind
    assert report["stats"]["documents"] == 1
    assert report["icu_plugin"] is ("analysis-icu" in report["stats"]["plugins"])
    assert text.returncode == 0
    assert f"index: {env['SEARCH_APP_INDEX']} -> " in " ".join(text.stdout.split())
