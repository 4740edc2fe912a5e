"""Acronyms said letter by letter, as Hindi and Gujarati write them: BJP = बीजेपी = બીજેપી, AfD = एएफडी.

No transliteration relates the two spellings (B is बी, not ब), so a query acronym in Latin letters also
looks for its letter names in both scripts, and a query word made wholly of letter names also looks for
the Latin acronym (data in ``search_app/data/letter_names.tsv``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.resources import files

from search_app.query import Term

LETTER_NAMES = files("search_app").joinpath("data", "letter_names.tsv")
# Acronyms of this many Latin letters are spelled out; longer words are seldom said letter by letter.
MIN_LETTERS, MAX_LETTERS = 2, 5


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, str]], tuple[tuple[str, str], ...]]:
    """Letter -> (Hindi name, Gujarati name), and every (name, letter), longest names first."""
    spelled: dict[str, tuple[str, str]] = {}
    names: list[tuple[str, str]] = []
    for line in LETTER_NAMES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        letter, *written = (unicodedata.normalize("NFC", cell) for cell in line.split("\t"))
        hindi = next(name for name in written if "\u0900" <= name[0] <= "\u097f")
        gujarati = next(name for name in written if "\u0a80" <= name[0] <= "\u0aff")
        spelled[letter] = (hindi, gujarati)
        names += [(name, letter) for name in written]
    return spelled, tuple(sorted(names, key=lambda item: -len(item[0])))


@lru_cache(maxsize=4096)
def letter_name_spellings(word: str) -> tuple[Term, ...]:
    """The other spellings of ``word`` if it can be an acronym or an initial: its letter names in Hindi
    and Gujarati for 2-5 Latin letters typed with two capitals or more, or one capital (S Jaishankar =
    एस जयशंकर), the Latin letters for a word made wholly of two or more letter names (one letter name
    alone is as often a word: जी, "sir")."""
    spelled, names = _table()
    if len(word) <= MAX_LETTERS and word.isascii() and word.isalpha():
        if sum(c.isupper() for c in word) < min(len(word), MIN_LETTERS):
            return ()  # typed as a word (Modi, fat, s), not as an acronym (BJP, AfD) or an initial
        letters = [spelled[c] for c in word.upper()]
        return tuple(Term(("".join(written[script] for written in letters),)) for script in (0, 1))
    rest, letters = unicodedata.normalize("NFC", word), []
    while rest:
        for name, letter in names:
            if rest.startswith(name):
                letters.append(letter)
                rest = rest[len(name) :]
                break
        else:
            return ()  # not made of letter names alone
    return (Term(("".join(letters),)),) if len(letters) >= MIN_LETTERS else ()


@lru_cache(maxsize=4096)
def initial_spellings(word: str) -> tuple[Term, ...]:
    """The other spellings of ``word`` as an initial before a name (एस जयशंकर = S Jaishankar): for one
    letter name in Hindi or Gujarati, the Latin letter and its name in the other script. Alone such a
    name is as often a word (जी), so only a query word followed by another one is taken for an initial."""
    spelled, names = _table()
    letter = next((letter for name, letter in names if name == unicodedata.normalize("NFC", word)), None)
    if letter is None:
        return ()
    return tuple(Term((spelling,)) for spelling in (letter, *spelled[letter]) if spelling != word)
