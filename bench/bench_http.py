"""HTTP throughput and latency: gunicorn (2 workers, 127.0.0.1) under wrk, for the page and the JSON API.

Builds (or reuses) the embedded index of the generated corpus, starts the production server the way the
README does (``gunicorn -c gunicorn.conf.py 'search_app:create_app()'``) on a free port, and drives it with
wrk (Debian package ``wrk``) for ``--duration`` seconds per endpoint. wrk cycles through the fixed query
set (``bench/queries.json``) with a small Lua script, so every request is a different search. Prints
requests/s, p50/p90/p99 latency and errors for ``/`` and ``/api/search``.

    .venv/bin/python bench/bench_http.py --size 100000 --duration 30 --write-docs

wrk runs on the same 2 cores as the server; its connections (``--connections``) are what queue on the two
gunicorn workers, so p99 includes time spent waiting for a free worker.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from corpus import ensure_corpus
from query_set import load_query_set
from report import add_output_arguments, markdown_table, publish, verdict
from targets import REPO_ROOT, add_engine_arguments, ensure_index, selected_targets

HEADING = "HTTP under load (issue #6)"
TARGET_RPS, TARGET_P99_MS = 300, 100

# wrk calls request() for every request; each thread cycles through the URL list from its own offset.
# done() prints one JSON line that the script parses (latencies are in microseconds).
LUA_TEMPLATE = """
local paths = {%(paths)s}
local counter = 0
setup = function(thread)
  thread:set("offset", counter * 7)
  counter = counter + 1
end
init = function(args)
  i = offset or 0
end
request = function()
  i = (i %% #paths) + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p90_us": %%d, "p99_us": %%d, ' ..
    '"max_us": %%d, "status_errors": %%d, "socket_errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(base_url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(base_url + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not become ready at {base_url} within {timeout:.0f} s")


def start_gunicorn(env: dict[str, str], port: int, workers: int, log_path: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "-c",
        str(REPO_ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "/dev/null",  # per-request logging would measure the terminal, not the app
        "search_app:create_app()",
    ]
    env = dict(env, SEARCH_APP_HOST="127.0.0.1", SEARCH_APP_PORT=str(port))
    with log_path.open("wb") as log:
        return subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def run_wrk(
    base_url: str, paths: list[str], args: argparse.Namespace, workdir: Path, duration: int | None = None
) -> dict[str, float]:
    script = workdir / "mix.lua"
    # JSON string literals of ASCII (URL-encoded) paths are valid Lua string literals.
    script.write_text(LUA_TEMPLATE % {"paths": ", ".join(json.dumps(p) for p in paths)}, encoding="utf-8")
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration or args.duration}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base_url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if line is None:
        raise RuntimeError(f"no summary from wrk:\n{done.stdout}\n{done.stderr}")
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=100_000, help="corpus size (default: %(default)s)")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per endpoint (default: 30)")
    parser.add_argument("--runs", type=int, default=1, help="wrk runs per endpoint; the median is shown")
    parser.add_argument(
        "--warmup", type=int, default=5, help="seconds of unrecorded load first, per endpoint (default: 5)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default: 2)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default: 1)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default: 4)")
    parser.add_argument(
        "--no-cache-off-row",
        action="store_true",
        help="skip the embedded run with SEARCH_APP_QUERY_CACHE=false",
    )
    add_engine_arguments(parser)
    add_output_arguments(parser)
    parser.set_defaults(engines="embedded")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (Debian: apt-get install wrk)")

    corpus = ensure_corpus(args.size, args.seed, args.cache_dir)
    specs = load_query_set()
    rows = []
    targets = []
    for target in selected_targets(args, args.size):
        targets.append(target)
        if target.kind == "embedded" and not args.no_cache_off_row:
            # The URL set repeats, so the default per-query cache answers most requests after warm-up;
            # the same load with it off shows what queries never seen before would get.
            targets.append(dataclasses.replace(target, query_cache=False))
    # Every index is built before any is loaded, and the nodes have finished merging (see bench_search).
    counts = [ensure_index(target, corpus) for target in targets]
    for target in targets:
        target.wait_until_idle()
    for target, documents in zip(targets, counts, strict=True):
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
            workdir = Path(tmp)
            server = start_gunicorn(target.environment(), port, args.workers, workdir / "gunicorn.log")
            try:
                wait_ready(base_url, server)
                for endpoint in ("/api/search", "/"):
                    paths = [f"{endpoint}?{spec.query_string()}" for spec in specs]
                    if args.warmup:  # each worker opens its engine and fills its caches on first use
                        run_wrk(base_url, paths, args, workdir, duration=args.warmup)
                    runs = [run_wrk(base_url, paths, args, workdir) for _ in range(args.runs)]
                    result = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
                    rows.append(
                        [
                            target.label,
                            documents,
                            endpoint,
                            f"{args.workers} / {args.connections}",
                            result["requests"],
                            result["rps"],
                            result["p50_us"] / 1000,
                            result["p90_us"] / 1000,
                            result["p99_us"] / 1000,
                            result["status_errors"] + result["socket_errors"],
                        ]
                    )
                    print(
                        f"{target.label} {endpoint}: {result['rps']:,.0f} req/s", file=sys.stderr, flush=True
                    )
            finally:
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
                if server.returncode not in (0, -15, None):
                    print((workdir / "gunicorn.log").read_text(errors="replace")[-2000:], file=sys.stderr)

    headers = [
        "engine",
        "articles",
        "endpoint",
        "workers / connections",
        "requests",
        "requests/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "errors",
    ]
    body = markdown_table(headers, rows)
    body += (
        f"\n{args.duration} s of wrk ({args.threads} thread, {args.connections} connections, after "
        f"{args.warmup} s of unrecorded warm-up) per endpoint "
        f"against gunicorn with {args.workers} sync workers on 127.0.0.1, wrk on the same machine; "
        f"the URLs cycle through the {len(specs)} queries of `bench/queries.json` "
        "(0-3 facet filters, highlighting on), so after the warm-up the embedded engine's per-query cache "
        "(facet counts and highlights of recent queries, on by default) answers most of them; the "
        "`query cache off` row is the same load with `SEARCH_APP_QUERY_CACHE=false`. "
        f"Target for `/api/search`: at least {TARGET_RPS} requests/s with p99 under {TARGET_P99_MS} ms.\n"
    )
    for row in rows:
        if row[0].startswith("embedded") and row[2] == "/api/search":
            body += (
                f"\n`/api/search` on {row[0]}: requests/s {verdict(row[5], TARGET_RPS, at_least=True)}; "
                f"p99 {verdict(row[8], TARGET_P99_MS, ' ms')}.\n"
            )
    publish(args, HEADING, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
