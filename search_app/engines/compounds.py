"""Compounds written together or apart: a query's neighbouring words also match written as one word,
and a long word also matches written as two (Shah Rukh and शाहरुख, प्रधानमंत्री and प्रधान मंत्री); a
hyphenated word also matches written whole, and letters with a number apart (G-20, G20 and G 20)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from search_app.engines.query_terms import indic_key
from search_app.query import Term

# A word typed whole that articles may write as two (Shahrukh and Shah Rukh, महाकुंभ and Maha Kumbh) is
# split when it has at most this many characters, each part at least MIN_SPLIT_PART.
MAX_SPLIT_WORD = 16
MIN_SPLIT_PART = 3


@lru_cache(maxsize=4096)
def split_words(text: str) -> tuple[Term, ...]:
    """The ways of writing one word as two neighbouring words, each a phrase of the two parts.

    Splits fall between letters (never before a vowel sign or after a virama: an aksara stays whole),
    leave each part ``MIN_SPLIT_PART`` characters, and keep only parts that are one searchable word
    each (no stop words). Most parts are no word at all, and a phrase with a term no article has costs
    the index a dictionary lookup."""
    if not 2 * MIN_SPLIT_PART <= len(text) <= MAX_SPLIT_WORD:
        return ()
    if not all(c.isalpha() or unicodedata.category(c).startswith("M") for c in text):
        return ()
    splits = []
    for k in range(MIN_SPLIT_PART, len(text) - MIN_SPLIT_PART + 1):
        if unicodedata.category(text[k]).startswith("M") or text[k - 1] in _VIRAMAS:
            continue
        left, right = text[:k], text[k:]
        if len(indic_key(left)) == 1 and len(indic_key(right)) == 1:
            splits.append(Term((left, right)))
    return tuple(splits)


_VIRAMAS = frozenset({"\u094d", "\u0acd"})  # Devanagari, Gujarati
# Hyphens joining the parts of one word (hyphen-minus, hyphen, non-breaking hyphen).
_HYPHENS = re.compile("[-\u2010\u2011]")
_LETTERS_THEN_NUMBER = re.compile(r"([^\W\d_]+)(\d+)")


@lru_cache(maxsize=4096)
def hyphen_forms(text: str) -> tuple[Term, ...]:
    """The other ways of writing a word whose parts a hyphen joins or a number ends: whole (G-20 and
    G20, e-mail and email), or letters and number apart (G20 and G-20 or G 20, COP29 and COP 29). Only
    forms that are searchable: a whole form of one word, parts of one word each."""
    parts = [part for part in _HYPHENS.split(text) if part]
    if len(parts) > 1:
        whole = "".join(parts)
        return (Term((whole,)),) if len(indic_key(whole)) == 1 else ()
    apart = _LETTERS_THEN_NUMBER.fullmatch(text)
    if apart and len(indic_key(apart[1])) == 1 and len(indic_key(apart[2])) == 1:
        return (Term((apart[1], apart[2])),)
    return ()


def joined_words(groups: tuple[tuple[Term, ...], ...]) -> list[tuple[int, Term]]:
    """Each pair of neighbouring one-word groups whose words written together make one word, by the
    first group's index: compounds are written together or apart (शाहरुख and Shah Rukh, प्रधानमंत्री and
    प्रधान मंत्री, વડાપ્રધાન and વડા પ્રધાન, G20 and G 20), so each word of the pair also matches wherever
    the joined word does. Pairs that join across scripts (Modi मोदी) or hold a stop word are left apart."""
    pairs = []
    for i in range(len(groups) - 1):
        first, second = groups[i], groups[i + 1]
        if len(first) != 1 or len(second) != 1 or first[0].is_phrase or second[0].is_phrase:
            continue
        if not indic_key(first[0].text) or not indic_key(second[0].text):
            continue
        word = Term((first[0].text + second[0].text,))
        if len(indic_key(word.text)) == 1:
            pairs.append((i, word))
    return pairs
