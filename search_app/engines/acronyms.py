"""Acronyms said letter by letter, as Hindi and Gujarati write them: BJP = बीजेपी = બીજેપી, AfD = एएफडी.

No transliteration relates the two spellings (B is बी, not ब), so a query acronym in Latin letters also
looks for its letter names in both scripts, and a query word made wholly of letter names also looks for
the Latin acronym (data in ``search_app/data/letter_names.tsv``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from search_app.analysis.token_filters import decimal_digit
from search_app.query import Term

LETTER_NAMES = files("search_app").joinpath("data", "letter_names.tsv")
# Acronyms of this many Latin letters are spelled out; longer words are seldom said letter by letter.
MIN_LETTERS, MAX_LETTERS = 2, 5
# Letters with a number (G20, P5, जी7, જી-20): one letter is enough, the number makes it a name; up to
# three (COVID-19 is said as a word: कोविड).
_WITH_NUMBER = re.compile(r"(?P<letters>[^\d\s-]+?)-?(?P<number>\d{1,4})")
MAX_LETTERS_WITH_NUMBER = 3


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


def _latin_letters(word: str) -> tuple[str, str] | None:
    """The Hindi and Gujarati letter names of the Latin letters ``word`` is made of."""
    spelled, _ = _table()
    if not (word.isascii() and word.isalpha()) or any(c.upper() not in spelled for c in word):
        return None
    letters = [spelled[c] for c in word.upper()]
    return "".join(written[0] for written in letters), "".join(written[1] for written in letters)


def _spaced(word: str) -> tuple[Term, ...]:
    """Initials typed together (KP, D.Y.) as news also writes them, a word a letter: K P, के पी, સી આર
    (nothing for one letter)."""
    spelled, _ = _table()
    letters = word.upper()
    if len(letters) < MIN_LETTERS:
        return ()
    hindi = tuple(spelled[c][0] for c in letters)
    gujarati = tuple(spelled[c][1] for c in letters)
    return tuple(Term(words) for words in (tuple(letters), hindi, gujarati))


def _letters_of_names(word: str) -> str | None:
    """The Latin letters ``word`` spells in letter names (बीजेपी -> BJP), or None."""
    _, names = _table()
    rest, letters = unicodedata.normalize("NFC", word), []
    while rest:
        for name, letter in names:
            if rest.startswith(name):
                letters.append(letter)
                rest = rest[len(name) :]
                break
        else:
            return None  # not made of letter names alone
    return "".join(letters)


def _with_number(word: str) -> tuple[Term, ...]:
    """Letters with a number in the other scripts, with the number joined and after a hyphen, as news
    writes both (G20 = जी20 = जी-20 = જી20)."""
    m = _WITH_NUMBER.fullmatch(word)
    if m is None:
        return ()
    # The number in ASCII digits, as the index reads any script's: G२० is tokenized as G and २० (a
    # change of script), G20 as one word.
    letters, number = m["letters"], decimal_digit(m["number"])
    # Latin letters count in capitals only: g20 is typed as a word.
    latin = _letters_of_names(letters) if not letters.isascii() else letters if letters.isupper() else None
    if not latin or len(latin) > MAX_LETTERS_WITH_NUMBER or (names := _latin_letters(latin)) is None:
        return ()
    found = (f"{spelling}{joint}{number}" for spelling in (latin, *names) for joint in ("", "-"))
    return tuple(Term((spelling,)) for spelling in found if spelling != word)


@lru_cache(maxsize=4096)
def letter_name_spellings(word: str) -> tuple[Term, ...]:
    """The other spellings of ``word`` if it can be an acronym or an initial: its letter names in Hindi
    and Gujarati for 2-5 Latin letters typed with two capitals or more, or one capital (S Jaishankar =
    एस जयशंकर), the Latin letters for a word made wholly of two or more letter names (one letter name
    alone is as often a word: जी, "sir")."""
    if any(c.isdigit() for c in word):
        return _with_number(word)
    if "." in word and word.replace(".", "").isalpha():
        word = word.replace(".", "")  # written with full stops: S. Jaishankar, B.J.P.
    if len(word) <= MAX_LETTERS and word.isascii() and word.isalpha():
        if sum(c.isupper() for c in word) < min(len(word), MIN_LETTERS):
            return ()  # typed as a word (Modi, fat, s), not as an acronym (BJP, AfD) or an initial
        names = _latin_letters(word)
        return (*(Term((name,)) for name in names), *_spaced(word)) if names else ()
    latin = _letters_of_names(word)
    return (Term((latin,)),) if latin and len(latin) >= MIN_LETTERS else ()


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
