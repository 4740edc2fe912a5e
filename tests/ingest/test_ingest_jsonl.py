"""JSON Lines records read from a file by the real pipeline: fields with markup, titles, dates, errors."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.pipeline import Processed, iter_articles
from ingest.readers import Failure

from .conftest import TODAY


def ingest_lines(tmp_path: Path, *lines: str | dict) -> list[Processed | Failure]:
    """What the pipeline makes of a .jsonl file with these lines (dicts are written as JSON)."""
    path = tmp_path / "feed.jsonl"
    text = "\n".join(
        json.dumps(line, ensure_ascii=False) if isinstance(line, dict) else line for line in lines
    )
    path.write_text(text + "\n", encoding="utf-8")
    return list(iter_articles([str(path)], today=TODAY))


def test_a_body_and_title_with_html_markup_are_stored_as_text(tmp_path):
    [item] = ingest_lines(
        tmp_path,
        {
            "title": "Title with <i>tags</i> &amp; entity",
            "body": "<p>The <b>Sri Lanka</b> cabinet approved the budget.</p>"
            "<p>Colombo &amp; Kandy will get new roads.</p>",
        },
    )
    assert isinstance(item, Processed), item
    assert item.article["title"] == "Title with tags & entity"
    assert (
        item.article["body"]
        == "The Sri Lanka cabinet approved the budget.\n\nColombo & Kandy will get new roads."
    )
    assert [c["code"] for c in item.article["countries"]] == ["LK"]


def test_plain_text_with_angle_brackets_is_left_alone(tmp_path):
    body = "Inflation stayed low: a < b held for the quarter, and growth > 5 percent surprised analysts."
    [item] = ingest_lines(tmp_path, {"title": "Growth beats a < b forecasts", "body": body})
    assert isinstance(item, Processed), item
    assert item.article["title"] == "Growth beats a < b forecasts"
    assert item.article["body"] == body


def test_a_malformed_line_reports_the_column_where_it_breaks(tmp_path):
    line = '{"title": "bad json line", "body": "missing brace"'
    [item] = ingest_lines(tmp_path, line)
    assert isinstance(item, Failure)
    assert item.reason == f"invalid JSON: Expecting ',' delimiter at column {len(line) + 1}"


def test_a_truncated_line_names_where_its_string_starts(tmp_path):
    line = '{"title": "t", "body": "Officials in Dhaka said'
    [item] = ingest_lines(tmp_path, line)
    assert isinstance(item, Failure)
    assert item.reason == f"invalid JSON: Unterminated string starting at column {line.index('Officials')}"


def test_an_empty_title_is_taken_from_the_body_which_keeps_it(tmp_path):
    [one_line, two_lines] = ingest_lines(
        tmp_path,
        {"title": "", "body": "A body without a title. Modi spoke about Japan."},
        {"title": " ", "body": "Modi visits Japan\n\nThe prime minister met leaders in Tokyo on Monday."},
    )
    assert isinstance(one_line, Processed), one_line
    assert one_line.article["title"] == "A body without a title."  # a paragraph's first sentence
    assert one_line.article["body"] == "A body without a title. Modi spoke about Japan."
    assert isinstance(two_lines, Processed), two_lines
    assert two_lines.article["title"] == "Modi visits Japan"
    assert (
        two_lines.article["body"] == "Modi visits Japan\n\nThe prime minister met leaders in Tokyo on Monday."
    )


def test_the_publication_date_may_be_named_date_published_at_or_date_published(tmp_path):
    body = "Prime Minister Kishida said he would not seek re-election, opening the race in Japan."
    items = ingest_lines(
        tmp_path,
        {"title": "Japan PM resigns", "body": body, "date": "2024-08-14"},
        {"title": "Japan PM resigns", "body": body, "published_at": "2024-08-15", "id": "b"},
        {"title": "Japan PM resigns", "body": body, "datePublished": "2024-08-16", "id": "c"},
        {
            "title": "Japan PM resigns",
            "body": body,
            "published": "2024-08-17",
            "date": "2001-01-01",
            "id": "d",
        },
    )
    assert [item.article["published"] for item in items] == [
        "2024-08-14",
        "2024-08-15",
        "2024-08-16",
        "2024-08-17",
    ]


def test_a_headline_key_stands_for_the_title_and_a_number_for_the_date(tmp_path):
    body = "Voters in Mexico chose a new president on Sunday, with a record turnout across the country."
    items = ingest_lines(
        tmp_path,
        {"headline": "Mexico elects its president", "body": body, "published": 1717372800},
        {"title": "Mexico votes", "headline": "Not this one", "body": body, "date": 1717372800000, "id": "b"},
    )
    assert [(item.article["title"], item.article["published"]) for item in items] == [
        ("Mexico elects its president", "2024-06-03"),
        ("Mexico votes", "2024-06-03"),
    ]


def test_the_source_may_be_named_publisher_or_site_name_or_be_schema_orgs_publisher(tmp_path):
    body = "The central bank held its key rate for a fourth meeting, citing food prices in India."
    items = ingest_lines(
        tmp_path,
        {"title": "Rates on hold", "body": body, "publisher": "The Capitol Ledger"},
        {"title": "Rates on hold", "body": body, "site_name": "Ledger Online", "id": "b"},
        {
            "title": "Rates on hold",
            "body": body,
            "publisher": {"@type": "Organization", "name": "भाषा"},
            "id": "c",
        },
        {"title": "Rates on hold", "body": body, "source": "Wire One", "publisher": "Not this", "id": "d"},
        {"title": "Rates on hold", "body": body, "publisher": ["a", "list"], "id": "e"},
    )
    assert [item.article["source"] for item in items[:4]] == [
        "The Capitol Ledger",
        "Ledger Online",
        "भाषा",
        "Wire One",
    ]
    assert isinstance(items[4], Failure) and "'publisher' must be a string" in items[4].reason


def test_the_url_may_be_named_link_as_a_feed_does(tmp_path):
    body = "The monsoon reached Kerala two days early, the weather office said on Friday."
    items = ingest_lines(
        tmp_path,
        {"title": "Monsoon arrives", "body": body, "link": "https://news.example/monsoon"},
        {
            "title": "Monsoon arrives",
            "body": body,
            "url": "https://a.example/1",
            "link": "https://b.example/2",
            "id": "b",
        },
        {"title": "Monsoon arrives", "body": body, "permalink": "not a web address", "id": "c"},
    )
    assert [item.article["url"] for item in items] == [
        "https://news.example/monsoon",
        "https://a.example/1",
        None,
    ]
