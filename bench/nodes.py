"""Dedicated Elasticsearch/OpenSearch nodes for the benchmarks, apart from the test nodes.

The test nodes of ``scripts/engines.py`` (ports 9201/9202) are restarted with empty data by test runs and
run with a small heap and the JIT limited to C1 so that they boot fast: fine for tests, not for timing.
This script starts the same distributions as separate instances (``bench-elasticsearch`` on 9211,
``bench-opensearch`` on 9212) with a 1 GiB heap and the full JIT, through ``scripts/engines.py``'s own
functions, and prints the URLs for ``--elasticsearch-url`` / ``--opensearch-url``:

    .venv/bin/python bench/nodes.py start        # then: . bench/.cache/nodes.env
    .venv/bin/python bench/nodes.py stop         # stops them and deletes their data
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = Path(__file__).resolve().parent / ".cache" / "nodes.env"
NODES = {"elasticsearch": 9211, "opensearch": 9212}
# Appended after the distribution's and scripts/engines.py's options, so these win.
JAVA_OPTS = "-Xms1g -Xmx1g -XX:TieredStopAtLevel=4"
JAVA_OPTS_VARIABLE = {"elasticsearch": "ES_JAVA_OPTS", "opensearch": "OPENSEARCH_JAVA_OPTS"}


def _engines_module():
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    import engines  # scripts/engines.py

    return engines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument(
        "kinds", nargs="*", default=list(NODES), help="elasticsearch, opensearch (default both)"
    )
    args = parser.parse_args(argv)
    engines = _engines_module()
    instances = [engines.instance(kind, f"bench-{kind}", NODES[kind]) for kind in args.kinds]
    if args.action == "stop":
        for inst in instances:
            engines.remove(inst)
            print(f"{inst.name}: stopped, data removed")
        return 0
    lines = []
    for inst in instances:
        engines.provision(inst.dist.kind)
        os.environ[JAVA_OPTS_VARIABLE[inst.dist.kind]] = JAVA_OPTS
        seconds = engines.start(inst)
        print(f"{inst.name}: healthy at {inst.url} ({seconds:.0f} s)", file=sys.stderr)
        lines.append(f"export SEARCH_APP_BENCH_{inst.dist.kind.upper()}_URL={inst.url}")
        if inst.dist.kind == "elasticsearch" and not (inst.dist.home / "plugins" / "analysis-icu").is_dir():
            lines.append("export SEARCH_APP_BENCH_ELASTICSEARCH_REDUCED=true")
    # Keep the lines of nodes started earlier (``start opensearch`` after ``start elasticsearch``).
    kept = ENV_FILE.read_text(encoding="utf-8").splitlines() if ENV_FILE.exists() else []
    for inst in instances:
        kept = [line for line in kept if f"_BENCH_{inst.dist.kind.upper()}_" not in line]
    ENV_FILE.parent.mkdir(parents=True, exist_ok=True)
    ENV_FILE.write_text("\n".join(kept + lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
