"""Test articles written for the web tests, beside the five real seeds (which go through ingest).

They cover what the seeds do not: English and undated articles, other countries, other sources, and
one hostile document whose title, body, source and url try to inject markup and script.
"""

from __future__ import annotations

HOSTILE_ID = "test-hostile"
HOSTILE_TITLE = "Moscow talks <script>alert('title')</script> <img src=x onerror=alert(1)>"
HOSTILE_BODY = (
    "Russia and India held talks in Moscow. <script>alert('body')</script>\n"
    "A reporter wrote <img src=x onerror=alert(1)> and &lt;b&gt;escaped&lt;/b&gt; text.\n"
    "रूस और भारत के बीच वार्ता हुई।"
)


def _article(id, title, body, language, published, source, countries, url=None, languages=None):
    return {
        "id": id,
        "title": title,
        "body": body,
        "language": language,
        "languages": languages or [{"code": language, "share": 1.0}],
        "published": published,
        "year": int(published[:4]) if published else None,
        "source": source,
        "url": url,
        "countries": [{"code": code, "name": name} for code, name in countries],
    }


TEST_ARTICLES = [
    _article(
        "test-hi-energy",
        "रूस और भारत के बीच ऊर्जा समझौता",
        "नई दिल्ली में रूस और भारत ने ऊर्जा सहयोग पर एक समझौते पर हस्ताक्षर किए। "
        "दोनों देशों ने तेल और गैस के व्यापार को बढ़ाने पर सहमति जताई।",
        "hi",
        "2023-07-14",
        "Test Hindi Daily",
        [("IN", "India"), ("RU", "Russia")],
        url="https://news.test/hi/energy",
    ),
    _article(
        HOSTILE_ID,
        HOSTILE_TITLE,
        HOSTILE_BODY,
        "en",
        "2022-03-02",
        "<b>Evil Source</b>",
        [("RU", "Russia"), ("IN", "India")],
        url="javascript:alert('url')",
    ),
    _article(
        "test-gu-trade",
        "ભારત અને જાપાન વચ્ચે વેપાર વધ્યો",
        "ભારત અને જાપાન વચ્ચેના વેપારમાં આ વર્ષે વધારો થયો છે. બંને દેશોએ નવા કરાર કર્યા.",
        "gu",
        None,
        None,
        [("IN", "India"), ("JP", "Japan")],
    ),
    _article(
        "test-en-tea",
        "Nepal tea exports rise as prices climb",
        "Tea gardens in eastern Nepal shipped more leaf this season. Exporters expect prices to hold.",
        "en",
        "2021-05-20",
        "Test Wire",
        [("NP", "Nepal")],
        url="https://news.test/en/tea",
    ),
    _article(
        "test-gu-monsoon",
        "ચોમાસું આ વર્ષે વહેલું આવ્યું",
        "હવામાન વિભાગે જણાવ્યું કે ચોમાસું આ વર્ષે સમય કરતાં વહેલું પહોંચ્યું છે અને ખેડૂતો ખુશ છે.",
        "gu",
        "2024-06-08",
        "Test Gujarati Samachar",
        [],
    ),
    _article(
        "test-en-summit",
        "Leaders meet at the Tokyo summit",
        "Japan hosted a summit on trade. Delegations from India and Nepal attended the talks in Tokyo.",
        "en",
        "2024-11-02",
        "Test Wire",
        [("JP", "Japan"), ("IN", "India"), ("NP", "Nepal")],
    ),
]
