"""HTML pages: main text and metadata through trafilatura, then the same cleaning as text files."""

from __future__ import annotations

import pytest

from ingest.pipeline import RejectedRecord, process_record
from ingest.readers import RawRecord
from ingest.source import clean_source
from ingest.title import site_before_headline, site_in_headline, site_in_page_title

from .conftest import TODAY, ingest_file

PAGE = """<!doctype html>
<html lang="hi"><head>
<meta charset="utf-8">
<title>पाकिस्तान और रूस ने व्यापार बढ़ाने पर सहमति जताई | नवी खबर</title>
<meta property="og:site_name" content="नवी खबर">
<meta property="article:published_time" content="2023-05-05T10:00:00+05:30">
<link rel="canonical" href="https://www.navikhabar.example/world/123">
<script>window.dataLayer = [{"page": "article"}];</script>
</head><body>
<nav><a href="/">होम</a> › <a href="/world">दुनिया</a></nav>
<article>
<h1>पाकिस्तान और रूस ने व्यापार बढ़ाने पर सहमति जताई</h1>
<p>पाकिस्तान और रूस के विदेश मंत्रियों ने गुरुवार को गोवा में मुलाकात की और व्यापार, ऊर्जा तथा परिवहन
संपर्क बढ़ाने पर सहमति जताई।</p>
<p>दोनों मंत्रियों ने अफगानिस्तान की स्थिति पर भी चर्चा की और कहा कि वे जल्द ही फिर मिलेंगे।</p>
<p>हमें फेसबुक पर फॉलो करें</p>
</article>
<aside>Leave a Reply</aside>
<footer>Back to top</footer>
<script>alert("<b>not text</b>")</script>
</body></html>
"""


def test_html_page_gives_text_and_metadata():
    doc = process_record(RawRecord("page.html", None, "html", text=PAGE), TODAY)
    assert doc["title"] == "पाकिस्तान और रूस ने व्यापार बढ़ाने पर सहमति जताई"
    assert doc["published"] == "2023-05-05"
    assert doc["year"] == 2023
    assert doc["source"] == "नवी खबर"
    assert doc["url"] == "https://www.navikhabar.example/world/123"
    assert doc["language"] == "hi"
    assert {c["code"] for c in doc["countries"]} == {"PK", "RU", "AF"}
    assert doc["body"].startswith("पाकिस्तान और रूस के विदेश मंत्रियों ने")
    for furniture in ("फॉलो करें", "Leave a Reply", "Back to top", "dataLayer", "alert", "होम"):
        assert furniture not in doc["body"]


def test_html_without_a_date_has_no_date():
    page = PAGE.replace('<meta property="article:published_time" content="2023-05-05T10:00:00+05:30">', "")
    doc = process_record(RawRecord("page.html", None, "html", text=page), TODAY)
    assert (doc["published"], doc["year"]) == (None, None)


def test_a_relative_canonical_link_is_no_url_rather_than_an_error():
    page = PAGE.replace("https://www.navikhabar.example/world/123", "/world/123")
    doc = process_record(RawRecord("page.html", None, "html", text=page), TODAY)
    assert doc["url"] is None
    assert doc["source"] == "नवी खबर"


def test_a_page_named_only_by_its_host_has_the_host_as_its_urls_would_name_it():
    page = """<!doctype html><html><head><meta charset="utf-8">
<meta property="og:title" content="Americans head to the polls in a close presidential race">
<meta property="og:url" content="https://m.capitol-ledger.example/politics/election-day">
</head><body><article>
<h1>Americans head to the polls in a close presidential race</h1>
<p>Voters across the United States cast ballots on Tuesday in a presidential election. Polls showed a
tight race in Pennsylvania, Michigan and Wisconsin.</p>
<p>Results from the battleground states could take days, officials in several counties said.</p>
</article></body></html>"""
    doc = process_record(RawRecord("page.html", None, "html", text=page), TODAY)
    assert doc["source"] == "capitol-ledger.example"


def test_a_site_name_that_is_not_a_host_is_kept_as_written():
    assert clean_source("  Capitol   Ledger ") == "Capitol Ledger"
    assert clean_source("WWW.Capitol-Ledger.example") == "capitol-ledger.example"
    assert clean_source("Scroll.in: news") == "Scroll.in: news"


def test_a_source_given_as_the_sites_url_is_named_by_its_host():
    assert clean_source("https://www.spacedesk.example/") == "spacedesk.example"
    assert clean_source("http://m.spacedesk.example/news/1") == "spacedesk.example"
    assert clean_source("https://example.com is great") == "https://example.com is great"  # not a URL alone


def test_without_a_site_name_the_page_title_names_the_site_after_the_headline():
    page = PAGE.replace('<meta property="og:site_name" content="नवी खबर">', "")
    doc = process_record(RawRecord("page.html", None, "html", text=page), TODAY)
    assert doc["source"] == "नवी खबर"
    assert doc["title"] == "पाकिस्तान और रूस ने व्यापार बढ़ाने पर सहमति जताई"


def test_without_a_site_name_the_footers_copyright_notice_names_the_publisher():
    page = PAGE.replace('<meta property="og:site_name" content="नवी खबर">', "").replace(" | नवी खबर", "")
    notice = "<footer><p>© 2024 Navi Khabar Media Pvt Ltd. All rights reserved.</p> <a>Privacy</a></footer>"
    doc = process_record(
        RawRecord("page.html", None, "html", text=page.replace("<footer>Back to top</footer>", notice)), TODAY
    )
    assert doc["source"] == "Navi Khabar Media"
    assert "©" not in doc["body"]
    # A site name the page gives wins over the notice.
    doc = process_record(
        RawRecord("page.html", None, "html", text=PAGE.replace("<footer>Back to top</footer>", notice)), TODAY
    )
    assert doc["source"] == "नवी खबर"


def test_a_page_title_names_a_site_only_after_the_whole_headline():
    assert (
        site_in_page_title("Floods in Assam - The Eastern Ledger", "Floods in Assam") == "The Eastern Ledger"
    )
    assert site_in_page_title("સુરતમાં મંદી | ગુજરાત સમાચાર", "સુરતમાં મંદી") == "ગુજરાત સમાચાર"
    # A headline with a dash of its own, a section before the site, the home page, no separator.
    assert site_in_page_title("India vs Pakistan - Live", "India vs Pakistan - Live") is None
    assert site_in_page_title("Floods in Assam | India | Ledger", "Floods in Assam") is None
    assert site_in_page_title("Floods in Assam | Home", "Floods in Assam") is None
    assert site_in_page_title("Floods in Assam", "Floods in Assam") is None
    assert site_in_page_title(None, "Floods in Assam") is None


def test_a_page_title_may_name_the_site_before_the_headline():
    assert site_before_headline("NewsNow | Farmers march to Delhi", "NewsNow") == (
        "NewsNow",
        "Farmers march to Delhi",
    )
    named = site_before_headline("ગુજરાત સમાચાર | સુરતમાં મંદી", "ગુજરાત સમાચાર", "ગુજરાત સમાચાર")
    assert named == ("ગુજરાત સમાચાર", "સુરતમાં મંદી")
    # The usual order, a short headline before a longer site name, a section, the home page.
    assert site_before_headline("Farmers march to Delhi | NewsNow", "Farmers march to Delhi") is None
    assert site_before_headline("Budget passed | The Times of India Online", "Budget passed") is None
    assert site_before_headline("World | Ledger", "World") is None
    assert site_before_headline("Home | Floods in Assam leave thousands homeless", "Home") is None


def test_a_page_without_a_headline_element_and_its_site_first_in_the_title():
    page = (
        "<html><head><title>NewsNow | Farmers march to Delhi</title></head><body>"
        "<div>Thousands of farmers from Punjab and Haryana began a march to Delhi on Tuesday, demanding "
        "guaranteed crop prices, their unions said.</div><div>Police set up barricades at the border.</div>"
        "</body></html>"
    )
    doc = process_record(RawRecord("page.html", None, "html", text=page), TODAY)
    assert (doc["title"], doc["source"]) == ("Farmers march to Delhi", "NewsNow")


@pytest.mark.parametrize(
    ("element", "published"),
    [
        ('<div class="date">प्रकाशित: 4 नवंबर 2023</div>', "2023-11-04"),
        ("<time>4 नवंबर 2023</time>", "2023-11-04"),
        ('<span id="post-date">०४ नवंबर २०२३</span>', "2023-11-04"),
        ('<p class="meta">પ્રકાશિત: ૧૮ સપ્ટેમ્બર, ૨૦૨૪ | લેખક: રમેશ પટેલ</p>', "2024-09-18"),
        ('<div class="byline">सितंबर की बारिश पर विशेष रिपोर्ट</div>', None),  # no date in it
    ],
)
def test_a_date_element_the_extractor_drops_still_dates_the_page(element, published):
    page = (
        '<html><head><meta charset="utf-8"><title>दिल्ली में प्रदूषण</title></head><body>'
        f"<h1>दिल्ली में प्रदूषण</h1>{element}<p>राजधानी दिल्ली में वायु गुणवत्ता सूचकांक शनिवार को चार सौ के "
        "पार पहुंच गया। विशेषज्ञों ने लोगों को घरों में रहने की सलाह दी है।</p>"
        "<p>सरकार ने निर्माण कार्यों पर रोक लगा दी है।</p></body></html>"
    )
    doc = process_record(RawRecord("page.html", None, "html", text=page), TODAY)
    assert doc["published"] == published


def _links_page(links: int, paragraphs: int) -> str:
    items = "".join(
        f'<li><a href="/story/{i}">Headline {i} about the news of the day</a></li>' for i in range(links)
    )
    text = "".join(
        f"<p>Paragraph {i} of the story: officials in Delhi said the talks with Nepal would resume soon.</p>"
        for i in range(paragraphs)
    )
    head = "<head><title>World | Ledger</title></head>"
    return f"<html>{head}<body><h1>World</h1>{text}<ul>{items}</ul></body></html>"


def test_a_page_listing_other_pages_is_refused_as_no_article():
    page = _links_page(links=30, paragraphs=0)
    with pytest.raises(RejectedRecord, match="list of links"):
        process_record(RawRecord("index.html", None, "html", text=page), TODAY)


def test_an_article_with_a_block_of_related_links_is_kept():
    page = _links_page(links=12, paragraphs=6)
    doc = process_record(RawRecord("story.html", None, "html", text=page), TODAY)
    assert "Paragraph 5 of the story" in doc["body"]


_OG_PAGE = """<html><head><meta charset="utf-8">{head}</head><body>
<p>સુરત: ઓલપાડ તાલુકાના દરિયાકાંઠે ભારે પવનને કારણે માછીમારોની બોટ પલટી ખાઈ ગઈ હતી. ચાર માછીમારો લાપતા છે.</p>
<p>કોસ્ટ ગાર્ડ દ્વારા શોધખોળ ચાલી રહી છે.</p></body></html>"""
_OG = '<meta property="og:title" content="સુરતમાં બોટ પલટી, ૪ માછીમારો લાપતા | ગુજરાત ન્યૂઝ ૨૪">'


@pytest.mark.parametrize(
    "head",
    [_OG, _OG + "<title>સુરતમાં બોટ પલટી, ૪ માછીમારો લાપતા | ગુજરાત ન્યૂઝ ૨૪</title>"],
    ids=["og-title-only", "og-title-and-title"],
)
def test_an_og_title_loses_its_site_suffix_which_names_the_source(tmp_path, head):
    doc = ingest_file(tmp_path, "page.html", _OG_PAGE.format(head=head)).article
    assert (doc["title"], doc["source"]) == ("સુરતમાં બોટ પલટી, ૪ માછીમારો લાપતા", "ગુજરાત ન્યૂઝ ૨૪")


def test_an_og_title_keeps_a_last_part_that_is_its_own():
    assert site_in_headline("સુરતમાં બોટ પલટી, ૪ માછીમારો લાપતા | ગુજરાત ન્યૂઝ") == (
        "સુરતમાં બોટ પલટી, ૪ માછીમારો લાપતા",
        "ગુજરાત ન્યૂઝ",
    )
    # A short headline before a longer part, a section between, a colon, the home page.
    assert site_in_headline("Budget 2024 | What changed for taxpayers") is None
    assert site_in_headline("Floods in Assam leave thousands | India | Ledger") is None
    assert site_in_headline("Floods in Assam leave thousands: Ledger") is None
    assert site_in_headline("Floods in Assam leave thousands | Home") is None
