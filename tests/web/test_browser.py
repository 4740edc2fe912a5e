"""The page in a real browser (Debian's headless Chromium driven by Playwright), against the development
server and against gunicorn: type a Hindi query, see highlights, pick a country, open an article.

Screenshots go to artifacts/screenshots/ (CI prints that folder).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from werkzeug.serving import make_server

from search_app.config import Config
from search_app.web.app import create_app

from .servers import free_port, wait_until_up

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
HINDI_QUERY = "रूस"  # "Russia"


def api_search(base_url: str, **params) -> dict:
    with urllib.request.urlopen(f"{base_url}/api/search?{urlencode(params, doseq=True)}", timeout=10) as r:
        return json.load(r)


@pytest.fixture(scope="module")
def werkzeug_server(data_dir) -> Iterator[str]:
    app = create_app({"SEARCH_APP_CONFIG": Config(data_dir=data_dir)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_port}"
    wait_until_up(base_url)
    yield base_url
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def gunicorn_server(data_dir) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "SEARCH_APP_DATA_DIR": str(data_dir),
        "SEARCH_APP_HOST": "127.0.0.1",
        "SEARCH_APP_PORT": str(port),
    }
    env.pop("SEARCH_APP_ENGINE_URL", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "search_app:create_app()"], cwd=REPO_ROOT, env=env
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url, process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip(f"{CHROMIUM} not found: install the Debian packages chromium and chromium-driver")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def displayed_total(page) -> int:
    return int(page.get_attribute("#result-count strong", "data-total"))


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_completion_keeps_the_exclusion_typed_before_the_word(browser, werkzeug_server):
    page = browser.new_page()
    page.goto(werkzeug_server + "/")
    page.locator("#q").press_sequentially("India -" + HINDI_QUERY[:2], delay=50)
    page.locator("#suggestions option").first.wait_for(state="attached")
    values = page.locator("#suggestions option").evaluate_all("options => options.map(o => o.value)")
    assert values and all(value.startswith("India -" + HINDI_QUERY[:2]) for value in values), values
    page.close()


@pytest.mark.parametrize("server", ["werkzeug_server", "gunicorn_server"])
def test_search_pick_a_country_and_open_an_article(browser, request, server):
    base_url = request.getfixturevalue(server)
    name = server.removesuffix("_server")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="hi-IN")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(base_url + "/")
    assert page.evaluate("document.activeElement.id") == "q", "the search box has focus"
    everything = displayed_total(page)

    # Typing offers completions from /api/suggest (the datalist fills in).
    page.locator("#q").press_sequentially(HINDI_QUERY[:2], delay=50)
    page.locator("#suggestions option").first.wait_for(state="attached")
    page.locator("#q").fill(HINDI_QUERY)
    with page.expect_navigation():
        page.locator("#q").press("Enter")
    assert query_of(page.url)["q"] == [HINDI_QUERY]
    found = displayed_total(page)
    assert 0 < found < everything
    assert found == api_search(base_url, q=HINDI_QUERY)["total"]
    marks = page.locator(".snippet mark")
    assert marks.count() > 0
    assert any(HINDI_QUERY in text for text in marks.all_inner_texts())
    assert page.locator("#q").input_value() == HINDI_QUERY
    shot(page, f"{name}-1-results")

    # Pick a country that narrows the results: the checkbox applies itself and the URL records it.
    boxes = page.locator("fieldset[data-facet=country] label")
    choice = None
    for i in range(boxes.count()):
        count = int(boxes.nth(i).locator(".n").get_attribute("data-count"))
        if 0 < count < found and boxes.nth(i).is_visible():
            choice = (boxes.nth(i).locator("input").get_attribute("value"), count)
            break
    assert choice, "some country should cover part of the results"
    code, count = choice
    with page.expect_navigation():
        page.locator(f"fieldset[data-facet=country] input[value={code}]").check()
    assert query_of(page.url)["country"] == [code]
    assert query_of(page.url)["q"] == [HINDI_QUERY]
    assert displayed_total(page) == count
    assert page.locator(f"fieldset[data-facet=country] input[value={code}]").is_checked()
    assert page.locator(".chip").count() == 1
    shot(page, f"{name}-2-country")

    # Open the first result: its full text, in its language.
    results_url = page.url
    first = page.locator(".hit h2 a").first
    title = first.inner_text()
    with page.expect_navigation():
        first.click()
    assert urlsplit(page.url).path.startswith("/articles/")
    assert page.locator("article h1").inner_text() == title
    assert page.locator("article .body p").count() >= 1
    shot(page, f"{name}-3-article")

    # And back to the same results, filter and all.
    with page.expect_navigation():
        page.get_by_role("link", name="Back to results").click()
    assert query_of(page.url) == query_of(results_url)
    assert displayed_total(page) == count
    assert page.locator(".chip").count() == 1
    assert errors == [], errors
    page.close()


def test_filters_work_without_javascript_and_on_a_phone(browser, werkzeug_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{werkzeug_server}/?{urlencode({'q': HINDI_QUERY})}")
    before = displayed_total(page)
    page.locator("fieldset[data-facet=language] input[value=hi]").check()
    with page.expect_navigation():
        page.locator("button.apply").click()
    assert query_of(page.url)["language"] == ["hi"]
    assert displayed_total(page) == api_search(werkzeug_server, q=HINDI_QUERY, language="hi")["total"]
    assert displayed_total(page) <= before
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "phone-no-js")
    context.close()
