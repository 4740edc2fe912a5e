"""The HTML pages: the search page (same parameters as /api/search) and the article page."""

from __future__ import annotations

import math
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import icu
from flask import Blueprint, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound

from search_app.engines.base import FACETS, MAX_RESULT_WINDOW, InvalidSearch, SearchRequest
from search_app.web.engine import get_engine
from search_app.web.search_params import DEFAULT_SIZE, parse_search_args, selected_pairs
from search_app.web.search_service import (
    article_view,
    facet_label,
    language_name,
    run_search,
    with_source_spellings,
)

bp = Blueprint("pages", __name__)

# Facet values listed before the rest fold away under "N more" (a <details>, so no script is needed).
FACET_SHOWN = 8
FACET_TITLES = {"country": "Country", "year": "Year", "language": "Language", "source": "Source"}
_DATE_FORMAT = icu.DateFormat.createDateInstance(icu.DateFormat.MEDIUM, icu.Locale("en"))
_DATE_FORMAT.setTimeZone(icu.TimeZone.getGMT())


def search_url(
    params: SearchRequest, remove: tuple[str, str] | None = None, clear: bool = False, **changes: Any
) -> str:
    """The URL of the search page for ``params`` with one filter (or, ``clear``, every filter) removed
    or page/sort changed; the query, sort and page size stay.

    Only non-default values go into the URL, so shared links stay short and readable.
    """
    args: dict[str, Any] = {}
    if params.text:
        args["q"] = params.text
    for facet in FACETS:
        values = [] if clear else [v for v in params.filters.get(facet, ()) if (facet, v) != remove]
        if values:
            args[facet] = values
    sort = changes.get("sort", params.sort)
    if sort != ("relevance" if params.text else "newest"):
        args["sort"] = sort
    page = changes.get("page", 1 if remove or clear or "sort" in changes else params.page)
    if page > 1:
        args["page"] = page
    if params.size != DEFAULT_SIZE:
        args["size"] = params.size
    return url_for("pages.search", **args)


def page_numbers(current: int, last: int) -> list[int | None]:
    """Page links to show: first, last and two either side of the current one (None marks a gap)."""
    wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    shown: list[int | None] = []
    for number in wanted:
        if shown and number - (shown[-1] or 0) > 1:
            shown.append(None)
        shown.append(number)
    return shown


def display_date(published: str | None) -> str:
    """An ISO date as people read it (CLDR's English medium format, e.g. "Oct 30, 2024")."""
    if not published:
        return ""
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return published
    # PyICU takes dates as seconds since the epoch (ICU's own UDate is milliseconds).
    seconds = (day - date(1970, 1, 1)).days * 86_400
    return _DATE_FORMAT.format(float(seconds))


def safe_link(url: str | None) -> str | None:
    """The URL if it is an http(s) link; a document's ``javascript:`` URL must never become a link."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def results_url(referrer: str | None) -> str | None:
    """The search page the reader came from (for a "back to results" link), if they came from one.

    Only our own search page counts, and its URL is rebuilt from its parsed parameters, so a crafted
    Referer can neither point elsewhere nor smuggle in anything the search page would not accept.
    """
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != request.host or parts.path != url_for("pages.search"):
        return None
    try:
        params = parse_search_args(MultiDict(parse_qsl(parts.query)))
    except InvalidSearch:
        return None
    return search_url(params)


@bp.app_template_global()
def lang_attr(code: str | None) -> str:
    """A value for the HTML lang attribute ("und" when the language is unknown)."""
    return code if code and code.isalpha() and len(code) <= 3 else "und"


@bp.app_context_processor
def page_helpers() -> dict[str, Any]:
    return {
        "search_url": search_url,
        "display_date": display_date,
        "language_name": language_name,
        "facet_label": facet_label,
        "FACETS": FACETS,
        "FACET_TITLES": FACET_TITLES,
        "FACET_SHOWN": FACET_SHOWN,
    }


@bp.get("/")
def search() -> str:
    """The search page: search box, facets, results, paging; every state in the URL."""
    engine = get_engine()
    params = with_source_spellings(engine, parse_search_args(request.args))
    result = run_search(engine, params, marked_titles=True)
    last_page = max(1, min(math.ceil(result["total"] / params.size), MAX_RESULT_WINDOW // params.size))
    return render_template(
        "search.html",
        params=params,
        result=result,
        chips=selected_pairs(params),
        last_page=last_page,
        pages=page_numbers(params.page, last_page),
        sort_in_url="sort" in request.args,
    )


@bp.get("/articles/<path:article_id>")
def article(article_id: str) -> str:
    """One article in full, with its facets as links to searches."""
    document = get_engine().get(article_id)
    if document is None:
        raise NotFound("There is no article with this address; it may have been removed.")
    view = article_view(document)
    paragraphs = [p.strip() for p in view["body"].split("\n") if p.strip()]
    return render_template(
        "article.html",
        article=view,
        paragraphs=paragraphs,
        link=safe_link(view["url"]),
        back=results_url(request.referrer),
    )
