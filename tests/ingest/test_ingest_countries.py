"""Country mentions: CLDR names, aliases and demonyms, spelling variants and Indic case endings."""

from __future__ import annotations

import pytest

from ingest.countries import extract_countries
from ingest.pipeline import build_article

from .conftest import TODAY


def codes(text: str) -> list[str]:
    return [c["code"] for c in extract_countries(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CLDR names in three languages
        ("Talks between Pakistan and Russia", ["PK", "RU"]),
        ("पाकिस्तान और रूस के बीच वार्ता", ["PK", "RU"]),
        ("પાકિસ્તાન અને રશિયા વચ્ચે વાતચીત", ["PK", "RU"]),
        # demonyms and short forms
        ("पाकिस्तानी सेना", ["PK"]),
        ("रूसी तेल", ["RU"]),
        ("રશિયન રાષ્ટ્રપતિ", ["RU"]),
        ("अमेरिका ने कहा", ["US"]),
        ("અમેરિકી અધિકારીઓ", ["US"]),
        ("યુએસના ઉપરાષ્ટ્રપતિ", ["US"]),
        ("The US said", ["US"]),
        ("U.S. officials", ["US"]),
        ("Pakistani and Afghan officials", ["PK", "AF"]),
        ("Americans and Britons", ["US"]),
        # joined Gujarati case endings, and Hindi oblique plurals
        ("પાકિસ્તાનના વડાપ્રધાન", ["PK"]),
        ("રશિયામાં નિકાસ", ["RU"]),
        ("પાકિસ્તાને કહ્યું", ["PK"]),
        ("ભારતની ચિંતા", ["IN"]),
        ("ચીનથી આયાત", ["CN"]),
        ("पाकिस्तानियों ने", ["PK"]),
        # spelling variants: nukta, anusvara vs half nasal, vowel length, candra
        ("फ्रांस", ["FR"]),
        ("फ़्रांस", ["FR"]),
        ("ફ્રાન્સની મુલાકાત", ["FR"]),
        ("ફ્રાંસના રાષ્ટ્રપતિ", ["FR"]),
        ("अफगानिस्तान", ["AF"]),
        ("अफ़ग़ानिस्तान", ["AF"]),
        ("उज़्बेकिस्तान", ["UZ"]),
        ("ઇઝરાયેલ", ["IL"]),
        ("इजरायली सेना", ["IL"]),
        # multi-word names: the longest match wins
        ("United Arab Emirates", ["AE"]),
        ("संयुक्त अरब अमीरात", ["AE"]),
        ("North Korea and South Korea", ["KP", "KR"]),
        ("दक्षिण कोरिया", ["KR"]),
        ("Myanmar, also called Burma", ["MM"]),
        # in Latin script a name is a proper noun; an all-caps headline still names countries
        ("TURKEY AND CHINA SIGN TRADE DEAL", ["TR", "CN"]),
        ("Turkey and China signed a trade deal", ["TR", "CN"]),
        ("Papua New Guinea", ["PG"]),
        ("पापुआ न्यू गिनी", ["PG"]),
        ("સિંગાપોરમાં ગુકેશ વિશ્વ ચેમ્પિયન બન્યો", ["SG"]),  # the usual Gujarati spelling
        ("ચેક રિપબ્લિકના વડાપ્રધાન", ["CZ"]),
        ("ईरान के राष्ट्रपति और ईरानी सेना", ["IR"]),
        # Marathi and Nepali names and their joined endings (Devanagari, which Hindi shares)
        ("रशिया आणि जपान यांच्यात चर्चा", ["RU", "JP"]),
        ("नेपाळमधील भूकंपानंतर भारताने मदत पाठवली", ["NP", "IN"]),
        ("रशियात निवडणूक", ["RU"]),
        ("नेपालको राजधानी र चीनले भनेको", ["NP", "CN"]),
        ("दक्षिण आफ्रिका संघाने सामना जिंकला", ["ZA"]),
        # a Marathi feminine name takes its endings on -े (अमेरिका -> अमेरिकेत); postpositions वर, कडून, शी
        ("अमेरिकेने निर्बंध लादले, श्रीलंकेत संकट", ["US", "LK"]),
        ("दक्षिण आफ्रिकेच्या संघाचा पराभव", ["ZA"]),
        ("रशियाचा युक्रेनवर हल्ला, इस्रायलकडून निषेध", ["RU", "UA", "IL"]),
        ("ब्रिटनचे पंतप्रधान भारताशी करार करणार", ["GB", "IN"]),
        ("सौदी अरेबियात परिषद", ["SA"]),
        # a joined particle ("also") after the name or its ending: Marathi -ही, Bengali -ও, Gujarati -ય
        ("भारतातही पाऊस पडला, अमेरिकेतही निवडणूक", ["IN", "US"]),
        ("পাকিস্তানেও বৃষ্টি হয়েছে", ["PK"]),
        ("ભારતમાંય વરસાદ", ["IN"]),
        ("Congo and DRC talks", ["CD"]),
        # the other Indic scripts and Urdu: CLDR names, everyday names, joined case endings
        ("ভারতের প্রধানমন্ত্রী জাপানে গেলেন", ["IN", "JP"]),
        ("শ্রীলঙ্কায় বন্যা, ভারতীয় দল ফিরল", ["LK", "IN"]),
        ("ਭਾਰਤ ਅਤੇ ਕੈਨੇਡਾ ਵਿਚਕਾਰ ਸਮਝੌਤਾ", ["IN", "CA"]),
        ("ଭାରତର ପ୍ରଧାନମନ୍ତ୍ରୀ ଚୀନରେ", ["IN", "CN"]),  # ଚୀନ୍ takes its ending without the virama
        ("இந்தியாவில் மழை, இலங்கையில் வெள்ளம்", ["IN", "LK"]),
        ("ஜப்பானின் பிரதமர் சீனாவுக்கு பயணம்", ["JP", "CN"]),
        ("இந்திய அணி வென்றது", ["IN"]),
        ("భారతదేశంలో ఎన్నికలు, జపాన్‌లో భూకంపం", ["IN", "JP"]),
        ("ಭಾರತದಲ್ಲಿ ಮಳೆ, ಚೀನಾದ ಅಧ್ಯಕ್ಷ", ["IN", "CN"]),
        ("ഇന്ത്യയിൽ മഴ, ജപ്പാനിൽ ഭൂകമ്പം", ["IN", "JP"]),  # ജപ്പാൻ: a chillu before the ending
        ("അമേരിക്കയുടെ പ്രസിഡന്റ്", ["US"]),
        ("پاکستان اور چین کے درمیان معاہدہ", ["PK", "CN"]),
        ("برطانیہ کے وزیر اعظم", ["GB"]),
        # order of first mention, each once
        ("Russia, then Pakistan, then Russia again", ["RU", "PK"]),
    ],
)
def test_countries_found(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Talks in Moscow, Islamabad and Karachi",  # cities alone
        "मॉस्को और इस्लामाबाद में बैठक",
        "મોસ્કો અને ઇસ્લામાબાદ",
        "Tell us more about it",  # "us" is not the US
        "The governor of New Mexico",
        "Trade with Latin America",
        "दक्षिण अमेरिका के देश",
        "Top of the South American qualifying table",  # a continent's adjective, not the US
        "Latin Americans voted",
        "लैटिन अमेरिकी देशों का सम्मेलन",
        "દક્ષિણ અમેરિકન ટીમો",
        "ખેડૂતો અને માળી",  # Gujarati માળી = gardener (Mali is માલી)
        "माली ने बगीचे में पौधे लगाए",  # Hindi माली = gardener, not Mali
        "Pakistanian",  # not a word boundary match
        "The menu features roast turkey served on fine china",  # common nouns
        "chile peppers and japan lacquer",
        "न्यू जर्सी के गवर्नर",  # places named after a country are not that country
        "ન્યૂ જર્સીમાં ચૂંટણી",
        "न्यू मैक्सिको में",
        "ન્યુ મેક્સિકો",
        "पाकशास्त्र",  # cooking; not a country
        "सब्ज़ियों और चीनी की कीमतों में गिरावट",  # चीनी = sugar
        "नई नीली जर्सी में उतरी टीम",  # a team's jersey, not the island
        "નવી જર્સીમાં ઊતરેલી ટીમ",
        "The capsule splashed down in the Gulf of Mexico",
        "मेक्सिको की खाड़ी में उतरा यान",
        "स्मृति ईरानी ने रैली की",  # a surname
        "ईरानी कप के लिए टीम घोषित",  # a cricket trophy
        "टिकट के लिए लंबी कतार लगी",  # Hindi क़तार (a queue) is the Marathi and Nepali name of Qatar
        "होटल के कुक बेटे को लेकर आए",  # "the cook's son", not the Marathi name of the Cook Islands
        "মালি বাগানে কাজ করেন",  # Bengali মালি = gardener
        "وہ بازار چلی گئی",  # Urdu چلی = went, not Chile
        "شام کو بارش ہوئی",  # Urdu شام = evening (also Syria)
        "مالی سال کا بجٹ",  # Urdu مالی = financial
        "கானா பாடல் போட்டி",  # a Tamil song genre, not Ghana
        "उसके सहारे वह आगे बढ़ा",  # सहारे (support) is not Western Sahara's oblique
    ],
)
def test_no_country(text):
    assert codes(text) == []


def test_english_names_come_from_icu():
    found = extract_countries("रूस, पाकिस्तान, संयुक्त राज्य अमेरिका, ब्रिटेन")
    assert found == [
        {"code": "RU", "name": "Russia"},
        {"code": "PK", "name": "Pakistan"},
        {"code": "US", "name": "United States"},
        {"code": "GB", "name": "United Kingdom"},
    ]


def test_an_article_about_common_nouns_names_no_country():
    doc = build_article(
        "Michael Jordan opens restaurant serving turkey and china plates in Georgia\n\n"
        "Basketball legend Michael Jordan opened a new restaurant in Atlanta, Georgia, on Tuesday. "
        "The menu features roast turkey served on fine china, and guests from New Jersey came.",
        today=TODAY,
    )
    assert doc["countries"] == []
