"""The analyzers of ``index_mappings/articles.json`` run in Python: char filters, ICU word segmentation,
then each analyzer's token filters; every token keeps its offsets in the original text.

Speed: the text is segmented once for all analyzers that share char filters (all of ours do), and the
token filters run once per distinct word and analyzer (a cache), because ICU transforms are slow and news
text repeats its words a lot; a text's new words go through the filters together, one call per step for
all of them (``batching``).
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import NamedTuple

import icu

from search_app.analysis.batching import BatchFilter
from search_app.analysis.rules import CharFilter, analyzer_rules
from search_app.analysis.token_filters import Step, token_filter_steps

# The analyzers the text fields are indexed with (the skeleton of a word goes to one of two fields,
# by the word's script).
ANALYZERS: tuple[str, ...] = ("indic_text", "latin_text", "skeleton_latin_words", "skeleton_nonlatin_words")

# ICU word break rule status: below 100 is spaces and punctuation; numbers, letters, kana, ideographs above.
_WORD_STATUS_MIN = 100
# Scripts that never start a new token when they change (digits, punctuation, combining marks).
_NEUTRAL_SCRIPTS = frozenset({icu.UScriptCode.COMMON, icu.UScriptCode.INHERITED})

_local = threading.local()  # ICU break iterators hold state: one per thread
_CHUNK = re.compile(r"\S+")
_INDEX_CACHE: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}
_INDEX_CACHE_SIZE = 1 << 18  # chunks; cleared when full (about 60 MB)
_WORD_CACHE: dict[tuple[str, ...], dict[str, tuple[str | None, ...]]] = {}
_WORD_CACHE_SIZE = 1 << 18  # words; cleared when full


class Token(NamedTuple):
    """One analysed term with its place in the original text."""

    text: str
    start: int  # offset of its first character in the original text
    end: int  # offset after its last character
    position: int  # index of the word in the text (gaps where stop words were)


class Word(NamedTuple):
    """One segment of the text the tokenizer keeps, before token filters."""

    text: str
    start: int
    end: int


class _OffsetLayer:
    """Maps offsets in a char-filtered text back to the text before that filter."""

    def __init__(self) -> None:
        self.positions: list[int] = []  # filtered offsets where the correction changes
        self.deltas: list[int] = []  # correction to add from that offset on

    def correct(self, offset: int) -> int:
        i = bisect.bisect_right(self.positions, offset) - 1
        return offset + self.deltas[i] if i >= 0 else offset


def _apply_char_filter(char_filter: CharFilter, text: str) -> tuple[str, _OffsetLayer | None]:
    matches = list(char_filter.pattern.finditer(text))
    if not matches:
        return text, None
    # Match.expand parses its template on every call (Python 3.11): skip it for a plain replacement.
    literal = "\\" not in char_filter.replacement
    layer = _OffsetLayer()
    pieces: list[str] = []
    delta = 0
    last = 0
    out_len = 0
    for match in matches:
        pieces.append(text[last : match.start()])
        out_len += match.start() - last
        replacement = char_filter.replacement if literal else match.expand(char_filter.replacement)
        pieces.append(replacement)
        out_len += len(replacement)
        delta += (match.end() - match.start()) - len(replacement)
        layer.positions.append(out_len)
        layer.deltas.append(delta)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), layer


def _break_iterator() -> icu.BreakIterator:
    iterator = getattr(_local, "words", None)
    if iterator is None:
        iterator = _local.words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return iterator


@cache
def _script(ch: str) -> int:
    """The ICU script code of one character (a few hundred distinct ones in a corpus: cached)."""
    return icu.Script.getScript(ord(ch)).getScriptCode()


def _script_runs(word: str) -> list[tuple[int, int]]:
    """Split a segment where its script changes (``लवरोवSCO``: two words), like Lucene's ICU tokenizer."""
    runs: list[tuple[int, int]] = []
    start, current = 0, None
    for i, script in enumerate(map(_script, word)):
        if script in _NEUTRAL_SCRIPTS:
            continue
        if current is not None and script != current:
            runs.append((start, i))
            start = i
        current = script
    runs.append((start, len(word)))
    return runs


@lru_cache(maxsize=1 << 18)
def _chunk_words(chunk: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of the words in one whitespace-free chunk: ICU word boundaries, then script runs.

    Words never span whitespace under the Unicode word-break rules, so segmenting each chunk on its own
    gives the same words as segmenting the whole text, and chunks repeat enough to be worth caching.
    """
    iterator = _break_iterator()
    iterator.setText(chunk)
    spans: list[tuple[int, int]] = []
    start = iterator.first()
    for end in iterator:
        if iterator.getRuleStatus() >= _WORD_STATUS_MIN:
            word = chunk[start:end]
            if word.isascii():  # one script
                spans.append((start, end))
            else:
                spans.extend((start + a, start + b) for a, b in _script_runs(word))
        start = end
    return tuple(spans)


@cache
def shared_char_filters(analyzers: tuple[str, ...]) -> tuple[CharFilter, ...]:
    """The char filters every one of ``analyzers`` applies (all of the mapping's share them): the words
    of a text are then the same for each, and one pass finds them all."""
    char_filters = {analyzer_rules(a).char_filters for a in analyzers}
    if len(char_filters) != 1:
        raise ValueError(f"analyzers {analyzers} do not share their char filters")
    return char_filters.pop()


@lru_cache(maxsize=1024)  # highlighting sees the same popular hits again and again
def _char_filtered(text: str, char_filters: tuple[CharFilter, ...]) -> tuple[str, tuple[_OffsetLayer, ...]]:
    layers: list[_OffsetLayer] = []
    for char_filter in char_filters:
        text, layer = _apply_char_filter(char_filter, text)
        if layer is not None:
            layers.append(layer)
    return text, tuple(reversed(layers))


def segment(text: str, char_filters: tuple[CharFilter, ...] = ()) -> list[Word]:
    """The words of ``text`` after ``char_filters`` (ICU word boundaries, then script changes), each with
    its offsets in the original ``text``."""
    filtered, layers = _char_filtered(text, char_filters)

    def original(offset: int) -> int:
        for layer in layers:
            offset = layer.correct(offset)
        return offset

    words: list[Word] = []
    for chunk in _CHUNK.finditer(filtered):
        base = chunk.start()
        for a, b in _chunk_words(chunk.group()):
            a, b = base + a, base + b
            words.append(
                Word(filtered[a:b], original(a), original(b)) if layers else Word(filtered[a:b], a, b)
            )
    return words


def clear_word_caches() -> None:
    """Forget every analysed word and chunk, as in a fresh process (benchmarks of a cold analysis)."""
    for table in (_INDEX_CACHE, _FIND_CACHE, _WORD_CACHE):
        table.clear()
    for cached in (_chunk_words, _char_filtered, _distinct_chunks):
        cached.cache_clear()


def known_words() -> int:
    """How many (word, analyzer group) analyses the word cache holds."""
    return sum(map(len, _WORD_CACHE.values()))


def _analysed_chunks(
    chunks: Iterable[str], analyzers: tuple[str, ...]
) -> tuple[dict[str, list[str]], dict[str, tuple[str | None, ...]]]:
    """Each chunk's words, and every one of those words' terms: the chunks' new words analysed together."""
    words = {chunk: [chunk[a:b] for a, b in _chunk_words(chunk)] for chunk in chunks}
    return words, analyze_many(itertools.chain.from_iterable(words.values()), analyzers)


def _chunks_terms(chunks: Iterable[str], analyzers: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Per chunk, per analyzer, the space-joined terms of the chunk's words ("" for none); ``index_terms``
    caches them."""
    words, analysed = _analysed_chunks(chunks, analyzers)
    empty = ("",) * len(analyzers)

    def joined(chunk_words: list[str]) -> tuple[str, ...]:
        columns = zip(*map(analysed.get, chunk_words), strict=True)
        return tuple(" ".join(filter(None, column)) for column in columns) if chunk_words else empty

    return {chunk: joined(chunk_words) for chunk, chunk_words in words.items()}


def index_terms(text: str, analyzers: tuple[str, ...] = ANALYZERS) -> dict[str, str]:
    """Per analyzer, the terms of ``text`` joined by spaces: what the index stores, without offsets.

    The fast path for indexing: cached per whitespace-separated chunk, no token objects. Every analyzer
    in ``analyzers`` must share the same char filters (all of the mapping's do).
    """
    filtered = text
    for char_filter in shared_char_filters(analyzers):
        filtered = char_filter.pattern.sub(char_filter.replacement, filtered)
    # A plain dict: this runs once per word of every indexed article.
    cache = _INDEX_CACHE.setdefault(analyzers, {})
    if len(cache) > _INDEX_CACHE_SIZE:
        cache.clear()
    chunks = filtered.split()
    cache.update(_chunks_terms(set(chunks).difference(cache), analyzers))
    try:
        rows = list(map(cache.__getitem__, chunks))
    except KeyError:  # another thread emptied the cache meanwhile
        rows = list(map(_chunks_terms(set(chunks), analyzers).__getitem__, chunks))
    columns = zip(*rows, strict=True) if rows else ((),) * len(analyzers)
    return {
        analyzer: " ".join(filter(None, column)) for analyzer, column in zip(analyzers, columns, strict=True)
    }


ChunkAnalysis = tuple[frozenset[str], tuple[tuple[int, int, tuple[str | None, ...]], ...]]


def _chunk_analysis(chunk: str, analysed: dict[str, tuple[str | None, ...]]) -> ChunkAnalysis:
    """All terms of one chunk (for the holders table) and, per word, its span and terms (from
    ``analysed``). Not cached on its own: find_words' tables keep every result."""
    words = tuple((a, b, analysed[chunk[a:b]]) for a, b in _chunk_words(chunk))
    every = frozenset(t for _, _, terms in words for t in terms if t is not None)
    return every, words


class _FindTables(NamedTuple):
    """What find_words knows, per analyzer group. Replaced by new tables when full, never emptied in
    place, so a search in another thread keeps analyses and holders consistent (only ``learnt`` is
    cleared in place: a text missing from it is just checked again)."""

    analyses: dict[str, ChunkAnalysis]  # every chunk analysed so far
    holders: dict[str, set[str]]  # term -> the analysed chunks that hold it
    learnt: set[str]  # (char-filtered) texts whose every chunk is analysed


_FIND_CACHE: dict[tuple[str, ...], _FindTables] = {}
_FIND_CACHE_SIZE = 1 << 16  # chunks; replaced by empty tables when full
_LEARNT_TEXTS = 4096  # forgotten when more: each is checked again, once


def _find_tables(analyzers: tuple[str, ...]) -> _FindTables:
    tables = _FIND_CACHE.get(analyzers)
    if tables is None or len(tables.analyses) > _FIND_CACHE_SIZE:
        tables = _FIND_CACHE[analyzers] = _FindTables({}, {}, set())
    elif len(tables.learnt) > _LEARNT_TEXTS:
        tables.learnt.clear()
    return tables


def _learn(chunks: Iterable[str], analyzers: tuple[str, ...], tables: _FindTables) -> None:
    words, analysed = _analysed_chunks(chunks, analyzers)
    for chunk in words:
        analysis = tables.analyses[chunk] = _chunk_analysis(chunk, analysed)
        for term in analysis[0]:
            tables.holders.setdefault(term, set()).add(chunk)


@lru_cache(maxsize=1024)  # the texts of _char_filtered's cache
def _distinct_chunks(filtered: str) -> frozenset[str]:
    return frozenset(filtered.split())


def _whole_chunks(text: str, chunk: str) -> list[int]:
    """The offsets of every whole whitespace-delimited occurrence of ``chunk`` in ``text``."""
    found: list[int] = []
    position = text.find(chunk)
    while position >= 0:
        after = position + len(chunk)
        if (position == 0 or text[position - 1].isspace()) and (after == len(text) or text[after].isspace()):
            found.append(position)
            position = text.find(chunk, after)
        else:
            position = text.find(chunk, position + 1)
    return found


def find_words(
    text: str,
    accept: Callable[[tuple[str | None, ...]], bool],
    candidates: frozenset[str] | None = None,
    analyzers: tuple[str, ...] = ANALYZERS,
    stop_after: int | None = None,
    with_terms: bool = False,
) -> list[tuple[int, int]] | list[tuple[int, int, tuple[str | None, ...]]]:
    """Offsets in ``text`` of the words whose terms (one per analyzer, None if dropped) ``accept`` takes.

    ``candidates``, when given, lets chunks without any of those terms be skipped unread: this is what
    makes highlighting a page of long articles cheap. ``stop_after`` keeps only the words that start at
    most that many characters past the first one found (a snippet needs the first matches, not all).
    ``with_terms``: each word's offsets come with its terms (start, end, terms).
    """
    filtered, layers = _char_filtered(text, shared_char_filters(analyzers))

    def original(offset: int) -> int:
        for layer in layers:
            offset = layer.correct(offset)
        return offset

    # Highlighting runs this on every hit's body (about 500 chunks in a 3 KB article), so no Python code
    # runs per chunk: the text's distinct chunks are a set (cached with the text), its unknown chunks the
    # set minus the analysed ones (once per text), and the chunks worth a look its intersection with the
    # candidates' holders. Only the chunks holding an accepted word are then located, with str.find. A
    # Python loop over every chunk, with a dict lookup each, was most of an uncached search's
    # highlighting.
    tables = _find_tables(analyzers)
    distinct = _distinct_chunks(filtered)
    if filtered not in tables.learnt:
        _learn(distinct.difference(tables.analyses), analyzers, tables)
        tables.learnt.add(filtered)
    if candidates is None:
        looked_at = distinct
    else:
        holders = tables.holders
        looked_at = frozenset().union(*(distinct.intersection(holders.get(t, ())) for t in candidates))
    found: list[tuple[int, tuple[tuple[int, int], ...]]] = []
    for chunk in looked_at:
        words = tables.analyses[chunk][1]
        accepted = tuple(word for word in words if accept(word[2]))
        if accepted:
            found.extend((base, accepted) for base in _whole_chunks(filtered, chunk))
    found.sort()
    spans: list = []
    limit = len(filtered)
    for base, accepted in found:
        if base > limit:
            break
        if not spans and stop_after is not None:
            limit = base + accepted[0][0] + stop_after
        if with_terms:
            spans.extend((original(base + a), original(base + b), terms) for a, b, terms in accepted)
        else:
            spans.extend((original(base + a), original(base + b)) for a, b, _ in accepted)
    return spans


class _Node:
    """A node of the analyzers' shared filter tree: one filter step, then what follows it."""

    __slots__ = ("children", "ends", "step")

    def __init__(self, step: Step) -> None:
        self.step = step
        self.children: list[_Node] = []
        self.ends: list[int] = []  # analyzers (by index) whose chain ends with this step


@cache
def _step_tree(analyzers: tuple[str, ...]) -> tuple[tuple[_Node, ...], tuple[int, ...]]:
    """The analyzers' token filter chains merged into a tree, so that steps they begin with alike
    (nfkc_cf and decimal_digit for all of ours, the Any-Latin transform for two) run once per word.
    Also the analyzers without any filter."""
    roots: list[_Node] = []
    bare: list[int] = []
    for index, analyzer in enumerate(analyzers):
        level, node = roots, None
        for name in analyzer_rules(analyzer).filters:
            for step in token_filter_steps(name):
                node = next((n for n in level if n.step.key == step.key), None)
                if node is None:
                    node = _Node(step)
                    level.append(node)
                level = node.children
        if node is None:
            bare.append(index)
        else:
            node.ends.append(index)
    return tuple(roots), tuple(bare)


# One step of a flattened filter tree: the step over many terms, the register holding its input (0: the
# words; i + 1: the output of step i), and the analyzers (by index) whose chain ends with it.
_Op = tuple[BatchFilter, int, tuple[int, ...]]


@cache
def _program(analyzers: tuple[str, ...]) -> tuple[tuple[_Op, ...], tuple[int, ...]]:
    """The step tree of ``analyzers`` as a flat list of steps, each after the step it reads from, and the
    analyzers without any filter."""
    roots, bare = _step_tree(analyzers)
    ops: list[_Op] = []
    pending = [(node, 0) for node in reversed(roots)]
    while pending:
        node, source = pending.pop()
        ops.append((node.step.batch, source, tuple(node.ends)))
        register = len(ops)
        pending.extend((child, register) for child in reversed(node.children))
    return tuple(ops), bare


def _analyze_batch(words: list[str], analyzers: tuple[str, ...]) -> list[tuple[str | None, ...]]:
    """The terms each of ``analyzers`` makes of each word: every step runs once over the column of the
    terms it gets (a step whose input was dropped, a stop word or a too short one, drops it too)."""
    program, bare = _program(analyzers)
    registers: list[list[str | None]] = [words]
    # Every analyzer is bare or ends at a step below, which sets its column.
    columns = [words if index in bare else [] for index in range(len(analyzers))]
    for batch, source, ends in program:
        column = registers[source]
        live = [term for term in column if term]
        if len(live) == len(column):
            result = batch(live)
        elif live:
            results = iter(batch(live))
            result = [next(results) if term else None for term in column]
        else:
            result = column
        registers.append(result)
        for index in ends:
            columns[index] = result
    return [tuple(term or None for term in row) for row in zip(*columns, strict=True)]


def _word_cache(analyzers: tuple[str, ...]) -> dict[str, tuple[str | None, ...]]:
    cache = _WORD_CACHE.setdefault(analyzers, {})
    if len(cache) > _WORD_CACHE_SIZE:
        cache.clear()
    return cache


def analyze_many(words: Iterable[str], analyzers: tuple[str, ...]) -> dict[str, tuple[str | None, ...]]:
    """Each distinct word of ``words`` with the term each of ``analyzers`` makes of it (None where it
    drops it); the words not analysed before go through the filters together."""
    cache = _word_cache(analyzers)
    found: dict[str, tuple[str | None, ...]] = {}
    new: list[str] = []
    for word in set(words):
        terms = cache.get(word)
        if terms is None:
            new.append(word)
        else:
            found[word] = terms
    if new:
        fresh = dict(zip(new, _analyze_batch(new, analyzers), strict=True))
        cache.update(fresh)
        found.update(fresh)
    return found


def analyze_words(word: str, analyzers: tuple[str, ...]) -> tuple[str | None, ...]:
    """The term each of ``analyzers`` makes of one segmented ``word`` (None where it drops it)."""
    terms = _word_cache(analyzers).get(word)
    return terms if terms is not None else analyze_many((word,), analyzers)[word]


def analyze_word(word: str, analyzer: str) -> str | None:
    """The term ``analyzer``'s token filters make of one segmented ``word``; None when they drop it."""
    return analyze_words(word, (analyzer,))[0]


def analyze_fields(text: str, analyzers: Iterable[str] = ANALYZERS) -> dict[str, list[Token]]:
    """Analyse ``text`` with several analyzers at once (segmenting once per set of char filters)."""
    groups: dict[tuple[CharFilter, ...], list[str]] = {}
    for analyzer in analyzers:
        groups.setdefault(analyzer_rules(analyzer).char_filters, []).append(analyzer)
    result: dict[str, list[Token]] = {}
    for char_filters, names in groups.items():
        group = tuple(names)
        columns: list[list[Token]] = [[] for _ in group]
        words = segment(text, char_filters)
        analysed = analyze_many((word.text for word in words), group)
        for position, word in enumerate(words):
            for column, term in zip(columns, analysed[word.text], strict=True):
                if term is not None:
                    column.append(Token(term, word.start, word.end, position))
        result.update(zip(group, columns, strict=True))
    return result


def analyze(text: str, analyzer: str = "indic_text") -> list[Token]:
    """The tokens of ``text`` under one analyzer of the mapping."""
    return analyze_fields(text, (analyzer,))[analyzer]


def terms(text: str, analyzer: str = "indic_text") -> list[str]:
    """Just the analysed terms of ``text``, in order."""
    return [token.text for token in analyze(text, analyzer)]
