"""Boilerplate removal: drop the lines a web page adds around an article, keep the article's paragraphs.

Every rule is a general cue from ``ingest/data/boilerplate.json`` (share/follow promos, comment forms,
ad-blocker notices, "back to top", image credits, bare counters), checked on the folded line, plus two
structural rules: lines without a letter are dropped, and a line repeating the line before it is dropped.
"""

from __future__ import annotations

import re

from ingest.cues import SENTENCE_END, WORD, WORD_RE, cues
from ingest.normalize import fold

# What a cue line may carry around the phrase: punctuation and arrows ("Comments:", "↑ Back to Top",
# "Share »"), and a count ("Comments (12)").
_EDGES = re.compile(f"^[^{WORD}]+|(?:[^{WORD}]*\\(?\\d[\\d,.]*[km]?\\)?)?[^{WORD}]*$")
# A promo or notice line that long is a real paragraph that happens to name a platform.
_CONTAINS_MAX_WORDS = 40
# A credit names an agency or a person ("Image source: Twitter के माध्यम से"); more is a headline.
_CREDIT_MAX_WORDS = 4
# Whole-line cues ("Back to top", "टिप्पणियाँ") and bare counters are short; longer lines skip those checks.
_SHORT_LINE = 80
# A site's menu as a line: section names between separators ("Markets | Economy | Opinion",
# "होम • देश • विदेश • खेल"). Four items of up to three words each, or three single words, are a menu;
# fewer or longer items read as a headline ("Budget 2024 | What changed for taxpayers").
_MENU_SPLIT = re.compile(r"\s+[|•·›»>/]\s+|\s*[|•·]\s*")
_MENU_MIN_ITEMS, _MENU_ITEM_WORDS = 4, 3
_CUE_ROW_MAX_WORDS = 6


def boilerplate_reason(line: str) -> str | None:
    """Why ``line`` is boilerplate ("promo", "counter", ...), or None when it is article text."""
    c = cues()
    folded = fold(line).strip()
    words = len(folded.split())
    if words > max(c.promo_max_words, _CONTAINS_MAX_WORDS):
        # A paragraph: only a credit line ("Photo: ...") can be that long and still be furniture.
        return "credit" if c.prefix.match(folded) else None
    if len(folded) <= _SHORT_LINE:
        if c.counter.match(folded.lstrip("·•|–— ")):  # "· 2 min read" after the date
            return "counter"
        if c.relative_time.match(folded.strip("·•|–—.() ")):  # "Updated 2 hours ago"
            return "timestamp"
        if _is_counter_row(folded):  # "Posted · 3 min read", "3 मिनट में पढ़ें | 1.2K शेयर"
            return "counter"
        core = _EDGES.sub("", folded)
        if not any(ch.isalpha() for ch in core):
            return "no text"
        if core in c.whole_line or core in c.list_headings or _is_cue_row(core, c.whole_line):
            return "navigation"
        if words <= c.desk_max_words and core.rsplit(None, 1)[-1] in c.desk_words:
            return "desk"  # "Business Desk", "डिजिटल डेस्क": who wrote it, not what
    elif not any(ch.isalpha() for ch in folded):
        return "no text"
    if c.prefix.match(folded):
        return "credit"
    if words <= c.agency_credit_max_words and c.agency_credit.match(folded.lstrip("-–—([ ")):
        return "credit"
    if _may_sign_off(folded, words) and (sign_off_agencies(line) or is_desk_credit(line)):
        return "sign-off"
    if words <= _CONTAINS_MAX_WORDS and c.contains.search(folded):
        return "notice"
    if words <= c.short_cta_max_words and c.short_cta.search(folded):
        return "promo"
    if words <= c.promo_max_words:
        platforms = len(c.promo_platforms.findall(folded))
        action = c.promo_actions.search(folded) if platforms else None
        # A call to action speaks to the reader; a news sentence about a platform does not.
        if action and (action.start() == 0 or c.promo_reader.search(folded)):
            return "promo"
        if (action or platforms >= 2) and words <= c.promo_short_max_words and _is_button_row(folded):
            return "promo"  # a row of share buttons: "Facebook | X | WhatsApp", "WhatsApp पर फॉलो करें"
    if len(folded) <= _SHORT_LINE and _is_menu(folded):
        return "navigation"
    return None


# A wire credit opens with a dash or sits in brackets: "--IANS", "— AP", "(ANS/PTI)", "-- एजेंसी".
_DASHES = "-–—"
# Names in capitals that may stand beside a known agency ("ANS/PTI"): another agency's initials.
_AGENCY_INITIALS = re.compile(r"^[A-Z]{2,6}$")
# The initials of an agency's desk, on the last line of its story ("vg/arm").
_DESK_INITIALS = re.compile(r"^[a-z]{1,6}(?:/[a-z]{1,6}){1,3}$")
# A credit ending the last paragraph: "... officials said. (PTI)", "... said.--IANS".
_TRAILING_CREDIT = re.compile(
    f"^(?P<text>.*?[.!?\u0964\u0965\"'\u2019\u201d])\\s*(?P<credit>[{_DASHES}]+\\s*[^\\s()][^()]{{0,40}}|\\([^()]{{2,40}}\\))$"
)
# A story ends with this many sign-off lines at most: an agency, a desk credit, the desk's initials.
_MAX_SIGN_OFF_LINES = 3


# An agency credit names a few agencies; a desk credit a few roles and names, each "by" someone.
_AGENCY_CREDIT_MAX_WORDS = 8
_DESK_CREDIT_MAX_CLAUSES = 5


def _may_sign_off(folded: str, words: int) -> bool:
    """A cheap first look (every line of every page goes through it): short, or credits someone "by"."""
    return words <= _AGENCY_CREDIT_MAX_WORDS or (
        " by " in folded and words <= cues().sign_off_clause_max_words * _DESK_CREDIT_MAX_CLAUSES
    )


def sign_off_agencies(line: str, *, at_end: bool = False) -> tuple[str, ...] | None:
    """The agencies a wire sign-off credits, as written ("--IANS" -> ("IANS",), "(ANS/PTI)" -> ("ANS",
    "PTI"), "इनपुट-एजेंसी" -> ("एजेंसी",)), or None for other lines. ``at_end``: the line ends the story,
    where a bare credit ("PTI") and one followed by its staff's initials ("PTI AB CD") sign off too."""
    c = cues()
    text = line.strip()
    if len(text.split()) > _AGENCY_CREDIT_MAX_WORDS:
        return None
    bracketed = text.startswith("(") and text.endswith(")")
    core = text[1:-1].strip() if bracketed else text.lstrip(_DASHES + " ")
    dashed = len(core) < len(text) and not bracketed
    label = c.sign_off_label.match(core)
    if label:
        core = core[label.end() :]
    elif not (bracketed or dashed or at_end):
        return None  # a bare name ("Reuters" at the top of a page) is a masthead, not a credit
    core = core.strip(" .")
    names = [name.strip() for name in c.sign_off_join.split(core)]
    if names and all(fold(name) in c.sign_off_agencies or _AGENCY_INITIALS.match(name) for name in names):
        return tuple(names) if any(fold(name) in c.sign_off_agencies for name in names) else None
    first, *staff = core.split() or [""]
    if (
        at_end
        and not bracketed
        and staff
        and len(staff) < c.sign_off_staff_max_words
        and fold(first) in c.sign_off_agencies
    ):
        # Latin staff are initials in capitals ("PTI AB CD"; "PTI said talks failed" is a sentence);
        # Indic ones names ("भाषा अमित अजय").
        initials = all(_AGENCY_INITIALS.match(word) for word in staff if word.isascii())
        if initials and not SENTENCE_END.search(core) and not any(ch.isdigit() for ch in core):
            return (first,)
    return None


def is_desk_credit(line: str, *, at_end: bool = False) -> bool:
    """Whether ``line`` credits the desk that made the story: "(Reporting by Aditi Shah; Editing by Kim
    Coghill)", "Written by X; Edited by Y". Without brackets, one clause ("Reporting by Aditi Shah") only
    where it ends the story: elsewhere it may be a sentence's start."""
    c = cues()
    text = line.strip()
    if " by " not in text.lower():
        return False
    bracketed = text.startswith("(") and text.endswith(")")
    core = fold(text[1:-1] if bracketed else text).strip().rstrip(".").strip()
    clauses = [clause.strip() for clause in core.split(";")]
    if not all(
        c.sign_off_role.match(clause) and len(clause.split()) <= c.sign_off_clause_max_words
        for clause in clauses
    ):
        return False
    if bracketed or len(clauses) > 1:
        return True
    # One clause alone: a name after "by" ("Reporting by Aditi Shah", not "Reporting by phone banned").
    name = re.search(r"\sby\s+(\S)", text)
    return at_end and not SENTENCE_END.search(text) and bool(name) and not name[1].islower()


def _is_sign_off(line: str) -> bool:
    """Whether ``line``, ending a story, signs it off (an agency, a desk credit, the desk's initials)."""
    return bool(
        sign_off_agencies(line, at_end=True)
        or is_desk_credit(line, at_end=True)
        or _DESK_INITIALS.match(line.strip())
    )


def without_sign_off(lines: list[str]) -> list[str]:
    """``lines`` without the sign-off lines that end a wire story (see ``sign_off_agencies`` and
    ``is_desk_credit``), and without the credit that ends its last paragraph ("... said. (PTI)")."""
    lines = list(lines)
    for _ in range(_MAX_SIGN_OFF_LINES):
        if len(lines) > 1 and _is_sign_off(lines[-1]):
            lines.pop()
    if lines:
        trailing = _TRAILING_CREDIT.match(lines[-1].strip())
        if trailing and _is_sign_off(trailing["credit"]):
            lines[-1] = trailing["text"]
    return lines


def closing_agencies(lines: list[str]) -> tuple[str, ...]:
    """The agencies the sign-off of the story in ``lines`` (a page's last lines, boilerplate and all)
    credits, as written: read up from the end, past boilerplate, to the story's last paragraph."""
    credited: list[str] = []
    for line in reversed(lines):
        if _is_sign_off(line):
            credited[:0] = sign_off_agencies(line, at_end=True) or ()
            continue
        if boilerplate_reason(line) or not line.strip():
            continue
        trailing = _TRAILING_CREDIT.match(line.strip())
        if trailing and _is_sign_off(trailing["credit"]):
            credited[:0] = sign_off_agencies(trailing["credit"], at_end=True) or ()
        break
    return tuple(credited)


# The parts of a row of counters and timestamps: between "·", "•", "|" or a spaced dash.
_COUNTER_ROW_SPLIT = re.compile(r"\s*[·•|]\s*|\s+[–—-]\s+")


def _is_counter_row(folded: str) -> bool:
    """A row of the page's counters and relative times, with bare labels ("Posted · 3 min read", "5 min
    read · Updated 2 hours ago"): every part is one of those, and one at least is not a label."""
    c = cues()
    parts = [part.strip(".() ") for part in _COUNTER_ROW_SPLIT.split(folded)]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return False
    stats = sum(1 for part in parts if c.counter.match(part) or c.relative_time.match(part))
    labels = sum(1 for part in parts if part in c.time_labels)
    return stats > 0 and stats + labels == len(parts)


def _is_cue_row(core: str, cues: frozenset[str] | set[str]) -> bool:
    """A row of buttons without separators: every word is a whole-line cue ("Share Tweet Email")."""
    words = [word.strip(",.|•·") for word in core.split()]
    return 1 < len(words) <= _CUE_ROW_MAX_WORDS and all(word in cues for word in words)


def _is_menu(folded: str) -> bool:
    """Whether a short line is a row of section names between separators (see _MENU_SPLIT)."""
    if SENTENCE_END.search(folded):
        return False
    items = [item.split() for item in _MENU_SPLIT.split(folded)]
    if any(not item for item in items):
        return False
    if len(items) >= _MENU_MIN_ITEMS:
        return all(len(item) <= _MENU_ITEM_WORDS for item in items)
    return len(items) == _MENU_MIN_ITEMS - 1 and all(len(item) == 1 for item in items)


def _is_button_row(folded: str) -> bool:
    """Whether a short line naming platforms is a row of buttons rather than a sentence or a clause.

    A sentence ends with its punctuation; a clause ("Musk will join Twitter board") has words that are
    neither platforms, actions nor the few words a row carries ("on", "पर", "करें", button labels).
    """
    if SENTENCE_END.search(folded):
        return False
    c = cues()
    rest = c.promo_platforms.sub(" ", folded)
    return all(c.promo_actions.match(w) or c.promo_row_words.match(w) for w in WORD_RE.findall(rest))


def remove_boilerplate(lines: list[str], *, headline_first: bool = False) -> list[str]:
    """The lines that are article text, without cue lines and without consecutive repeats.

    ``headline_first``: the first line left is the article's title (a text file), so it stays even when
    it starts like a credit, unless it is as short as one: "Sources: talks between India and Pakistan may
    resume" is a headline, "Photo: File" is not. The sign-off that ends a wire story goes too
    (``without_sign_off``).
    """
    kept: list[str] = []
    previous = None
    in_links = False  # after a heading such as "Also read": the links under it
    menu = _menu_items_around_separators(lines)
    for index, line in enumerate(lines):
        if index in menu or (in_links and _is_link_line(line)):
            continue
        reason = boilerplate_reason(line) if line.strip() else "empty"
        in_links = reason == "navigation" and _is_list_heading(line)
        if reason == "credit" and headline_first and not kept and not _is_short_credit(line):
            reason = None
        if reason == "sign-off" and headline_first and not kept:
            reason = None  # a headline: a sign-off never opens a story
        if reason:
            continue
        key = fold(line)
        if key == previous:  # headings duplicated by page templates
            continue
        kept.append(line)
        previous = key
    return without_sign_off(kept)


# A menu that page extraction split into lines keeps its separators as lines of their own ("Home",
# "|", "News"): the short lines beside such a separator are its items.
_SEPARATOR_LINE = re.compile(r"^\s*[|•·]\s*$")
_SPLIT_MENU_ITEM_WORDS = 2


def _menu_items_around_separators(lines: list[str]) -> set[int]:
    """The indices of the menu items that stand beside a separator line (see _SEPARATOR_LINE)."""
    items = set()
    for index, line in enumerate(lines):
        if not _SEPARATOR_LINE.match(line):
            continue
        for neighbour in (index - 1, index + 1):
            if 0 <= neighbour < len(lines) and _is_menu_item(lines[neighbour]):
                items.add(neighbour)
    return items


def _is_menu_item(line: str) -> bool:
    folded = fold(line).strip()
    return 0 < len(folded.split()) <= _SPLIT_MENU_ITEM_WORDS and not SENTENCE_END.search(folded)


def _is_list_heading(line: str) -> bool:
    """Whether ``line`` is the heading of a block of links to other stories ("Also read", "ट्रेंडिंग")."""
    folded = fold(line).strip()
    return len(folded) <= _SHORT_LINE and _EDGES.sub("", folded) in cues().list_headings


def _is_link_line(line: str) -> bool:
    """Whether a line under a link block's heading reads as a link: a short headline, not a sentence."""
    folded = fold(line).strip()
    return bool(folded) and len(folded.split()) <= cues().list_max_words and not SENTENCE_END.search(folded)


def _is_short_credit(line: str) -> bool:
    """Whether a line starting with a credit cue says no more than a credit does ("Photo: File")."""
    folded = fold(line).strip()
    cue = cues().prefix.match(folded)
    return cue is None or len(folded[cue.end() :].split()) <= _CREDIT_MAX_WORDS
