"""Translate a parsed user query (``search_app.query.ParsedQuery``) into Tantivy Query objects.

Never through Tantivy's query-string parser: every term is analysed by the same three analyzers as the
documents and becomes term/phrase/fuzzy queries built as objects, so no input is query syntax.

Per term, the best of (a disjunction-max over):
  - the indic field, exact (weight 1);
  - the indic field, fuzzy, for long tokens that are not in the index as typed (0.5);
  - the Latin transliteration (0.8);
  - the consonant skeleton (0.4; the mapping's skeleton_min_length drops skeletons under 3 letters,
    which collide too often), in the fields of words of the other scripts;
each on the title (boost 3) and the body (boost 1). ``search_app.engines.query_terms`` says which fields
a term is looked for in, with which terms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import tantivy
from tantivy import Occur, Query

from search_app.analysis import ANALYZERS
from search_app.engines.alternatives import (
    COUNTRY_SCORE,
    Alternatives,
    country_marks,
    country_phrases,
    excluded_alternatives,
    name_alternatives,
)
from search_app.engines.embedded_schema import TEXT_FIELDS
from search_app.engines.query_terms import (
    CUT_LANGUAGE,
    SKELETON_ANALYZERS,
    LoosePhrase,
    gujarati_cut_terms,
    loose_phrase,
    phrase_variant_terms,
    prefix_terms,
    query_terms,
    searchable_words,
    variant_terms,
    whole_phrase_terms,
    whole_word_terms,
)
from search_app.engines.skeleton_guard import GUARDED_ANALYZER, skeleton_guards
from search_app.query import ParsedQuery, Term

TITLE_BOOST = 3.0
WEIGHTS = {"indic_text": 1.0, "latin_text": 0.8, "skeleton_latin_words": 0.4, "skeleton_nonlatin_words": 0.4}
FUZZY_WEIGHT = 0.5
# Edit distance allowed for an indic token of at least this many characters (checked longest first).
FUZZY_DISTANCES = ((9, 2), (5, 1))
TIE_BREAKER = 0.2


def fuzzy_distance(token: str) -> int:
    """How many edits a query token of this length may be off by (0: exact only)."""
    for min_length, distance in FUZZY_DISTANCES:
        if len(token) >= min_length:
            return distance
    return 0


class PhraseWord(NamedTuple):
    """One word of a quoted phrase as highlighting looks for it."""

    terms: tuple[frozenset[str], ...]  # per analyzer (ANALYZERS order): as typed, read whole, cut
    several: bool  # the word has several terms in some analyzer (COVID-19): it may span several words


@lru_cache(maxsize=1024)
def phrase_marks(words: tuple[str, ...], skeletons: bool = True) -> tuple[PhraseWord, ...]:
    """The words of a phrase but its stop words (``searchable_words``) with the terms each is marked by;
    without the consonant skeletons for ``skeletons=False``."""
    marks = []
    for word, own in searchable_words(words):
        whole, cut, variants = whole_word_terms(word), gujarati_cut_terms((word,)), variant_terms(word)
        terms = []
        for analyzer in ANALYZERS:
            found = {*own.get(analyzer, ()), *variants.get(analyzer, ())}
            found.update(term for terms in cut.get(analyzer, ()) for term in terms)
            if analyzer in whole:
                found.add(whole[analyzer])
            skip = not skeletons and analyzer in SKELETON_ANALYZERS
            terms.append(frozenset() if skip else frozenset(found))
        marks.append(PhraseWord(tuple(terms), any(len(tokens) > 1 for tokens in own.values())))
    return tuple(marks)


@dataclass
class MatchTerms:
    """What highlighting looks for: analysed query terms per analyzer, plus fuzzy indic terms."""

    terms: dict[str, set[str]] = field(default_factory=lambda: {a: set() for a in ANALYZERS})
    fuzzy: list[tuple[str, int]] = field(default_factory=list)
    # Some term has several tokens (a phrase) in some analyzer: a body may hold its words without
    # matching it, so which bodies matched is asked of the index (``TextQuery.body_query``).
    phrases: bool = False
    # Terms per analyzer marked only in an article where none of the others is: the names of a country
    # the query names, for articles that matched through the country facet (looking for hundreds of
    # forms in every hit's body would double the cost of highlighting), and the words of a phrase looked
    # for one by one across scripts (``LoosePhrase``), for articles that do not hold the phrase itself.
    fallback: dict[str, set[str]] = field(default_factory=lambda: {a: set() for a in ANALYZERS})
    # The names of several words of a country the query names (United Kingdom), marked like the
    # fallback terms where their words follow each other.
    fallback_phrases: list[tuple[PhraseWord, ...]] = field(default_factory=list)
    # Per skeleton term of a word typed in Latin letters, the pattern a marked word's Latin reading must
    # match (``skeleton_guards``); None where the term is looked for without one too.
    guards: dict[str, str | None] = field(default_factory=dict)
    # The quoted phrases, word by word: their words are marked only where they follow each other.
    phrase_words: list[tuple[PhraseWord, ...]] = field(default_factory=list)
    # The prefixes typed (``lavr*``) per analyzer: a word is marked whose term there begins with one.
    prefixes: dict[str, set[str]] = field(default_factory=lambda: {a: set() for a in ANALYZERS})

    def with_fallback(self) -> MatchTerms:
        """These terms and the fallback ones together."""
        terms = {analyzer: found | self.fallback[analyzer] for analyzer, found in self.terms.items()}
        phrases = [*self.phrase_words, *(p for p in self.fallback_phrases if p not in self.phrase_words)]
        return MatchTerms(
            terms,
            list(self.fuzzy),
            self.phrases,
            phrase_words=phrases,
            prefixes={analyzer: set(found) for analyzer, found in self.prefixes.items()},
            guards=dict(self.guards),
        )

    @property
    def has_fallback(self) -> bool:
        return any(self.fallback.values()) or bool(self.fallback_phrases)

    def add_phrase(self, words: tuple[str, ...], skeletons: bool = True) -> None:
        """Mark the phrase of ``words`` where its words follow each other (a word alone anywhere)."""
        marks = phrase_marks(words, skeletons)
        if len(marks) == 1:
            for analyzer, found in zip(ANALYZERS, marks[0].terms, strict=True):
                self.terms[analyzer] |= found
        elif marks and marks not in self.phrase_words:
            self.phrase_words.append(marks)

    @property
    def is_empty(self) -> bool:
        return not any(self.terms.values()) and not self.phrase_words and not any(self.prefixes.values())


def _exact(schema: tantivy.Schema, field_name: str, tokens: tuple[str, ...]) -> Query:
    if len(tokens) == 1:
        return Query.term_query(schema, field_name, tokens[0])
    return Query.phrase_query(schema, field_name, list(tokens))


def _analysed(term: Term) -> Mapping[str, tuple[str, ...]] | None:
    """The term's tokens per analyzer, or None when it has no searchable content (stop word, punctuation)."""
    analysed = query_terms(term.text)
    return analysed if analysed.get("indic_text") else None


def term_query(
    schema: tantivy.Schema,
    term: Term,
    matches: MatchTerms | None = None,
    *,
    loose: bool = True,
    is_known: Callable[[str], bool] | None = None,
    slots: tuple[int, ...] = (0, 1),
    skeletons: bool = True,
    word_by_word: bool = True,
) -> Query | None:
    """The query for one word or phrase; None when the term analyses to nothing.

    ``loose`` adds the fuzzy variants (positive terms); exclusions leave them out, so that ``-word``
    removes the documents that contain the word in any script, not its near misses. ``is_known`` tells
    whether an indic token occurs in the index as typed: fuzzy matching is only added for tokens that
    do not (a likely typo), because a Levenshtein automaton over the whole term dictionary costs tens of
    milliseconds on a large index and a correctly spelled word should not drag in its neighbours.
    ``slots`` picks the fields: 0 the title, 1 the body. ``skeletons=False`` leaves out the consonant
    skeletons (for a name's other spellings, which are exact: BJP's भाजपा need not match by consonants).
    ``word_by_word=False`` leaves out a phrase's ``loose_phrase`` (for a compound split in two, whose
    parts are no names).
    """
    if term.prefix:
        return _prefix_query(schema, term, matches, slots)
    analysed = _analysed(term)
    if analysed is None:
        return None
    clauses: list[Query] = []
    # The word, or each word of a phrase, read whole too (હસીના finds હસીનાનું).
    if term.is_phrase:
        whole = whole_phrase_terms(term.text)
    else:
        whole = {analyzer: (token,) for analyzer, token in whole_word_terms(term.text).items()}

    # Meloni also as the Gujarati stemmer leaves મેલોની (melo), Putin as it leaves પુતિને (puti), દેશ in
    # its plural (desho), in Gujarati articles only (``gujarati_cut_terms``); Sonia also as
    # सोनिया reads (soniya), and back, and Roger as रोजर (``variant_terms``).
    cut = gujarati_cut_terms(term.words)
    if term.is_phrase:
        variants = phrase_variant_terms(term.words)
    else:
        variants = {a: tuple((v,) for v in found) for a, found in variant_terms(term.text).items()}
    in_gujarati = (
        Query.const_score_query(Query.term_query(schema, "language", CUT_LANGUAGE), 0.0) if cut else None
    )

    guards = {} if term.is_phrase else skeleton_guards(term.text)

    def look_for(analyzer: str, terms: tuple[str, ...], only: Query | None = None) -> None:
        """``terms`` (a word, or a phrase's words) in the fields of ``analyzer`` (in articles that
        ``only`` matches, when given; a Latin word's skeleton where its ``skeleton_guards`` match too),
        and marked."""
        guard = guards.get(terms[0]) if analyzer == GUARDED_ANALYZER and len(terms) == 1 else None
        for slot in slots:
            field_name, boost = _slot_fields(analyzer, (slot,))[0]
            query = _exact(schema, field_name, terms)
            also = [only] if only is not None else []
            if guard is not None:
                also.append(_guard_query(schema, guard, slot))
            if also:
                query = Query.boolean_query([(Occur.Must, q) for q in (query, *also)])
            clauses.append(Query.boost_query(query, boost * WEIGHTS[analyzer]))
        if matches is not None and not term.is_phrase:  # a phrase is marked word by word (add_phrase)
            matches.terms[analyzer].update(terms)
            if analyzer == GUARDED_ANALYZER and len(terms) == 1:
                # Looked for unguarded too (by another word), or by two guards: marked by either.
                same = guard is not None and matches.guards.get(terms[0], guard) == guard
                matches.guards[terms[0]] = guard if same else None

    for analyzer in TEXT_FIELDS:
        if not skeletons and analyzer in SKELETON_ANALYZERS:
            continue
        if analyzer in whole:
            look_for(analyzer, whole[analyzer])
        for terms in cut.get(analyzer, ()):
            look_for(analyzer, terms, only=in_gujarati)
        for variant in variants.get(analyzer, ()):
            look_for(analyzer, variant)
        tokens = analysed.get(analyzer)
        if not tokens:
            continue
        look_for(analyzer, tokens)
        if matches is not None:
            matches.phrases = matches.phrases or len(tokens) > 1
        if analyzer == "indic_text" and loose and len(tokens) == 1:
            distance = 0 if is_known is not None and is_known(tokens[0]) else fuzzy_distance(tokens[0])
            if distance:
                for field_name, boost in _slot_fields(analyzer, slots):
                    fuzzy = Query.fuzzy_term_query(schema, field_name, tokens[0], distance=distance)
                    clauses.append(Query.boost_query(fuzzy, boost * FUZZY_WEIGHT))
                if matches is not None:
                    matches.fuzzy.append((tokens[0], distance))
    if matches is not None and term.is_phrase:
        matches.add_phrase(term.words, skeletons)
    by_words = loose_phrase(term.words) if term.is_phrase and word_by_word else None
    if by_words and (query := _loose_phrase_query(schema, by_words, matches, slots)) is not None:
        clauses.append(query)
    if not clauses:
        return None
    return Query.disjunction_max_query(clauses, tie_breaker=TIE_BREAKER)


def _prefix_query(
    schema: tantivy.Schema, term: Term, matches: MatchTerms | None, slots: tuple[int, ...]
) -> Query | None:
    """The words that begin with the prefix ``term`` (``prefix_terms``: as typed and in their Latin
    reading, in any script), each scoring alike, as a prefix query does on Elasticsearch. None when the
    prefix has no term. The regular expression is the prefix and ``.*``, for a prefix without a
    character that has a meaning there (an analysed word has none)."""
    clauses = []
    for analyzer, prefix in prefix_terms(term.text).items():
        if re.escape(prefix) != prefix:
            continue
        for field_name, boost in _slot_fields(analyzer, slots):
            found = Query.regex_query(schema, field_name, prefix + ".*")
            clauses.append(Query.boost_query(found, boost * WEIGHTS[analyzer]))
        if matches is not None:
            matches.prefixes[analyzer].add(prefix)
    return Query.disjunction_max_query(clauses, tie_breaker=TIE_BREAKER) if clauses else None


def _guard_query(schema: tantivy.Schema, guard: str, slot: int) -> Query:
    """A Latin reading in the text field of ``slot`` (0 the title, 1 the body) that matches the
    ``skeleton_guards`` pattern ``guard``, scoring nothing."""
    field_name = TEXT_FIELDS["latin_text"][slot]
    return Query.const_score_query(Query.regex_query(schema, field_name, guard), 0.0)


def _slot_fields(analyzer: str, slots: tuple[int, ...]) -> list[tuple[str, float]]:
    """The fields of ``analyzer`` in ``slots`` (0 the title, 1 the body), with their boosts."""
    title_field, body_field = TEXT_FIELDS[analyzer]
    return [((title_field, TITLE_BOOST), (body_field, 1.0))[slot] for slot in slots]


def _loose_phrase_query(
    schema: tantivy.Schema, loose: LoosePhrase, matches: MatchTerms | None, slots: tuple[int, ...]
) -> Query | None:
    """A phrase across scripts with a word too short for a skeleton (``LoosePhrase``): every word with
    one by its skeleton, and every other word as a word, anywhere in the article. Its words are marked
    only in an article where the phrase itself is not (``MatchTerms.fallback``)."""
    parts: list[tuple[Occur, Query]] = []
    words = MatchTerms()
    for analyzers, skeleton in loose.skeletons:
        found = []
        for analyzer in analyzers:
            for field_name, boost in _slot_fields(analyzer, slots):
                found.append(Query.boost_query(Query.term_query(schema, field_name, skeleton), boost))
            words.terms[analyzer].add(skeleton)
        parts.append((Occur.Must, Query.disjunction_max_query(found, tie_breaker=TIE_BREAKER)))
    for word in loose.words:
        query = term_query(schema, Term((word,)), words, loose=False, slots=slots)
        if query is None:
            return None
        parts.append((Occur.Must, query))
    if matches is not None:
        for analyzer, found in words.terms.items():
            matches.fallback[analyzer] |= found
    return Query.boost_query(Query.boolean_query(parts), WEIGHTS["skeleton_latin_words"])


@dataclass
class TextQuery:
    """A translated user query: what must match, what to highlight, and what matches in a body."""

    query: Query | None  # None: everything
    matches: MatchTerms
    # Any positive term in the body, for queries with phrases (see MatchTerms.phrases); else None.
    body_query: Query | None


def text_query(
    schema: tantivy.Schema, parsed: ParsedQuery, is_known: Callable[[str], bool] | None = None
) -> TextQuery:
    """The query for the whole parsed input and the terms to highlight.

    Groups are ANDed, terms inside a group ORed, excluded terms must not match. A group whose terms all
    analyse to nothing is dropped rather than matching nothing, unless every group is: then nothing
    matches.
    """
    matches = MatchTerms()
    clauses: list[tuple[Occur, Query]] = []
    names = name_alternatives(parsed)
    for number, group in enumerate(parsed.groups):
        name = names.get(number)
        alternatives = _group_queries(schema, group, name, matches, is_known)
        if name and name.country and alternatives:
            country = Query.term_query(schema, "country", name.country)
            alternatives.append(Query.const_score_query(country, COUNTRY_SCORE))
            matches.fallback["indic_text"].update(country_marks(name.country))
            for words in country_phrases(name.country):
                if (marks := phrase_marks(words, skeletons=False)) not in matches.fallback_phrases:
                    matches.fallback_phrases.append(marks)
        if name and name.year and alternatives:
            year = Query.term_query(schema, "year", str(name.year))
            alternatives.append(Query.const_score_query(year, COUNTRY_SCORE))
        if len(alternatives) == 1:
            clauses.append((Occur.Must, alternatives[0]))
        elif alternatives:
            clauses.append((Occur.Must, Query.boolean_query([(Occur.Should, q) for q in alternatives])))
    excluded = _excluded(schema, parsed)
    body_query = None
    if matches.phrases:  # without phrases the highlighter alone tells which bodies matched
        # Every alternative counts: a body written with another spelling (शेख हसीना for "Sheikh
        # Hasina", प्रधानमंत्री for प्रधान मंत्री) matched too, and gets its snippets.
        in_body = [
            q
            for number, group in enumerate(parsed.groups)
            for q in _group_queries(schema, group, names.get(number), None, is_known, slots=(1,))
        ]
        body_query = Query.boolean_query([(Occur.Should, q) for q in in_body]) if in_body else None
    if parsed.groups and not clauses:
        # Something was typed, but nothing searchable (stop words, emoji): it matches nothing, rather
        # than listing everything as an empty box does.
        return TextQuery(Query.empty_query(), matches, body_query)
    if not parsed.groups and parsed.excluded and not excluded:
        # Only exclusions, none of them searchable ("-the", "--"): as a query of stop words, nothing.
        return TextQuery(Query.empty_query(), matches, body_query)
    if not clauses and not excluded:
        return TextQuery(None, matches, body_query)
    if not clauses:
        clauses.append((Occur.Must, Query.all_query()))
    clauses.extend((Occur.MustNot, q) for q in excluded)
    return TextQuery(Query.boolean_query(clauses), matches, body_query)


def _group_queries(
    schema: tantivy.Schema,
    group: tuple[Term, ...],
    name: Alternatives | None,
    matches: MatchTerms | None,
    is_known: Callable[[str], bool] | None,
    slots: tuple[int, ...] = (0, 1),
) -> list[Query]:
    """The queries of one group's terms and of their other spellings and compound forms (in the fields
    of ``slots``); none when nothing in the group is searchable as typed (stop words), since its
    spellings do not count either. ``matches`` collects what to highlight, when given."""
    # A borrowed word's spellings are listed: its consonants would only add sound-alikes (corona: कारण).
    skeletons = not (name and name.words)
    typed = [
        term_query(schema, t, matches, is_known=is_known, slots=slots, skeletons=skeletons) for t in group
    ]
    if all(q is None for q in typed):
        return []
    queries = typed
    for spelling in name.spellings if name else ():
        # A listed spelling is exact: no fuzzy neighbours either (Madras is not Vadra).
        queries.append(term_query(schema, spelling, matches, loose=False, skeletons=False, slots=slots))
    for word in name.words if name else ():
        queries.append(_as_written(schema, word, matches, slots))
    for word in name.compounds if name else ():
        # A split word's phrase is not marked: marking it would set ``MatchTerms.phrases``, and every
        # search with such a word would ask the index which bodies matched (a second search).
        marked = None if word.is_phrase else matches
        queries.append(term_query(schema, word, marked, loose=False, slots=slots, word_by_word=False))
    return [q for q in queries if q is not None]


def _as_written(
    schema: tantivy.Schema, word: Term, matches: MatchTerms | None, slots: tuple[int, ...] = (0, 1)
) -> Query | None:
    """``word`` in the main fields only (its inflections, no other script, sound or typo): a borrowed
    word's listed spelling (``Alternatives.words``)."""
    tokens = query_terms(word.text).get("indic_text")
    if not tokens:
        return None
    if matches is not None:
        matches.terms["indic_text"].update(tokens)
    fields = [
        Query.boost_query(_exact(schema, field_name, tokens), boost * WEIGHTS["indic_text"])
        for field_name, boost in _slot_fields("indic_text", slots)
    ]
    return Query.disjunction_max_query(fields, tie_breaker=TIE_BREAKER)


def _excluded(schema: tantivy.Schema, parsed: ParsedQuery) -> list[Query]:
    """What must not match: what each excluded term would find, in any script, but its fuzzy
    neighbours (a typo's edit is no spelling of the word), and for a name its other spellings and its
    country."""
    names = excluded_alternatives(parsed)
    excluded = []
    for number, term in enumerate(parsed.excluded):
        query = term_query(schema, term, loose=False)
        if query is None:
            continue
        excluded.append(query)
        name = names.get(number)
        for spelling in name.spellings if name else ():
            excluded.append(term_query(schema, spelling, loose=False, skeletons=False))
        excluded += [_as_written(schema, word, None) for word in (name.words if name else ())]
        if name and name.country:
            excluded.append(Query.term_query(schema, "country", name.country))
        if name and name.year:
            excluded.append(Query.term_query(schema, "year", str(name.year)))
    return [q for q in excluded if q is not None]


def filter_query(schema: tantivy.Schema, facet: str, values: list[str]) -> Query:
    """Documents with any of ``values`` in ``facet`` (OR within a facet), scoring nothing.

    Term queries rather than one term set query: ANDed with the text query they skip along their
    postings to its matches, where a term set first collects every document holding one of its terms
    (at 100,000 articles, ``language:hi`` with a one-word query: 0.2 ms against 0.6 ms)."""
    terms = [Query.term_query(schema, facet, value) for value in dict.fromkeys(values)]
    if not terms:
        return Query.empty_query()
    query = terms[0] if len(terms) == 1 else Query.boolean_query([(Occur.Should, q) for q in terms])
    return Query.const_score_query(query, 0.0)


def filter_query_string(facet: str, values: list[str]) -> str:
    """``filter_query`` in Tantivy's query language, for a ``filter`` aggregation (which takes only a
    query string): every value quoted, with its quotes and backslashes escaped, so none is syntax."""
    quoted = ['"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values]
    return "(" + " OR ".join(f"{facet}:{q}" for q in quoted) + ")"


def combine(base: Query | None, filters: list[Query]) -> Query:
    """``base`` AND every filter; everything when there is neither."""
    clauses = [(Occur.Must, q) for q in ([base] if base is not None else []) + filters]
    if not clauses:
        return Query.all_query()
    if len(clauses) == 1:
        return clauses[0][1]
    return Query.boolean_query(clauses)
