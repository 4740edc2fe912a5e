"""Language detection with the script as a prior.

Each line is assigned to the script most of its letters are written in; the share of a language is the
share of letters in lines of its script. The script decides which languages are possible
(``ingest/data/scripts.json``): Gujarati script is Gujarati (``gu``) outright; Devanagari is decided by
langdetect among hi/mr/ne; Latin among the Latin-script languages; any other script by langdetect with all
its languages. langdetect is seeded (deterministic) and reads a bounded sample; restricting it to the
script's languages is what keeps it cheap, since its cost grows with the number of candidates. Clear
cases skip it: a Devanagari or Latin sample whose function words are plainly Hindi or English
(``ingest/data/stop_words.json``) is that language. langdetect's detection itself runs as
``ingest.ngram_detector`` computes it: the same answers at about a third of the cost.
"""

from __future__ import annotations

import os
import re
from functools import cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from ingest.cues import WORD_RE, load_json
from ingest.ngram_detector import NgramDetector
from search_app.documents import LanguageShare

# Runs of each script's letters and signs (runs, not single characters: far fewer matches to count).
# Digits and punctuation are left out: the danda (U+0964/5) ends sentences in Bengali, Odia and Punjabi
# too, and native digits appear in text of other scripts.
_SCRIPTS: dict[str, re.Pattern[str]] = {
    "Gujr": re.compile("[\u0a80-\u0ae5\u0af9-\u0aff]+"),
    "Deva": re.compile("[\u0900-\u0963\u0971-\u097f]+"),
    "Latn": re.compile("[A-Za-z\u00c0-\u024f]+"),
}
_LETTERS = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 200
_TRIALS = 3  # langdetect's default is 7; among a script's few languages 3 agree with 7 at a third of the cost
_MIN_SHARE = 0.05  # below this, a script is a stray name or acronym, not a language of the document
_MIN_SAMPLE_LETTERS = 20
# langdetect stops a trial when one language's probability passes this (its default is 0.99999); among a
# script's few candidates 0.999 gives the same answers on news text in far fewer iterations.
_CONVERGED = 0.999
# langdetect's answer counts only when its trials agree on it this much; a short headline without
# function words ("Mega sale Samsung Galaxy prices drop") splits them between unrelated languages
# (ro, ca, tl at a third each), and is then read as its script's usual language (for a script that has
# one; elsewhere the best guess stands).
_CONFIDENT = 0.8
# A sample is a clear case when its language's function words outnumber the other candidates' this much.
_CLEAR_RATIO = 4


@cache
def _script_languages() -> dict:
    return load_json("scripts.json")


@cache
def _factory(script: str) -> DetectorFactory:
    """langdetect restricted to the languages written in ``script`` (all languages for other scripts)."""
    candidates = _script_languages()["candidates"].get(script)
    names = candidates or sorted(os.listdir(PROFILES_DIRECTORY))
    profiles = []
    for name in names:
        with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as handle:
            profiles.append(handle.read())
    factory = DetectorFactory()
    factory.load_json_profile(profiles)
    factory.seed = 0  # langdetect is random by default; the same text must give the same answer
    return factory


@cache
def _priors(script: str) -> dict[str, float] | None:
    """langdetect priors for ``script``'s candidates: the listed ones, the remainder shared evenly."""
    given = _script_languages().get("priors", {}).get(script)
    candidates = _script_languages()["candidates"].get(script)
    if not given or not candidates:
        return None
    others = [lang for lang in candidates if lang not in given]
    rest = max(0.0, 1.0 - sum(given.values())) / max(len(others), 1)
    return {lang: given.get(lang, rest) for lang in candidates}


@cache
def _detector(script: str) -> NgramDetector:
    return NgramDetector(_factory(script), n_trial=_TRIALS, conv_threshold=_CONVERGED, prior=_priors(script))


def _langdetect(script: str, sample: str) -> str | None:
    best = _detector(script).probabilities(sample)
    if not best or (best[0][1] < _CONFIDENT and script in _script_languages()["fallback"]):
        return None  # split trials: the script's usual language, where it has one
    return best[0][0].split("-")[0]  # zh-cn -> zh (ISO 639-1)


def _sample(lines: list[str]) -> str:
    """Up to SAMPLE_CHARS of text from the middle of the script's lines (titles and datelines are short)."""
    text = " ".join(lines)
    if len(text) <= SAMPLE_CHARS:
        return text
    start = (len(text) - SAMPLE_CHARS) // 2
    start = text.find(" ", start) + 1 or start  # begin at a word
    return text[start : start + SAMPLE_CHARS]


@cache
def _stop_word_rule(script: str) -> tuple[str, frozenset[str], frozenset[str], int] | None:
    """(language, its marker words, words against it, hits needed) for ``script``, if it has a rule."""
    rules = load_json("stop_words.json")
    rule = rules["scripts"].get(script)
    if rule is None:
        return None
    return rule["language"], frozenset(rule["markers"]), frozenset(rule["against"]), rules["min_hits"]


def _clear_case(script: str, sample: str) -> str | None:
    """The language when the sample's function words leave no doubt (``ingest/data/stop_words.json``),
    else None: langdetect costs about a millisecond per article, and most articles are clear cases."""
    rule = _stop_word_rule(script)
    if rule is None:
        return None
    language, markers, against, min_hits = rule
    words = [word.lower() for word in WORD_RE.findall(sample)]
    if len(sample) >= SAMPLE_CHARS:
        words = words[:-1]  # the sample may end inside a word ("the" of "there")
    hits = sum(word in markers for word in words)
    contrary = sum(word in against for word in words)
    return language if hits >= min_hits and hits >= _CLEAR_RATIO * contrary else None


def _decide(script: str, lines: list[str]) -> str:
    settings = _script_languages()
    if script in settings["single"]:
        return settings["single"][script]
    fallback = settings["fallback"].get(script, "und")
    sample = _sample(lines)
    if _count(_LETTERS, sample) < _MIN_SAMPLE_LETTERS:
        return fallback  # too little text to tell; the script's usual language
    return _clear_case(script, sample) or _langdetect(script, sample) or fallback


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def _line_script(line: str) -> tuple[str, int] | None:
    counts = {script: _count(pattern, line) for script, pattern in _SCRIPTS.items()}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best, counts[best]
    other = _count(_LETTERS, line)
    return ("Other", other) if other else None


def _letters_by_script(text: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Per script, how many of the text's letters are in lines of that script, and those lines."""
    letters: dict[str, int] = {}
    lines_by_script: dict[str, list[str]] = {}
    present = [script for script, pattern in _SCRIPTS.items() if pattern.search(text)]
    if len(present) == 1:  # most articles: every line with letters of that script is that script's
        script, pattern = present[0], _SCRIPTS[present[0]]
        mine = lines_by_script[script] = []
        for line in text.splitlines():
            if pattern.search(line):
                mine.append(line)
            elif other := _count(_LETTERS, line):
                letters["Other"] = letters.get("Other", 0) + other
                lines_by_script.setdefault("Other", []).append(line)
        letters[script] = _count(pattern, text)
        return letters, lines_by_script
    for line in text.splitlines():
        found = _line_script(line)
        if found:
            script, count = found
            letters[script] = letters.get(script, 0) + count
            lines_by_script.setdefault(script, []).append(line)
    return letters, lines_by_script


def detect_languages(text: str) -> list[LanguageShare]:
    """Each language of ``text`` with its share of the letters, largest first (empty if no letters)."""
    letters, lines_by_script = _letters_by_script(text)
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
