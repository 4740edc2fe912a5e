"""Language detection: the script as a prior, langdetect within the script, shares for mixed text."""

from __future__ import annotations

import pytest

from ingest.language import detect_language, detect_languages

HINDI = "पाकिस्तान और रूस के विदेश मंत्रियों ने शिखर सम्मेलन से इतर द्विपक्षीय वार्ता की और व्यापार पर चर्चा की।"
MARATHI = "मुंबई ही भारताची आर्थिक राजधानी आहे आणि येथे अनेक लोक राहतात. सरकारने नवीन धोरण जाहीर केले आहे."
NEPALI = "नेपालको राजधानी काठमाडौं हो र यहाँ धेरै मानिसहरू बस्छन्। सरकारले नयाँ नीति ल्याएको छ।"
GUJARATI = "પાકિસ્તાન અને રશિયા વચ્ચે વેપાર અને ઊર્જા ક્ષેત્રે સહયોગ વધારવા અંગે ચર્ચા થઈ હતી."
ENGLISH = "The foreign ministers of Pakistan and Russia held talks on trade and energy on Thursday."
FRENCH = "Le ministre des affaires étrangères a rencontré son homologue russe à Paris mardi pour discuter."


@pytest.mark.parametrize(
    ("text", "language"),
    [(HINDI, "hi"), (MARATHI, "mr"), (NEPALI, "ne"), (GUJARATI, "gu"), (ENGLISH, "en"), (FRENCH, "fr")],
)
def test_primary_language(text, language):
    assert detect_language(text) == language
    assert detect_languages(text) == [{"code": language, "share": 1.0}]


@pytest.mark.parametrize(
    "text",
    [
        # Headlines without function words, on which langdetect's trials split (ro/ca/tl, sv/da).
        "Mega sale 🎉 Samsung Galaxy prices drop 🔥 مرحبا",
        "Stock markets surge on budget day",
    ],
)
def test_a_short_latin_text_langdetect_is_unsure_of_is_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le président annonce des mesures fiscales", "fr"),
        ("Die Regierung plant neue Steuern", "de"),
        ("El gobierno anuncia nuevas medidas", "es"),
    ],
)
def test_a_short_text_langdetect_is_sure_of_keeps_its_language(text, language):
    assert detect_language(text) == language


def test_gujarati_script_is_gujarati_even_when_very_short():
    assert detect_language("ભારત") == "gu"


def test_mixed_document_gets_a_share_per_language():
    text = "\n".join([HINDI, HINDI, ENGLISH])
    shares = {s["code"]: s["share"] for s in detect_languages(text)}
    assert set(shares) == {"hi", "en"}
    assert shares["hi"] > shares["en"] > 0.2
    assert sum(shares.values()) == pytest.approx(1.0, abs=0.002)


def test_latin_acronyms_in_an_indic_line_do_not_make_it_english():
    text = "SCO बैठक में PAF और ISPR के अधिकारियों ने भाग लिया और AI पर चर्चा हुई।"
    assert detect_languages(text) == [{"code": "hi", "share": 1.0}]


def test_a_danda_or_native_digits_do_not_make_a_line_devanagari():
    # Bengali (like Odia and Punjabi) ends its sentences with the Devanagari danda.
    bengali = "টানা বৃষ্টিতে ব্রহ্মপুত্র নদের জল বিপদসীমার উপর দিয়ে বইছে। রাজ্যের ২৯টি জেলায় বন্যা।"
    assert detect_languages("\n".join([bengali] * 3)) == [{"code": "bn", "share": 1.0}]
    assert detect_languages(ENGLISH + " ।। १२३४५६७८९०") == [{"code": "en", "share": 1.0}]


def test_the_same_text_always_gets_the_same_answer():
    text = "\n".join([HINDI, ENGLISH, GUJARATI])
    assert len({str(detect_languages(text)) for _ in range(5)}) == 1


def test_no_letters_means_no_language():
    assert detect_languages("2024 — 15 / 30") == []
    assert detect_language("") == "und"


@pytest.mark.parametrize(
    ("script", "text", "clear"),
    [
        ("Deva", HINDI, "hi"),
        ("Latn", ENGLISH, "en"),
        ("Deva", MARATHI, None),
        ("Deva", NEPALI, None),
        ("Latn", FRENCH, None),
        ("Deva", "मुंबई में आहे आणि और से", None),  # Hindi function words, but Marathi ones too
    ],
)
def test_only_clear_cases_skip_langdetect_and_they_agree_with_it(script, text, clear):
    from ingest.language import _clear_case, _langdetect

    assert _clear_case(script, text) == clear
    if clear:
        assert _langdetect(script, text) == clear
