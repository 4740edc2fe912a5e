"""The README stays true: its configuration table is the one ``SETTINGS`` renders, and the commands,
paths and endpoints it names exist.

``python tests/test_readme.py`` rewrites the table from ``search_app.config.SETTINGS``.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
README = REPO_ROOT / "README.md"
# os.environ["X"], os.environ.get("X"), os.getenv("X"), env.get("X"), env["X"]
ENV_READ = re.compile(r"\b(?:environ|getenv|env)(?:\.get)?\s*[(\[]\s*[\"'](SEARCH_APP_[A-Z0-9_]+)")
BEGIN, END = "<!-- settings:begin -->", "<!-- settings:end -->"

if __name__ == "__main__":  # run as a script from anywhere: make the package importable
    sys.path.insert(0, str(REPO_ROOT))

from search_app.cli import SUBCOMMANDS  # noqa: E402
from search_app.config import SETTINGS  # noqa: E402


def settings_table() -> str:
    """The configuration reference as a Markdown table, one row per setting, in SETTINGS order."""
    rows = ["| variable | default | what it does |", "| --- | --- | --- |"]
    for name, (default, meaning) in SETTINGS.items():
        escaped = meaning.replace("|", r"\|")  # a pipe would end the cell
        rows.append(f"| `{name}` | {default} | {escaped} |")
    return "\n".join(rows)


def readme_table(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[start:end].strip()


def readme_text() -> str:
    return README.read_text(encoding="utf-8")


def test_settings_table_is_generated_from_settings():
    assert readme_table(readme_text()) == settings_table(), "run: python tests/test_readme.py"


def test_every_setting_is_documented():
    text = readme_text()
    missing = [name for name in SETTINGS if f"`{name}`" not in text]
    assert not missing, missing


def test_every_variable_the_code_reads_is_documented():
    # Any SEARCH_APP_* variable read by the app, ingest or gunicorn.conf.py must be named in the README.
    # (Test-only variables, SEARCH_APP_TEST_*, live in tests/ and scripts/ and are not user settings.)
    sources = [*(REPO_ROOT / "search_app").rglob("*.py"), *(REPO_ROOT / "ingest").rglob("*.py")]
    read = set()
    for path in [*sources, REPO_ROOT / "gunicorn.conf.py"]:
        read |= set(ENV_READ.findall(path.read_text(encoding="utf-8")))
    assert "SEARCH_APP_DATA_DIR" in read, "the scan must see config.py's reads"
    text = readme_text()
    assert not {name for name in read if f"`{name}`" not in text}


def test_quick_start_commands_exist_and_are_executable():
    text = readme_text()
    for script in ("scripts/run", "scripts/test", "scripts/quickstart_check"):
        assert f"./{script}" in text or f"{script}" in text
        assert os.access(REPO_ROOT / script, os.X_OK), f"{script} is not executable"


def test_every_subcommand_is_documented_and_every_documented_one_exists():
    text = readme_text()
    documented = set(re.findall(r"`search-app ([a-z]+)\b", text))
    assert set(SUBCOMMANDS) <= documented, set(SUBCOMMANDS) - documented
    assert documented <= set(SUBCOMMANDS), documented - set(SUBCOMMANDS)


def test_paths_named_in_the_readme_exist():
    text = readme_text()
    candidates = set(re.findall(r"`((?:[\w.-]+/)+[\w.-]*)`", text))  # `dir/file` or `dir/`
    candidates |= set(re.findall(r"\]\(((?!https?:)[^)#]+)\)", text))  # relative links
    candidates |= {"docker-compose.yml", "gunicorn.conf.py", "pyproject.toml"}
    created_at_run_time = {"./.data"}
    missing = sorted(p for p in candidates - created_at_run_time if not (REPO_ROOT / p).exists())
    assert not missing, missing


def test_documented_endpoints_are_routes_of_the_app(tmp_path):
    from search_app.config import Config
    from search_app.web.app import create_app

    app = create_app({"TESTING": True, "SEARCH_APP_CONFIG": Config(data_dir=tmp_path / "data")})
    routes = {re.sub(r"<[^>]+>", "<*>", rule.rule) for rule in app.url_map.iter_rules()}
    documented = {re.sub(r"<[^>]+>", "<*>", p) for p in re.findall(r"`GET (/[^\s?`]*)", readme_text())}
    assert documented, "the README lists the API endpoints as `GET /path`"
    assert documented <= routes, documented - routes


if __name__ == "__main__":
    text = readme_text()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    README.write_text(text[:start] + "\n" + settings_table() + "\n" + text[end:], encoding="utf-8")
    print(f"updated the configuration table in {README}")
