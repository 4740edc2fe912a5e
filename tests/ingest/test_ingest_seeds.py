"""The five real seed pages (../shared/seeds) through the whole pipeline: the facts the issue names."""

from __future__ import annotations

import pytest

from ingest.pipeline import iter_articles
from search_app.documents import FIELDS

from .conftest import TODAY


def body_lines(doc: dict) -> list[str]:
    return [line.strip() for line in doc["body"].split("\n") if line.strip()]


def test_every_seed_becomes_one_document_with_exactly_the_contract_fields(seed_articles):
    assert sorted(seed_articles) == ["000", "001", "002", "003", "004"]
    for doc in seed_articles.values():
        assert tuple(doc) == FIELDS
        assert doc["title"] and doc["body"]
        assert doc["url"] is None  # plain text files carry no URL
    assert len({doc["id"] for doc in seed_articles.values()}) == 5


@pytest.mark.parametrize(
    ("seed", "language"), [("000", "gu"), ("001", "gu"), ("002", "hi"), ("003", "hi"), ("004", "gu")]
)
def test_language_is_detected_and_boilerplate_does_not_count_as_english(seed_articles, seed, language):
    doc = seed_articles[seed]
    assert doc["language"] == language
    # 001 and 003 end with English promos and notices; once removed, the text is one language.
    assert doc["languages"] == [{"code": language, "share": 1.0}]


def test_breadcrumb_gives_the_title_and_the_source(seed_articles):
    doc = seed_articles["001"]
    assert doc["title"] == "રશિયાના વિદેશમંત્રી પાકિસ્તાનના વડાપ્રધાન ઇમરાન ખાનને મળ્યા, શું થઈ વાત?"
    assert doc["source"] == "Gujarat Exclusive"
    assert not any(">" in line for line in body_lines(doc))


@pytest.mark.parametrize(
    ("seed", "title"),
    [
        ("002", "पाकिस्तान और रूस विदेश मंत्रियों ने एससीओ बैठक से इतर द्विपक्षीय वार्ता की"),
        ("003", "पाकिस्तान से बढ़ रही रूस की करीबी: दोनों देशों में व्यापार-ऊर्जा सहयोग पर सहमति"),
        ("004", "રશિયા અને પાકિસ્તાન વચ્ચે વધી રહી છે નિકટતા, જાણો શું થયું લશ્કરી અધિકારીઓની બેઠકમાં"),
    ],
)
def test_title_is_the_first_line_and_is_not_repeated_in_the_body(seed_articles, seed, title):
    doc = seed_articles[seed]
    assert doc["title"] == title
    assert title not in body_lines(doc)


def test_title_of_the_page_without_furniture(seed_articles):
    assert seed_articles["000"]["title"].startswith("પાકિસ્તાનના વિદેશ પ્રધાન બિલાવલ ભુટ્ટો ઝરદારી")


@pytest.mark.parametrize(
    ("seed", "source"),
    [
        ("000", None),
        ("001", "Gujarat Exclusive"),
        ("002", "Statecraft"),
        ("003", None),
        ("004", "SidhiKhabar"),
    ],
)
def test_source_from_breadcrumb_byline_or_masthead_and_null_when_unknown(seed_articles, seed, source):
    assert seed_articles[seed]["source"] == source


@pytest.mark.parametrize(
    ("seed", "published", "year"),
    [
        ("000", None, None),
        ("001", None, None),
        ("002", "2023-05-05", 2023),
        ("003", None, None),
        ("004", "2024-10-30", 2024),
    ],
)
def test_published_only_from_a_dateline(seed_articles, seed, published, year):
    # 001 mentions 2012 and 2019 and 003 mentions 2026 inside sentences: no publication date.
    doc = seed_articles[seed]
    assert (doc["published"], doc["year"]) == (published, year)


@pytest.mark.parametrize(
    ("seed", "codes"),
    [
        ("000", {"PK", "RU", "FR", "IN", "US"}),
        ("001", {"RU", "PK", "AF"}),
        ("002", {"PK", "RU", "IN", "AF", "CN", "UA", "TJ", "UZ", "US"}),
        ("003", {"PK", "RU"}),
        ("004", {"RU", "PK", "IN"}),
    ],
)
def test_countries_from_names_demonyms_and_case_endings(seed_articles, seed, codes):
    countries = seed_articles[seed]["countries"]
    assert {c["code"] for c in countries} == codes
    assert len(countries) == len(codes)


def test_countries_carry_icu_english_names(seed_articles):
    names = {c["code"]: c["name"] for c in seed_articles["002"]["countries"]}
    assert names["PK"] == "Pakistan"
    assert names["RU"] == "Russia"
    assert names["US"] == "United States"


def test_001_counters_and_follow_promos_are_gone(seed_articles):
    doc = seed_articles["001"]
    lines = body_lines(doc)
    assert "0" not in lines and "15" not in lines
    assert "Follow" not in doc["body"] and "Telegram" not in doc["body"]
    assert lines[-1].endswith("ખરીદવાનો વિચાર કરી રહ્યું છે.")  # the article's last paragraph is kept
    assert lines[0].startswith("વર્ષ 2012 પછી")


def test_002_dateline_image_credit_and_byline_are_gone(seed_articles):
    doc = seed_articles["002"]
    assert "IMAGE SOURCE" not in doc["body"]
    assert "मई 5, 2023" not in doc["body"]
    for furniture in ("लेखक", "Statecraft Staff", "Editorial Team"):
        assert furniture not in body_lines(doc)
    assert body_lines(doc)[-1].endswith("पहले पाकिस्तानी विदेश मंत्री बन गए।")


def test_003_comment_form_and_ad_blocker_notices_are_gone(seed_articles):
    body = seed_articles["003"]["body"]
    for notice in ("Leave a Reply", "email address", "Back to top", "Adblock", "ad blocker"):
        assert notice not in body
    assert "आईजीसी का 11वां सत्र साल 2026 में रूस में आयोजित किया जाएगा।" in body


def test_004_masthead_dateline_duplicates_and_promos_are_gone(seed_articles):
    doc = seed_articles["004"]
    lines = body_lines(doc)
    for furniture in ("SidhiKhabar", "10/30/2024", "Join WhatsApp", "વોટ્સેપ", "Comments"):
        assert furniture not in doc["body"]
    assert "Top" not in lines and "." not in lines
    assert lines.count("સંરક્ષણ અને સુરક્ષા સહયોગને પ્રોત્સાહન મળશે") == 1
    assert lines.count("પાકિસ્તાન બ્રિક્સનું સભ્ય બનવા માંગે છે") == 1


def test_000_keeps_both_stories_run_together(seed_articles):
    body = seed_articles["000"]["body"]
    assert "SCO બેઠક દરમિયાન" in body
    assert "ફ્રાન્સની ત્રણ દિવસની મુલાકાત દરમિયાન" in body


def test_ingesting_the_seeds_again_gives_the_same_documents(seeds_dir, seed_articles):
    again = {
        item.path.rsplit("/", 1)[-1][:3]: dict(item.article)
        for item in iter_articles([str(seeds_dir)], today=TODAY)
    }
    assert again == seed_articles
