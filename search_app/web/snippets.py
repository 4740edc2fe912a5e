"""Snippets for result lists: HTML where the document's text is escaped and only ``<mark>`` is markup.

Engines already return escaped, highlighted fragments; ``clean_fragment`` re-checks that promise (a
document must never inject markup, whichever engine served it) and trims partial grapheme clusters
at the edges, so an Indic syllable is never shown cut in half. ``plain_snippet`` makes a snippet from
the body when there is nothing to highlight (an empty query, or a match in the title only).
"""

from __future__ import annotations

import html
import re
import unicodedata

import icu
from markupsafe import Markup, escape

from search_app.engines.base import MARK_CLOSE, MARK_OPEN

ELLIPSIS = "…"
SNIPPET_CHARS = 240
_MARK_SPLIT = re.compile(f"({re.escape(MARK_OPEN)}|{re.escape(MARK_CLOSE)})")
# Characters that continue the grapheme cluster before them (a fragment must not start with them)...
_JOINERS = {"\u200c", "\u200d"}


def _continues_cluster(char: str) -> bool:
    return unicodedata.category(char).startswith("M") or char in _JOINERS


def _ends_open(text: str) -> bool:
    """True when the text ends mid-cluster: a virama or joiner promises a following consonant."""
    last = text[-1]
    return last in _JOINERS or unicodedata.combining(last) == 9  # canonical class 9 = virama


def _prefix_at_boundary(text: str, limit: int, breaker: icu.BreakIterator) -> str:
    """The longest prefix of ``text`` up to ``limit`` characters that ends on a ``breaker`` boundary."""
    # ICU counts UTF-16 code units; slice an ICU string so characters outside the BMP stay whole.
    units = icu.UnicodeString(text)
    breaker.setText(units)
    cut = breaker.preceding(len(icu.UnicodeString(text[:limit])) + 1)
    return str(units[: max(cut, 0)])


def _drop_last_cluster(text: str) -> str:
    return _prefix_at_boundary(text, len(text) - 1, _clusters())


def _clusters() -> icu.BreakIterator:
    return icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())


def _escaped(text: str) -> str:
    """``text`` HTML-escaped, its runs of whitespace as one space."""
    # str.split knows the same whitespace as the regular expression \s and is several times faster.
    words = text.split()
    collapsed = " ".join(words)
    if text[:1].isspace():
        collapsed = " " + collapsed
    if words and text[-1].isspace():
        collapsed += " "
    return html.escape(collapsed)


def clean_fragment(fragment: str) -> Markup:
    """Re-escape an engine's highlight fragment keeping only balanced <mark> tags; trim broken clusters."""
    # Split on the marks: text pieces at even indexes, marks at odd ones. This runs for every fragment of
    # every result (about 20 a page), so the common case (no entity, no broken cluster) does little work.
    pieces = _MARK_SPLIT.split(fragment)
    texts = [html.unescape(p) if "&" in p else p for p in pieces[0::2]]
    filled = [i for i, text in enumerate(texts) if text]
    if filled:
        first, last = filled[0], filled[-1]
        if _continues_cluster(texts[first][0]):
            texts[first] = texts[first].lstrip("".join(c for c in texts[first][:8] if _continues_cluster(c)))
        while texts[last] and _ends_open(texts[last]):
            texts[last] = _drop_last_cluster(texts[last])
    out: list[str] = [_escaped(texts[0])]
    is_open = False
    for mark, text in zip(pieces[1::2], texts[1:], strict=True):
        if (mark == MARK_OPEN) != is_open:  # an opening mark when closed, a closing one when open
            out.append(mark)
            is_open = not is_open
        out.append(_escaped(text))
    if is_open:
        out.append(MARK_CLOSE)
    # Safe: every text piece went through _escaped() above; the only tags are our own <mark> pairs.
    return Markup("".join(out).replace(MARK_OPEN + MARK_CLOSE, ""))  # noqa: S704


def plain_snippet(text: str, limit: int = SNIPPET_CHARS) -> Markup:
    """The start of ``text`` (escaped), cut at a word boundary, never inside a grapheme cluster."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return escape(text)
    words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    head = _prefix_at_boundary(text, limit, words)
    if len(head) < limit // 2:  # one very long "word": cut at a cluster boundary instead
        head = _prefix_at_boundary(text, limit, _clusters())
    return escape(head.rstrip() + " " + ELLIPSIS)


def join_fragments(fragments: list[str]) -> Markup:
    """Several highlighted fragments as one snippet, separated by ellipses."""
    cleaned = [clean_fragment(f) for f in fragments]
    # Safe: each piece is a clean fragment; a plain join spares Markup.join re-escaping them one by one.
    return Markup(" … ".join(c for c in cleaned if c.strip()))  # noqa: S704
