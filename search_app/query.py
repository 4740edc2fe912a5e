"""The query language users type, parsed into a small tree that every engine translates safely.

Grammar (deliberately forgiving: any input parses, nothing reaches an engine as raw query syntax):
  words            all must match (AND)
  "quoted phrase"  the words in this order
  -word, -"phrase" must not match (also NOT word, NOT "phrase")
  a OR b           either (binds tighter than the implicit AND: ``x a OR b`` is ``x AND (a OR b)``)
  word*            the words that begin with it (MIN_PREFIX characters or more; a shorter one, or a * in a
                   phrase, is read as the word)
Unbalanced quotes close at the end of the input; stray operators are ignored, and so is other engines'
syntax on a word (``title:``, ``^2``, ``~1``): the word is still looked for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 500
# A prefix shorter than this would expand to too many words to be of use (and cost the most).
MIN_PREFIX = 3

# A quoted phrase (possibly unterminated) or a bare run of non-space characters, each with an optional "-".
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
# Syntax of other search engines' query languages, dropped from a word so the word is still looked for:
# a field name before it (title:Lavrov), a boost or fuzziness after it (Lavrov^2, Lavrov~1).
_FOREIGN_SYNTAX = re.compile(r"^[A-Za-z_]+:(?=[^/])|[~^][\d.]*$")


class QueryTooLong(ValueError):
    """The query text is longer than MAX_QUERY_LENGTH characters."""


@dataclass(frozen=True)
class Term:
    """One word (``words`` of length 1) or a phrase (several words in order), as the user typed them."""

    words: tuple[str, ...]
    # Typed with a trailing * (``lavr*``): the words that begin with the one word of ``words``.
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    """``groups`` are ANDed together; the terms inside one group are ORed. ``excluded`` must not match."""

    groups: tuple[tuple[Term, ...], ...] = field(default_factory=tuple)
    excluded: tuple[Term, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        """True when nothing positive was asked for (an empty box lists everything)."""
        return not self.groups

    def positive_terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]


def parse_query(text: str) -> ParsedQuery:
    """Parse user input; raises QueryTooLong, never anything else."""
    if text is None:
        text = ""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"query is {len(text)} characters; the limit is {MAX_QUERY_LENGTH}")
    # The encoding ingest stores text in: NFC spells a nukta letter typed precomposed (ड़ as U+095C) as
    # base + nukta, as in the index, so the analyzers' nukta filter sees it.
    text = unicodedata.normalize("NFC", text)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = negate_next = False
    for match in _TOKEN.finditer(text):
        if match.group(2) is not None:
            negative, words = match.group(1), match.group(2).split()
        else:
            negative, raw = match.group(3), match.group(4)
            if raw == "OR" and not negative:
                join_next = bool(groups)
                continue
            if raw == "NOT" and not negative:
                negate_next = True
                continue
            words = [_FOREIGN_SYNTAX.sub("", raw)]
        words = [w for w in (w.strip("\"'()[]{}:;,!?") for w in words) if w]
        prefix = match.group(2) is None and bool(words) and words[0].endswith("*")
        words = [w for w in (w.strip("*") for w in words) if w]
        if not words:
            continue
        term = Term(tuple(words), prefix=prefix and len(words[0]) >= MIN_PREFIX)
        if negative or negate_next:
            negate_next = False
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups and not excluded and text.strip():
        # Something was typed, but only operators and brackets: like a query of stop words it has nothing
        # to find, so it stays a term (that analyses to no words) instead of an empty box listing all.
        groups.append([Term(tuple(text.split()))])
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))
