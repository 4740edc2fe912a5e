"""ingest.ngram_detector against langdetect itself: the same n-grams and the same probabilities.

The texts are cut from the real articles (sample_data/, the seeds) and mixed with what langdetect treats
specially (URLs, e-mail addresses, capitalised words, runs of spaces, Vietnamese marks, kana, hangul, CJK,
Arabic, Latin inside another script), for the script-restricted factories ingest uses and for langdetect's
full set of languages with its default settings.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from langdetect.lang_detect_exception import LangDetectException

from ingest import language
from ingest.ngram_detector import NgramDetector

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "sample_data"
SPECIAL = [
    "see https://example.com/a?b=1&c=2 and mail desk@example.org today",
    "NEW DELHI: The PM met the CM of UP; AbC aBC ABc abC",
    "Hà Nội là thủ đô của Việt Nam, Việt Nam có nhiều tỉnh",
    "ひらがなとカタカナ 한국어 문장 中文新闻报道 العربية یک",
    "भारत and India   are    the same  country  — “quoted” «text»",
    "  leading and trailing spaces  ",
    "x",
    "12345 !!! ...",
]


@pytest.fixture(scope="module")
def texts(seeds_dir) -> list[str]:
    pieces = []
    for path in sorted(SAMPLE_DATA.glob("*.*")) + sorted(seeds_dir.glob("*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        pieces += [text[start : start + 200] for start in range(0, len(text), 700)]
    rng = random.Random(7)
    mixed = [" ".join(rng.sample(pieces, 2)) + " " + rng.choice(SPECIAL) for _ in range(60)]
    return pieces + SPECIAL + mixed


SETTINGS = {  # factory's script -> (trials, convergence threshold, prior)
    "Deva": (language._TRIALS, language._CONVERGED, language._priors("Deva")),
    "Latn": (language._TRIALS, language._CONVERGED, language._priors("Latn")),
    "Other": (7, 0.99999, None),  # every language, langdetect's defaults
}


def _langdetect(script: str, text: str) -> tuple[list[str], list[tuple[str, float]]]:
    trials, threshold, prior = SETTINGS[script]
    detector = language._factory(script).create()
    detector.n_trial, detector.CONV_THRESHOLD = trials, threshold
    if prior:
        detector.set_prior_map(prior)
    detector.append(text)
    try:
        found = [(item.lang, item.prob) for item in detector.get_probabilities()]
    except LangDetectException:
        found = []
    return detector._extract_ngrams(), found


@pytest.mark.parametrize("script", sorted(SETTINGS))
def test_same_ngrams_and_probabilities_as_langdetect(script, texts):
    trials, threshold, prior = SETTINGS[script]
    fast = NgramDetector(language._factory(script), n_trial=trials, conv_threshold=threshold, prior=prior)
    assert len(texts) > 150
    for text in texts:
        ngrams, expected = _langdetect(script, text)
        assert fast.ngrams(text) == ngrams, text
        found = fast.probabilities(text)
        assert [lang for lang, _ in found] == [lang for lang, _ in expected], text
        assert [p for _, p in found] == pytest.approx([p for _, p in expected], abs=1e-9), text


def test_a_text_without_known_ngrams_has_no_languages():
    fast = NgramDetector(language._factory("Deva"))
    assert fast.probabilities("12345 !!! ...") == []
    assert fast.probabilities("") == []


def test_answers_do_not_depend_on_what_was_detected_before(texts):
    fresh = NgramDetector(language._factory("Latn"), prior=language._priors("Latn"))
    used = NgramDetector(language._factory("Latn"), prior=language._priors("Latn"))
    for text in texts[:40]:
        used.probabilities(text)
    for text in texts[40:80]:
        assert used.probabilities(text) == fresh.probabilities(text)
