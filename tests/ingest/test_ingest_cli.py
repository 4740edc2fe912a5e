"""``search-app ingest`` end to end: dry run, bad input (one clear line each, the run goes on), rejects,
exit status, the summary, and indexing into a real embedded (Tantivy) index on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from search_app.cli import main
from search_app.config import Config
from search_app.documents import FIELDS
from search_app.engines import open_engine

GOOD = {"title": "Ministers meet", "body": "The Pakistani and Russian ministers met in Goa to discuss trade."}
GOOD_HI = {"title": "मंत्रियों की बैठक", "body": "पाकिस्तान और रूस के मंत्रियों ने गोवा में व्यापार पर चर्चा की।"}


def write_jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(capsys, *argv: str) -> tuple[int, list[dict], list[str]]:
    code = main(["ingest", *argv])
    captured = capsys.readouterr()
    docs = [json.loads(line) for line in captured.out.splitlines() if line.strip()]
    return code, docs, [line for line in captured.err.splitlines() if line.strip()]


def test_dry_run_prints_one_json_document_per_line_with_native_text(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", GOOD, GOOD_HI)
    code, docs, err = run_cli(capsys, str(source), "--dry-run")
    assert code == 0
    assert [tuple(d) for d in docs] == [FIELDS, FIELDS]
    assert docs[1]["title"] == "मंत्रियों की बैठक"
    assert err[-1] == "ingest (dry run): read 2, printed 2, skipped 0, failed 0"


def test_the_seed_directory_in_a_dry_run(seeds_dir, capsys):
    code, docs, err = run_cli(capsys, str(seeds_dir), "--dry-run", "--quiet")
    assert code == 0
    assert len(docs) == 5
    assert err == ["ingest (dry run): read 5, printed 5, skipped 0, failed 0"]


def bad_inputs(folder: Path) -> dict[str, str]:
    """File name -> the words its error line must contain."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n \n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    # Neither UTF-8 nor Windows-1252: Cyrillic in its Windows code page reads as a run of accented letters.
    (folder / "cyrillic.txt").write_bytes("Новости\n\nМинистр заявил, что цены выросли.".encode("cp1251"))
    (folder / "huge.txt").write_text("word " * 300_000, encoding="utf-8")  # 1.5 MB, over the limit below
    (folder / "scripts.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><script>track();</script>"
        "<noscript>enable JavaScript</noscript></body></html>",
        encoding="utf-8",
    )
    write_jsonl(folder / "mixed.jsonl", GOOD, '{"title": "broken", "body": ', GOOD_HI, "[1, 2]")
    return {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "binary.txt": "binary",
        "cyrillic.txt": "invalid UTF-8 at byte 0 (b'\\xcd\\xee\\xe2\\xee'), and not Windows-1252 text either",
        "huge.txt": "too large",
        "scripts.html": "no article",
        "mixed.jsonl:2": "invalid JSON",
        "mixed.jsonl:4": "must be an object",
    }


def test_each_bad_input_gets_one_clear_line_and_the_run_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    expected = bad_inputs(folder)
    rejects = tmp_path / "rejects.jsonl"
    code, docs, err = run_cli(
        capsys, str(folder), "--dry-run", "--rejects", str(rejects), "--max-bytes", "1000000"
    )
    assert code == 1
    assert [d["title"] for d in docs] == ["Ministers meet", "मंत्रियों की बैठक"]
    reasons = {}
    for message in err[:-1]:
        where, reason = message.removeprefix("ingest: ").split(": ", 1)
        reasons[where.removeprefix(f"{folder}/")] = reason
    assert set(reasons) == set(expected)
    for where, words in expected.items():
        assert words in reasons[where]
    assert err[-1] == "ingest (dry run): read 10, printed 2, skipped 0, failed 8"

    rejected = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert len(rejected) == 8
    assert all(set(r) == {"path", "line", "reason", "raw"} for r in rejected)
    broken = next(r for r in rejected if r["line"] == 2)
    assert broken["path"].endswith("mixed.jsonl")
    assert broken["raw"].startswith('{"title": "broken"')


def test_text_in_utf16_or_a_declared_html_charset_is_read_like_utf8(tmp_path, capsys):
    """Byte order marks say UTF-16 (what Windows editors call "Unicode"), and a page that is not UTF-8
    is read in the charset its <meta> declares, as a browser reads it; other text is read as
    Windows-1252 when it reads as such (with a note), and else refused."""
    hindi = "भारत और नेपाल\n\nकाठमांडू में भारत और नेपाल के मंत्रियों ने व्यापार पर बात की।\n"
    (tmp_path / "windows.txt").write_bytes(hindi.encode("utf-16"))  # with its byte order mark
    (tmp_path / "bom.txt").write_bytes("Ministers meet\n\nThey met in Goa.\n".encode("utf-8-sig"))
    feed = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in (GOOD, GOOD_HI))
    (tmp_path / "feed.jsonl").write_bytes(feed.encode("utf-16"))
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Caf\xe9 owners protest in Paris</title></head><body><article><p>Caf\xe9 owners in Paris"
        " protested on Monday against the \x93new rules\x94 from the French government.</p><p>Hundreds"
        " of people joined the protest.</p></article></body></html>"
    )
    (tmp_path / "old.html").write_bytes(page.encode("latin-1"))
    undeclared = "Café news\n\nPrices rose in every \x93café\x94."  # Windows-1252's curly quotes
    (tmp_path / "undeclared.txt").write_bytes(undeclared.encode("latin-1"))
    (tmp_path / "window.txt").write_bytes(b"Novosti\n\n" + "Новости дня.".encode("cp1251"))

    code, docs, err = run_cli(capsys, str(tmp_path), "--dry-run")

    assert code == 1
    by_title = {d["title"]: d for d in docs}
    assert sorted(d["title"] for d in docs) == sorted(
        [
            "Café news",
            "Café owners protest in Paris",
            "Ministers meet",
            "Ministers meet",
            "भारत और नेपाल",
            "मंत्रियों की बैठक",
        ]
    )
    assert by_title["भारत और नेपाल"]["body"].startswith("काठमांडू में")
    assert "“new rules”" in by_title["Café owners protest in Paris"]["body"]
    assert by_title["Café news"]["body"] == "Prices rose in every “café”."
    note = "note: not UTF-8: read as Windows-1252 (save it as UTF-8 to be sure)"
    assert err[0] == f"ingest: {tmp_path}/undeclared.txt: {note}"
    reason = "invalid UTF-8 at byte 9 (b'\\xcd\\xee\\xe2\\xee'), and not Windows-1252 text either"
    reason += "; save it as UTF-8"
    assert err[1] == f"ingest: {tmp_path}/window.txt: {reason}"
    assert err[-1] == "ingest (dry run): read 7, printed 6, skipped 0, failed 1"
    assert {d["body"] for d in docs if d["title"] == "Ministers meet"} == {GOOD["body"], "They met in Goa."}


def test_missing_path_and_unmatched_glob_are_reported(tmp_path, capsys):
    code, docs, err = run_cli(capsys, str(tmp_path / "nope.txt"), str(tmp_path / "*.jsonl"), "--dry-run")
    assert code == 1
    assert docs == []
    assert "no such file or directory" in err[0]
    assert "no file matches" in err[1]


def test_unsupported_file_type_named_explicitly_is_an_error(tmp_path, capsys):
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF-1.4")
    code, _, err = run_cli(capsys, str(other), "--dry-run")
    assert code == 1
    assert "unsupported file type" in err[0]


def test_globs_and_directories_expand_to_article_files_only(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    write_jsonl(tmp_path / "sub" / "b.jsonl", GOOD_HI)
    write_jsonl(tmp_path / "a.jsonl", GOOD)
    (tmp_path / "sub" / "ignored.csv").write_text("a,b\n", encoding="utf-8")
    code, docs, _ = run_cli(capsys, str(tmp_path / "*.jsonl"), "--dry-run")
    assert (code, len(docs)) == (0, 1)
    code, docs, err = run_cli(capsys, str(tmp_path), "--dry-run")
    assert (code, len(docs)) == (0, 2)
    # The files a directory holds besides articles are no failure, but the run says it left them.
    assert err[-1] == "ingest: 1 other file in the directories not read: 1 .csv"


def test_a_json_file_holds_one_article_a_list_of_them_or_an_export_listing_them(tmp_path, capsys):
    (tmp_path / "one.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([GOOD_HI, "not an article"]), encoding="utf-8")
    newsapi = {
        "status": "ok",
        "totalResults": 1,
        "articles": [
            {
                "source": {"id": None, "name": "Deccan Wire"},
                "title": "Monsoon reaches Kerala",
                "url": "https://deccanwire.example/monsoon",
                "publishedAt": "2025-05-24T06:30:00Z",
                "content": "The monsoon reached Kerala on Saturday, eight days early, officials said.",
            }
        ],
    }
    (tmp_path / "export.json").write_text(json.dumps(newsapi), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"title": "x",', encoding="utf-8")
    # A directory's .json files may be settings: they are read when named.
    code, docs, err = run_cli(capsys, str(tmp_path), "--dry-run")
    assert (code, docs) == (0, [])
    assert err[-1] == (
        "ingest: 4 other files in the directories not read: 4 .json"
        " (name .json files to read them: DIR/*.json)"
    )
    code, docs, err = run_cli(capsys, str(tmp_path / "*.json"), "--dry-run")
    assert code == 1
    assert sorted(d["title"] for d in docs) == ["Ministers meet", "Monsoon reaches Kerala", "मंत्रियों की बैठक"]
    exported = next(d for d in docs if d["title"] == "Monsoon reaches Kerala")
    assert (exported["source"], exported["published"]) == ("Deccan Wire", "2025-05-24")
    assert any("broken.json" in line and "invalid JSON" in line and "line 1" in line for line in err)
    assert any("list.json:2" in line and "must be an object" in line for line in err)
    assert err[-1] == "ingest (dry run): read 5, printed 3, skipped 0, failed 2"


def test_a_published_value_that_is_no_date_is_reported_and_the_article_kept(tmp_path, capsys):
    dated_in_text = {"title": "Ministers meet", "body": "NEW DELHI, March 3, 2022 (PTI) - The ministers met."}
    records = [
        GOOD | {"published": "sometime soon"},
        dated_in_text | {"published": "n/a"},
        GOOD_HI | {"published": "2024-05-01"},
    ]
    code, docs, err = run_cli(capsys, str(write_jsonl(tmp_path / "a.jsonl", *records)), "--dry-run")
    assert code == 0
    assert [d["published"] for d in docs] == [None, "2022-03-03", "2024-05-01"]
    assert err[:2] == [
        f"ingest: {tmp_path / 'a.jsonl'}:1: note: published 'sometime soon' is not a date (or is after "
        "today): the article has no date",
        f"ingest: {tmp_path / 'a.jsonl'}:2: note: published 'n/a' is not a date (or is after today): "
        "the date in the text is used",
    ]
    assert err[2:] == ["ingest (dry run): read 3, printed 3, skipped 0, failed 0"]
    _, _, quiet = run_cli(capsys, str(tmp_path / "a.jsonl"), "--dry-run", "--quiet")
    assert quiet == ["ingest (dry run): read 3, printed 3, skipped 0, failed 0"]


def test_the_same_article_twice_in_one_run_is_skipped(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", GOOD, GOOD)
    code, docs, err = run_cli(capsys, str(source), "--dry-run")
    assert (code, len(docs)) == (0, 1)
    assert "skipped, the same article as an earlier record" in err[0]
    assert err[-1] == "ingest (dry run): read 2, printed 1, skipped 1, failed 0"


def test_stdin_is_read_as_json_lines():
    lines = json.dumps(GOOD) + "\nnot json\n"
    done = subprocess.run(
        [sys.executable, "-m", "ingest", "-", "--dry-run"],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["title"] == "Ministers meet"
    assert "<stdin>:2: invalid JSON" in done.stderr
    assert "Traceback" not in done.stderr


def test_indexing_into_the_embedded_engine_creates_then_updates(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", GOOD, GOOD_HI, "{broken")
    data_dir = tmp_path / "data"
    code, docs, err = run_cli(capsys, str(source), "--data-dir", str(data_dir), "--batch-size", "1")
    assert code == 1  # the broken line
    assert docs == []  # nothing on stdout without --dry-run
    assert err[-1] == "ingest: read 3, indexed 2, updated 0, skipped 0, failed 1"

    code, _, err = run_cli(capsys, str(source), "--data-dir", str(data_dir), "--quiet")
    assert err[-1] == "ingest: read 3, indexed 0, updated 2, skipped 0, failed 1"

    engine = open_engine(Config(data_dir=data_dir))
    try:
        assert engine.stats()["documents"] == 2
        code, dry, _ = run_cli(capsys, str(source), "--dry-run", "--quiet")
        stored = engine.get(dry[0]["id"])
        assert stored is not None
        assert stored["title"] == "Ministers meet"
        assert {c["code"] for c in stored["countries"]} == {"PK", "RU"}
    finally:
        engine.close()


@pytest.mark.parametrize("batch_size", ["1", "500"])  # the versions in one batch or in two
def test_a_later_version_of_an_article_in_the_same_run_replaces_the_earlier(tmp_path, capsys, batch_size):
    first = GOOD | {"id": "feed-1"}
    revised = first | {"body": GOOD["body"] + " They will meet again in May."}
    source = write_jsonl(tmp_path / "a.jsonl", first, GOOD_HI, revised, revised)
    data_dir = tmp_path / "data"
    code, _, err = run_cli(capsys, str(source), "--data-dir", str(data_dir), "--batch-size", batch_size)
    assert code == 0
    assert f"ingest: {source}:3: note: replaces an earlier record with the same id in this run" in err
    assert f"ingest: {source}:4: skipped, the same article as an earlier record in this run" in err
    assert err[-1] == "ingest: read 4, indexed 2, updated 1, skipped 1, failed 0"
    engine = open_engine(Config(data_dir=data_dir))
    try:
        assert engine.stats()["documents"] == 2
        assert engine.get("feed-1")["body"].endswith("They will meet again in May.")
    finally:
        engine.close()


def test_an_unreachable_engine_is_one_clear_error_not_a_traceback(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", GOOD)
    # Port 9 (discard) on 127.0.0.1: nothing listens there, so the connection is refused at once.
    code, _, err = run_cli(capsys, str(source), "--engine-url", "http://127.0.0.1:9", "--quiet")
    assert code == 2
    assert any("search engine error" in line for line in err)
    assert not any("Traceback" in line for line in err)


@pytest.mark.parametrize("argv", [["--batch-size", "0"], ["--max-bytes", "lots"]])
def test_bad_options_are_usage_errors(tmp_path, argv):
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", str(tmp_path), "--dry-run", *argv])
    assert exit_info.value.code == 2


def test_help_describes_the_inputs():
    done = subprocess.run(
        [sys.executable, "-m", "ingest", "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0
    for words in ("--dry-run", "--rejects", "JSON Lines", "stdin"):
        assert words in done.stdout


def test_a_rejects_file_inside_the_input_directory_is_not_read_back(tmp_path, capsys):
    write_jsonl(tmp_path / "a.jsonl", GOOD, "{broken")
    rejects = tmp_path / "rejects.jsonl"
    for _ in range(2):  # the second run finds last run's rejects file in the directory it reads
        code, docs, err = run_cli(capsys, str(tmp_path), "--dry-run", "--rejects", str(rejects))
        assert (code, len(docs)) == (1, 1)
        assert err[-1] == "ingest (dry run): read 2, printed 1, skipped 0, failed 1"
    assert len(rejects.read_text(encoding="utf-8").splitlines()) == 1
