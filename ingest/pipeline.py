"""Records to articles: the whole pipeline, one function per record and one for a list of paths.

``process_record`` turns one ``RawRecord`` into the ``Article`` document of ``search_app/documents.py``
(raising ``RejectedRecord`` when no article can be made of it); ``iter_articles`` does that for files,
directories, globs and stdin and yields ``Processed`` items or ``Failure`` items, never raising for bad
input. Benchmarks and the sample-data loader use the same two functions.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import multiprocessing
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import trafilatura

from ingest.clean import closing_agencies, remove_boilerplate
from ingest.countries import extract_countries
from ingest.cues import SENTENCE_END, cues
from ingest.dates import (
    dateline_zone,
    find_datelines,
    parse_date_value,
    publication_date,
    read_dateline,
    yearless_dateline_place,
)
from ingest.ids import make_id
from ingest.language import detect_languages
from ingest.markup import (
    date_texts,
    footer_texts,
    heading_texts,
    link_texts,
    logo_texts,
    markup_text,
    markup_title,
    page_title,
    parse_page,
)
from ingest.normalize import clean_text, fold
from ingest.readers import DEFAULT_MAX_BYTES, RAW_KEEP, Failure, RawRecord, read_records
from ingest.source import (
    SiteNames,
    clean_source,
    copyright_holder,
    find_byline,
    find_copyright,
    find_masthead,
    is_host_name,
    is_masthead_line,
    source_from_url,
    wire_agency,
    without_wire_credit,
)
from ingest.title import (
    Breadcrumb,
    find_breadcrumb,
    first_sentence,
    headline_before_site,
    shorten_title,
    site_after_heading,
    site_after_title,
    site_before_headline,
    site_in_headline,
    site_in_page_title,
    strip_site_name,
    title_breadcrumb,
    without_sections,
)
from search_app.documents import Article

# A dateline line with more words than this is a lead paragraph ("NEW DELHI, May 5 — ..."): kept in the body.
_DATELINE_MAX_WORDS = 10
_LEAD_MIN_WORDS = 2
# A wire story credits its agency on its first line ("TOKYO (Reuters) - ..."), after the headline.
_WIRE_CREDIT_LINES = 2
_JSONL_TEXT_KEYS = ("body", "text", "content", "articleBody")  # schema.org's NewsArticle: articleBody
_JSONL_TITLE_KEYS = ("title", "headline")  # schema.org's NewsArticle calls it headline
# The publication date's key, and the names other exports give it (schema.org's, CMS dumps').
_JSONL_DATE_KEYS = (
    "published",
    "published_at",
    "publishedAt",  # NewsAPI
    "datePublished",
    "date_published",  # JSON Feed
    "pubDate",  # RSS
    "date",
)
# The publisher's key, and the names other exports give it; schema.org's publisher is an object with a name.
_JSONL_SOURCE_KEYS = ("source", "publisher", "site_name", "sitename")
# The article's address, and the names feeds and exports give it (RSS's link, schema.org's url).
_JSONL_URL_KEYS = ("url", "link", "canonical_url", "permalink")


# Records handed to a worker process at a time (amortizes the pickling round trip).
PARALLEL_CHUNK = 64
# Chunks the workers may run ahead of the caller, at least: enough to keep them busy while it commits a
# batch of 2,000 documents to the embedded engine (a second or two), not so many that memory grows.
PARALLEL_READ_AHEAD = 16

Preparer = Callable[[Article], Any]


class RejectedRecord(ValueError):
    """A record that cannot become an article; the message says why."""


@dataclass
class Processed:
    """An article and where it came from."""

    article: Article
    path: str
    line: int | None
    # What the engine's document preparer made of the article (in the worker that built it), if asked.
    prepared: Any = None
    # What the user should know about the record though it made an article (metadata that was ignored).
    notes: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _checked_url(url: str | None, notes: list[str] | None) -> str | None:
    """The URL when it is an absolute http(s) URL; anything else (javascript:, data:, a relative path) is
    left out, and said in ``notes``: the article is still worth keeping without its link."""
    url = (url or "").strip()
    if not url:
        return None
    if not _is_web_url(url):
        if notes is not None:
            notes.append(f"url {url[:80]!r} is not an absolute http(s) URL: the article has no link")
        return None
    return url


def _as_text(value: object, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RejectedRecord(f"field '{name}' must be a string, not {type(value).__name__}")
    return value


def _html_fields(html: str) -> dict[str, str | None]:
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Only dates the page states; htmldate's guesses (e.g. today's date) are not publication dates.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise RejectedRecord("no article text found in the HTML (only markup or scripts)")
    root = parse_page(html)  # what trafilatura does not tell: the page's links and its <title>
    links = link_texts(root)
    if _is_link_list(doc.text, links):
        raise RejectedRecord("the page is a list of links (a section or index page), not an article")
    site, title, heading = doc.sitename, doc.title, page_title(root)
    title, site = _headline(title, site, heading, root)
    # A site name the page's <title> gives after the headline is a better name than a host name.
    site_first = site_before_headline(heading, title, None if is_host_name(site) else site)
    if site_first:
        site, title = site_first
    elif not site or is_host_name(site):
        # The extractor cuts the site off a <title>, not off an og:title ("Headline | Site").
        site_last = site_after_heading(title, heading_texts(root)) or site_in_headline(title)
        if site_last:
            title, site = site_last
        else:
            site = site_in_page_title(heading, title) or site
    # Without a site name: the publisher the footer's copyright notice names (the extractor dropped the
    # footer), a better name than a host name. Read only then: it is another walk over the whole page.
    holder = None
    if not site or is_host_name(site):
        holder = next(filter(None, map(copyright_holder, footer_texts(root))), None)
        site = None if holder else site
    return {
        "title": without_sections(title, frozenset(map(fold, links))) if title else None,
        "body": doc.text,
        # A page's own canonical link may be relative: then the page has no usable URL, not an error.
        "url": doc.url if doc.url and _is_web_url(doc.url) else None,
        # else a date element the extractor dropped ("प्रकाशित: 4 नवंबर 2023"), read as a dateline
        "published": doc.date or _date_element(root),
        "source": site or None,
        "holder": holder,
    }


def _headline(
    title: str | None, site: str | None, heading: str | None, root
) -> tuple[str | None, str | None]:
    """(title, site) of a page as the extractor found them, with what it takes for the headline when
    the page has none in its metadata put right: a breadcrumb trail (a heading or ``<title>`` "Home »
    World » Asia"), whose last part is the headline when it reads as one, else the text's first line
    (None); a logo in an ``<h1>`` (or a ``<title>``'s site part), for the ``<title>``'s headline part;
    and a site name that is the headline itself (the extractor takes a ``<title>``'s part with a full
    stop for the site's name: "RBI holds rate at 6.5 per cent | Mint Street Daily")."""

    def same(a: str | None, b: str | None) -> bool:
        return bool(a and b) and fold(a).strip() == fold(b).strip()

    def site_of(headline: str | None, *others: str | None) -> str | None:
        """The extractor's site name, unless it is the headline or a host name; else the first other."""
        # A section the <title> names before the site ("Headline | Latest News | Site") is no site either.
        section = bool(site) and fold(site).strip() in cues().sections
        if site and not is_host_name(site) and not same(site, headline) and not section:
            return site
        return next((other for other in others if other), None if same(site, headline) or section else site)

    # The <title> is the whole trail when the extractor took its first parts ("Home » World").
    whole = heading if heading and title and fold(heading).startswith(fold(title)) else None
    crumb = title_breadcrumb(whole) or title_breadcrumb(title)
    if crumb:
        return crumb.title, site_of(crumb.title, crumb.site)
    split = headline_before_site(heading, title)
    if split:
        return split[0], site_of(split[0], split[1])
    if title and fold(title) in {fold(text) for text in logo_texts(root)}:
        return None, site_of(None, title)  # the headline is the text's first line
    return title, site_of(title)


def _date_element(root) -> str | None:
    """The publication date the page's date elements state, read as datelines (ISO), or None."""
    date = publication_date(filter(None, map(read_dateline, date_texts(root))))
    return date.isoformat() if date else None


# A page whose text is its links' texts, one a line, with hardly a paragraph besides, lists other
# pages: a section front or an index, which extraction keeps whole when it finds no article in it. An
# article followed by its related links keeps its paragraphs, and so more text than this.
_LINK_LIST_MIN_LINES = 5
_LINK_LIST_MAX_OTHER_CHARS = 400


def _is_link_list(text: str, links: frozenset[str]) -> bool:
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if len(lines) < _LINK_LIST_MIN_LINES:
        return False
    other = [line for line in lines if line not in links]
    return len(other) < len(lines) / 2 and sum(map(len, other)) < _LINK_LIST_MAX_OTHER_CHARS


@dataclass
class _Page:
    """A page's text lines without furniture, and what the furniture said."""

    lines: list[str]
    crumb: Breadcrumb | None
    date: dt.date | None
    masthead: str | None
    byline_source: str | None
    # The places of the datelines taken out ("DOHA, Qatar, May 16, 2025"): they open the body.
    places: tuple[str, ...] = ()
    # The agency such a dateline credits on its own line ("TOKYO, May 5, 2022 (Reuters)").
    wire_source: str | None = None
    # The publisher the page's copyright notice names.
    copyright_holder: str | None = None
    # The page's last lines, boilerplate and all, where a wire story signs off ("--IANS").
    tail: tuple[str, ...] = ()


def _strip_furniture(text: str, title: str | None, today: dt.date | None) -> _Page:
    """Remove breadcrumb, datelines, byline, masthead and boilerplate, keeping what they tell."""
    lines = [line for line in clean_text(text).split("\n") if line]
    # Header furniture first, while the page's layout is intact.
    crumb, crumb_index = find_breadcrumb(lines)
    header_masthead = None
    if crumb_index is not None:
        # Above a breadcrumb is the page's header: a site's name there is its masthead, not the headline.
        above = lines[:crumb_index]
        if all(is_masthead_line(line) for line in above):
            header_masthead = above[0] if above else None
            lines = lines[crumb_index:]
            crumb_index = 0
        del lines[crumb_index]
    datelines = find_datelines(lines, today)
    # Every dateline is page metadata ("Published: ...", "Updated: ..."), except one opening a paragraph:
    # a long line, or a sentence after the date ("SINGAPORE, Dec 12, 2024: Gukesh won.").
    metadata = {
        i
        for i, d in datelines
        if (d.labelled or len(lines[i].split()) <= _DATELINE_MAX_WORDS)
        and not (d.tail_words >= _LEAD_MIN_WORDS and SENTENCE_END.search(lines[i]))
    }
    places = [d.place for i, d in datelines if i in metadata and d.place]
    # A dateline without its year ("RANCHI, Feb 26:") dates nothing, but is furniture all the same.
    for i, line in enumerate(lines[: dateline_zone()]):
        place = None if i in metadata else yearless_dateline_place(line)
        if place:
            metadata.add(i)
            places.append(place)
    wire_source = next(filter(None, (wire_agency(lines[i]) for i in sorted(metadata))), None)
    lines = [line for i, line in enumerate(lines) if i not in metadata]
    byline = find_byline(lines, today)
    lines = [line for i, line in enumerate(lines) if i not in byline.lines]
    holder, notice = find_copyright(lines)
    if notice is not None:
        del lines[notice]
    masthead, masthead_lines = find_masthead(lines, title, holder)
    masthead = masthead or header_masthead
    # Without a title given or in the breadcrumb, the first line left is the headline (see build_article).
    headline_first = title is None and not (crumb and crumb.title)
    kept = [line for i, line in enumerate(lines) if i not in masthead_lines]
    lines = remove_boilerplate(kept, headline_first=headline_first)
    # A date labelled as an update dates the article only when no other line does.
    stated = [dateline for _, dateline in datelines]
    if byline.date:
        stated = [d for d in stated if not d.updated] + [byline.date] + [d for d in stated if d.updated]
    return _Page(
        lines,
        crumb,
        publication_date(stated),
        masthead,
        byline.source,
        tuple(places),
        wire_source,
        holder,
        tuple(kept[-_SIGN_OFF_LINES:]),
    )


# The last lines of a page that may hold its story's sign-off, under the share buttons and notices.
_SIGN_OFF_LINES = 8


def _signed_by(tail: tuple[str, ...]) -> str | None:
    """The agency a story signs off with alone ("--IANS", "(भाषा)"): its source, as the agency its
    dateline credits is. Read only when nothing else names the source."""
    credited = closing_agencies(list(tail))
    # "-- एजेंसी" (agency) names none; "(ANS/PTI)" two.
    if len(credited) != 1 or fold(credited[0]) in cues().sign_off_generic:
        return None
    return clean_source(credited[0]) if fold(credited[0]) in cues().wire_agencies else None


def _body_lines(lines: list[str], title: str) -> list[str]:
    """The article's paragraphs: the lines without the headline printed again, and without repeats."""
    title_key = fold(title)
    keys = [fold(line) for line in lines]
    # Above the headline, a section's name is the page's label ("Sports", "देश"), not article text.
    above = keys.index(title_key) if title_key in keys else 0
    sections = cues().sections
    body: list[str] = []
    for i, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if key == title_key or (body and key == fold(body[-1])) or (i < above and key in sections):
            continue
        body.append(line)
    if not body and len(lines) == 1 and lines[0] != title:
        body = lines  # a one-paragraph article whose title was shortened from it
    return body


def build_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: object = None,
    source: str | None = None,
    given_id: object = None,
    today: dt.date | None = None,
    text_is_body: bool = False,
    raw: str | None = None,
    notes: list[str] | None = None,
    holder: str | None = None,
) -> Article:
    """An article from its text and whatever metadata came with it (metadata wins over what the text says).

    Without a title, the title is the breadcrumb's last part or the text's first line. ``text_is_body``:
    the text is the article's body alone (a JSON Lines field), so a title taken from its first line
    leaves that line in the body. ``raw``: the text as read, which the id is made from (``make_id``).
    ``notes``: where to say what of the metadata was not used (a ``published`` that is no date).
    ``holder``: the publisher a copyright notice outside ``text`` names (a page's footer), the last resort
    for the source but the URL's host.
    """
    url = _checked_url(url, notes)
    title = clean_text(title or "").strip() or None
    page = _strip_furniture(text, title, today)
    title_from_text = title is None
    if not title:
        title = (
            page.crumb.title if page.crumb and page.crumb.title else (page.lines[0] if page.lines else None)
        )
    if not title:
        raise RejectedRecord("no article text left after removing boilerplate")
    if title_from_text and len(page.lines) == 1 and title == page.lines[0]:
        # A brief of one paragraph, without a headline: its first sentence is the title, and the
        # paragraph the body (else the whole text would be the title, and the article have no body).
        title = first_sentence(title) or title
    site = (
        clean_source(source)
        or (page.crumb.site if page.crumb else None)
        or page.masthead
        or page.byline_source
        or page.copyright_holder
        or site_after_title(title)
        or next(filter(None, map(wire_agency, page.lines[:_WIRE_CREDIT_LINES])), None)
        or page.wire_source
        or _signed_by(page.tail)
        or clean_source(holder)
    )
    if title_from_text and not (page.crumb and page.crumb.title):
        # A story without a headline, whose first line is its wire lead: the title is the lead's text
        # ("WASHINGTON (Reuters) - The Fed held rates" -> "The Fed held rates"); the body keeps the credit.
        title = without_wire_credit(title)
    title = shorten_title(strip_site_name(title, site))
    body_lines = page.lines if title_from_text and text_is_body else _body_lines(page.lines, title)
    if not body_lines:
        raise RejectedRecord("no article body left after removing boilerplate and the title")
    # The dateline's place opens the body, as the line did before its date was taken out: an article
    # datelined पटना is found by Patna.
    if page.places and not fold(body_lines[0]).startswith(fold(page.places[0])):
        body_lines = [*page.places, *body_lines]
    body = "\n\n".join(body_lines)

    has_published = published not in (None, "")
    given_date = parse_date_value(published, today) if has_published else None
    if has_published and given_date is None and notes is not None:
        instead = "the date in the text is used" if page.date else "the article has no date"
        notes.append(f"published {str(published)[:40]!r} is not a date (or is after today): {instead}")
    date = given_date or page.date
    full_text = title + "\n" + body
    languages = detect_languages(full_text)
    countries = extract_countries(f"{title}\n{body}")  # the body holds the datelines' places too
    return Article(
        id=make_id(given_id, url, title, body, raw),
        title=title,
        body=body,
        language=languages[0]["code"] if languages else "und",
        languages=languages,
        published=date.isoformat() if date else None,
        year=date.year if date else None,
        source=site or source_from_url(url),
        url=url,
        countries=countries,
    )


def _first_present(fields: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` that ``fields`` gives a value (not null, not empty), if any."""
    return next((key for key in keys if fields.get(key) not in (None, "")), None)


def process_record(
    record: RawRecord, today: dt.date | None = None, notes: list[str] | None = None
) -> Article:
    """The article one record holds; raises RejectedRecord with the reason when there is none.
    ``notes`` collects what the user should know about metadata that was not used."""
    if record.kind == "txt":
        return build_article(record.text, today=today, raw=record.text)
    if record.kind == "html":
        fields = _html_fields(record.text)
        return build_article(
            fields["body"] or "",
            title=fields["title"],
            url=fields["url"],
            published=fields["published"],
            source=fields["source"],
            today=today,
            raw=record.text,
            notes=notes,
            holder=fields["holder"],
        )
    fields = record.fields
    text_key = next((key for key in _JSONL_TEXT_KEYS if fields.get(key)), None)
    if text_key is None:
        raise RejectedRecord(
            "the record has no 'body' (or 'text', 'content', 'articleBody') field with article text"
        )
    # A CMS export may carry the page's markup ("<p>...</p>", "&amp;"): the article is its text.
    body = _as_text(fields[text_key], text_key)
    title_key = _first_present(fields, _JSONL_TITLE_KEYS) or "title"
    date_key = _first_present(fields, _JSONL_DATE_KEYS)
    source_key = _first_present(fields, _JSONL_SOURCE_KEYS) or "source"
    source = fields.get(source_key)
    if isinstance(source, dict):  # schema.org: "publisher": {"@type": "Organization", "name": "..."}
        source = source.get("name")
    url_key = _first_present(fields, _JSONL_URL_KEYS) or "url"
    title = _as_text(fields.get(title_key), title_key)
    return build_article(
        markup_text(body),
        title=markup_title(title),
        url=_as_text(fields.get(url_key), url_key),
        published=fields[date_key] if date_key else None,
        source=_as_text(source, source_key),
        given_id=fields.get("id"),
        today=today,
        text_is_body=True,
        raw=f"{title}\n{body}",
        notes=notes,
    )


def _small_raw(record: RawRecord) -> str | None:
    return record.text if len(record.text) <= RAW_KEEP else None


def _process_one(
    record: RawRecord | Failure, today: dt.date | None = None, prepare: Preparer | None = None
) -> Processed | Failure:
    if isinstance(record, Failure):
        return record
    notes: list[str] = list(record.notes)
    try:
        article = process_record(record, today, notes)
    except RejectedRecord as exc:
        return Failure(record.path, record.line, str(exc), _small_raw(record))
    prepared = prepare(article) if prepare else None
    return Processed(article, record.path, record.line, prepared, tuple(notes))


def _process_chunk(
    records: list[RawRecord | Failure], today: dt.date | None, prepare: Preparer | None
) -> list[Processed | Failure]:
    return [_process_one(record, today, prepare) for record in records]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _bounded(items: Iterable, slots: threading.Semaphore) -> Iterator:
    # The pool reads its input in a thread as fast as it can; this keeps it a few chunks ahead only.
    for item in items:
        slots.acquire()
        yield item


def process_records(
    records: Iterable[RawRecord | Failure],
    today: dt.date | None = None,
    jobs: int = 0,
    prepare: Preparer | None = None,
) -> Iterator[Processed | Failure]:
    """``process_record`` over a stream of records, turning every rejection into a Failure.

    ``jobs`` > 0 runs the pipeline in that many worker processes, in input order, so that on a machine
    with spare cores it overlaps with the caller's own work (indexing). Workers are spawned, not forked:
    the caller may run threads (a progress bar, a web server in tests) that a fork would copy mid-state.
    ``prepare`` (a module-level function, e.g. an engine's document preparer) runs on each article after
    the pipeline, in the workers, its result in ``Processed.prepared``.
    """
    if jobs <= 0:
        for record in records:
            yield _process_one(record, today, prepare)
        return
    slots = threading.Semaphore(max(4 * jobs, PARALLEL_READ_AHEAD))
    work = functools.partial(_process_chunk, today=today, prepare=prepare)
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        for results in pool.imap(work, _bounded(_chunks(records, PARALLEL_CHUNK), slots)):
            slots.release()
            yield from results


# How far ahead of an article the run looks for the name of its site, when only a host name names it: it
# waits, and the records after it with it (the output keeps the input's order), until the name is seen or
# this many records came after it. A bound on memory, and on the delay of a stream of such articles.
SITE_NAME_LOOK_AHEAD = 1000


def _sites_named(
    items: Iterable[Processed | Failure], prepare: Preparer | None = None
) -> Iterator[Processed | Failure]:
    """``items``, in their order, with the articles that only a host name names ("sidhikhabar.example")
    under the name another article of the run gives that site ("SidhiKhabar"; see ``SiteNames``): one
    before it, or one of the ``SITE_NAME_LOOK_AHEAD`` after it. Other records go on at once, unless
    such an article waits before them."""
    names = SiteNames()
    queue: collections.deque[Processed | Failure] = collections.deque()

    def waits(item: Processed | Failure) -> bool:
        source = item.article["source"] if isinstance(item, Processed) else None
        return is_host_name(source) and names.name_for(source) is None

    def named(item: Processed | Failure) -> Processed | Failure:
        name = names.name_for(item.article["source"]) if isinstance(item, Processed) else None
        if name:
            item.article["source"] = name
            # What the worker prepared for the engine holds the host name: its metadata is made anew
            # (the text is not analysed again) where the preparer can (``with_metadata``).
            if prepare and item.prepared is not None:
                remake = getattr(prepare, "with_metadata", None)
                item.prepared = remake(item.prepared, item.article) if remake else prepare(item.article)
        return item

    for item in items:
        if isinstance(item, Processed):
            names.learn(item.article["source"])
        queue.append(item)
        while queue and (len(queue) > SITE_NAME_LOOK_AHEAD or not waits(queue[0])):
            yield named(queue.popleft())
    while queue:
        yield named(queue.popleft())


def iter_articles(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    exclude: Collection[str] = (),
    today: dt.date | None = None,
    jobs: int = 0,
    prepare: Preparer | None = None,
) -> Iterator[Processed | Failure]:
    """Articles from files, directories, globs and ``-`` (stdin, JSON Lines), with failures in line.

    ``exclude``: files never to read (the run's own output files); ``today`` bounds publication dates;
    ``jobs``: worker processes for the pipeline (0: in this process), ``prepare``: a function to run on
    each article there too; see ``process_records``. An article that only a host name names takes the
    name other articles of the run give its site (``_sites_named``).
    """
    records = read_records(paths, max_bytes=max_bytes, exclude=exclude)
    yield from _sites_named(process_records(records, today, jobs, prepare), prepare)
