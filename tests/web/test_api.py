"""The JSON API on a real embedded index: parameters, facets, multi-select, sort, paging, errors."""

from __future__ import annotations

import html
import re

import icu
import pytest

from search_app.engines.base import FACETS, MAX_RESULT_WINDOW, UNKNOWN

from .articles import HOSTILE_ID

HIT_FIELDS = [
    "id",
    "title",
    "language",
    "published",
    "year",
    "source",
    "url",
    "countries",
    "snippet",
    "score",
]
FACET_VALUE_FIELDS = ["value", "label", "count", "selected"]


def search(client, **params):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/json"
    return response.get_json()


def codes(document, facet):
    """The values a document is counted under for a facet (as the engine contract defines them)."""
    if facet == "country":
        values = [c["code"] for c in document["countries"]]
    else:
        value = document.get(facet)
        values = [] if value is None else [str(value)]
    return values or [UNKNOWN]


def count_where(documents, **wanted):
    """How many documents match every facet selection (OR within one facet's values)."""
    return sum(
        all(set(codes(doc, facet)) & set(values) for facet, values in wanted.items()) for doc in documents
    )


def facet_counts(body, facet):
    return {v["value"]: v["count"] for v in body["facets"][facet]}


def test_empty_query_lists_every_article_newest_first_with_facets(client, all_documents):
    body = search(client, size=100)
    assert body["query"] == ""
    assert body["total"] == len(all_documents)
    assert {hit["id"] for hit in body["hits"]} == {doc["id"] for doc in all_documents}
    dates = [hit["published"] for hit in body["hits"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated, "undated articles come after dated ones"
    assert list(body["facets"]) == list(FACETS)
    undated = sum(doc["year"] is None for doc in all_documents)
    assert undated >= 1
    assert facet_counts(body, "year")[UNKNOWN] == undated


def test_years_are_listed_newest_first_with_undated_last(client, all_documents):
    body = search(client)
    years = [v["value"] for v in body["facets"]["year"]]
    dated = sorted({str(doc["year"]) for doc in all_documents if doc["year"]}, reverse=True)
    assert years == [*dated, UNKNOWN]
    counts = facet_counts(body, "year")
    # Otherwise the test could not tell the two orders apart.
    assert list(counts.values()) != sorted(counts.values(), reverse=True), "the years' counts are in order"


def test_response_has_the_documented_shape(client):
    body = search(client, q="रूस")
    assert list(body) == ["query", "total", "page", "size", "took_ms", "hits", "facets"]
    assert (body["query"], body["page"], body["size"]) == ("रूस", 1, 10)
    assert isinstance(body["took_ms"], int) and body["took_ms"] >= 0
    assert body["hits"]
    for hit in body["hits"]:
        assert list(hit) == HIT_FIELDS
        assert isinstance(hit["score"], float)
        assert all(set(c) == {"code", "name"} for c in hit["countries"])
    for values in body["facets"].values():
        for value in values:
            assert list(value) == FACET_VALUE_FIELDS


def test_a_query_finds_matching_articles_and_marks_the_matches(client, all_documents):
    body = search(client, q="रूस")
    ids = [hit["id"] for hit in body["hits"]]
    assert "test-hi-energy" in ids
    assert "test-en-tea" not in ids
    assert any("<mark>" in hit["snippet"] for hit in body["hits"])
    scores = [hit["score"] for hit in body["hits"]]
    assert scores == sorted(scores, reverse=True), "a query sorts by relevance by default"


def test_repeated_values_of_one_facet_are_ored(client, all_documents):
    body = search(client, country=["JP", "NP"], size=100)
    assert body["total"] == count_where(all_documents, country=["JP", "NP"])
    assert body["total"] >= 2
    for hit in body["hits"]:
        assert {c["code"] for c in hit["countries"]} & {"JP", "NP"}


def test_different_facets_are_anded(client, all_documents):
    body = search(client, country="IN", language="en", size=100)
    expected = count_where(all_documents, country=["IN"], language=["en"])
    assert body["total"] == expected
    assert 0 < expected < count_where(all_documents, country=["IN"])
    for hit in body["hits"]:
        assert hit["language"] == "en" and "IN" in {c["code"] for c in hit["countries"]}


def test_facet_counts_stay_correct_under_multi_select(client, all_documents):
    everything = search(client)
    selected = search(client, country="JP")
    # A facet's own selection does not narrow its counts, so other values stay selectable...
    assert facet_counts(selected, "country") == facet_counts(everything, "country")
    # ...while the other facets count only what the selection leaves.
    japan = [doc for doc in all_documents if "JP" in codes(doc, "country")]
    for facet in ("year", "language", "source"):
        expected = {}
        for doc in japan:
            for value in codes(doc, facet):
                expected[value] = expected.get(value, 0) + 1
        assert facet_counts(selected, facet) == expected
    flags = {v["value"]: v["selected"] for v in selected["facets"]["country"]}
    assert flags["JP"] is True and not any(flag for value, flag in flags.items() if value != "JP")


def test_a_country_selected_by_any_of_its_names_is_its_code(client):
    by_code = search(client, country="JP", size=100)
    for name in ("Japan", "japan", "jp", "JPN", "जापान", "જાપાન"):
        by_name = search(client, country=name, size=100)
        assert by_name["total"] == by_code["total"] > 0
        assert by_name["facets"]["country"] == by_code["facets"]["country"]
    flags = {v["value"]: v["selected"] for v in by_code["facets"]["country"]}
    assert flags["JP"] is True
    by_alias = search(client, country="USA", size=100)  # an alias, not a code: the United States are US
    assert by_alias["total"] == search(client, country="US")["total"] > 0
    assert [v["value"] for v in by_alias["facets"]["country"] if v["selected"]] == ["US"]


def test_a_language_selected_by_its_name_is_its_code(client):
    by_code = search(client, language="hi", size=100)
    for name in ("HI", "Hindi", "hindi", "हिन्दी", "हिंदी"):
        by_name = search(client, language=name, size=100)
        assert by_name["total"] == by_code["total"] > 0
        assert [v["value"] for v in by_name["facets"]["language"] if v["selected"]] == ["hi"]
    assert search(client, language="ગુજરાતી")["total"] == search(client, language="gu")["total"] > 0


def test_a_source_is_selected_in_any_case(client, all_documents):
    source = max({d["source"] for d in all_documents if d["source"] and d["source"] != d["source"].lower()})
    expected = sum(d["source"] == source for d in all_documents)
    for typed in (source, source.lower(), source.upper()):
        body = search(client, source=typed, size=100)
        assert body["total"] == expected > 0, typed
        selected = [v for v in body["facets"]["source"] if v["selected"]]
        assert selected == [{"value": source, "label": source, "count": expected, "selected": True}], typed
    assert search(client, source=source + "x")["total"] == 0  # still the name, not a part of it


def test_a_selected_value_without_matches_stays_listed_so_it_can_be_removed(client):
    body = search(client, country="aq", year="1901", language="Swahili")
    assert body["total"] == 0
    assert {"value": "AQ", "label": "Antarctica", "count": 0, "selected": True} in body["facets"]["country"]
    assert {"value": "1901", "label": "1901", "count": 0, "selected": True} in body["facets"]["year"]
    assert {"value": "sw", "label": "Swahili", "count": 0, "selected": True} in body["facets"]["language"]


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("country", "zz"),
        ("country", "Atlantis"),
        ("country", "Indai"),
        ("language", "xx"),
        ("language", "Klingon"),
    ],
)
def test_a_filter_value_that_names_no_country_or_language_is_refused(client, param, value):
    response = client.get("/api/search", query_string={param: value, "q": "India"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "bad_parameter"
    assert value in error["message"] and param in error["message"]


@pytest.mark.parametrize("value", ["zh-cn", "und", "HI", "ગુજરાતી"])
def test_the_language_codes_ingest_writes_are_accepted(client, value):
    assert client.get("/api/search", query_string={"language": value}).status_code == 200


def test_labels_come_from_cldr(client):
    body = search(client)
    english = icu.Locale("en")
    for value in body["facets"]["country"]:
        if value["value"] != UNKNOWN:
            assert value["label"] == icu.Locale("", value["value"]).getDisplayCountry(english)
    labels = {v["value"]: v["label"] for v in body["facets"]["language"]}
    assert labels["hi"] == "Hindi" and labels["gu"] == "Gujarati" and labels["en"] == "English"


def test_unknown_year_selects_undated_articles(client, all_documents):
    body = search(client, year=UNKNOWN, size=100)
    assert body["total"] == sum(doc["year"] is None for doc in all_documents)
    assert all(hit["year"] is None for hit in body["hits"])


def test_unknown_country_selects_articles_that_name_none(client, all_documents):
    body = search(client, country=UNKNOWN, size=100)
    expected = {doc["id"] for doc in all_documents if not doc["countries"]}
    assert expected
    assert {hit["id"] for hit in body["hits"]} == expected
    values = {v["value"]: v for v in body["facets"]["country"]}
    assert values[UNKNOWN]["selected"] and values[UNKNOWN]["count"] == len(expected)
    assert values[UNKNOWN]["label"] == "Unknown"


def test_sort_newest_orders_a_query_by_date(client):
    body = search(client, q="India OR भारत OR ભારત", sort="newest", size=100)
    dated = [hit["published"] for hit in body["hits"] if hit["published"]]
    assert len(dated) >= 2
    assert dated == sorted(dated, reverse=True)


def test_pages_partition_the_results(client, all_documents):
    size = 2
    seen: list[str] = []
    pages = -(-len(all_documents) // size)
    for page in range(1, pages + 1):
        body = search(client, page=page, size=size)
        assert (body["page"], body["size"], body["total"]) == (page, size, len(all_documents))
        assert len(body["hits"]) == min(size, len(all_documents) - (page - 1) * size)
        seen += [hit["id"] for hit in body["hits"]]
    assert sorted(seen) == sorted(doc["id"] for doc in all_documents)
    beyond = search(client, page=pages + 1, size=size)
    assert beyond["hits"] == [] and beyond["total"] == len(all_documents)


def test_the_largest_page_inside_the_result_window_is_allowed(client):
    body = search(client, page=MAX_RESULT_WINDOW // 100, size=100)
    assert body["hits"] == []


@pytest.mark.parametrize(
    ("params", "code", "mentions"),
    [
        ({"page": "two"}, "bad_parameter", "page"),
        ({"page": "0"}, "bad_parameter", "page"),
        ({"page": "-1"}, "bad_parameter", "page"),
        ({"page": "1.5"}, "bad_parameter", "page"),
        ({"page": "١"}, "bad_parameter", "page"),  # an Arabic-Indic digit is not a page number here
        ({"size": "101"}, "bad_parameter", "size"),
        ({"size": "0"}, "bad_parameter", "size"),
        ({"size": "ten"}, "bad_parameter", "size"),
        ({"page": str(MAX_RESULT_WINDOW // 10 + 1), "size": "10"}, "bad_parameter", "result"),
        ({"sort": "best"}, "bad_parameter", "sort"),
        ({"year": "twenty"}, "bad_parameter", "year"),
        ({"year": "20245"}, "bad_parameter", "year"),
        ({"country": [f"C{i}" for i in range(21)]}, "bad_parameter", "country"),
        ({"source": "x" * 201}, "bad_parameter", "source"),
        ({"q": "रूस " * 126}, "query_too_long", "500"),
        # a parameter of one value given twice: which would win? Neither, whichever is valid
        ({"page": ["1", "abc"]}, "bad_parameter", "page may be given only once"),
        ({"size": ["5", "7"]}, "bad_parameter", "size"),
        ({"q": ["modi", "lavrov"]}, "bad_parameter", "q may be given only once"),
        ({"sort": ["newest", "newest"]}, "bad_parameter", "sort"),
    ],
)
def test_bad_parameters_are_a_400_with_a_json_error(client, params, code, mentions):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == code
    assert mentions in error["message"]


def test_a_query_of_exactly_the_limit_is_accepted(client):
    body = search(client, q="x" * 500)
    assert body["total"] == 0


def test_an_article_by_id(client, all_documents):
    expected = next(doc for doc in all_documents if doc["id"] == "test-en-tea")
    response = client.get("/api/articles/test-en-tea")
    assert response.status_code == 200
    article = response.get_json()
    for field in ("id", "title", "body", "language", "published", "year", "source", "url"):
        assert article[field] == expected[field]
    assert article["countries"] == [{"code": "NP", "name": "Nepal"}]


def test_every_seed_article_is_reachable_by_its_id(client, seed_documents):
    for doc in seed_documents:
        response = client.get(f"/api/articles/{doc['id']}")
        assert response.status_code == 200
        assert response.get_json()["title"] == doc["title"]


@pytest.mark.parametrize("path", ["/api/articles/no-such-article", "/api/no-such-endpoint", "/api"])
def test_unknown_things_under_api_are_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]["code"] == "not_found"


def test_wrong_method_is_a_json_405(client):
    response = client.post("/api/search")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_suggest_completes_a_prefix(client):
    response = client.get("/api/suggest", query_string={"q": "रू"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["query"] == "रू"
    assert body["suggestions"]
    assert all(s.casefold().startswith("रू") for s in body["suggestions"])
    assert len(client.get("/api/suggest?q=t&size=1").get_json()["suggestions"]) == 1


def test_suggest_with_nothing_typed_suggests_nothing(client):
    assert client.get("/api/suggest?q=").get_json() == {"query": "", "suggestions": []}


@pytest.mark.parametrize("query", ["q=a&size=0", "q=a&size=21", "q=a&size=x", "q=" + "a" * 501])
def test_suggest_rejects_bad_parameters(client, query):
    response = client.get(f"/api/suggest?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"]


def test_health_endpoints(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ready", "engine": "embedded"}


def test_the_app_opens_its_engine_from_configuration(app_from_config, all_documents):
    client = app_from_config.test_client()
    assert search(client)["total"] == len(all_documents)


# Any tag in a snippet other than the highlight itself.
_FOREIGN_TAG = re.compile(r"<(?!/?mark>)")


@pytest.mark.parametrize("query", ["Moscow", "script", "img onerror", "alert", "रूस", ""])
def test_a_hostile_document_is_inert_in_api_snippets(client, query):
    body = search(client, q=query, size=100)
    for hit in body["hits"]:
        assert not _FOREIGN_TAG.search(hit["snippet"]), hit["snippet"]
    hostile = [hit for hit in body["hits"] if hit["id"] == HOSTILE_ID]
    if query in ("Moscow", "script", "alert", ""):
        assert hostile, f"{query!r} should find the hostile article"
        assert "&lt;script&gt;" in hostile[0]["snippet"] or "&lt;img" in hostile[0]["snippet"]


def grapheme_boundaries(text: str) -> set[int]:
    breaker = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    breaker.setText(text)
    return {0, *breaker}


@pytest.mark.parametrize("query", ["", "रूस", "પાકિસ્તાન", "Russia", "ऊर्जा", "SCO"])
def test_snippets_are_pieces_of_the_body_cut_between_grapheme_clusters(client, all_documents, query):
    bodies = {doc["id"]: " ".join(doc["body"].split()) for doc in all_documents}
    body = search(client, q=query, size=100)
    assert body["hits"]
    for hit in body["hits"]:
        text = bodies[hit["id"]]
        boundaries = grapheme_boundaries(text)
        for fragment in hit["snippet"].split(" … "):
            plain = html.unescape(fragment.replace("<mark>", "").replace("</mark>", "")).strip(" …")
            if not plain:
                continue
            start = text.find(plain)
            assert start >= 0, (hit["id"], plain)
            assert start in boundaries and start + len(plain) in boundaries, (hit["id"], plain)
