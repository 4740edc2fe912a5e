"""The one contract every search engine implements (embedded Tantivy, Elasticsearch, OpenSearch).

The web app and ingest talk only to ``SearchEngine``; results come back engine-neutral.
Documents are plain dicts with the fields of ``search_app.documents.Article``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from search_app.query import ParsedQuery, parse_query

# Facet names, in the order the UI shows them; each maps to a document field of the same name.
FACETS: tuple[str, ...] = ("country", "year", "language", "source")
# The facet value that counts documents with no value for that field (e.g. no publication year).
UNKNOWN = "unknown"
# Deepest result a client may page to (page * size); same as Elasticsearch's default max_result_window.
MAX_RESULT_WINDOW = 10_000
MAX_PAGE_SIZE = 100
# Pre-/post-tags around matches in highlighted snippets; everything else in a snippet is HTML-escaped.
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


class EngineError(Exception):
    """Base class for engine failures."""


class EngineUnavailable(EngineError):
    """The engine cannot be reached or is not ready (web: 503 with Retry-After)."""


class InvalidSearch(EngineError, ValueError):
    """The request cannot be served as asked, e.g. paging past the result window (web: 400)."""


class MissingPlugin(EngineError):
    """The search node lacks a plugin the full analysis chain needs (analysis-icu)."""


@dataclass(frozen=True)
class SearchRequest:
    """One search. ``filters`` maps a facet name to the selected values: OR within a facet, AND across."""

    text: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    sort: Literal["relevance", "newest"] = "relevance"
    page: int = 1
    size: int = 10
    highlight: bool = True
    facet_size: int = 20

    @property
    def parsed(self) -> ParsedQuery:
        return parse_query(self.text)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def validate(self) -> None:
        """Raise InvalidSearch for requests no engine should run."""
        if self.page < 1:
            raise InvalidSearch("page starts at 1")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise InvalidSearch(f"size must be between 1 and {MAX_PAGE_SIZE}")
        if self.page * self.size > MAX_RESULT_WINDOW:
            raise InvalidSearch(f"cannot page past result {MAX_RESULT_WINDOW}; refine the query instead")
        if self.sort not in ("relevance", "newest"):
            raise InvalidSearch("sort must be 'relevance' or 'newest'")
        unknown = set(self.filters) - set(FACETS)
        if unknown:
            raise InvalidSearch(f"unknown filter(s): {', '.join(sorted(unknown))}")


@dataclass
class Hit:
    id: str
    score: float | None
    fields: dict[str, Any]
    # field name ("title", "body") -> HTML fragments: the document's text escaped, matches in <mark>.
    highlights: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class FacetValue:
    value: str
    count: int


def with_selected(
    shown: list[FacetValue], selected: Sequence[str], counts: Mapping[str, int]
) -> list[FacetValue]:
    """``shown`` (a facet's top values) and after them each selected value it leaves out that has
    matches, with its count from ``counts``: a selected value must show its real count, not 0."""
    present = {v.value for v in shown}
    return shown + [FacetValue(v, counts[v]) for v in selected if v not in present and counts.get(v)]


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    # facet name -> values by count (desc), then value; UNKNOWN counts documents lacking the field.
    facets: dict[str, list[FacetValue]]
    took_ms: float  # the engine's own time


@dataclass
class BulkResult:
    created: int = 0
    updated: int = 0
    # (document id, reason) for each document the engine refused
    failed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Health:
    ok: bool
    engine: str
    detail: str = ""


class SearchEngine(ABC):
    """Stores and searches articles. Implementations must be safe to use from several processes."""

    name: str = "abstract"
    # False on nodes without analysis-icu running the reduced chain; tests that need ICU skip there.
    has_icu: bool = True
    # Documents per ``upsert`` call that suit this engine (ingest's default batch); None: no preference.
    upsert_batch_size: int | None = None

    @abstractmethod
    def ensure_index(self) -> None:
        """Create the index (or upgrade it to the current mapping version) if needed."""

    @abstractmethod
    def upsert(self, documents: Iterable[Mapping[str, Any]]) -> BulkResult:
        """Insert or replace documents by ``id`` (idempotent: the same id twice is an update)."""

    def document_preparer(self) -> Callable[[Mapping[str, Any]], Any] | None:
        """A module-level (picklable) function doing this engine's per-document work ahead of writing,
        which callers with worker processes (``ingest --jobs``) run there and then hand the results to
        ``upsert_prepared``; None when there is nothing to prepare (use ``upsert``)."""
        return None

    def upsert_prepared(self, prepared: Sequence[Any]) -> BulkResult:
        """``upsert`` of what ``document_preparer`` made of the documents."""
        raise NotImplementedError(f"the {self.name} engine prepares no documents; use upsert")

    @abstractmethod
    def delete(self, doc_id: str) -> bool:
        """Delete one document; True if it existed."""

    @abstractmethod
    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document, or None."""

    @abstractmethod
    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search; raises InvalidSearch for bad requests, EngineUnavailable when down."""

    @abstractmethod
    def suggest(self, prefix: str, size: int = 8) -> list[str]:
        """Completions for the search box: title words/phrases starting with ``prefix``."""

    @abstractmethod
    def refresh(self) -> None:
        """Make everything written so far visible to searches."""

    @abstractmethod
    def health(self) -> Health:
        """Is the engine reachable and the index usable?"""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """At least: engine, documents (count); engines add version, plugins, index name, size."""

    @abstractmethod
    def drop_index(self) -> None:
        """Delete the index and everything in it (tests, and `reindex` from scratch)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources."""
