"""Behaviour only the Elasticsearch/OpenSearch engine has, on real nodes (scripts/engines.py starts them).

Distribution detection, the analysis-icu check and the reduced chain, the ICU chain itself (``_analyze``
on a node with the plugin), the versioned index behind an alias and its no-downtime upgrade (also through
``search-app reindex``), bulk ingest surviving a real node restart, and writes refused with HTTP 429
(an overloaded node) retried until they land.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from search_app import reindex
from search_app.config import Config
from search_app.engines.base import EngineUnavailable, MissingPlugin, SearchRequest
from search_app.engines.remote import open_remote_engine
from search_app.engines.remote_mapping import load_mapping, server_settings
from search_app.engines.remote_query import search_body

REPO_ROOT = Path(__file__).resolve().parents[2]


def node_url(kind: str) -> str:
    url = os.environ.get(f"SEARCH_APP_TEST_{kind.upper()}_URL")
    if not url:
        pytest.skip(f"no {kind} node: SEARCH_APP_TEST_{kind.upper()}_URL is unset (scripts/engines.py start)")
    return url


def http(method: str, url: str, body: dict | None = None) -> tuple[int, dict]:
    """A raw HTTP call to the node, to check what the engine did without going through it."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def config_for(url: str, reduced: bool = True, index: str | None = None) -> Config:
    return Config(engine_url=url, index=index or f"test-{uuid.uuid4().hex[:10]}", reduced_analysis=reduced)


@pytest.fixture
def cleanup():
    """Engines opened by a test, their indices dropped afterwards."""
    engines = []
    yield engines
    for engine in engines:
        try:
            engine.drop_index()
        finally:
            engine.close()


def article(i: int, title: str = "Budget for electric buses", year: int | None = 2024) -> dict:
    return {
        "id": f"doc-{i}",
        "title": f"{title} {i}",
        "body": f"The city council approved item {i} of the transport budget.",
        "language": "en",
        "languages": [{"code": "en", "share": 1.0}],
        "published": f"{year}-01-{(i % 28) + 1:02d}" if year else None,
        "year": year,
        "source": "Test Wire",
        "url": None,
        "countries": [{"code": "IN", "name": "India"}],
    }


# ----- per-document failures ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_a_document_the_node_refuses_is_reported_and_the_rest_are_indexed(kind, cleanup):
    engine = open_remote_engine(config_for(node_url(kind)))
    cleanup.append(engine)
    engine.ensure_index()
    bad = dict(article(2), published="the second of May")  # not a date: the mapping refuses it
    result = engine.upsert([article(1), bad, article(3)])
    assert (result.created, result.updated) == (2, 0)
    assert [doc_id for doc_id, _ in result.failed] == ["doc-2"]
    assert "published" in result.failed[0][1]
    no_id = dict(article(4), id="")
    assert engine.upsert([no_id]).failed == [("", "document has no id")]
    engine.refresh()
    assert engine.stats()["documents"] == 2
    assert engine.get("doc-2") is None


# ----- an overloaded node (HTTP 429) ------------------------------------------------------------------


def parent_breaker_trips(url: str) -> int:
    status, body = http("GET", f"{url}/_nodes/stats/breaker")
    assert status == 200, body
    return sum(node["breakers"]["parent"]["tripped"] for node in body["nodes"].values())


@pytest.fixture
def overloaded():
    """Makes a node answer 429 to writes and searches until ``relieve`` is called (and always afterwards).

    A parent circuit-breaker limit of 1% of the heap, below what the node already uses, refuses every
    request the breakers account for with HTTP 429, as a node short of memory does. The setting is
    dynamic and the cluster-settings call itself is exempt, so it can be lifted again at any time.
    (Elasticsearch 9 no longer counts bulk bodies against the in-flight breaker, so the parent one it is.)
    """
    urls = []

    def squeeze(url: str) -> None:
        urls.append(url)
        status, body = http(
            "PUT", f"{url}/_cluster/settings", {"transient": {"indices.breaker.total.limit": "1%"}}
        )
        assert status == 200, body

    def relieve(url: str) -> None:
        status, body = http(
            "PUT", f"{url}/_cluster/settings", {"transient": {"indices.breaker.total.limit": None}}
        )
        assert status == 200, body

    yield squeeze, relieve
    for url in urls:
        relieve(url)


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_writes_refused_with_429_are_retried_until_the_node_takes_them(kind, cleanup, overloaded):
    squeeze, relieve = overloaded
    url = node_url(kind)
    engine = open_remote_engine(config_for(url))
    cleanup.append(engine)
    engine.ensure_index()
    docs = [article(i) for i in range(50)]
    trips_before = parent_breaker_trips(url)
    squeeze(url)
    # Searches meanwhile are "unavailable" (the web app answers 503 with Retry-After), not errors.
    with pytest.raises(EngineUnavailable, match="429"):
        engine.search(SearchRequest(text="electric"))
    outcome: dict = {}
    writer = threading.Thread(target=lambda: outcome.update(result=engine.upsert(docs)))
    writer.start()
    time.sleep(1.5)  # the first bulk attempt is refused; streaming_bulk backs off (1 s, then 2 s)
    assert writer.is_alive(), "the write should still be waiting for the node"
    relieve(url)
    writer.join(timeout=120)
    assert not writer.is_alive()
    assert parent_breaker_trips(url) >= trips_before + 2, "the node refused the search and the first bulk"
    result = outcome["result"]
    assert (result.created, result.updated, result.failed) == (len(docs), 0, [])
    engine.refresh()
    assert engine.stats()["documents"] == len(docs)


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_suggestions_are_title_words_split_where_the_script_changes(kind, cleanup):
    engine = open_remote_engine(config_for(node_url(kind)))
    cleanup.append(engine)
    engine.ensure_index()
    doc = dict(article(1), title="સેર્ગેઈ લવરોવSCO બેઠક")  # no space between the name and "SCO"
    engine.upsert([doc])
    engine.refresh()
    assert engine.suggest("SC") == ["SCO"]
    assert "લવરોવ" in engine.suggest("લવ")
    assert all(not s.endswith("SCO") for s in engine.suggest("લવ"))


# ----- connecting --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_the_client_follows_the_servers_distribution(kind, cleanup):
    url = node_url(kind)
    engine = open_remote_engine(config_for(url))
    cleanup.append(engine)
    assert engine.name == kind
    client_module = "elasticsearch" if kind == "elasticsearch" else "opensearchpy"
    assert type(engine.client).__module__.split(".")[0] == client_module
    _, nodes = http("GET", f"{url}/_nodes/_local?filter_path=nodes.*.version")
    assert engine.stats()["version"] == next(iter(nodes["nodes"].values()))["version"]


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_fuzzy_words_are_highlighted_without_weight_matches_on_elasticsearch(kind, cleanup):
    # Weight-matches highlighting re-runs fuzzy automata per field and hit (5-10x slower); Elasticsearch
    # 8.10+ gets it switched off, OpenSearch (which has no such setting) must not get the setting at all.
    url = node_url(kind)
    engine = open_remote_engine(config_for(url))
    cleanup.append(engine)
    engine.ensure_index()
    engine.upsert([article(1, title="Veterinary concourse opens")])
    engine.refresh()
    _, settings = http("GET", f"{url}/{engine.index_name}/_settings?flat_settings=true")
    flat = next(iter(settings.values()))["settings"]
    expected = "false" if kind == "elasticsearch" and server_settings(kind, engine.flavor.version) else None
    assert flat.get("index.highlight.weight_matches_mode.enabled") == expected
    # A typo (fuzzy match) and a phrase are still marked, word by word.
    hit = engine.search(SearchRequest(text="veterinery concourse")).hits[0]
    assert "<mark>Veterinary</mark>" in hit.highlights["title"][0]
    hit = engine.search(SearchRequest(text='"concourse opens"')).hits[0]
    assert "<mark>concourse</mark> <mark>opens</mark>" in hit.highlights["title"][0]


def test_server_settings_only_where_the_server_knows_them():
    off = {"index.highlight.weight_matches_mode.enabled": False}
    assert server_settings("elasticsearch", "9.2.0") == off
    assert server_settings("elasticsearch", "8.10.1") == off
    assert server_settings("elasticsearch", "8.9.2") == {}
    assert server_settings("elasticsearch", "unknown") == {}
    assert server_settings("opensearch", "3.6.0") == {}


def test_an_unreachable_node_is_engine_unavailable():
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(EngineUnavailable, match=f"127.0.0.1:{port}"):
        open_remote_engine(Config(engine_url=url))


# ----- analysis-icu check and the reduced chain ---------------------------------------------------------


def test_a_node_without_analysis_icu_is_refused_with_the_install_command(cleanup):
    url = node_url("elasticsearch")
    engine = open_remote_engine(config_for(url, reduced=False))
    cleanup.append(engine)
    if engine.has_icu:
        pytest.skip("this Elasticsearch node has analysis-icu; the refusal needs one without it")
    with pytest.raises(MissingPlugin) as refused:
        engine.ensure_index()
    message = str(refused.value)
    assert "analysis-icu" in message
    assert "bin/elasticsearch-plugin install analysis-icu" in message
    assert "SEARCH_APP_REDUCED_ANALYSIS" in message
    # Refused before creating anything.
    assert http("GET", f"{url}/{engine.index_name}")[0] == 404
    assert http("GET", f"{url}/_alias/{engine.alias}")[0] == 404


def analyzer_of(url: str, index: str, field: str) -> str:
    _, mapping = http("GET", f"{url}/{index}/_mapping")
    properties = next(iter(mapping.values()))["mappings"]["properties"]
    return properties[field]["analyzer"]


def tokenizer_of(url: str, index: str, analyzer: str) -> str:
    _, settings = http("GET", f"{url}/{index}/_settings")
    analysis = next(iter(settings.values()))["settings"]["index"]["analysis"]
    return analysis["analyzer"][analyzer]["tokenizer"]


def test_the_reduced_flag_builds_the_index_with_built_in_analysis(cleanup):
    url = node_url("elasticsearch")
    engine = open_remote_engine(config_for(url, reduced=True))
    cleanup.append(engine)
    if engine.has_icu:
        pytest.skip("this Elasticsearch node has analysis-icu, so it never uses the reduced chain")
    engine.ensure_index()
    assert engine.stats()["analysis"] == "reduced"
    assert analyzer_of(url, engine.index_name, "title") == "indic_text"
    assert tokenizer_of(url, engine.index_name, "indic_text") == "standard"
    engine.upsert([article(1)])
    engine.refresh()
    assert [hit.id for hit in engine.search(SearchRequest(text="electric")).hits] == ["doc-1"]


def test_a_node_with_icu_uses_the_full_chain_even_when_reduced_is_allowed(cleanup):
    url = node_url("opensearch")
    engine = open_remote_engine(config_for(url, reduced=True))
    cleanup.append(engine)
    assert engine.has_icu, "the OpenSearch test node is provisioned with analysis-icu"
    engine.ensure_index()
    assert engine.stats()["analysis"] == "icu"
    assert tokenizer_of(url, engine.index_name, "indic_text") == "icu_tokenizer"


# ----- the ICU chain itself -------------------------------------------------------------------------------


@pytest.fixture
def icu_index(cleanup):
    url = node_url("opensearch")
    engine = open_remote_engine(config_for(url, reduced=False))
    cleanup.append(engine)
    engine.ensure_index()
    return url, engine.index_name


def tokens(url: str, index: str, analyzer: str, text: str) -> list[str]:
    status, answer = http("POST", f"{url}/{index}/_analyze", {"analyzer": analyzer, "text": text})
    assert status == 200, answer
    return [t["token"] for t in answer["tokens"]]


@pytest.mark.parametrize(
    ("analyzer", "variants"),
    [
        ("skeleton_text", ["लावरोव", "લવરોવ", "Lavrov"]),  # one name in three scripts
        ("skeleton_text", ["शहबाज़ शरीफ़", "શહબાઝ શરીફ", "Shehbaz Sharif"]),
        ("latin_text", ["इमरान ख़ान", "ઇમરાન ખાન", "Imran Khan"]),
        ("indic_text", ["हिन्दी", "हिंदी", "हिन्\u200dदी"]),  # half nasal, anusvara, joiner
        ("indic_text", ["ज़रदारी", "जरदारी"]),  # nukta
        ("indic_text", ["४२", "૪૨", "42"]),  # native digits
        ("latin_text", ["लावरोव", "લવરોવ"]),
    ],
)
def test_the_icu_chain_folds_spelling_and_script_variants(icu_index, analyzer, variants):
    url, index = icu_index
    analysed = [tokens(url, index, analyzer, text) for text in variants]
    assert analysed[0], variants[0]
    assert all(result == analysed[0] for result in analysed), dict(zip(variants, analysed, strict=True))


VARIANT_TEXTS = [
    "लावरोव ज़रदारी हिन्दी हिंदी हिन्\u200dदी ४२ ૧૨૦ Imran Khan's café naïve e-mail 3.5 U.S.A. १२०वीं",
    "ओ ए आ ઓ એ eye Iowa a",  # words of vowels alone: their consonant skeleton is empty
    # Apostrophes (transliterated, possessive, curly, full-width) and letters beyond ASCII Latin.
    "मुंबई केन्या O'Brien China\u2019s Jerry\uff07s Straße Nguyễn Đà Nẵng 2024 G20 ５０",
    # Inherent vowels Latin spellings leave out, ch and sh sounds, f.
    "इमरान ख़ान कोहली शाह चेन्नई सरकार मित्र बदलना शरीफ़ ખાનને કોહલી ચેન્નઈ ષટ્કોણ Świątek Phadnavis",
    "ऋषि सुनक कृष्ण ઋષિ કૃષ્ણ पृथ्वी",  # the vocalic r
    # English plurals and verb forms (and words the stemmer leaves alone), doubled Latin vowels.
    "elections countries flies boxes does news glass status series Buses pies Chandrayaan Kareena Pooja zoo",
    "retained attacking announced adding offing injuries universities Jones Kejriwal café naïve 1990s",
    # ड़ and ढ़ keep their nukta; the schwa before a final pair; jñ, w, ay, z and jh; doubled letters.
    "चोपड़ा बड़ौदा पढ़ाई अरशद हरकत भारत ज्ञानवापी જ્ઞાન उदयपुर वैष्णव ज़रदारी નવાઝ झारखंड",
    "Assam Mussoorie T20 टी20 राहत xxxx",
    # Vowel slots in the skeletons: i and y, diphthongs, -tion, a word's first vowel; half nasals by class.
    "Ukraine यूक्रेन करने Kareena करीना Rohit रोहित Biden बाइडेन મેક્રોં ઇમેન્યુઅલ Jaishankar जयशंकर mission",
    "Virginia वर्जीनिया Chouhan चौहान विलियम्स नेतन्याहू सम्बन्ध कुण्ड ङ्क ञ्च અન્ય સમ્બન્ધ Australia",
    "Singh सिंह સિંહ सिन्हा सिंहासन गायकवाड़ Gaikwad चंद्रचूड़ गढ़वाल",
    # Function words leave the cross-script fields, also in the spellings the char filters make.
    "मोदी पर हमला बाद में करता कर्यु કર્યું છે અને अपने काफ़ी इन्हें par bad court",
    "Hamas homes Poland planned CERT Über über Éire",  # Latin skeletons of capitalized words only
    # Gujarati case endings: one-letter words with an ending stay whole, no bare half letter is left.
    "ધોની ધોનીને રાની સોનીને ખન્ના ખન્નાના તેને આની પાકિસ્તાનના ભારતે ઘરે ખેલાડીઓ મુંબઈમાં",
    "Infosys इंफोसिस Samvidhan संविधान कानपुर Kanpur ઇન્ફોસિસ Champions",  # a nasal before a labial
]


@pytest.mark.parametrize(
    "analyzer",
    ["indic_text", "latin_text", "skeleton_text", "skeleton_latin_words", "skeleton_nonlatin_words"],
)
def test_the_server_chain_gives_the_terms_of_the_embedded_chain(icu_index, seeds_dir, analyzer):
    """Both engines index the same terms for the same text (the embedded engine runs the mapping's chain
    in Python), so a query finds the same documents on either."""
    from search_app.analysis import terms

    url, index = icu_index
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.iterdir()) if path.is_file()]
    assert texts
    for text in [*texts, *VARIANT_TEXTS]:
        assert tokens(url, index, analyzer, text) == terms(text, analyzer), text[:80]


ENGLISH_DICTIONARY = Path("/usr/share/hunspell/en_US.dic")  # Debian's hunspell-en-us (scripts/test)


def test_the_english_stemmer_stems_every_dictionary_word_as_the_server_does():
    """The embedded engine's porter2 (PyStemmer and the one rule of Lucene's later Snowball) against the
    node's, word by word: the dictionary's words and their -s, -ed, -ing, -ly forms."""
    from search_app.analysis.token_filters import english_stem, english_stem_many

    url = node_url("opensearch")
    if not ENGLISH_DICTIONARY.exists():
        pytest.skip(f"{ENGLISH_DICTIONARY} is missing: apt-get install hunspell-en-us")
    lines = ENGLISH_DICTIONARY.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    stems = {line.split("/")[0].lower() for line in lines}
    stems = sorted(w for w in stems if re.fullmatch("[a-z]+", w))
    words = sorted({*stems, *(w + end for w in stems[::3] for end in ("s", "ed", "ing", "ingly", "edly"))})
    assert len(words) > 100_000
    differ = []
    for start in range(0, len(words), 9000):  # the node's _analyze stops at 10,000 tokens
        chunk = words[start : start + 9000]
        filters = [{"type": "stemmer", "language": "porter2"}]
        status, answer = http(
            "POST", f"{url}/_analyze", {"tokenizer": "whitespace", "filter": filters, "text": " ".join(chunk)}
        )
        assert status == 200, answer
        served = [t["token"] for t in answer["tokens"]]
        assert len(served) == len(chunk)
        ours = english_stem_many(chunk)
        differ += [
            (w, s, o) for w, s, o in zip(chunk, served, ours, strict=True) if s != o or english_stem(w) != s
        ]
    assert differ == []


# ----- versioned index behind an alias ----------------------------------------------------------------------


def mapping_version(version: int) -> dict:
    mapping = copy.deepcopy(load_mapping())
    mapping["version"] = version
    return mapping


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_a_mapping_change_reindexes_behind_the_alias_with_no_downtime(kind, cleanup):
    url = node_url(kind)
    config = config_for(url)
    current = int(load_mapping()["version"])
    old = open_remote_engine(config, mapping=mapping_version(current))
    cleanup.append(old)
    old.ensure_index()
    docs = [article(i) for i in range(300)]
    assert old.upsert(docs).created == len(docs)
    old.refresh()

    new = open_remote_engine(config, mapping=mapping_version(current + 1))
    cleanup.append(new)
    assert new.index_name != old.index_name

    # Search through the alias the whole time the upgrade runs: every answer has every document.
    totals, errors, done = [], [], threading.Event()

    def keep_searching():
        while not done.is_set():
            try:
                totals.append(new.search(SearchRequest(text="electric")).total)
            except Exception as exc:
                errors.append(exc)

    reader = threading.Thread(target=keep_searching)
    reader.start()
    try:
        new.ensure_index()
    finally:
        done.set()
        reader.join()
    assert errors == []
    assert totals and set(totals) == {len(docs)}

    _, aliases = http("GET", f"{url}/_alias/{config.index}")
    assert list(aliases) == [new.index_name]
    assert http("GET", f"{url}/{old.index_name}")[0] == 404  # the old version is gone
    assert new.stats()["documents"] == len(docs)
    assert new.get("doc-7") == docs[7]
    new.ensure_index()  # already current: nothing to do
    assert new.stats()["index"] == new.index_name


def test_two_processes_upgrading_at_once_both_succeed(cleanup):
    url = node_url("opensearch")
    config = config_for(url)
    current = int(load_mapping()["version"])
    old = open_remote_engine(config, mapping=mapping_version(current))
    cleanup.append(old)
    old.ensure_index()
    docs = [article(i) for i in range(200)]
    old.upsert(docs)
    old.refresh()
    workers = [open_remote_engine(config, mapping=mapping_version(current + 1)) for _ in range(2)]
    cleanup.extend(workers)
    errors = []

    def upgrade(engine):
        try:
            engine.ensure_index()
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=upgrade, args=(engine,)) for engine in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _, aliases = http("GET", f"{url}/_alias/{config.index}")
    assert list(aliases) == [workers[0].index_name]
    assert workers[0].stats()["documents"] == len(docs)


def test_reindex_command_upgrades_and_rebuilds_from_scratch(cleanup, monkeypatch, capsys):
    url = node_url("opensearch")
    config = config_for(url)
    current = int(load_mapping()["version"])
    old = open_remote_engine(config, mapping=mapping_version(current - 1))
    cleanup.append(old)
    old.ensure_index()
    old.upsert([article(i) for i in range(5)])
    old.refresh()
    monkeypatch.setenv("SEARCH_APP_ENGINE_URL", url)
    monkeypatch.setenv("SEARCH_APP_INDEX", config.index)

    assert reindex.run(argparse.Namespace(from_scratch=False)) == 0
    current_name = f"{config.index}-v{current}"
    assert f"{old.index_name} (5 documents) -> {current_name} (5 documents)" in capsys.readouterr().out
    _, aliases = http("GET", f"{url}/_alias/{config.index}")
    assert list(aliases) == [current_name]

    assert reindex.run(argparse.Namespace(from_scratch=False)) == 0
    assert "already at the current mapping version" in capsys.readouterr().out

    assert reindex.run(argparse.Namespace(from_scratch=True)) == 0
    assert f"created {current_name} (0 documents)" in capsys.readouterr().out


def test_reindex_command_reports_an_unreachable_engine(monkeypatch, capsys):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("SEARCH_APP_ENGINE_URL", f"http://127.0.0.1:{port}")
    assert reindex.run(argparse.Namespace(from_scratch=False)) == 1
    assert "cannot reach" in capsys.readouterr().err


# ----- queries are structured, never query strings ---------------------------------------------------------


def _walk(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,), value
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value, path)


def test_user_text_only_reaches_the_server_as_text_to_analyze():
    text = 'title:x OR "a b" -c* AND (d) {"script": 1}'
    body = search_body(SearchRequest(text=text, filters={"year": ["2024", "unknown", "x"]}))
    keys = {path[-1] for path, _ in _walk(body)}
    assert not keys & {"query_string", "simple_query_string", "script", "wildcard"}
    for path, value in _walk(body):
        # the one regular expression, a skeleton's guard (skeleton_guard.py), is built of fixed pieces:
        # letters and the operators that join them, never the text typed
        if "regexp" in path and path[-1] == "value":
            assert re.fullmatch(r"[a-z()|+*?\[\]]+", value) and "script" not in value, value
        # every string that came from the user sits under a "query" key of a match clause
        if isinstance(value, str) and any(word in value for word in ("title:x", "c*", "(d)", "a b")):
            assert path[-1] == "query", path
    year = json.dumps(body["post_filter"])
    assert '"x"' not in year  # a year that is not a number selects nothing instead of failing


def test_engines_script_start_on_a_running_node_writes_the_test_settings(tmp_path):
    url = node_url("elasticsearch")
    engines = load_engines_script()
    if url != engines.instance("elasticsearch").url:
        pytest.skip(f"the Elasticsearch test node at {url} was not started by scripts/engines.py")
    env_file = tmp_path / "engines.env"
    code = engines.main(["start", "elasticsearch", "--env-file", str(env_file)])
    assert code == 0
    assert env_file.read_text().splitlines() == [
        f"export SEARCH_APP_TEST_ELASTICSEARCH_URL={url}",
        "export SEARCH_APP_TEST_ELASTICSEARCH_REDUCED=true",
    ]
    assert engines.is_healthy(engines.instance("elasticsearch"))


# ----- bulk ingest across a real node restart ------------------------------------------------------------


def load_engines_script():
    spec = importlib.util.spec_from_file_location("engines_script", REPO_ROOT / "scripts" / "engines.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def throwaway_node():
    """A node of its own (on a free port) that the test may restart; removed afterwards."""
    engines = load_engines_script()
    dist = engines.DISTRIBUTIONS["elasticsearch"]
    if not (dist.home / ".provisioned").exists():
        pytest.skip("Elasticsearch is not provisioned here: run `python scripts/engines.py provision`")
    with socket.socket() as sock:  # a free port, so a node left over elsewhere cannot collide
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    node = engines.instance("elasticsearch", name="restart-test", port=port)
    engines.remove(node)
    engines.start(node)
    yield engines, node
    engines.remove(node)


def test_an_ingest_interrupted_by_a_restart_and_run_again_indexes_every_document_once(throwaway_node):
    engines, node = throwaway_node
    engine = open_remote_engine(config_for(node.url, reduced=True, index="restart"))
    try:
        engine.ensure_index()
        docs = [article(i) for i in range(20000)]
        outcome: dict = {}

        def ingest():
            try:
                outcome["result"] = engine.upsert(docs)
            except Exception as exc:  # the first run may give up while the node is down: run it again
                outcome["error"] = exc

        writer = threading.Thread(target=ingest)
        writer.start()
        # Restart once the first chunks are in, while the rest are still being written.
        while http("GET", f"{node.url}/restart/_count")[1].get("count", 0) == 0 and writer.is_alive():
            time.sleep(0.05)
        engines.stop(node)
        assert writer.is_alive(), "the ingest finished before the restart; index more documents"
        # While the node is down, reads fail as "unavailable" (the web app answers 503), not as errors.
        with pytest.raises(EngineUnavailable):
            engine.search(SearchRequest(text="electric"))
        assert engine.health().ok is False
        engines.start(node)
        writer.join()
        assert "error" in outcome or outcome["result"].failed == []

        again = engine.upsert(docs)
        assert again.failed == []
        assert again.created + again.updated == len(docs)
        engine.refresh()
        assert engine.stats()["documents"] == len(docs)
        total = engine.search(SearchRequest(text="electric", size=1)).total
        assert total == len(docs)
        assert engine.get("doc-19999") == docs[-1]
    finally:
        engine.close()
