"""Credentials in the engine URL never reach a message: errors, logs, /readyz or `search-app check`."""

from __future__ import annotations

import socket

import pytest

from search_app.config import Config, redact_url
from search_app.engines import EngineUnavailable, open_engine

PASSWORD = "s3cret-pass"  # noqa: S105 - a test value


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_redact_url_masks_user_and_password():
    assert redact_url(f"https://elastic:{PASSWORD}@127.0.0.1:9200/x") == "https://***@127.0.0.1:9200/x"
    assert redact_url("http://127.0.0.1:9200") == "http://127.0.0.1:9200"


def test_unreachable_engine_error_does_not_quote_the_password():
    config = Config(engine_url=f"http://elastic:{PASSWORD}@127.0.0.1:{closed_port()}")
    with pytest.raises(EngineUnavailable) as exc:
        open_engine(config).health()
    assert "127.0.0.1" in str(exc.value)
    assert PASSWORD not in str(exc.value)


def test_readyz_and_its_log_do_not_quote_the_password(caplog):
    from search_app.web.app import create_app

    url = f"http://elastic:{PASSWORD}@127.0.0.1:{closed_port()}"
    app = create_app({"TESTING": True, "SEARCH_APP_CONFIG": Config(engine_url=url)})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert PASSWORD not in response.get_data(as_text=True)
    assert PASSWORD not in caplog.text
