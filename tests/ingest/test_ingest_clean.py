"""The general boilerplate cues, on lines written for these tests (not taken from the seeds)."""

from __future__ import annotations

import pytest

from ingest.clean import boilerplate_reason, remove_boilerplate
from ingest.pipeline import build_article

from .conftest import TODAY


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Follow us on Facebook for more updates", "promo"),
        ("Subscribe to our YouTube channel", "promo"),
        ("Click here to join our Telegram channel for breaking news", "promo"),
        ("ताज़ा ख़बरों के लिए हमारे टेलीग्राम चैनल से जुड़ें", "promo"),
        ("हमें फेसबुक पर फॉलो करें", "promo"),
        ("લેટેસ્ટ અપડેટ્સ માટે અમારી ટેલિગ્રામ ચેનલમાં જોડાઓ", "promo"),
        ("Share on LinkedIn", "promo"),
        ("Facebook | Instagram | YouTube", "promo"),
        ("Share: Facebook | Twitter | Email | Print", "promo"),
        ("WhatsApp पर फॉलो करें", "promo"),
        ("ટેલિગ્રામ ચેનલમાં જોડાઓ", "promo"),
        ("વોટ્સએપ ચેનલ સાથે જોડાઓ", "promo"),
        ("Follow us on Twitter.", "promo"),
        ("यह खबर शेयर करें", "promo"),
        ("આ લેખ શેર કરો", "promo"),
        ("Get the latest updates on your phone: join the WhatsApp group of Example News today", "promo"),
        ("Leave a comment", "navigation"),
        ("Comments (12)", "navigation"),
        ("टिप्पणियाँ", "navigation"),
        ("↑ Back to Top", "navigation"),
        ("Share this article", "navigation"),
        ("Related Articles", "navigation"),
        # A site's menu as one line.
        ("Markets | Economy | Opinion", "navigation"),
        ("होम • देश • विदेश • खेल • मनोरंजन", "navigation"),
        ("Home / India / Gujarat / Ahmedabad", "navigation"),
        ("BREAKING NEWS", "navigation"),  # a kicker above the headline
        ("ब्रेकिंग न्यूज़", "navigation"),
        ("Exclusive:", "navigation"),
        ("यह भी पढ़ें: चुनाव आयोग ने तारीखों का ऐलान किया", "credit"),
        ("આ પણ વાંચો: રાજ્યમાં વરસાદની આગાહી", "credit"),
        ("Photo: Reuters", "credit"),
        ("(इनपुट: एजेंसी)", "credit"),
        ("Sign up for our newsletter", "promo"),
        ("Subscribe to our newsletter for daily updates", "promo"),
        ("Click here to read more stories", "promo"),
        ("ताज़ा खबरों के लिए यहां क्लिक करें", "promo"),
        ("Photo - Reuters", "credit"),
        ("Image Source—Twitter", "credit"),
        ("तस्वीर: पीटीआई", "credit"),
        ("ફોટો - સોશિયલ મીડિયા", "credit"),
        ("Image credit: AFP", "credit"),
        ("Source: Reuters", "credit"),
        ("इनपुट: भाषा", "credit"),
        ("સ્ત્રોત: સોશિયલ મીડિયા", "credit"),
        ("1,204 views", "counter"),
        ("15", "counter"),
        ("3.2k shares", "counter"),
        ("We noticed you are using an ad blocker. Please whitelist our site.", "notice"),
        ("Your email address will not be published.", "notice"),
        ("© 2024 Example Media. All rights reserved.", "notice"),
        ("* * *", "no text"),
        ("।", "no text"),
        # Wire credits at the end of a story.
        ("- With inputs from agencies", "credit"),
        ("(With inputs from PTI)", "credit"),
        ("(एजेंसी इनपुट के साथ)", "credit"),
        # "Courtesy" credits (साभार, સૌજન્ય) and "read more" links.
        ("Share Tweet Email", "navigation"),  # a row of buttons without separators
        ("· 2 मिनट में पढ़ें", "counter"),  # reading time
        ("5 min read", "counter"),
        ("3 મિનિટ વાંચન", "counter"),
        ("Trending: Alia Bhatt to star in a new film", "credit"),
        ("ટૅગ્સ: ગુજરાત, સુરત", "credit"),
        ("शेयर ट्वीट ईमेल", "navigation"),
        ("फोटो साभार: पीआईबी", "credit"),
        ("साभार: सोशल मीडिया", "credit"),
        ("તસવીર સૌજન્ય: વ્હાઇટ હાઉસ", "credit"),
        ("Photo courtesy: ISRO", "credit"),
        ("Read more: Modi and Kishida discuss the bullet train project", "credit"),
        ("और पढ़ें: क्या है आर्टेमिस समझौता", "credit"),
        ("વધુ વાંચો: રાજ્યમાં વરસાદની આગાહી", "credit"),
        # The same cues in the other Indic scripts and Urdu.
        ("আরও পড়ুন: রাজ্যে বৃষ্টির পূর্বাভাস", "credit"),
        ("हेही वाचा: राज्यात पावसाचा इशारा", "credit"),
        ("ਇਹ ਵੀ ਪੜ੍ਹੋ: ਪੰਜਾਬ ਵਿੱਚ ਮੀਂਹ ਦੀ ਚੇਤਾਵਨੀ", "credit"),
        ("இதையும் படிக்க: சென்னையில் கனமழை", "credit"),
        ("ఇది కూడా చదవండి: హైదరాబాద్‌లో వర్షం", "credit"),
        ("ಇದನ್ನೂ ಓದಿ: ಬೆಂಗಳೂರಿನಲ್ಲಿ ಮಳೆ", "credit"),
        ("ഇതും വായിക്കുക: കൊച്ചിയിൽ കനത്ത മഴ", "credit"),
        ("یہ بھی پڑھیں: کراچی میں بارش", "credit"),
        ("ছবি: পিটিআই", "credit"),
        ("فائل فوٹو: رائٹرز", "credit"),
        ("বিজ্ঞাপন", "navigation"),
        ("விளம்பரம்", "navigation"),
        ("اشتہار", "navigation"),
        # How long ago, with no date: it dates nothing, and is no headline.
        ("Updated 2 hours ago", "timestamp"),
        ("Published: an hour ago", "timestamp"),
        ("· 10 mins ago", "timestamp"),
        ("अपडेट: 5 घंटे पहले", "timestamp"),
        ("3 દિવસ પહેલાં", "timestamp"),
        # A row of counters, relative times and bare labels between separators.
        ("Posted · 3 min read", "counter"),
        ("5 min read · Updated 2 hours ago", "counter"),
        ("3 मिनट में पढ़ें | 1.2K शेयर", "counter"),
        # Links to other stories and invitations to comment.
        ("Related stories", "navigation"),
        ("यह भी देखें", "navigation"),
        ("આ સમાચાર પણ વાંચો", "navigation"),
        ("Comments are moderated and may take a while to appear.", "notice"),
        ("आप अपनी राय कमेंट बॉक्स में लिखें।", "notice"),
    ],
)
def test_boilerplate_lines_are_recognised(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The minister said on Twitter that talks would resume next week.",
        "The minister said on Twitter that he would join the talks in Geneva next week.",
        "Users can now share photos on WhatsApp in higher quality, the company said.",
        "WhatsApp banned in Russia",
        "Share market rises",
        "मंत्री ने ट्विटर पर लिखा कि वे अगले सप्ताह वार्ता में शामिल होंगे और सहयोग बढ़ाने पर चर्चा करेंगे।",
        "By 2030, India plans to double its trade with Central Asia.",
        "Inputs from the public were sought before the draft was published.",
        "With inputs from Reuters and AFP, the ministry said on Monday that the talks had failed.",
        "Top officials of both armies met in Rawalpindi on Tuesday.",
        "व्हाट्सएप पर फैलाई गई अफवाहों के बाद पुलिस ने जांच शुरू की।",
        "કંપનીએ કહ્યું કે ટેલિગ્રામ પરના સંદેશાઓની તપાસ ચાલી રહી છે.",
        # Prose that begins with a credit's word ("photo", "home") is not a credit.
        "ছবিটি তোলা হয়েছিল কলকাতায় গত সপ্তাহে, জানিয়েছেন আলোকচিত্রী।",
        "படம் வெளியாகி இரண்டு வாரங்களில் நூறு கோடி ரூபாய் வசூலித்துள்ளது.",
        "تصویر میں وزیر اعظم کو اجلاس سے خطاب کرتے دیکھا جا سکتا ہے۔",
        "Photographers gathered outside the embassy.",
        "Sources said the talks would resume next week.",
        "Courtesy calls on the governor are a tradition.",
        "Share prices fell",
        "Trending topics on social media worried the ministry, officials said.",
        "Print media reply",
        "Two hours ago, the army moved into the town.",
        "5 घंटे पहले हुई बारिश से सड़कें डूब गईं।",
        "Updated 2 hours ago rules apply",
        "Read more books, the minister told students in Pune.",
        "पढ़ें और आगे बढ़ें, प्रधानमंत्री ने छात्रों से कहा।",
        "The share of exports rose to 15 percent.",
        "2024 में व्यापार 15 प्रतिशत बढ़ा।",
        # Short sentences and clauses naming platforms are news, not rows of share buttons.
        "Twitter and Facebook shares moved in opposite directions.",
        "Meta owns Facebook, Instagram and WhatsApp.",
        "फेसबुक और व्हाट्सएप को नोटिस मिला।",
        "Musk will join Twitter board.",
        "Musk will join Twitter board",
        "Facebook, Instagram down",
        # Words that start like a credit but are joined by a hyphen ("Photo-finish") begin sentences.
        "Photo-finish decided the 100m final in Paris.",
        "Credit-card spending in India rose 20 per cent",
        "Source-code leaks hit two Indian banks",
        # Headlines with separators are not menus.
        "India | Pakistan talks resume",
        "Budget 2024 | Key highlights | What changed",
        "Sports | Cricket",
        # A long paragraph that names a platform and a verb is still article text.
        "Telegram, the messaging app, said on Monday that it would follow the new rules and that users who "
        "join channels run by banned groups would be warned, a change that critics in Europe and Asia said "
        "came too late to stop the spread of propaganda across the region during the election campaign that "
        "ended last month with record turnout in most districts and towns.",
    ],
)
def test_article_sentences_are_kept(line):
    assert boilerplate_reason(line) is None


def test_consecutive_duplicates_go_but_repeats_elsewhere_stay():
    lines = [
        "Heading",
        "Heading",
        "First paragraph.",
        "",
        "Second paragraph.",
        "Second paragraph.",
        "Heading",
    ]
    assert remove_boilerplate(lines) == ["Heading", "First paragraph.", "Second paragraph.", "Heading"]


def test_duplicates_are_compared_on_folded_text():
    # The same heading once with nukta and ZWNJ, once without: one heading.
    assert remove_boilerplate(["फ़्रांस\u200c यात्रा", "फ्रांस यात्रा", "पाठ।"]) == ["फ़्रांस\u200c यात्रा", "पाठ।"]


def test_a_page_keeps_its_paragraphs_in_order():
    page = [
        "Home",
        "Share",
        "The talks began on Monday.",
        "Photo: PTI",
        "Both sides agreed to meet again.",
        "Follow us on Instagram",
        "Back to top",
    ]
    assert remove_boilerplate(page) == ["The talks began on Monday.", "Both sides agreed to meet again."]


def test_short_sentences_about_platforms_stay_in_the_article():
    doc = build_article(
        "Musk completes Twitter takeover\n\n"
        "Elon Musk has completed his 44 billion dollar purchase of Twitter.\n\n"
        "Twitter and Facebook shares moved in opposite directions.\n\n"
        "Facebook | Twitter | WhatsApp\n\n"
        "Read more",
        today=TODAY,
    )
    assert doc["body"].split("\n\n") == [
        "Elon Musk has completed his 44 billion dollar purchase of Twitter.",
        "Twitter and Facebook shares moved in opposite directions.",
    ]


@pytest.mark.parametrize(
    ("heading", "links"),
    [
        ("यह भी पढ़ें", ["आईपीएल 2024 का पूरा कार्यक्रम जारी", "बुमराह ने शुरू की ट्रेनिंग"]),
        ("આ પણ વાંચો", ["રાજ્યમાં વરસાદની આગાહી", "અમદાવાદમાં નવા નિયમો"]),
        ("Trending", ["- Gold prices rise again", "- IPL: Mumbai Indians win"]),
        ("Related Articles", ["Dubai ports handle record cargo"]),
        ("আরও পড়ুন", ["কলকাতায় ভারী বৃষ্টি", "শেয়ারবাজারে বড় পতন"]),
        ("இதையும் படிக்க", ["சென்னையில் கனமழை"]),
        ("یہ بھی پڑھیں", ["کراچی میں بارش", "لاہور میں نئے قوانین"]),
    ],
)
def test_a_block_of_links_goes_with_its_heading(heading, links):
    before = "The first paragraph of the story is a full sentence."
    after = "The story goes on with another full sentence."
    assert remove_boilerplate([before, heading, *links, after]) == [before, after]


def test_sentences_after_a_link_heading_are_kept():
    lines = ["यह भी पढ़ें", "सरकार ने नई नीति की घोषणा की।", "Short subheading"]
    assert remove_boilerplate(lines) == lines[1:]


def test_a_menu_split_into_lines_goes_with_its_separators():
    # Page extraction turned "<a>Home</a> | <a>News</a> | <a>World Cup</a>" into a line per part.
    lines = ["Home", "|", "News", "|", "World Cup", "Floods hit Pakistan", "Heavy rains displaced families."]
    assert remove_boilerplate(lines) == ["Floods hit Pakistan", "Heavy rains displaced families."]
    # Beside a separator, a line of three words or a sentence is kept: a headline, not a menu item.
    lines = ["News", "|", "Floods hit Pakistan", "Rains fell.", "•", "Relief camps opened."]
    assert remove_boilerplate(lines) == ["Floods hit Pakistan", "Rains fell.", "Relief camps opened."]
