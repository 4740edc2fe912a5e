"""Precision across scripts and the marks of a country's names, on every engine (the ``engine`` fixture).

- a name typed in Latin letters finds its spellings in Hindi and Gujarati by its consonant skeleton, but
  not the everyday words with its consonants and other vowels (``skeleton_guard``);
- an article counted under the country a query names is marked where it writes any of the country's
  names: in Gujarati as written (ચીન), and a name of several words (United Kingdom) as a phrase.
"""

from __future__ import annotations

import re

import pytest

from search_app.config import Config
from search_app.engines import open_engine
from search_app.engines.base import MARK_CLOSE, MARK_OPEN, MAX_PAGE_SIZE, SearchRequest
from search_app.engines.skeleton_guard import guard_pattern, skeleton_guards
from search_app.query import Term, parse_query


def article(doc_id, language, body, countries=()):
    return {
        "id": doc_id,
        "title": "-",
        "body": body,
        "language": language,
        "languages": [{"code": language, "share": 1.0}],
        "published": None,
        "year": None,
        "source": "Test Wire",
        "url": None,
        "countries": [{"code": code, "name": name} for code, name in countries],
    }


def hits(engine, text):
    return {hit.id: hit for hit in engine.search(SearchRequest(text=text, size=MAX_PAGE_SIZE)).hits}


# A name, the spellings of it it must find, and the everyday words with its skeleton it must not.
NAMES = [
    ("Musk", {"hi-musk": "मस्क", "gu-musk": "મસ્ક"}, {"hi-moscow": "मास्को"}),
    ("Surat", {"hi-surat": "सूरत", "gu-surat": "સુરત"}, {"gu-start": "શરૂઆત", "hi-start": "शुरुआत"}),
    # A listed loanword is found by its listed spellings alone: not कारण (reason), which its guard lets by.
    (
        "corona",
        {"hi-corona": "कोरोना", "gu-corona": "કોરોના"},
        {"hi-cars": "कारें", "hi-do": "करने", "hi-reason": "कारण", "gu-reason": "કારણે"},
    ),
    ("Kahn", {}, {"hi-say": "कहना"}),
    ("Indore", {"hi-indore": "इंदौर"}, {"hi-inside": "अंधेरा"}),
    ("Warren", {"hi-warren": "वॉरेन"}, {"hi-otherwise": "वरना"}),
    ("Bachchan", {"hi-bachchan": "बच्चन", "gu-bachchan": "બચ્ચન"}, {"hi-escape": "बचना"}),
]
SENTENCE = {"hi": "कल {} के बारे में बात हुई।", "gu": "ગઈકાલે {} વિશે વાત થઈ."}


def with_names(engine):
    """``engine`` holding an article for each name's spellings and false friends."""
    words = {doc_id: word for _, find, avoid in NAMES for doc_id, word in {**find, **avoid}.items()}
    engine.upsert([article(i, i[:2], SENTENCE[i[:2]].format(word)) for i, word in words.items()])
    engine.refresh()
    return engine


@pytest.fixture
def names(engine):
    return with_names(engine)


@pytest.mark.needs_icu
@pytest.mark.parametrize(("name", "find", "avoid"), NAMES, ids=[n for n, _, _ in NAMES])
def test_a_latin_name_finds_its_spellings_not_words_with_its_consonants(names, name, find, avoid):
    found = set(hits(names, name))
    assert set(find) <= found
    assert not set(avoid) & found


@pytest.mark.needs_icu
def test_a_guarded_name_still_finds_its_spelling_where_a_false_friend_stands_too(names):
    # The guard asks for a reading like the name's in the article, not in every word that has the
    # skeleton: an article with both finds the name and marks it.
    names.upsert([article("hi-both", "hi", "मस्क ने मास्को के बारे में कहा।")])
    names.refresh()
    found = hits(names, "Musk")
    assert "hi-both" in found
    assert f"{MARK_OPEN}मस्क{MARK_CLOSE}" in " ".join(found["hi-both"].highlights["body"])


def test_the_guard_reads_vowels_at_their_place():
    # Each place between consonants takes the vowels the scripts trade for the typed one.
    assert guard_pattern("surat", "srt") is not None
    pattern = skeleton_guards("Surat")["srt"]
    assert re.fullmatch(pattern, "surat") and re.fullmatch(pattern, "sarat")
    assert not re.fullmatch(pattern, "sharuat")  # two vowels in a row where Surat has one
    musk = skeleton_guards("Musk")["msk"]
    assert re.fullmatch(musk, "maska")  # मस्क: a final conjunct's inherent a
    assert not re.fullmatch(musk, "masko")  # मास्को: a vowel after Musk's final consonant
    assert not re.fullmatch(skeleton_guards("Kahn")["khn"], "kahna")  # Kahn's h marks a long a
    indore = skeleton_guards("Indore")["_ndr"]
    assert re.fullmatch(indore, "indaur") and not re.fullmatch(indore, "andar")
    # A word whose consonants do not pair with its skeleton's (a doubled letter) is not guarded.
    assert "fdr" not in skeleton_guards("Federer")
    assert skeleton_guards("मस्क") == {}


CN, GB = ("CN", "China"), ("GB", "United Kingdom")


@pytest.mark.needs_icu
def test_a_country_name_in_gujarati_is_marked_as_written(engine):
    # ચીન folds to ચિન for matching countries at ingest, but the index keeps its long vowel.
    engine.upsert([article("gu-china", "gu", "ચીનમાં આજે નવી યોજનાની જાહેરાત થઈ. ચીન સરકારે કહ્યું.", (CN,))])
    engine.refresh()
    found = hits(engine, "China")
    body = " ".join(found["gu-china"].highlights["body"])
    assert f"{MARK_OPEN}ચીનમાં{MARK_CLOSE}" in body and f"{MARK_OPEN}ચીન{MARK_CLOSE} સરકારે" in body


def test_a_country_name_of_two_words_is_marked_where_they_stand_together(engine):
    engine.upsert(
        [
            article(
                "en-uk",
                "en",
                "Ministers of the United Kingdom met on Monday. The talks were united in purpose.",
                (GB,),
            )
        ]
    )
    engine.refresh()
    found = hits(engine, "UK")
    body = " ".join(found["en-uk"].highlights["body"])
    assert f"{MARK_OPEN}United{MARK_CLOSE} {MARK_OPEN}Kingdom{MARK_CLOSE}" in body
    assert f"{MARK_OPEN}united{MARK_CLOSE}" not in body  # the word alone is no name of the country


def test_a_false_friend_beside_the_name_is_not_marked_on_the_embedded_engine(tmp_path):
    # The embedded engine's own highlighter applies the guard; Elasticsearch's and OpenSearch's mark
    # every word the skeleton query matches (a limit of theirs, not tested).
    embedded = open_engine(Config(data_dir=tmp_path / "data", index="articles"))
    try:
        embedded.ensure_index()
        with_names(embedded).upsert([article("hi-both", "hi", "मस्क ने मास्को के बारे में कहा।")])
        embedded.refresh()
        body = " ".join(hits(embedded, "Musk")["hi-both"].highlights["body"])
    finally:
        embedded.close()
    assert f"{MARK_OPEN}मस्क{MARK_CLOSE}" in body and f"{MARK_OPEN}मास्को" not in body


PREFIX_DOCS = {
    "en-lavrov": ("en", "Lavrov met the press in Moscow."),
    "en-lavra": ("en", "The Lavra is a monastery."),
    "en-louvre": ("en", "The Louvre opened late."),
    "hi-lavrov": ("hi", "लावरोव ने पत्रकारों से बात की।"),
    "gu-lavrov": ("gu", "લવરોવે પત્રકારો સાથે વાત કરી."),
}


@pytest.fixture
def prefixed(engine):
    engine.upsert([article(i, language, body) for i, (language, body) in PREFIX_DOCS.items()])
    engine.refresh()
    return engine


def test_a_trailing_star_finds_the_words_that_begin_so(prefixed):
    found = hits(prefixed, "lavr*")
    assert {"en-lavrov", "en-lavra"} <= set(found)
    assert "en-louvre" not in found  # a prefix is matched as typed: no skeleton, no sound-alike
    assert f"{MARK_OPEN}Lavrov{MARK_CLOSE} met" in " ".join(found["en-lavrov"].highlights["body"])
    assert set(hits(prefixed, "-lavr*")) == set(PREFIX_DOCS) - set(found)
    assert set(hits(prefixed, "Louvre -lavr*")) == {"en-louvre"}


@pytest.mark.needs_icu
def test_a_prefix_finds_the_words_of_the_other_scripts_by_their_latin_reading(prefixed):
    assert {"hi-lavrov", "gu-lavrov"} <= set(hits(prefixed, "lavr*"))
    assert {"en-lavrov", "hi-lavrov", "gu-lavrov"} <= set(hits(prefixed, "लाव*"))
    body = " ".join(hits(prefixed, "lavr*")["hi-lavrov"].highlights["body"])
    assert f"{MARK_OPEN}लावरोव{MARK_CLOSE}" in body


def test_a_short_prefix_or_a_star_in_a_phrase_is_read_as_the_word(prefixed):
    assert hits(prefixed, "la*") == {}  # "la" is no word of these articles
    assert set(hits(prefixed, '"lavrov* met"')) == {"en-lavrov"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("lavr*", Term(("lavr",), prefix=True)),
        ("lav*", Term(("lav",), prefix=True)),
        ("la*", Term(("la",))),
        ("लाव*", Term(("लाव",), prefix=True)),
        ("lav*rov", Term(("lav*rov",))),
    ],
)
def test_the_query_language_reads_a_trailing_star_as_a_prefix(typed, expected):
    assert parse_query(typed).groups == ((expected,),)
    assert parse_query("-" + typed).excluded == (expected,)
    assert parse_query(f'"{typed} met"').groups[0][0].prefix is False
