"""Stable document ids, so ingesting the same article again updates it instead of duplicating it."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from ingest.normalize import fold

_ID_CHARS = re.compile(r"^[\w.:@~+-]{1,200}$")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()


def normalize_url(url: str) -> str:
    """The URL without fragment, default port, 'www.' or trailing slash (the same page, one spelling)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower() or "http", host, path, parts.query, ""))


def make_id(given: object, url: str | None, title: str, body: str, raw: str | None = None) -> str:
    """The given ``id`` when it is usable as is; else a hash of the URL; else of ``raw``, the article's
    text as read (a file, a record's title and body), its whitespace aside; else of the folded title and
    body.

    The text as read rather than as cleaned: when a newer version of the cleaning rules removes one more
    line of furniture, ingesting the same file again must still update its document, not add a copy."""
    if given is not None and str(given).strip():
        text = str(given).strip()
        return text if _ID_CHARS.match(text) else _digest("id:" + text)
    if url:
        return _digest("url:" + normalize_url(url))
    if raw is not None:
        return _digest("raw:" + " ".join(raw.split()))
    # Folded as one text (title, newline, body): the pipeline has just folded that very string.
    return _digest("text:" + " ".join(fold(title + "\n" + body).split()))
