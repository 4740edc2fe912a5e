"""Facet counts of recent searches, kept for one generation of the embedded engine's searcher.

Counting facets is the largest part of an embedded search (one aggregation over every match), and the
same counts are asked for again and again: the next page of a query, the same query from another user,
and, after a filter is toggled, the counts of that facet (which ignore its own filter). Entries are
keyed by the query, the filters applied to them and the facets counted, and belong to one generation:
the object the engine replaces whenever its searcher may see different documents (a reload after any
commit, this process's or another's). A lookup with another generation empties the cache, so a count
is never served for documents the searcher no longer shows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

FACET_CACHE_SIZE = 512  # entries (one per query, filter set and facets: a few hundred bytes each)


class FacetCache:
    """A thread-safe LRU map from hashable keys to facet counts, valid for one searcher generation."""

    def __init__(self, size: int = FACET_CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._generation: object = None
        self._lock = threading.Lock()

    def _check(self, generation: object) -> bool:
        """Is ``generation`` the current one? A new one (compared by identity) empties the cache."""
        if generation is self._generation:
            return True
        self._entries.clear()
        self._generation = generation
        return False

    def get(self, generation: object, key: Hashable) -> Any | None:
        """The value stored under ``key`` for this generation, or None."""
        with self._lock:
            if not self._check(generation):
                return None
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, generation: object, key: Hashable, value: Any) -> None:
        """Remember ``value`` for this generation, forgetting the least recently used beyond ``size``."""
        if self.size <= 0:
            return
        with self._lock:
            self._check(generation)
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
