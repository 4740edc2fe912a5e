"""Run one search and shape the result for both renderings (the page and ``/api/search``).

The response is plain JSON-ready data in the shape the API documents; the page renders the same dict.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
import weakref
from functools import lru_cache
from typing import Any

import icu
from markupsafe import escape

from ingest.countries import country_named
from ingest.normalize import fold
from search_app.engines.base import FACETS, UNKNOWN, FacetValue, Hit, SearchEngine, SearchRequest
from search_app.web.snippets import clean_fragment, join_fragments, plain_snippet

_ENGLISH = icu.Locale("en")
UNKNOWN_LABEL = "Unknown"


@lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    """The English name of an ISO 3166-1 code, from ICU/CLDR (the code itself if ICU has no name)."""
    if code == UNKNOWN:
        return UNKNOWN_LABEL
    name = icu.Locale("", code).getDisplayCountry(_ENGLISH)
    return name if name and name != "Unknown Region" else code


@lru_cache(maxsize=1024)
def language_name(code: str) -> str:
    """The English name of an ISO 639 code, from ICU/CLDR (the code itself if ICU has no name)."""
    if code == UNKNOWN:
        return UNKNOWN_LABEL
    name = icu.Locale(code).getDisplayLanguage(_ENGLISH)
    return name or code


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    """ISO 3166-1 codes by their English names, alpha-2 and alpha-3 codes, case-folded (from CLDR)."""
    codes: dict[str, str] = {}
    for code in icu.Locale.getISOCountries():
        region = icu.Locale("", code)
        codes[country_name(code).casefold()] = codes[code.casefold()] = code
        codes.setdefault(region.getISO3Country().casefold(), code)
    return codes


def country_code(name: str) -> str:
    """The ISO code of the country ``name`` selects: a code (JP, jp, JPN), its English name (Japan) or
    any name ingest reads as the country (UK, USA, भारत, ભારત). Anything else comes back as typed, two
    letters upper-cased (``is_country_code`` tells)."""
    code = _codes_by_name().get(name.casefold())
    if code:
        return code
    found = country_named(name)
    if found:
        return found["code"]
    return name.upper() if len(name) == 2 and name.isascii() else name


# The languages a language filter may be named in, besides its code: English and the app's scripts.
_LANGUAGE_NAME_LOCALES = ("en", "hi", "gu")


@lru_cache(maxsize=1)
def _languages_by_name() -> dict[str, str]:
    """ISO 639-1 codes by their names in English, Hindi and Gujarati, folded as ingest folds words
    (from CLDR: हिन्दी is also typed हिंदी)."""
    codes: dict[str, str] = {}
    for code in icu.Locale.getISOLanguages():
        if len(code) != 2:
            continue
        for locale in _LANGUAGE_NAME_LOCALES:
            name = icu.Locale(code).getDisplayLanguage(icu.Locale(locale))
            if name and name != code:
                codes.setdefault(fold(name), code)
    return codes


def language_code(name: str) -> str:
    """The ISO 639-1 code the language ``name`` selects: its code in any case (hi, HI) or its name in
    English, Hindi or Gujarati (Hindi, हिन्दी, ગુજરાતી); anything else lower-cased as typed
    (``is_language_code`` tells)."""
    return _languages_by_name().get(fold(name), name.lower())


@lru_cache(maxsize=1)
def _iso_countries() -> frozenset[str]:
    return frozenset(icu.Locale.getISOCountries())


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code (a country that may have no articles yet)."""
    return code in _iso_countries()


# langdetect tells Chinese apart by region (zh-cn, zh-tw): a language code and a region's.
_LANGUAGE_CODE = re.compile(r"([a-z]{2})(?:-[a-z]{2})?")


@lru_cache(maxsize=1)
def _iso_languages() -> frozenset[str]:
    return frozenset(code for code in icu.Locale.getISOLanguages() if len(code) == 2)


def is_language_code(code: str) -> bool:
    """Whether ``code`` is an ISO 639-1 code, alone or with a region as langdetect writes some (zh-cn),
    or ``und``, what ingest gives an article without letters."""
    found = _LANGUAGE_CODE.fullmatch(code)
    return code == "und" or (found is not None and found.group(1) in _iso_languages())


def engine_request(request: SearchRequest) -> SearchRequest:
    """The request in the engine's terms: engines facet countries by English name, the API by ISO code."""
    countries = request.filters.get("country")
    if not countries:
        return request
    filters = dict(request.filters)
    filters["country"] = [code if code == UNKNOWN else country_name(code) for code in countries]
    return dataclasses.replace(request, filters=filters)


# How long the sources' spellings are reused before they are read again (ingest may add sources), and
# how many (by article count) are read: a source beyond them is matched only as written.
SOURCE_SPELLINGS_TTL = 30.0
SOURCE_SPELLINGS_READ = 1_000
# Per engine object (weakly: an engine closed and dropped takes its entry along).
_source_spellings: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_source_lock = threading.Lock()


def _spellings_of_sources(engine: SearchEngine) -> dict[str, list[str]]:
    """Every source the index counts (the top SOURCE_SPELLINGS_READ), by its case-folded name."""
    now = time.monotonic()
    with _source_lock:
        cached = _source_spellings.get(engine)
    if cached and now - cached[0] < SOURCE_SPELLINGS_TTL:
        return cached[1]
    every = SearchRequest(size=1, highlight=False, facet_size=SOURCE_SPELLINGS_READ)
    spellings: dict[str, list[str]] = {}
    for value in engine.search(every).facets.get("source", []):
        spellings.setdefault(str(value.value).casefold(), []).append(str(value.value))
    with _source_lock:
        _source_spellings[engine] = (now, spellings)
    return spellings


def with_source_spellings(engine: SearchEngine, request: SearchRequest) -> SearchRequest:
    """The request with each selected source as the index writes it: a source is a name, which a user
    types in any case (?source=the hindu selects The Hindu, and THE HINDU if some articles write that)."""
    sources = request.filters.get("source")
    if not sources:
        return request
    known = _spellings_of_sources(engine)
    resolved = [v for value in sources for v in known.get(value.casefold(), [value])]
    if resolved == list(sources):
        return request
    return dataclasses.replace(request, filters={**request.filters, "source": list(dict.fromkeys(resolved))})


def engine_facet_values(facet: str, values: list[FacetValue]) -> list[FacetValue]:
    """Facet values as the API names them (ISO codes for countries)."""
    if facet != "country":
        return values
    return [FacetValue(country_code(str(v.value)), v.count) for v in values]


def facet_label(facet: str, value: str) -> str:
    """What the UI shows for a facet value: names for codes, the value itself otherwise."""
    if facet == "country":
        return country_name(value)
    if facet == "language":
        return language_name(value)
    return UNKNOWN_LABEL if value == UNKNOWN else value


def _facet(facet: str, values: list[FacetValue], selected: list[str]) -> list[dict[str, Any]]:
    shown = [
        {
            "value": str(v.value),
            "label": facet_label(facet, str(v.value)),
            "count": v.count,
            "selected": str(v.value) in selected,
        }
        for v in values
    ]
    # A selected value with no matches must stay visible, or the user could not unselect it.
    present = {str(v.value) for v in values}
    shown += [
        {"value": value, "label": facet_label(facet, value), "count": 0, "selected": True}
        for value in selected
        if value not in present
    ]
    if facet == "year":
        # Years read as a timeline, newest first (the engine still picks which years by count);
        # undated articles come last.
        shown.sort(key=lambda v: (v["value"] == UNKNOWN, -int(v["value"]) if v["value"].isdigit() else 0))
    return shown


def snippet_for(hit: Hit) -> str:
    """Highlighted body fragments if the engine found any, else the start of the body."""
    fragments = hit.highlights.get("body") or []
    if fragments:
        snippet = join_fragments(fragments)
        if snippet:
            return str(snippet)
    return str(plain_snippet(hit.fields.get("body") or ""))


def _countries(fields: dict[str, Any]) -> list[dict[str, str]]:
    countries = []
    for country in fields.get("countries") or []:
        code = country.get("code") if isinstance(country, dict) else str(country)
        if not code:
            continue
        name = country_name(code)
        if name == code and isinstance(country, dict) and country.get("name"):
            name = country["name"]  # a code CLDR does not name: keep the document's own name
        countries.append({"code": code, "name": name})
    return countries


def title_html(hit: Hit) -> str:
    """The title as HTML with its matches marked (escaped plain title when the engine marked nothing)."""
    fragments = hit.highlights.get("title") or []
    marked = clean_fragment(fragments[0]) if fragments else ""
    return str(marked or escape(hit.fields.get("title") or ""))


def hit_summary(hit: Hit) -> dict[str, Any]:
    """One result as the API lists it."""
    fields = hit.fields
    return {
        "id": hit.id,
        "title": fields.get("title") or "",
        "language": fields.get("language") or UNKNOWN,
        "published": fields.get("published"),
        "year": fields.get("year"),
        "source": fields.get("source"),
        "url": fields.get("url"),
        "countries": _countries(fields),
        "snippet": snippet_for(hit),
        "score": hit.score,
    }


def run_search(engine: SearchEngine, request: SearchRequest, marked_titles: bool = False) -> dict[str, Any]:
    """Search and return the API response body (facets labelled, selections flagged, took_ms measured).

    ``marked_titles`` adds ``title_html`` to each hit for the page (the API's titles stay plain text).
    """
    started = time.perf_counter()
    result = engine.search(engine_request(request))
    hits = [hit_summary(hit) for hit in result.hits]
    if marked_titles:
        for summary, hit in zip(hits, result.hits, strict=True):
            summary["title_html"] = title_html(hit)
    facets = {
        facet: _facet(
            facet,
            engine_facet_values(facet, result.facets.get(facet, [])),
            list(request.filters.get(facet, ())),
        )
        for facet in FACETS
    }
    return {
        "query": request.text,
        "total": result.total,
        "page": request.page,
        "size": request.size,
        "took_ms": round((time.perf_counter() - started) * 1000),
        "hits": hits,
        "facets": facets,
    }


def article_view(document: dict[str, Any]) -> dict[str, Any]:
    """A stored article as ``/api/articles/<id>`` returns it (country names from ICU)."""
    return {
        "id": document.get("id"),
        "title": document.get("title") or "",
        "body": document.get("body") or "",
        "language": document.get("language") or UNKNOWN,
        "languages": list(document.get("languages") or []),
        "published": document.get("published"),
        "year": document.get("year"),
        "source": document.get("source"),
        "url": document.get("url"),
        "countries": _countries(document),
    }
