"""Titles, sources and ids on pages written for these tests: breadcrumbs, mastheads, bylines, URLs."""

from __future__ import annotations

import pytest

from ingest.ids import make_id
from ingest.pipeline import RejectedRecord, build_article
from ingest.source import source_from_url
from ingest.title import parse_breadcrumb, shorten_title, strip_site_name

from .conftest import TODAY

PARAGRAPH = "The foreign ministers met on Thursday and agreed to expand trade, energy and transport links."
HI_PARAGRAPH = "दोनों देशों के विदेश मंत्रियों ने गुरुवार को मुलाकात की और व्यापार बढ़ाने पर सहमति जताई।"


def page(*lines: str) -> str:
    return "\n\n".join(lines)


@pytest.mark.parametrize(
    ("line", "site", "title"),
    [
        (
            "Daily Ledger > World > Ministers agree to expand trade",
            "Daily Ledger",
            "Ministers agree to expand trade",
        ),
        ("Home » World » Ministers agree to expand trade", None, "Ministers agree to expand trade"),
        ("होम › देश › विदेश मंत्रियों ने व्यापार पर बात की", None, "विदेश मंत्रियों ने व्यापार पर बात की"),
        ("Home > World", None, None),
    ],
)
def test_breadcrumbs(line, site, title):
    crumb = parse_breadcrumb(line)
    assert crumb is not None
    assert (crumb.site, crumb.title) == (site, title)


@pytest.mark.parametrize("line", ["India / Pakistan talks resume", "Prices rose > 5% in May", PARAGRAPH])
def test_not_breadcrumbs(line):
    assert parse_breadcrumb(line) is None


def test_title_from_breadcrumb_and_site_as_source():
    doc = build_article(
        page(
            "Daily Ledger > World > Ministers agree to expand trade",
            "Ministers agree to expand trade",
            PARAGRAPH,
        ),
        today=TODAY,
    )
    assert doc["title"] == "Ministers agree to expand trade"
    assert doc["source"] == "Daily Ledger"
    assert doc["body"] == PARAGRAPH


def test_latin_masthead_in_an_indic_page_is_the_source():
    doc = build_article(page("विदेश मंत्रियों की बैठक", "12 सितंबर 2022", "NaviKhabar", HI_PARAGRAPH), today=TODAY)
    assert doc["source"] == "NaviKhabar"
    assert doc["published"] == "2022-09-12"
    assert doc["body"] == HI_PARAGRAPH


def test_masthead_printed_twice_in_an_english_page_is_the_source():
    doc = build_article(
        page("Ministers agree to expand trade", "The Ledger", "The Ledger", PARAGRAPH), today=TODAY
    )
    assert doc["source"] == "The Ledger"
    assert "The Ledger" not in doc["body"]


@pytest.mark.parametrize(
    ("notice", "source"),
    [
        ("© 2024 The Daily Ledger. All rights reserved.", "The Daily Ledger"),
        ("Copyright © 2019-2024 Daily Ledger | All Rights Reserved", "Daily Ledger"),
        ("(c) 2023 Statecraft, Inc.", "Statecraft"),
        ("© 2025 Daily Ledger Media Pvt. Ltd.", "Daily Ledger Media"),  # not its legal form
        ("© 2024 नवी खबर। सर्वाधिकार सुरक्षित।", "नवी खबर"),
        ("© ગુજરાત દર્પણ. તમામ હક્કો સુરક્ષિત.", "ગુજરાત દર્પણ"),
    ],
)
def test_a_copyright_notice_names_the_source_and_is_not_the_body(notice, source):
    doc = build_article(page("Ministers agree to expand trade", PARAGRAPH, notice), today=TODAY)
    assert doc["source"] == source
    assert doc["body"] == PARAGRAPH


def test_a_first_line_that_the_copyright_notice_names_is_the_masthead_not_the_title():
    notice = "© 2024 The Daily Ledger. All rights reserved."
    doc = build_article(page("The Daily Ledger", "Ministers agree to expand trade", PARAGRAPH, notice))
    assert (doc["title"], doc["source"], doc["body"]) == (
        "Ministers agree to expand trade",
        "The Daily Ledger",
        PARAGRAPH,
    )
    # Without the notice, a short first line is the headline as before.
    doc = build_article(page("Rain in Mumbai", "Heavy showers lashed the city", PARAGRAPH))
    assert doc["title"] == "Rain in Mumbai"


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright law was changed last year, the ministers noted in their statement.",
        "copyright holders welcomed the decision",
    ],
)
def test_a_sentence_about_copyright_is_no_notice(sentence):
    doc = build_article(page("Ministers agree to expand trade", PARAGRAPH, sentence), today=TODAY)
    assert doc["source"] is None
    assert doc["body"].endswith(sentence)


@pytest.mark.parametrize(
    ("byline", "source"),
    [
        (("By Ledger Staff",), "Ledger"),
        (("By", "Ledger News Desk"), "Ledger"),
        (("लेखक", "नवी खबर ब्यूरो"), "नवी खबर"),
        (("By Jane Doe",), None),  # a person is not a publication
        (("By Rakesh Sharma, Sports Desk",), None),  # a person, then the desk or city
        (("By Jane Doe, New Delhi",), None),
        (("खेल डेस्क, नई दिल्ली",), None),  # a desk credit without a cue names no publication
        (("Sports Desk, Mumbai",), None),
        (("Written by: Jane Doe", "Senior Correspondent"), None),
    ],
)
def test_bylines_are_removed_and_name_the_source_only_for_an_organisation(byline, source):
    doc = build_article(page("Ministers agree to expand trade", PARAGRAPH, *byline), today=TODAY)
    assert doc["source"] == source
    assert doc["body"] == PARAGRAPH


def test_a_sentence_starting_with_by_is_not_a_byline():
    sentence = "By 2030 both countries hope to double their trade, the ministers said in a joint statement."
    doc = build_article(page("Ministers agree to expand trade", PARAGRAPH, sentence), today=TODAY)
    assert doc["body"].endswith(sentence)


def test_metadata_wins_over_what_the_text_says():
    doc = build_article(
        page("Daily Ledger > World > Ministers agree to expand trade", "May 5, 2023", PARAGRAPH),
        title="Ministers agree",
        source="Ledger Wire",
        published="2023-06-01",
        url="https://www.ledger.example/world/1",
        today=TODAY,
    )
    assert (doc["title"], doc["source"], doc["published"], doc["year"]) == (
        "Ministers agree",
        "Ledger Wire",
        "2023-06-01",
        2023,
    )
    assert doc["url"] == "https://www.ledger.example/world/1"


def test_url_host_is_the_source_when_nothing_else_names_one():
    doc = build_article(PARAGRAPH, title="Ministers agree", url="https://www.ledger.example/a/1", today=TODAY)
    assert doc["source"] == "ledger.example"
    assert source_from_url("not a url") is None


def test_headline_with_site_suffix_loses_it():
    assert strip_site_name("Ministers agree to expand trade | Daily Ledger", "Daily Ledger") == (
        "Ministers agree to expand trade"
    )
    assert strip_site_name("Ministers agree - on trade", "Daily Ledger") == "Ministers agree - on trade"


def test_a_paragraph_as_first_line_gives_a_headline_sized_title():
    long_line = "Ministers met in Goa. " + "They talked about trade and energy and many other things. " * 10
    assert shorten_title(long_line) == "Ministers met in Goa."


def test_nothing_left_after_cleaning_is_rejected():
    with pytest.raises(RejectedRecord):
        build_article(page("Share", "Follow us on Twitter", "Back to top"), today=TODAY)


def test_ids_are_stable_and_come_from_id_then_url_then_text():
    assert make_id("article-42", None, "t", "b") == "article-42"
    assert make_id(None, "https://www.ledger.example/a/1/", "t", "b") == make_id(
        None, "https://ledger.example/a/1#comments", "other", "text"
    )
    from_text = make_id(None, None, "फ़्रांस यात्रा", "पाठ  दो")
    assert from_text == make_id(None, None, "फ्रांस यात्रा", "पाठ दो")  # same article, spelling noise aside
    assert from_text != make_id(None, None, "फ्रांस यात्रा", "दूसरा पाठ")
    assert (
        make_id("has spaces / slashes", None, "t", "b") != "has spaces / slashes"
    )  # made safe, still stable
    assert make_id("has spaces / slashes", None, "t", "b") == make_id("has spaces / slashes", None, "x", "y")


def test_a_site_named_after_a_double_colon_is_the_source_not_part_of_the_title():
    article = build_article(page("MoUs signed :: Gujarat Business Wire", "The summit opened."), today=TODAY)
    assert (article["title"], article["source"]) == ("MoUs signed", "Gujarat Business Wire")
    # Other separators need the site named elsewhere: "India vs Pakistan: who wins?" is a headline.
    article = build_article(page("India vs Pakistan: who wins?", "The match is on Sunday."), today=TODAY)
    assert (article["title"], article["source"]) == ("India vs Pakistan: who wins?", None)


def test_a_files_id_comes_from_its_text_as_read_not_as_cleaned():
    # A newer rule that removes one more line of furniture must not give the same file a new id.
    text = page("Modi meets Macron", "The two leaders met in Paris on Friday.", "Photo courtesy: PIB")
    article = build_article(text, today=TODAY, raw=text)
    assert article["id"] == make_id(None, None, "another title", "another body", raw=text)
    assert article["id"] == make_id(None, None, "", "", raw=text.replace("\n\n", "\n \n"))  # spacing aside
    assert article["id"] != make_id(None, None, "", "", raw=text + "\nA new paragraph.")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "/relative/path", "ftp://x.example/a"]
)
def test_only_absolute_http_urls_are_kept_and_the_article_without_one(url):
    notes: list[str] = []
    article = build_article(PARAGRAPH, title="Ministers agree", url=url, today=TODAY, notes=notes)
    assert article["url"] is None and article["body"] == PARAGRAPH
    assert len(notes) == 1 and "not an absolute http(s) URL" in notes[0]


GU_PARAGRAPH = "બંને દેશોના વિદેશ મંત્રીઓએ ગુરુવારે મુલાકાત કરી અને વેપાર વધારવા અંગે સંમતિ દર્શાવી."


@pytest.mark.parametrize(
    ("title", "byline", "paragraph", "published"),
    [
        ("Ministers agree to expand trade", "By Staff Reporter | November 9, 2019", PARAGRAPH, "2019-11-09"),
        ("Ministers agree to expand trade", "Posted by Admin on 12 March 2021", PARAGRAPH, "2021-03-12"),
        ("विदेश मंत्रियों की बैठक", "लेखक: राहुल शर्मा | 5 मई 2023", HI_PARAGRAPH, "2023-05-05"),
        ("વિદેશ મંત્રીઓની બેઠક", "અહેવાલ: પ્રિયા પટેલ | ૫ મે ૨૦૨૩", GU_PARAGRAPH, "2023-05-05"),
    ],
)
def test_a_date_on_the_byline_is_the_publication_date(title, byline, paragraph, published):
    doc = build_article(page(title, byline, paragraph), today=TODAY)
    assert doc["published"] == published
    assert doc["body"] == paragraph  # the byline, date and all, is not article text


def test_a_date_in_a_sentence_under_the_headline_does_not_date_the_article():
    sentence = "By the time the talks ended on May 5, 2023, both ministers had agreed to meet again."
    doc = build_article(page("Ministers agree to expand trade", sentence, PARAGRAPH), today=TODAY)
    assert doc["published"] is None
    assert doc["body"] == page(sentence, PARAGRAPH)


def test_a_dated_byline_at_the_end_removes_the_line_but_does_not_date_the_article():
    story = [f"Paragraph {n}: the ministers discussed trade, energy and transport links." for n in range(12)]
    doc = build_article(
        page("Ministers agree to expand trade", *story, "Posted by Admin on 12 March 2021"), today=TODAY
    )
    assert doc["published"] is None
    assert doc["body"] == page(*story)


@pytest.mark.parametrize(
    ("meta", "published"),
    [
        (("Published: 05 May 2023, 09:00 IST", "Updated: 06 May 2023 10:42 IST"), "2023-05-05"),
        (("Updated: 06 May 2023 10:42 IST", "Published: 05 May 2023"), "2023-05-05"),
        (("Last updated on 6 May 2023",), "2023-05-06"),  # no other date: the update is all there is
        (("अपडेटेड: 6 मई 2023, 10:42 IST", "प्रकाशित: 5 मई 2023"), "2023-05-05"),
        (("May 5, 2023", "Last updated on May 6, 2023"), "2023-05-05"),
        (("By Staff Reporter | May 5, 2023", "Updated: 06 May 2023 10:42 IST"), "2023-05-05"),
    ],
)
def test_every_dateline_near_the_top_is_metadata_not_text(meta, published):
    doc = build_article(page("Ministers agree to expand trade", *meta, PARAGRAPH), today=TODAY)
    assert doc["published"] == published
    assert doc["body"] == PARAGRAPH


def test_metadata_date_wins_over_an_update_line():
    doc = build_article(
        page("Ministers agree to expand trade", "Updated: 06 May 2023 10:42 IST", PARAGRAPH),
        published="2023-05-01",
        today=TODAY,
    )
    assert doc["published"] == "2023-05-01"
    assert doc["body"] == PARAGRAPH


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://www.ledger.example/a/1", "ledger.example"),
        ("https://m.ledger.example/a/1", "ledger.example"),
        ("https://amp.ledger.example/a/1", "ledger.example"),
        ("https://mobile.ledger.example/a/1", "ledger.example"),
        ("https://WWW.Ledger.Example/a/1", "ledger.example"),
        ("https://news.ledger.example/a/1", "news.ledger.example"),  # a section of its own
        ("https://amp.example/a/1", "amp.example"),  # the prefix is the site's whole name
        ("https://m.example/a/1", "m.example"),
    ],
)
def test_one_site_has_one_name_whatever_edition_the_url_points_to(url, source):
    assert source_from_url(url) == source
    assert build_article(PARAGRAPH, title="Ministers agree", url=url, today=TODAY)["source"] == source


def test_a_headline_starting_like_a_credit_is_the_title():
    doc = build_article(
        page(
            "Sources: talks between India and Pakistan may resume",
            "March 1, 2024",
            "Sources said talks between India and Pakistan could resume after the elections.",
            "Photo opportunities were limited at the border, officials said.",
        ),
        today=TODAY,
    )
    assert doc["title"] == "Sources: talks between India and Pakistan may resume"
    assert doc["body"].startswith("Sources said talks")


@pytest.mark.parametrize("credit", ["Photo: File", "फोटो: फाइल", "IMAGE SOURCE: ट्विटर के माध्यम से"])
def test_a_short_credit_above_the_headline_is_still_dropped(credit):
    doc = build_article(page(credit, "Ministers agree to expand trade", PARAGRAPH), today=TODAY)
    assert doc["title"] == "Ministers agree to expand trade"
    assert doc["body"] == PARAGRAPH


@pytest.mark.parametrize("crumb", ["અમદાવાદ » ગુજરાત", "Ahmedabad » Gujarat", "देश › राज्य"])
def test_a_short_breadcrumb_without_home_is_not_the_title(crumb):
    headline = "નવરાત્રિમાં ગરબા માટે શહેરમાં નવા નિયમો જાહેર"
    body = "અમદાવાદ શહેર પોલીસે નવરાત્રિ દરમિયાન ગરબા આયોજકો માટે નવા નિયમો જાહેર કર્યા છે."
    article = build_article(f"{crumb}\n{headline}\n{body}")
    assert article["title"] == headline
    assert article["body"] == body
    assert article["source"] is None  # a place is not a site


def test_a_title_with_a_slash_is_not_a_breadcrumb():
    article = build_article(
        "India / Pakistan talks resume in Doha\nThe two delegations met on Monday in Doha."
    )
    assert article["title"] == "India / Pakistan talks resume in Doha"


@pytest.mark.parametrize(
    ("lead", "source"),
    [
        ("TOKYO (Reuters) - Japan's prime minister called an election on Tuesday.", "Reuters"),
        ("WASHINGTON (AP) — The Senate passed the bill late on Monday night.", "AP"),
        ("New Delhi, May 5 (PTI) The government announced a new policy on Monday.", "PTI"),
        ("नई दिल्ली, 5 मई (भाषा) सरकार ने सोमवार को नई नीति की घोषणा की।", "भाषा"),
        ("नई दिल्ली, 12 मार्च (आईएएनएस)। केंद्र सरकार ने नियम अधिसूचित कर दिए।", "आईएएनएस"),  # a danda
        ("અમદાવાદ, તા. 12 જૂન (એજન્સી) શહેરમાં ભારે વરસાદ પડ્યો હતો.", "એજન્સી"),
        # with the year too
        ("COLOMBO, March 3, 2022 (AFP) - A strong earthquake struck the coast on Monday.", "AFP"),
        ("नई दिल्ली, १२ फरवरी २०२४ (भाषा) राजधानी में सोमवार सुबह भूकंप के झटके महसूस किए गए।", "भाषा"),
        # Brackets after no dateline: an acronym spelt out, a weekday, a photo's side.
        ("BJP (Bharatiya Janata Party) - leaders met in Delhi on Monday.", None),
        ("The ruling Liberal Democratic Party (LDP) - said it would win.", None),
        ("Modi said on May 5 (Friday) that talks would go on.", None),
        ("Delhi, May 5 (right) meets the visiting minister.", None),
    ],
)
def test_a_wire_storys_agency_is_the_source_when_nothing_else_names_one(lead, source):
    doc = build_article(f"Headline of the story\n\n{lead}\n\nA second paragraph follows here.", today=TODAY)
    assert doc["source"] == source
    assert doc["body"].startswith(lead)  # the credit stays: the dateline is part of the lead


@pytest.mark.parametrize(
    ("lead", "published"),
    [
        ("COLOMBO, March 3, 2022 (AFP) - A strong earthquake struck the coast on Monday.", "2022-03-03"),
        ("नई दिल्ली, १२ फरवरी २०२४ (भाषा) राजधानी में सोमवार सुबह भूकंप के झटके महसूस किए गए।", "2024-02-12"),
    ],
)
def test_a_wire_dateline_with_its_year_dates_the_story(lead, published):
    doc = build_article(f"Headline of the story\n\n{lead}\n\nA second paragraph follows here.", today=TODAY)
    assert doc["published"] == published
    assert doc["body"].startswith(lead)


@pytest.mark.parametrize("kicker", ["BREAKING NEWS", "ब्रेकिंग न्यूज़", "Exclusive"])
def test_a_kicker_above_the_headline_is_not_the_title(kicker):
    text = f"{kicker}\n\nFarmers march to Delhi\n\nThousands of farmers began a march to Delhi on Tuesday."
    doc = build_article(text, today=TODAY)
    assert doc["title"] == "Farmers march to Delhi"
    assert kicker not in doc["body"]


@pytest.mark.parametrize(
    ("dateline", "published", "source"),
    [
        ("TOKYO, May 5, 2022 (Reuters)", "2022-05-05", "Reuters"),
        ("नई दिल्ली, 12 मार्च 2022 (भाषा)", "2022-03-12", "भाषा"),
    ],
)
def test_a_wire_dateline_on_its_own_line_gives_the_date_and_the_agency(dateline, published, source):
    text = f"Lab opens\n\n{dateline}\n\nA new laboratory opened in the city on Thursday, officials said."
    doc = build_article(text, today=TODAY)
    assert (doc["published"], doc["source"]) == (published, source)
    assert dateline not in doc["body"]


@pytest.mark.parametrize(
    ("dateline", "place"),
    [("RANCHI, Feb 26:", "RANCHI"), ("सूरत, 12 जून -", "सूरत"), ("અમદાવાદ, તા. 3 મે", "અમદાવાદ")],
)
def test_a_dateline_without_its_year_leaves_its_place_and_no_date(dateline, place):
    lead = "A new laboratory opened in the city on Thursday, officials said."
    doc = build_article(f"Lab opens\n\n{dateline}\n\n{lead}", today=TODAY)
    assert (doc["published"], doc["body"]) == (None, f"{place}\n\n{lead}")


@pytest.mark.parametrize("section", ["Sports", "देश", "ગુજરાત"])
def test_a_sections_name_above_the_headline_is_not_article_text(section):
    lead = "Shubman Gill steered India to a five-wicket win over England on Monday."
    doc = build_article(f"{section}\n\nIndia beat England\n\n{lead}", title="India beat England", today=TODAY)
    assert doc["body"] == lead
    # Below the headline, the same word is the article's.
    assert build_article(
        f"India beat England\n\n{lead}\n\n{section}", title="India beat England", today=TODAY
    )["body"].endswith(section)


def test_a_named_source_wins_over_the_wire_agency():
    text = "Headline of the story\n\nTOKYO (Reuters) - Japan's prime minister called an election."
    assert build_article(text, source="The Daily Ledger", today=TODAY)["source"] == "The Daily Ledger"


def test_a_brief_of_one_paragraph_is_titled_by_its_first_sentence():
    brief = (
        "मुंबई : राज्य सरकारने शेतकऱ्यांसाठी नवीन कर्जमाफी योजना जाहीर केली आहे. मुख्यमंत्र्यांनी सांगितले की "
        "या योजनेचा लाभ लाखो शेतकऱ्यांना होईल."
    )
    doc = build_article(brief, today=TODAY)
    assert doc["title"] == "मुंबई : राज्य सरकारने शेतकऱ्यांसाठी नवीन कर्जमाफी योजना जाहीर केली आहे."
    assert doc["body"] == brief
    with pytest.raises(RejectedRecord, match="no article body"):  # a headline alone is no article
        build_article("Stocks rally as inflation cools", today=TODAY)


def test_a_line_saying_how_long_ago_is_not_the_headline():
    doc = build_article(
        page("Updated 2 hours ago", "Stocks rally as inflation cools", PARAGRAPH), today=TODAY
    )
    assert (doc["title"], doc["body"], doc["published"]) == (
        "Stocks rally as inflation cools",
        PARAGRAPH,
        None,
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "WASHINGTON (Reuters) - The Fed held rates steady on Wednesday.\n\nMarkets rose after it.",
            "The Fed held rates steady on Wednesday.",
        ),
        (
            "नई दिल्ली, 12 मार्च (आईएएनएस)। सरकार ने नियम अधिसूचित किए।\n\nशरणार्थियों को नागरिकता मिलेगी।",
            "सरकार ने नियम अधिसूचित किए।",
        ),
        # A headline is kept as it is, brackets and all.
        ("Modi (BJP) wins\n\nNEW DELHI (PTI) - The results came in.", "Modi (BJP) wins"),
    ],
)
def test_a_story_without_a_headline_is_titled_by_its_wire_lead_without_the_credit(text, title):
    doc = build_article(text, today=TODAY)
    assert doc["title"] == title
    assert "(" in doc["body"].split("\n")[0]  # the body opens with the credit, as the story does
