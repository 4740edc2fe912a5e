"""Token filters of the mapping's analyzers, each a function from one term to a term (or None to drop it).

They reproduce what the Elasticsearch/OpenSearch filters of the same names do, with PyICU where ICU does
the work there (normalizer, transforms, folding) and the ported Lucene tables in ``data/`` elsewhere.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

import icu
import Stemmer

from search_app.analysis.batching import BatchFilter, TokenFilter, line_bounded, over_lines, per_term
from search_app.analysis.rules import filter_spec, load_data, python_replacement

# icu_folding, applied after a transform to Latin: strip accents and fold case.
FOLDING_ID = "NFD; [:Nonspacing Mark:] Remove; Lower; NFC"


class _PerThread(threading.local):
    """What each thread keeps of its own: ICU transliterators are not documented as thread-safe, and a
    PyStemmer Stemmer says it is not (it keeps state between calls)."""

    def __init__(self) -> None:
        self.transliterators: dict[str, icu.Transliterator] = {}
        self.stemmers: dict[str, Stemmer.Stemmer] = {}


_local = _PerThread()


def _transliterator(transform_id: str) -> icu.Transliterator:
    found = _local.transliterators.get(transform_id)
    if found is None:
        found = _local.transliterators[transform_id] = icu.Transliterator.createInstance(transform_id)
    return found


_NFKC_CF = icu.Normalizer2.getNFKCCasefoldInstance()
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")  # \d is any Unicode decimal digit


def nfkc_casefold(term: str) -> str:
    """icu_normalizer nfkc_cf: compatibility forms and case folded together."""
    return term.lower() if term.isascii() else _NFKC_CF.normalize(term)


def decimal_digit(term: str) -> str:
    """decimal_digit: every Unicode decimal digit (Devanagari ५, Gujarati ૫, ...) as ASCII."""
    if term.isascii() or not _NON_ASCII_DIGIT.search(term):
        return term
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in term)


@cache
def _indic_compositions() -> tuple[re.Pattern[str], dict[str, str]]:
    table = load_data("indic_normalization.json")
    bases = {name: int(base, 16) for name, base in table["scripts"].items()}
    rewrites: dict[str, str] = {}
    for rule in table["compositions"]:
        for script in rule["scripts"]:
            base = bases[script]
            source = "".join(chr(base + int(offset, 16)) for offset in rule["from"])
            rewrites.setdefault(source, chr(base + int(rule["to"], 16)))
    # Longest sequences first, as Lucene tries its three-character compositions first.
    alternatives = sorted(rewrites, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alternatives))), rewrites


def indic_normalization(term: str) -> str:
    """indic_normalization: decomposed vowel and nukta sequences composed to their standard letters."""
    if term.isascii():  # the tables only hold Indic letters
        return term
    pattern, rewrites = _indic_compositions()
    return pattern.sub(lambda m: rewrites[m.group()], term)


@cache
def _hindi_normalization() -> tuple[re.Pattern[str] | None, dict[str, str], dict[int, str | None]]:
    table = load_data("hindi_normalization.json")
    sequences = table["sequences"]
    pattern = re.compile("|".join(map(re.escape, sequences))) if sequences else None
    characters = {ord(ch): (repl or None) for ch, repl in table["characters"].items()}
    return pattern, sequences, characters


def hindi_normalization(term: str) -> str:
    """hindi_normalization: Hindi spelling variants (nukta, chandrabindu, long/short vowels, virama)."""
    if term.isascii():
        return term
    pattern, sequences, characters = _hindi_normalization()
    if pattern is not None:
        term = pattern.sub(lambda m: sequences[m.group()], term)
    return term.translate(characters)


@cache
def _hindi_stem_rules() -> tuple[tuple[int, tuple[str, ...]], ...]:
    rules = load_data("hindi_stem.json")["rules"]
    return tuple((rule["min_length"], tuple(rule["suffixes"])) for rule in rules)


def hindi_stem(term: str) -> str:
    """hindi_stem: Lucene's light Hindi stemmer (inflectional suffixes off long enough words)."""
    if term.isascii():  # every suffix is Devanagari
        return term
    for min_length, suffixes in _hindi_stem_rules():
        if len(term) >= min_length and term.endswith(suffixes):
            suffix = next(s for s in suffixes if term.endswith(s))
            return term[: -len(suffix)]
    return term


_APOSTROPHES = "'\u2019\uff07"


def english_possessive(term: str) -> str:
    """stemmer possessive_english: a trailing 's (straight, curly or full-width apostrophe) removed."""
    if len(term) >= 2 and term[-1] in "sS" and term[-2] in _APOSTROPHES:
        return term[:-2]
    return term


def _snowball(language: str) -> Stemmer.Stemmer:
    found = _local.stemmers.get(language)
    if found is None:
        found = _local.stemmers[language] = Stemmer.Stemmer(language)
    return found


# Lucene's Snowball English is a later snapshot than the released Snowball 2.2 that PyStemmer 2.2
# bundles (and than Snowball 3, which changed much more): it keeps the double letter of a three-letter
# stem ("adding" -> add, not ad; snowballstem/snowball#182). Checked word by word against OpenSearch's
# porter2 over the hunspell English dictionary (tests/engines/test_remote.py).
_SHORT_DOUBLE = re.compile(r"([aeo](?:bb|dd|ff|gg|mm|nn|pp|rr|tt))(?:ed|edly|ing|ingly)s?")


def english_stem(term: str) -> str:
    """stemmer porter2: Snowball's English stemmer, as Lucene's SnowballFilter runs it (retained ->
    retain, elections -> elect)."""
    short = _SHORT_DOUBLE.fullmatch(term)
    return short.group(1) if short else _snowball("english").stemWord(term)


def english_stem_many(terms: list[str]) -> list[str | None]:
    """``english_stem`` of many terms, in one call to the stemmer."""
    stems = _snowball("english").stemWords(terms)
    for i, term in enumerate(terms):
        if (short := _SHORT_DOUBLE.fullmatch(term)) is not None:
            stems[i] = short.group(1)
    return stems


def _stop(words: frozenset[str]) -> TokenFilter:
    def stop(term: str) -> str | None:
        return None if term in words else term

    stop.__doc__ = f"stop filter of {len(words)} words"
    return stop


def _pattern_replace(name: str, spec: dict) -> tuple[TokenFilter, BatchFilter]:
    pattern = re.compile(spec["pattern"])
    replacement = python_replacement(spec.get("replacement", ""))
    count = 0 if spec.get("all", True) else 1  # Elasticsearch replaces every match unless all=false

    if re.escape(pattern.pattern) == pattern.pattern and "\\" not in replacement:
        # A plain string for a plain string (ph -> f, च -> छ, most of the sound filters): str.replace
        # gives the same result several times faster, and these run for every new word of an ingest.
        old, new, times = pattern.pattern, replacement, count or -1

        def replace_literal(term: str) -> str:
            return term.replace(old, new, times)

        replace_literal.__doc__ = f"pattern_replace filter {name}"
        # A string without a line break cannot match across one; only the first match of a batch would
        # not be the first of each term.
        lines = count == 0 and "\n" not in old
        batch = over_lines(replace_literal) if lines else per_term(replace_literal)
        return replace_literal, batch

    def replace(term: str) -> str:
        return pattern.sub(replacement, term, count=count)

    replace.__doc__ = f"pattern_replace filter {name}"
    bounded = line_bounded(pattern) if count == 0 else None
    if bounded is None:
        return replace, per_term(replace)
    return replace, over_lines(lambda text: bounded.sub(replacement, text), replace)


def _length(name: str, spec: dict) -> TokenFilter:
    shortest, longest = spec.get("min", 0), spec.get("max", 2**31 - 1)

    def keep_length(term: str) -> str | None:
        return term if shortest <= len(term) <= longest else None

    keep_length.__doc__ = f"length filter {name} ({shortest}..{longest})"
    return keep_length


def icu_folding(term: str) -> str:
    """icu_folding: accents and case folded away."""
    if term.isascii():
        return term.lower()
    return _transliterator(FOLDING_ID).transliterate(term)


# Steps that leave pure ASCII text as it is, so ASCII words skip the (slow) ICU call.
_ASCII_IDENTITY_STEPS = frozenset({"Any-Latin", "Latin-ASCII"})
_ASCII_REMOVE = re.compile(r"\[([a-z]+)\] ?Remove")  # e.g. "[aeiouy] Remove"


@cache
def transform_step(step: str) -> TokenFilter:
    """One step of a compound ICU transform id (``Any-Latin`` in ``Any-Latin; Latin-ASCII``)."""
    shortcut = _ascii_shortcut(step)

    def apply(term: str) -> str:
        if shortcut is not None and term.isascii():
            return shortcut(term)
        return _transliterator(step).transliterate(term)

    apply.__doc__ = f"icu transform step {step}"
    return apply


@cache
def _ascii_shortcut(step: str) -> Callable[[str], str] | None:
    """A plain-Python equivalent of a transform step on ASCII text, where one is obvious."""
    if step in _ASCII_IDENTITY_STEPS:
        return str  # the term as it is
    if step == "Lower":
        return str.lower
    removed = _ASCII_REMOVE.fullmatch(step)
    if removed:
        table = str.maketrans("", "", removed.group(1))
        return lambda term: term.translate(table)
    return None


@cache
def transform_batch(step: str) -> BatchFilter:
    """A transform step over many terms: one ICU call over their lines (transforms work on runs of one
    script, which a line break ends), ASCII terms left to the step's shortcut where it has one."""
    apply = transform_step(step)
    joined = over_lines(apply)
    if _ascii_shortcut(step) is None:
        return joined

    def run(terms: list[str]) -> list[str | None]:
        wide = [term for term in terms if not term.isascii()]
        if len(wide) == len(terms):
            return joined(terms)
        done = iter(joined(wide) if wide else ())
        return [apply(term) if term.isascii() else next(done) for term in terms]

    return run


def transform_steps(transform_id: str) -> tuple[str, ...]:
    """The steps of a compound transform id, in order."""
    return tuple(step.strip() for step in transform_id.split(";") if step.strip())


# Built-in filters by name, each with its batch form: the ones that work character by character, or with
# tables of letters, run over many lines at once; the stemmer looks at each term's end.
_BUILT_IN: dict[str, tuple[TokenFilter, BatchFilter]] = {
    "decimal_digit": (decimal_digit, over_lines(decimal_digit)),
    "indic_normalization": (indic_normalization, over_lines(indic_normalization)),
    "hindi_normalization": (hindi_normalization, over_lines(hindi_normalization)),
    "hindi_stem": (hindi_stem, per_term(hindi_stem)),
    "icu_folding": (icu_folding, over_lines(icu_folding)),
}


class Step(NamedTuple):
    """One filter step: a key naming what it does, the step on one term, and on many at once."""

    key: str
    apply: TokenFilter
    batch: BatchFilter


def _one_term(key: str, apply: TokenFilter) -> tuple[Step]:
    return (Step(key, apply, per_term(apply)),)


@cache
def token_filter_steps(name: str) -> tuple[Step, ...]:
    """Filter ``name`` as a sequence of steps: one for most filters, one per step of an ICU transform,
    so that analyzers whose transforms begin alike can share the work of the common steps."""
    if name in _BUILT_IN:
        return (Step(name, *_BUILT_IN[name]),)
    spec = filter_spec(name)
    kind = spec["type"]
    if kind == "icu_normalizer" and spec.get("name", "nfkc_cf") == "nfkc_cf":
        return (Step("nfkc_cf", nfkc_casefold, over_lines(nfkc_casefold)),)
    if kind == "stemmer" and spec.get("language") == "possessive_english":
        return _one_term(f"possessive:{name}", english_possessive)
    if kind == "stemmer" and spec.get("language") == "porter2":
        return (Step(f"porter2:{name}", english_stem, english_stem_many),)
    if kind == "stop":
        return _one_term(f"stop:{name}", _stop(frozenset(spec.get("stopwords", ()))))
    if kind == "length":
        return _one_term(f"length:{name}", _length(name, spec))
    if kind == "pattern_replace":
        return (Step(f"pattern_replace:{name}", *_pattern_replace(name, spec)),)
    if kind == "icu_transform":
        return tuple(
            Step(f"transform:{step}", transform_step(step), transform_batch(step))
            for step in transform_steps(spec["id"])
        )
    raise ValueError(f"token filter {name!r} ({kind}) has no Python equivalent")


def token_filter(name: str) -> TokenFilter:
    """The function for filter ``name``: a built-in Elasticsearch filter or one defined in the mapping."""
    steps = token_filter_steps(name)
    if len(steps) == 1:
        return steps[0].apply

    def apply(term: str) -> str | None:
        result: str | None = term
        for step in steps:
            result = step.apply(result) if result else None
        return result

    apply.__doc__ = f"token filter {name}"
    return apply
