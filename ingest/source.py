"""The source (publication) of an article: from metadata, a masthead line, a byline or the URL."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ingest.clean import boilerplate_reason
from ingest.cues import cues
from ingest.dates import Dateline, is_place_and_day, is_weekday, split_byline_date
from ingest.normalize import fold

MAX_SOURCE_CHARS = 100
MASTHEAD_ZONE = 12  # mastheads sit in the page header, before the story
BYLINE_ZONE = 8  # bylines sit right under the headline or at the very end
_MAX_NAME_WORDS = 6
_MAX_PLACE_WORDS = 4  # a desk or a city after a byline's name
_MAX_MASTHEAD_WORDS = 3
_PARAGRAPH_WORDS = 12
_MAX_NOTICE_WORDS = 15  # a copyright notice is a line of the footer, not a paragraph
_SENTENCE_PUNCT = re.compile(r"[.!?।॥,:;\"“”]")
_INDIC = re.compile("[\u0900-\u0dff]")  # Devanagari to Sinhala
_LATIN = re.compile("[A-Za-z]")
# Host prefixes naming a site's mobile, AMP or "world wide web" edition, not another publication.
_EDITION_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# A host name: dot-separated labels of letters, digits and hyphens, ending in a top-level domain.
_HOST_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$", re.IGNORECASE)


def clean_source(value: object) -> str | None:
    """A source name as shown in facets: trimmed, one space between words, None when blank.

    A name that is a host name ("m.example.com", as trafilatura reports a page without a site name) or a
    URL ("https://www.example.com/") is named as its URL would name it ("example.com"), so one site has
    one name whichever way it came.
    """
    if value is None:
        return None
    text = " ".join(str(value).split())[:MAX_SOURCE_CHARS]
    if is_host_name(text):
        return _site_of_host(text.lower())
    if text.lower().startswith(("http://", "https://")) and " " not in text:
        return source_from_url(text) or None  # a feed's "source" that is the site's URL
    return text or None


def is_host_name(text: str | None) -> bool:
    """Whether ``text`` is a bare host name ("www.example.com"), as trafilatura names a page's site when
    the page states no name for it."""
    return bool(text and _HOST_NAME.match(text.strip()))


def source_from_url(url: str | None) -> str | None:
    """The URL's host without an edition prefix, so one site has one name: "https://www.example.com/a",
    "https://m.example.com/a" and "https://amp.example.com/a" all give "example.com"."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return _site_of_host(host) if host else None


def _site_of_host(host: str) -> str:
    """A (lower-case) host without its edition prefix."""
    for prefix in _EDITION_PREFIXES:
        # "m.example.com" is example.com's mobile site; "amp.dev" is a site of its own.
        if host.startswith(prefix) and "." in host[len(prefix) :]:
            return host[len(prefix) :]
    return host


# A host's labels that may spell a site's name: at least this long ("ndtv" in ndtv.com), so that the
# short labels of a domain ("co" in example.co.in) never match a name.
_SITE_LABEL_MIN_CHARS = 4
_NOT_NAME_CHARS = re.compile(r"[\W_]+")


def _name_keys(name: str) -> set[str]:
    """A site name as a host name would spell it: letters and digits, lower-case, with and without a
    leading "The" ("The Indian Express" -> "theindianexpress", "indianexpress")."""
    key = _NOT_NAME_CHARS.sub("", fold(name))
    return {key, key.removeprefix("the")} - {""}


def _host_labels(host: str) -> list[str]:
    """The labels of a host name that may spell its site's name: not the top-level domain, nor an
    edition prefix ("www", "m"), nor a short label ("co")."""
    labels = host.lower().split(".")[:-1]
    editions = {prefix.rstrip(".") for prefix in _EDITION_PREFIXES}
    return [label for label in labels if label not in editions and len(label) >= _SITE_LABEL_MIN_CHARS]


class SiteNames:
    """The names the articles of one run give their sites ("SidhiKhabar"), for the articles of it that
    only a host name names ("sidhikhabar.example"): one site, one source. A host name takes a name that
    one of its labels spells, ignoring case, spaces and punctuation ("divyabhaskar.co.in" is "Divya
    Bhaskar"); the first name seen for that spelling wins."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def learn(self, source: str | None) -> None:
        """Remember ``source`` when it is a name (not a host name)."""
        if source and not is_host_name(source):
            for key in _name_keys(source):
                self._names.setdefault(key, source)

    def name_for(self, source: str | None) -> str | None:
        """The site name a host name ``source`` spells, if the run has seen one; else None."""
        if not source or not is_host_name(source):
            return None
        return next((self._names[label] for label in _host_labels(source) if label in self._names), None)


# The company's legal form is no part of the name a reader knows it by ("The Daily Ledger Media Ltd").
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:(?:Pvt|Private)\.?(?:\s+(?:Ltd|Limited))?|Ltd|Limited|Inc|LLC|LLP|Corp|Corporation|PLC|GmbH)\.?$",
    re.IGNORECASE,
)


def copyright_holder(line: str) -> str | None:
    """The publisher a copyright notice names ("© 2024 The Daily Ledger. All rights reserved." ->
    "The Daily Ledger"), or None when the line is no notice or names nothing that looks like a name."""
    c = cues()
    line = line.strip()
    mark = c.copyright_mark.match(line)
    if not mark:
        return None
    rest = line[mark.end() :]
    reserved = c.copyright_reserved.search(rest)
    name = re.split(r"\s*[.|,;:।]\s+|\s*[.|।]$", rest[: reserved.start()] if reserved else rest)[0]
    name = _LEGAL_FORM.sub("", name.strip(" .,|-–—")).strip(" .,")
    if not name or len(name.split()) > _MAX_NAME_WORDS or any(ch.isdigit() for ch in name):
        return None
    if name[0].islower() or len(line.split()) > _MAX_NOTICE_WORDS:
        return None  # a sentence that begins with the word ("copyright law was..."), not a notice
    return name


def find_copyright(lines: list[str]) -> tuple[str | None, int | None]:
    """The publisher a copyright notice among the page's last lines (its footer) names, and the notice's
    index (furniture, not the story); (None, None) when there is none."""
    for index in reversed(range(max(len(lines) - BYLINE_ZONE, 0), len(lines))):
        holder = copyright_holder(lines[index])
        if holder:
            return holder, index
    return None, None


def find_masthead(
    lines: list[str], title: str | None = None, holder: str | None = None
) -> tuple[str | None, set[int]]:
    """A site-name line in the page header, and the indices of every copy of it.

    A masthead is a short line (a name, not a sentence) in the header, before the story's first paragraph,
    that is not the headline and either repeats there (page templates print it twice) or is in Latin
    script in an Indic article. Repeated subheadings come after a paragraph, so they are not mastheads.
    A first line that is the name the page's copyright notice gives (``holder``) is the masthead, and the
    headline is the line after it.
    """
    indic_doc = sum(bool(_INDIC.search(line)) for line in lines) > len(lines) / 2
    header = lines[:MASTHEAD_ZONE]
    if title is None and holder and len(lines) > 2 and fold(lines[0]) == (name := fold(holder)):
        return lines[0].strip(), {i for i, other in enumerate(header) if fold(other) == name}
    # ``title`` is the headline when it came as metadata; else the first line is the headline.
    headline = fold(title if title is not None else (lines[0] if lines else ""))
    # The header ends where the story starts: at its first paragraph-length line other than the headline.
    first_paragraph = next(
        (
            i
            for i, line in enumerate(header)
            if fold(line) != headline and len(line.split()) >= _PARAGRAPH_WORDS
        ),
        None,
    )
    header = header[:first_paragraph]
    counts: dict[str, int] = {}
    for line in header:
        counts[fold(line)] = counts.get(fold(line), 0) + 1
    for line in header:
        if fold(line) == headline or not is_masthead_line(line):
            continue
        key = fold(line)
        if counts[key] >= 2 or (indic_doc and _LATIN.search(line) and not _INDIC.search(line)):
            return line.strip(), {i for i, other in enumerate(header) if fold(other) == key}
    return None, set()


def is_masthead_line(line: str) -> bool:
    """Whether ``line`` reads as a site's name: a few words, no sentence, section, date or furniture."""
    words = line.split()
    if not words or len(words) > _MAX_MASTHEAD_WORDS or len(line) > 40:
        return False
    if _SENTENCE_PUNCT.search(line.rstrip(".")) or fold(line) in cues().sections:
        return False
    return not any(ch.isdigit() for ch in line) and not boilerplate_reason(line)


@dataclass
class Byline:
    """What a byline tells: the publication it names, its line indices, and the date at its end."""

    source: str | None = None
    lines: set[int] = field(default_factory=set)
    date: Dateline | None = None


def find_byline(lines: list[str], today: dt.date | None = None) -> Byline:
    """The byline (``By Statecraft Staff | May 5, 2023`` -> source "Statecraft", date 2023-05-05).

    A byline naming a person gives no source (a person is not a publication) but is still removed. The
    date ending a byline counts only near the top, where a page states when the story was published.
    """
    c = cues()
    zone = list(range(min(BYLINE_ZONE, len(lines)))) + list(
        range(max(0, len(lines) - BYLINE_ZONE), len(lines))
    )
    for index in dict.fromkeys(zone):
        folded = fold(lines[index]).strip()
        cue = c.byline_cue.match(folded)
        if not cue:
            if _is_desk_line(lines[index]):  # "Sports Desk, New Delhi": a credit with no cue; names nobody
                return Byline(None, {index}, None)
            continue
        used = {index}
        name = lines[index].strip()[cue.end() :].strip() if cue.end() < len(folded) else ""
        if not name and index + 1 < len(lines):
            name = lines[index + 1].strip()
            used.add(index + 1)
        name, date = split_byline_date(name, today)
        name, after_name = _name_and_desk(name)
        words = name.split()
        if (
            not words
            or len(words) > _MAX_NAME_WORDS
            or _SENTENCE_PUNCT.search(name.rstrip("."))
            or _SENTENCE_PUNCT.search(after_name)
            or any(ch.isdigit() for ch in name)  # "By 2030, ..." starts a sentence
        ):
            continue
        after = max(used) + 1
        if after < len(lines) and fold(lines[after]).strip() in c.roles:
            used.add(after)
        org = c.org_suffix.match(fold(name))
        source = " ".join(words[: len(org.group("org").split())]) if org else None
        return Byline(clean_source(source), used, date if index < BYLINE_ZONE else None)
    return Byline()


# A wire story opens with its dateline and the agency in brackets: "TOKYO (Reuters) - ...",
# "WASHINGTON (AP) — ...", "New Delhi, May 5 (PTI) The ...", "नई दिल्ली, 5 मई (भाषा)".
# The brackets end with a dash or a colon, or (in Hindi and Gujarati) the dateline's full stop:
# "नई दिल्ली, 12 मार्च (आईएएनएस)। सरकार ने..."
_WIRE_CREDIT = re.compile(r"^(?P<place>[^()]{2,60}?)\s*\((?P<agency>[^()]{2,40})\)(?:\s*[-–—:।])?(?:\s|$)")
_MAX_AGENCY_WORDS = 3
_MAX_DATELINE_WORDS = 6


def _wire_credit(line: str) -> re.Match[str] | None:
    """The dateline and agency credit a wire story's opening line starts with, else None. Before the
    brackets stands a dateline: a place and a day credit whatever they bracket; a place in capitals
    alone only a known agency (``boilerplate.json``, ``wire_agencies``)."""
    m = _WIRE_CREDIT.match(line)
    if not m:
        return None
    place, agency = m["place"].strip(" ,"), m["agency"].strip()
    if len(agency.split()) > _MAX_AGENCY_WORDS or any(ch.isdigit() for ch in agency):
        return None
    if agency[0].islower() or is_weekday(agency):  # "(right)" under a photo, "(Friday)"
        return None
    if not place or len(place.split()) > _MAX_DATELINE_WORDS:
        return None
    known = fold(agency) in cues().wire_agencies
    return m if is_place_and_day(place) or (known and place.isupper()) else None


def wire_agency(line: str) -> str | None:
    """The agency a wire story's opening line credits ("TOKYO (Reuters) - ..." -> "Reuters"), else None
    (``_wire_credit``)."""
    m = _wire_credit(line.strip())
    return clean_source(m["agency"].strip()) if m else None


def without_wire_credit(line: str) -> str:
    """``line`` without the dateline and agency credit it opens with ("TOKYO (Reuters) - Japan's ..." ->
    "Japan's ..."); the line itself when it opens with none, or is nothing else."""
    stripped = line.strip()
    m = _wire_credit(stripped)
    return (stripped[m.end() :].strip() if m else "") or line


def _name_and_desk(text: str) -> tuple[str, str]:
    """A byline's name and what follows it after commas: its desk or city ("Rakesh Sharma, Sports Desk",
    "Jane Doe, New Delhi"), at most two short parts; the whole text when it is not of that shape."""
    name, *rest = [part.strip() for part in text.split(",")]
    if (
        not rest
        or len(rest) > 2
        or not all(rest)
        or any(len(part.split()) > _MAX_PLACE_WORDS for part in rest)
    ):
        return text, ""
    return name, " ".join(rest)


def _is_desk_line(line: str) -> bool:
    """A desk credit without a cue: a desk, then a city after a comma ("खेल डेस्क, नई दिल्ली")."""
    desk, place = _name_and_desk(line.strip())
    return bool(
        place
        and cues().org_suffix.match(fold(desk))
        and len(desk.split()) <= _MAX_PLACE_WORDS
        and not _SENTENCE_PUNCT.search(desk + place)
        and not any(ch.isdigit() for ch in desk + place)
    )
