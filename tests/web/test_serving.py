"""Serving: `search-app serve` binds to 127.0.0.1 by default with debug off; gunicorn.conf.py reads the
environment; create_app opens nothing at import or creation time."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from search_app.cli import build_parser
from search_app.config import Config
from search_app.web.app import create_app

from .servers import free_port, wait_until_up

REPO_ROOT = Path(__file__).resolve().parents[2]


def gunicorn_settings(monkeypatch, **env) -> dict:
    for name in ("SEARCH_APP_HOST", "SEARCH_APP_PORT", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO_ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults_to_localhost_two_workers_no_preload(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    assert settings["bind"] == "127.0.0.1:8000"
    assert settings["workers"] == 2
    assert settings["preload_app"] is False
    assert settings["accesslog"] == "-"
    assert settings["wsgi_app"] == "search_app:create_app()"


def test_gunicorn_reads_host_port_and_workers_from_the_environment(monkeypatch):
    settings = gunicorn_settings(
        monkeypatch, SEARCH_APP_HOST="0.0.0.0", SEARCH_APP_PORT="9100", WEB_CONCURRENCY="4"
    )
    assert settings["bind"] == "0.0.0.0:9100"
    assert settings["workers"] == 4


def test_debug_is_off_unless_asked(monkeypatch, tmp_path):
    monkeypatch.delenv("SEARCH_APP_DEBUG", raising=False)
    monkeypatch.setenv("SEARCH_APP_DATA_DIR", str(tmp_path))
    assert create_app().debug is False
    assert create_app({"SEARCH_APP_CONFIG": Config(data_dir=tmp_path, debug=True)}).debug is True


def test_creating_the_app_touches_no_engine(tmp_path):
    missing = tmp_path / "nothing-here"
    create_app({"SEARCH_APP_CONFIG": Config(data_dir=missing)})
    assert not missing.exists()


def test_serve_defaults(monkeypatch):
    monkeypatch.delenv("SEARCH_APP_HOST", raising=False)
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.debug) == (None, None, False)
    assert Config.from_env({}, host=args.host).host == "127.0.0.1"


@pytest.mark.timeout(120)
def test_search_app_serve_answers_on_localhost(data_dir):
    port = free_port()
    env = {**os.environ, "SEARCH_APP_DATA_DIR": str(data_dir)}
    env.pop("SEARCH_APP_HOST", None)
    env.pop("SEARCH_APP_DEBUG", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "search_app", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_up(base_url, process)
        with urllib.request.urlopen(base_url + "/readyz", timeout=10) as response:
            assert response.status == 200
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert f"Running on http://127.0.0.1:{port}" in output
    assert "Debug mode: off" in output
