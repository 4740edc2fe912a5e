"""find_words, the highlighter's search for a query's words: the same words as a full analysis finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_app.analysis import analyze_fields, chain
from search_app.analysis.chain import ANALYZERS, find_words

INDIC = ANALYZERS.index("indic_text")


def indic_terms(*words: str) -> frozenset[str]:
    return frozenset(t.text for word in words for t in analyze_fields(word, ("indic_text",))["indic_text"])


def expected_spans(text: str, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """The words of the text whose indic term is wanted, found by analysing the whole text."""
    return [(t.start, t.end) for t in analyze_fields(text, ("indic_text",))["indic_text"] if t.text in wanted]


TEXTS = [
    "Lavrov met Khan. LAVROV's visit: Lavrovich, not Lavrov-ish; xLavrov and (Lavrov).",
    "रूसी विदेश मंत्री सर्गेई लावरोव ने कहा। लावरोव, लावरोव के साथ Lavrov भी।",
    "No match here at all, just words.",
    "Lavrov\tLavrov\n\n\n\n\n\n\n\nLavrov\u00a0Lavrov      xLavrov Lavrov",
    "  Lavrovx  Lavrov",
    "Lavrov",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("with_candidates", [True, False])
def test_finds_the_words_a_full_analysis_finds(text, with_candidates):
    wanted = indic_terms("Lavrov", "लावरोव")
    candidates = wanted if with_candidates else None
    for _ in range(2):  # analysed, then from the cache
        assert find_words(text, lambda terms: terms[INDIC] in wanted, candidates) == expected_spans(
            text, wanted
        )


def test_stop_after_ends_the_scan_past_the_first_match():
    wanted = indic_terms("Lavrov")
    text = "Lavrov " + "filler " * 20 + "Lavrov " + "filler " * 200 + "Lavrov"
    accept = lambda terms: terms[INDIC] in wanted  # noqa: E731
    assert find_words(text, accept, wanted, stop_after=200) == [(0, 6), (147, 153)]
    assert len(find_words(text, accept, wanted)) == 3


SAMPLES = sorted((Path(__file__).parents[2] / "sample_data").glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES[::3], ids=lambda p: p.name)
def test_candidates_only_skip_chunks_without_those_terms(path):
    """On real articles, for words drawn from the article itself (every 40th, so ones that repeat and
    ones that do not), the candidates' shortcut finds exactly what reading every chunk finds."""
    text = path.read_text(encoding="utf-8")
    words = text.split()[::40]
    wanted = indic_terms(*words)
    accept = lambda terms: terms[INDIC] in wanted  # noqa: E731
    expected = expected_spans(text, wanted)
    assert expected  # the drawn words occur, so the comparison below is not between two empty lists
    assert find_words(text, accept, wanted) == find_words(text, accept, None) == expected
    first = expected[0][0]
    assert find_words(text, accept, wanted, stop_after=300) == [s for s in expected if s[0] - first <= 300]


def test_full_tables_are_replaced_without_losing_words(monkeypatch):
    """When the chunk tables fill up they start again empty; texts seen before are read again."""
    monkeypatch.setattr(chain, "_FIND_CACHE_SIZE", 5)
    monkeypatch.setattr(chain, "_FIND_CACHE", {})
    wanted = indic_terms("Lavrov", "लावरोव")
    accept = lambda terms: terms[INDIC] in wanted  # noqa: E731
    for _ in range(3):
        for text in TEXTS:
            assert find_words(text, accept, wanted) == expected_spans(text, wanted)
    assert len(chain._FIND_CACHE[ANALYZERS].analyses) <= 5 + max(len(set(t.split())) for t in TEXTS)
