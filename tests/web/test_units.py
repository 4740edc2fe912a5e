"""The request-argument parser and the snippet cleaner, on their own (no engine involved)."""

from __future__ import annotations

import icu
import pytest
from werkzeug.datastructures import MultiDict

from search_app.engines.base import UNKNOWN
from search_app.web.search_params import BadParameter, parse_search_args
from search_app.web.snippets import clean_fragment, plain_snippet


def parse(*pairs):
    return parse_search_args(MultiDict(pairs))


def test_defaults_depend_on_whether_there_is_a_query():
    empty = parse()
    assert (empty.text, empty.sort, empty.page, empty.size, dict(empty.filters)) == ("", "newest", 1, 10, {})
    assert parse(("q", " रूस ")).sort == "relevance"
    assert parse(("q", "रूस")).text == "रूस"


def test_repeated_facet_values_are_kept_once_and_normalized():
    request = parse(
        ("country", "pk"),
        ("country", "PK"),
        ("country", "in"),
        ("language", "HI"),
        ("year", "2024"),
        ("year", "Unknown"),
        ("source", " Statecraft "),
        ("source", ""),
    )
    assert dict(request.filters) == {
        "country": ["PK", "IN"],
        "year": ["2024", UNKNOWN],
        "language": ["hi"],
        "source": ["Statecraft"],
    }


@pytest.mark.parametrize(
    ("pairs", "param"),
    [
        ([("page", "")], "page"),
        ([("size", " 5")], "size"),
        ([("sort", "")], "sort"),
        ([("year", " 2024")], "year"),
        ([("page", "99999999999")], "page"),
    ],
)
def test_malformed_values_name_the_parameter(pairs, param):
    with pytest.raises(BadParameter) as caught:
        parse(*pairs)
    assert caught.value.param == param


def test_marks_survive_and_everything_else_is_escaped():
    fragment = "say <mark>रूस</mark> &lt;b&gt; <script>alert(1)</script> <mark>x"
    cleaned = str(clean_fragment(fragment))
    assert cleaned == "say <mark>रूस</mark> &lt;b&gt; &lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>"


def test_escaping_is_idempotent_on_an_engine_fragment():
    fragment = "a &amp;lt; b &quot;c&quot; <mark>d</mark>"
    assert str(clean_fragment(fragment)) == "a &amp;lt; b &quot;c&quot; <mark>d</mark>"


def test_a_fragment_never_starts_or_ends_inside_a_cluster():
    # Starts with a dependent vowel sign and ends with a virama: both belong to clusters cut off.
    cleaned = str(clean_fragment("ि<mark>रूस</mark> और भारत क्"))
    assert cleaned == "<mark>रूस</mark> और भारत "


def grapheme_boundaries(text: str) -> set[int]:
    breaker = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    breaker.setText(text)
    return {0, *breaker}


@pytest.mark.parametrize(
    "text",
    [
        "પાકિસ્તાનના વિદેશ પ્રધાન બિલાવલ ભુટ્ટો ઝરદારી અને રશિયન સમકક્ષ " * 8,
        "क्षत्रिय" * 80,  # one long "word" of conjuncts: cut at a cluster boundary
    ],
)
def test_plain_snippets_cut_between_clusters(text):
    snippet = str(plain_snippet(text, limit=100))
    assert snippet.endswith("…")
    head = snippet.removesuffix("…").rstrip()
    assert len(head) <= 100
    assert text.startswith(head)
    assert len(head) in grapheme_boundaries(text)


def test_security_headers_keep_a_value_the_view_chose_and_are_set_once():
    from flask import Flask

    from search_app.web import security

    app = Flask(__name__)
    security.init_app(app)

    @app.get("/own")
    def own():
        return "x", 200, {"referrer-policy": "no-referrer"}

    headers = app.test_client().get("/own").headers
    assert headers.getlist("Referrer-Policy") == ["no-referrer"]
    for name, value in security.HEADERS.items():
        if name != "Referrer-Policy":
            assert headers.getlist(name) == [value]
