"""Headlines: the real title of an article, not a breadcrumb or a site name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.cues import cues
from ingest.normalize import fold

_MAX_CRUMB_WORDS = 20
BREADCRUMB_ZONE = 3  # a breadcrumb is one of the first lines of a page
MAX_TITLE_CHARS = 300
_SENTENCE_END = re.compile(r"[.!?।॥](?=\s|$)")
# "Headline | Site", "Headline - Site", "Headline — Site" in HTML <title>s
_TITLE_SITE_SEPARATOR = re.compile(r"\s+(?:[|\-–—:]|::)\s+")


@dataclass(frozen=True)
class Breadcrumb:
    site: str | None  # the first crumb when it names the site (not "Home")
    title: str | None  # the last crumb when it reads like a headline


def parse_breadcrumb(line: str) -> Breadcrumb | None:
    """The parts of a navigation breadcrumb (``Site > Section > Headline``), or None for other lines."""
    crumbs = [c.strip() for c in cues().breadcrumb_split.split(line.strip())]
    if len(crumbs) < 2 or any(not c or len(c.split()) > _MAX_CRUMB_WORDS for c in crumbs):
        return None
    first_is_home = fold(crumbs[0]) in cues().home
    if len(crumbs) == 2 and not first_is_home and not _is_place_crumb(line, crumbs):
        return None  # "A / B" is too often just a title with a slash
    # Two crumbs without "Home" are sections or places (Ahmedabad » Gujarat), not a site's name.
    site = None if first_is_home or len(crumbs) == 2 or len(crumbs[0].split()) > 5 else crumbs[0]
    title = crumbs[-1] if len(crumbs[-1].split()) >= 3 else None
    return Breadcrumb(site=site, title=title)


# Separators that a headline hardly ever uses between two words (unlike "/" and ">").
_CRUMB_ONLY_SEPARATOR = re.compile(r"\s[»›→▸≫]\s")
_PLACE_CRUMB_WORDS = 3


def _is_place_crumb(line: str, crumbs: list[str]) -> bool:
    """``Ahmedabad » Gujarat``, ``અમદાવાદ » ગુજરાત``: two short crumbs between a breadcrumb-only arrow."""
    return bool(_CRUMB_ONLY_SEPARATOR.search(line)) and all(
        len(c.split()) <= _PLACE_CRUMB_WORDS for c in crumbs
    )


# Separators of a breadcrumb trail that a headline hardly ever uses (a headline may hold a " / ").
_TRAIL_SEPARATOR = re.compile(r"\s[>»›→▸≫]\s")


def title_breadcrumb(title: str | None) -> Breadcrumb | None:
    """The parts of a title that is a breadcrumb trail ("Home » World » Asia", "होम / देश / Headline"),
    as a page's template may put in its ``<title>`` or a heading; None for a headline. Stricter than for a
    page's line: the trail starts at "Home" or uses a separator no headline uses."""
    crumb = parse_breadcrumb(title) if title else None
    if crumb is None:
        return None
    first = cues().breadcrumb_split.split(title.strip(), maxsplit=1)[0]
    return crumb if fold(first) in cues().home or _TRAIL_SEPARATOR.search(title) else None


def find_breadcrumb(lines: list[str]) -> tuple[Breadcrumb | None, int | None]:
    """The breadcrumb among the first lines and its index, or (None, None)."""
    for index, line in enumerate(lines[:BREADCRUMB_ZONE]):
        crumb = parse_breadcrumb(line)
        if crumb:
            return crumb, index
    return None, None


def shorten_title(line: str) -> str:
    """A headline-sized title from a first line that is really a paragraph."""
    if len(line) <= MAX_TITLE_CHARS:
        return line
    end = _SENTENCE_END.search(line, 20, MAX_TITLE_CHARS)
    if end:
        return line[: end.end()].strip()
    cut = line.rfind(" ", 0, MAX_TITLE_CHARS)
    return line[: cut if cut > 0 else MAX_TITLE_CHARS].rstrip() + "…"


def first_sentence(paragraph: str) -> str | None:
    """The first sentence of a paragraph that has more after it, short enough for a title; else None."""
    end = _SENTENCE_END.search(paragraph, 20, MAX_TITLE_CHARS)
    if end and paragraph[end.end() :].strip():
        return paragraph[: end.end()].strip()
    return None


# "Headline :: Site": a separator no headline uses, so what follows it names the site even when nothing
# else does.
_SITE_ONLY_SEPARATOR = re.compile(r"\s+::\s+")
_SITE_MAX_WORDS = 5


def site_after_title(title: str) -> str | None:
    """The site a title names after "::" ("Budget passed :: Gujarat Business Wire"), if any."""
    parts = _SITE_ONLY_SEPARATOR.split(title)
    if len(parts) > 1 and parts[0].strip() and 0 < len(parts[-1].split()) <= _SITE_MAX_WORDS:
        return parts[-1].strip()
    return None


def _last_part(title: str) -> tuple[str, str] | None:
    """``Headline | Site`` -> (``Headline``, ``Site``): a title and what its last separator ends it with."""
    parts = _TITLE_SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return None
    return title[: title.rfind(parts[-1])].rstrip(" |-–—:"), parts[-1]


def site_in_page_title(page_title: str | None, headline: str | None) -> str | None:
    """The site an HTML ``<title>`` names after the page's headline ("Headline | Site", "Headline -
    Site"), if any: the last part, when all before it is the headline the page shows."""
    split = _last_part(page_title.strip()) if page_title and headline else None
    if split is None:
        return None
    head, site = split[0], split[1].strip()
    if not 0 < len(site.split()) <= _SITE_MAX_WORDS or fold(site) in cues().home:
        return None
    # The sections between the headline and the site are the page's ("Headline | Cricket | Site").
    return site if fold(without_sections(head)).strip() == fold(without_sections(headline)).strip() else None


# "Site | Headline": a one-word site before a headline of at least this many words.
_HEADLINE_MIN_WORDS = 4
# A headline's own last part after "|" is a site name only when it is shorter than the rest, which is
# headline-length: "Budget 2024 | What changed for taxpayers" is one headline.
_PIPE_SEPARATOR = re.compile(r"\s+\|\s+")


def site_in_headline(headline: str | None) -> tuple[str, str] | None:
    """(headline, site) of a headline that ends with the site's name, as an og:title often does
    ("Headline | Site"), or None. Only a part after the one "|" of the headline names the site, when it
    is short and the rest is headline-length: after ":" or "-" it is more often the headline's own
    ("Budget 2024: What changed"), and two "|" put a section between ("Floods | India | Ledger")."""
    if not headline or len(_PIPE_SEPARATOR.findall(headline)) != 1:
        return None
    head, site = (part.strip() for part in _PIPE_SEPARATOR.split(headline.strip()))
    if _TITLE_SITE_SEPARATOR.search(site) or fold(site) in cues().home | cues().sections:
        return None
    head_words, site_words = len(head.split()), len(site.split())
    if head_words >= _HEADLINE_MIN_WORDS and 0 < site_words <= _SITE_MAX_WORDS and site_words < head_words:
        return head, site
    return None


def site_after_heading(title: str | None, headings: frozenset[str]) -> tuple[str, str] | None:
    """(headline, site) of a title that is the page's own heading and then the site's name, after any
    separator ("Floods hit Assam - Northeast Today", an og:title, with "Floods hit Assam" in the
    ``<h1>``): the heading shows where the headline ends, which "-" or ":" alone cannot. None otherwise."""
    split = _last_part(title.strip()) if title and headings else None
    if split is None:
        return None
    head, site = split[0].strip(), split[1].strip()
    if not 0 < len(site.split()) <= _SITE_MAX_WORDS or fold(site) in cues().home | cues().sections:
        return None
    return (head, site) if fold(head).strip() in {fold(h).strip() for h in headings} else None


def headline_before_site(page_title: str | None, title: str | None) -> tuple[str, str] | None:
    """(headline, site) of an HTML ``<title>`` "Headline - Site" when the title found for the page is
    only its site part: the text of a logo in an ``<h1>``, or the part the extractor took for the
    headline because the other holds a full stop ("RBI holds rate at 6.5 per cent | Mint Street").
    The site part is short, and the headline longer than it. None otherwise."""
    split = _last_part(page_title.strip()) if page_title and title else None
    if split is None or fold(split[1]).strip() != fold(title).strip():
        return None
    head, site = split[0].strip(), split[1].strip()
    if fold(site) in cues().home or not 0 < len(site.split()) <= _SITE_MAX_WORDS:
        return None
    return (head, site) if len(head.split()) > len(site.split()) else None


# The parts of a title between " | ": "Headline | Asia | World" ends with the page's sections.
_SECTION_MAX_WORDS = 3


def without_sections(title: str, sections: frozenset[str] = frozenset()) -> str:
    """``title`` without the sections a page's template ends it with, after " | " ("Ishiba elected
    LDP leader | Asia | World" -> "Ishiba elected LDP leader"): short parts that are section names
    (``boilerplate.json``) or among ``sections`` (folded; the texts of the page's links)."""
    parts = _PIPE_SEPARATOR.split(title.strip())
    known = cues().sections | sections
    while (
        len(parts) > 1 and len(parts[-1].split()) <= _SECTION_MAX_WORDS and fold(parts[-1]).strip() in known
    ):
        parts.pop()
    return " | ".join(parts) if len(parts[0].split()) > _SECTION_MAX_WORDS else title


def site_before_headline(
    page_title: str | None, headline: str | None, site: str | None = None
) -> tuple[str, str] | None:
    """(site, headline) of an HTML ``<title>`` that puts the site first ("NewsNow | Farmers march to
    Delhi"), when the extracted headline is only that first part: the part is the site the page names
    elsewhere, or a single word before a headline-length rest. None otherwise."""
    parts = _TITLE_SITE_SEPARATOR.split(page_title.strip()) if page_title and headline else []
    if len(parts) != 2 or fold(parts[0]).strip() != fold(headline).strip():
        return None
    first, rest = parts[0].strip(), parts[1].strip()
    if fold(first) in cues().home:
        return None
    named = site is not None and fold(first).strip() == fold(site).strip()
    if named or (len(first.split()) == 1 and len(rest.split()) >= _HEADLINE_MIN_WORDS):
        return first, rest
    return None


def strip_site_name(title: str, site: str | None) -> str:
    """``Headline | Site`` -> ``Headline`` when the trailing part is the site's name."""
    split = _last_part(title) if site else None
    if split and fold(split[1]).strip() == fold(site).strip():
        return split[0]
    return title
