"""Highlighted snippets for the embedded engine, computed from the original text.

The text is analysed again (cached per word, so this is cheap) to find the tokens a query matched, with
their offsets in the original; the best window of about FRAGMENT_CHARS characters around them is cut at
ICU word boundaries (never inside a grapheme cluster of an Indic script), everything is HTML-escaped and
only the matches are wrapped in MARK_OPEN/MARK_CLOSE. The result is cached per text and query
(HIGHLIGHT_CACHE): reading a long body chunk by chunk in Python is the costly part, and the same hits
come back with the next page, the same query again or a toggled filter.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable
from functools import lru_cache

import icu

from search_app.analysis import ANALYZERS
from search_app.analysis.chain import find_words
from search_app.engines.base import MARK_CLOSE, MARK_OPEN
from search_app.engines.embedded_query import MatchTerms, PhraseWord
from search_app.engines.query_terms import indic_key
from search_app.engines.skeleton_guard import GUARDED_ANALYZER

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 2

_local = threading.local()


def _word_breaks() -> icu.BreakIterator:
    iterator = getattr(_local, "words", None)
    if iterator is None:
        iterator = _local.words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return iterator


@lru_cache(maxsize=1 << 16)
def _within_edits(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance (with transpositions) of a and b is at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


# What a query highlights, as a hashable key: the analysed terms per analyzer, the fuzzy terms, the
# phrases' words, the skeleton guards (skeleton term, pattern) and the prefixes per analyzer.
MatchKey = tuple[
    tuple[frozenset[str], ...],
    tuple[tuple[str, int], ...],
    tuple[tuple[PhraseWord, ...], ...],
    tuple[tuple[str, str], ...],
    tuple[frozenset[str], ...],
]
# Highlights of recent (text, query) pairs: the next page, the same query again or a toggled filter show
# many of the same hits, and finding the words of a long body is the costly part of a search. Each
# entry keeps its text alive (about 8 MB for 1,024 articles of 4 KB), like _char_filtered's cache.
HIGHLIGHT_CACHE = 1024
# Between two words of a phrase only stop words may stand (the phrase's terms leave them out too); a
# longer stretch of text is never only that.
MAX_PHRASE_GAP = 40
_WORD_CHARACTER = re.compile(r"\w")


def _key(matches: MatchTerms) -> MatchKey:
    terms = tuple(frozenset(matches.terms[analyzer]) for analyzer in ANALYZERS)
    guards = tuple(sorted((term, guard) for term, guard in matches.guards.items() if guard is not None))
    prefixes = tuple(frozenset(matches.prefixes[analyzer]) for analyzer in ANALYZERS)
    return terms, tuple(matches.fuzzy), tuple(matches.phrase_words), guards, prefixes


@lru_cache(maxsize=64)
def _acceptor(
    wanted: tuple[frozenset[str], ...],
    fuzzy: tuple[tuple[str, int], ...],
    guards: tuple[tuple[str, str], ...] = (),
    prefixes: tuple[frozenset[str], ...] = (),
) -> Callable[[tuple[str | None, ...]], bool]:
    indic, latin = ANALYZERS.index("indic_text"), ANALYZERS.index("latin_text")
    # A word matched by a guarded skeleton only is marked where its Latin reading passes the guard (the
    # index asks that of the article): Musk marks मस्क, not मास्को beside it.
    guarded, patterns = ANALYZERS.index(GUARDED_ANALYZER), {t: re.compile(p) for t, p in guards}
    starts = tuple(tuple(found) for found in prefixes)

    def accept(terms: tuple[str | None, ...]) -> bool:
        for i, term in enumerate(terms):
            if term is None:
                continue
            if term in wanted[i]:
                if i == guarded and term in patterns:
                    reading = terms[latin]
                    if reading is None or not patterns[term].fullmatch(reading):
                        continue
                return True
            if starts and starts[i] and term.startswith(starts[i]):
                return True
        term = terms[indic]
        return term is not None and any(_within_edits(term, t, limit) for t, limit in fuzzy)

    return accept


def _next_to(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Nothing but spaces, punctuation or stop words stands between the two words."""
    gap = text[first[1] : second[0]]
    if not _WORD_CHARACTER.search(gap):
        return True
    return len(gap) <= MAX_PHRASE_GAP and not indic_key(gap)


def _phrase_spans(text: str, phrases: tuple[tuple[PhraseWord, ...], ...]) -> list[tuple[int, int]]:
    """The words of ``text`` where a phrase's words follow each other, in order: a phrase's word
    elsewhere is no match of the query (the index's phrase query does not take it either)."""
    # One pass over the text for the words of all the phrases, each word then told by its terms.
    wanted = tuple(
        frozenset().union(*found)
        for found in zip(*(word.terms for phrase in phrases for word in phrase), strict=True)
    )
    words = find_words(text, _acceptor(wanted, ()), frozenset().union(*wanted), with_terms=True)
    kept: list[tuple[int, int]] = []
    for phrase in phrases:
        kept += _phrase_runs(text, phrase, words)
    return kept


def _phrase_runs(
    text: str, phrase: tuple[PhraseWord, ...], words: list[tuple[int, int, tuple[str | None, ...]]]
) -> list[tuple[int, int]]:
    """Of ``words`` (offsets and terms of the words of ``text`` that some phrase has), those where the
    words of ``phrase`` follow each other."""
    found: dict[tuple[int, int], set[int]] = {}  # a word's offsets -> the phrase's words it is
    for start, end, terms in words:
        if indices := {
            index
            for index, word in enumerate(phrase)
            if any(term is not None and term in word.terms[i] for i, term in enumerate(terms))
        }:
            found.setdefault((start, end), set()).update(indices)
    spans = sorted(found)
    last = len(phrase) - 1
    kept: list[tuple[int, int]] = []
    for first, span in enumerate(spans):
        if 0 not in found[span]:
            continue
        run, word = [first], 0
        while run[-1] + 1 < len(spans) and _next_to(text, spans[run[-1]], spans[run[-1] + 1]):
            following = found[spans[run[-1] + 1]]
            if word < last and word + 1 in following:
                word += 1
            elif not (phrase[word].several and word in following):  # COVID-19 is two words
                break
            run.append(run[-1] + 1)
        if word == last:
            kept.extend(spans[i] for i in run)
    return kept


def _spans(text: str, key: MatchKey, stop_after: int | None) -> list[tuple[int, int]]:
    wanted, fuzzy, phrases, guards, prefixes = key
    found: set[tuple[int, int]] = set()
    if fuzzy or any(wanted) or any(prefixes):
        # Without fuzzy terms or prefixes, only chunks holding one of the query's terms need a closer look.
        candidates = None if fuzzy or any(prefixes) else frozenset().union(*wanted)
        accept = _acceptor(wanted, fuzzy, guards, prefixes)
        found.update(find_words(text, accept, candidates, stop_after=stop_after))
    if phrases:
        found.update(_phrase_spans(text, phrases))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def matched_spans(text: str, matches: MatchTerms, stop_after: int | None = None) -> list[tuple[int, int]]:
    """Offsets (start, end) in ``text`` of the words the query matched, in order, without overlaps;
    with ``stop_after``, only those up to that many characters past the first match."""
    if matches.is_empty:
        return []
    return _spans(text, _key(matches), stop_after)


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` HTML-escaped, with the spans inside it wrapped in marks."""
    end = len(text) if end is None else end
    out: list[str] = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(html.escape(text[position:span_start]))
        out.append(MARK_OPEN + html.escape(text[span_start:span_end]) + MARK_CLOSE)
        position = span_end
    out.append(html.escape(text[position:end]))
    return "".join(out).strip()


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` moved back and ``end`` forward to the nearest word boundaries, which are never inside
    a word or a grapheme cluster."""
    breaks = _word_breaks()
    breaks.setText(text)
    if start > 0 and not breaks.isBoundary(start):
        start = max(breaks.preceding(start), 0)
    if end < len(text) and not breaks.isBoundary(end):
        following = breaks.following(end)
        end = following if following != icu.BreakIterator.DONE else len(text)
    return start, end


def _best_window(spans: list[tuple[int, int]], text: str, width: int) -> tuple[int, int]:
    """The window of ``width`` characters holding the most distinct matched words (then the most matches)."""
    best = (-1, -1)
    best_range = (0, 0)
    j = 0
    for i, (first_start, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] - first_start <= width:
            j += 1
        inside = spans[i : j + 1]
        distinct = len({text[s:e].casefold() for s, e in inside})
        score = (distinct, len(inside))
        if score > best:
            best, best_range = score, (i, j)
    i, j = best_range
    chosen = spans[i : j + 1]
    first, last = chosen[0][0], chosen[-1][1]
    slack = max(width - (last - first), 0)
    # A third of the spare room before the matches, the rest after; shifted back at the end of the text.
    start = max(min(first - slack // 3, len(text) - width), 0)
    end = min(max(start + width, last), len(text))
    return _snap(text, start, end)


def snippets(
    text: str,
    matches: MatchTerms,
    width: int = FRAGMENT_CHARS,
    limit: int = MAX_FRAGMENTS,
    cached: bool = True,
) -> list[str]:
    """Up to ``limit`` escaped fragments of ``text`` around its matches (best first); the escaped
    opening of the text when nothing matched. ``cached=False`` neither reads nor fills the cache."""
    if not text:
        return []
    if matches.is_empty:
        return [opening(text, width)]
    compute = _snippets if cached else _snippets.__wrapped__
    return list(compute(text, _key(matches), width, limit))


@lru_cache(maxsize=HIGHLIGHT_CACHE)
def _snippets(text: str, key: MatchKey, width: int, limit: int) -> tuple[str, ...]:
    # Room for every fragment after the first match: enough to choose well, without reading it all.
    spans = _spans(text, key, stop_after=width * (limit + 1))
    if not spans:
        return (opening(text, width),)
    fragments: list[tuple[int, str]] = []
    shown: list[tuple[int, int]] = []
    remaining = spans
    while remaining and len(fragments) < limit:
        start, end = _apart(_best_window(remaining, text, width), shown)
        if start >= end:
            break
        fragments.append((start, mark(text, spans, start, end)))
        shown.append((start, end))
        remaining = [s for s in remaining if s[1] <= start or s[0] >= end]
    return tuple(fragment for _, fragment in fragments)


def _apart(window: tuple[int, int], shown: list[tuple[int, int]]) -> tuple[int, int]:
    """``window`` cut back where it runs into a fragment already shown, so no text is shown twice (the
    fragments' edges are word boundaries already)."""
    start, end = window
    for shown_start, shown_end in shown:
        if start < shown_end and end > shown_start:
            if start < shown_start:
                end = shown_start
            else:
                start = shown_end
    return start, end


def highlight_whole(text: str, matches: MatchTerms, cached: bool = True) -> str:
    """All of ``text`` (a title) escaped, its matches marked."""
    if matches.is_empty:
        return mark(text, [])
    return (_whole if cached else _whole.__wrapped__)(text, _key(matches))


@lru_cache(maxsize=HIGHLIGHT_CACHE)
def _whole(text: str, key: MatchKey) -> str:
    return mark(text, _spans(text, key, None))


def opening(text: str, width: int = FRAGMENT_CHARS) -> str:
    """The escaped first ``width`` characters of ``text``, cut at a word boundary."""
    if len(text) <= width:
        return html.escape(text).strip()
    _, end = _snap(text, 0, width)
    return html.escape(text[:end]).strip()
