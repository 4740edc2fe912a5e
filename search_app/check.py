"""Show which engine is configured, whether it is reachable, its plugins and document count.

Exits 0 when the engine is reachable and its index usable, 1 otherwise (with the reason).
Settings come from the environment, as for every other command (see the README's configuration table).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any
from urllib.parse import urlsplit

from search_app import __version__
from search_app.config import Config, redact_url
from search_app.engines import open_engine

ICU_PLUGIN = "analysis-icu"


def scrub_secrets(text: str, config: Config) -> str:
    """``text`` with the configured password, API key and any credentials in the URL masked."""
    parts = urlsplit(config.engine_url or "")
    secrets = {config.password, config.api_key, parts.password}
    if parts.username is not None or parts.password is not None:
        secrets.add(f"{parts.username or ''}:{parts.password or ''}@")
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "***@" if secret.endswith("@") else "***")
    return text


def collect_report(config: Config) -> dict[str, Any]:
    """Everything ``search-app check`` prints, as a dict; ``healthy`` says whether the engine is usable.

    Engine messages may quote the URL they failed on; credentials are masked before they are reported.
    """
    report = _collect(config)
    report["detail"] = scrub_secrets(str(report["detail"]), config)
    return report


def _collect(config: Config) -> dict[str, Any]:
    report: dict[str, Any] = {
        "version": __version__,
        "engine": "remote" if config.engine_url else "embedded",
        "location": redact_url(config.engine_url) if config.engine_url else str(config.data_dir),
        "index": config.index,
        "reachable": False,
        "healthy": False,
        "detail": "",
        "stats": {},
    }
    if not config.engine_url and not (config.data_dir / config.index).exists():
        # Opening the embedded engine would create an empty index; a check must not change anything.
        report["reachable"] = True
        report["detail"] = f"no index in {config.data_dir} yet; load articles with `search-app ingest PATH`"
        return report
    try:
        engine = open_engine(config)
    except Exception as exc:  # a check reports every failure as a finding, never as a traceback
        report["detail"] = f"cannot open the engine: {exc}"
        return report
    try:
        health = engine.health()
        report["engine"] = health.engine or engine.name
        report["healthy"] = health.ok
        report["detail"] = health.detail
        if health.ok:
            report["reachable"] = True
            report["stats"] = engine.stats()
        else:
            # An unhealthy answer may still come from a reachable node (e.g. the index is missing).
            try:
                report["stats"] = engine.stats()
                report["reachable"] = True
            except Exception:  # noqa: S110 - unreachable is what we report
                pass
    except Exception as exc:
        report["healthy"] = False
        report["detail"] = report["detail"] or str(exc)
    finally:
        engine.close()
    plugins = report["stats"].get("plugins")
    if config.engine_url and plugins is not None:
        report["icu_plugin"] = ICU_PLUGIN in plugins
        if not report["icu_plugin"] and not config.reduced_analysis:
            report["healthy"] = False
            report["detail"] = (
                f"the node lacks the {ICU_PLUGIN} plugin; install it "
                f"(bin/elasticsearch-plugin install {ICU_PLUGIN}) or set SEARCH_APP_REDUCED_ANALYSIS=true"
            )
    return report


def format_report(report: dict[str, Any]) -> str:
    """The report as aligned ``label: value`` lines for people."""
    stats = dict(report["stats"])
    lines = [("search-app", report["version"]), ("engine", report["engine"])]
    location_label = "data dir" if report["engine"] == "embedded" else "url"
    lines.append((location_label, report["location"]))
    alias, index = stats.pop("alias", None), stats.pop("index", None)
    if alias:  # remote engines: the alias and the versioned index behind it
        lines.append(("index", f"{alias} -> {index}" if index else f"{alias} (no index yet)"))
    else:
        lines.append(("index", str(index or report["index"])))
    lines.append(("reachable", "yes" if report["reachable"] else "no"))
    if "plugins" in stats:
        plugins = stats.pop("plugins")
        lines.append(("plugins", ", ".join(plugins) if plugins else "(none)"))
    if "icu_plugin" in report:
        lines.append((ICU_PLUGIN, "present" if report["icu_plugin"] else "MISSING"))
    if "documents" in stats:
        lines.append(("documents", str(stats.pop("documents"))))
    stats.pop("engine", None)
    lines += [(key.replace("_", " "), str(value)) for key, value in sorted(stats.items())]
    status = "healthy" if report["healthy"] else "NOT healthy"
    if report["detail"]:
        status = f"{status}: {report['detail']}"
    lines.append(("status", status))
    width = max(len(label) for label, _ in lines)
    return "\n".join(f"{label + ':':<{width + 1}} {value}" for label, value in lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    report = collect_report(Config.from_env())
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    else:
        print(format_report(report))
    if not report["healthy"]:
        print("search-app check: the engine is not usable (see status above)", file=sys.stderr)
    return 0 if report["healthy"] else 1
