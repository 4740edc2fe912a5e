"""Embedded-engine behaviour beyond the contract: persistence, several processes, version upgrades."""

from __future__ import annotations

import html
import json
import multiprocessing
import subprocess
import sys
import textwrap
import threading
import unicodedata
from pathlib import Path

import pytest

from search_app.config import Config
from search_app.engines import embedded_highlight, embedded_schema, open_engine
from search_app.engines.base import EngineUnavailable, SearchRequest
from search_app.engines.embedded import EmbeddedEngine
from search_app.engines.embedded_schema import DocumentPreparer, prepare_document


def article(doc_id: str, title: str, body: str = "", published: str | None = "2024-01-15") -> dict:
    return {
        "id": doc_id,
        "title": title,
        "body": body,
        "language": "en",
        "languages": [{"code": "en", "share": 1.0}],
        "published": published,
        "year": int(published[:4]) if published else None,
        "source": "Test Wire",
        "url": None,
        "countries": [{"code": "IN", "name": "India"}],
    }


@pytest.fixture
def engine(tmp_path):
    eng = EmbeddedEngine(tmp_path / "data")
    eng.ensure_index()
    yield eng
    eng.close()


def run_python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    """Start another Python process running ``code`` (with this repository importable)."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_documents_survive_reopening(tmp_path):
    first = EmbeddedEngine(tmp_path / "data")
    first.ensure_index()
    first.upsert([article("a1", "Monsoon reaches Kerala early"), article("a2", "Sensex closes higher")])
    first.close()

    second = EmbeddedEngine(tmp_path / "data")
    second.ensure_index()
    assert second.get("a1")["title"] == "Monsoon reaches Kerala early"
    assert [hit.id for hit in second.search(SearchRequest(text="monsoon")).hits] == ["a1"]
    assert second.stats()["documents"] == 2


def test_search_before_ensure_index_creates_an_empty_index(tmp_path):
    engine = EmbeddedEngine(tmp_path / "fresh")
    assert engine.search(SearchRequest(text="anything")).total == 0
    assert engine.health().ok


def test_documents_without_an_id_are_reported_not_indexed(engine):
    result = engine.upsert([{"title": "no id"}, article("ok", "Fine"), {"id": "", "title": "empty id"}])
    assert result.created == 1
    assert [reason for _, reason in result.failed] and len(result.failed) == 2
    assert engine.stats()["documents"] == 1


def test_a_prepared_documents_metadata_is_made_anew_as_preparing_it_again_would():
    # ingest names a host's site after a worker prepared the article: only its metadata is redone.
    doc = dict(article("h1", "संसद का मानसून सत्र", LONG_HINDI), language="hi", source="sansad.example")
    renamed = dict(doc, source="Sansad Samachar")
    preparer = DocumentPreparer()
    assert preparer.with_metadata(preparer(doc), renamed) == prepare_document(renamed)
    assert preparer.with_metadata(preparer({"title": "no id"}), renamed) == prepare_document(renamed)


def test_documents_prepared_elsewhere_index_as_upsert_does(tmp_path):
    # ingest --jobs analyses articles in worker processes (prepare_document) and the parent only adds
    # them: the index must answer exactly as if the parent had upserted the articles itself.
    docs = [
        dict(article("h1", "संसद का मानसून सत्र", LONG_HINDI), language="hi"),
        article("e1", "Lavrov visits Delhi", "Talks covered trade and energy with Sergei Lavrov. " * 5),
        article("e2", "Monsoon reaches Kerala early", "The monsoon, the rains and the harvest."),
    ]
    direct, prepared = EmbeddedEngine(tmp_path / "direct"), EmbeddedEngine(tmp_path / "prepared")
    try:
        for eng in (direct, prepared):
            eng.ensure_index()
        assert direct.upsert(docs).created == 3
        result = prepared.upsert_prepared(
            [prepare_document(d) for d in [*docs, {"title": "no id"}, {"id": "", "title": "empty id"}]]
        )
        assert result.created == 3
        assert result.failed == direct.upsert([{"title": "no id"}, {"id": "", "title": "empty id"}]).failed
        for text in ("मानसून", "monsoon", "lavrov", "लावरोव", '"trade and energy"', ""):
            want, got = direct.search(SearchRequest(text=text)), prepared.search(SearchRequest(text=text))
            assert got.total == want.total
            assert [(h.id, h.highlights) for h in got.hits] == [(h.id, h.highlights) for h in want.hits]
            assert got.facets == want.facets
        assert prepared.suggest("mon") == direct.suggest("mon")
        assert prepared.upsert_prepared([prepare_document(docs[1])]).updated == 1
    finally:
        direct.close()
        prepared.close()


READER = """
    import json, sys, time
    from pathlib import Path
    from search_app.engines.base import SearchRequest
    from search_app.engines.embedded import EmbeddedEngine

    engine = EmbeddedEngine(Path(sys.argv[1]))
    expected = int(sys.argv[2])
    seen = []
    print("ready", flush=True)
    deadline = time.monotonic() + 120  # a safety net against hanging, not a measurement
    while time.monotonic() < deadline:
        total = engine.search(SearchRequest(text="harvest")).total
        if not seen or seen[-1] != total:
            seen.append(total)
        if total == expected:
            break
        time.sleep(0.02)
    print(json.dumps(seen), flush=True)
"""


def test_another_process_sees_commits_while_this_one_writes(engine, tmp_path):
    batches, per_batch = 5, 4
    expected = batches * per_batch
    reader = run_python(READER, str(tmp_path / "data"), str(expected))
    assert reader.stdout.readline().strip() == "ready"
    for b in range(batches):
        engine.upsert(
            article(f"d{b}-{i}", f"Harvest report {b} {i}", "Farmers expect a good harvest.")
            for i in range(per_batch)
        )
    out, _ = reader.communicate(timeout=180)
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen[-1] == expected  # the other process saw every commit ...
    assert seen == sorted(seen)  # ... and never a count going backwards


HOLDER = """
    import sys
    import tantivy
    index = tantivy.Index.open(sys.argv[1])
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_a_second_writer_waits_then_fails_clearly(engine):
    live = Path(engine.stats()["path"])
    holder = run_python(HOLDER, str(live))
    try:
        assert holder.stdout.readline().strip() == "locked"
        engine.lock_timeout = 0.3
        with pytest.raises(EngineUnavailable, match="another process is writing"):
            engine.upsert([article("x", "Blocked")])
        engine.lock_timeout = 120

        results = []
        waiting = threading.Thread(target=lambda: results.append(engine.upsert([article("y", "Waited")])))
        waiting.start()
        holder.stdin.write("release\n")
        holder.stdin.flush()
        waiting.join()
    finally:
        holder.communicate(timeout=60)
    assert results and results[0].created == 1
    assert engine.get("y") is not None
    assert engine.get("x") is None


def test_a_new_version_is_built_from_the_old_one_and_swapped_in(tmp_path, monkeypatch):
    old = EmbeddedEngine(tmp_path / "data")
    old.ensure_index()
    old.upsert(
        [article("a", "Rupee gains against the dollar"), article("b", "Monsoon session of Parliament")]
    )
    old_version = old.stats()["version"]
    reader = EmbeddedEngine(tmp_path / "data")
    assert reader.search(SearchRequest(text="rupee")).total == 1

    monkeypatch.setattr(embedded_schema, "LAYOUT_VERSION", embedded_schema.LAYOUT_VERSION + 1)
    new = EmbeddedEngine(tmp_path / "data")
    new.ensure_index()

    stats = new.stats()
    assert stats["version"] != old_version
    assert stats["documents"] == 2
    assert not (tmp_path / "data" / "articles" / old_version).exists()
    assert new.get("b")["title"] == "Monsoon session of Parliament"
    assert [hit.id for hit in new.search(SearchRequest(text="rupee")).hits] == ["a"]

    reader.refresh()  # a process that had the old version open follows the swap
    assert reader.stats()["version"] == stats["version"]
    assert [hit.id for hit in reader.search(SearchRequest(text="monsoon")).hits] == ["b"]

    new.ensure_index()  # nothing to do the second time
    assert new.stats()["documents"] == 2


def test_drop_index_removes_everything(engine, tmp_path):
    engine.upsert([article("a", "Something")])
    engine.drop_index()
    assert not (tmp_path / "data" / "articles").exists()


def _search_in_child(engine: EmbeddedEngine, queue) -> None:
    queue.put(sorted(hit.id for hit in engine.search(SearchRequest(text="kerala")).hits))


def test_a_forked_worker_searches_with_its_own_handles(engine):
    # gunicorn --preload forks workers from a process that may already have the index open
    engine.upsert([article("k1", "Monsoon reaches Kerala"), article("k2", "Kerala boat race")])
    assert engine.search(SearchRequest(text="kerala")).total == 2
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_search_in_child, args=(engine, queue))
    child.start()
    found = queue.get(timeout=120)
    child.join(timeout=120)
    assert found == ["k1", "k2"]
    assert child.exitcode == 0


LONG_HINDI = (
    "संसद के मानसून सत्र में सरकार ने कृषि सुधारों पर विस्तृत चर्चा का प्रस्ताव रखा। विपक्ष ने न्यूनतम समर्थन मूल्य "
    "की कानूनी गारंटी की मांग दोहराई और किसानों की आय पर सवाल उठाए। "
    "बहस के दौरान रूसी विदेश मंत्री सर्गेई लावरोव की हालिया यात्रा का भी उल्लेख हुआ, जिसमें ऊर्जा सहयोग पर बात हुई थी। "
    "वित्त मंत्री ने कहा कि उर्वरक सब्सिडी का बजट बढ़ाया जाएगा और ग्रामीण सड़कों के लिए अतिरिक्त धन दिया जाएगा। "
    "सत्र के अंत में कई विधेयक ध्वनिमत से पारित किए गए।"
)


def test_snippets_cut_at_word_boundaries_and_mark_cross_script_matches(engine):
    engine.upsert([dict(article("h1", "संसद का मानसून सत्र", LONG_HINDI), language="hi")])
    (hit,) = engine.search(SearchRequest(text="Lavrov")).hits
    (fragment,) = hit.highlights["body"][:1]
    assert "<mark>लावरोव</mark>" in fragment
    plain = html.unescape(fragment.replace("<mark>", "").replace("</mark>", ""))
    assert plain in LONG_HINDI
    assert len(plain) < len(LONG_HINDI)  # a fragment, not the whole text
    start = LONG_HINDI.index(plain)
    end = start + len(plain)
    # never inside a grapheme cluster: no combining mark (vowel sign, virama) at either edge
    assert not unicodedata.category(plain[0]).startswith("M")
    assert end == len(LONG_HINDI) or not unicodedata.category(LONG_HINDI[end]).startswith("M")


def test_a_body_without_matches_shows_its_opening(engine):
    engine.upsert([article("t1", "Lavrov visits Delhi", "Talks covered trade and energy. " * 20)])
    (hit,) = engine.search(SearchRequest(text="Lavrov")).hits
    assert hit.highlights["title"] == ["<mark>Lavrov</mark> visits Delhi"]
    (opening,) = hit.highlights["body"]
    assert opening.startswith("Talks covered trade") and "<mark>" not in opening
    assert len(opening) <= 220


def facet_counts(result, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in result.facets[facet]}


def test_facet_values_that_look_like_query_syntax_filter_literally(engine):
    # Facet counts under the other facets' filters go through Tantivy's query language: nothing in a
    # value may act as syntax there.
    odd = ['Wire "A"', "Back\\slash", "x:y OR z", "(paren) [set]", 'ends with \\"']
    engine.upsert([dict(article(f"s{i}", "Monsoon news"), source=value) for i, value in enumerate(odd)])
    for i, value in enumerate(odd):
        result = engine.search(SearchRequest(text="monsoon", filters={"source": [value], "language": ["en"]}))
        assert [hit.id for hit in result.hits] == [f"s{i}"] and result.total == 1
        assert facet_counts(result, "language") == {"en": 1}  # counted under the source filter
        assert facet_counts(result, "source") == dict.fromkeys(odd, 1)  # its own filter ignored


def test_total_is_counted_when_every_facet_is_filtered(engine):
    engine.upsert([article("a", "Monsoon one"), article("b", "Monsoon two", published="2023-02-01")])
    filters = {"country": ["India"], "year": ["2024"], "language": ["en"], "source": ["Test Wire"]}
    result = engine.search(SearchRequest(text="monsoon", filters=filters))
    assert [hit.id for hit in result.hits] == ["a"] and result.total == 1
    assert facet_counts(result, "year") == {"2024": 1, "2023": 1}
    assert facet_counts(result, "country") == {"India": 1}


def test_a_body_with_only_some_words_of_a_phrase_shows_its_opening(engine):
    # For a phrase query the index (not the highlighter) decides whether the body matched (the phrase
    # may have matched in another spelling); a body holding "energy" without "trade energy" shows its
    # opening.
    body = "Opening line about the summit. " + "Talks covered energy and more. " * 10
    engine.upsert([article("p1", "Trade energy summit", body)])
    (hit,) = engine.search(SearchRequest(text='"trade energy"')).hits
    assert hit.highlights["title"] == ["<mark>Trade</mark> <mark>energy</mark> summit"]
    (opening,) = hit.highlights["body"]
    assert opening.startswith("Opening line") and "<mark>" not in opening
    # a single word is found in the body by the highlighter itself
    (hit,) = engine.search(SearchRequest(text="energy")).hits
    assert "<mark>energy</mark>" in hit.highlights["body"][0]


def test_cached_facet_counts_follow_every_write(engine):
    request = SearchRequest(text="monsoon", filters={"year": ["2024"]})
    engine.upsert([article("a", "Monsoon one"), article("b", "Monsoon two", published="2023-02-01")])
    assert facet_counts(engine.search(request), "year") == {"2024": 1, "2023": 1}
    assert engine.search(request).total == 1  # served again (from the cache)
    engine.upsert([article("c", "Monsoon three")])
    result = engine.search(request)
    assert facet_counts(result, "year") == {"2024": 2, "2023": 1} and result.total == 2
    engine.upsert([article("c", "Monsoon three, updated", published="2023-05-01")])  # same id, new year
    result = engine.search(request)
    assert facet_counts(result, "year") == {"2024": 1, "2023": 2} and result.total == 1
    engine.delete("a")
    result = engine.search(request)
    assert facet_counts(result, "year") == {"2023": 2} and result.total == 0


def test_cached_facet_counts_follow_another_writer(engine, tmp_path):
    engine.upsert([article("a", "Monsoon one")])
    request = SearchRequest(text="monsoon")
    assert engine.search(request).total == 1
    other = EmbeddedEngine(tmp_path / "data")  # another engine (as in another process) on the same index
    other.upsert([article("b", "Monsoon two", published="2023-02-01")])
    other.close()
    engine.refresh()
    result = engine.search(request)
    assert result.total == 2 and facet_counts(result, "year") == {"2024": 1, "2023": 1}


def test_cached_facet_counts_equal_fresh_ones_while_paging_and_toggling(engine, tmp_path):
    engine.upsert(
        [
            dict(article(f"d{i}", f"Monsoon report {i}", published=f"{2020 + i % 4}-03-01"), language=lang)
            for i, lang in enumerate(["en", "hi", "gu"] * 7)
        ]
    )
    uncached = EmbeddedEngine(tmp_path / "data", query_cache=False)
    requests = [
        SearchRequest(text="monsoon"),
        SearchRequest(text="monsoon", page=2, size=5),
        SearchRequest(text="monsoon", filters={"language": ["hi"]}),
        SearchRequest(text="monsoon", filters={"language": ["hi", "gu"]}),
        SearchRequest(text="monsoon", filters={"language": ["hi", "gu"], "year": ["2021"]}),
        SearchRequest(text="monsoon", filters={"language": ["gu"], "year": ["2021"]}),
        SearchRequest(text="monsoon", filters={"year": ["2021"]}),
        SearchRequest(text="monsoon", filters={"year": ["2021"]}, facet_size=1),
        SearchRequest(text="report 3", filters={"year": ["2021"]}),
    ]
    for request in requests * 2:
        cached, fresh = engine.search(request), uncached.search(request)
        assert cached.facets == fresh.facets and cached.total == fresh.total, request
        assert [hit.id for hit in cached.hits] == [hit.id for hit in fresh.hits]
        assert [hit.highlights for hit in cached.hits] == [hit.highlights for hit in fresh.hits]


def test_query_cache_setting_off_neither_reads_nor_fills_the_highlight_cache(tmp_path):
    config = Config(data_dir=tmp_path / "data", query_cache=False)
    engine = open_engine(config)
    engine.ensure_index()
    engine.upsert([article("a", "Monsoon one", "The monsoon reached the coast early this year.")])
    before = (
        embedded_highlight._snippets.cache_info().currsize,
        embedded_highlight._whole.cache_info().currsize,
    )
    for _ in range(2):
        (hit,) = engine.search(SearchRequest(text="monsoon coast")).hits
        assert "<mark>coast</mark>" in hit.highlights["body"][0]
    after = (
        embedded_highlight._snippets.cache_info().currsize,
        embedded_highlight._whole.cache_info().currsize,
    )
    assert after == before
    assert Config.from_env({"SEARCH_APP_QUERY_CACHE": "false"}).query_cache is False
    assert Config.from_env({}).query_cache is True
