"""Errors a client meets: the engine really down (503 with Retry-After), not-found pages, bad input."""

from __future__ import annotations

import pytest

from search_app.config import Config
from search_app.web.app import create_app

from .servers import free_port


@pytest.fixture(params=["embedded-blocked", "remote-closed-port"])
def down_client(request, tmp_path):
    """An app whose engine really cannot work: the embedded engine's data directory is a plain file, or
    the Elasticsearch/OpenSearch URL points at a closed port on 127.0.0.1."""
    if request.param == "embedded-blocked":
        blocked = tmp_path / "not-a-directory"
        blocked.write_text("this file stands where the index directory should be\n")
        config = Config(data_dir=blocked)
    else:
        config = Config(engine_url=f"http://127.0.0.1:{free_port()}", data_dir=tmp_path)
    app = create_app({"SEARCH_APP_CONFIG": config, "TESTING": True})
    return app.test_client()


@pytest.mark.parametrize(
    "path", ["/api/search", "/api/search?q=रूस", "/api/articles/anything", "/api/suggest?q=ru", "/readyz"]
)
def test_engine_down_is_a_503_with_retry_after(down_client, path):
    response = down_client.get(path)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"]["code"] == "engine_unavailable"


def test_engine_down_page_explains_instead_of_a_stack_trace(down_client):
    response = down_client.get("/?q=रूस")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    page = response.get_data(as_text=True)
    assert "Search is unavailable right now" in page
    assert 'value="रूस"' in page, "the search box keeps the query"
    assert "Traceback" not in page and "NotADirectoryError" not in page


def test_bad_input_is_still_a_400_while_the_engine_is_down(down_client):
    # Parameters are checked before the engine is touched: bad input costs nothing else.
    assert down_client.get("/api/search?page=x").status_code == 400


def test_liveness_does_not_depend_on_the_engine(down_client):
    response = down_client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_an_unknown_article_page_is_a_404_page(client):
    response = client.get("/articles/no-such-article")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Not found" in response.get_data(as_text=True)


def test_an_unknown_page_is_an_html_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("query", ["page=two", "size=1000", "year=soon", "q=" + "अ" * 501])
def test_bad_parameters_on_the_page_are_a_400_page_with_the_reason(client, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "That search could not be run" in page


def test_a_real_bug_is_logged_and_answered_with_a_json_500(tmp_path, caplog):
    app = create_app({"SEARCH_APP_CONFIG": Config(data_dir=tmp_path), "TESTING": True})

    @app.get("/api/broken")
    def broken():  # a stand-in for a programming error in a view
        return {"ratio": 1 / 0}

    response = app.test_client().get("/api/broken")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    assert "ZeroDivisionError" not in response.get_data(as_text=True)
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)
