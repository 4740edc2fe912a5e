"""Highlights are cached per text and query: each query still gets its own, and callers their own lists."""

from __future__ import annotations

from search_app.engines.embedded_highlight import highlight_whole, snippets
from search_app.engines.embedded_query import MatchTerms, term_query
from search_app.engines.embedded_schema import build_schema
from search_app.query import Term

LONG_HINDI = "संसद के मानसून सत्र में सरकार ने कृषि सुधारों पर चर्चा की। " * 4 + "विदेश मंत्री लावरोव की यात्रा। " * 2


def matches_for(*words: str, fuzzy: list[tuple[str, int]] | None = None) -> MatchTerms:
    """What a query of ``words`` highlights; a word with a space is a quoted phrase."""
    matches = MatchTerms()
    for word in words:
        term_query(build_schema(), Term(tuple(word.split())), matches, is_known=lambda token: True)
    matches.fuzzy.extend(fuzzy or [])
    return matches


def test_each_query_gets_its_own_highlights_of_the_same_text():
    for _ in range(2):  # computed, then served from the cache
        assert highlight_whole("Lavrov meets Khan", matches_for("Lavrov")) == "<mark>Lavrov</mark> meets Khan"
        assert highlight_whole("Lavrov meets Khan", matches_for("Khan")) == "Lavrov meets <mark>Khan</mark>"
        assert highlight_whole("Lavrov meets Khan", MatchTerms()) == "Lavrov meets Khan"
        assert "<mark>लावरोव</mark>" in snippets(LONG_HINDI, matches_for("Lavrov"))[0]
        assert "<mark>" not in snippets(LONG_HINDI, matches_for("Khan"))[0]  # the opening


def test_fuzzy_terms_are_part_of_the_query():
    plain, fuzzy = matches_for("Lavrof"), matches_for("Lavrof", fuzzy=[("lavrof", 1)])
    assert highlight_whole("Lavrov meets Khan", plain) == "Lavrov meets Khan"
    assert highlight_whole("Lavrov meets Khan", fuzzy) == "<mark>Lavrov</mark> meets Khan"


def test_callers_get_lists_they_may_change():
    first = snippets(LONG_HINDI, matches_for("Lavrov"))
    first.clear()
    assert snippets(LONG_HINDI, matches_for("Lavrov"))


def test_fragments_never_show_the_same_text_twice():
    # The second match is close enough after the first window that its window's slack reaches back.
    text = (
        "Kohli scored a century. "
        + "The crowd cheered as the innings went on and on in the afternoon sun. " * 2
        + "Chasing 287, India lost Rohit Sharma early, but Kohli held the chase together. "
        + "Later the captain praised the bowlers and the fielders for their discipline. " * 3
    )
    fragments = snippets(text, matches_for("Kohli"), cached=False)
    assert len(fragments) == 2
    plain = [f.replace("<mark>", "").replace("</mark>", "").split() for f in fragments]
    assert all("Kohli" in words for words in plain)
    shingles = [{tuple(words[i : i + 4]) for i in range(len(words) - 3)} for words in plain]
    assert not shingles[0] & shingles[1], "a run of words is shown in both fragments"


def test_a_phrase_is_marked_only_where_its_words_follow_each_other():
    text = "The prime minister met a minister of prime importance"
    assert highlight_whole(text, matches_for("prime minister")) == (
        "The <mark>prime</mark> <mark>minister</mark> met a minister of prime importance"
    )
    assert highlight_whole("Minister, prime", matches_for("prime minister")) == "Minister, prime"  # order
    # Stop words between them do not count, as the phrase's terms leave them out too.
    assert highlight_whole("Prime Minister of India", matches_for("prime minister india")) == (
        "<mark>Prime</mark> <mark>Minister</mark> of <mark>India</mark>"
    )
    # A word read as several terms spans several words; a phrase's first word repeated is not marked twice.
    assert highlight_whole("COVID-19 vaccine, not vaccine", matches_for("COVID-19 vaccine")) == (
        "<mark>COVID</mark>-<mark>19</mark> <mark>vaccine</mark>, not vaccine"
    )
    new_york = highlight_whole("New New York", matches_for("new york"))
    assert new_york == "New <mark>New</mark> <mark>York</mark>"


def test_a_phrase_is_marked_across_scripts():
    # In another script the phrase's words are found by their readings, still only side by side.
    assert highlight_whole("Narendra Modi said that Modi", matches_for("नरेंद्र मोदी")) == (
        "<mark>Narendra</mark> <mark>Modi</mark> said that Modi"
    )
    # Modi is too short for a consonant skeleton, so the query also takes the words apart (LoosePhrase):
    # those are marked in an article without the phrase itself.
    loose = matches_for("नरेंद्र मोदी").with_fallback()
    assert highlight_whole("Modi met Narendra", loose) == "<mark>Modi</mark> met <mark>Narendra</mark>"
