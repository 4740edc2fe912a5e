"""The Elasticsearch/OpenSearch engine: one implementation, parametrized by the product's own client.

- The index is versioned behind an alias: the real index is ``<alias>-v<version>`` (the version of
  ``index_mappings/articles.json``). When the alias points at an older version, ``ensure_index`` builds the
  new index, copies the documents with ``_reindex``, moves the alias in one atomic ``_aliases`` call and
  deletes the old index: searches never see a missing or half-filled index. Documents written while the
  copy runs may miss the new index, so upgrade before ingesting (``search-app reindex``), not during.
- Before creating an index it checks that the node has ``analysis-icu`` (and ``analysis-common``); a node
  without them is refused unless the configuration allows the reduced chain (test nodes).
- Bulk writes go through the client's ``streaming_bulk`` (which retries 429s with backoff), inside our own
  retry of whole chunks on connection errors and 5xx, so an ingest survives a node restart; documents are
  written by id, so replaying a chunk never duplicates anything.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from itertools import islice
from typing import Any

from search_app.config import Config, redact_url
from search_app.engines.base import (
    BulkResult,
    EngineError,
    EngineUnavailable,
    Health,
    InvalidSearch,
    MissingPlugin,
    SearchEngine,
    SearchRequest,
    SearchResult,
)
from search_app.engines.remote_client import Flavor, connect
from search_app.engines.remote_mapping import (
    from_source,
    index_body,
    load_mapping,
    server_settings,
    to_source,
    versioned_name,
)
from search_app.engines.remote_query import parse_response, parse_suggestions, search_body, suggest_body
from search_app.query import QueryTooLong

ICU_PLUGIN = "analysis-icu"
COMMON_MODULE = "analysis-common"
REINDEX_MODULE = "reindex"
BULK_CHUNK = 500
# streaming_bulk's own retries of documents the node refused with 429 (too many requests).
BULK_429_RETRIES = 5
BULK_429_BACKOFF_S = 1.0
# Our retries of a whole chunk when the node is unreachable or answers 5xx: ~2 minutes in all, long
# enough for a node restart.
CHUNK_RETRIES = 8
CHUNK_BACKOFF_S = 1.0
CHUNK_BACKOFF_MAX_S = 30.0
REINDEX_POLL_S = 0.5


def open_remote_engine(config: Config, mapping: dict[str, Any] | None = None) -> RemoteEngine:
    """Connect to the Elasticsearch or OpenSearch node at ``config.engine_url``.

    ``mapping`` replaces ``index_mappings/articles.json`` (tests use it to simulate a mapping change).
    Raises EngineUnavailable when the node cannot be reached.
    """
    return RemoteEngine(connect(config), config, mapping or load_mapping())


class RemoteEngine(SearchEngine):
    """Articles in an Elasticsearch or OpenSearch index (see the module docstring)."""

    def __init__(self, flavor: Flavor, config: Config, mapping: dict[str, Any]) -> None:
        self.flavor = flavor
        self.client = flavor.client
        self.name = flavor.distribution
        self.config = config
        self.alias = config.index
        self.mapping = mapping
        self.index_name = versioned_name(self.alias, mapping)
        self.plugins = self._node_plugins()
        self.has_icu = ICU_PLUGIN in self.plugins and COMMON_MODULE in self.plugins

    # ----- errors ------------------------------------------------------------------------------------

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Engine exceptions as the contract's: unreachable or overloaded -> EngineUnavailable."""
        try:
            yield
        except self.flavor.connection_errors as exc:
            where = f"{self.name} at {redact_url(self.config.engine_url)}"
            raise EngineUnavailable(f"{where} is unreachable ({action}): {exc}") from exc
        except self.flavor.api_error as exc:
            status = self.flavor.status_of(exc)
            if status is not None and (status == 429 or status >= 500):
                raise EngineUnavailable(f"{self.name} could not {action} now (HTTP {status}): {exc}") from exc
            raise EngineError(f"{self.name} refused to {action} (HTTP {status}): {exc}") from exc

    def _node_plugins(self) -> set[str]:
        """Plugins and modules present on every node of the cluster."""
        with self._errors("list its plugins"):
            info = self.client.nodes.info(metric="plugins")
        per_node = [
            {p["name"] for p in node.get("plugins", [])} | {m["name"] for m in node.get("modules", [])}
            for node in info["nodes"].values()
        ]
        return set.intersection(*per_node) if per_node else set()

    # ----- index lifecycle -----------------------------------------------------------------------------

    def _use_reduced_chain(self) -> bool:
        if self.has_icu:
            return False
        if self.config.reduced_analysis:
            return True
        missing = [name for name in (ICU_PLUGIN, COMMON_MODULE) if name not in self.plugins]
        tool = f"bin/{self.name}-plugin"
        common = f" ({COMMON_MODULE} comes with the default distribution)" if COMMON_MODULE in missing else ""
        raise MissingPlugin(
            f"the {self.name} node at {self.config.engine_url} lacks {' and '.join(missing)}, which the "
            f"Hindi/Gujarati analysis chain needs. Install {ICU_PLUGIN} on every node, then restart them: "
            f"`{tool} install {ICU_PLUGIN}`{common}. For a test node only, "
            "SEARCH_APP_REDUCED_ANALYSIS=true allows a reduced chain without it."
        )

    def _alias_targets(self) -> list[str]:
        with self._errors("read its aliases"):
            if not self.client.indices.exists_alias(name=self.alias):
                return []
            return sorted(self.client.indices.get_alias(name=self.alias).keys())

    def _create(self, name: str, with_alias: bool) -> None:
        body = index_body(
            self.mapping,
            reduced=self._use_reduced_chain(),
            extra_settings=server_settings(self.flavor.distribution, self.flavor.version),
        )
        if with_alias:
            body["aliases"] = {self.alias: {}}
        try:
            with self._errors(f"create index {name}"):
                self.client.indices.create(index=name, body=body)
        except EngineError as exc:
            # Another process created it first: fine, it is the same mapping version.
            if "resource_already_exists" not in str(exc):
                raise

    def ensure_index(self) -> None:
        """Create the index behind the alias, or upgrade an older version with no downtime."""
        targets = self._alias_targets()
        if self.index_name in targets:
            return
        if not targets:
            with self._errors("check the index"):
                if self.client.indices.exists(index=self.alias):
                    raise EngineError(
                        f"{self.alias!r} is an index, not an alias; rename or delete it (or set "
                        "SEARCH_APP_INDEX to another name) so a versioned index can sit behind the alias"
                    )
            self._create(self.index_name, with_alias=True)
            return
        try:
            self._upgrade(targets)
        except EngineError:
            # Another process (a second worker) may have finished the same upgrade meanwhile and deleted
            # the old index under us; that is success.
            if self._alias_targets() != [self.index_name]:
                raise

    def _upgrade(self, old_indices: list[str]) -> None:
        """Build the current version from the old one, then swap the alias atomically."""
        self._create(self.index_name, with_alias=False)
        with self._errors("copy documents into the new index"):
            if REINDEX_MODULE in self.plugins:
                self._server_side_reindex(old_indices)
            else:
                # Minimal nodes lack the reindex module: copy through the client (scroll + bulk).
                self._copy_documents(old_indices)
                self.client.indices.refresh(index=self.index_name)
            actions = [{"remove": {"index": old, "alias": self.alias}} for old in old_indices]
            actions.append({"add": {"index": self.index_name, "alias": self.alias}})
            self.client.indices.update_aliases(body={"actions": actions})
            for old in old_indices:
                with suppress(self.flavor.not_found):
                    self.client.indices.delete(index=old)

    def _server_side_reindex(self, sources: list[str]) -> None:
        """``_reindex`` as a task, polled, so a long copy never hits an HTTP timeout."""
        body = {"source": {"index": sources}, "dest": {"index": self.index_name}}
        task_id = self.client.reindex(body=body, wait_for_completion=False)["task"]
        while not (task := self.client.tasks.get(task_id=task_id))["completed"]:
            time.sleep(REINDEX_POLL_S)
        failures = task.get("error") or task.get("response", {}).get("failures")
        if failures:
            raise EngineError(f"copying {', '.join(sources)} into {self.index_name} failed: {failures}")
        self.client.indices.refresh(index=self.index_name)

    def _copy_documents(self, sources: list[str]) -> None:
        helpers = self.flavor.helpers
        hits = helpers.scan(self.client, index=sources, query={"query": {"match_all": {}}}, size=BULK_CHUNK)
        actions = (
            {"_op_type": "index", "_index": self.index_name, "_id": hit["_id"], "_source": hit["_source"]}
            for hit in hits
        )
        helpers.bulk(self.client, actions, chunk_size=BULK_CHUNK, max_retries=BULK_429_RETRIES)

    def drop_index(self) -> None:
        """Delete every index behind the alias (and the current versioned one)."""
        names = set(self._alias_targets())
        with self._errors("delete the index"):
            if self.client.indices.exists(index=self.index_name):
                names.add(self.index_name)
            for name in sorted(names):
                with suppress(self.flavor.not_found):
                    self.client.indices.delete(index=name)

    # ----- writing -------------------------------------------------------------------------------------

    def _actions(
        self, documents: Iterable[Mapping[str, Any]], failed: list[tuple[str, str]]
    ) -> Iterator[dict[str, Any]]:
        for doc in documents:
            if not doc.get("id"):
                failed.append(("", "document has no id"))
                continue
            source = to_source(doc)
            yield {"_op_type": "index", "_index": self.alias, "_id": str(doc["id"]), "_source": source}

    def _bulk_chunk(self, actions: list[dict[str, Any]]) -> BulkResult:
        result = BulkResult()
        for ok, item in self.flavor.helpers.streaming_bulk(
            self.client,
            actions,
            chunk_size=len(actions),
            max_retries=BULK_429_RETRIES,
            initial_backoff=BULK_429_BACKOFF_S,
            raise_on_error=False,
            raise_on_exception=False,
        ):
            info = next(iter(item.values()))
            if not ok:
                status = int(info.get("status") or 0)
                if status == 429 or status >= 500:
                    # The whole chunk is replayed: writes are by id, so what succeeded is just rewritten.
                    raise EngineUnavailable(f"bulk write failed with HTTP {status}: {info.get('error')}")
                result.failed.append((str(info.get("_id")), _reason(info.get("error"))))
            elif info.get("result") == "created":
                result.created += 1
            else:
                result.updated += 1
        return result

    def upsert(self, documents: Iterable[Mapping[str, Any]]) -> BulkResult:
        """Index documents by id, in chunks; retries through connection loss and 5xx with backoff."""
        total = BulkResult()
        actions = self._actions(documents, total.failed)
        while chunk := list(islice(actions, BULK_CHUNK)):
            part = self._retrying(lambda chunk=chunk: self._bulk_chunk(chunk))
            total.created += part.created
            total.updated += part.updated
            total.failed.extend(part.failed)
        return total

    def _retrying(self, write):
        delay = CHUNK_BACKOFF_S
        for attempt in range(CHUNK_RETRIES + 1):
            try:
                with self._errors("write documents"):
                    return write()
            except EngineUnavailable:
                if attempt == CHUNK_RETRIES:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, CHUNK_BACKOFF_MAX_S)
        raise AssertionError("unreachable")

    def delete(self, doc_id: str) -> bool:
        """Delete one document; True if it existed."""
        with self._errors("delete a document"):
            try:
                self.client.delete(index=self.alias, id=doc_id)
            except self.flavor.not_found:
                return False
        return True

    def refresh(self) -> None:
        """Make everything written so far visible to searches."""
        with self._errors("refresh the index"):
            self.client.indices.refresh(index=self.alias)

    # ----- reading -------------------------------------------------------------------------------------

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored Article, or None."""
        with self._errors("read a document"):
            try:
                found = self.client.get(index=self.alias, id=doc_id)
            except self.flavor.not_found:
                return None
        return from_source(found["_source"])

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search (see ``remote_query``); InvalidSearch for requests outside the limits."""
        request.validate()
        try:
            body = search_body(request)
        except QueryTooLong as exc:
            raise InvalidSearch(str(exc)) from exc
        with self._errors("search"):
            response = self.client.search(index=self.alias, body=body)
        return parse_response(response, request)

    def suggest(self, prefix: str, size: int = 8) -> list[str]:
        """Title words and whole titles starting with ``prefix``."""
        prefix = (prefix or "").strip()
        if not prefix or size < 1:
            return []
        with self._errors("suggest"):
            response = self.client.search(index=self.alias, body=suggest_body(prefix[:100], size))
        return parse_suggestions(response)[:size]

    # ----- status --------------------------------------------------------------------------------------

    def health(self) -> Health:
        """OK when the node answers, the cluster is at least yellow and the alias exists."""
        try:
            with self._errors("report its health"):
                status = self.client.cluster.health()["status"]
                exists = bool(self.client.indices.exists_alias(name=self.alias))
        except EngineError as exc:
            return Health(ok=False, engine=self.name, detail=str(exc))
        ok = status in ("green", "yellow") and exists
        target = f"-> {self.index_name}" if exists else "missing"
        detail = f"cluster {status}; alias {self.alias!r} {target}"
        return Health(ok=ok, engine=self.name, detail=detail)

    def stats(self) -> dict[str, Any]:
        """Documents, index name and size, server version and analysis chain."""
        stats = {
            "engine": self.name,
            "documents": 0,
            "version": self.flavor.version,
            "index": None,  # no index yet
            "alias": self.alias,
            "size_bytes": 0,
            "analysis": "icu" if self.has_icu else "reduced",
            "plugins": sorted(self.plugins),
        }
        targets = self._alias_targets()
        if not targets:
            return stats
        with self._errors("report its statistics"):
            stats["documents"] = int(self.client.count(index=self.alias)["count"])
            store = self.client.indices.stats(index=self.alias, metric="store")
        primaries = store.get("_all", {}).get("primaries", {})
        stats["size_bytes"] = int(primaries.get("store", {}).get("size_in_bytes", 0))
        stats["index"] = ",".join(targets)
        return stats

    def close(self) -> None:
        """Close the client's connections."""
        self.flavor.close()


def _reason(error: Any) -> str:
    if isinstance(error, Mapping):
        reason = error.get("reason") or error.get("type") or str(error)
        caused = error.get("caused_by")
        return f"{reason} ({_reason(caused)})" if caused else str(reason)
    return str(error)
