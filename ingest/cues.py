"""The boilerplate cue lists (ingest/data/boilerplate.json), folded and compiled once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ingest.normalize import fold

# Letters and marks of the scripts we read: Python's \w misses Indic vowel signs and Arabic-script
# vowel marks (they are marks, not alphanumerics), so word boundaries are written with this class instead
# of \b. It spans every Indic block from Devanagari to Sinhala (Bengali, Gurmukhi, Gujarati, Odia, Tamil,
# Telugu, Kannada, Malayalam), the dandas they share excluded, and the marks Urdu may write.
WORD = r"\w\u0900-\u0963\u0966-\u0dff\u064b-\u065f\u0670"
WORD_RE = re.compile(f"[{WORD}]+")
# A line ending like a sentence (. ! ? । ॥, Urdu ۔ ؟; closing quotes or brackets may follow the stop).
SENTENCE_END = re.compile("[.!?\u0964\u0965\u06d4\u061f][\"'\u2019\u201d)\\]]*$")


def load_json(name: str) -> dict:
    """A JSON data file shipped in ingest/data."""
    return json.loads(resources.files("ingest.data").joinpath(name).read_text(encoding="utf-8"))


def load_lines(name: str) -> list[str]:
    """A text data file in ingest/data: one entry a line, '#' starts a comment."""
    text = resources.files("ingest.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def phrase_regex(phrases: list[str], *, whole_words: bool = True) -> re.Pattern[str]:
    """One regex finding any of ``phrases`` (folded) in folded text, longest first.

    A phrase must start at a word start; Latin phrases must also end at a word end, while Indic ones may
    run on into a suffix (ક્લિક -> ક્લિક કરો is a separate word, but જોડાવ -> જોડાવો is one).
    """
    folded = sorted({fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    parts = []
    for phrase in folded:
        end = f"(?![{WORD}])" if whole_words and phrase.isascii() else ""
        parts.append(re.escape(phrase) + end)
    return re.compile(f"(?<![{WORD}])(?:{'|'.join(parts)})")


@dataclass(frozen=True)
class Cues:
    whole_line: frozenset[str]
    list_headings: frozenset[str]
    list_max_words: int
    prefix: re.Pattern[str]
    contains: re.Pattern[str]
    promo_platforms: re.Pattern[str]
    promo_actions: re.Pattern[str]
    promo_max_words: int
    promo_short_max_words: int
    promo_reader: re.Pattern[str]
    promo_row_words: re.Pattern[str]
    short_cta: re.Pattern[str]
    short_cta_max_words: int
    agency_credit: re.Pattern[str]
    agency_credit_max_words: int
    counter: re.Pattern[str]
    relative_time: re.Pattern[str]
    time_labels: frozenset[str]
    sections: frozenset[str]
    desk_words: frozenset[str]
    desk_max_words: int
    home: frozenset[str]
    breadcrumb_split: re.Pattern[str]
    byline_cue: re.Pattern[str]
    org_suffix: re.Pattern[str]
    roles: frozenset[str]
    wire_agencies: frozenset[str]
    copyright_mark: re.Pattern[str]
    copyright_reserved: re.Pattern[str]
    sign_off_agencies: frozenset[str]
    sign_off_generic: frozenset[str]
    sign_off_join: re.Pattern[str]
    sign_off_label: re.Pattern[str]
    sign_off_role: re.Pattern[str]
    sign_off_clause_max_words: int
    sign_off_staff_max_words: int


def _longest_first(phrases: list[str]) -> str:
    """A regex alternation of ``phrases`` as written, longest first."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _alternation(phrases: list[str]) -> str:
    """A regex alternation of the folded ``phrases``, longest first (so that the longest one matches)."""
    return "|".join(re.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True))


def _relative_time(data: dict) -> re.Pattern[str]:
    """A line that only says how long ago ("Updated 2 hours ago", "5 घंटे पहले"), on the folded line."""
    labels, units, ago = (_alternation(data[key]) for key in ("labels", "units", "ago"))
    return re.compile(f"^(?:(?:{labels})\\s*[:：\\-–—]?\\s*)?(?:\\d+|an?|one)\\s*(?:{units})\\s+(?:{ago})$")


@cache
def cues() -> Cues:
    """The compiled cue lists (loaded on first use, then shared)."""
    data = load_json("boilerplate.json")
    units = _alternation(data["counter_units"])
    seps = "".join(re.escape(s) for s in data["breadcrumb_separators"])
    byline = data["byline"]
    sign_offs = data["sign_offs"]
    cue_alt, org_alt = _alternation(byline["cues"]), _alternation(byline["org_suffixes"])
    prefix_alt = _alternation(data["prefix"])
    return Cues(
        whole_line=frozenset(fold(p) for p in data["whole_line"]),
        list_headings=frozenset(fold(p) for p in data["list_headings"]["phrases"]),
        list_max_words=int(data["list_headings"]["max_words"]),
        # A hyphen counts as the separator only with a space after it: "Photo - Reuters", "Photo- PTI" are
        # credits, "Photo-finish decided the final" and "Credit-card spending rose" are sentences.
        prefix=re.compile(f"^(?:{prefix_alt})\\s*(?:[:：|–—]|-(?=\\s|$))"),
        contains=phrase_regex(data["contains"], whole_words=False),
        promo_platforms=phrase_regex(data["promo"]["platforms"]),
        promo_actions=phrase_regex(data["promo"]["actions"]),
        promo_max_words=int(data["promo"]["max_words"]),
        promo_short_max_words=int(data["promo"]["short_max_words"]),
        promo_reader=phrase_regex(data["promo"]["reader_words"]),
        promo_row_words=phrase_regex(data["promo"]["row_words"]),
        short_cta=phrase_regex(data["short_cta"]["phrases"]),
        short_cta_max_words=int(data["short_cta"]["max_words"]),
        agency_credit=phrase_regex(data["agency_credits"]["phrases"]),
        agency_credit_max_words=int(data["agency_credits"]["max_words"]),
        # "15", "1,204 views", "2.3k shares": a bare counter left by a page's widgets.
        counter=re.compile(f"^\\d[\\d,.]*\\s*(?:(?:{units})\\s*)*$"),
        relative_time=_relative_time(data["relative_time"]),
        time_labels=frozenset(fold(label) for label in data["relative_time"]["labels"]),
        sections=frozenset(fold(s) for s in data["sections"]),
        desk_words=frozenset(fold(w) for w in data["desks"]["words"]),
        desk_max_words=int(data["desks"]["max_words"]),
        home=frozenset(fold(h) for h in data["home"]),
        breadcrumb_split=re.compile(f"\\s+[{seps}]\\s+"),
        # "लेखक", "By: Jane Doe", "Written by Statecraft Staff"
        byline_cue=re.compile(f"^(?:{cue_alt})(?:\\s*[:：\\-–—]\\s*|\\s+|$)"),
        org_suffix=re.compile(f"^(?P<org>.+?)\\s+(?:{org_alt})$"),
        roles=frozenset(fold(r) for r in byline["roles"]),
        wire_agencies=frozenset(fold(a) for a in data["wire_agencies"]["names"]),
        # On the line as written (the name is taken from it): the marks, any case, and years after them.
        copyright_mark=re.compile(
            "^(?:(?:"
            + "|".join(map(re.escape, data["copyright"]["marks"]))
            + r")\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?",
            re.IGNORECASE,
        ),
        copyright_reserved=re.compile("|".join(map(re.escape, data["copyright"]["reserved"])), re.IGNORECASE),
        sign_off_agencies=frozenset(
            fold(a) for a in data["wire_agencies"]["names"] + sign_offs["agency_words"]
        ),
        sign_off_generic=frozenset(fold(a) for a in sign_offs["agency_words"]),
        # On the line as written: "ANS/PTI", "IANS and ANI", "भाषा और एजेंसी".
        sign_off_join=re.compile(
            f"\\s*[/,&+]\\s*|\\s+(?:{'|'.join(map(re.escape, sign_offs['and_words']))})\\s+", re.IGNORECASE
        ),
        # "इनपुट-एजेंसी", "Inputs: PTI", "Inputs from agencies", on the line as written (what follows must
        # be agencies alone, so a space is separator enough).
        sign_off_label=re.compile(
            f"^(?:{_longest_first(sign_offs['labels'])})(?:\\s*[:：\\-–—]\\s*|\\s+)", re.IGNORECASE
        ),
        # A clause of a desk credit, on the folded line: "reporting by aditi shah in new delhi".
        sign_off_role=re.compile(f"^(?:{_alternation(sign_offs['roles'])})\\s+by\\s+[^\\s]"),
        sign_off_clause_max_words=int(sign_offs["clause_max_words"]),
        sign_off_staff_max_words=int(sign_offs["staff_max_words"]),
    )
