"""The user query language: words, "phrases", -exclusions, OR; any input parses."""

from __future__ import annotations

import pytest

from search_app.engines.acronyms import initial_spellings, letter_name_spellings
from search_app.engines.alternatives import name_alternatives
from search_app.engines.compounds import joined_words, split_words
from search_app.engines.query_terms import (
    MAX_PHRASE_VARIANTS,
    LoosePhrase,
    gujarati_cut_term,
    gujarati_cut_terms,
    latin_variants,
    loose_phrase,
    phrase_variant_terms,
    phrase_variants,
    query_terms,
    variant_terms,
    whole_phrase_terms,
    whole_word_terms,
)
from search_app.query import MAX_QUERY_LENGTH, ParsedQuery, QueryTooLong, Term, parse_query


def words(*ws: str) -> Term:
    return Term(tuple(ws))


def test_words_are_anded():
    parsed = parse_query("रूस पाकिस्तान")
    assert parsed.groups == ((words("रूस"),), (words("पाकिस्तान"),))
    assert parsed.excluded == ()


def test_phrase_exclusion_and_or():
    parsed = parse_query('Lavrov "foreign minister" -France Pakistan OR Russia')
    assert parsed.groups == (
        (words("Lavrov"),),
        (words("foreign", "minister"),),
        (words("Pakistan"), words("Russia")),
    )
    assert parsed.excluded == (words("France"),)
    assert parsed.groups[1][0].is_phrase


def test_excluded_phrase_and_unterminated_quote():
    parsed = parse_query('-"बिलावल भुट्टो" "સેર્ગેઈ લવરોવ')
    assert parsed.excluded == (words("बिलावल", "भुट्टो"),)
    assert parsed.groups == ((words("સેર્ગેઈ", "લવરોવ"),),)


@pytest.mark.parametrize("text", ["", "   ", "OR", "OR OR", '""', "-", '"', "()", "-OR"])
def test_degenerate_input_is_empty_or_harmless(text):
    parsed = parse_query(text)
    assert isinstance(parsed, ParsedQuery)
    for term in parsed.positive_terms() + list(parsed.excluded):
        assert all(term.words)


def test_leading_or_is_ignored_and_lowercase_or_is_a_word():
    assert parse_query("OR a").groups == ((words("a"),),)
    assert parse_query("a or b").groups == ((words("a"),), (words("or"),), (words("b"),))


def test_empty_query_is_empty():
    assert parse_query("").is_empty
    assert parse_query("-only").is_empty


def test_too_long_query_is_refused():
    parse_query("x" * MAX_QUERY_LENGTH)
    with pytest.raises(QueryTooLong):
        parse_query("x" * (MAX_QUERY_LENGTH + 1))


def test_other_engines_query_syntax_is_dropped_from_the_words():
    # A field name, a boost or a fuzziness typed as Lucene/Tantivy query parsers read them is no part of
    # the word the user looks for (and never reaches an engine as syntax); a time or a URL stays whole;
    # a * after a word shorter than a prefix is (MIN_PREFIX) is dropped too.
    parsed = parse_query('title:foo AND bar^3 baz~2 "x y"~3 year:2024 10:30 https://example.com a*')
    assert [t.text for t in parsed.positive_terms()] == [
        "foo",
        "AND",
        "bar",
        "baz",
        "x y",
        "2024",
        "10:30",
        "https://example.com",
        "a",
    ]


def test_upper_case_not_excludes_the_next_term():
    parsed = parse_query('Modi NOT Paris NOT "Bastille Day" not')
    assert parsed.groups == ((words("Modi"),), (words("not"),))
    assert parsed.excluded == (words("Paris"), words("Bastille", "Day"))
    assert parse_query("a NOT").groups == ((words("a"),),)  # nothing to exclude


@pytest.mark.parametrize("text", ["OR", "(((", '""', "NOT", "OR OR"])
def test_operators_and_brackets_alone_are_no_empty_box(text):
    assert not parse_query(text).is_empty


def test_a_nukta_letter_typed_precomposed_is_the_indexed_spelling():
    assert parse_query("\u095c").groups == ((words("\u0921\u093c"),),)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("Shah Rukh Khan", [(0, "ShahRukh"), (1, "RukhKhan")]),
        ("प्रधान मंत्री", [(0, "प्रधानमंत्री")]),
        ("G 20", [(0, "G20")]),
        ("Modi मोदी", []),  # across scripts the tokenizer splits them again
        ("Shah of Iran", []),  # "of" is a stop word: nothing to join it with
        ('"Shah Rukh" Khan', []),  # phrases stay as typed
        ("Shah OR Rukh", []),  # one group of two alternatives
    ],
)
def test_neighbouring_words_are_also_looked_for_written_together(text, joined):
    found = joined_words(parse_query(text).groups)
    assert [(i, term.text) for i, term in found] == joined


@pytest.mark.parametrize(
    ("word", "splits"),
    [
        ("Shahrukh", ["Sha hrukh", "Shah rukh", "Shahr ukh"]),
        ("महाकुंभ", ["महा कुंभ"]),  # between aksaras only: never before a vowel sign or after a virama
        ("શાહરૂખ", ["શાહ રૂખ"]),
        ("Imran", []),  # too short for two parts of three letters
        ("G20G20", []),  # letters only
    ],
)
def test_a_long_word_is_also_looked_for_split_in_two(word, splits):
    assert [term.text for term in split_words(word)] == splits
    assert all(term.is_phrase for term in split_words(word))


@pytest.mark.parametrize(
    ("word", "spellings"),
    [
        ("BJP", ["बीजेपी", "બીજેપી", "B J P", "बी जे पी", "બી જે પી"]),  # also a word a letter
        ("AfD", ["एएफडी", "એએફડી", "A F D", "ए एफ डी", "એ એફ ડી"]),
        ("Modi", []),  # typed as a word, not as an acronym
        ("S", ["एस", "એસ"]),  # an initial: S Jaishankar = एस जयशंकर
        ("s", []),
        ("BJPINC", []),  # longer than acronyms said letter by letter
        ("आईआईटी", ["IIT"]),
        ("यूपीएससी", ["UPSC"]),  # यू and यु are one letter name
        ("યુપીએસસી", ["UPSC"]),
        ("जी", []),  # one letter name alone is a word (जी, "sir")
        ("मोदी", []),  # not made of letter names
        # Letters with a number: one letter is enough, joined to the number or with a hyphen.
        ("G20", ["G-20", "जी20", "जी-20", "જી20", "જી-20"]),
        ("जी-7", ["G7", "G-7", "जी7", "જી7", "જી-7"]),
        ("F16", ["F-16", "एफ16", "एफ-16", "એફ16", "એફ-16"]),
        ("जी२०", ["G20", "G-20", "जी20", "जी-20", "જી20", "જી-20"]),  # digits of any script
        ("S.", ["एस", "એસ"]),  # an initial written with a full stop
        ("COVID19", []),  # said as a word: कोविड
        ("g20", []),  # typed as a word
        ("मोदी7", []),
    ],
)
def test_acronyms_are_also_looked_for_in_letter_names(word, spellings):
    assert [term.text for term in letter_name_spellings(word)] == spellings


def test_a_letter_name_before_a_name_is_an_initial():
    assert [term.text for term in initial_spellings("एस")] == ["S", "એસ"]
    assert [term.text for term in initial_spellings("એસ")] == ["S", "एस"]
    assert initial_spellings("मोदी") == ()  # no letter name
    alternatives = name_alternatives(parse_query("एस जयशंकर"))
    assert [term.text for term in alternatives[0].spellings] == ["S", "એસ"]
    assert 0 not in name_alternatives(parse_query("एस"))  # alone it is as often a word (जी, "sir")


def test_a_word_the_gujarati_stemmer_cuts_is_also_looked_for_whole():
    assert query_terms("હસીના")["indic_text"] == ("હસી",)  # read as હસી + the ending ના
    assert whole_word_terms("હસીના")["indic_text"] == "હસીના"
    assert whole_word_terms("હસીના")["latin_text"] == "hasina"
    # Nothing more to look for: a word no stemmer cuts, another script's word, a phrase.
    for text in ("ભારત", "हसीना", "Hasina", '"શેખ હસીના"', "શેખ હસીના"):
        assert whole_word_terms(text) == {}, text
    # A short word read whole is spelt like an English word in Latin letters (બસે = base): same script only.
    assert whole_word_terms("બસે") == {"indic_text": "બસે"}


@pytest.mark.parametrize(
    ("word", "cut"),
    [
        # As the Gujarati stemmer cuts the name written in Gujarati: મેલોની, હસીના, રિહાના, કરીના, ભવાની.
        ("Meloni", "melo"),
        ("मेलोनी", "melo"),
        ("Hasina", "hasi"),
        ("Rihanna", "riha"),  # the Latin reading writes nn once
        ("Kareena", "kari"),
        ("Bhavani", "bhava"),
        ("Ashwini", "ashvi"),
        ("George", "georg"),  # the vowel sign ે after a consonant: જ્યોર્જે
        # The stemmer leaves one letter and its ending whole (ધોની, સોની), and cuts no ending after the
        # consonant of a conjunct (પત્ની); a vowel sign it does cut (મિલ્ને).
        ("Dhoni", None),
        ("Soni", None),
        ("Patni", None),
        ("Milne", "miln"),
        # A cut reading this short is an everyday word as often as a name (time → tim, ટીમ).
        ("Pune", None),
        ("time", None),
        # Nothing to cut; a Gujarati word is cut by its own analysis; a phrase.
        ("Modi", None),
        ("Trump", None),
        ("હસીના", None),
        ('"Sheikh Hasina"', None),
    ],
)
def test_a_name_is_also_looked_for_as_the_gujarati_stemmer_leaves_it(word, cut):
    assert gujarati_cut_term(word) == cut


def test_a_phrase_is_also_looked_for_as_the_gujarati_stemmer_leaves_it():
    assert gujarati_cut_terms(("Sheikh", "Hasina")) == {"latin_text": (("sheikh", "hasi"),)}
    # A Hindi word is also looked for in its Gujarati plural (shekho: tests/test_gujarati_forms.py).
    assert ("shekh", "hasi") in gujarati_cut_terms(("शेख", "हसीना"))["latin_text"]
    # And by its skeleton, where every word has one: ક્રિસ્ટિયાનો is indexed ક્રિસ્ટિયા.
    assert gujarati_cut_terms(("Cristiano",)) == {
        "latin_text": (("cristia",),),
        "skeleton_nonlatin_words": (("kr_st_",),),
    }
    assert gujarati_cut_terms(("Bank", "of", "Baroda")) == {}  # nothing to cut (of is a stop word)
    # Gujarati: cut by its own analysis, but looked for in its other number
    assert gujarati_cut_terms(("શેખ", "હસીના")) == {"latin_text": (("shekho", "hasi"),)}


def test_a_phrase_with_a_word_too_short_for_a_skeleton_is_also_looked_for_word_by_word():
    nonlatin = ("skeleton_nonlatin_words",)
    assert loose_phrase(("Keir", "Starmer")) == LoosePhrase(((nonlatin, "strmr"),), ("Keir",))
    # A word in another script by its skeleton among the words of every other script.
    both = ("skeleton_latin_words", "skeleton_nonlatin_words")
    assert loose_phrase(("शुभमन", "गिल")) == LoosePhrase(((both, "sbmn"),), ("गिल",))
    # Every word with a skeleton: the phrase is looked for by them; none with one: nothing to look for.
    assert loose_phrase(("Giorgia", "Meloni")) is None
    assert loose_phrase(("Shah", "Rukh")) is None


@pytest.mark.parametrize(
    ("word", "variants"),
    [
        ("Sonia", ("soniya", "soniyah")),  # a glide after i (सोनिया); a silent h the other way
        ("सोनिया", ("sonia", "soniyah")),
        ("Reddy", ("redi",)),  # a final y for ी (रेड्डी)
        ("रेड्डी", ("redy",)),
        ("Abdullah", ("abdula",)),  # a silent final h (अब्दुल्ला)
        ("Kylian", ("kilian", "kiliyan", "kyliyan")),  # y between consonants (किलियन)
        ("Inacio", ("inasio", "inasiyo", "inaciyo")),  # a soft c (इनासियो)
        ("Bhatt", ("bhata",)),  # a final double consonant is a conjunct with its vowel (भट्ट)
        ("भट्ट", ("bhat", "bhatah")),
        ("party", ()),  # not typed as a name: पड़ती (parti) is no party
        ("Modi", ("mody",)),
        ("Omar", ()),  # nothing to change
        ("Abe", ()),  # too short
        ('"Sonia Gandhi"', ()),  # a phrase
    ],
)
def test_a_name_is_also_looked_for_in_the_latin_spellings_of_its_transliteration(word, variants):
    assert latin_variants(word) == variants


def test_a_quoted_name_is_also_looked_for_in_its_words_variants():
    # Each word's variants at its place, the phrase's own terms first; at most MAX_PHRASE_VARIANTS.
    assert phrase_variants(("Roger", "Federer")) == {
        "latin_text": (("roger", "rojer"), ("federer",)),
        "skeleton_nonlatin_words": (("rgr", "rjr"), ("fdr",)),
    }
    assert phrase_variant_terms(("Roger", "Federer"))["latin_text"] == (("rojer", "federer"),)
    assert len(phrase_variant_terms(("Sonia", "Reddy", "Alia", "Bhatt"))["latin_text"]) == MAX_PHRASE_VARIANTS
    assert phrase_variants(("prime", "minister")) == {}  # no word typed as a name
    assert phrase_variants(("Roger", "of", "Federer"))["latin_text"][1] == ("federer",)  # a stop word


def test_a_name_is_also_looked_for_respelled_as_it_sounds():
    # A soft g, aw and ew as Hindi and Gujarati write them: रोजर, लॉरेंस, लुईस.
    assert variant_terms("Roger") == {"latin_text": ("rojer",), "skeleton_nonlatin_words": ("rjr",)}
    assert "lorence" in variant_terms("Lawrence")["latin_text"]
    assert variant_terms("Lewis") == {"latin_text": ("luis",)}
    # Not a word typed in lower case, nor a short one (Gita, respelled jita, is जीता, "won").
    assert variant_terms("roger") == {}
    assert "jita" not in variant_terms("Gita").get("latin_text", ())


def test_a_phrase_is_also_looked_for_with_its_words_read_whole():
    assert query_terms('"શેખ હસીના"')["indic_text"] == ("શેખ", "હસી")
    assert whole_phrase_terms('"શેખ હસીના"') == {
        "indic_text": ("શેખ", "હસીના"),
        "latin_text": ("shekh", "hasina"),
    }
    # Nothing more to look for: one word, a phrase no stemmer cuts, another script's phrase.
    for text in ('"હસીના"', '"ભારત સરકાર"', '"शेख हसीना"', '"Sheikh Hasina"'):
        assert whole_phrase_terms(text) == {}, text
    # A short word read whole is spelt like an English word in Latin letters: same script only.
    assert "latin_text" not in whole_phrase_terms('"શેખ બસે"')
