"""The Python ICU analysis chain: the terms it makes and the offsets it keeps."""

from __future__ import annotations

import re

import pytest

from search_app.analysis import ANALYZERS, analyze, analyze_fields, terms
from search_app.analysis.rules import analyzer_rules, load_mapping, stop_words
from search_app.analysis.token_filters import english_stem


def test_char_filters_come_from_the_mapping():
    analysis = load_mapping()["settings"]["analysis"]
    for name in ANALYZERS:
        rules = analyzer_rules(name)
        assert [cf.name for cf in rules.char_filters] == analysis["analyzer"][name]["char_filter"]
        assert list(rules.filters) == analysis["analyzer"][name]["filter"]


def test_offsets_point_at_the_original_words():
    text = "बिलावल भुट्टो ज़रदारी ने हिन्दी में, 'Lavrov' said: ૧૨૦ બસો\u200c!"
    for analyzer, tokens in analyze_fields(text).items():
        originals = [text[t.start : t.end] for t in tokens]
        assert all(o.strip() and " " not in o for o in originals), analyzer
    originals = [text[t.start : t.end] for t in analyze(text, "latin_text")]
    # the nukta and the half nasal the char filters rewrote are inside the original spans
    assert "ज़रदारी" in originals
    assert "हिन्दी" in originals
    assert "Lavrov" in originals
    assert "૧૨૦" in originals


def test_positions_keep_gaps_for_stop_words():
    tokens = analyze("the talks in Goa", "indic_text")
    assert [(t.text, t.position) for t in tokens] == [("talk", 1), ("goa", 3)]


@pytest.mark.parametrize(
    ("variant", "standard"),
    [
        ("ज़रदारी", "जरदारी"),  # nukta
        ("हिन्दी", "हिंदी"),  # half nasal before a consonant = anusvara
        ("हिन्\u200dदी", "हिंदी"),  # zero-width joiner
        ("हिन्\u200cदी", "हिंदी"),  # zero-width non-joiner
        ("ગાન્ધી", "ગાંધી"),  # Gujarati half nasal
        ("फ़िल्म", "फिल्म"),
        ("HINDI", "Hindi"),
        ("ｆｕｌｌ", "full"),  # NFKC: full-width forms
    ],
)
def test_spelling_variants_analyse_alike(variant, standard):
    for analyzer in ANALYZERS:
        assert terms(variant, analyzer) == terms(standard, analyzer), analyzer


def test_case_matters_only_to_which_latin_words_get_a_skeleton():
    # Names are capitalized in English: only those are compared by consonants with other scripts.
    for analyzer in ANALYZERS:
        if analyzer != "skeleton_latin_words":
            assert terms("Hamas homes", analyzer) == terms("hamas homes", analyzer), analyzer
    assert terms("Hamas homes", "skeleton_latin_words") == ["hms"]
    assert terms("hamas homes", "skeleton_latin_words") == []
    assert terms("hamas homes", "skeleton_text") == ["hms", "hms"]  # what a query is looked up by


def test_native_digits_become_ascii():
    assert terms("२०२३ ૧૨૦ 45", "indic_text") == ["2023", "120", "45"]
    assert terms("२०२३", "latin_text") == ["2023"]


def test_names_share_a_transliteration_across_indic_scripts():
    assert terms("लावरोव", "latin_text") == terms("લવરોવ", "latin_text")
    assert terms("इमरान खान", "latin_text") == terms("ઇમરાન ખાન", "latin_text")


def test_names_share_a_consonant_skeleton_across_all_scripts():
    assert (
        terms("लावरोव", "skeleton_text")
        == terms("લવરોવ", "skeleton_text")
        == terms("Lavrov", "skeleton_text")
    )
    assert terms("इमरान", "skeleton_text") == terms("Imran", "skeleton_text")


def test_latin_text_folds_accents_and_case():
    assert terms("Café Ñandú", "latin_text") == ["cafe", "nandu"]


def test_words_in_two_scripts_are_split():
    assert terms("લવરોવSCO", "indic_text") == ["લવરોવ", "sco"]


def test_hindi_inflections_share_a_stem():
    stems = {terms(word, "indic_text")[0] for word in ("लड़का", "लड़के", "लड़कों")}
    assert len(stems) == 1


def test_every_stop_word_is_dropped_by_the_indic_chain():
    assert stop_words()
    for word in stop_words():
        assert terms(word, "indic_text") == [], word


def test_english_stop_words_are_dropped_from_latin_text():
    assert terms("the talks and the trade", "latin_text") == ["talks", "trade"]


def test_punctuation_and_space_make_no_tokens():
    for analyzer in ANALYZERS:
        assert analyze(" ,;!? — । ", analyzer) == []
        assert analyze("", analyzer) == []


def test_a_words_skeleton_is_indexed_in_the_field_of_its_script():
    text = "Lavrov लावरोव લવરોવ 2024"
    latin, other = terms(text, "skeleton_latin_words"), terms(text, "skeleton_nonlatin_words")
    assert latin == terms("Lavrov", "skeleton_text")
    assert other == terms("लावरोव લવરોવ 2024", "skeleton_text")
    assert terms(text, "skeleton_text") == latin + other


def test_possessives_and_transliteration_apostrophes_are_dropped():
    assert terms("India's China’s", "indic_text") == ["india", "china"]
    assert terms("मुंबई", "latin_text") == terms("Mumbai", "latin_text")
    assert terms("O'Brien", "latin_text") == ["obrien"]


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("elections", "election"), ("countries", "country"), ("Floods", "flood"), ("leaders'", "leader")],
)
def test_english_plurals_share_the_singulars_term(plural, singular):
    assert terms(plural, "indic_text") == terms(singular, "indic_text")


@pytest.mark.parametrize(
    "forms",
    [
        ("retain", "retained", "retains", "retaining"),
        ("attack", "attacked", "attacking", "Attacks"),
        ("announce", "announced", "announcement", "announcing"),
        ("injury", "injuries"),
        ("injure", "injured", "injuring"),
    ],
)
def test_english_verb_and_noun_forms_share_one_term(forms):
    analysed = [terms(form, "indic_text") for form in forms]
    assert all(len(t) == 1 and t == analysed[0] for t in analysed), dict(zip(forms, analysed, strict=True))


@pytest.mark.parametrize("word", ["glass", "status", "news", "bus"])
def test_the_english_stemmer_leaves_words_that_only_end_in_s(word):
    assert terms(word, "indic_text") == [word]


def test_the_english_stemmer_leaves_every_hindi_and_gujarati_word_as_it_is(seeds_dir):
    # porter2 runs before the Hindi and Gujarati stemmers: it must not touch their words (its suffixes
    # are Latin), whatever their endings.
    indic = sorted(
        {
            w
            for path in seeds_dir.iterdir()
            for w in re.findall("[\u0900-\u0aff]+", path.read_text(encoding="utf-8"))
        }
    )
    assert len(indic) > 500
    assert [english_stem(w) for w in indic] == indic


@pytest.mark.parametrize(
    ("latin", "indic"),
    [("Chandrayaan", "चंद्रयान"), ("Kareena Kapoor", "करीना कपूर"), ("Pooja", "પૂજા"), ("Aadhaar", "आधार")],
)
def test_doubled_latin_vowels_meet_the_transliteration_of_long_ones(latin, indic):
    assert terms(latin, "latin_text") == terms(indic, "latin_text")


@pytest.mark.parametrize(
    ("inflected", "bare"),
    [("પાકિસ્તાનના", "પાકિસ્તાન"), ("ખાનને", "ખાન"), ("ભારતે", "ભારત"), ("ખેલાડીઓ", "ખેલાડી"), ("ધોનીને", "ધોની")],
)
def test_gujarati_case_endings_are_cut(inflected, bare):
    assert terms(inflected, "indic_text") == [bare]
    assert terms(inflected, "latin_text") == terms(bare, "latin_text")


@pytest.mark.parametrize(
    ("gujarati", "latin"),
    [
        ("ધોની", "Dhoni"),
        ("રાની", "Rani"),
        ("સોની", "Soni"),
        ("મીના", "Meena"),
        ("ખન્ના", "Khanna"),
        ("પત્ની", "patni"),  # wife
    ],
)
def test_a_one_letter_word_or_a_half_letter_keeps_what_looks_like_a_case_ending(gujarati, latin):
    # ની, ના after one letter, or after a virama, are part of the word: ધોની is not ધો + ની.
    assert terms(gujarati, "indic_text") == terms(gujarati + "ને", "indic_text")  # "to Dhoni"
    assert terms(gujarati, "latin_text") == terms(gujarati + "ને", "latin_text") == terms(latin, "latin_text")


def test_one_letter_pronouns_with_an_ending_leave_the_cross_script_fields():
    # Left whole by the stem, so listed whole among the stop words: તેને is no Latin "tene".
    assert terms("તેને આની જેમાં", "latin_text") == []
    assert terms("તેને આની જેમાં", "skeleton_nonlatin_words") == []


@pytest.mark.parametrize(
    ("latin", "indic"), [("Infosys", "इंफोसिस"), ("Samvidhan", "संविधान"), ("Kanpur", "कानपुर")]
)
def test_a_nasal_before_a_labial_has_one_skeleton_whichever_letter_writes_it(latin, indic):
    assert terms(latin, "skeleton_text") == terms(indic, "skeleton_text")
