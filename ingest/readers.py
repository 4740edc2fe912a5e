"""Inputs to records: files (.txt, .html/.htm, .jsonl), directories, globs and stdin (JSON Lines).

Each record remembers where it came from (file and line) so errors and rejects can name it. Bad input
never stops a run: it becomes a ``Failure`` with one clear reason, and reading goes on.
"""

from __future__ import annotations

import collections
import glob
import io
import json
import os
import re
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from w3lib.encoding import html_body_declared_encoding, read_bom

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # one article file (or one JSON line) larger than this is refused
TEXT_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
# A .json file holds one article, a list of them, or an export's object that lists them under one of
# these keys (NewsAPI's {"status": "ok", "articles": [...]}, a CMS's {"items": [...]}).
_ARTICLE_LISTS = ("articles", "items", "results", "posts", "data")
# A directory's .json files are as often settings or metadata as articles: read only when named (a
# file, a glob); a walk counts them among the files it leaves (see ``other_files``).
WALKED_SUFFIXES = frozenset(TEXT_SUFFIXES) - {".json"}
STDIN = "-"
_BINARY_PROBE = 8192
RAW_KEEP = 2000  # rejects keep the raw text of a record up to this many characters


@dataclass
class RawRecord:
    """One article as read, before cleaning. ``fields`` holds JSON Lines keys (title, body, url...)."""

    path: str
    line: int | None
    kind: str  # "txt", "html" or "jsonl"
    text: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    # What the user should know about how it was read (a text decoded as Windows-1252).
    notes: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Failure:
    """A record (or file) that could not become an article, and why."""

    path: str
    line: int | None
    reason: str
    raw: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def as_reject(self) -> dict[str, Any]:
        """The JSON object written to --rejects."""
        return {"path": self.path, "line": self.line, "reason": self.reason, "raw": self.raw}


def expand_paths(paths: Iterable[str], exclude: Collection[str] = ()) -> Iterator[str | Failure]:
    """Files to read, in a stable order: globs expanded, directories walked (article files only).

    ``exclude`` names files never to read, such as this run's own rejects file.
    """
    excluded = {os.path.realpath(p) for p in exclude}
    for path in _expand(paths):
        if isinstance(path, str) and path != STDIN and os.path.realpath(path) in excluded:
            continue
        yield path


def _expand(paths: Iterable[str]) -> Iterator[str | Failure]:
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        if glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield Failure(given, None, "no file matches this pattern")
            for match in matches:
                yield from _expand_one(match, explicit=False)
            continue
        yield from _expand_one(given, explicit=True)


def _expand_one(path: str, *, explicit: bool) -> Iterator[str | Failure]:
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs.sort()
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in sorted(files):
                if Path(name).suffix.lower() in WALKED_SUFFIXES and not name.startswith("."):
                    yield os.path.join(root, name)
    elif os.path.isfile(path):
        if Path(path).suffix.lower() in TEXT_SUFFIXES:
            yield path
        elif explicit:
            yield Failure(path, None, f"unsupported file type (expected {', '.join(sorted(TEXT_SUFFIXES))})")
    else:
        yield Failure(path, None, "no such file or directory")


def other_files(paths: Iterable[str]) -> dict[str, int]:
    """Per suffix ("" for none), how many files the walk of the directories among ``paths`` leaves unread
    because they are not article files (images, PDFs, notes) or are .json files; hidden files are not
    counted. A file named on its own is reported as it is read instead."""
    counts: collections.Counter[str] = collections.Counter()
    for given in paths:
        for path in sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]:
            if not os.path.isdir(path):
                continue
            for _, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                suffixes = (Path(name).suffix.lower() for name in files if not name.startswith("."))
                counts.update(suffix for suffix in suffixes if suffix not in WALKED_SUFFIXES)
    return dict(counts.most_common())


def read_records(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, exclude: Collection[str] = ()
) -> Iterator[RawRecord | Failure]:
    """Every record in ``paths`` (see ``expand_paths``), or a Failure where one cannot be read."""
    for path in expand_paths(paths, exclude):
        if isinstance(path, Failure):
            yield path
        elif path == STDIN:
            yield from _read_jsonl(sys.stdin.buffer, "<stdin>", max_bytes)
        else:
            yield from _read_file(path, max_bytes)


def _read_file(path: str, max_bytes: int) -> Iterator[RawRecord | Failure]:
    kind = TEXT_SUFFIXES[Path(path).suffix.lower()]
    try:
        if kind == "jsonl":
            with open(path, "rb") as stream:
                yield from _read_jsonl(stream, path, max_bytes)
            return
        size = os.path.getsize(path)
        if size > max_bytes:
            yield Failure(path, None, f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
            return
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as exc:
        yield Failure(path, None, f"cannot read file: {exc.strerror or exc}")
        return
    decoded = _decode(path, None, data, html=kind == "html")
    if isinstance(decoded, Failure):
        yield decoded
    elif kind == "json":
        yield from _read_json(path, *decoded)
    else:
        text, notes = decoded
        yield RawRecord(path, None, kind, text=text, notes=notes)


def _read_json(path: str, text: str, notes: tuple[str, ...]) -> Iterator[RawRecord | Failure]:
    """The articles of a .json file, numbered from 1 as JSON Lines records are by line."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc.msg.removesuffix(' at')} at line {exc.lineno} column {exc.colno}"
        yield Failure(path, None, message, text[:RAW_KEEP])
        return
    if isinstance(obj, dict):
        listed = next((obj[key] for key in _ARTICLE_LISTS if isinstance(obj.get(key), list)), None)
        obj = [obj] if listed is None else listed
    if not isinstance(obj, list):
        yield Failure(path, None, "a .json file must hold an article object or a list of them")
        return
    if not obj:
        yield Failure(path, None, "the file lists no articles")
    for number, item in enumerate(obj, start=1):
        raw = json.dumps(item, ensure_ascii=False)
        if not isinstance(item, dict):
            yield Failure(path, number, "an article in a .json file must be an object", raw[:RAW_KEEP])
            continue
        yield RawRecord(path, number, "jsonl", text=raw, fields=item, notes=notes)


_WINDOWS_1252 = "cp1252"
READ_AS_WINDOWS_1252 = "not UTF-8: read as Windows-1252 (save it as UTF-8 to be sure)"
# Text written in Windows-1252 (Windows' "ANSI" for English and the Western European languages) is
# ASCII but for curly quotes, dashes and a few accented letters inside Latin words ("café", "über").
# Text in another single-byte encoding (Cyrillic, Greek, ISCII for Devanagari) read as Windows-1252 gives
# words made of accented letters and symbols ("Íîâîñòè"): when more than this share of the words are
# such, the text is not Windows-1252.
_WINDOWS_1252_MAX_FOREIGN_WORDS = 0.2


def _decode(
    path: str, line: int | None, data: bytes, *, html: bool = False
) -> tuple[str, tuple[str, ...]] | Failure:
    """The text of ``data``, and notes on how it was read: UTF-8, or what a byte order mark says (Windows
    editors save "Unicode" text as UTF-16 with one); an HTML page that is not UTF-8 in the charset its
    ``<meta>`` declares, as a browser reads it. Text that is no UTF-8 and declares nothing is read as
    Windows-1252 when it reads as such (see ``_as_windows_1252``), as a browser reads an undeclared page
    and as Windows saves English text, with a note that says so; other encodings are refused rather than
    guessed: a wrong guess garbles the text silently."""
    encoding, bom = read_bom(data)
    if bom:
        data = data[len(bom) :]
    if not data.strip():
        return Failure(path, line, "empty file" if line is None else "empty record")
    if not bom and b"\x00" in data[:_BINARY_PROBE]:
        return Failure(path, line, "binary data, not text (a NUL byte was found)")
    encoding = encoding or "utf-8"
    try:
        return data.decode(encoding), ()
    except UnicodeDecodeError as exc:
        failure = exc
    declared = html_body_declared_encoding(data) if html and not bom else None
    if declared and declared != encoding:
        try:
            return data.decode(declared), ()
        except (UnicodeDecodeError, LookupError):
            reason = f"neither UTF-8 nor the {declared} its <meta> declares; save it as UTF-8"
            return Failure(path, line, reason)
    # The position in the file as it is, byte order mark included.
    where = f"at byte {failure.start + len(bom or b'')} ({data[failure.start : failure.start + 4]!r})"
    if bom:  # a byte order mark names the encoding: text that breaks it is not in another one
        return Failure(path, line, f"invalid {encoding.upper()} {where}; save it as UTF-8")
    text = _as_windows_1252(data)
    if text is None:
        return Failure(
            path, line, f"invalid UTF-8 {where}, and not Windows-1252 text either; save it as UTF-8"
        )
    return text, (READ_AS_WINDOWS_1252,)


def _as_windows_1252(data: bytes) -> str | None:
    """``data`` read as Windows-1252, or None when it is not: it has characters in UTF-8 beside the bytes
    that are not (UTF-8 text with a flaw, which Windows-1252 would garble: "’" read as "â€™"), a byte the
    code page leaves undefined, or too many words that are not Latin words
    (``_WINDOWS_1252_MAX_FOREIGN_WORDS``)."""
    if any(not ch.isascii() and ch != "\ufffd" for ch in data.decode("utf-8", "replace")):
        return None
    try:
        text = data.decode(_WINDOWS_1252)
    except UnicodeDecodeError:
        return None
    words = [core for word in text.split() if (core := _word_core(word))]
    foreign = sum(1 for word in words if _is_foreign(word))
    if foreign > _WINDOWS_1252_MAX_FOREIGN_WORDS * len(words):
        return None
    return text


# What stands around a word's letters and digits: quotes, dashes, a currency sign.
_AROUND_WORD = re.compile(r"^[\W_]+|[\W_]+$")


def _word_core(word: str) -> str:
    """A word without the punctuation around it."""
    return _AROUND_WORD.sub("", word)


def _is_foreign(word: str) -> bool:
    """A word with more characters outside ASCII than ASCII letters: no Latin word read right."""
    non_ascii = sum(1 for ch in word if not ch.isascii())
    return non_ascii > sum(1 for ch in word if ch.isascii() and ch.isalpha())


def _utf8_lines(stream: BinaryIO) -> Iterable[bytes]:
    """The stream's lines in UTF-8: as they are, or re-encoded when a byte order mark says UTF-16 or
    UTF-32 (whose lines cannot be split at the newline byte)."""
    encoding, _ = read_bom(stream.peek(4)[:4]) if hasattr(stream, "peek") else (None, None)
    if encoding in (None, "utf-8"):
        return stream
    # The plain codec names read the byte order mark and drop it.
    text = io.TextIOWrapper(stream, encoding=encoding[:6], newline="")
    return (line.encode("utf-8") for line in text)


def _read_jsonl(stream: BinaryIO, path: str, max_bytes: int) -> Iterator[RawRecord | Failure]:
    saw_any = False
    number = 0
    try:
        for number, raw in enumerate(_utf8_lines(stream), start=1):
            if not raw.strip():
                continue
            saw_any = True
            if len(raw) > max_bytes:
                limit = f"{len(raw):,} bytes; the limit is {max_bytes:,}"
                yield Failure(path, number, f"record too large ({limit})")
                continue
            decoded = _decode(path, number, raw)
            if isinstance(decoded, Failure):
                yield decoded
                continue
            text, notes = decoded
            # Without its line ending, an error at the end of the line is reported at its own column.
            text = text.rstrip("\r\n")
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                # json's message may end in "at" ("Unterminated string starting at"): one "at" only.
                message = f"invalid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}"
                yield Failure(path, number, message, text[:RAW_KEEP])
                continue
            if not isinstance(obj, dict):
                yield Failure(path, number, "a JSON Lines record must be an object", text[:RAW_KEEP])
                continue
            yield RawRecord(path, number, "jsonl", text=text, fields=obj, notes=notes)
    except UnicodeDecodeError as exc:  # a UTF-16/UTF-32 stream that stops being valid
        yield Failure(path, number + 1, f"invalid {exc.encoding.upper()} text; save it as UTF-8")
        return
    if not saw_any:
        yield Failure(path, None, "empty file")
