"""WordFinder: the highlighter's search for a query's words, which remembers what it has read."""

from __future__ import annotations

from search_app.analysis import analyze_fields
from search_app.analysis.chain import ANALYZERS, WordFinder

INDIC = ANALYZERS.index("indic_text")


def finder_for(*words: str) -> WordFinder:
    wanted = {token.text for word in words for token in analyze_fields(word, ("indic_text",))["indic_text"]}
    return WordFinder(lambda terms: terms[INDIC] in wanted)


def expected_spans(text: str, *words: str) -> list[tuple[int, int]]:
    """The same words found by analysing the whole text, token by token."""
    wanted = {token.text for word in words for token in analyze_fields(word, ("indic_text",))["indic_text"]}
    return [(t.start, t.end) for t in analyze_fields(text, ("indic_text",))["indic_text"] if t.text in wanted]


TEXTS = [
    "Lavrov met Khan. LAVROV's visit: Lavrovich, not Lavrov-ish; xLavrov and (Lavrov).",
    "रूसी विदेश मंत्री सर्गेई लावरोव ने कहा। लावरोव, लावरोव के साथ Lavrov भी।",
    "No match here at all, just words.",
    "Lavrov\tLavrov\nLavrov\u00a0Lavrov",
]


def test_finds_the_same_words_as_a_full_analysis_every_time():
    finder = finder_for("Lavrov", "लावरोव")
    for _ in range(2):  # the second round reads only the chunks it remembers as matching
        for text in TEXTS:
            assert finder.find(text) == expected_spans(text, "Lavrov", "लावरोव"), text


def test_a_chunk_is_only_found_whole():
    finder = finder_for("Lavrov")
    finder.find("Lavrov")  # remembered as matching
    assert finder.find("Lavrovich xLavrov Lavrov") == [(18, 24)]


def test_stop_after_ends_the_scan_past_the_first_match():
    finder = finder_for("Lavrov")
    text = "Lavrov " + "filler " * 20 + "Lavrov " + "filler " * 200 + "Lavrov"
    for _ in range(2):  # walking a text not read before, then reading a known one
        assert finder.find(text, stop_after=200) == [(0, 6), (147, 153)]
        assert len(finder.find(text)) == 3


def test_forgetting_when_full_changes_nothing():
    finder = finder_for("Lavrov", "लावरोव")
    finder.MAX_REMEMBERED = 3
    for _ in range(2):
        for text in TEXTS:
            assert finder.find(text) == expected_spans(text, "Lavrov", "लावरोव"), text
