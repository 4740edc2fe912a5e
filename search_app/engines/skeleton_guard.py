"""How closely a word found by its consonant skeleton must be said like the Latin word that found it.

A word typed in Latin letters is looked for among the other scripts' words by its consonant skeleton,
which keeps of the vowels only where an i is and whether the word begins with a vowel. That also finds
everyday words with the same consonants and other vowels: ``corona`` (k-r-n) finds कारें (cars),
``Musk`` मास्को, ``Surat`` શરૂઆત (beginning), ``Indore`` अंदर (inside). So a skeleton match of a Latin
word also needs, in the same article, a word whose Latin reading (the ``latin_text`` field: the
transliteration of the Hindi or Gujarati word) has the skeleton's consonants with vowels the Latin word
could be written with (``guard_pattern``, a regular expression over that field's terms):

- at each place between two consonants, a vowel the scripts trade for the typed one (an a for any: the
  inherent vowel; e and ai for a, o and u for each other); for a typed a or e also none (the inherent a
  a reading drops: Kamala = कमला kamla), but a typed o or u keeps a vowel (corona is not करना karna);
  where the typed word has two consonants together, nothing or the a or e that splits them (Mehsana =
  મહેસાણા mahesana); an i or y, and a place where the typed word has two vowels, take any vowels;
- no two vowels in a row (a hiatus: शुरुआत shuruat) where the typed word has one;
- at the end: a word typed with a final consonant does not end in a vowel (Musk is not मास्को masko),
  but for the inherent a of a final conjunct (मस्क reads maska) after a typed final cluster; a typed
  final vowel may be dropped (Kerala = केरल keral; Gujarati cuts endings: Tobgay = તોબગે, read tobag);
- at the start: a word typed with an initial i starts with an i (Indore = इंदौर, not अंदर).

The Latin word's consonants are paired with the skeleton's one to one; a word where they do not pair
(a letter the skeleton merges with its neighbour) gets no guard and matches by its skeleton as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from search_app.engines.query_terms import gujarati_cut_term, query_terms, sound_respellings

# What each consonant of a skeleton is written as in the Latin reading of a Hindi or Gujarati word
# (mapping's latin_text): the aspirate keeps its h there (ख kh, skeleton k), श and ष are sh, च and छ ch,
# ड़ and ढ़ r and rh (skeletons read them d), the anusvara n or m (the skeleton's n, or m before a labial),
# and ऋ ri (the skeleton's r).
_WRITTEN_AS = {
    "b": "b|bh",
    "c": "ch",
    "d": "d|dh|r|rh",
    "f": "f",
    "g": "g|gh",
    "h": "h",
    "j": "j",
    "k": "k|kh",
    "l": "l",
    "m": "m|n",
    "n": "n|m",
    "p": "p",
    "r": "r|ri",
    "s": "s|sh",
    "t": "t|th",
    "v": "v",
}
# Vowels in a reading (y stands for i there, and य is read y).
_VOWEL_RUN = re.compile("[aeiouy]+")
_ANY_VOWELS = "[aeiouy]*"
# For a single typed vowel, what the reading of the same word in Hindi or Gujarati may have in its
# place (besides nothing, see the module's docstring): the typed i takes any, as does a typed pair.
_TRADED = {
    "": "(a|e)",
    "a": "(a|e|o|ai|au)",
    "e": "(e|a|i|ai)",
    "o": "(o|a|u|au)",
    "u": "(u|a|o|yu)",
}
# At the end of a word the vowel is said as written: only e is said in many ways (or not at all).
_TRADED_AT_END = {
    "a": "a",
    "e": "(e|a|i|ai)",
    "o": "(o|u|au)",
    "u": "(u|o|yu)",
}
# The consonants of a Latin reading, one skeleton consonant each: an aspirate or sh, ch with its h, ck
# as one k, x as two (ks); y is a vowel here, as in the skeleton.
_LATIN_CONSONANT = re.compile("[kgcjtdpbs]h|ck|x|[bcdfghjklmnpqrstvwz]")


def _place(typed: str, at: str = "") -> str:
    """What may stand in the reading where ``typed`` stands in the Latin word: between two consonants,
    or ``at`` the "start" (a vowel stays a vowel there, and an i an i) or the "end"."""
    if at == "start":
        if not typed:
            return ""
        if "i" in typed or "y" in typed:
            return "[aeou]*[iy]" + _ANY_VOWELS
        return _TRADED.get(typed, _ANY_VOWELS)
    table = _TRADED_AT_END if at == "end" else _TRADED
    if "i" in typed or "y" in typed or typed not in table:
        return _ANY_VOWELS
    return table[typed] + ("?" if typed in ("", "a", "e") or at == "end" else "")


def _split(reading: str) -> tuple[list[str], list[str]] | None:
    """The consonants of a Latin reading and the vowels around them: ``len(vowels) == len(consonants)
    + 1`` (an empty string where two consonants meet). None for a reading with other letters."""
    consonants, vowels, at = [], [""], 0
    while at < len(reading):
        if vowel := _VOWEL_RUN.match(reading, at):
            vowels[-1] += vowel.group()
            at = vowel.end()
            continue
        consonant = _LATIN_CONSONANT.match(reading, at)
        if consonant is None:
            return None
        for letters in ("k", "s") if consonant.group() == "x" else (consonant.group(),):
            if consonants and consonants[-1] == letters and not vowels[-1]:
                continue  # a doubled consonant is one in the skeleton (Bachchan: b-c-n)
            consonants.append(letters)
            vowels.append("")
        at = consonant.end()
    return consonants, vowels


@lru_cache(maxsize=4096)
def guard_pattern(reading: str, skeleton: str) -> str | None:
    """The regular expression (matching a whole ``latin_text`` term) for the Latin reading ``reading`` of
    a word typed in Latin letters and its consonant skeleton ``skeleton``: the readings of the words of
    other scripts with that skeleton it may stand for. None when the reading's consonants do not pair
    with the skeleton's (or the skeleton has digits): then nothing is guarded."""
    split = _split(reading)
    letters = skeleton.replace("_", "")
    if split is None or not letters or any(c not in _WRITTEN_AS for c in letters):
        return None
    consonants, vowels = split
    if len(consonants) != len(letters):
        return None
    parts = [_place(vowels[0], at="start")]
    for number, letter in enumerate(letters, start=1):
        parts.append(f"({_WRITTEN_AS[letter]})+")  # doubled: बच्चन reads bachchan, skeleton b-c-n
        if number < len(letters):
            parts.append(_place(vowels[number]))
    final = vowels[-1]
    if final:
        parts.append(_place(final, at="end"))
    elif _final_cluster(consonants, vowels):
        parts.append("a?")  # a final conjunct's inherent a (मस्क, maska)
    return "".join(parts)


def _final_cluster(consonants: list[str], vowels: list[str]) -> bool:
    """Whether the reading ends in two consonants said together (an English e before a final s is
    silent: Gates = गेट्स), where an h after a vowel does not count: it marks a long vowel in Latin
    spellings (Kahn is no cluster: not कहना kahna)."""
    if len(consonants) < 2 or vowels[-2] not in ("", "e") or (vowels[-2] and consonants[-1] != "s"):
        return False
    return not (consonants[-2] == "h" and vowels[-3])


# The field of the skeletons a word typed in Latin letters is looked for by (the other scripts' words).
GUARDED_ANALYZER = "skeleton_nonlatin_words"


@lru_cache(maxsize=4096)
def skeleton_guards(text: str) -> Mapping[str, str]:
    """Per skeleton the one word ``text`` is looked for by among the other scripts' words (its own, a
    respelling's, the Gujarati cut's: ``query_terms``), the ``guard_pattern`` its matches' Latin reading
    must match. Empty for a word not typed in Latin letters, or a phrase."""
    if not text.isascii():
        return MappingProxyType({})
    readings = [text, *sound_respellings(text)]
    if cut := gujarati_cut_term(text):
        readings.append(cut)
    guards = {}
    for reading in readings:
        terms = query_terms(reading)
        latin, skeleton = terms.get("latin_text", ()), terms.get(GUARDED_ANALYZER, ())
        if len(latin) == 1 and len(skeleton) == 1 and (pattern := guard_pattern(latin[0], skeleton[0])):
            guards.setdefault(skeleton[0], pattern)
    return MappingProxyType(guards)
