"""The fixed, mixed query set the search and HTTP benchmarks replay (data in ``bench/queries.json``).

Every query text is combined with every filter set, so each kind of query (one word, two words, phrase,
cross-script name, Latin-letter name) runs with 0, 1, 2 and 3 facet filters, always with highlighting.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

QUERIES_FILE = Path(__file__).resolve().parent / "queries.json"


@dataclass(frozen=True)
class QuerySpec:
    """One benchmark query: the text a user types, its kind, and the facet filters selected."""

    kind: str
    text: str
    filters: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def facet_count(self) -> int:
        return len(self.filters)

    def engine_request(self, size: int = 10):
        """The very ``SearchRequest`` the web layer hands the engine for this query (highlighting on).

        Built with the application's own parameter parser and engine translation (e.g. country codes to
        the names engines facet on), so the engine and the API time exactly the same search.
        """
        from werkzeug.datastructures import MultiDict

        from search_app.web.search_params import parse_search_args
        from search_app.web.search_service import engine_request

        args = MultiDict(urllib.parse.parse_qsl(self.query_string(size)))
        return engine_request(parse_search_args(args))

    def query_string(self, size: int = 10) -> str:
        """The same query as ``/api/search`` or ``/`` parameters (repeated keys for multi-select)."""
        params = [("q", self.text)]
        params += [(name, value) for name, values in self.filters for value in values]
        params.append(("size", str(size)))
        return urllib.parse.urlencode(params)


def load_query_set(path: Path = QUERIES_FILE) -> list[QuerySpec]:
    """Every query text crossed with every filter set, in a fixed order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    filter_sets = [
        tuple((name, tuple(str(v) for v in values)) for name, values in sorted(filters.items()))
        for filters in data["filter_sets"]
    ]
    return [
        QuerySpec(query["kind"], query["text"], filters)
        for query in data["queries"]
        for filters in filter_sets
    ]
