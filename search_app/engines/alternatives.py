"""What else a query group matches besides its own words: a name's other spellings and its country's
articles, an acronym's letter names, and a compound written the other way (shared by every engine)."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from search_app.analysis import analyze_fields
from search_app.analysis.token_filters import decimal_digit, english_possessive
from search_app.engines.acronyms import initial_spellings, letter_name_spellings
from search_app.engines.compounds import hyphen_forms, joined_words, split_words
from search_app.engines.query_terms import indic_key
from search_app.query import ParsedQuery, Term

# What matching through a facet scores (a name through the articles' country, a number through their
# year): less than a word match.
COUNTRY_SCORE = 0.5
# Four digits read as a year from here to there (a number like 4500 is a count, not a year).
FIRST_YEAR, LAST_YEAR = 1900, 2099
# Words of a name looked for together at most (Saint Vincent and the Grenadines is longer, and rare).
MAX_NAME_WORDS = 4
NAME_VARIANTS = files("search_app").joinpath("data", "name_variants.tsv")
LOANWORDS = files("search_app").joinpath("data", "loanwords.tsv")


@dataclass(frozen=True)
class Alternatives:
    """What else a query group matches because it is (a word of) a name or a compound: the articles
    counted under a country, the other spellings of the name, the compound written the other way."""

    country: str | None = None
    spellings: tuple[Term, ...] = ()
    # A borrowed word's spellings in the other scripts (``loanwords.tsv``), looked for only as they are
    # written: each is an everyday word, whose sound alike in other words (शेयर and शेर, lion) is no
    # match, where a name's spellings also cross scripts by analysis.
    words: tuple[Term, ...] = ()
    # The group's word as a compound written the other way: together with a neighbour's word
    # (``joined_words``), or split in two (``split_words``, phrases).
    compounds: tuple[Term, ...] = ()
    # The group is a year (2024, २०२४): it also matches the articles published in it, which seldom
    # write their own year.
    year: int | None = None


@lru_cache(maxsize=2)
def _spellings(listing: Traversable = NAME_VARIANTS) -> dict[tuple[str, ...], tuple[Term, ...]]:
    """Each spelling's analysed terms -> every spelling of its name or word in ``listing`` (a file of
    one name or word a line, its spellings separated by tabs). Words the English stemmer reads alike
    (training and train, vaccination and vaccine) share their rows' spellings, as their English
    articles are found by either."""
    table: dict[tuple[str, ...], tuple[Term, ...]] = {}
    for line in listing.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spellings = tuple(Term(tuple(s.split())) for s in line.split("\t") if s.strip())
        for spelling in spellings:
            key = indic_key(spelling.text)
            if key:
                table[key] = tuple(dict.fromkeys(table.get(key, ()) + spellings))
    return table


def _other_spellings(spellings: tuple[Term, ...], own: tuple[str, ...]) -> tuple[Term, ...]:
    """Those of ``spellings`` that are searchable and not ``own`` (the analysed text they stand in for),
    one per analysed form."""
    return tuple({key: s for s in spellings if (key := indic_key(s.text)) not in ((), own)}.values())


@lru_cache(maxsize=4096)  # asked for every run of query words of every search
def _name_alternatives(text: str) -> Alternatives | None:
    from ingest.countries import country_named  # the pipeline's own names and aliases

    year = _year(text)
    if year:
        return Alternatives(year=year)
    country = country_named(english_possessive(text.strip()))  # India's is India
    own = indic_key(text)
    acronym = letter_name_spellings(text.strip()) if own else ()  # AND is a stop word, not A-N-D
    others = _other_spellings(_spellings().get(own, ()) + acronym, own)
    words = _other_spellings(_spellings(LOANWORDS).get(own, ()), own)
    if not country and not others and not words:
        return None
    return Alternatives(country["name"] if country else None, others, words=words)


def _year(text: str) -> int | None:
    """The year ``text`` is, in any script's digits, or None."""
    digits = decimal_digit(text.strip())
    if len(digits) == 4 and digits.isascii() and digits.isdigit() and FIRST_YEAR <= int(digits) <= LAST_YEAR:
        return int(digits)
    return None


# Other spellings of a phrase looked for at most (each listed word multiplies them).
MAX_PHRASE_SPELLINGS = 8


@lru_cache(maxsize=4096)
def _phrase_alternatives(words: tuple[str, ...]) -> Alternatives | None:
    """A phrase's alternatives: those of the name it is, and the phrase with each of its words that is a
    listed name (or an acronym) written in the name's other spellings ("Sheikh Hasina" is also "शेख
    Hasina", which the Latin field matches in शेख हसीना and શેખ હસીનાનું: the other words still cross
    scripts by analysis)."""
    whole = _name_alternatives(" ".join(words))
    choices = []
    for number, word in enumerate(words):
        own = indic_key(word)
        listed = _spellings().get(own, ()) + (letter_name_spellings(word) if own else ())
        if number < len(words) - 1:
            listed += initial_spellings(word)
        choices.append([(word,), *(s.words for s in _other_spellings(listed, own))])
    respelled = [
        Term(tuple(w for part in combination for w in part))
        for combination in itertools.islice(itertools.product(*choices), 1, MAX_PHRASE_SPELLINGS + 1)
    ]
    if not respelled:
        return whole
    whole = whole or Alternatives()
    return dataclasses.replace(whole, spellings=whole.spellings + tuple(respelled))


@lru_cache(maxsize=256)
def country_marks(country: str) -> frozenset[str]:
    """The main field's terms of the one-word names of ``country`` (its English name), as articles are
    indexed: an article counted under the country matches through the facet however it writes the name,
    and these mark the name in its snippets (India marks भारत and ભારતમાં). Its names as ingest matches
    them (folded, with their joined endings) and as they are written: the index keeps some differences
    the fold erases (ચીન is indexed as written, not as ચિન)."""
    from ingest.countries import country_named, country_spellings, one_word_names

    found = country_named(country)
    if not found:
        return frozenset()
    written = [name for name in country_spellings(found["code"]) if len(name.split()) == 1]
    names = [*one_word_names(found["code"]), *written]
    return frozenset(token.text for token in analyze_fields("\n".join(names), ("indic_text",))["indic_text"])


@lru_cache(maxsize=256)
def country_phrases(country: str) -> tuple[tuple[str, ...], ...]:
    """The names of ``country`` of several words (United Kingdom, યુનાઇટેડ કિંગડમ), each as its words:
    marked, like ``country_marks``, where their words stand together in an article counted under it."""
    from ingest.countries import country_named, country_spellings

    found = country_named(country)
    if not found:
        return ()
    phrases = {tuple(name.split()): indic_key(name) for name in country_spellings(found["code"])}
    distinct = {key: words for words, key in phrases.items() if len(words) > 1 and len(key) > 1}
    return tuple(distinct.values())


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
    # A prefix (lavr*) is no name, and joins no neighbour: its group counts as empty here.
    groups = tuple(() if any(term.prefix for term in group) else group for group in parsed.groups)
    found: dict[int, Alternatives] = {}
    i = 0
    while i < len(groups):
        if len(groups[i]) != 1:
            i += 1
            continue
        if groups[i][0].is_phrase:
            alternatives = _phrase_alternatives(groups[i][0].words)
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
        else:
            if run > 1 and (initial := initial_spellings(groups[i][0].text)):
                found[i] = Alternatives(spellings=initial)  # एस जयशंकर: एस is S
        i += length
    compounds: dict[int, list[Term]] = {}
    for i, word in joined_words(groups):
        compounds.setdefault(i, []).append(word)
        compounds.setdefault(i + 1, []).append(word)
    for i, group in enumerate(groups):
        if len(group) != 1 or group[0].is_phrase:
            continue
        if others := split_words(group[0].text) + hyphen_forms(group[0].text):
            compounds.setdefault(i, []).extend(others)
    for i, words in compounds.items():
        found[i] = dataclasses.replace(found.get(i, Alternatives()), compounds=tuple(words))
    return found


def excluded_alternatives(parsed: ParsedQuery) -> dict[int, Alternatives]:
    """The excluded terms (by index) that are a name, with what else they match: an exclusion leaves out
    what the term would find, so ``-BJP`` also removes articles that write भाजपा, and ``-Pakistan`` those
    counted under the country however they write it."""
    found = {}
    for number, term in enumerate(parsed.excluded):
        if term.prefix:
            continue
        alternatives = _phrase_alternatives(term.words) if term.is_phrase else _name_alternatives(term.text)
        if alternatives:
            found[number] = alternatives
    return found
