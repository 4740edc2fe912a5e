"""Turn request arguments into a ``SearchRequest``: the one parser behind both the page and the API.

Both renderings call ``parse_search_args`` so their parameters cannot drift apart. Repeated facet
parameters (``country``, ``year``, ``language``, ``source``) are OR-ed within a facet and AND-ed across.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search_app.engines.base import FACETS, MAX_PAGE_SIZE, UNKNOWN, InvalidSearch, SearchRequest
from search_app.query import QueryTooLong, parse_query
from search_app.web.search_service import country_code, is_country_code, is_language_code, language_code

DEFAULT_SIZE = 10
# Bounds on what one request may select: generous for people, cheap for the engine.
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 200
SORTS = ("relevance", "newest")
# Years are whole numbers (the index stores them as integers); "unknown" selects articles without one.
_YEAR = re.compile(r"[0-9]{1,4}")


class BadParameter(InvalidSearch):
    """A request argument is missing, malformed or out of range (answered with 400)."""

    def __init__(self, param: str, message: str, code: str = "bad_parameter") -> None:
        super().__init__(message)
        self.param = param
        self.code = code  # the API's machine-readable error code


# Parameters that take one value: a second one is refused, not silently ignored (which would win?).
SINGLE_VALUED = ("q", "sort", "page", "size")


def _check_single(args) -> None:
    for name in SINGLE_VALUED:
        if len(args.getlist(name)) > 1:
            raise BadParameter(name, f"{name} may be given only once")


def _integer(args, name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    # Absent means the default; present but empty or malformed is an error (as the OpenAPI document says).
    raw = args.get(name)
    if raw is None:
        return default
    # int() would also accept "1_000" and non-ASCII digits; a page number is plain ASCII digits.
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise BadParameter(name, f"{name} must be a whole number, not {raw[:20]!r}")
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"at least {minimum}" if maximum is None else f"between {minimum} and {maximum}"
        raise BadParameter(name, f"{name} must be {bounds}")
    return value


def _facet_value(facet: str, raw: str) -> str:
    value = raw.strip()
    if len(value) > MAX_VALUE_LENGTH:
        raise BadParameter(facet, f"{facet} values are at most {MAX_VALUE_LENGTH} characters")
    if value.lower() == UNKNOWN:
        return UNKNOWN
    if facet == "country":
        code = country_code(value)  # ?country=jp, Japan, JPN, UK, भारत: its ISO 3166-1 code
        if not is_country_code(code):
            raise BadParameter(
                "country",
                f"no country is named {value[:40]!r}: give its ISO code (IN, JPN) or name (India, भारत)",
            )
        return code
    if facet == "language":
        code = language_code(value)  # ?language=hi, Hindi, हिन्दी: its ISO 639-1 code
        if not is_language_code(code):
            raise BadParameter(
                "language",
                f"no language is named {value[:40]!r}: give its ISO 639-1 code (hi, gu) or name (Hindi)",
            )
        return code
    if facet == "year" and not _YEAR.fullmatch(raw):
        raise BadParameter("year", f"year must be a year such as 2024 or {UNKNOWN!r}, not {raw[:20]!r}")
    return value


def _filters(args) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for facet in FACETS:
        raw_values = args.getlist(facet)
        if len(raw_values) > MAX_VALUES_PER_FACET:
            raise BadParameter(facet, f"select at most {MAX_VALUES_PER_FACET} {facet} values")
        values: list[str] = []
        for raw in raw_values:
            value = _facet_value(facet, raw)
            if value and value not in values:
                values.append(value)
        if values:
            filters[facet] = values
    return filters


def parse_search_args(args) -> SearchRequest:
    """Validate request args (a MultiDict) into a SearchRequest; raises BadParameter with a clear message.

    An empty query lists everything newest first unless ``sort`` says otherwise; a query sorts by
    relevance by default.
    """
    _check_single(args)
    raw_text = args.get("q") or ""
    try:
        parse_query(raw_text)  # the length limit applies to what was sent, before trimming
    except QueryTooLong as exc:
        raise BadParameter("q", str(exc), code="query_too_long") from exc
    text = raw_text.strip()
    sort = args.get("sort", "relevance" if text else "newest")
    if sort not in SORTS:
        raise BadParameter("sort", f"sort must be one of {', '.join(SORTS)}")
    request = SearchRequest(
        text=text,
        filters=_filters(args),
        sort=sort,
        page=_integer(args, "page", default=1, minimum=1),
        size=_integer(args, "size", default=DEFAULT_SIZE, minimum=1, maximum=MAX_PAGE_SIZE),
    )
    try:
        request.validate()
    except InvalidSearch as exc:
        raise BadParameter("page", str(exc)) from exc
    return request


def selected_pairs(request: SearchRequest) -> Sequence[tuple[str, str]]:
    """Every (facet, value) the request filters on, in facet order (for chips)."""
    return [(facet, value) for facet in FACETS for value in request.filters.get(facet, ())]
