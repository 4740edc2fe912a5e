"""The HTML pages on a real embedded index: same parameters as the API, state in the URL, escaping."""

from __future__ import annotations

import html as html_module
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from .articles import HOSTILE_ID


class Page(HTMLParser):
    """The parts of a rendered page the tests look at: elements with their attributes, and script tags."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts = 0
        self._in_script_without_src = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        self._in_script_without_src = tag == "script" and "src" not in attributes

    def handle_data(self, data):
        if self._in_script_without_src and data.strip():
            self.inline_scripts += 1

    def find(self, tag, **wanted):
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in wanted.items())]


def get_page(client, path, **params) -> tuple[str, Page]:
    response = client.get(path, query_string=params or None)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    return html, Page(html)


def result_ids(page: Page) -> list[str]:
    hrefs = [a["href"] for a in page.find("a")]
    return [href.removeprefix("/articles/") for href in hrefs if href.startswith("/articles/")]


def test_the_page_and_the_api_show_the_same_results_for_the_same_parameters(client):
    params = {"q": "India OR रूस OR ભારત", "language": ["en", "hi"], "sort": "newest", "size": 3, "page": 1}
    api = client.get("/api/search", query_string=params).get_json()
    html, page = get_page(client, "/", **params)
    assert result_ids(page) == [hit["id"] for hit in api["hits"]]
    assert f'data-total="{api["total"]}"' in html


def test_the_search_box_keeps_the_query_and_has_focus(client):
    _, page = get_page(client, "/", q='रूस "ऊर्जा समझौता"')
    box = page.find("input", id="q")[0]
    assert box["value"] == 'रूस "ऊर्जा समझौता"'
    assert "autofocus" in box


def test_results_carry_language_badges_and_lang_attributes(client, all_documents):
    _, page = get_page(client, "/", size=100)
    languages = {doc["id"]: doc["language"] for doc in all_documents}
    headings = [a["lang"] for a in page.find("h2")]
    assert sorted(headings) == sorted(languages.values())
    snippets = page.find("p", **{"class": "snippet"})
    assert {a["lang"] for a in snippets} == set(languages.values())
    assert len(page.find("span", **{"class": "badge"})) == len(all_documents)


def test_facets_are_checkboxes_with_counts_in_one_get_form(client):
    _, page = get_page(client, "/", country="IN")
    form = page.find("form", method="get")
    assert form and form[0]["action"] == "/"
    india = page.find("input", type="checkbox", name="country", value="IN")
    assert india and "checked" in india[0]
    japan = page.find("input", type="checkbox", name="country", value="JP")
    assert japan and "checked" not in japan[0]
    for facet in ("year", "language", "source"):
        assert page.find("input", type="checkbox", name=facet)


def test_a_selected_value_is_a_chip_that_removes_it(client):
    _, page = get_page(client, "/", q="India", country=["IN", "JP"], year="2024")
    chips = [a["href"] for a in page.find("a", **{"class": "chip"})]
    assert len(chips) == 3
    remaining = [parse_qs(urlsplit(href).query) for href in chips]
    assert {"q": ["India"], "country": ["JP"], "year": ["2024"]} in remaining
    assert {"q": ["India"], "country": ["IN"], "year": ["2024"]} in remaining
    assert {"q": ["India"], "country": ["IN", "JP"]} in remaining


def test_a_source_typed_in_another_case_is_checked_as_the_index_writes_it(client, all_documents):
    source = max({d["source"] for d in all_documents if d["source"] and d["source"] != d["source"].lower()})
    _, page = get_page(client, "/", source=source.lower())
    box = page.find("input", type="checkbox", name="source", value=source)
    assert box and "checked" in box[0]
    [chip] = [a["href"] for a in page.find("a", **{"class": "chip"})]
    assert parse_qs(urlsplit(chip).query) == {}  # removing the chip removes the filter


def test_clear_all_drops_the_filters_and_keeps_the_query_sort_and_size(client):
    _, page = get_page(client, "/", q="India", country=["IN", "JP"], year="2024", sort="newest", size=5)
    [clear] = page.find("a", **{"class": "clear"})
    assert parse_qs(urlsplit(clear["href"]).query) == {"q": ["India"], "sort": ["newest"], "size": ["5"]}


def test_pagination_links_keep_every_parameter(client, all_documents):
    _, page = get_page(client, "/", language=["en", "hi", "gu"], size=2, page=2)
    links = [parse_qs(urlsplit(a["href"]).query) for a in page.find("a") if "page=" in a.get("href", "")]
    assert links, "a second page of two should link to other pages"
    for query in links:
        assert query["language"] == ["en", "hi", "gu"] and query["size"] == ["2"]
    prev = page.find("a", rel="prev")[0]["href"]
    assert "page=" not in prev, "page 1 is the default and stays out of the URL"


def test_sort_links_switch_the_order(client):
    _, page = get_page(client, "/", q="India")
    newest = [a["href"] for a in page.find("a") if "sort=newest" in a.get("href", "")]
    assert newest


def test_no_results_page_helps(client):
    html, _ = get_page(client, "/", q="zzzqqqxxy", country="IN")
    assert "No articles match" in html
    assert "Search without filters" in html


def test_the_article_page_shows_the_full_text_and_facets_as_links(client, all_documents):
    doc = next(d for d in all_documents if d["id"] == "test-hi-energy")
    html, page = get_page(client, "/articles/test-hi-energy")
    assert page.find("h1", lang="hi")
    for sentence in doc["body"].split("। ")[:2]:
        assert sentence.strip("।") in html
    links = {a["href"] for a in page.find("a")}
    assert {"/?country=IN", "/?country=RU", "/?language=hi", "/?year=2023"} <= links
    assert any(href.startswith("/?source=") for href in links)
    assert doc["url"] in links


def back_link(client, referrer: str | None) -> str | None:
    headers = {"Referer": referrer} if referrer else {}
    response = client.get("/articles/test-hi-energy", headers=headers)
    assert response.status_code == 200
    found = re.search(r'<p class="back"><a href="([^"]*)"', response.get_data(as_text=True))
    return html_module.unescape(found.group(1)) if found else None


def test_the_article_page_links_back_to_the_results_the_reader_came_from(client):
    came_from = "http://localhost/?q=%E0%A4%B0%E0%A5%82%E0%A4%B8&country=IN&country=RU&page=2&sort=newest"
    back = back_link(client, came_from)
    assert back is not None
    assert parse_qs(urlsplit(back).query) == {
        "q": ["रूस"],
        "country": ["IN", "RU"],
        "page": ["2"],
        "sort": ["newest"],
    }
    # The link is the search page's own URL for those parameters, so it is the page the reader left.
    assert client.get(back).status_code == 200


@pytest.mark.parametrize(
    "referrer",
    [
        None,  # typed in, or a bookmark
        "http://elsewhere.example/?q=x",  # another site
        "http://localhost/articles/test-en-bus",  # another article, not results
        "http://localhost/?year=twenty",  # a search the page itself would refuse
        "javascript:alert(1)//localhost/",
    ],
)
def test_no_back_link_unless_the_reader_came_from_our_results(client, referrer):
    assert back_link(client, referrer) is None


def test_every_seed_article_page_renders(client, seed_documents):
    for doc in seed_documents:
        html, page = get_page(client, f"/articles/{doc['id']}")
        assert page.find("h1", lang=doc["language"])


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert client.get("/api/search").headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/?q=Moscow", "/articles/" + HOSTILE_ID, "/no-such-page"])
def test_no_inline_script_and_no_event_handlers(client, path):
    page = Page(client.get(path).get_data(as_text=True))
    assert page.inline_scripts == 0
    scripts = page.find("script")
    assert scripts and all(s["src"].startswith("/static/") for s in scripts)
    for _, attributes in page.elements:
        assert not [name for name in attributes if name.startswith("on")]


@pytest.mark.parametrize("path", ["/?q=Moscow", "/?q=script", "/", "/articles/" + HOSTILE_ID])
def test_the_hostile_document_renders_inert(client, path):
    html, page = get_page(client, path)
    assert "<script>alert" not in html and "<img" not in html and "<b>Evil" not in html
    # The markup shows as text (a search for "script" marks the word inside it).
    assert re.search(r"&lt;(<mark>)?script(</mark>)?&gt;alert\(", html)
    assert not page.find("img")
    assert not [a for a in page.find("a") if (a.get("href") or "").startswith("javascript:")]


def test_the_hostile_source_is_escaped_in_the_facet_list(client):
    html, page = get_page(client, "/", source="<b>Evil Source</b>")
    box = page.find("input", type="checkbox", name="source", value="<b>Evil Source</b>")
    assert box and "checked" in box[0]
    assert "&lt;b&gt;Evil Source&lt;/b&gt;" in html


def test_static_files_are_served(client):
    css = client.get("/static/style.css").get_data(as_text=True)
    assert "Noto Sans Devanagari" in css and "Noto Sans Gujarati" in css
    assert client.get("/static/search.js").status_code == 200


def test_long_facet_lists_fold_away_unless_a_folded_value_is_selected(client):
    countries = client.get("/api/search").get_json()["facets"]["country"]
    assert len(countries) > 10, "the test data names more than ten countries"
    _, page = get_page(client, "/")
    assert page.find("details") and "open" not in page.find("details")[0]
    folded = countries[-1]["value"]
    _, page = get_page(client, "/", country=folded)
    assert "open" in page.find("details")[0]

    assert "checked" in page.find("input", name="country", value=folded)[0]


def test_titles_on_the_page_mark_the_query(client):
    html, page = get_page(client, "/", q="Nepal")
    assert re.search(r"<h2[^>]*><a [^>]*>[^<]*<mark>Nepal</mark>", html)
    assert page.find("mark")
