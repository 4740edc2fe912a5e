"""Unicode normalization: one encoding for stored text, one folded key for matching."""

from __future__ import annotations

import pytest

from ingest.normalize import ascii_digits, clean_text, fold


def test_precomposed_and_decomposed_nukta_letters_store_the_same():
    precomposed = "\u0958\u093e\u0928"  # क़ान (U+0958 QA)
    decomposed = "\u0915\u093c\u093e\u0928"
    assert clean_text(precomposed) == clean_text(decomposed) == decomposed


def test_zero_width_characters_and_odd_spaces_are_removed():
    assert clean_text("क्\u200dष\u200cत्र\u00a0\u00a0 news\u200b \ufefftext ") == "क्षत्र news text"


def test_native_digits_are_kept_in_stored_text_but_ascii_in_the_key():
    assert clean_text("૫ મે ૨૦૨૩") == "૫ મે ૨૦૨૩"
    assert ascii_digits("૫ મે ૨૦૨૩ / ५ मई २०२३") == "5 મે 2023 / 5 मई 2023"
    assert fold("२०२३") == "2023"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("फ़्रांस", "फ्रांस"),  # nukta
        ("हिन्दी", "हिंदी"),  # half nasal vs anusvara
        ("ફ્રાન્સ", "ફ્રાંસ"),
        ("रूस", "रुस"),  # long vs short u
        ("ईरान", "इरान"),  # long vs short i
        ("ઑક્ટોબર", "ઓક્ટોબર"),  # candra o
        ("हाँ", "हां"),  # chandrabindu vs anusvara
        ("Pakistan", "PAKISTAN"),
        ("Pakistan’s", "Pakistan's"),
    ],
)
def test_spelling_variants_fold_to_one_key(one, other):
    assert fold(one) == fold(other)


@pytest.mark.parametrize(("one", "other"), [("भारत", "भरत"), ("कम", "काम"), ("પાક", "પાકિસ્તાન")])
def test_different_words_stay_different(one, other):
    assert fold(one) != fold(other)
