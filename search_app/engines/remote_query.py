"""Search requests as Elasticsearch/OpenSearch query bodies (plain dicts), and their answers as results.

User text never reaches the server as query syntax: ``search_app.query`` parses it, and each term becomes
a ``match``/``match_phrase`` clause whose text the server only analyzes. Both products take the same body.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from search_app.engines.alternatives import (
    COUNTRY_SCORE,
    Alternatives,
    country_marks,
    country_phrases,
    excluded_alternatives,
    name_alternatives,
)
from search_app.engines.base import (
    FACETS,
    MARK_CLOSE,
    MARK_OPEN,
    UNKNOWN,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResult,
    with_selected,
)
from search_app.engines.query_terms import (
    CUT_LANGUAGE,
    SKELETON_ANALYZERS,
    gujarati_cut_terms,
    loose_phrase,
    phrase_variants,
    prefix_terms,
    query_terms,
    variant_terms,
    whole_phrase_terms,
    whole_word_terms,
)
from search_app.engines.remote_mapping import DERIVED_FIELDS
from search_app.engines.skeleton_guard import GUARDED_ANALYZER, skeleton_guards
from search_app.query import ParsedQuery, Term

# Where a word is looked for, and how much a match there counts. The main fields carry the Indic chain;
# ``latin`` holds the text transliterated to Latin letters (Lavrov = लावरोव), the skeleton fields its
# consonants only (names spelled with different vowels across scripts), so they count least; which of
# them a term is looked for in is ``query_terms``'s choice (index analyzer -> its fields here).
FIELDS_BY_ANALYZER: dict[str, tuple[str, ...]] = {
    "indic_text": ("title^3", "body"),
    "latin_text": ("title.latin^1.5", "body.latin^0.5"),
    "skeleton_latin_words": ("title.skeleton_latin^0.6", "body.skeleton_latin^0.2"),
    "skeleton_nonlatin_words": ("title.skeleton_nonlatin^0.6", "body.skeleton_nonlatin^0.2"),
}
# Matched exactly; the main fields also with fuzziness (as on the embedded engine: a typo is a slip in
# the script typed, and fuzzy transliterations or skeletons would reach other words: Singh ~ sangh).
WORD_ANALYZERS = tuple(a for a in FIELDS_BY_ANALYZER if a not in SKELETON_ANALYZERS)
# Typos forgiven in longer words only: none below 5 letters, one up to 8, two from 9.
FUZZINESS = "AUTO:5,9"
FUZZY_BOOST = 0.5
# A phrase matched word by word across scripts (``loose_phrase``) counts as little as a skeleton does.
LOOSE_PHRASE_BOOST = 0.4
# The best field decides the score; other fields that match add a little.
TIE_BREAKER = 0.3
TEXT_FIELDS: tuple[str, ...] = ("title", "body")
SUBFIELDS: tuple[str, ...] = ("", ".latin", ".skeleton_latin", ".skeleton_nonlatin")
FRAGMENT_SIZE = 200
FRAGMENTS = 2


def _fields(term: Term, analyzers: Collection[str] | None = None) -> list[str]:
    """The fields ``term`` is looked for in (of ``analyzers`` when given), as ``query_terms`` chooses."""
    chosen = query_terms(term.text)
    # Text with nothing searchable still goes to the main fields, whose zero_terms_query then decides.
    wanted = [a for a in FIELDS_BY_ANALYZER if a in chosen or (a == "indic_text" and not chosen)]
    return [f for a in wanted if analyzers is None or a in analyzers for f in FIELDS_BY_ANALYZER[a]]


def _word_query(term: Term, negated: bool, skeletons: bool = True, fuzzy: bool = True) -> dict[str, Any]:
    word = term.text
    main = {
        "multi_match": {
            "query": word,
            "type": "best_fields",
            "fields": _fields(term, WORD_ANALYZERS),
            "operator": "and",
            # A word made only of stop words or punctuation constrains nothing (but excludes nothing).
            "zero_terms_query": "none" if negated else "all",
        }
    }
    queries: list[dict[str, Any]] = [main]
    indic_fields = _fields(term, ("indic_text",))
    if fuzzy and not negated and indic_fields:  # an exclusion removes the word, not its near misses
        typo_match = dict(main["multi_match"], fields=indic_fields, fuzziness=FUZZINESS, prefix_length=1)
        queries.append({"multi_match": typo_match | {"boost": FUZZY_BOOST}})
    skeleton_fields = _fields(term, SKELETON_ANALYZERS) if skeletons else []
    guards = skeleton_guards(word)
    if skeleton_fields:
        own = query_terms(word).get(GUARDED_ANALYZER, ())
        skeleton = {"multi_match": {"query": word, "fields": skeleton_fields, "operator": "and"}}
        queries.append(_guarded(skeleton, guards.get(own[0]) if len(own) == 1 else None))
    # The word read whole, too (હસીના finds હસીનાનું): terms the server's analyzers do not make from
    # the query text, analysed here as the embedded engine does (``whole_word_terms``).
    for analyzer, whole in whole_word_terms(word).items():
        for field, boost in _boosted_fields(analyzer):
            queries.append({"term": {field: {"value": whole, "boost": boost}}})
    # Sonia also as सोनिया reads (soniya), and back; Roger as रोजर (``variant_terms``).
    for analyzer, variants in variant_terms(word).items():
        guarded = analyzer == GUARDED_ANALYZER
        for field, boost in _boosted_fields(analyzer, skeletons):
            queries += [
                _guarded({"term": {field: {"value": v, "boost": boost}}}, guards.get(v) if guarded else None)
                for v in variants
            ]
    # Meloni also as the Gujarati stemmer leaves મેલોની, Putin as it leaves પુતિને, દેશ in its plural
    # (``gujarati_cut_terms``), in Gujarati articles only.
    for analyzer, cuts in gujarati_cut_terms(term.words).items():
        for (cut,) in cuts:
            guard = guards.get(cut) if analyzer == GUARDED_ANALYZER else None
            queries += _in_gujarati(
                _boosted_fields(analyzer, skeletons),
                lambda field, cut=cut, guard=guard: _guarded({"term": {field: cut}}, guard),
            )
    return {"dis_max": {"queries": queries, "tie_breaker": TIE_BREAKER}}


def _guarded(query: dict[str, Any], guard: str | None) -> dict[str, Any]:
    """``query`` (a Latin word's skeleton among the other scripts' words) where a Latin reading in the
    title or body also matches its ``skeleton_guards`` pattern ``guard`` (as it is when None)."""
    if guard is None:
        return query
    readings = [{"regexp": {f"{field}.latin": {"value": guard, "flags": "NONE"}}} for field in TEXT_FIELDS]
    return {"bool": {"must": query, "filter": {"bool": {"should": readings, "minimum_should_match": 1}}}}


def _span_phrase(field: str, terms: Sequence[str | Sequence[str]], boost: float = 1.0) -> dict[str, Any]:
    """A phrase of given (already analysed) terms: a span query of them in order; a place given as
    several terms takes any of them."""
    spans = [
        {"span_term": {field: token}}
        if isinstance(token, str)
        else {"span_or": {"clauses": [{"span_term": {field: t}} for t in token]}}
        for token in terms
    ]
    return {"span_near": {"clauses": spans, "slop": 0, "in_order": True, "boost": boost}}


def _in_gujarati(
    fields: list[tuple[str, float]], query: Callable[[str], dict[str, Any]]
) -> list[dict[str, Any]]:
    """``query`` of each of ``fields``, in articles in the Gujarati stemmer's language only."""
    language = {"term": {"language": CUT_LANGUAGE}}
    return [{"bool": {"must": query(field), "filter": language, "boost": boost}} for field, boost in fields]


def _boosted_fields(analyzer: str, skeletons: bool = True) -> list[tuple[str, float]]:
    """The fields of ``analyzer`` with their boosts; none for a skeleton field when ``skeletons`` is
    False (a name's other spellings, which are exact)."""
    if not skeletons and analyzer in SKELETON_ANALYZERS:
        return []
    return [_field_boost(spec) for spec in FIELDS_BY_ANALYZER[analyzer]]


def _field_boost(spec: str) -> tuple[str, float]:
    """A field given as ``field^boost``, and its boost (1 when it names none)."""
    field, _, boost = spec.partition("^")
    return field, float(boost or 1)


def _phrase_query(term: Term, skeletons: bool = True, word_by_word: bool = True) -> dict[str, Any]:
    clauses = []
    for field, boost in map(_field_boost, _fields(term, None if skeletons else WORD_ANALYZERS)):
        clauses.append({"match_phrase": {field: {"query": term.text, "boost": boost}}})
    # Each word read whole, too ("શેખ હસીના" finds શેખ હસીનાનું): terms the server's analyzers do not
    # make from the query text, so a span query of them in order (a phrase of given terms).
    for analyzer, whole in whole_phrase_terms(term.text).items():
        for field, boost in _boosted_fields(analyzer):
            clauses.append(_span_phrase(field, whole, boost))
    # "Angela Merkel" also as एंजेला मर्केल reads (anjela merkel), each word in its variants
    # (``phrase_variants``): a span query with the terms each word may be at its place.
    for analyzer, positions in phrase_variants(term.words).items():
        for field, boost in _boosted_fields(analyzer, skeletons):
            clauses.append(_span_phrase(field, positions, boost))
    # "Sheikh Hasina" also as the Gujarati stemmer leaves શેખ હસીના (``gujarati_cut_terms``).
    for analyzer, cuts in gujarati_cut_terms(term.words).items():
        for cut in cuts:
            clauses += _in_gujarati(
                _boosted_fields(analyzer, skeletons), lambda field, cut=cut: _span_phrase(field, cut)
            )
    # A phrase with a word too short for a skeleton, across scripts (``loose_phrase``): each word with
    # one by its skeleton, the others as words, anywhere in the article.
    if word_by_word and (loose := loose_phrase(term.words)):
        parts: list[dict[str, Any]] = []
        for analyzers, skeleton in loose.skeletons:
            fields = [field for analyzer in analyzers for field in _boosted_fields(analyzer)]
            found = [{"term": {field: {"value": skeleton, "boost": boost}}} for field, boost in fields]
            parts.append({"dis_max": {"queries": found, "tie_breaker": TIE_BREAKER}})
        parts += [_word_query(Term((word,)), negated=False, fuzzy=False) for word in loose.words]
        clauses.append({"bool": {"must": parts, "boost": LOOSE_PHRASE_BOOST}})
    return {"dis_max": {"queries": clauses, "tie_breaker": TIE_BREAKER}}


def term_query(
    term: Term, negated: bool = False, skeletons: bool = True, fuzzy: bool = True, word_by_word: bool = True
) -> dict[str, Any]:
    """One word or phrase of the query language as a query clause (``skeletons=False``: without the
    consonant skeletons, ``fuzzy=False`` without typo tolerance, for a name's other spellings;
    ``word_by_word=False`` without a phrase's ``loose_phrase``, for a compound split in two)."""
    if term.prefix:
        return _prefix_query(term)
    if term.is_phrase:
        return _phrase_query(term, skeletons, word_by_word)
    return _word_query(term, negated, skeletons, fuzzy)


def _prefix_query(term: Term) -> dict[str, Any]:
    """The words that begin with the prefix ``term`` (``prefix_terms``: as typed and in their Latin
    reading, in any script), each scoring alike: ``prefix`` queries of its analysed terms, which the
    server reads as terms, never as syntax."""
    clauses = [
        {"prefix": {field: {"value": prefix, "boost": boost}}}
        for analyzer, prefix in prefix_terms(term.text).items()
        for field, boost in _boosted_fields(analyzer)
    ]
    if not clauses:
        return {"match_none": {}}
    return {"dis_max": {"queries": clauses, "tie_breaker": TIE_BREAKER}}


def _as_written(word: Term) -> dict[str, Any]:
    """``word`` in the main fields only (its inflections, no other script, sound or typo): a borrowed
    word's listed spelling (``Alternatives.words``)."""
    return {"multi_match": {"query": word.text, "fields": _fields(word, ("indic_text",)), "operator": "and"}}


def _searchable(term: Term) -> bool:
    return "indic_text" in query_terms(term.text)


def text_query(parsed: ParsedQuery, names: Mapping[int, Alternatives]) -> dict[str, Any]:
    """Groups ANDed (``must``), terms inside a group ORed (``should``), excluded terms in ``must_not``.

    As on the embedded engine, terms with nothing searchable (stop words, emoji) are left out, and a
    query of nothing but such terms matches nothing; a group naming a country also matches the articles
    counted under it and its other spellings (``names``: ``name_alternatives`` of ``parsed``)."""
    must = []
    for number, group in enumerate(parsed.groups):
        name = names.get(number)
        # A borrowed word's spellings are listed: its consonants would only add sound-alikes (corona: कारण).
        skeletons = not (name and name.words)
        should = [term_query(term, skeletons=skeletons) for term in group if _searchable(term)]
        if not should:
            continue
        if name:
            # A listed spelling is exact: no fuzzy neighbours either (Madras is not Vadra).
            should += [term_query(s, skeletons=False, fuzzy=False) for s in name.spellings]
            should += [_as_written(word) for word in name.words]
            should += [term_query(word, fuzzy=False, word_by_word=False) for word in name.compounds]
            if name.country:
                country = {"term": {"country": name.country}}
                should.append({"constant_score": {"filter": country, "boost": COUNTRY_SCORE}})
            if name.year:
                year = {"term": {"year": name.year}}
                should.append({"constant_score": {"filter": year, "boost": COUNTRY_SCORE}})
        must.append({"bool": {"should": should, "minimum_should_match": 1}})
    if parsed.groups and not must:
        return {"match_none": {}}
    if not parsed.groups and parsed.excluded and not any(map(_searchable, parsed.excluded)):
        return {"match_none": {}}  # only exclusions, none searchable ("-the", "--"): nothing
    must_not = _excluded(parsed)
    if not must and not must_not:
        return {"match_all": {}}
    return {"bool": {"must": must or [{"match_all": {}}], "must_not": must_not}}


def _excluded(parsed: ParsedQuery) -> list[dict[str, Any]]:
    """What must not match: what each excluded term would find, in any script, but its fuzzy
    neighbours (a typo's edit is no spelling of the word), and for a name its other spellings and its
    country."""
    names = excluded_alternatives(parsed)
    must_not = []
    for number, term in enumerate(parsed.excluded):
        must_not.append(term_query(term, negated=True))
        name = names.get(number)
        must_not += [term_query(s, negated=True, skeletons=False) for s in (name.spellings if name else ())]
        must_not += [_as_written(word) for word in (name.words if name else ())]
        if name and name.country:
            must_not.append({"term": {"country": name.country}})
        if name and name.year:
            must_not.append({"term": {"year": name.year}})
    return must_not


_SELECTED = "selected_"  # sub-aggregations counting each selected value of a facet


def _facet_filter(facet: str, values: Sequence[str]) -> dict[str, Any]:
    """Documents having any of ``values`` in ``facet``; UNKNOWN selects documents without a value."""
    known = [v for v in values if v != UNKNOWN]
    if facet == "year":
        # The year is a number; text that is not one selects nothing rather than failing the search.
        known = [int(v) for v in known if v.strip().isdigit()]
    should: list[dict[str, Any]] = []
    if known:
        should.append({"terms": {facet: known}})
    if UNKNOWN in values:
        should.append({"bool": {"must_not": {"exists": {"field": facet}}}})
    return {"bool": {"should": should, "minimum_should_match": 1}} if should else {"match_none": {}}


def _filters(filters: Mapping[str, Sequence[str]], skip: str | None = None) -> list[dict[str, Any]]:
    return [_facet_filter(facet, values) for facet, values in filters.items() if values and facet != skip]


def facet_aggregations(request: SearchRequest) -> dict[str, Any]:
    """One terms aggregation per facet, under a filter of every OTHER facet's selection, so a facet's
    counts ignore its own selection (multi-select) but follow the rest."""
    aggs = {}
    for facet in FACETS:
        others = _filters(request.filters, skip=facet)
        aggs[facet] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {
                "values": {"terms": {"field": facet, "size": request.facet_size}},
                "unknown": {"missing": {"field": facet}},
                # A selected value outside the top ones is counted too: its count is shown beside it.
                **{
                    f"{_SELECTED}{i}": {"filter": _facet_filter(facet, [value])}
                    for i, value in enumerate(request.filters.get(facet) or ())
                    if value != UNKNOWN
                },
            },
        }
    return aggs


def _sort(request: SearchRequest) -> list[Any]:
    newest = {"published": {"order": "desc", "missing": "_last"}}
    if request.sort == "newest":
        return [newest, "_score", {"id": "asc"}]
    return ["_score", newest, {"id": "asc"}]


def _country_marks(names: Mapping[int, Alternatives]) -> tuple[list[str], list[str]]:
    """The names of the countries the query names: the main fields' terms of their one-word names
    (``country_marks``), and their names of several words (``country_phrases``: United Kingdom)."""
    countries = sorted({a.country for a in names.values() if a.country})
    terms = sorted(set().union(*map(country_marks, countries))) if countries else []
    phrases = sorted({" ".join(words) for country in countries for words in country_phrases(country)})
    return terms, phrases


def _highlight(query: dict[str, Any], marks: list[str], phrases: Sequence[str] = ()) -> dict[str, Any]:
    """The unified highlighter with the HTML encoder: the document's text is escaped, only our marks
    are markup. The latin/skeleton subfields are highlighted too (on the same original text), so a
    cross-script match is marked; ``merge_highlights`` folds them into title/body. An article counted
    under a country the query names has the country's names marked too (India marks भारत), though it
    matched through the facet (``marks``, the terms of its one-word names, and ``phrases``, its names
    of several words)."""
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        whole = {"number_of_fragments": 0} if name == "title" else {}
        for suffix in SUBFIELDS:
            spec = dict(whole)
            if not suffix:
                # With no match (e.g. an empty query), still show the escaped opening of the text.
                spec["no_match_size"] = FRAGMENT_SIZE
                if marks or phrases:
                    names = [{"terms": {name: marks}}] if marks else []
                    names += [{"match_phrase": {name: phrase}} for phrase in phrases]
                    spec["highlight_query"] = {"bool": {"should": [query, *names]}}
            fields[name + suffix] = spec
    return {
        "type": "unified",
        "encoder": "html",
        "pre_tags": [MARK_OPEN],
        "post_tags": [MARK_CLOSE],
        "fragment_size": FRAGMENT_SIZE,
        "number_of_fragments": FRAGMENTS,
        "fields": fields,
    }


def search_body(request: SearchRequest) -> dict[str, Any]:
    """The whole search request body; ``request`` must already be validated."""
    parsed = request.parsed
    names = name_alternatives(parsed)  # for the query and the country names to highlight
    query = text_query(parsed, names)
    body: dict[str, Any] = {
        "query": query,
        "aggs": facet_aggregations(request),
        "sort": _sort(request),
        "track_scores": True,
        "track_total_hits": True,
        "from": request.offset,
        "size": request.size,
        "_source": {"excludes": list(DERIVED_FIELDS)},
    }
    selected = _filters(request.filters)
    if selected:
        body["post_filter"] = {"bool": {"filter": selected}}
    if request.highlight:
        body["highlight"] = _highlight(query, *_country_marks(names))
    return body


def merge_highlights(found: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """title/body fragments: the field's own marked fragments, else a subfield's (a cross-script
    match), else the unmarked opening."""
    merged = {}
    for name in TEXT_FIELDS:
        candidates = [found.get(name + suffix) or [] for suffix in SUBFIELDS]
        marked = next((c for c in candidates if any(MARK_OPEN in f for f in c)), None)
        fragments = marked or candidates[0]
        if fragments:
            merged[name] = list(fragments)
    return merged


def _facets(aggregations: Mapping[str, Any], request: SearchRequest) -> dict[str, list[FacetValue]]:
    facets = {}
    for facet in FACETS:
        agg = aggregations.get(facet, {})
        values = [FacetValue(str(b["key"]), int(b["doc_count"])) for b in agg["values"]["buckets"]]
        missing = int(agg.get("unknown", {}).get("doc_count", 0))
        if missing:
            values.append(FacetValue(UNKNOWN, missing))
        values.sort(key=lambda v: (-v.count, v.value))
        selected = request.filters.get(facet) or ()
        counts = {v.value: v.count for v in values}  # the missing-value count too (no sub-aggregation)
        counts.update(
            (v, agg[f"{_SELECTED}{i}"]["doc_count"])
            for i, v in enumerate(selected)
            if f"{_SELECTED}{i}" in agg
        )
        facets[facet] = with_selected(values[: request.facet_size], selected, counts)
    return facets


def parse_response(response: Mapping[str, Any], request: SearchRequest) -> SearchResult:
    """The engine-neutral result of a search response."""
    hits = [
        Hit(
            id=str(raw["_id"]),
            score=raw.get("_score"),
            fields=dict(raw.get("_source") or {}),
            highlights=merge_highlights(raw.get("highlight") or {}),
        )
        for raw in response["hits"]["hits"]
    ]
    return SearchResult(
        total=int(response["hits"]["total"]["value"]),
        hits=hits,
        facets=_facets(response.get("aggregations") or {}, request),
        took_ms=float(response.get("took", 0)),
    )


def suggest_body(prefix: str, size: int) -> dict[str, Any]:
    """A completion suggestion over title words and whole titles."""
    return {
        "_source": False,
        "suggest": {
            "titles": {
                "prefix": prefix,
                "completion": {"field": "suggest", "size": size, "skip_duplicates": True},
            }
        },
    }


def parse_suggestions(response: Mapping[str, Any]) -> list[str]:
    options = response.get("suggest", {}).get("titles", [{}])[0].get("options", [])
    return list(dict.fromkeys(str(option["text"]) for option in options))
