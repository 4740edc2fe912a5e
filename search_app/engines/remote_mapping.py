"""The index body for Elasticsearch/OpenSearch, from ``index_mappings/articles.json``.

Two chains come from the one file:

- full: the file as it is (ICU tokenizer, normalizer, transforms, Indic/Hindi filters); needs the
  ``analysis-icu`` plugin and the ``analysis-common`` module;
- reduced: for test nodes without them (the Elasticsearch integ-test-zip). Every analyzer becomes the
  ``standard`` tokenizer with ``lowercase`` and the same stop words, the only pieces a bare node has. The
  fields, subfields and analyzer names stay the same, so queries, highlighting and facets run unchanged;
  only cross-script matching and spelling-variant folding are lost.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from search_app.analysis.chain import segment
from search_app.documents import FIELDS

MAPPING_PATH = Path(__file__).resolve().parents[2] / "index_mappings" / "articles.json"

# Fields the engine adds to each stored article (facet keywords, completion inputs); stripped on the way out.
DERIVED_FIELDS: tuple[str, ...] = ("country", "suggest")
DROP_EMPTY = "search_app_drop_empty"


@cache
def load_mapping(path: Path = MAPPING_PATH) -> dict[str, Any]:
    """The mapping file (settings, mappings, version)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _strip_comments(value: Any) -> Any:
    """The file documents itself with ``_comment`` keys; servers reject unknown settings."""
    if isinstance(value, dict):
        return {k: _strip_comments(v) for k, v in value.items() if not k.endswith("_comment")}
    if isinstance(value, list):
        return [_strip_comments(v) for v in value]
    return value


def _reduced_analysis(analysis: dict[str, Any]) -> dict[str, Any]:
    stop = analysis["filter"]["multilingual_stop"]
    analyzers = {}
    for name, spec in analysis["analyzer"].items():
        filters = ["lowercase"]
        if "multilingual_stop" in spec.get("filter", []):
            filters.append("multilingual_stop")
        analyzers[name] = {"type": "custom", "tokenizer": "standard", "filter": filters}
    return {
        "filter": {"multilingual_stop": {"type": "stop", "stopwords": stop.get("stopwords", [])}},
        "analyzer": analyzers,
    }


def _drop_empty_tokens(analysis: dict[str, Any]) -> None:
    """A transform can leave an empty term (the consonant skeleton of a word of vowels). Lucene indexes
    it, and a query word of vowels alone would then match every document holding one; the embedded
    engine drops such terms, so the server drops them too (a ``length`` filter, min 1, at the end)."""
    filters = analysis["filter"]
    transforms = {name for name, spec in filters.items() if spec.get("type") == "icu_transform"}
    filters[DROP_EMPTY] = {"type": "length", "min": 1}
    for spec in analysis["analyzer"].values():
        if transforms.intersection(spec.get("filter", [])):
            spec["filter"] = [*spec["filter"], DROP_EMPTY]


def server_settings(distribution: str, version: str) -> dict[str, Any]:
    """Index settings that only some servers know (an unknown setting fails the index creation).

    Elasticsearch 8.10 and later highlight in Lucene's "weight matches" mode, which rebuilds the fuzzy
    queries' automata for every highlighted field of every hit (elastic/elasticsearch#120565): with our
    fuzzy word queries that made highlighting 5-10 times slower than the search itself (a two-word query
    at 10,000 articles: 500 ms against 74 ms without it). Without it words are marked one by one, as
    OpenSearch and the embedded engine mark them.
    """
    if distribution != "elasticsearch":
        return {}
    number = re.match(r"(\d+)\.(\d+)", version)
    if not number or (int(number[1]), int(number[2])) < (8, 10):
        return {}  # older, or a version we cannot read: leave the server's defaults
    return {"index.highlight.weight_matches_mode.enabled": False}


def index_body(
    mapping: dict[str, Any], reduced: bool, extra_settings: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The ``settings`` and ``mappings`` to create an index with."""
    body = _strip_comments(copy.deepcopy({"settings": mapping["settings"], "mappings": mapping["mappings"]}))
    if reduced:
        body["settings"]["analysis"] = _reduced_analysis(body["settings"]["analysis"])
    else:
        _drop_empty_tokens(body["settings"]["analysis"])
    body["settings"].update(extra_settings or {})
    return body


def versioned_name(alias: str, mapping: dict[str, Any]) -> str:
    """The real index behind ``alias`` for this mapping version, e.g. ``articles-v2``."""
    return f"{alias}-v{int(mapping['version'])}"


def title_words(title: str) -> list[str]:
    """The words of a title, as the embedded engine's tokenizer finds them (ICU word boundaries, then
    script changes: ``लवरोवSCO`` is two words, and Indic vowel signs stay inside their word)."""
    return [word.text for word in segment(title)]


def to_source(article: dict[str, Any]) -> dict[str, Any]:
    """The stored document: the Article fields plus the derived facet and completion fields."""
    source = {name: article.get(name) for name in FIELDS}
    countries = article.get("countries") or []
    # Facet values are the English names (as on every engine); a code stands in when a name is missing.
    names = [c.get("name") or c.get("code") for c in countries if c.get("name") or c.get("code")]
    source["country"] = list(dict.fromkeys(names))
    title = unicodedata.normalize("NFC", article.get("title") or "").strip()
    inputs = [title, *title_words(title)] if title else []
    source["suggest"] = {"input": list(dict.fromkeys(i for i in inputs if i))}
    return source


def from_source(source: dict[str, Any]) -> dict[str, Any]:
    """The Article as ingest gave it: the stored document without the derived fields."""
    return {k: v for k, v in source.items() if k not in DERIVED_FIELDS}
