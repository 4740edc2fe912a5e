"""The Tantivy schema of the embedded engine and the conversion of articles into Tantivy documents.

Text fields mirror the Elasticsearch multi-fields: ``title``/``body`` (indic_text), ``*_latin``
(latin_text), ``*_skeleton_latin`` and ``*_skeleton_nonlatin`` (the consonant skeletons of the words in
Latin letters and of the others). They are analysed in Python by ``search_app.analysis``
and handed to Tantivy as space-joined terms on its ``whitespace`` tokenizer (the terms never contain
spaces). Measured on 3 KB articles, one field: 0.33 ms per document this way against 1.66 ms with
``PreTokenizedString`` (a Python ``Token`` object per word, then Tantivy copying them).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import tantivy

from search_app.analysis import ANALYZERS, analyze, analyze_fields, index_terms
from search_app.analysis.rules import mapping_version
from search_app.engines.base import FACETS, UNKNOWN

# Bump when the Tantivy fields or their content change; the index directory carries it with the
# mapping's version, so an upgrade builds a new index and swaps it in (see EmbeddedEngine.ensure_index).
LAYOUT_VERSION = 2  # 2: completions stored with their match key

# analyzer -> (title field, body field)
TEXT_FIELDS: dict[str, tuple[str, str]] = {
    "indic_text": ("title", "body"),
    "latin_text": ("title_latin", "body_latin"),
    "skeleton_latin_words": ("title_skeleton_latin", "body_skeleton_latin"),
    "skeleton_nonlatin_words": ("title_skeleton_nonlatin", "body_skeleton_nonlatin"),
}
SUGGEST_FIELD = "suggest"
SUGGEST_ANALYZER = "suggest_text"
SUGGEST_SEPARATOR = "\x1f"  # between a completion's match key and its text as written
SORT_FIELD = "published_day"  # days since 1970-01-01; NO_DATE for documents without one
SOURCE_FIELD = "source_json"  # the whole article as JSON
NO_DATE = -(2**62)  # sorts last when newest first


def index_version() -> str:
    """The name of the current index version: mapping version and Tantivy layout version."""
    return f"v{mapping_version()}.{LAYOUT_VERSION}"


def build_schema() -> tantivy.Schema:
    """The Tantivy schema (text fields analysed in Python, keyword facet fields, a sort key, the source)."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", tokenizer_name="raw", fast=True)
    for title_field, body_field in TEXT_FIELDS.values():
        builder.add_text_field(title_field, tokenizer_name="whitespace")
        builder.add_text_field(body_field, tokenizer_name="whitespace")
    builder.add_text_field(SUGGEST_FIELD, tokenizer_name="raw")
    for facet in FACETS:
        builder.add_text_field(facet, tokenizer_name="raw", fast=True)
    builder.add_integer_field(SORT_FIELD, fast=True)
    builder.add_bytes_field(SOURCE_FIELD, stored=True)
    return builder.build()


def facet_values(article: Mapping[str, Any], facet: str) -> list[str]:
    """The values ``article`` is counted under for ``facet``; [UNKNOWN] when it has none."""
    if facet == "country":
        raw = article.get("country") or [
            c.get("name") or c.get("code") for c in article.get("countries") or []
        ]
    else:
        raw = article.get(facet)
    values = raw if isinstance(raw, list | tuple) else [raw]
    cleaned = [str(v) for v in values if v is not None and str(v).strip()]
    return list(dict.fromkeys(cleaned)) or [UNKNOWN]


def published_day(article: Mapping[str, Any]) -> int:
    """Days since the epoch of ``published`` (ISO date), NO_DATE when absent or unreadable."""
    published = article.get("published")
    if not published:
        return NO_DATE
    try:
        day = dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return NO_DATE
    return (day - dt.date(1970, 1, 1)).days


def suggestion_key(text: str) -> str:
    """What a completion is matched by: the ``suggest_text`` analysis (spelling variants, case and digits
    folded), words joined by single spaces; a trailing space is kept, as it says a word is complete."""
    key = " ".join(token.text for token in analyze(text, SUGGEST_ANALYZER))
    return key + " " if key and text[-1:].isspace() else key


def suggestions(title: str) -> list[str]:
    """The completion terms a title offers: its words and pairs of adjacent words, stop words left out,
    each stored as ``key SEPARATOR words-as-written`` so a prefix of the key finds them."""
    analysed = analyze_fields(title, ("indic_text", SUGGEST_ANALYZER))
    keys = {token.position: token for token in analysed[SUGGEST_ANALYZER]}
    words = [
        (keys[t.position].text, title[t.start : t.end], t.position)
        for t in analysed["indic_text"]
        if t.position in keys
    ]
    entries = [(key, written) for key, written, _ in words]
    entries += [
        (f"{key_a} {key_b}", f"{written_a} {written_b}")
        for (key_a, written_a, pa), (key_b, written_b, pb) in zip(words, words[1:], strict=False)
        if pb == pa + 1
    ]
    return list(dict.fromkeys(f"{key}{SUGGEST_SEPARATOR}{written}" for key, written in entries))


# A document as (field, value) pairs in the order they are added: plain Python values, so that articles
# can be analysed in other processes (ingest's workers) and only added to the writer here.
FieldValues = list[tuple[str, str | int | bytes]]


@dataclass(frozen=True)
class PreparedDocument:
    """An article converted for the index ahead of writing: its id and field values, or why it cannot be
    indexed (``error``, reported as the engine refusing the document)."""

    id: str
    fields: FieldValues | None
    error: str | None = None


def document_fields(article: Mapping[str, Any]) -> FieldValues:
    """The field values of one article's Tantivy document (raises ValueError when it has no usable id)."""
    doc_id = article.get("id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise ValueError("document has no id")
    fields: FieldValues = [("id", doc_id)]
    title = str(article.get("title") or "")
    body = str(article.get("body") or "")
    for source_text, slot in ((title, 0), (body, 1)):
        for analyzer, joined in index_terms(source_text, ANALYZERS).items():
            fields.append((TEXT_FIELDS[analyzer][slot], joined))
    fields.extend((SUGGEST_FIELD, suggestion) for suggestion in suggestions(title))
    return fields + _metadata_fields(article)


# The fields not made from an article's text: its facets, sort key and the stored article.
_METADATA_FIELDS = frozenset((*FACETS, SORT_FIELD, SOURCE_FIELD))


def _metadata_fields(article: Mapping[str, Any]) -> FieldValues:
    fields: FieldValues = []
    for facet in FACETS:
        fields.extend((facet, value) for value in facet_values(article, facet))
    fields.append((SORT_FIELD, published_day(article)))
    fields.append((SOURCE_FIELD, json.dumps(dict(article), ensure_ascii=False).encode("utf-8")))
    return fields


class DocumentPreparer:
    """``prepare_document`` as the engine hands it to ingest's worker processes, with ``with_metadata``
    for an article whose metadata changed after it was prepared (ingest names a host's site later)."""

    def __call__(self, article: Mapping[str, Any]) -> PreparedDocument:
        return prepare_document(article)

    @staticmethod
    def with_metadata(prepared: PreparedDocument, article: Mapping[str, Any]) -> PreparedDocument:
        """``prepared`` with the fields not made from the text made anew from ``article``: its text is
        not analysed again (the costly part, and the same text)."""
        if prepared.fields is None or prepared.id != document_id(article):
            return prepare_document(article)
        kept = [(name, value) for name, value in prepared.fields if name not in _METADATA_FIELDS]
        return PreparedDocument(prepared.id, kept + _metadata_fields(article))


def document_id(article: Any) -> str:
    """The id a document is reported under, even when it is not a mapping or has no id."""
    return str(article.get("id")) if isinstance(article, Mapping) else "None"


def prepare_document(article: Mapping[str, Any]) -> PreparedDocument:
    """``document_fields`` of an article, with a conversion failure kept as the reason instead of raised
    (a module-level function: worker processes run it)."""
    doc_id = document_id(article)
    try:
        return PreparedDocument(doc_id, document_fields(article))
    except (ValueError, TypeError, AttributeError) as exc:
        return PreparedDocument(doc_id, None, f"{type(exc).__name__}: {exc}")


def build_document(fields: FieldValues) -> tantivy.Document:
    """The Tantivy document holding ``fields``."""
    doc = tantivy.Document()
    for name, value in fields:
        if isinstance(value, str):
            doc.add_text(name, value)
        elif isinstance(value, bytes):
            doc.add_bytes(name, value)
        else:
            doc.add_integer(name, value)
    return doc


def to_document(article: Mapping[str, Any]) -> tantivy.Document:
    """The Tantivy document for one article (raises ValueError when it has no usable id)."""
    return build_document(document_fields(article))


def from_document(doc: tantivy.Document) -> dict[str, Any]:
    """The article stored in a Tantivy document."""
    return json.loads(doc.get_first(SOURCE_FIELD))
