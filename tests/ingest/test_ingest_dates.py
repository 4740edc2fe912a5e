"""Publication dates: datelines in Hindi, Gujarati and English forms; never a year inside a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.dates import (
    Dateline,
    find_dateline,
    match_dateline,
    month_names,
    parse_date_value,
    publication_date,
    read_dateline,
    split_byline_date,
)
from ingest.normalize import fold
from ingest.pipeline import build_article

from .conftest import TODAY


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("मई 5, 2023", "2023-05-05"),
        ("5 मई 2023", "2023-05-05"),
        ("५ मई २०२३", "2023-05-05"),
        ("૫ મે ૨૦૨૩", "2023-05-05"),
        ("10/30/2024", "2024-10-30"),
        ("10/30/2024 World", "2024-10-30"),
        ("30/10/2024", "2024-10-30"),
        ("30.10.2024", "2024-10-30"),
        # An ambiguous all-number date is read day first, as Indian news writes it, in every language.
        # A place, its weekday and "date" (તા., दिनांक) before the date, as Gujarati and Hindi papers write.
        ("રાજકોટ, તા. ૨૬ મે ૨૦૨૪", "2024-05-26"),
        ("રાજકોટ, તા.૨૬-૦૫-૨૦૨૪", "2024-05-26"),
        ("अयोध्या, दिनांक 22 जनवरी 2024", "2024-01-22"),
        ("ગાંધીનગર, બુધવાર, ૧૦ જાન્યુઆરી, ૨૦૨૪", "2024-01-10"),
        ("नई दिल्ली, सोमवार, 5 मई 2024", "2024-05-05"),
        ("दिनांक: 05/06/2024", "2024-06-05"),
        ("તારીખ: 05/06/2024", "2024-06-05"),
        ("Posted on 02/06/2024", "2024-06-02"),
        ("05.06.2024", "2024-06-05"),
        ("05-06-2024", "2024-06-05"),
        ("2024-10-30", "2024-10-30"),
        ("May 5, 2023", "2023-05-05"),
        ("5th May 2023", "2023-05-05"),
        ("05-May-2023", "2023-05-05"),
        ("5 May, 2023", "2023-05-05"),
        ("Last Updated: May 05, 2023 | 10:30 IST", "2023-05-05"),
        ("Sept. 9, 2021", "2021-09-09"),
        ("18 सितं. 2024", "2024-09-18"),  # Hindi abbreviations
        ("नई दिल्ली, 4 नवं. 2023", "2023-11-04"),
        ("Updated: Friday, May 5, 2023 10:30 AM IST", "2023-05-05"),
        ("शुक्रवार, 5 मई 2023", "2023-05-05"),
        ("अपडेटेड: 12 सितम्बर 2022, 09:15 IST", "2022-09-12"),
        ("प्रकाशित: 1 फ़रवरी 2020", "2020-02-01"),
        ("૧૦ ઑક્ટોબર, ૨૦૨૪", "2024-10-10"),
        ("ગુરુવાર, 3 ઓગસ્ટ 2023", "2023-08-03"),
        ("New Delhi, May 5, 2023", "2023-05-05"),
        ("NEW DELHI, May 5, 2023 — The foreign ministers met on Thursday.", "2023-05-05"),
        ("Dublin, 2024/03/12", "2024-03-12"),  # year first is never ambiguous, whatever the separator
        ("2024.03.12", "2024-03-12"),
        # Month names of the other Indian languages come from CLDR too (Marathi, Bengali, Tamil, ...).
        ("मुंबई, २० नोव्हेंबर २०२४", "2024-11-20"),
        ("काठमाडौं, १५ असोज २०८१", None),  # the Nepali (Bikram Sambat) calendar is not read
        ("গুয়াহাটি, ৫ জুলাই ২০২৪", "2024-07-05"),
        ("சென்னை, 12 டிசம்பர் 2023", "2023-12-12"),
        ("ਅੰਮ੍ਰਿਤਸਰ, 3 ਮਾਰਚ 2022", "2022-03-03"),
        ("اسلام آباد، 15 اپریل 2024", "2024-04-15"),  # Urdu writes the Arabic comma
        # CLDR's short Hindi months end with the abbreviation sign, as sites print them too.
        ("१४ नव॰ २०२३", "2023-11-14"),
        ("अपडेटेड: 14 नव॰ 2023, 11:30 AM", "2023-11-14"),
    ],
)
def test_datelines(line, expected):
    assert match_dateline(line, TODAY) == (dt.date.fromisoformat(expected) if expected else None)


@pytest.mark.parametrize(
    "line",
    [
        "आईजीसी का 11वां सत्र साल 2026 में रूस में आयोजित किया जाएगा।",
        "This was the first visit by a Russian foreign minister since 2012.",
        "वर्ष 2012 पछी रशियाना कोई विदेशमंत्री पहेलीवार आव्या छे.",
        "May 5, 2023 was the day the ministers met in Goa to discuss food security and energy.",
        "The summit is planned for December 1, 2099.",  # in the future, and in a sentence
        "December 1, 2099",  # a dateline cannot be in the future
        "31/02/2024",  # no such day
        "Follow us on May 5, 2023 for more",
        "The letter, dated 5 May 2024, was leaked to reporters on Friday.",
        "2024",
    ],
)
def test_not_datelines(line):
    assert match_dateline(line, TODAY) is None


def test_only_the_top_of_the_text_holds_a_dateline():
    lines = ["Headline", *[f"Paragraph {n} of the story." for n in range(20)], "May 5, 2023"]
    assert find_dateline(lines, TODAY) == (None, None)
    assert find_dateline(["Headline", "May 5, 2023", "Text."], TODAY) == (dt.date(2023, 5, 5), 1)


def test_a_long_wire_style_lead_is_dated_by_its_start():
    lead = (
        "KATHMANDU, March 3, 2023 — Nepal and India signed an agreement on Friday to build a new "
        "cross-border power line, officials in both capitals said after months of talks."
    )
    assert len(lead) > 120
    assert find_dateline(["Headline", lead], TODAY) == (dt.date(2023, 3, 3), 1)
    sentence = "The ministry said on March 3, 2023 that Nepal and India had signed " + "an agreement " * 8
    assert find_dateline(["Headline", sentence], TODAY) == (None, None)
    article = build_article("Nepal and India sign power deal\n" + lead, today=TODAY)
    assert article["published"] == "2023-03-03"
    assert lead in article["body"]  # a lead paragraph, not page furniture: it stays


@pytest.mark.parametrize(
    "line",
    [
        "Bureau Report, Lucknow | Updated: 03 May 2024, 11:45 AM IST",
        "ब्यूरो रिपोर्ट, लखनऊ | अपडेटेड: 03 मई 2024, 11:45 AM IST",
        "એજન્સી, અમદાવાદ • 3 મે 2024",
    ],
)
def test_a_dateline_after_a_short_label_dates_the_article_and_leaves_the_body(line):
    article = build_article(
        f"Rahul Gandhi to contest from Rae Bareli\n{line}\nThe Congress said so.", today=TODAY
    )
    assert article["published"] == "2024-05-03"
    assert article["body"] == "The Congress said so."


def test_a_brief_on_its_dateline_is_dated_and_kept():
    # One sentence after the date on the dateline's own line is the article, not page furniture.
    article = build_article("Gukesh champion\n\nSINGAPORE, Dec 12, 2024: Gukesh won the title.", today=TODAY)
    assert article["published"] == "2024-12-12"
    assert article["body"] == "SINGAPORE, Dec 12, 2024: Gukesh won the title."


def test_a_datelines_place_opens_the_body_and_names_its_country():
    # The date leaves the body; the place stays, so that the article is found by it.
    text = "Chopra wins\n\nDOHA, Qatar, May 16, 2025\n\nNeeraj Chopra won the meet."
    article = build_article(text, today=TODAY)
    assert (article["published"], article["body"]) == (
        "2025-05-16",
        "DOHA, Qatar\n\nNeeraj Chopra won the meet.",
    )
    assert [c["code"] for c in article["countries"]] == ["QA"]
    hindi = build_article("बाढ़ का कहर\n\nपटना, 30 सितंबर 2024\n\nकोसी नदी का तटबंध टूट गया।", today=TODAY)
    assert (hindi["published"], hindi["body"]) == ("2024-09-30", "पटना\n\nकोसी नदी का तटबंध टूट गया।")
    urdu = build_article("سیلاب\n\nلاہور، 2 اگست 2024\n\nدریائے راوی میں پانی بڑھ گیا۔", today=TODAY)
    assert (urdu["published"], urdu["body"]) == ("2024-08-02", "لاہور\n\nدریائے راوی میں پانی بڑھ گیا۔")


def test_a_sentence_before_a_bar_is_no_label():
    assert find_dateline(["Headline", "The minister resigned. | May 5, 2023"], TODAY) == (None, None)


def test_month_names_come_from_cldr_in_three_languages():
    months = month_names()
    assert [months[fold(m)] for m in ("मई", "મે", "May")] == [5, 5, 5]
    assert [months[fold(m)] for m in ("दिसंबर", "ડિસેમ્બર", "December")] == [12, 12, 12]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-05", "2023-05-05"),
        ("2023-05-05T10:00:00+05:30", "2023-05-05"),
        ("Fri, 05 May 2023 10:00:00 +0530", "2023-05-05"),
        ("5 May 2023", "2023-05-05"),
        ("मई 5, 2023", "2023-05-05"),
        ("", None),
        (None, None),
        ("not a date", None),
        ("yesterday", None),
        ("2 days ago", None),
        ("le 5 mai 2023", "2023-05-05"),
        ("2099-01-01", None),
        # JSON numbers: seconds since 1970 (UTC), or milliseconds when too large for seconds.
        (1717200000, "2024-06-01"),
        (1717200000.5, "2024-06-01"),
        (1717200000000, "2024-06-01"),
        (4102444800, None),  # 2100-01-01, in the future
        (10**30, None),
        (True, None),
        # the same written as strings, as feeds often do; a zero timestamp means no date
        ("1717200000", "2024-06-01"),
        ("1717200000000", "2024-06-01"),
        (0, None),
        ("0", None),
        ("20240601", "2024-06-01"),  # a compact ISO date
        ("20241301", None),
    ],
)
def test_metadata_dates(value, expected):
    found = parse_date_value(value, TODAY)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("line", "expected", "updated"),
    [
        ("Updated: 06 May 2023 10:42 IST", "2023-05-06", True),
        ("Last updated on 6 May 2023", "2023-05-06", True),
        ("अपडेटेड: 6 मई 2023, 10:42 IST", "2023-05-06", True),
        ("છેલ્લે અપડેટ: ૬ મે ૨૦૨૩", "2023-05-06", True),
        ("Published: May 5, 2023", "2023-05-05", False),
        ("प्रकाशित: 5 मई 2023", "2023-05-05", False),
        ("May 5, 2023", "2023-05-05", False),
        # Two datelines on one line: the publication date, whichever comes first.
        ("Published: 05 May 2023, 09:00 IST | Updated: 06 May 2023 10:42 IST", "2023-05-05", False),
        ("Updated: May 6, 2023 | Published: May 5, 2023", "2023-05-05", False),
    ],
)
def test_a_dateline_says_whether_it_is_an_update(line, expected, updated):
    assert read_dateline(line, TODAY) == Dateline(dt.date.fromisoformat(expected), updated)


def test_the_publication_date_is_the_first_that_is_not_an_update():
    updated, published = Dateline(dt.date(2023, 5, 6), True), Dateline(dt.date(2023, 5, 5))
    assert publication_date([updated, published]) == dt.date(2023, 5, 5)
    assert publication_date([updated]) == dt.date(2023, 5, 6)
    assert publication_date([]) is None


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Staff Reporter | November 9, 2019", "Staff Reporter", "2019-11-09"),
        ("राहुल शर्मा | 5 मई 2023", "राहुल शर्मा", "2023-05-05"),
        ("પ્રિયા પટેલ | ૫ મે ૨૦૨૩", "પ્રિયા પટેલ", "2023-05-05"),
        ("Admin on 12 March 2021", "Admin", "2021-03-12"),
        ("Jane Doe • 3 Aug 2022, 10:15 AM IST", "Jane Doe", "2022-08-03"),
        ("Jane Doe, New Delhi, May 5, 2023", "Jane Doe", "2023-05-05"),
        ("Jane Doe | Updated: May 6, 2023", "Jane Doe", "2023-05-06"),
    ],
)
def test_a_byline_ending_with_a_date(text, name, expected):
    found_name, found = split_byline_date(text, TODAY)
    assert found_name == name
    assert found is not None and found.date == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe",
        "the time the talks ended on May 5, 2023 the deal was done.",  # a sentence, not a name and a date
        "the end of the long talks on May 5, 2023",  # too many words before "on" for a name
        "Jane Doe | Foreign Affairs",
        "Jane Doe | December 1, 2099",  # in the future
    ],
)
def test_no_date_ends_these_bylines(text):
    assert split_byline_date(text, TODAY) == (text, None)


def test_an_indian_page_dated_day_first():
    doc = build_article(
        "Monsoon arrives in Kerala ahead of schedule\n\nPosted on 02/06/2024\n\n"
        "The southwest monsoon reached Kerala on Friday, two days ahead of its normal date.",
        today=TODAY,
    )
    assert doc["published"] == "2024-06-02"
    record = build_article(
        "मंत्रालय ने कंपनियों को नोटिस भेजा।", title="नोटिस", published="05/06/2024", today=TODAY
    )
    assert record["published"] == "2024-06-05"
