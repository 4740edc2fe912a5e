"""Text files as Windows saves them: Windows-1252 ("ANSI", curly quotes 0x93/0x94 and "é"), UTF-8
with a byte order mark, UTF-16 with one; read right through the real pipeline, and a file that is none
of these reported and skipped with a clear reason."""

from __future__ import annotations

import pytest

from ingest.pipeline import Processed, iter_articles
from ingest.readers import Failure
from tests.ingest.conftest import TODAY

TEXT = (
    "Café owners in Mumbai welcome GST cut\n\n"
    "The association’s president said the “big relief” would help small cafés — most of them run by"
    " families.\n\nThe new rates take effect on Monday.\n"
)
READ_AS_1252 = "not UTF-8: read as Windows-1252 (save it as UTF-8 to be sure)"


def ingest_bytes(tmp_path, name: str, data: bytes) -> Processed | Failure:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(iter_articles([str(path)], today=TODAY))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("encoded", "notes"),
    [
        (TEXT.encode("cp1252"), (READ_AS_1252,)),
        (TEXT.encode("utf-8-sig"), ()),
        (TEXT.encode("utf-16"), ()),  # with its byte order mark, little-endian here
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), ()),
    ],
    ids=["windows-1252", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_a_text_file_as_windows_saves_it_is_read_right(tmp_path, encoded, notes):
    item = ingest_bytes(tmp_path, "story.txt", encoded)
    assert isinstance(item, Processed)
    assert item.article["title"] == "Café owners in Mumbai welcome GST cut"
    assert item.article["body"].startswith("The association’s president said the “big relief”")
    assert "cafés — most" in item.article["body"]
    assert item.notes == notes


def test_a_json_lines_record_and_a_page_in_windows_1252_are_read_with_a_note(tmp_path):
    record = (
        '{"title": "Caf\u00e9 owners welcome GST cut", "body": "The \u201cbig relief\u201d would help."}\n'
    )
    item = ingest_bytes(tmp_path, "feed.jsonl", record.encode("cp1252"))
    assert (item.article["title"], item.article["body"]) == (
        "Café owners welcome GST cut",
        "The “big relief” would help.",
    )
    assert item.notes == (READ_AS_1252,)
    page = (
        "<html><head><title>Caf\u00e9 owners welcome GST cut</title></head><body><article><p>The"
        " association\u2019s president said the \u201cbig relief\u201d would help small caf\u00e9s across"
        " the city, most of them run by families.</p><p>The new rates take effect on Monday.</p>"
        "</article></body></html>"
    )
    item = ingest_bytes(tmp_path, "page.html", page.encode("cp1252"))  # no charset declared
    assert item.article["title"] == "Café owners welcome GST cut"
    assert "“big relief”" in item.article["body"]
    assert item.notes == (READ_AS_1252,)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # Cyrillic in its Windows code page: read as Windows-1252 it is words of accented letters.
        (
            "Новости дня\n\nПравительство объявило о новых мерах поддержки.\n".encode("cp1251"),
            "invalid UTF-8 at byte 0 (b'\\xcd\\xee\\xe2\\xee'), and not Windows-1252 text either;"
            " save it as UTF-8",
        ),
        # Bytes that Windows-1252 leaves undefined.
        (
            b"Talks resume\n\nThe talks \x81\x8d resumed on Monday.\n",
            "invalid UTF-8 at byte 24 (b'\\x81\\x8d r'), and not Windows-1252 text either; save it as UTF-8",
        ),
        # UTF-8 with one stray Windows-1252 byte: read as Windows-1252 its "’" would be "â€™".
        (
            "The association’s president said ".encode() + b"\x93yes\x94 on Monday.\n\nMore.\n",
            "invalid UTF-8 at byte 35 (b'\\x93yes'), and not Windows-1252 text either; save it as UTF-8",
        ),
        # A byte order mark says UTF-16, and the text breaks it.
        (b"\xff\xfeT\x00a\x00\x00\xd8", "invalid UTF-16-LE at byte 6 (b'\\x00\\xd8'); save it as UTF-8"),
    ],
    ids=["windows-1251", "undefined-bytes", "broken-utf-8", "broken-utf-16"],
)
def test_text_that_cannot_be_decoded_is_skipped_with_a_clear_reason(tmp_path, data, reason):
    item = ingest_bytes(tmp_path, "story.txt", data)
    assert isinstance(item, Failure)
    assert item.reason == reason
