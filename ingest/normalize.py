"""Unicode normalization for stored text, and a folded form for matching.

Stored text (``clean_text``) keeps what the author wrote but in one consistent encoding: NFC (which, by
Unicode's composition exclusions, always spells a nukta letter as base + U+093C/U+0ABC), no zero-width
characters, plain spaces. Native digits are kept in stored text so articles read as published.

The folded form (``fold``) is only for comparing and matching (countries, cues, duplicate lines, ids): it
drops nukta, maps half-nasal consonants and chandrabindu to anusvara, merges short and long i/u and the
candra vowels, turns Devanagari/Gujarati digits into ASCII and casefolds Latin. Spelling variants that real
news uses (फ़्रांस/फ्रांस, ફ્રાન્સ/ફ્રાંસ, रूस/रुस) fold to the same string.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and invisible formatting characters that carry no text (ZWSP, ZWNJ, ZWJ, word joiner, BOM,
# soft hyphen). ZWNJ/ZWJ only select glyph shapes in Indic scripts; searching must not depend on them.
# Space-like characters (no-break, narrow, ideographic, en/em spaces...) become a plain space.
_SPACES = re.compile(r"[^\S\n]+")

# Native decimal digits -> ASCII, for every script Python knows (Devanagari, Gujarati, Bengali...).
_DIGITS = {
    cp: str(unicodedata.digit(chr(cp)))
    for cp in range(0x660, 0x1BB9)
    if unicodedata.category(chr(cp)) == "Nd"
}

# A nasal consonant (ङ ञ ण न म, ઙ ઞ ણ ન મ) + virama before a consonant is the same sound as anusvara.
_HALF_NASAL = (
    (re.compile("[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])"), "\u0902"),
    (re.compile("[\u0a99\u0a9e\u0aa3\u0aa8\u0aae]\u0acd(?=[\u0a95-\u0ab9])"), "\u0a82"),
)

# Character-for-character folds (the "looks or sounds the same in news spelling" classes). Applied with
# str.replace, one pair at a time: on Indic text that is several times faster than str.translate.
_FOLD_PAIRS: tuple[tuple[str, str], ...] = (
    ("\u093c", ""),  # Devanagari nukta
    ("\u0abc", ""),  # Gujarati nukta
    ("\u0901", "\u0902"),  # chandrabindu -> anusvara
    ("\u0a81", "\u0a82"),
    ("\u0940", "\u093f"),  # ी -> ि
    ("\u0942", "\u0941"),  # ू -> ु
    ("\u0908", "\u0907"),  # ई -> इ
    ("\u090a", "\u0909"),  # ऊ -> उ
    ("\u0ac0", "\u0abf"),  # ી -> િ
    ("\u0ac2", "\u0ac1"),  # ૂ -> ુ
    ("\u0a88", "\u0a87"),  # ઈ -> ઇ
    ("\u0a8a", "\u0a89"),  # ઊ -> ઉ
    ("\u0949", "\u094b"),  # candra o ॉ -> ो
    ("\u0911", "\u0913"),  # ऑ -> ओ
    ("\u0945", "\u0947"),  # candra e ॅ -> े
    ("\u0ac9", "\u0acb"),  # ૉ -> ો
    ("\u0a91", "\u0a93"),  # ઑ -> ઓ
    ("\u0ac5", "\u0ac7"),  # ૅ -> ે
    ("\u060c", ","),  # Arabic comma (Urdu datelines: اسلام آباد، 15 اپریل)
    ("\u2019", "'"),
    ("\u2018", "'"),
)
_NATIVE_DIGIT = re.compile("[" + "".join(map(chr, _DIGITS)) + "]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_text(text: str) -> str:
    """NFC, without zero-width characters, with every run of spaces made one plain space per line."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.strip() for line in text.split("\n"))


def ascii_digits(text: str) -> str:
    """Replace native decimal digits (०-९, ૦-૯, ...) by ASCII digits."""
    return text.translate(_DIGITS)


# The same line is folded by several cleaning steps, and boilerplate repeats across pages.
@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The matching key of ``text``: spelling variants of the same word give the same string."""
    return fold_keeping_case(text).casefold()


def fold_keeping_case(text: str) -> str:
    """``fold`` without the casefold, for matchers that need to know a word's capital (proper nouns)."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    for pattern, anusvara in _HALF_NASAL:
        text = pattern.sub(anusvara, text)
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    if _NATIVE_DIGIT.search(text):
        text = text.translate(_DIGITS)
    return text
