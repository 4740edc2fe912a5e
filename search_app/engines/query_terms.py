"""Which text fields a query term is looked for in, and with which terms: shared by every engine.

Each index analyzer of the mapping fills its own fields. Query text is analysed with each field's
``search_analyzer``, and two rules leave fields out:

- skeletons serve matching across scripts: a word in Latin letters is not looked up among the skeletons
  of words in Latin letters, since English words alike in their consonants (farm, form, from) are
  different words (spelling slips there are for fuzzy matching). Words in other scripts are looked up in
  both skeleton fields: Hindi and Gujarati spell one name with different vowels;
- a phrase is looked for only through the analyzers that keep every one of its words: one whose word has
  a skeleton too short to index would otherwise shrink to its other words and match them anywhere.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType

from search_app.analysis import ANALYZERS, analyze_fields
from search_app.analysis.rules import search_analyzer
from search_app.analysis.token_filters import english_possessive
from search_app.engines.acronyms import letter_name_spellings
from search_app.query import ParsedQuery, Term

# Index analyzers that keep only the words of one script, where a query word of that script is not
# looked up.
OTHER_SCRIPTS_ONLY = frozenset({"skeleton_latin_words"})
# The consonant skeletons' analyzers (the loosest match, left out for exact spellings).
SKELETON_ANALYZERS = frozenset({"skeleton_latin_words", "skeleton_nonlatin_words"})
# What matching a name through the articles' country facet scores: less than a word match.
COUNTRY_SCORE = 0.5
# What query text is analysed with for each index analyzer's fields.
SEARCH_ANALYZERS: Mapping[str, str] = MappingProxyType({a: search_analyzer(a) for a in ANALYZERS})
_ALL_ANALYZERS = tuple(dict.fromkeys([*ANALYZERS, *SEARCH_ANALYZERS.values()]))


@lru_cache(maxsize=4096)  # the same query words come back again and again
def query_terms(text: str) -> Mapping[str, tuple[str, ...]]:
    """Per index analyzer whose fields ``text`` is to be looked for in, the terms to look for, in order.

    An analyzer is missing when a rule above leaves its fields out, or when its terms would be none;
    ``indic_text`` is missing when the text has nothing searchable (stop words, punctuation).
    """
    analysed = analyze_fields(text, _ALL_ANALYZERS)
    words = {token.position for token in analysed["indic_text"]}
    chosen: dict[str, tuple[str, ...]] = {}
    for analyzer in ANALYZERS:
        tokens = analysed[SEARCH_ANALYZERS[analyzer]]
        if not tokens or (analyzer in OTHER_SCRIPTS_ONLY and analysed[analyzer]):
            continue
        if len(words) > 1 and not words <= {token.position for token in tokens}:
            continue
        chosen[analyzer] = tuple(token.text for token in tokens)
    return MappingProxyType(chosen)  # shared by every caller: read-only


# Words of a name looked for together at most (Saint Vincent and the Grenadines is longer, and rare).
MAX_NAME_WORDS = 4
NAME_VARIANTS = files("search_app").joinpath("data", "name_variants.tsv")


@dataclass(frozen=True)
class Alternatives:
    """What else a query group matches because it is (a word of) a name: the articles counted under a
    country, and the other spellings of the name."""

    country: str | None = None
    spellings: tuple[Term, ...] = ()
    # The group's word as a compound written the other way: together with a neighbour's word
    # (``joined_words``), or split in two (``split_words``, phrases).
    compounds: tuple[Term, ...] = ()


def _key(text: str) -> tuple[str, ...]:
    return query_terms(text).get("indic_text", ())


@lru_cache(maxsize=1)
def _spellings() -> dict[tuple[str, ...], tuple[Term, ...]]:
    """Each spelling's analysed terms -> every spelling of its name (``name_variants.tsv``)."""
    table: dict[tuple[str, ...], tuple[Term, ...]] = {}
    for line in NAME_VARIANTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spellings = tuple(Term(tuple(s.split())) for s in line.split("\t") if s.strip())
        for spelling in spellings:
            key = _key(spelling.text)
            if key:
                table[key] = spellings
    return table


@lru_cache(maxsize=4096)  # asked for every run of query words of every search
def _name_alternatives(text: str) -> Alternatives | None:
    from ingest.countries import country_named  # the pipeline's own names and aliases

    country = country_named(english_possessive(text.strip()))  # India's is India
    own = _key(text)
    acronym = letter_name_spellings(text.strip()) if own else ()  # AND is a stop word, not A-N-D
    spellings = _spellings().get(own, ()) + acronym
    others = {_key(s.text): s for s in spellings if _key(s.text) not in ((), own)}
    if not country and not others:
        return None
    return Alternatives(country["name"] if country else None, tuple(others.values()))


def name_alternatives(parsed: ParsedQuery) -> dict[int, Alternatives]:
    """The positive groups (by index) that are, or are one word of, a name or a compound (written
    apart, ``joined_words``, or whole, ``split_words``), with what else they match.

    A name is written in ways no analysis relates: a country as one word or two (श्रीलंका, Sri Lanka) or
    as another word altogether (United States, अमेरिका), a city by an older name (Bombay), a party by its
    acronym in each script (BJP, भाजपा). Ingest found the countries an article mentions however it wrote
    them, so a group naming a country also matches the articles counted under it; a name in
    ``name_variants.tsv`` also matches its other spellings. A group counts when it holds one term: a phrase
    that is the name, or a word of a run of such groups that is (each word of ``Sri Lanka`` then matches
    wherever the name does).
    """
    groups = parsed.groups
    found: dict[int, Alternatives] = {}
    i = 0
    while i < len(groups):
        if len(groups[i]) != 1:
            i += 1
            continue
        if groups[i][0].is_phrase:
            alternatives = _name_alternatives(groups[i][0].text)
            if alternatives:
                found[i] = alternatives
            i += 1
            continue
        run = 1
        while (
            run < MAX_NAME_WORDS
            and i + run < len(groups)
            and len(groups[i + run]) == 1
            and not groups[i + run][0].is_phrase
        ):
            run += 1
        length = 1
        for size in range(run, 0, -1):
            alternatives = _name_alternatives(" ".join(groups[j][0].text for j in range(i, i + size)))
            if alternatives:
                found.update(dict.fromkeys(range(i, i + size), alternatives))
                length = size
                break
        i += length
    compounds: dict[int, list[Term]] = {}
    for i, word in joined_words(groups):
        compounds.setdefault(i, []).append(word)
        compounds.setdefault(i + 1, []).append(word)
    for i, group in enumerate(groups):
        if len(group) == 1 and not group[0].is_phrase:
            compounds.setdefault(i, []).extend(split_words(group[0].text))
    for i, words in compounds.items():
        if words:
            found[i] = dataclasses.replace(found.get(i, Alternatives()), compounds=tuple(words))
    return found


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
        if len(_key(left)) == 1 and len(_key(right)) == 1:
            splits.append(Term((left, right)))
    return tuple(splits)


_VIRAMAS = frozenset({"\u094d", "\u0acd"})  # Devanagari, Gujarati


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
        if not _key(first[0].text) or not _key(second[0].text):
            continue
        word = Term((first[0].text + second[0].text,))
        if len(_key(word.text)) == 1:
            pairs.append((i, word))
    return pairs


def excluded_alternatives(parsed: ParsedQuery) -> dict[int, Alternatives]:
    """The excluded terms (by index) that are a name, with what else they match: an exclusion leaves out
    what the term would find, so ``-BJP`` also removes articles that write भाजपा, and ``-Pakistan`` those
    counted under the country however they write it."""
    found = {}
    for number, term in enumerate(parsed.excluded):
        alternatives = _name_alternatives(term.text)
        if alternatives:
            found[number] = alternatives
    return found
