"""Token filters run over many terms at once: the terms joined by line breaks, one call for them all.

An ingest meets tens of new words per article, and each goes through about a hundred filter steps; one
Python call per word and step was most of the cost of analysing them. A step that never reads or
writes across a line break can instead run once over the whole batch, ``"\\n".join(terms)``, and give
each term exactly the result it gives alone, because a term never holds a line break (the tokenizer
splits on whitespace). That holds for character-by-character steps (digits, Unicode normalization) by
construction; for ICU transforms, whose rules read within a run of one script, which a line break ends
(the tests compare every step, batched and alone, on the words of the samples and seeds); and for
regular expressions once rewritten so that nothing in them can match the line break (``line_bounded``).
Every batch is checked to come back with as many lines as it went in with, else it runs term by term:
a term that does hold a line break costs speed, not correctness.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _compiler, _parser  # re's own parser: the pattern as a tree
from re import _constants as sre

TokenFilter = Callable[[str], "str | None"]
# Many non-empty terms to their results, in order ("" or None where a term is dropped).
BatchFilter = Callable[[list[str]], "list[str | None]"]

LINE = "\n"
_NEWLINE = ord(LINE)
# Terms per call: ICU transforms slow down on long texts (each replacement moves the rest of the text),
# 2-3 times per term at 20,000 terms against 50 to 2,000.
_LINES_PER_CALL = 1000


def per_term(apply: TokenFilter) -> BatchFilter:
    """The batch form of a filter that has to see each term on its own (stop words, lengths, stems)."""
    return lambda terms: [apply(term) for term in terms]


def over_lines(apply_text: Callable[[str], str], apply: TokenFilter | None = None) -> BatchFilter:
    """The batch form of ``apply``, given ``apply_text`` doing the same to text of several lines without
    looking across a line break (by default ``apply`` itself does). A result with a line more or less
    runs ``apply`` term by term."""
    apply = apply or apply_text

    def run_lines(terms: list[str]) -> list[str | None]:
        if len(terms) == 1:
            return [apply(terms[0])]
        lines = apply_text(LINE.join(terms)).split(LINE)
        return lines if len(lines) == len(terms) else [apply(term) for term in terms]

    def run(terms: list[str]) -> list[str | None]:
        if len(terms) <= _LINES_PER_CALL:
            return run_lines(terms)
        pieces = (terms[i : i + _LINES_PER_CALL] for i in range(0, len(terms), _LINES_PER_CALL))
        return [out for piece in pieces for out in run_lines(piece)]

    return run


class _Unsupported(Exception):
    """A construct ``line_bounded`` does not know how to keep inside one line."""


def line_bounded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` rewritten so that on lines joined by line breaks it finds, in each line, exactly what it
    finds in that line alone; None when the pattern uses something this cannot rewrite.

    Nothing may match the line break itself, so every class or ``.`` that could is narrowed to leave it
    out (a term never holds one: the same matches within a term). Then a lookaround at the edge of a
    line sees a character that none of its parts matches, which is what it sees at the edge of a lone
    term, nothing; ``\\b`` sees a non-word character either way; and ``^`` and ``$`` are made to match at
    line edges (MULTILINE), as ``\\A`` and ``\\Z`` become.
    """
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        _bound(parsed)
        return _compiler.compile(parsed, parsed.state.flags | re.MULTILINE)
    except (_Unsupported, re.error):
        return None


_GROUPS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ANCHORS = {sre.AT_BEGINNING_STRING: sre.AT_BEGINNING, sre.AT_END_STRING: sre.AT_END}
_SAFE_ANCHORS = frozenset({sre.AT_BEGINNING, sre.AT_END, sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY})


def _bound(parsed: _parser.SubPattern) -> None:
    """Rewrite ``parsed`` in place (see ``line_bounded``)."""
    items = parsed.data
    for i, (op, av) in enumerate(items):
        if op is sre.LITERAL:
            if av == _NEWLINE:  # never matches in a term: nothing to keep it from matching between
                raise _Unsupported("a literal line break")
        elif op is sre.NOT_LITERAL:
            items[i] = (sre.IN, [(sre.NEGATE, None), (sre.LITERAL, av), (sre.LITERAL, _NEWLINE)])
        elif op is sre.ANY:
            items[i] = (sre.NOT_LITERAL, _NEWLINE)
        elif op is sre.IN:
            if av and av[0][0] is sre.NEGATE:
                av.append((sre.LITERAL, _NEWLINE))
            elif _matches_line_break(parsed.state, av):
                raise _Unsupported("a class holding the line break")
        elif op is sre.AT:
            if av in _ANCHORS:
                items[i] = (sre.AT, _ANCHORS[av])
            elif av not in _SAFE_ANCHORS:
                raise _Unsupported(f"anchor {av}")
        elif op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:  # a scoped (?-m:...) would undo MULTILINE
                raise _Unsupported("scoped flags")
            _bound(sub)
        elif op in _GROUPS:
            _bound(av[2])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _bound(av[1])
        elif op is sre.ATOMIC_GROUP:
            _bound(av)
        elif op is sre.BRANCH:
            for branch in av[1]:
                _bound(branch)
        elif op is sre.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    _bound(branch)
        elif op is not sre.GROUPREF:  # a group's text holds no line break, so neither does its repeat
            raise _Unsupported(f"{op}")


def _matches_line_break(state: _parser.State, items: list) -> bool:
    """Whether a (not negated) character class matches the line break, asked of the class alone."""
    alone = _parser.SubPattern(state, [(sre.IN, items)])
    return _compiler.compile(alone, state.flags).match(LINE) is not None
