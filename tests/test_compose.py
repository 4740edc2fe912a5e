"""scripts/check_compose.py accepts our docker-compose.yml and rejects the mistakes it is meant to catch.

The checker runs as CI does, as a subprocess. Broken variants are the real compose file with one thing
changed, written beside copies of its build contexts so that only the intended problem is present.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
CHECKER = REPO_ROOT / "scripts" / "check_compose.py"
COMPOSE = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def run_checker(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(CHECKER), "--file", str(path), "--no-docker"],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def write_variant(tmp_path):
    """Write a changed copy of the compose file into a directory that mirrors the repo's build inputs."""
    for name in ("docker", "search_app", "ingest", "index_mappings", "sample_data"):
        shutil.copytree(REPO_ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "gunicorn.conf.py", "README.md"):
        if (REPO_ROOT / name).exists():
            shutil.copy(REPO_ROOT / name, tmp_path / name)

    def write(change) -> Path:
        document = copy.deepcopy(COMPOSE)
        change(document)
        path = tmp_path / "docker-compose.yml"
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        return path

    return write


def test_project_compose_file_passes():
    result = run_checker(REPO_ROOT / "docker-compose.yml")
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_unchanged_copy_passes(write_variant):
    # Guards the variant tests below: their failures come from the one change each makes.
    result = run_checker(write_variant(lambda doc: None))
    assert result.returncode == 0, result.stderr


def test_compose_file_has_the_promised_services():
    services = COMPOSE["services"]
    assert {"elasticsearch", "app", "ingest"} <= set(services)
    assert services["app"]["environment"]["SEARCH_APP_ENGINE_URL"] == "http://elasticsearch:9200"
    assert services["ingest"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    assert "healthcheck" in services["app"] and "/healthz" in str(services["app"]["healthcheck"]["test"])
    assert "-Xmx1g" in services["elasticsearch"]["environment"]["ES_JAVA_OPTS"]
    dockerfile = (REPO_ROOT / "docker" / "elasticsearch" / "Dockerfile").read_text(encoding="utf-8")
    assert "elasticsearch-plugin install --batch analysis-icu" in dockerfile


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda doc: doc["services"]["app"].update(ports=["8000:8000"]),
            "published on every interface",
            id="port-on-all-interfaces",
        ),
        pytest.param(
            lambda doc: doc["services"]["app"].update(ports=["0.0.0.0:8000:8000"]),
            "published on 0.0.0.0",
            id="port-on-0.0.0.0",
        ),
        pytest.param(
            lambda doc: doc["services"]["ingest"].update(depends_on=["search"]),
            "'search', which is not a service",
            id="dangling-depends-on",
        ),
        pytest.param(
            lambda doc: doc["services"]["elasticsearch"].pop("healthcheck"),
            "has no healthcheck",
            id="healthy-without-healthcheck",
        ),
        pytest.param(
            lambda doc: doc["services"]["app"]["build"].update(dockerfile="docker/web/Dockerfile"),
            "not found",
            id="missing-dockerfile",
        ),
        pytest.param(
            lambda doc: doc["services"]["elasticsearch"].update(build="docker/opensearch"),
            "build context 'docker/opensearch' does not exist",
            id="missing-build-context",
        ),
        pytest.param(
            lambda doc: doc["services"]["app"].update(helthcheck={"test": ["CMD", "true"]}),
            "schema: services/app",
            id="misspelt-key",
        ),
        pytest.param(
            lambda doc: doc["services"]["ingest"].update(restart=["no"]),
            "schema: services/ingest/restart",
            id="wrong-type",
        ),
    ],
)
def test_mistakes_are_reported(write_variant, change, expected):
    result = run_checker(write_variant(change))
    assert result.returncode == 1
    assert expected in result.stderr


def test_dockerfile_copying_a_missing_file_is_reported(write_variant, tmp_path):
    path = write_variant(lambda doc: None)
    dockerfile = tmp_path / "docker" / "app" / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text() + "\nCOPY no_such_dir ./no_such_dir\n")
    result = run_checker(path)
    assert result.returncode == 1
    assert "copies 'no_such_dir', not found" in result.stderr


def test_unreadable_yaml_is_reported(tmp_path):
    path = tmp_path / "docker-compose.yml"
    path.write_text("services: [unclosed\n", encoding="utf-8")
    result = run_checker(path)
    assert result.returncode == 1
    assert "cannot read" in result.stderr
