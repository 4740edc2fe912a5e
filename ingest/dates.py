"""Publication dates: from metadata, or from a dateline standing near the top of the text.

A dateline is a line that is a date (English forms, and those of the Indian languages of ``dates.json``,
with CLDR's month names; native digits included) plus at most a label ("Published:", "Updated:"), a
weekday, a place, a time, or a few words such as a section name.
A date inside a sentence ("the 11th session will be held in 2026") never is one, and neither is a date in
the future. A byline may end with the date ("By Staff Reporter | November 9, 2019"): ``split_byline_date``
finds it. A date labelled as an update ("Updated: ...") dates the article only when nothing else does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import icu

from ingest.cues import SENTENCE_END, load_json
from ingest.normalize import fold


@cache
def _settings() -> dict:
    return load_json("dates.json")


def _names_regex(names: Iterable[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def month_names() -> dict[str, int]:
    """Folded month name -> month number, from ICU/CLDR (full and short forms) plus the data file."""
    names: dict[str, int] = {}
    for locale in _settings()["locales"]:
        symbols = icu.DateFormatSymbols(icu.Locale(locale))
        for months in (symbols.getMonths(), symbols.getShortMonths()):
            for number, name in enumerate(months, start=1):
                # CLDR short forms end with an abbreviation mark (जन॰) or a dot.
                names[fold(name).rstrip("॰.")] = number
    for number, variants in _settings()["month_variants"].items():
        for name in variants:
            names[fold(name)] = int(number)
    names.pop("", None)
    return names


@cache
def _weekday_names() -> list[str]:
    names = set()
    for locale in _settings()["locales"]:
        symbols = icu.DateFormatSymbols(icu.Locale(locale))
        for days in (symbols.getWeekdays(), symbols.getShortWeekdays()):
            names.update(fold(d).rstrip("॰.") for d in days if d)
    return sorted(names, key=len, reverse=True)


@dataclass(frozen=True)
class Dateline:
    """A date a line states, and whether its label says it is an update rather than the publication."""

    date: dt.date
    updated: bool = False
    # Read after a short label and a bar ("Bureau Report, Lucknow | Updated: ..."): page metadata, however
    # long the line.
    labelled: bool = False
    # Words on the line after the date (and its time): "SINGAPORE, Dec 12, 2024: Gukesh won." has two.
    tail_words: int = dataclasses.field(default=0, compare=False)
    # The place before the date ("DOHA, Qatar"), or "".
    place: str = dataclasses.field(default="", compare=False)


def _date_prefixes() -> list[str]:
    return sorted({fold(x) for x in _settings()["date_prefixes"]["words"]}, key=len, reverse=True)


def _labels() -> list[str]:
    return sorted(
        {fold(x) for x in _settings()["labels"] + _settings()["update_labels"]}, key=len, reverse=True
    )


@cache
def _update_labels() -> frozenset[str]:
    return frozenset(fold(x) for x in _settings()["update_labels"])


@cache
def _month() -> str:
    """A month's name (or its short form, with or without its dot or Devanagari abbreviation sign: नव॰),
    as a pattern."""
    return f"(?:{_names_regex(month_names())})[.॰]?"


@cache
def _dateline_regex() -> re.Pattern[str]:
    month = _month()
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    date = (
        f"(?P<mdy_m>{month})\\s+(?P<mdy_d>{day}),?\\s+(?P<mdy_y>\\d{{4}})"
        f"|(?P<dmy_d>{day})(?:\\s+|-)(?P<dmy_m>{month})(?:,?\\s+|-)(?P<dmy_y>\\d{{4}})"
        # Year first is never ambiguous: 2024-03-12, and 2024/03/12 or 2024.03.12 as some sites write it.
        r"|(?P<iso_y>\d{4})(?P<iso_sep>[-/.])(?P<iso_m>\d{1,2})(?P=iso_sep)(?P<iso_d>\d{1,2})(?:t[\d:.+z-]*)?"
        r"|(?P<n1>\d{1,2})(?P<sep>[/.-])(?P<n2>\d{1,2})(?P=sep)(?P<n3>\d{4})"
    )
    labels = "|".join(re.escape(label) for label in _labels())
    weekdays = "|".join(re.escape(w) for w in _weekday_names())
    prefixes = _names_regex(_date_prefixes())
    return re.compile(
        f"^(?:(?P<label>{labels})\\s*[:：\\-–—]?\\s*)?"
        f"(?:(?:{weekdays})\\.?,?\\s+)?"
        # a place: "New Delhi, May 5, 2023", "DOHA, Qatar, May 16, 2025"
        r"(?P<place>(?:[^\d,:;]{1,40},\s*){1,2})?"
        f"(?:(?:{weekdays})\\.?,?\\s+)?"  # its weekday: "ગાંધીનગર, બુધવાર, 10 જાન્યુઆરી, 2024"
        f"(?:(?:{prefixes})\\s*)?"  # "રાજકોટ, તા. 26 મે 2024"
        f"(?:{date})"
        r"(?P<tail>.*)$"
    )


# What may follow the date on a dateline: a time ("10:30 AM IST"), separators, a few words.
_TIME = re.compile(r"^[\s,|•·]*(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[a-z]{2,4})?)?")
_DASH = re.compile(r"^\s*[-–—:|]\s")
_SEPARATOR = re.compile(r"^\s*[|•·,;]\s*")
# A wire agency credited in brackets right after the date ends the dateline, whatever follows it:
# "COLOMBO, March 3, 2022 (AFP) - A strong ...", "नई दिल्ली, 12 फरवरी 2024 (भाषा) राजधानी में ...".
_AGENCY_CREDIT = re.compile(r"^\s*\([^()\d]{2,40}\)")
_CENTURY_START = 1900
_YEAR = re.compile(r"\d{4}")
# A timestamp this large is in milliseconds: in seconds it would be after the year 5000.
_EPOCH_MILLISECONDS = 10**11
# Seconds or milliseconds since 1970 in digits, too many for a date (20240501 has eight).
_EPOCH_TEXT = re.compile(r"\d{9,13}(?:\.\d+)?")
_MAX_DATELINE_CHARS = 120
_CONNECTOR_NAME_WORDS = 3


def _valid(year: int, month: int, day: int, today: dt.date) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    # A publication date cannot be in the future (one day of slack for time zones).
    if value.year < _CENTURY_START or value > today + dt.timedelta(days=1):
        return None
    return value


def _numeric(n1: int, n2: int, year: int, sep: str, today: dt.date) -> dt.date | None:
    if n1 > 12 >= n2:
        return _valid(year, n2, n1, today)
    if n2 > 12 >= n1:
        return _valid(year, n1, n2, today)
    order = _settings()["numeric_order"].get(sep, "dmy")
    return _valid(year, n1, n2, today) if order == "mdy" else _valid(year, n2, n1, today)


@cache
def _place_and_day() -> re.Pattern[str]:
    month, prefixes = _month(), _names_regex(_date_prefixes())  # "અમદાવાદ, તા. 12 જૂન"
    day = f"(?:\\d{{1,2}}\\s+{month}|{month}\\s+\\d{{1,2}})"
    # the year may follow: "COLOMBO, March 3, 2022 (AFP)"
    return re.compile(f"^[^,]{{1,40}},\\s*(?:(?:{prefixes})\\s*)?{day}(?:,?\\s+\\d{{4}})?$")


def is_weekday(text: str) -> bool:
    """Whether ``text`` is the name of a day of the week (in any of the locales)."""
    return fold(text).strip().rstrip(".") in _weekday_names()


_DATELINE_END = re.compile(r"[\s:\-–—]+$")


def yearless_dateline_place(line: str) -> str | None:
    """The place of a line that is a dateline without its year ("RANCHI, Feb 26:", "सूरत, 12 जून -"), as
    written, or None. Such a line dates nothing (which year?) but is no article text either."""
    text = _DATELINE_END.sub("", line)
    if not is_place_and_day(text):
        return None
    return text.split(",", 1)[0].strip() or None


def is_place_and_day(text: str) -> bool:
    """Whether ``text`` is a place and a day of a month, without the year ("New Delhi, May 5",
    "नई दिल्ली, 5 मई"), as a wire story's dateline before its agency ("New Delhi, May 5 (PTI)")."""
    return bool(_place_and_day().match(fold(text).strip()))


def read_dateline(line: str, today: dt.date | None = None) -> Dateline | None:
    """The date ``line`` states when the line stands as a dateline (with its label's kind), else None.

    A line may carry two ("Updated: May 6, 2023 | Published: May 5, 2023"): the publication date wins.
    """
    today = today or dt.date.today()
    folded = fold(line).strip()
    # Every date form has a four-digit year: most lines are ruled out here, without trying the long
    # alternations of month and weekday names.
    m = _dateline_regex().match(folded) if _YEAR.search(folded) else None
    if not m:
        return None
    tail = m.group("tail")
    rest = tail[_TIME.match(tail).end() :]
    # A second dateline may follow the first on one line ("Published: ... | Updated: ...").
    second = read_dateline(_SEPARATOR.sub("", rest, count=1), today) if rest.strip() else None
    credited = _AGENCY_CREDIT.match(rest)
    if credited:
        rest = rest[credited.end() :]
    if (
        not credited
        and rest.strip()
        and second is None
        and not _DASH.match(tail)
        and len(rest.split()) > _settings()["max_tail_words"]
    ):
        return None
    date = _date_of(m.groupdict(), today)
    if date is None:
        return second
    # The place as written (case matters to country names: Turkey, not turkey), when the line opens with it.
    place = ""
    parts = m.group("place").count(",") if m.group("place") and m.start("place") == 0 else 0
    if parts:
        commas = [i for i, char in enumerate(line) if char in ",\u060c"]  # fold made both ","
        place = line[: commas[parts - 1]].strip()
    found = Dateline(
        date, (m.group("label") or "") in _update_labels(), tail_words=len(rest.split()), place=place
    )
    return second if found.updated and second and not second.updated else found


def match_dateline(line: str, today: dt.date | None = None) -> dt.date | None:
    """The date ``line`` states when the line stands as a dateline, else None."""
    found = read_dateline(line, today)
    return found.date if found else None


def _date_of(g: dict[str, str | None], today: dt.date) -> dt.date | None:
    months = month_names()
    if g["mdy_m"]:
        return _valid(
            int(g["mdy_y"]), months[g["mdy_m"].rstrip(".॰")], int(re.sub(r"\D", "", g["mdy_d"])), today
        )
    if g["dmy_m"]:
        return _valid(
            int(g["dmy_y"]), months[g["dmy_m"].rstrip(".॰")], int(re.sub(r"\D", "", g["dmy_d"])), today
        )
    if g["iso_y"]:
        return _valid(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]), today)
    return _numeric(int(g["n1"]), int(g["n2"]), int(g["n3"]), g["sep"], today)


def dateline_zone() -> int:
    """How many top lines of a text may hold a dateline."""
    return _settings()["dateline_zone_lines"]


def find_datelines(lines: list[str], today: dt.date | None = None) -> list[tuple[int, Dateline]]:
    """Every dateline among the top lines, as (index of its line, dateline), top first."""
    zone = dateline_zone()
    found = []
    for index, line in enumerate(lines[:zone]):
        # A long line is read by its start: a wire-style lead ("KATHMANDU, March 3, 2023 — Nepal and
        # India ...") is dated there, while a sentence that only mentions a date is still refused.
        dateline = read_dateline(line[:_MAX_DATELINE_CHARS], today) or labelled_dateline(line, today)
        if dateline:
            found.append((index, dateline))
    return found


_LABEL_SPLIT = re.compile(r"\s+[|•·]\s+")
_LABEL_MAX_WORDS = 6


def labelled_dateline(line: str, today: dt.date | None = None) -> Dateline | None:
    """A dateline after a short label and a bar: "Bureau Report, Lucknow | Updated: 03 May 2024" (a
    line of page metadata, however many words the label and the time take)."""
    parts = _LABEL_SPLIT.split(line, maxsplit=1)
    if len(parts) < 2 or len(parts[0].split()) > _LABEL_MAX_WORDS or SENTENCE_END.search(parts[0]):
        return None
    found = read_dateline(parts[1][:_MAX_DATELINE_CHARS], today)
    return dataclasses.replace(found, labelled=True) if found else None


def find_dateline(lines: list[str], today: dt.date | None = None) -> tuple[dt.date | None, int | None]:
    """The first dateline among the top lines: (date, index of its line), or (None, None)."""
    found = find_datelines(lines, today)
    return (found[0][1].date, found[0][0]) if found else (None, None)


def publication_date(datelines: Iterable[Dateline]) -> dt.date | None:
    """The publication date among a page's datelines (top first): the first not labelled as an update,
    else the first update."""
    datelines = list(datelines)
    chosen = next((d for d in datelines if not d.updated), datelines[0] if datelines else None)
    return chosen.date if chosen else None


@cache
def _byline_split() -> re.Pattern[str]:
    connectors = "|".join(
        re.escape(c) for c in sorted(_settings()["byline_connectors"], key=len, reverse=True)
    )
    return re.compile(f"\\s*[|•·,;]\\s*|\\s+[-–—/]\\s+|\\s+(?P<connector>{connectors})\\s+", re.IGNORECASE)


def split_byline_date(text: str, today: dt.date | None = None) -> tuple[str, Dateline | None]:
    """A byline's name and the date that ends it: "Staff Reporter | November 9, 2019" -> ("Staff
    Reporter", 2019-11-09); "Admin on 12 March 2021" -> ("Admin", 2021-03-12); (text, None) without one.

    The date must follow a separator (or a connector word such as "on") and be all that is left of the
    line, as on a dateline; a sentence that mentions a date does not end with one.
    """
    for m in _byline_split().finditer(text):
        name = text[: m.start()].strip()
        if not name:
            continue
        # "Admin on 12 March 2021" names someone; "the end of the talks on 12 March 2021" is a sentence.
        if m.group("connector") and len(name.split()) > _CONNECTOR_NAME_WORDS:
            continue
        found = read_dateline(text[m.end() :], today)
        if found:
            return name, found
    return text, None


def parse_date_value(value: object, today: dt.date | None = None) -> dt.date | None:
    """A metadata date (ISO, RFC 2822, a dateline form, anything dateparser reads, or a JSON number of
    seconds since 1970, milliseconds when larger than any date in seconds), or None."""
    if value is None or isinstance(value, bool):
        return None
    today = today or dt.date.today()
    if isinstance(value, str) and _EPOCH_TEXT.fullmatch(value.strip()):
        value = float(value)  # a feed's timestamp written as a string: "1700000000"
    if isinstance(value, int | float):
        if value == 0:
            return None  # the zero timestamp stands for "no date", not for 1 January 1970
        seconds = value / 1000 if abs(value) >= _EPOCH_MILLISECONDS else value
        try:
            moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return _valid_dt(moment.date(), today)
    text = str(value).strip()
    if not text:
        return None
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if iso:
        return _valid(int(iso[1]), int(iso[2]), int(iso[3]), today)
    found = match_dateline(text, today)
    if found:
        return found
    try:
        return _valid_dt(email.utils.parsedate_to_datetime(text).date(), today)
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only reached for unusual metadata

    # Absolute dates only: "yesterday" in stored metadata means nothing once the day has passed.
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["custom-formats", "absolute-time"]}
    parsed = dateparser.parse(text, settings=settings)
    return _valid_dt(parsed.date(), today) if parsed else None


def _valid_dt(value: dt.date, today: dt.date) -> dt.date | None:
    return _valid(value.year, value.month, value.day, today)
