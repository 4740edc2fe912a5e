"""The Gujarati forms a query word is also looked for by in Gujarati articles (query_terms): its other
number, and its ergative as the stemmer indexes it; and the stemmer's reading of a stem of two letters
with the ergative ે."""

from __future__ import annotations

import pytest

from search_app.analysis import terms
from search_app.engines.query_terms import gujarati_ergative_cut, gujarati_forms, gujarati_number_forms


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("દેશ", ("desho",)),  # a singular: its plural
        ("દેશો", ("desh",)),  # a plural: its singular
        ("દેશોમાં", ("desh",)),  # stemmed દેશો first
        ("देश", ("desho",)),
        ("देशों", ("desh", "desho")),  # a Hindi oblique plural: the singular and its Gujarati plural
        ("नेताओं", ("neta",)),  # નેતાઓ is stemmed to નેતા: no plural of its own
        ("पार्टियों", ("parti",)),
        ("ખેડૂત", ("kheduto",)),
        ("નેતા", ()),  # ends in a vowel: its plural નેતાઓ is stemmed to it
        ("નવો", ()),  # new: a word in ો that is no plural (gujarati_o_words.tsv)
        ("નવ", ()),  # nine: too short a reading to look for as a cut one
        ("ખોટ", ()),  # a loss: its form in ો, ખોટો, is wrong (listed)
        ("પહેલ", ()),  # an initiative, not the plural of પહેલો (first)
        ("લોકો", ()),  # people: the singular લોક reads lok, too short
        ("મોટો", ()),  # big: listed
        ("Desh", ()),  # a word in Latin letters is no Gujarati noun
        ("Trump", ()),
        ("मैक्रों", ("maikra",)),  # a name in ों reads as a plural, whose singular is no other word
    ],
)
def test_a_word_is_also_looked_for_in_its_other_number(word, forms):
    assert gujarati_number_forms(word) == forms


@pytest.mark.parametrize(
    ("word", "cut"),
    [
        ("Putin", "puti"),  # પુતિને, read as પુતિ + ને
        ("पुतिन", "puti"),
        ("પુતિન", "puti"),
        ("Pakistan", "pakista"),
        ("जवान", None),  # java: જવા (to go) is an everyday word in ા
        ("વિમાન", None),  # vima: વીમા (insurance)
        ("Imran", None),  # imra: a cut in a needs five letters
        ("Khan", None),  # ખાને is cut as ખાન + ે (the stemmer's exception for a stem of two letters)
        ("Desh", None),  # દેશે is cut as દેશ + ે
        ("Modi", None),  # a vowel: મોદીએ keeps મોદી
        ("Pune", None),
    ],
)
def test_a_word_ending_in_a_consonant_is_also_looked_for_as_its_ergative_is_cut(word, cut):
    assert gujarati_ergative_cut(word) == cut


def test_the_forms_of_a_word_in_latin_letters():
    assert gujarati_forms("Putin") == {"latin_text": ("puti",)}
    # The bare cut, as before (its skeleton, mel, too short to look for).
    assert gujarati_forms("Meloni") == {"latin_text": ("melo",), "skeleton_nonlatin_words": ()}
    assert gujarati_forms("Pune") == {}


@pytest.mark.parametrize(("inflected", "bare"), [("ખાને", "ખાન"), ("ચીને", "ચીન"), ("કાને", "કાન")])
def test_a_stem_of_two_letters_with_the_ergative_is_cut(inflected, bare):
    assert terms(inflected, "indic_text") == [bare]
    assert terms(inflected, "latin_text") == terms(bare, "latin_text")


@pytest.mark.parametrize("pronoun", ["મને", "તને", "તેને", "કોને", "જેને", "આને", "એને"])
def test_a_one_letter_pronoun_with_ne_stays_whole(pronoun):
    assert terms(pronoun, "indic_text") == [pronoun]
