"""Publication dates: datelines in Hindi, Gujarati and English forms; never a year inside a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.dates import find_dateline, match_dateline, month_names, parse_date_value
from ingest.normalize import fold

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
        ("2024-10-30", "2024-10-30"),
        ("May 5, 2023", "2023-05-05"),
        ("5th May 2023", "2023-05-05"),
        ("05-May-2023", "2023-05-05"),
        ("5 May, 2023", "2023-05-05"),
        ("Last Updated: May 05, 2023 | 10:30 IST", "2023-05-05"),
        ("Sept. 9, 2021", "2021-09-09"),
        ("Updated: Friday, May 5, 2023 10:30 AM IST", "2023-05-05"),
        ("शुक्रवार, 5 मई 2023", "2023-05-05"),
        ("अपडेटेड: 12 सितम्बर 2022, 09:15 IST", "2022-09-12"),
        ("प्रकाशित: 1 फ़रवरी 2020", "2020-02-01"),
        ("૧૦ ઑક્ટોબર, ૨૦૨૪", "2024-10-10"),
        ("ગુરુવાર, 3 ઓગસ્ટ 2023", "2023-08-03"),
        ("New Delhi, May 5, 2023", "2023-05-05"),
        ("NEW DELHI, May 5, 2023 — The foreign ministers met on Thursday.", "2023-05-05"),
    ],
)
def test_datelines(line, expected):
    assert match_dateline(line, TODAY) == dt.date.fromisoformat(expected)


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
        "2024",
    ],
)
def test_not_datelines(line):
    assert match_dateline(line, TODAY) is None


def test_only_the_top_of_the_text_holds_a_dateline():
    lines = ["Headline", *[f"Paragraph {n} of the story." for n in range(20)], "May 5, 2023"]
    assert find_dateline(lines, TODAY) == (None, None)
    assert find_dateline(["Headline", "May 5, 2023", "Text."], TODAY) == (dt.date(2023, 5, 5), 1)


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
    ],
)
def test_metadata_dates(value, expected):
    found = parse_date_value(value, TODAY)
    assert (found.isoformat() if found else None) == expected
