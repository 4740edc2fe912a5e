"""The console command wiring: one command, a subcommand per job, --help everywhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from search_app import __version__
from search_app.cli import SUBCOMMANDS, main
from search_app.config import SETTINGS, Config


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("command", list(SUBCOMMANDS))
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert f"search-app {command}" in capsys.readouterr().out


def test_no_subcommand_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--version"], ["check", "--help"], ["serve", "--help"]])
def test_only_the_chosen_subcommand_is_imported(argv):
    # ingest's modules take half a second to import; the other commands must not wait for them.
    code = (
        "import sys\n"
        "from search_app.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(name for name in sys.modules if name.startswith(('ingest', 'trafilatura'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_python_dash_m_ingest_is_the_ingest_subcommand():
    out = subprocess.run(
        [sys.executable, "-m", "ingest", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "search-app ingest" in out and "--dry-run" in out


def test_config_defaults_are_safe():
    config = Config.from_env({})
    assert config.engine_url is None  # the embedded engine is the default
    assert config.host == "127.0.0.1"
    assert config.debug is False
    assert config.verify_certs is True


def test_config_reads_every_documented_setting():
    env = {
        "SEARCH_APP_ENGINE_URL": "http://127.0.0.1:9",
        "SEARCH_APP_DATA_DIR": "/tmp/x",
        "SEARCH_APP_INDEX": "news",
        "SEARCH_APP_USERNAME": "u",
        "SEARCH_APP_PASSWORD": "p",
        "SEARCH_APP_API_KEY": "k",
        "SEARCH_APP_CA_CERTS": "/ca.pem",
        "SEARCH_APP_VERIFY_CERTS": "false",
        "SEARCH_APP_REDUCED_ANALYSIS": "true",
        "SEARCH_APP_QUERY_CACHE": "false",
        "SEARCH_APP_HOST": "0.0.0.0",
        "SEARCH_APP_PORT": "8080",
        "SEARCH_APP_DEBUG": "1",
    }
    assert set(env) == set(SETTINGS)
    config = Config.from_env(env)
    assert (config.engine_url, str(config.data_dir), config.index) == ("http://127.0.0.1:9", "/tmp/x", "news")
    assert (config.username, config.password, config.api_key, config.ca_certs) == ("u", "p", "k", "/ca.pem")
    assert (config.verify_certs, config.reduced_analysis, config.debug) == (False, True, True)
    assert (config.host, config.port) == ("0.0.0.0", 8080)
    assert config.query_cache is False
