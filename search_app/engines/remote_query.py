"""Search requests as Elasticsearch/OpenSearch query bodies (plain dicts), and their answers as results.

User text never reaches the server as query syntax: ``search_app.query`` parses it, and each term becomes
a ``match``/``match_phrase`` clause whose text the server only analyzes. Both products take the same body.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from search_app.engines.base import (
    FACETS,
    MARK_CLOSE,
    MARK_OPEN,
    UNKNOWN,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResult,
)
from search_app.engines.remote_mapping import DERIVED_FIELDS
from search_app.query import ParsedQuery, Term

# Where a word is looked for, and how much a match there counts. The main fields carry the Indic chain;
# ``latin`` holds the text transliterated to Latin letters (Lavrov = लावरोव), ``skeleton`` its consonants
# only (names spelled with different vowels across scripts), so it counts least.
WORD_FIELDS: tuple[str, ...] = ("title^3", "body", "title.latin^1.5", "body.latin^0.5")
SKELETON_FIELDS: tuple[str, ...] = ("title.skeleton^0.6", "body.skeleton^0.2")
# Typos forgiven in longer words only: none below 5 letters, one up to 8, two from 9.
FUZZINESS = "AUTO:5,9"
# The best field decides the score; other fields that match add a little.
TIE_BREAKER = 0.3
TEXT_FIELDS: tuple[str, ...] = ("title", "body")
SUBFIELDS: tuple[str, ...] = ("", ".latin", ".skeleton")
FRAGMENT_SIZE = 200
FRAGMENTS = 2


def _word_query(word: str, negated: bool) -> dict[str, Any]:
    main = {
        "multi_match": {
            "query": word,
            "type": "best_fields",
            "fields": list(WORD_FIELDS),
            "fuzziness": FUZZINESS,
            "prefix_length": 1,
            "operator": "and",
            # A word made only of stop words or punctuation constrains nothing (but excludes nothing).
            "zero_terms_query": "none" if negated else "all",
        }
    }
    skeleton = {"multi_match": {"query": word, "fields": list(SKELETON_FIELDS), "operator": "and"}}
    return {"dis_max": {"queries": [main, skeleton], "tie_breaker": TIE_BREAKER}}


def _phrase_query(phrase: str) -> dict[str, Any]:
    fields = [*WORD_FIELDS, *SKELETON_FIELDS]
    clauses = []
    for spec in fields:
        field, _, boost = spec.partition("^")
        clauses.append({"match_phrase": {field: {"query": phrase, "boost": float(boost or 1)}}})
    return {"dis_max": {"queries": clauses, "tie_breaker": TIE_BREAKER}}


def term_query(term: Term, negated: bool = False) -> dict[str, Any]:
    """One word or phrase of the query language as a query clause."""
    return _phrase_query(term.text) if term.is_phrase else _word_query(term.text, negated)


def text_query(parsed: ParsedQuery) -> dict[str, Any]:
    """Groups ANDed (``must``), terms inside a group ORed (``should``), excluded terms in ``must_not``."""
    must = [
        {"bool": {"should": [term_query(term) for term in group], "minimum_should_match": 1}}
        for group in parsed.groups
    ]
    must_not = [term_query(term, negated=True) for term in parsed.excluded]
    if not must and not must_not:
        return {"match_all": {}}
    return {"bool": {"must": must or [{"match_all": {}}], "must_not": must_not}}


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
            },
        }
    return aggs


def _sort(request: SearchRequest) -> list[Any]:
    newest = {"published": {"order": "desc", "missing": "_last"}}
    if request.sort == "newest":
        return [newest, "_score", {"id": "asc"}]
    return ["_score", newest, {"id": "asc"}]


def _highlight() -> dict[str, Any]:
    """The unified highlighter with the HTML encoder: the document's text is escaped, only our marks
    are markup. The latin/skeleton subfields are highlighted too (on the same original text), so a
    cross-script match is marked; ``merge_highlights`` folds them into title/body."""
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        whole = {"number_of_fragments": 0} if name == "title" else {}
        for suffix in SUBFIELDS:
            spec = dict(whole)
            if not suffix:
                # With no match (e.g. an empty query), still show the escaped opening of the text.
                spec["no_match_size"] = FRAGMENT_SIZE
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
    body: dict[str, Any] = {
        "query": text_query(request.parsed),
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
        body["highlight"] = _highlight()
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


def _facets(aggregations: Mapping[str, Any], facet_size: int) -> dict[str, list[FacetValue]]:
    facets = {}
    for facet in FACETS:
        agg = aggregations.get(facet, {})
        values = [FacetValue(str(b["key"]), int(b["doc_count"])) for b in agg["values"]["buckets"]]
        missing = int(agg.get("unknown", {}).get("doc_count", 0))
        if missing:
            values.append(FacetValue(UNKNOWN, missing))
        values.sort(key=lambda v: (-v.count, v.value))
        facets[facet] = values[:facet_size]
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
        facets=_facets(response.get("aggregations") or {}, request.facet_size),
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
