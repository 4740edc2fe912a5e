"""The embedded engine: a Tantivy index in a directory, analysed in Python with the mapping's ICU chain.

Layout of ``<data_dir>/<index>/``::

    CURRENT           the name of the live index version (like an Elasticsearch alias)
    v1.2/             a Tantivy index: mapping version 1, Tantivy layout version 2
    upgrade.lock      held (flock) while an index is created or upgraded

Several processes (gunicorn workers reading, one ingest writing) share it safely:

* Tantivy allows one ``IndexWriter`` per index at a time, enforced by a lock file inside the index
  directory that works across processes. This engine opens a writer only for the duration of one
  ``upsert``/``delete`` call (one commit per batch) and then releases it, so web workers never hold it.
  A writer that finds the lock busy retries with backoff for ``lock_timeout`` seconds and then raises
  ``EngineUnavailable`` naming the cause.
* Readers are lock-free: a commit writes new segment files and then atomically replaces ``meta.json``.
  Every read checks (at most every RELOAD_INTERVAL seconds, and at once after this process's own writes)
  whether ``meta.json`` changed and, if so, reloads its searcher; it also re-reads ``CURRENT`` so a
  finished upgrade switches readers to the new version.
* A process forked from one that had the index open (gunicorn ``--preload``) opens it again itself.
* An upgrade (the version changed) builds the new index beside the old one from the stored documents,
  holding the old index's writer lock so no ingest writes are lost, then swaps ``CURRENT`` atomically.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Occur, Order, Query

from search_app.engines.base import (
    FACETS,
    MARK_OPEN,
    BulkResult,
    EngineUnavailable,
    FacetValue,
    Health,
    Hit,
    InvalidSearch,
    SearchEngine,
    SearchRequest,
    SearchResult,
    with_selected,
)
from search_app.engines.embedded_facet_cache import FACET_CACHE_SIZE, FacetCache
from search_app.engines.embedded_highlight import highlight_whole, opening, snippets
from search_app.engines.embedded_query import (
    MatchTerms,
    combine,
    filter_query,
    filter_query_string,
    text_query,
)
from search_app.engines.embedded_schema import (
    SORT_FIELD,
    SUGGEST_FIELD,
    SUGGEST_SEPARATOR,
    TEXT_FIELDS,
    DocumentPreparer,
    PreparedDocument,
    build_document,
    build_schema,
    document_id,
    from_document,
    index_version,
    prepare_document,
    suggestion_key,
    to_document,
)
from search_app.query import ParsedQuery, QueryTooLong

RELOAD_INTERVAL = 1.0  # seconds between checks for other processes' commits
WRITER_HEAP_BYTES = 128_000_000
# One indexing thread: the Python analysis keeps one core busy, Tantivy the other. Measured on 2 cores,
# 20,000 articles of 3 KB: 738 articles/s with one thread against 569 with two (fewer, larger segments).
# Again with the analysis in ingest's worker processes (10,000 articles, --jobs 2, batches of 2,000):
# the writing process used 9.7-10.4 s of CPU with one thread, 13.1-13.4 s with two.
WRITER_THREADS = 1
UPSERT_BATCH = 2_000  # documents per commit when a caller passes a long stream
SUGGEST_SCAN = 2_000  # prefix terms read before ranking them by document frequency
MAX_FACET_SIZE = 1_000  # values per facet at most, whatever a caller asks (bounds the aggregation)
_TOTAL = "__total"  # aggregation name for the match count (facet names are plain words)
_SELECTED = "__selected_"  # prefix of the filter sub-aggregations counting each selected value
_GROUP = "__filtered"  # prefix of the filter sub-aggregations, one per set of applied facet filters


def _as_strings(values: Any) -> list[str]:
    """Filter values as the keyword strings they are indexed as (a lone string is one value)."""
    if isinstance(values, str | int):
        return [str(values)]
    return [str(v) for v in values]


def _as_prepared(prepared: PreparedDocument) -> PreparedDocument:
    return prepared


def _is_known(searcher: tantivy.Searcher, token: str) -> bool:
    """Does an indic_text token occur in some title or body (deleted documents included)?"""
    title_field, body_field = TEXT_FIELDS["indic_text"]
    return searcher.doc_freq(body_field, token) > 0 or searcher.doc_freq(title_field, token) > 0


class EmbeddedEngine(SearchEngine):
    """The default engine: Tantivy on local disk, no server needed."""

    name = "embedded"
    has_icu = True  # PyICU implements the full chain
    # Each upsert call is one commit (plus waiting for merges): ingest of 10,000 articles with --jobs 2
    # took 13.1 s of CPU in the writing process with 500 documents a call, 8.0 s with 2,000.
    upsert_batch_size = UPSERT_BATCH

    def __init__(
        self,
        data_dir: Path,
        index: str = "articles",
        lock_timeout: float = 30.0,
        facet_cache_size: int = FACET_CACHE_SIZE,
        query_cache: bool = True,
    ) -> None:
        self.root = Path(data_dir) / index
        self.index_name = index
        self.lock_timeout = lock_timeout
        self.schema = build_schema()
        self._index: tantivy.Index | None = None
        self._version: str | None = None
        self._seen: tuple[Any, ...] | None = None  # stat of CURRENT and meta.json at the last reload
        self._checked = 0.0
        self._lock = threading.RLock()  # one thread at a time swaps the index/searcher of this object
        self._pid = os.getpid()
        # query_cache=False computes every search from scratch (no facet counts or highlights of earlier
        # queries reused): what a query never seen before costs, which the benchmarks measure.
        self.query_cache = query_cache
        self._facet_cache = FacetCache(facet_cache_size if query_cache else 0)

    # ----- index lifecycle -------------------------------------------------------------------------

    @property
    def _current_file(self) -> Path:
        return self.root / "CURRENT"

    def _read_current(self) -> str | None:
        try:
            return self._current_file.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _write_current(self, version: str) -> None:
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(version + "\n", encoding="utf-8")
        os.replace(tmp, self._current_file)  # atomic: readers see the old or the new name, never half

    @contextlib.contextmanager
    def _upgrade_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "upgrade.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def ensure_index(self) -> None:
        """Create the index, or build the current version from an older one and swap it in."""
        target = index_version()
        with self._upgrade_lock():
            current = self._read_current()
            if current == target and tantivy.Index.exists(str(self.root / target)):
                self._open(target)
                return
            new_dir = self.root / target
            if new_dir.exists():  # a half-built index from an interrupted upgrade
                shutil.rmtree(new_dir)
            new_dir.mkdir(parents=True)
            new_index = tantivy.Index(self.schema, path=str(new_dir), reuse=False)
            old_dir = self.root / current if current else None
            if old_dir is not None and tantivy.Index.exists(str(old_dir)):
                old_index = tantivy.Index.open(str(old_dir))
                with self._writer(old_index):  # hold the old index's lock: no writes lost during the copy
                    self._copy_documents(old_index, new_index)
                    self._write_current(target)
                shutil.rmtree(old_dir, ignore_errors=True)
            else:
                self._write_current(target)
            self._open(target)

    def _copy_documents(self, old_index: tantivy.Index, new_index: tantivy.Index) -> None:
        old_index.reload()
        searcher = old_index.searcher()
        total = searcher.num_docs
        if not total:
            return
        addresses = [address for _, address in searcher.search(Query.all_query(), limit=total).hits]
        with self._writer(new_index) as writer:
            for address in addresses:
                writer.add_document(to_document(from_document(searcher.doc(address))))
            writer.commit()

    def _open(self, version: str) -> None:
        with self._lock:
            index = tantivy.Index.open(str(self.root / version))
            index.config_reader(reload_policy="manual")
            index.reload()
            self._index, self._version = index, version
            self._seen = self._stamp()
            self._checked = time.monotonic()

    def _stamp(self) -> tuple[Any, ...]:
        stamps: list[Any] = []
        for path in (self._current_file, self.root / (self._version or "") / "meta.json"):
            try:
                st = path.stat()
                stamps.append((st.st_ino, st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)

    def _searcher(self) -> tantivy.Searcher:
        """A searcher that sees every commit made until at most RELOAD_INTERVAL ago (any process)."""
        with self._lock:
            if (
                self._pid != os.getpid()
            ):  # forked (gunicorn --preload): Tantivy's handles stay with the parent
                self._index, self._pid = None, os.getpid()
            if self._index is None:
                current = self._read_current()
                if current is None or not tantivy.Index.exists(str(self.root / current)):
                    self.ensure_index()
                else:
                    self._open(current)
            elif time.monotonic() - self._checked >= RELOAD_INTERVAL:
                self._reload_if_changed()
            assert self._index is not None
            return self._index.searcher()

    def _reader(self) -> tuple[tantivy.Searcher, object]:
        """A searcher (as ``_searcher``) and its generation: an object replaced whenever the searcher
        may show other documents (every reload sets a new ``_seen``), for caches of what it returned."""
        with self._lock:
            searcher = self._searcher()
            return searcher, self._seen

    def _reload_if_changed(self) -> None:
        self._checked = time.monotonic()
        current = self._read_current()
        if current is None:
            raise EngineUnavailable(f"the index at {self.root} was removed")
        if current != self._version:
            self._open(current)
            return
        stamp = self._stamp()
        if stamp != self._seen:
            assert self._index is not None
            self._index.reload()
            self._seen = stamp

    def refresh(self) -> None:
        """Make every commit (this process's and others') visible to this engine's searches."""
        with self._lock:
            if self._index is None:
                self._searcher()
            else:
                self._reload_if_changed()

    @contextlib.contextmanager
    def _writer(self, index: tantivy.Index | None = None) -> Iterator[tantivy.IndexWriter]:
        """The index's single writer, waiting (with backoff) while another process holds it."""
        if index is None:
            self._searcher()  # opens (or creates) the live index
            index = self._index
        assert index is not None
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        while True:
            try:
                writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=WRITER_THREADS)
                break
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise EngineUnavailable(
                        f"another process is writing to {self.root} (Tantivy allows one writer); "
                        f"gave up after {self.lock_timeout:.0f}s"
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        try:
            yield writer
        except BaseException:
            writer.rollback()
            raise
        finally:
            # Let merges finish, then drop the writer: that releases the lock for other processes.
            writer.wait_merging_threads()
            del writer

    def drop_index(self) -> None:
        """Delete every version of the index and its directory."""
        with self._lock:
            self._index = None
            self._version = None
            shutil.rmtree(self.root, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            self._index = None

    # ----- writing ---------------------------------------------------------------------------------

    def _existing_ids(self, searcher: tantivy.Searcher, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        query = Query.term_set_query(self.schema, "id", ids)
        result = searcher.aggregate(query, {"ids": {"terms": {"field": "id", "size": len(ids)}}})
        return {bucket["key"] for bucket in result["ids"]["buckets"]}

    def upsert(self, documents: Iterable[Mapping[str, Any]]) -> BulkResult:
        """Insert or replace documents by id, committing every UPSERT_BATCH documents."""
        result = BulkResult()
        batch: list[Mapping[str, Any]] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= UPSERT_BATCH:
                self._upsert_batch([document_id(d) for d in batch], batch, prepare_document, result)
                batch = []
        if batch:
            self._upsert_batch([document_id(d) for d in batch], batch, prepare_document, result)
        return result

    def document_preparer(self) -> DocumentPreparer:
        """The analysis of an article for the index, which ingest's worker processes run."""
        return DocumentPreparer()

    def upsert_prepared(self, prepared: Sequence[PreparedDocument]) -> BulkResult:
        """``upsert`` of documents already converted by ``prepare_document`` (in this or another process):
        only adding them to the writer is left; one commit for the whole sequence."""
        result = BulkResult()
        if prepared:
            self._upsert_batch([p.id for p in prepared], prepared, _as_prepared, result)
        return result

    def _upsert_batch(
        self,
        ids: list[str],
        batch: Sequence[Any],
        prepare: Callable[[Any], PreparedDocument],
        result: BulkResult,
    ) -> None:
        with self._writer() as writer:
            existing = self._existing_ids(self._fresh_searcher(), list(set(ids)))
            written = 0
            # Convert and add one document at a time: Tantivy indexes the previous ones on its own
            # threads meanwhile, so Python analysis and indexing overlap on a multi-core machine.
            for doc_id, item in zip(ids, batch, strict=True):
                document = prepare(item)
                if document.fields is None:
                    result.failed.append((doc_id, document.error or "not indexable"))
                    continue
                if doc_id in existing:
                    result.updated += 1
                else:
                    result.created += 1
                    existing.add(doc_id)  # the same id again in this batch is an update
                writer.delete_documents_by_term("id", doc_id)
                writer.add_document(build_document(document.fields))
                written += 1
            if written:
                writer.commit()
        self._after_write()

    def _fresh_searcher(self) -> tantivy.Searcher:
        """A searcher on the latest commit; called while holding the writer lock, so nothing newer exists."""
        with self._lock:
            assert self._index is not None
            self._index.reload()
            return self._index.searcher()

    def _after_write(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.reload()
                self._seen = self._stamp()

    def delete(self, doc_id: str) -> bool:
        """Delete one document by id; True if it existed."""
        with self._writer() as writer:
            existed = bool(self._existing_ids(self._fresh_searcher(), [doc_id]))
            if existed:
                writer.delete_documents_by_term("id", doc_id)
                writer.commit()
        self._after_write()
        return existed

    # ----- reading ---------------------------------------------------------------------------------

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored article with this id, or None."""
        searcher = self._searcher()
        hits = searcher.search(Query.term_query(self.schema, "id", doc_id), limit=1).hits
        return from_document(searcher.doc(hits[0][1])) if hits else None

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search: text query, facet filters (post-filter facet counts), sort, page, highlights."""
        started = time.perf_counter()
        request.validate()
        try:
            parsed = request.parsed
        except QueryTooLong as exc:
            raise InvalidSearch(str(exc)) from exc
        searcher, generation = self._reader()
        translated = text_query(self.schema, parsed, is_known=lambda token: _is_known(searcher, token))
        base, matches = translated.query, translated.matches
        selected = {facet: _as_strings(values) for facet, values in request.filters.items() if values}
        query = combine(base, [filter_query(self.schema, f, values) for f, values in selected.items()])
        # The facet aggregation also counts the matches under every filter, so the top-k search need not
        # count them itself (and can then skip documents that cannot reach the top).
        facet_size = min(max(int(request.facet_size), 0), MAX_FACET_SIZE)
        facets, total = self._facets(searcher, generation, parsed, base, selected, facet_size)
        scored = not (request.sort == "newest" or base is None)
        options: dict[str, Any] = {"limit": request.size, "offset": request.offset, "count": False}
        if not scored:
            options.update(order_by_field=SORT_FIELD, order=Order.Desc)
        found = searcher.search(query, **options)
        articles = [from_document(searcher.doc(address)) for _, address in found.hits]
        hits = [
            Hit(id=article["id"], score=float(score) if scored else None, fields=article)
            for (score, _), article in zip(found.hits, articles, strict=True)
        ]
        if request.highlight:
            # Without phrases, a body matches the query exactly when highlighting finds a matched word in
            # it (the same analysis, terms and edit distances), so only phrases need the index's answer.
            body_matched = (
                self._body_matches(searcher, translated.body_query, [hit.id for hit in hits])
                if matches.phrases
                else None
            )
            for hit, (_, address) in zip(hits, found.hits, strict=True):
                in_body = body_matched is None or (address.segment_ord, address.doc) in body_matched
                hit.highlights = self._highlights(hit.fields, matches, in_body)
        took = (time.perf_counter() - started) * 1000
        return SearchResult(total=total, hits=hits, facets=facets, took_ms=took)

    def _body_matches(
        self, searcher: tantivy.Searcher, body_query: Query | None, ids: list[str]
    ) -> set[tuple[int, int]]:
        """The addresses of those documents with a query term in their body: only those bodies get snippets
        (the others show their opening). Asked only for phrases: a body holding some words of a phrase
        gets highlights without matching it."""
        if body_query is None or not ids:
            return set()
        # The ids as term queries: the intersection then visits just those documents (a term set would
        # first collect them from the whole id dictionary); 1.2 ms against 1.7 ms for a phrase at 100k.
        in_page = Query.boolean_query([(Occur.Should, Query.term_query(self.schema, "id", i)) for i in ids])
        query = combine(body_query, [in_page])
        found = searcher.search(query, limit=len(ids), count=False)
        return {(address.segment_ord, address.doc) for _, address in found.hits}

    def _highlights(
        self, article: Mapping[str, Any], matches: MatchTerms, body_matched: bool
    ) -> dict[str, list[str]]:
        title = str(article.get("title") or "")
        body = str(article.get("body") or "")
        cached = self.query_cache
        found = {
            "title": [highlight_whole(title, matches, cached=cached)] if title else [],
            "body": snippets(body, matches, cached=cached)
            if body_matched
            else ([opening(body)] if body else []),
        }
        marked = any(MARK_OPEN in f for fragments in found.values() for f in fragments)
        if matches.has_fallback and not marked:
            return self._highlights(article, matches.with_fallback(), True)
        return found

    def _facets(
        self,
        searcher: tantivy.Searcher,
        generation: object,
        parsed: ParsedQuery,
        base: Query | None,
        filters: dict[str, list[str]],
        size: int,
    ) -> tuple[dict[str, list[FacetValue]], int]:
        """Counts per facet under every filter except the facet's own (OR within a facet, AND across),
        and the number of matches under all filters.

        One aggregation over the text query's matches: each distinct set of "the other facets' filters"
        is a ``filter`` sub-aggregation holding the terms of the facets it applies to. Evaluating the text
        query once instead of once per set saves most of the cost with several filters (phrases and
        fuzzy terms are the expensive part); the counts are the same documents either way. Each set's
        counts are cached (see ``embedded_facet_cache``), so only the sets not seen lately are counted.
        """
        groups: dict[tuple[str, ...], list[str]] = {}
        for facet in FACETS:
            others = tuple(f for f in filters if f != facet)
            groups.setdefault(others, []).append(facet)
        groups.setdefault(tuple(filters), [])  # the match count, even when every facet is filtered
        facets: dict[str, list[FacetValue]] = {}
        total = 0
        missing: dict[tuple[str, ...], Hashable] = {}  # applied filters -> cache key
        for applied, names in groups.items():
            key = (parsed, tuple(sorted((f, frozenset(filters[f])) for f in applied)), tuple(names), size)
            counted = self._facet_cache.get(generation, key)
            if counted is None:
                missing[applied] = key
                continue
            facets.update(counted[0])
            total = total if counted[1] is None else counted[1]
        if missing:
            uncounted = {applied: groups[applied] for applied in missing}
            for applied, counted in self._count_facets(searcher, base, filters, size, uncounted).items():
                self._facet_cache.put(generation, missing[applied], counted)
                facets.update(counted[0])
                total = total if counted[1] is None else counted[1]
        # Fresh objects: callers may change what they get, never what the cache holds.
        return {name: [FacetValue(v.value, v.count) for v in facets[name]] for name in FACETS}, total

    @staticmethod
    def _count_facets(
        searcher: tantivy.Searcher,
        base: Query | None,
        filters: dict[str, list[str]],
        size: int,
        groups: dict[tuple[str, ...], list[str]],
    ) -> dict[tuple[str, ...], tuple[dict[str, list[FacetValue]], int | None]]:
        """Per set of applied filters, the counts of its facets and, for the set of all filters, the
        number of matches; all in one aggregation."""
        # Ask for more buckets than shown so ties at the cut are broken by value, not by chance.
        bucket_count = max(size * 2, size + 10)
        clauses = {facet: filter_query_string(facet, values) for facet, values in filters.items()}
        request: dict[str, Any] = {}
        plan: list[tuple[tuple[str, ...], str | None]] = []  # (applied, sub-aggregation or None: top level)
        for number, (applied, names) in enumerate(groups.items()):
            aggregations: dict[str, Any] = {
                name: {"terms": {"field": name, "size": bucket_count}} for name in names
            }
            if not filters:  # every document has a sort key: counting it counts matches
                aggregations[_TOTAL] = {"value_count": {"field": SORT_FIELD}}
            if applied:
                group = f"{_GROUP}{number}"
                request[group] = {"filter": " AND ".join(clauses[f] for f in applied), "aggs": aggregations}
            else:
                group = None
                request.update(aggregations)
            plan.append((applied, group))
        matched = base if base is not None else Query.all_query()
        result = searcher.aggregate(matched, request)
        bucketed: dict[tuple[str, ...], dict[str, list[FacetValue]]] = {}
        totals: dict[tuple[str, ...], int | None] = {}
        for applied, group in plan:
            counted = result if group is None else result.get(group, {})
            bucketed[applied] = {
                name: sorted(
                    (
                        FacetValue(str(b["key"]), int(b["doc_count"]))
                        for b in counted.get(name, {}).get("buckets", [])
                    ),
                    key=lambda v: (-v.count, v.value),
                )
                for name in groups[applied]
            }
            totals[applied] = None
            if len(applied) == len(filters):  # a filter sub-aggregation counts its documents itself
                totals[applied] = int(counted["doc_count"] if applied else counted[_TOTAL]["value"] or 0)
        beyond = _count_beyond_buckets(searcher, matched, filters, clauses, bucketed)
        counts: dict[tuple[str, ...], tuple[dict[str, list[FacetValue]], int | None]] = {}
        for applied, by_name in bucketed.items():
            shown = {}
            for name, values in by_name.items():
                known = {v.value: v.count for v in values}
                known.update({value: n for (a, f, value), n in beyond.items() if (a, f) == (applied, name)})
                shown[name] = with_selected(values[:size], filters.get(name, ()), known)
            counts[applied] = (shown, totals[applied])
        return counts

    def suggest(self, prefix: str, size: int = 8) -> list[str]:
        """Title words and word pairs starting with ``prefix`` (spelling variants and case folded), most
        frequent first, as they are written in the titles."""
        key = suggestion_key(prefix or "")
        if not key.strip() or size < 1:
            return []
        searcher = self._searcher()
        found = searcher.terms_with_prefix(SUGGEST_FIELD, key, limit=SUGGEST_SCAN)
        # One completion per key; shown as its most frequent spelling.
        by_key: dict[str, Counter[str]] = {}
        for term, frequency in found:
            completion_key, _, written = term.partition(SUGGEST_SEPARATOR)
            by_key.setdefault(completion_key, Counter())[written or completion_key] += frequency
        ranked = sorted(by_key.items(), key=lambda item: (-item[1].total(), len(item[0]), item[0]))
        return [spellings.most_common(1)[0][0] for _, spellings in ranked[:size]]

    # ----- status ----------------------------------------------------------------------------------

    def health(self) -> Health:
        """OK when the index opens and can be searched."""
        try:
            documents = self._searcher().num_docs
        except Exception as exc:  # any failure to open is "not healthy", reported, never raised
            return Health(ok=False, engine=self.name, detail=f"{type(exc).__name__}: {exc}")
        return Health(ok=True, engine=self.name, detail=f"{documents} documents in {self.root}")

    def stats(self) -> dict[str, Any]:
        """Documents, segments, on-disk size and version of the live index."""
        searcher = self._searcher()
        directory = self.root / (self._version or "")
        size = sum(p.stat().st_size for p in directory.glob("*") if p.is_file())
        return {
            "engine": self.name,
            "documents": searcher.num_docs,
            "index": self.index_name,
            "version": self._version,
            "tantivy": getattr(tantivy, "__version__", "unknown"),
            "segments": searcher.num_segments,
            "size_bytes": size,
            "path": str(directory),
        }


def _count_beyond_buckets(
    searcher: tantivy.Searcher,
    matched: Query,
    filters: dict[str, list[str]],
    clauses: dict[str, str],
    bucketed: dict[tuple[str, ...], dict[str, list[FacetValue]]],
) -> dict[tuple[tuple[str, ...], str, str], int]:
    """(applied filters, facet, value) -> count, for the selected values no bucket holds (rare: beyond
    twice the facet's size), so they show their real count; one more aggregation, only when needed."""
    wanted: dict[tuple[tuple[str, ...], str, str], str] = {}
    for applied, by_name in bucketed.items():
        for name, values in by_name.items():
            known = {v.value for v in values}
            for value in filters.get(name, ()):
                if value not in known:
                    own = filter_query_string(name, [value])
                    wanted[(applied, name, value)] = " AND ".join([clauses[f] for f in applied] + [own])
    if not wanted:
        return {}
    names = {f"{_SELECTED}{i}": key for i, key in enumerate(wanted)}
    found = searcher.aggregate(matched, {agg: {"filter": wanted[key]} for agg, key in names.items()})
    return {key: int(found.get(agg, {}).get("doc_count", 0)) for agg, key in names.items()}
