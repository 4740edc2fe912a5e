"""One site, one source: an article that only a host name names ("sidhikhabar.example", from its URL or
a feed's "source") takes the name other articles of the same run give that site ("SidhiKhabar"),
whichever comes first, through the real pipeline and into a real embedded index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ingest import pipeline
from ingest.pipeline import Processed, iter_articles
from tests.ingest.conftest import TODAY

REPO_ROOT = Path(__file__).resolve().parents[2]

BODY_GU = (
    "<p>રશિયા અને પાકિસ્તાનના ટોચના સૈન્ય અધિકારીઓની મુલાકાત થઈ છે. બેઠક દરમિયાન બંને દેશોએ સુરક્ષા અને"
    " સંરક્ષણ ક્ષેત્રોમાં સહયોગ વધારવાની વાત કરી હતી.</p><p>પાકિસ્તાને રશિયા સાથે સંરક્ષણ સંબંધોને મજબૂત કરવાની"
    " વાત કરી છે.</p>"
)


def host_page(url: str, headline: str = "રશિયા અને પાકિસ્તાન વચ્ચે લશ્કરી બેઠક") -> str:
    """A page that names no site: its source is its URL's host."""
    return (
        f'<html><head><meta charset="utf-8"><title>{headline}</title><link rel="canonical" href="{url}">'
        f"</head><body><article><h1>{headline}</h1>{BODY_GU}</article></body></html>"
    )


NAMED_TXT = (
    "ભારતે બ્રિક્સમાં પાકિસ્તાનના પ્રવેશનો વિરોધ કર્યો\n\nSidhiKhabar\n\nSidhiKhabar\n\n"
    "પાકિસ્તાનના બ્રિક્સમાં સામેલ થવા સામે ભારત વિરોધ કરી રહ્યું છે. વિદેશ મંત્રાલયે નિવેદન જાહેર કર્યું હતું.\n"
)


def write_files(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def sources(folder: Path) -> list[tuple[str, str | None]]:
    items = list(iter_articles([str(folder)], today=TODAY))
    assert all(isinstance(item, Processed) for item in items), items
    return [(Path(item.path).name, item.article["source"]) for item in items]


def test_a_host_name_takes_the_name_a_later_article_gives_its_site(tmp_path):
    folder = write_files(
        tmp_path / "in",
        {
            "a-host.html": host_page("https://www.sidhikhabar.example/world/russia-pakistan-army"),
            "b-named.txt": NAMED_TXT,
            "c-host.html": host_page("https://m.sidhikhabar.example/world/brics", "બ્રિક્સ બેઠક પહેલાં ચર્ચા"),
        },
    )
    # The first is named by the article after it, and keeps its place.
    assert sources(folder) == [
        ("a-host.html", "SidhiKhabar"),
        ("b-named.txt", "SidhiKhabar"),
        ("c-host.html", "SidhiKhabar"),
    ]


def test_a_feeds_host_name_source_takes_the_name_ignoring_case_spaces_and_a_leading_the(tmp_path):
    feed = [
        {
            "title": "Budget passed",
            "body": "The assembly passed the budget on Monday.",
            "source": "Divya Bhaskar",
        },
        {"title": "Rains", "body": "Rain lashed the city.", "source": "divyabhaskar.co.in"},
        {"title": "Floods", "body": "Floods hit Assam.", "url": "https://www.indianexpress.example/floods"},
        {"title": "Talks", "body": "Talks resumed on Friday.", "source": "The Indian Express"},
        {"title": "Other", "body": "A story from another site.", "url": "https://bhaskarlive.example/x"},
    ]
    lines = "".join(json.dumps(record) + "\n" for record in feed)
    folder = write_files(tmp_path / "in", {"feed.jsonl": lines})
    items = list(iter_articles([str(folder)], today=TODAY))
    assert [(item.article["title"], item.article["source"]) for item in items] == [
        ("Budget passed", "Divya Bhaskar"),
        ("Rains", "Divya Bhaskar"),
        ("Floods", "The Indian Express"),  # named by a later article
        ("Talks", "The Indian Express"),
        ("Other", "bhaskarlive.example"),  # another site: its label spells no name seen
    ]


def test_articles_keep_their_order_and_the_run_looks_ahead_a_bounded_number(tmp_path, monkeypatch):
    """A feed's revised article (same id) still comes after, and replaces, the earlier one; a name
    further ahead than the look-ahead (a bound on the memory a run holds) names nothing."""
    navi, janvani = "https://navikhabar.example/rains", "https://janvani.example/roads"
    feed = [
        {"id": "a1", "title": "Rains", "body": "Rain lashed the city.", "url": navi},
        {"id": "a1", "title": "Rains", "body": "Rain lashed the city again.", "source": "Navi Khabar"},
        {"id": "b2", "title": "Roads", "body": "Roads were shut.", "url": janvani},
        {"id": "c3", "title": "Trains", "body": "Trains ran late.", "source": "Desh Samachar"},
        {"id": "b2", "title": "Roads", "body": "Roads were shut for a day.", "source": "Jan Vani"},
    ]
    lines = "".join(json.dumps(record) + "\n" for record in feed)
    folder = write_files(tmp_path / "in", {"feed.jsonl": lines})
    monkeypatch.setattr(pipeline, "SITE_NAME_LOOK_AHEAD", 1)
    items = list(iter_articles([str(folder)], today=TODAY))
    assert [(item.article["body"], item.article["source"]) for item in items] == [
        ("Rain lashed the city.", "Navi Khabar"),
        ("Rain lashed the city again.", "Navi Khabar"),
        ("Roads were shut.", "janvani.example"),  # its site's name comes two records later
        ("Trains ran late.", "Desh Samachar"),
        ("Roads were shut for a day.", "Jan Vani"),
    ]


def test_the_index_counts_one_source_for_the_site_with_worker_processes(tmp_path):
    folder = write_files(
        tmp_path / "in",
        {
            "a-host.html": host_page("https://www.sidhikhabar.example/world/russia-pakistan-army"),
            "b-named.txt": NAMED_TXT,
        },
    )
    data_dir = tmp_path / "index"
    done = subprocess.run(
        [sys.executable, "-m", "ingest", str(folder), "--data-dir", str(data_dir), "--quiet", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO_ROOT,
    )
    assert done.returncode == 0, done.stderr

    from search_app.engines.base import SearchRequest
    from search_app.engines.embedded import EmbeddedEngine

    engine = EmbeddedEngine(data_dir)
    try:
        result = engine.search(SearchRequest(text="પાકિસ્તાન", size=10))
        assert result.total == 2
        assert [(v.value, v.count) for v in result.facets["source"]] == [("SidhiKhabar", 2)]
        # The document the worker prepared for the index was prepared again under the site's name.
        hits = engine.search(SearchRequest(text="", filters={"source": ["SidhiKhabar"]}, size=10))
        assert hits.total == 2
    finally:
        engine.close()
