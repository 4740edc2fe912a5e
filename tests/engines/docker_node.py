"""An Elasticsearch node with analysis-icu in Docker (testcontainers), for machines that have Docker.

The image is built from ``docker/elasticsearch/Dockerfile`` (the official image plus ``analysis-icu``), so
tests run on the same node users deploy. One container serves the whole test session. Where no Docker
engine is reachable the tests that ask for it skip, saying so.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

DOCKERFILE_DIR = Path(__file__).resolve().parents[2] / "docker" / "elasticsearch"
IMAGE_TAG = "search-app-test-elasticsearch-icu"
HTTP_PORT = 9200
START_TIMEOUT_S = 240.0

_state: dict[str, object] = {}


def _docker_unreachable_reason() -> str | None:
    """None when a Docker engine answers; else why not."""
    try:
        import docker

        client = docker.from_env()
        client.ping()
        client.close()
    except Exception as exc:  # any failure here means "no Docker" (no socket, no permission, no daemon)
        return f"{type(exc).__name__}: {exc}"
    return None


def _wait_healthy(url: str, container) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_cluster/health", timeout=2) as response:
                if json.loads(response.read()).get("status") in ("green", "yellow"):
                    return
        except (OSError, ValueError, urllib.error.URLError):
            pass
        time.sleep(1)
    stdout, stderr = container.get_logs()
    tail = (stdout + stderr).decode(errors="replace").splitlines()[-30:]
    message = f"Elasticsearch container not healthy after {START_TIMEOUT_S:.0f}s:\n" + "\n".join(tail)
    raise RuntimeError(message)


def _start(request: pytest.FixtureRequest) -> str:
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.image import DockerImage

    image = DockerImage(path=DOCKERFILE_DIR, tag=IMAGE_TAG, clean_up=False).build()
    container = (
        DockerContainer(str(image))
        .with_env("discovery.type", "single-node")
        .with_env("xpack.security.enabled", "false")
        .with_env("cluster.routing.allocation.disk.threshold_enabled", "false")
        .with_env("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
        .with_exposed_ports(HTTP_PORT)
    )
    container.start()
    # Stopped when the whole session ends, not after the first test that used it.
    request.config.add_cleanup(container.stop)
    url = f"http://{container.get_container_host_ip()}:{container.get_exposed_port(HTTP_PORT)}"
    _wait_healthy(url, container)
    return url


def elasticsearch_container_url(request: pytest.FixtureRequest) -> str:
    """The URL of the session's Elasticsearch container; skips the test where Docker is unavailable."""
    if "url" in _state:
        return str(_state["url"])
    if "skip" in _state:
        pytest.skip(str(_state["skip"]))
    reason = _docker_unreachable_reason()
    if reason is not None:
        _state["skip"] = f"no Docker engine reachable: {reason}"
        pytest.skip(str(_state["skip"]))
    _state["url"] = _start(request)
    return str(_state["url"])
