"""search_app/data/loanwords.tsv, the English words Hindi and Gujarati news borrow: the list's integrity
(each row an English word and its spellings, each spelling searchable and owned by one word), and a real
engine finding a query's borrowed words in the other scripts."""

from __future__ import annotations

import re

import pytest

from search_app.engines.alternatives import LOANWORDS, _spellings
from search_app.engines.query_terms import indic_key
from tests.engines.test_contract import add, article, ids

ENGLISH = re.compile(r"[a-z]+")
# Letters and signs only: no digits, dandas or other punctuation of the block.
DEVANAGARI = re.compile(r"[\u0900-\u0963\u0971-\u097f]+")
GUJARATI = re.compile(r"[\u0a81-\u0ae3\u0af9-\u0aff]+")

ROWS = [
    line.split("\t")
    for line in LOANWORDS.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]

# Words of their own (native words, names, loanwords of another meaning) whose analysed form no listed
# spelling may have: the collisions the file's header names, and those found when the list was extended.
NATIVE_WORDS = [
    "बस",  # just (bus)
    "गोल",  # round (goal)
    "हीरा",  # diamond (hero)
    "शेर",  # lion (share)
    "बेटा",  # son (bat: बैट)
    "सीट",  # seat (city: सिटी)
    "रेप",  # rape (repo: रेपो)
    "बेड़ा",  # fleet (bed: बेड)
    "रेल",  # rail (rally: रैली)
    "सर्व",  # all (survey: सर्वे)
    "होली",  # Holi (hall: हॉल)
    "किला",  # fort (kilo: किलो)
    "सीमा",  # border (sim: सिम)
    "फल",  # fruit (flu: फ्लू)
    "डर",  # fear (draw: ड्रॉ)
    "टोली",  # band (toll: टोल)
    "ओट",  # shelter (auto: ऑटो)
    "कौड़ी",  # cowrie (code: कोड)
    "केश",  # hair (cash: कैश)
    "मोल",  # price (mall: मॉल)
    "बोल",  # speak (ball: बॉल)
    "शॉ",  # Shaw (show: शो)
    "સર્વ",  # all (survey: સર્વે)
    "બેટ",  # island (bat)
    "શો",  # what (show)
    "કોડ",  # longing (code)
    "ડીલ",  # body (deal)
    "કેશ",  # hair (cash)
]


def test_every_row_is_an_english_word_with_spellings_in_hindi_or_gujarati():
    assert len(ROWS) > 500
    for english, *spellings in ROWS:
        assert ENGLISH.fullmatch(english), english
        indic = [s for s in spellings if not ENGLISH.fullmatch(s)]  # besides another English spelling
        assert indic, english
        for spelling in indic:
            assert DEVANAGARI.fullmatch(spelling) or GUJARATI.fullmatch(spelling), (english, spelling)


def test_no_english_word_or_spelling_is_listed_twice():
    english = [s for row in ROWS for s in row if ENGLISH.fullmatch(s)]
    assert len(english) == len(set(english))
    indic = [s for row in ROWS for s in row if not ENGLISH.fullmatch(s)]
    assert len(indic) == len(set(indic))


def test_each_spelling_is_one_searchable_term_that_no_other_spelling_has():
    # The query side looks a spelling up by its analysed form: one that two words shared would find
    # one word's articles for the other, and a second spelling with the form of the first adds nothing.
    # English words are the exception: the stemmer reads some alike (training, train), as it does in
    # English articles, and their rows are looked up together (next test).
    owner: dict[tuple[str, ...], str] = {}
    for row in ROWS:
        for spelling in row:
            terms = indic_key(spelling)
            assert len(terms) == 1, (spelling, terms)
            if not ENGLISH.fullmatch(spelling):
                assert terms not in owner, (spelling, owner.get(terms), row[0])
                owner[terms] = spelling


def test_english_words_the_stemmer_reads_alike_share_their_spellings():
    table = _spellings(LOANWORDS)
    by_stem: dict[tuple[str, ...], set[str]] = {}
    for row in ROWS:
        by_stem.setdefault(indic_key(row[0]), set()).update(row)
    assert by_stem[indic_key("training")] >= {"training", "train", "ट्रेनिंग", "ट्रेन"}
    for english, *_ in ROWS:
        assert {t.text for t in table[indic_key(english)]} == by_stem[indic_key(english)], english


@pytest.mark.parametrize("native", NATIVE_WORDS)
def test_no_spelling_reads_as_a_native_word(native):
    forms = {indic_key(spelling) for row in ROWS for spelling in row[1:]}
    assert indic_key(native) not in forms


def test_a_query_of_borrowed_words_finds_their_spellings_in_each_script(engine):
    add(
        engine,
        [
            article(
                "gu-alert",
                "gu",
                "હવામાન વિભાગની આગાહી",
                "સૌરાષ્ટ્રના સાત જિલ્લામાં ભારે વરસાદની ઓરેન્જ એલર્ટ જાહેર કરવામાં આવી છે.",
            ),
            article(
                "en-alert", "en", "Heavy rain", "The weather office issued an orange alert for Saurashtra."
            ),
            article("gu-rain", "gu", "વરસાદ", "આજે શહેરમાં ભારે વરસાદનું એલર્ટ જાહેર થયું."),
            article("hi-fruit", "hi", "मंडी", "मंडी में संतरे के दाम बढ़े और अलर्ट जारी हुआ।"),
            article(
                "hi-civic",
                "hi",
                "बजट पेश",
                "म्युनिसिपल कॉर्पोरेशन ने इस साल सड़कों के लिए बजट पेश किया।",
            ),
            article(
                "gu-civic",
                "gu",
                "બજેટ",
                "અમદાવાદ મ્યુનિસિપલ કોર્પોરેશન દ્વારા બજેટ રજૂ થયું.",
            ),
            article("en-civic", "en", "Civic budget", "The Municipal Corporation presented its budget."),
            article("hi-nigam", "hi", "नगर निगम", "नगर निगम ने सड़कों के लिए बजट पेश किया।"),
        ],
    )
    assert ids(engine, "orange alert") == {"gu-alert", "en-alert"}
    assert ids(engine, "ઓરેન્જ એલર્ટ") == {"gu-alert", "en-alert"}
    assert ids(engine, "municipal corporation") == {"hi-civic", "gu-civic", "en-civic"}
    assert ids(engine, "म्युनिसिपल कॉर्पोरेशन") == {"hi-civic", "gu-civic", "en-civic"}
