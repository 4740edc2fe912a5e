"""Gujarati and Hindi word forms the stemmers leave apart find each other, on every engine with the ICU
chain: a noun's plural and singular (દેશ, દેશો, દેશોમાં, देशों), and a name with the ergative ે
(પુતિને, ખાને, ચીને) and without it. Words that merely end in the same letters stay apart (નવો, new, is
not નવ, nine; મને, to me, is not મન, mind). The reduced chain of a node without analysis-icu cuts no
ending, so these tests skip there."""

from __future__ import annotations

import pytest

from search_app.analysis import terms
from search_app.engines.base import MARK_CLOSE, MARK_OPEN
from tests.engines.test_contract import add, article, hits_by_id, ids
from tests.engines.test_remote import http

pytestmark = pytest.mark.needs_icu

PLURAL_DOCS = [
    article("gu-desh", "gu", "એક દેશ", "આ દેશ આગળ વધ્યો."),
    article("gu-desho", "gu", "ઘણા દેશો", "ઘણા દેશો ભેગા થયા."),
    article("gu-deshomam", "gu", "બધે ચર્ચા", "બધા દેશોમાં ચર્ચા થઈ."),
    article("gu-deshone", "gu", "સલાહ", "તેમણે દેશોને સલાહ આપી."),
    article("gu-neta", "gu", "નેતા", "એક નેતા આવ્યા."),
    article("gu-netao", "gu", "બેઠક", "નેતાઓ ભેગા થયા અને નેતાઓએ વાત કરી."),
    article("hi-deshon", "hi", "बैठक", "कई देशों के नेताओं ने बात की।"),
    article("hi-desh", "hi", "देश", "यह देश आगे बढ़ा।"),
]
GU_DESH = {"gu-desh", "gu-desho", "gu-deshomam", "gu-deshone"}


def test_a_gujarati_plural_and_its_singular_find_each_other(engine):
    add(engine, PLURAL_DOCS)
    for query in ("દેશ", "દેશો", "દેશોમાં", "દેશોને", "देश", "देशों"):
        assert ids(engine, query) >= GU_DESH, query
    # The Hindi articles as before: the Hindi stemmer relates देश and देशों, Gujarati દેશ reads desh.
    assert ids(engine, "देशों") >= {"hi-desh", "hi-deshon"}
    assert "hi-desh" in ids(engine, "દેશ")
    for query in ("નેતા", "નેતાઓ", "नेता", "नेताओं"):
        assert {"gu-neta", "gu-netao"} <= ids(engine, query), query
    assert "gu-neta" not in ids(engine, "દેશો")  # one noun's forms, not every plural's
    hit = hits_by_id(engine, "દેશ")["gu-deshomam"]
    assert f"{MARK_OPEN}દેશોમાં{MARK_CLOSE}" in " ".join(hit.highlights["body"])


# Words in ો that are no plurals (gujarati_o_words.tsv), each beside the word its stem is (words short
# enough to have no consonant skeleton: પહેલ and પહેલો share theirs, phl, which does not tell vowels apart).
NOT_PLURALS = {
    "નવ": article("gu-nav", "gu", "નવ દિવસ", "નવ દિવસ સુધી ઉત્સવ ચાલ્યો."),  # nine
    "નવો": article("gu-navo", "gu", "નવો નિયમ", "સરકારે નવો નિયમ બનાવ્યો."),  # new
    "ખોટ": article("gu-khot", "gu", "ખોટ", "કંપનીને ખોટ ગઈ."),  # a loss
    "ખોટો": article("gu-khoto", "gu", "ખોટો દાવો", "એ દાવો ખોટો છે."),  # wrong
}


def test_a_gujarati_word_in_o_that_is_no_plural_keeps_apart_from_its_stem(engine):
    add(engine, list(NOT_PLURALS.values()))
    for word, doc in NOT_PLURALS.items():
        assert ids(engine, word) == {doc["id"]}, word


ERGATIVE_DOCS = [
    article("gu-putine", "gu", "જાહેરાત", "પુતિને જાહેરાત કરી."),  # Putin + ે (by Putin)
    article("gu-khane", "gu", "જાહેરાત", "ઇમરાન ખાને જાહેરાત કરી."),
    article("gu-chine", "gu", "જાહેરાત", "ચીને જાહેરાત કરી."),
    article("gu-mane", "gu", "ખબર", "મને ખબર નથી."),  # to me
    article("gu-man", "gu", "શાંતિ", "તેનું મન શાંત છે."),  # mind
    article("gu-pune", "gu", "વરસાદ", "પુણે શહેરમાં વરસાદ."),
    article("hi-pune", "hi", "बारिश", "पुणे शहर में बारिश।"),
]


def test_a_name_finds_the_gujarati_articles_that_write_it_with_the_ergative(engine):
    add(engine, ERGATIVE_DOCS)
    for query in ("પુતિન", "Putin", "पुतिन"):
        assert ids(engine, query) == {"gu-putine"}, query
    for query in ("ખાન", "Khan", "खान"):
        assert ids(engine, query) == {"gu-khane"}, query
    assert ids(engine, "ચીન") == {"gu-chine"}
    assert ids(engine, '"Imran Khan"') == {"gu-khane"}
    hit = hits_by_id(engine, "Putin")["gu-putine"]
    assert f"{MARK_OPEN}પુતિને{MARK_CLOSE}" in " ".join(hit.highlights["body"])


def test_a_pronoun_with_ne_and_a_name_in_e_keep_their_own_matches(engine):
    add(engine, ERGATIVE_DOCS)
    assert ids(engine, "મને") == {"gu-mane"}
    assert ids(engine, "મન") == {"gu-man"}
    assert "gu-pune" in ids(engine, "પુણે")
    assert "hi-pune" in ids(engine, "पुणे")
    assert not {"gu-putine", "gu-khane", "gu-chine"} & ids(engine, "પુણે")


# The words the stemmer cuts differently now, and words it must leave as they were.
STEM_TEXTS = [
    "ખાને ચીને કાને પુતિને પાકિસ્તાને મને તને તેને કોને જેને આને એને ધોની રાની મીના",
    "દેશ દેશો દેશોમાં દેશોને નેતા નેતાઓ નેતાઓએ નવો નવ મોટો લોકો લોક ખોટો ખોટ",
]


@pytest.mark.parametrize("analyzer", ["indic_text", "latin_text", "skeleton_nonlatin_words"])
def test_the_server_stems_gujarati_as_the_embedded_chain_does(remote_engine, analyzer):
    url = remote_engine.config.engine_url
    for text in STEM_TEXTS:
        status, answer = http(
            "POST", f"{url}/{remote_engine.index_name}/_analyze", {"analyzer": analyzer, "text": text}
        )
        assert status == 200, answer
        assert [t["token"] for t in answer["tokens"]] == terms(text, analyzer), text
