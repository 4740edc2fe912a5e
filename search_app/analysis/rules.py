"""The analysis rules, loaded from data: the index mapping (one source of truth shared with
Elasticsearch/OpenSearch) and the Lucene filter tables ported as JSON in ``data/``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MAPPING_PATH = Path(__file__).resolve().parents[2] / "index_mappings" / "articles.json"
DATA_DIR = Path(__file__).resolve().parent / "data"

# A Java replacement group reference ($1) rewritten for Python's re (\g<1>).
_JAVA_GROUP = re.compile(r"\$(\d+)")


def python_replacement(java_replacement: str) -> str:
    """A ``pattern_replace`` replacement string (Java syntax, ``$1``) in Python's ``re`` syntax."""
    return _JAVA_GROUP.sub(r"\\g<\1>", java_replacement)


@dataclass(frozen=True)
class CharFilter:
    """A ``pattern_replace`` char filter from the mapping."""

    name: str
    pattern: re.Pattern[str]
    replacement: str


@dataclass(frozen=True)
class AnalyzerRules:
    """What one analyzer of the mapping is made of, by name."""

    name: str
    char_filters: tuple[CharFilter, ...]
    filters: tuple[str, ...]


@cache
def load_mapping(path: Path = MAPPING_PATH) -> dict[str, Any]:
    """The index mapping JSON (settings, analysis, mappings, version)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@cache
def load_data(name: str) -> dict[str, Any]:
    """One of the JSON rule tables in ``search_app/analysis/data``."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


def _analysis() -> dict[str, Any]:
    return load_mapping()["settings"]["analysis"]


# A query word is also looked for read whole, without the Gujarati stemmer's cut: a bare word that ends
# as a case ending does (હસીના, Hasina, reads as હસી + ના) is what the articles' inflected forms of it
# (હસીનાનું, હસીનાને) are stemmed to. ``whole_word(analyzer)`` names that reading of an analyzer; it exists
# only here, at query time (the query sends its terms to Elasticsearch/OpenSearch as they are).
_WHOLE_WORD = "+whole"
_CUTTING_FILTERS = frozenset({"gujarati_light_stem"})


def whole_word(analyzer: str) -> str:
    """The name of ``analyzer`` without its cutting stemmer (see ``_WHOLE_WORD``)."""
    return analyzer + _WHOLE_WORD


@cache
def gujarati_endings() -> tuple[str, ...]:
    """The case endings ``gujarati_light_stem`` cuts: the alternation its pattern ends with."""
    found = re.search(r"\(\?:([^()]*)\)\$$", filter_spec("gujarati_light_stem")["pattern"])
    if not found:
        raise ValueError("gujarati_light_stem: no alternation of endings at the end of its pattern")
    return tuple(found.group(1).split("|"))


@cache
def analyzer_rules(name: str) -> AnalyzerRules:
    """The char filters and token filter names of analyzer ``name`` in the mapping (or of its reading
    ``whole_word``)."""
    if name.endswith(_WHOLE_WORD):
        base = analyzer_rules(name.removesuffix(_WHOLE_WORD))
        kept = tuple(f for f in base.filters if f not in _CUTTING_FILTERS)
        return AnalyzerRules(name, base.char_filters, kept)
    analysis = _analysis()
    spec = analysis["analyzer"][name]
    char_filters = []
    for filter_name in spec.get("char_filter", []):
        cf = analysis["char_filter"][filter_name]
        if cf["type"] != "pattern_replace":
            raise ValueError(f"char filter {filter_name}: only pattern_replace is supported")
        char_filters.append(
            CharFilter(filter_name, re.compile(cf["pattern"]), python_replacement(cf["replacement"]))
        )
    return AnalyzerRules(name, tuple(char_filters), tuple(spec["filter"]))


def filter_spec(name: str) -> dict[str, Any]:
    """The definition of a custom token filter in the mapping (e.g. an icu_transform's id)."""
    return _analysis()["filter"][name]


@cache
def stop_words() -> frozenset[str]:
    """The ``multilingual_stop`` list of the mapping."""
    return frozenset(filter_spec("multilingual_stop")["stopwords"])


def mapping_version() -> int:
    """The mapping's version number (bumped when analysis or fields change)."""
    return int(load_mapping()["version"])


def _field_specs(properties: dict[str, Any]) -> list[dict[str, Any]]:
    specs = []
    for spec in properties.values():
        specs.append(spec)
        specs.extend(_field_specs(spec.get("fields", {})))
        specs.extend(_field_specs(spec.get("properties", {})))
    return specs


@cache
def search_analyzer(analyzer: str) -> str:
    """The analyzer query text is analysed with for the fields indexed by ``analyzer`` (the mapping's
    ``search_analyzer`` of those fields; the analyzer itself where they name none)."""
    chosen = {
        spec.get("search_analyzer", analyzer)
        for spec in _field_specs(load_mapping()["mappings"]["properties"])
        if spec.get("analyzer") == analyzer
    }
    if len(chosen) > 1:
        raise ValueError(f"fields analysed by {analyzer} name different search analyzers: {sorted(chosen)}")
    return chosen.pop() if chosen else analyzer
