"""The sign-off a wire story ends with (agency credits, desk credits, staff initials, syndication
notices) is no part of its body, in English, Hindi and Gujarati, through the real pipeline; lines and
sentences that only look like one stay."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import ingest_file

EN = (
    "India, US agree to speed up trade talks\n\n"
    "NEW DELHI: India and the United States agreed on Tuesday to speed up talks on a trade deal, officials"
    " said after a meeting of ministers in the capital.\n\n"
    "The two sides will meet again in Washington next month to settle the remaining issues."
)
HI = (
    "दिल्ली में प्रदूषण से स्कूल बंद\n\n"
    "नई दिल्ली में वायु गुणवत्ता सूचकांक गंभीर श्रेणी में पहुंचने के बाद सरकार ने प्राथमिक स्कूलों को बंद करने का फैसला"
    " किया है।\n\nपर्यावरण मंत्री ने कहा कि राजधानी में सभी निर्माण कार्यों पर रोक रहेगी।"
)
GU = (
    "અમદાવાદમાં ભારે વરસાદ\n\n"
    "અમદાવાદ શહેરમાં ગુરુવારે સાંજે ત્રણ કલાકમાં ચાર ઇંચ વરસાદ પડતાં અનેક વિસ્તારોમાં રસ્તાઓ પર પાણી ભરાઈ ગયા હતા.\n\n"
    "હવામાન વિભાગે આગામી બે દિવસ માટે યલો એલર્ટ જાહેર કર્યું છે."
)


@pytest.mark.parametrize(
    ("story", "sign_off", "source"),
    [
        (EN, "(Reporting by Aditi Shah; Editing by Kim Coghill)", None),
        (
            EN,
            "(Reporting by Aditi Shah in New Delhi; additional reporting by Rajendra Jadhav in Mumbai;"
            " Editing by Sonali Paul)",
            None,
        ),
        (EN, "Written by Aditi Shah; Edited by Sonali Paul", None),
        (EN, "Reporting by Aditi Shah", None),
        (EN, "--IANS", "IANS"),
        (EN, "-- IANS\n\nvg/arm", "IANS"),
        (EN, "— AP", "AP"),
        (EN, "(PTI)", "PTI"),
        (EN, "PTI AB CD XY", "PTI"),
        (EN, "(ANS/PTI)", None),  # two agencies: neither is the source
        (EN, "(IANS and ANI)", None),
        (EN, "(Inputs from agencies)", None),
        (EN, "(With agency inputs)", None),
        (
            EN,
            "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)",
            None,
        ),
        (EN, "--IANS\n\nShare this article\n\nLeave a Reply", "IANS"),  # under the page's own furniture
        (HI, "-- एजेंसी", None),  # "agency" names none
        (HI, "(भाषा)", "भाषा"),
        (HI, "-भाषा", "भाषा"),
        (HI, "(आईएएनएस)", "आईएएनएस"),
        (HI, "इनपुट-एजेंसी", None),
        (HI, "(इनपुट: भाषा)", "भाषा"),
        (HI, "भाषा अमित अजय", "भाषा"),
        (GU, "(ભાષા)", "ભાષા"),
        (GU, "-એજન્સી", None),
        (GU, "(પીટીઆઈ)", "પીટીઆઈ"),
        (GU, "- આઈએએનએસ", "આઈએએનએસ"),
        (GU, "(એજન્સી ઇનપુટ સાથે)", None),
    ],
)
def test_a_wire_sign_off_is_not_part_of_the_body(tmp_path, story, sign_off, source):
    article = ingest_file(tmp_path, "story.txt", f"{story}\n\n{sign_off}\n").article
    assert article["body"].endswith(story.rsplit("\n\n", 1)[-1])
    assert article["source"] == source


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("He said the talks had failed. (PTI)", "He said the talks had failed."),
        ("He said the talks had failed.--IANS", "He said the talks had failed."),
        ("उन्होंने कहा कि बातचीत विफल रही। -- भाषा", "उन्होंने कहा कि बातचीत विफल रही।"),
        # Brackets that are no credit stay.
        (
            "It was led by the BJP. (Bharatiya Janata Party)",
            "It was led by the BJP. (Bharatiya Janata Party)",
        ),
    ],
)
def test_a_credit_that_ends_the_last_paragraph_goes(tmp_path, last, kept):
    article = ingest_file(tmp_path, "story.txt", f"{EN}\n\n{last}\n").article
    assert article["body"].endswith(f"\n\n{kept}")


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by the Guardian showed that the minister had misled parliament.",
        "Reporting by phone banned in assembly",
        "PTI said talks failed",
        "(AP Photo/Manish Swarup)",
        "- Modi said the talks went well.",
        "भाषा विवाद पर बहस जारी है।",
    ],
)
def test_lines_that_only_look_like_a_sign_off_stay(tmp_path, line):
    for text in (f"{EN}\n\n{line}\n", f"{EN}\n\n{line}\n\nThe ministers will meet again in May.\n"):
        assert line in ingest_file(tmp_path, "story.txt", text).article["body"]


def test_an_agency_name_at_the_top_of_a_page_is_still_its_masthead(tmp_path):
    text = "Talks resume in Doha\n\nReuters\n\nReuters\n\nDOHA: Negotiators met again on Monday.\n"
    article = ingest_file(tmp_path, "story.txt", text).article
    assert (article["title"], article["source"]) == ("Talks resume in Doha", "Reuters")
