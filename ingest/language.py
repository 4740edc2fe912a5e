"""Language detection with the script as a prior.

Each line is assigned to the script most of its letters are written in; the share of a language is the
share of letters in lines of its script. Gujarati script is Gujarati (``gu``) without asking langdetect;
Devanagari text is decided by langdetect among the languages written in Devanagari (hi, mr, ne); Latin and
other scripts are decided by langdetect. langdetect is seeded (deterministic) and reads a bounded sample
with few trials, because it dominates the pipeline's cost otherwise.
"""

from __future__ import annotations

import re
from functools import cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from search_app.documents import LanguageShare

_SCRIPTS: dict[str, re.Pattern[str]] = {
    "Gujr": re.compile("[\u0a80-\u0aff]"),
    "Deva": re.compile("[\u0900-\u097f]"),
    "Latn": re.compile("[A-Za-z\u00c0-\u024f]"),
}
_LETTER = re.compile(r"[^\W\d_]")
# Languages written in Devanagari that langdetect knows; the first is the answer when it cannot tell.
DEVANAGARI_LANGUAGES = ("hi", "mr", "ne")
# When langdetect has too little to go on: the languages this corpus is mostly written in.
_FALLBACK = {"Deva": "hi", "Latn": "en"}
SAMPLE_CHARS = 240
_TRIALS = 3  # langdetect's default is 7; 3 keeps agreement on news text at a third of the cost
_MIN_SHARE = 0.05  # below this, a script is a stray name or acronym, not a language of the document
_MIN_SAMPLE_LETTERS = 20


@cache
def _factory() -> DetectorFactory:
    """langdetect's profiles, loaded once; seeded because langdetect is random by default."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


def _langdetect(sample: str) -> list[tuple[str, float]]:
    detector = _factory().create()
    detector.n_trial = _TRIALS
    detector.append(sample)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException:  # no usable features in the sample
        return []


def _sample(lines: list[str]) -> str:
    """Up to SAMPLE_CHARS of text taken from the middle of the script's lines (titles are short)."""
    text = " ".join(lines)
    if len(text) <= SAMPLE_CHARS:
        return text
    start = (len(text) - SAMPLE_CHARS) // 2
    start = text.find(" ", start) + 1 or start  # begin at a word
    return text[start : start + SAMPLE_CHARS]


def _decide(script: str, lines: list[str]) -> str:
    sample = _sample(lines)
    if script == "Gujr":
        return "gu"
    if len(_LETTER.findall(sample)) < _MIN_SAMPLE_LETTERS and script in _FALLBACK:
        return _FALLBACK[script]
    guesses = _langdetect(sample)
    if script == "Deva":
        return next((lang for lang, _ in guesses if lang in DEVANAGARI_LANGUAGES), DEVANAGARI_LANGUAGES[0])
    if guesses:
        return guesses[0][0].split("-")[0]  # zh-cn -> zh (ISO 639-1)
    return _FALLBACK.get(script, "und")


def _line_script(line: str) -> tuple[str, int] | None:
    counts = {script: len(pattern.findall(line)) for script, pattern in _SCRIPTS.items()}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best, counts[best]
    other = len(_LETTER.findall(line))
    return ("Other", other) if other else None


def detect_languages(text: str) -> list[LanguageShare]:
    """Each language of ``text`` with its share of the letters, largest first (empty if no letters)."""
    letters: dict[str, int] = {}
    lines_by_script: dict[str, list[str]] = {}
    for line in text.splitlines():
        found = _line_script(line)
        if found:
            script, count = found
            letters[script] = letters.get(script, 0) + count
            lines_by_script.setdefault(script, []).append(line)
    total = sum(letters.values())
    if not total:
        return []
    kept = {s: n for s, n in letters.items() if n / total >= _MIN_SHARE}
    shares: dict[str, float] = {}
    kept_total = sum(kept.values())
    for script, count in kept.items():
        lang = _decide(script, lines_by_script[script])
        shares[lang] = shares.get(lang, 0.0) + count / kept_total
    ordered = sorted(shares.items(), key=lambda item: (-item[1], item[0]))
    return [LanguageShare(code=lang, share=round(share, 3)) for lang, share in ordered]


def detect_language(text: str) -> str:
    """The primary language of ``text`` as ISO 639-1 ("und" when it has no letters)."""
    languages = detect_languages(text)
    return languages[0]["code"] if languages else "und"
