"""Countries an article mentions, as ISO 3166-1 alpha-2 codes with ICU's English names.

Names come from ICU/CLDR (the display names of every ISO country in English, Urdu and the languages of
India's main scripts); aliases, short forms and demonyms come from ``ingest/data/country_aliases.tsv``;
joined Indic case endings (પાકિસ્તાનના, भारताने, ভারতের, இந்தியாவில்) from ``indic_suffixes.json``.
Matching is on folded words (see ``normalize.fold``), so spelling variants match. Only country names
count: a city alone never makes a country. In a script with capitals a name is a proper noun, so a word
starting in lower case ("fine china") is not a mention; an all-caps headline still is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import icu

from ingest.cues import WORD_RE, load_json, load_lines
from ingest.normalize import fold, fold_keeping_case
from search_app.documents import Country

# Marathi and Nepali too: Devanagari articles write their spellings (रशिया, जपान, इजिप्ट) as well.
# Then one language for each other Indic script (Assamese shares Bengali's), and Urdu.
_LOCALES = ("en", "hi", "gu", "mr", "ne", "bn", "as", "pa", "or", "ta", "te", "kn", "ml", "ur")
_PARENS = re.compile(r"\s*\(([^)]*)\)")
# A name of this script gets that script's joined case endings.
_SCRIPTS = {
    "Deva": re.compile("[\u0900-\u097f]"),
    "Beng": re.compile("[\u0980-\u09ff]"),
    "Guru": re.compile("[\u0a00-\u0a7f]"),
    "Gujr": re.compile("[\u0a80-\u0aff]"),
    "Orya": re.compile("[\u0b00-\u0b7f]"),
    "Taml": re.compile("[\u0b80-\u0bff]"),
    "Telu": re.compile("[\u0c00-\u0c7f]"),
    "Knda": re.compile("[\u0c80-\u0cff]"),
    "Mlym": re.compile("[\u0d00-\u0d7f]"),
    "Latn": re.compile("[a-z]"),
}
# Malayalam writes a final consonant as a chillu letter; before a vowel ending it is the letter again
# (ജപ്പാൻ + ിൽ -> ജപ്പാനിൽ).
_CHILLU = {
    "\u0d7a": "\u0d23\u0d4d",
    "\u0d7b": "\u0d28\u0d4d",
    "\u0d7c": "\u0d30\u0d4d",
    "\u0d7d": "\u0d32\u0d4d",
    "\u0d7e": "\u0d33\u0d4d",
}


@dataclass(frozen=True)
class _Matcher:
    # first folded word -> [(folded words, code or None for a blocking phrase)], longest first
    by_first_word: dict[str, list[tuple[tuple[str, ...], str | None]]]
    case_sensitive: re.Pattern[str] | None
    case_codes: dict[str, str]
    english: dict[str, str]
    # particles written joined after a name's word ("also": भारतातही, ভারতেও), and every word of a name
    particles: tuple[str, ...]
    name_words: frozenset[str]


def english_name(code: str) -> str:
    """ICU's English display name of a region code ("PK" -> "Pakistan")."""
    return icu.Locale("", code).getDisplayCountry(icu.Locale("en"))


def _cldr_names() -> list[tuple[str, str]]:
    names = []
    for code in icu.Locale.getISOCountries():
        for locale in _LOCALES:
            name = icu.Locale("", code).getDisplayCountry(icu.Locale(locale))
            if not name or name == code:
                continue
            # "Myanmar (Burma)" names the country both ways.
            names.append((code, _PARENS.sub("", name)))
            names.extend((code, inner) for inner in _PARENS.findall(name))
    return names


def _script_of(folded: str) -> str | None:
    return next((script for script, pattern in _SCRIPTS.items() if pattern.search(folded)), None)


def _suffixed(word: str, suffixes: list[str], oblique: tuple[str, str] | None = None) -> set[str]:
    """``word`` with each joined ending, as the script writes it.

    A word ending in a virama (or a Malayalam chillu) also takes the ending without it: the ending's vowel
    or consonant follows the last consonant itself (ஜப்பான் -> ஜப்பானில், ଚୀନ୍ -> ଚୀନର). A word ending
    in ``oblique``'s first vowel sign also takes them on its second (अमेरिका -> अमेरिकेत). The forms
    that do not occur in writing are never met, so they cost nothing but a dictionary entry.
    """
    stems = {word}
    if oblique and word.endswith(oblique[0]):
        stems.add(word[: -len(oblique[0])] + oblique[1])
    if word[-1] in _CHILLU:
        word = word[:-1] + _CHILLU[word[-1]]
    if unicodedata.name(word[-1], "").endswith("SIGN VIRAMA"):
        stems.add(word[:-1])
    if not suffixes:
        return set()
    # One fold for all the forms (a line each): folding is per line, and a call each would cost a third
    # of a second at start-up and flush fold's cache.
    return set(fold("\n".join(stem + suffix for stem in stems for suffix in suffixes)).split("\n"))


@dataclass(frozen=True)
class _Listed:
    # (code, name as written): CLDR's names and the aliases matched in any case
    names: tuple[tuple[str, str], ...]
    case_codes: dict[str, str]  # aliases matched as written (US) -> code
    skip: frozenset[str]  # folded names that are not counted
    blocks: tuple[str, ...]  # phrases that hold a name but are no country


@cache
def _listed() -> _Listed:
    """The names the data gives each country (ICU/CLDR's, the alias file's) and the exclusion file."""
    skip, blocks = set(), []
    for line in load_lines("country_exclusions.tsv"):
        kind, phrase = line.split("\t", 1)
        (skip.add(fold(phrase)) if kind == "skip" else blocks.append(phrase))
    names = list(_cldr_names())
    case_codes: dict[str, str] = {}
    for line in load_lines("country_aliases.tsv"):
        code, alias, *flags = line.split("\t")
        if "case" in flags:
            case_codes[alias] = code
        else:
            names.append((code, alias))
    return _Listed(tuple(names), case_codes, frozenset(skip), tuple(blocks))


@cache
def _matcher() -> _Matcher:
    endings = load_json("indic_suffixes.json")
    suffixes = {
        script: [fold(s) for s in items] for script, items in endings.items() if not script.startswith("_")
    }
    obliques = {script: (fold(pair[0]), fold(pair[1])) for script, pair in endings["_oblique"].items()}
    listed = _listed()
    skip, case_codes = listed.skip, listed.case_codes
    entries: list[tuple[str | None, str]] = [*listed.names, *((None, phrase) for phrase in listed.blocks)]

    by_first_word: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}

    def add(words: tuple[str, ...], code: str | None) -> None:
        by_first_word.setdefault(words[0], [])
        if (words, code) not in by_first_word[words[0]]:
            by_first_word[words[0]].append((words, code))

    for code, name in entries:
        folded = fold(name)
        if code is not None and folded in skip:
            continue
        words = tuple(WORD_RE.findall(folded))
        if not words:
            continue
        add(words, code)
        script = _script_of(words[-1]) or ""
        for form in _suffixed(words[-1], suffixes.get(script, []), obliques.get(script)):
            add((*words[:-1], form), code)
    for candidates in by_first_word.values():
        candidates.sort(key=lambda item: len(item[0]), reverse=True)

    case_sensitive = None
    if case_codes:
        alternation = "|".join(re.escape(a) for a in sorted(case_codes, key=len, reverse=True))
        initials = "".join(sorted({re.escape(a[0]) for a in case_codes}))
        # The leading class lets the scan skip every position that cannot start an alias, at C speed.
        case_sensitive = re.compile(f"(?=[{initials}])(?<![\\w.])(?:{alternation})(?![\\w])")
    english = {code: english_name(code) for code in icu.Locale.getISOCountries()}
    particles = tuple(
        fold(p) for script, items in endings["_emphatic"].items() if not script.startswith("_") for p in items
    )
    name_words = frozenset(w for phrases in by_first_word.values() for words, _ in phrases for w in words)
    return _Matcher(by_first_word, case_sensitive, case_codes, english, particles, name_words)


def _without_particle(word: str, matcher: _Matcher) -> str:
    """``word`` without a joined particle when what is left is a word of a name (भारतातही -> भारतात)."""
    for particle in matcher.particles:
        if word.endswith(particle) and word[: -len(particle)] in matcher.name_words:
            return word[: -len(particle)]
    return word


def extract_countries(text: str) -> list[Country]:
    """The countries ``text`` names, each once, in order of first mention."""
    matcher = _matcher()
    folded = fold_keeping_case(text)
    cased = WORD_RE.findall(folded)
    words = WORD_RE.findall(folded.casefold())  # one call, not one per word
    if len(words) != len(cased):  # a letter whose case folding splits a word (none in our scripts)
        words = [word.casefold() for word in cased]
    # Adding the particles to every form instead would double the names' table and its build time.
    particles = matcher.particles
    words = [_without_particle(w, matcher) if w.endswith(particles) else w for w in words]
    length = max(len(words), 1)
    found: dict[str, float] = {}  # code -> relative position of the first mention
    skip_to = 0
    # Only words that can start a name need a look; the comprehension finds them at C speed.
    for i in [i for i, word in enumerate(words) if word in matcher.by_first_word]:
        if i < skip_to:
            continue  # inside a longer name already matched
        for phrase, code in matcher.by_first_word[words[i]]:
            n = len(phrase)
            if n == 1 or tuple(words[i : i + n]) == phrase:
                if code is not None and cased[i][0].islower():
                    break  # a common noun ("roast turkey", "fine china"): Latin-script names are capitalised
                if code is not None:
                    found.setdefault(code, i / length)
                skip_to = i + n
                break
    if matcher.case_sensitive is not None:
        original_length = max(len(text), 1)
        for m in matcher.case_sensitive.finditer(text):
            code = matcher.case_codes[m.group(0)]
            found.setdefault(code, m.start() / original_length)
    ordered = sorted(found.items(), key=lambda item: item[1])
    return [Country(code=code, name=matcher.english[code]) for code, _ in ordered]


@cache
def one_word_names(code: str) -> tuple[str, ...]:
    """Every one-word name ``extract_countries`` counts under ``code``, folded, with its joined endings
    (भारत, भारतात, ભારતમાં, India...): what a search for the country marks in the articles it counts."""
    names = {
        words[0]
        for phrases in _matcher().by_first_word.values()
        for words, found in phrases
        if found == code and len(words) == 1
    }
    return tuple(sorted(names))


def country_spellings(code: str) -> tuple[str, ...]:
    """Every name of ``code`` (ICU/CLDR's in each language read, and the aliases) as it is written, not
    folded, without joined endings: the search marks them in the articles counted under the country,
    where the index keeps the difference a fold erases (Gujarati ચીન is not ચિન there). Not the aliases
    matched in capitals only (US: a mark cannot tell it from us)."""
    return _spellings_by_code().get(code, ())


@cache
def _spellings_by_code() -> dict[str, tuple[str, ...]]:
    listed = _listed()
    by_code: dict[str, set[str]] = {}
    for code, name in listed.names:
        if fold(name) not in listed.skip:
            by_code.setdefault(code, set()).add(unicodedata.normalize("NFC", name))
    return {code: tuple(sorted(names)) for code, names in by_code.items()}


def country_named(text: str) -> Country | None:
    """The country ``text`` is a name of, as a whole (``Sri Lanka``, ``श्रीलंका``, ``USA``), else None."""
    matcher = _matcher()
    stripped = text.strip()
    if stripped in matcher.case_codes:
        code = matcher.case_codes[stripped]
        return Country(code=code, name=matcher.english[code])
    words = tuple(WORD_RE.findall(fold(stripped)))
    for phrase, code in matcher.by_first_word.get(words[0], []) if words else []:
        if phrase == words and code is not None:
            return Country(code=code, name=matcher.english[code])
    return None
