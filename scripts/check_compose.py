#!/usr/bin/env python3
"""Check docker-compose.yml without needing a Docker engine.

1. ``docker compose config -q`` when the compose plugin is installed (it is the reference parser);
2. always: validation against the Compose Specification JSON schema (``docker/compose-spec.json``);
3. always: checks of our own that the schema cannot express: build contexts and Dockerfiles exist,
   every ``depends_on`` target is a service, ``service_healthy`` targets define a healthcheck, and every
   published port binds 127.0.0.1.

Usage: ``scripts/check_compose.py [--file docker-compose.yml]``; exit 0 when clean, 1 with one line per
problem otherwise.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = REPO_ROOT / "docker" / "compose-spec.json"
LOOPBACK = "127.0.0.1"


def compose_plugin_available() -> bool:
    """True when ``docker compose`` (the v2 plugin) runs here."""
    if not shutil.which("docker"):
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    return probe.returncode == 0


def docker_compose_config(path: Path) -> list[str]:
    """Problems reported by ``docker compose config -q`` (empty when it accepts the file)."""
    result = subprocess.run(
        ["docker", "compose", "-f", str(path), "config", "-q"], capture_output=True, text=True
    )
    if result.returncode == 0:
        return []
    return [f"docker compose config: {line}" for line in result.stderr.strip().splitlines() or ["failed"]]


def schema_problems(document: Any, schema_path: Path = SCHEMA_PATH) -> list[str]:
    """Violations of the Compose Specification schema, as 'where: what' lines."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # The spec's schema is written for draft-07 (its $schema URL is not one jsonschema knows).
    validator = jsonschema.Draft7Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        problems.append(f"schema: {where}: {error.message}")
    return problems


def _published_host_ip(port: Any) -> str | None:
    """The host address a ``ports`` entry binds, or None when it binds every interface."""
    if isinstance(port, dict):  # long syntax
        return port.get("host_ip")
    text = str(port)
    if "/" in text:  # "127.0.0.1:8000:8000/tcp"
        text = text.split("/", 1)[0]
    parts = text.rsplit(":", 2)
    # "HOST_IP:HOST:CONTAINER" has three parts; "HOST:CONTAINER" and "CONTAINER" bind every interface.
    return parts[0].strip("[]") if len(parts) == 3 else None


def missing_copy_sources(dockerfile: Path, context_dir: Path) -> list[str]:
    """Sources of the Dockerfile's COPY/ADD instructions that do not exist in the build context."""
    missing = []
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if not words or words[0].upper() not in ("COPY", "ADD"):
            continue
        args = [w for w in words[1:] if not w.startswith("--")]
        if any(w.startswith("--from") for w in words[1:]) or len(args) < 2 or args[0].startswith("["):
            continue  # copies from another stage, or the JSON form: not checked
        for source in args[:-1]:
            if "://" not in source and not any(context_dir.glob(source)):
                missing.append(source)
    return missing


def semantic_problems(document: dict[str, Any], base_dir: Path) -> list[str]:
    """Problems the schema cannot see: missing files, dangling dependencies, ports open to the network."""
    problems = []
    services: dict[str, Any] = document.get("services") or {}
    for name, service in services.items():
        service = service or {}
        build = service.get("build")
        if build is not None:
            context = build if isinstance(build, str) else build.get("context", ".")
            context_dir = (base_dir / context).resolve()
            if not context_dir.is_dir():
                problems.append(f"{name}: build context {context!r} does not exist")
            else:
                dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
                if not (context_dir / dockerfile).is_file():
                    problems.append(f"{name}: Dockerfile {dockerfile!r} not found in {context!r}")
                else:
                    for source in missing_copy_sources(context_dir / dockerfile, context_dir):
                        problems.append(f"{name}: {dockerfile} copies {source!r}, not found in {context!r}")
        depends_on = service.get("depends_on") or {}
        conditions = (
            {dep: "service_started" for dep in depends_on}
            if isinstance(depends_on, list)
            else {dep: (spec or {}).get("condition", "service_started") for dep, spec in depends_on.items()}
        )
        for dep, condition in conditions.items():
            if dep not in services:
                problems.append(f"{name}: depends_on names {dep!r}, which is not a service")
            elif condition == "service_healthy" and not (services[dep] or {}).get("healthcheck"):
                problems.append(f"{name}: waits for {dep!r} to be healthy, but {dep!r} has no healthcheck")
        for port in service.get("ports") or []:
            host_ip = _published_host_ip(port)
            if host_ip != LOOPBACK:
                problems.append(
                    f"{name}: port {port!r} is published on {host_ip or 'every interface'}; bind {LOOPBACK}"
                )
    return problems


def check_compose(path: Path, use_docker: bool | None = None) -> list[str]:
    """Every problem found in the compose file at ``path`` (empty list: the file is good)."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return [f"cannot read {path}: {exc}"]
    if not isinstance(document, dict):
        return [f"{path}: not a YAML mapping"]
    problems = []
    if use_docker is None:
        use_docker = compose_plugin_available()
    if use_docker:
        problems += docker_compose_config(path)
    problems += schema_problems(document)
    problems += semantic_problems(document, path.resolve().parent)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=REPO_ROOT / "docker-compose.yml")
    parser.add_argument(
        "--no-docker", action="store_true", help="skip `docker compose config` even where it is installed"
    )
    args = parser.parse_args(argv)
    use_docker = False if args.no_docker else compose_plugin_available()
    how = "docker compose config and the schema" if use_docker else "the Compose Specification schema"
    problems = check_compose(args.file, use_docker=use_docker)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{args.file}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{args.file}: OK: {how}; build files, depends_on, healthchecks, ports on {LOOPBACK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
