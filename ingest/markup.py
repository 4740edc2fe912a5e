"""HTML markup inside JSON Lines fields: a body or title exported from a CMS with its tags and entities.

A field is read as markup only when it has a real HTML tag (``<p>``, ``</b>``, ``<br/>``), so plain text
that uses angle brackets ("a < b", "x<y and z>w") is left as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

import lxml.etree
import lxml.html
from lxml.html import defs

# "<p>", "</b>", "<br/>", '<a href="...">': a tag whose name lxml knows as HTML.
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
# Elements that end a paragraph: HTML's block elements and HTML5's sectioning ones (lxml's lists know
# only HTML 4's blocks, and count <ins>/<del>, which mark edits inside a sentence, as blocks).
_BREAKS = (
    defs.block_tags
    | {"br", "article", "aside", "figcaption", "figure", "footer", "header", "main", "section"}
) - {"ins", "del"}
_SKIP = frozenset({"script", "style", "template"})
_SPACES = re.compile(r"\s+")


def has_markup(text: str) -> bool:
    """Whether ``text`` holds at least one HTML tag."""
    return any(m.group(1).lower() in defs.tags for m in _TAG.finditer(text))


def markup_text(text: str) -> str:
    """The text of an HTML fragment, one paragraph a line (blank lines between), entities decoded.

    Text without markup is returned unchanged.
    """
    if not has_markup(text):
        return text
    root = lxml.html.fragment_fromstring(text, create_parent="div")
    chunks: list[str] = []
    _collect(root, chunks)
    lines = (" ".join(line.split()) for line in "".join(chunks).split("\n"))
    return "\n\n".join(line for line in lines if line)


def markup_title(text: str) -> str:
    """A title without tags, its entities decoded ("Title with <i>tags</i> &amp; more" ->
    "Title with tags & more"), on one line."""
    plain = markup_text(text) if has_markup(text) else html.unescape(text)
    return " ".join(plain.split())


def _collect(element: lxml.html.HtmlElement, chunks: list[str]) -> None:
    """Append the element's text to ``chunks``, a newline around each paragraph-ending element."""
    tag = element.tag if isinstance(element.tag, str) else None  # comments have no tag name
    if tag is not None and tag not in _SKIP:
        breaks = tag in _BREAKS
        if breaks:
            chunks.append("\n")
        chunks.append(_SPACES.sub(" ", element.text or ""))
        for child in element:
            _collect(child, chunks)
        if breaks:
            chunks.append("\n")
    chunks.append(_SPACES.sub(" ", element.tail or ""))


def parse_page(page: str) -> lxml.html.HtmlElement | None:
    """A whole HTML page as an element tree, or None when it holds no element at all."""
    try:
        return lxml.html.document_fromstring(page.encode("utf-8"), parser=_UTF8_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return None


# The page is handed over as UTF-8 bytes: lxml refuses a str that declares its own encoding.
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def page_title(root: lxml.html.HtmlElement | None) -> str | None:
    """The text of the page's ``<title>`` element, on one line."""
    title = root.find(".//title") if root is not None else None
    if title is None:
        return None
    return " ".join(title.text_content().split()) or None


def _marked_elements(root: lxml.html.HtmlElement, tag: str, hint: re.Pattern[str]) -> Iterator:
    """The page's ``tag`` elements and those whose class or id ``hint`` matches, in page order."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        if element.tag == tag or hint.search(f"{element.get('class', '')} {element.get('id', '')}"):
            yield element


def _short_texts(elements: Iterable, max_chars: int) -> list[str]:
    """Each element's text on one line, spaces collapsed, where it has one of at most ``max_chars``."""
    texts = (" ".join(element.text_content().split()) for element in elements if isinstance(element.tag, str))
    return [text for text in texts if text and len(text) <= max_chars]


# Elements a page states its date in: <time>, or a class or id that says so ("date", "post-meta").
_DATE_HINT = re.compile(r"date|time|publish|posted|meta|byline", re.IGNORECASE)
_DATE_TEXT_MAX_CHARS = 120


def date_texts(root: lxml.html.HtmlElement | None) -> list[str]:
    """The short texts of the elements that look like a page's date line, in page order: the article
    extractor drops them as furniture, and its own date finder reads English month names only."""
    if root is None:
        return []
    return _short_texts(_marked_elements(root, "time", _DATE_HINT), _DATE_TEXT_MAX_CHARS)


# Elements a page prints its footer in: <footer>, or a class or id that says so.
_FOOTER_HINT = re.compile(r"footer|copyright", re.IGNORECASE)
_FOOTER_TEXT_MAX_CHARS = 200


def footer_texts(root: lxml.html.HtmlElement | None) -> list[str]:
    """The short texts of a page's footer elements and of the elements inside them, each on one line:
    the article extractor drops the footer, and with it the copyright notice that names the publisher."""
    if root is None:
        return []
    footers = _marked_elements(root, "footer", _FOOTER_HINT)
    return _short_texts((element for footer in footers for element in footer.iter()), _FOOTER_TEXT_MAX_CHARS)


def link_texts(root: lxml.html.HtmlElement | None) -> frozenset[str]:
    """The texts of a page's links (``<a>`` elements), each on one line, spaces collapsed."""
    if root is None:
        return frozenset()
    texts = (" ".join(a.text_content().split()) for a in root.iter("a"))
    return frozenset(text for text in texts if text)


# A logo: an <h1> (or its container) whose class or id says so, or that links to the site's home page.
_LOGO_HINT = re.compile(r"logo|brand|masthead|site-?(?:title|name)|sitename", re.IGNORECASE)
_LOGO_ANCESTORS = 3  # how far up a logo's container may be: <div id="header"><a><h1>...
_HOME_HREF = re.compile(r"^(?:(?:https?:)?//[^/]+)?/?(?:index\.\w+)?$", re.IGNORECASE)
_LOGO_MAX_WORDS = 5  # a site's name; a longer text is a headline, whatever its markup


def heading_texts(root: lxml.html.HtmlElement | None) -> frozenset[str]:
    """The texts of the page's ``<h1>`` elements, spaces collapsed (where a page prints its headline)."""
    if root is None:
        return frozenset()
    return frozenset(text for h1 in root.iter("h1") if (text := " ".join(h1.text_content().split())))


def logo_texts(root: lxml.html.HtmlElement | None) -> frozenset[str]:
    """The texts of the page's ``<h1>`` elements that hold its logo or site name, not a headline: many
    sites wrap their logo in an ``<h1>`` (``<h1 class="logo"><a href="/">Site</a></h1>``). An ``<h1>`` is a
    logo when it holds an image, links to the home page, or it or a close container says "logo",
    "brand", "masthead" or "site-title"; and its text is a name's length, outside the ``<article>``."""
    if root is None:
        return frozenset()
    texts = set()
    for h1 in root.iter("h1"):
        text = " ".join(h1.text_content().split())
        ancestors = list(h1.iterancestors())
        if not text or len(text.split()) > _LOGO_MAX_WORDS or any(e.tag == "article" for e in ancestors):
            continue
        near = [h1, *ancestors[:_LOGO_ANCESTORS]]
        hinted = any(_LOGO_HINT.search(f"{e.get('class', '')} {e.get('id', '')}") for e in near)
        links_home = any(_HOME_HREF.match((a.get("href") or "#").strip()) for a in h1.iter("a"))
        if hinted or links_home or h1.find(".//img") is not None:
            texts.add(text)
    return frozenset(texts)
