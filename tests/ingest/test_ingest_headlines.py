"""Headlines, not breadcrumbs or logos: a page's breadcrumb trail before its headline (or instead of
one), a ``<title>`` or heading that is a trail, and a logo wrapped in an ``<h1>`` (the site's name, as
many sites mark their logo) are not the title, through the real pipeline."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import ingest_file

ASSAM = (
    "<p>GUWAHATI: More than forty thousand people have been moved to relief camps in six districts of Assam"
    " after the Brahmaputra crossed the danger mark at Dibrugarh on Tuesday, officials said.</p>"
    "<p>The state disaster management authority said roads in Dhemaji and Lakhimpur were cut off.</p>"
)
ASSAM_HEADLINE = "Floods displace thousands in Assam as Brahmaputra rises"
DELHI = (
    "<p>नई दिल्ली में वायु गुणवत्ता सूचकांक गंभीर श्रेणी में पहुंचने के बाद सरकार ने प्राथमिक स्कूलों को अगले आदेश तक"
    " बंद करने का फैसला किया है।</p><p>पर्यावरण मंत्री ने कहा कि राजधानी में सभी निर्माण कार्यों पर रोक रहेगी।</p>"
)
AHMEDABAD_HEADLINE = "અમદાવાદમાં ભારે વરસાદથી રસ્તાઓ પર પાણી ભરાયા"
AHMEDABAD = (
    "<p>અમદાવાદ શહેરમાં ગુરુવારે સાંજે ત્રણ કલાકમાં ચાર ઇંચ વરસાદ પડતાં અનેક વિસ્તારોમાં રસ્તાઓ પર પાણી ભરાઈ ગયા"
    " હતા.</p><p>હવામાન વિભાગે આગામી બે દિવસ માટે યલો એલર્ટ જાહેર કર્યું છે.</p>"
)


def page(head: str, body: str) -> str:
    return f'<html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        # The <title> is the trail down to the headline: the extractor took its first parts.
        (
            f"<title>Home » India » Assam » {ASSAM_HEADLINE}</title>",
            f'<div class="post"><p>Home » India » Assam</p><p>{ASSAM_HEADLINE}</p>{ASSAM}</div>',
            ASSAM_HEADLINE,
        ),
        # A heading that the extractor reads as the title ("page-title") holds the trail; no <title>.
        (
            "",
            f'<div class="content"><h3 class="page-title">Home › India › Assam</h3><p>{ASSAM_HEADLINE}</p>'
            f"{ASSAM}</div>",
            ASSAM_HEADLINE,
        ),
        # Hindi: "होम / देश / ..." with the headline as its last part.
        (
            "<title>होम / देश / दिल्ली में प्रदूषण से स्कूल बंद</title>",
            f'<div class="content"><div class="breadcrumb">होम / देश / दिल्ली</div>{DELHI}</div>',
            "दिल्ली में प्रदूषण से स्कूल बंद",
        ),
    ],
)
def test_a_breadcrumb_trail_in_the_title_is_not_the_headline(tmp_path, head, body, title):
    article = ingest_file(tmp_path, "page.html", page(head, body)).article
    assert article["title"] == title
    assert "»" not in article["body"] and "›" not in article["body"]


def test_the_sections_a_title_ends_with_are_not_part_of_the_headline(tmp_path):
    crumbs = '<ul class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/india">India</a></li>'
    crumbs += '<li><a href="/india/assam">Assam</a></li></ul>'
    html = page(f"<title>{ASSAM_HEADLINE} | Assam | India | Northeast Ledger</title>", crumbs + ASSAM)
    article = ingest_file(tmp_path, "page.html", html).article
    assert (article["title"], article["source"]) == (ASSAM_HEADLINE, "Northeast Ledger")


def test_a_site_name_above_a_text_files_breadcrumb_is_its_masthead(tmp_path):
    text = (
        "The Eastern Post\nHome > World > Asia\nJapan's ruling party picks Ishiba as new leader\n"
        "TOKYO: Japan's ruling Liberal Democratic Party chose Shigeru Ishiba as its leader on Friday.\n\n"
        "Ishiba beat Sanae Takaichi in a run-off vote.\n"
    )
    article = ingest_file(tmp_path, "story.txt", text).article
    assert article["title"] == "Japan's ruling party picks Ishiba as new leader"
    assert article["source"] == "The Eastern Post"
    assert article["body"].startswith("TOKYO: Japan's ruling")


@pytest.mark.parametrize(
    ("head", "logo", "headline", "body", "source"),
    [
        # A text logo in the only <h1>, the headline in an <h2>, the <title> "Headline - Site".
        (
            f"<title>{AHMEDABAD_HEADLINE} - ગુજરાત સમાચાર પત્ર</title>",
            '<div id="header"><h1><a href="/">ગુજરાત સમાચાર પત્ર</a></h1></div>',
            AHMEDABAD_HEADLINE,
            AHMEDABAD,
            "ગુજરાત સમાચાર પત્ર",
        ),
        # An image logo: the extractor takes the <title>'s site part, the other holding a full stop.
        (
            "<title>RBI keeps repo rate unchanged at 6.5 per cent | Mint Street Daily</title>",
            '<h1 class="logo"><a href="/"><img src="/logo.png" alt="Mint Street Daily"></a></h1>',
            "RBI keeps repo rate unchanged at 6.5 per cent",
            "<p>MUMBAI: The Reserve Bank of India left its key lending rate unchanged for the eighth meeting"
            " in a row on Friday, saying inflation was still above its target.</p><p>Economists had"
            " expected the pause.</p>",
            "Mint Street Daily",
        ),
        # The <title> is the site's name alone: the headline is the story's own heading.
        (
            "<title>समाचार दर्पण</title>",
            '<h1 class="site-title"><a href="https://darpan.example/"><img src="/l.png" alt="">'
            "<span>समाचार दर्पण</span></a></h1>",
            "दिल्ली में प्रदूषण से स्कूल बंद, निर्माण कार्य पर रोक",
            DELHI,
            "समाचार दर्पण",
        ),
    ],
)
def test_a_logo_in_an_h1_is_the_site_not_the_headline(tmp_path, head, logo, headline, body, source):
    html = page(head, f'{logo}<div class="story"><h2>{headline}</h2>{body}</div>')
    article = ingest_file(tmp_path, "page.html", html).article
    assert (article["title"], article["source"]) == (headline, source)
    assert not article["body"].startswith((headline, source))


def test_an_og_title_with_a_full_stop_stays_the_headline_and_the_site_is_the_title_tags(tmp_path):
    headline = "RBI keeps repo rate unchanged at 6.5 per cent"
    head = f'<meta property="og:title" content="{headline}"><title>{headline} | Mint Street Daily</title>'
    html = page(
        head, f'<h1 class="logo"><a href="/"><img src="/logo.png"></a></h1><h2>{headline}</h2>{ASSAM}'
    )
    article = ingest_file(tmp_path, "page.html", html).article
    assert (article["title"], article["source"]) == (headline, "Mint Street Daily")


def test_a_headline_h1_that_looks_like_a_logo_by_its_markup_stays_the_headline(tmp_path):
    """A container's class that says "brand" does not make a headline-length <h1> a logo."""
    headline = "Modi arrives in Paris for Bastille Day parade"
    body = (
        f'<div class="brand-section"><h1><a href="/world/modi-paris">{headline}</a></h1></div>'
        "<p>PARIS: Prime Minister Narendra Modi arrived in Paris on Thursday for a two-day visit during which"
        " he will be the guest of honour at the Bastille Day parade.</p><p>He will meet Emmanuel Macron.</p>"
    )
    article = ingest_file(tmp_path, "page.html", page(f"<title>{headline}</title>", body)).article
    assert article["title"] == headline
    assert article["body"].startswith("PARIS: Prime Minister")


@pytest.mark.parametrize("section", ["Latest News", "Cricket", "ताज़ा ख़बर", "તાજા સમાચાર"])
def test_a_section_between_the_headline_and_the_site_in_the_title_is_neither(tmp_path, section):
    head = f"<title>{ASSAM_HEADLINE} | {section} | Northeast Ledger</title>"
    doc = ingest_file(tmp_path, "page.html", page(head, ASSAM)).article
    assert (doc["title"], doc["source"]) == (ASSAM_HEADLINE, "Northeast Ledger")


@pytest.mark.parametrize("desk", ["Business Desk", "Web Desk", "डिजिटल डेस्क", "ન્યૂઝ ડેસ્ક"])
def test_a_desk_named_above_a_text_files_headline_is_neither_title_nor_body(tmp_path, desk):
    text = (
        f"{desk}\nSensex climbs 500 points as IT stocks rally\n"
        "Mumbai: The BSE Sensex rose over 500 points on Tuesday, led by gains in information technology"
        " shares after strong quarterly results, traders said.\n\n"
        "Analysts said foreign investors had returned to Indian markets after weeks of selling.\n"
    )
    article = ingest_file(tmp_path, "story.txt", text).article
    assert article["title"] == "Sensex climbs 500 points as IT stocks rally"
    assert desk not in article["body"] and article["body"].startswith("Mumbai: The BSE Sensex")


def test_a_headline_about_a_desk_stays_the_headline(tmp_path):
    text = (
        "Sebi opens a help desk for small investors\n"
        "Mumbai: The market regulator opened a help desk on Monday for investors with complaints about"
        " brokers, officials said.\n"
    )
    assert (
        ingest_file(tmp_path, "story.txt", text).article["title"]
        == "Sebi opens a help desk for small investors"
    )


@pytest.mark.parametrize("separator", [" - ", " — ", " : "])
def test_an_og_title_ending_with_the_site_after_the_pages_headline_names_the_site(tmp_path, separator):
    og = f"{ASSAM_HEADLINE}{separator}Northeast Today"
    head = f'<title>{og}</title><meta property="og:title" content="{og}">'
    article = ingest_file(
        tmp_path, "page.html", page(head, f"<article><h1>{ASSAM_HEADLINE}</h1>{ASSAM}</article>")
    )
    assert (article.article["title"], article.article["source"]) == (ASSAM_HEADLINE, "Northeast Today")
    assert ASSAM_HEADLINE not in article.article["body"]


def test_a_headline_with_a_dash_of_its_own_stays_whole(tmp_path):
    headline = "Assam floods - army called in"
    head = f'<title>{headline}</title><meta property="og:title" content="{headline}">'
    article = ingest_file(tmp_path, "page.html", page(head, f"<article><h1>{headline}</h1>{ASSAM}</article>"))
    assert article.article["title"] == headline
