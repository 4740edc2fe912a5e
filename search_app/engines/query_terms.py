"""Which text fields a query term is looked for in, and with which terms: shared by every engine.

Each index analyzer of the mapping fills its own fields. Query text is analysed with each field's
``search_analyzer``, and two rules leave fields out:

- skeletons serve matching across scripts: a word in Latin letters is not looked up among the skeletons
  of words in Latin letters, since English words alike in their consonants (farm, form, from) are
  different words (spelling slips there are for fuzzy matching). Words in other scripts are looked up in
  both skeleton fields: Hindi and Gujarati spell one name with different vowels;
- a phrase is looked for only through the analyzers that keep every one of its words: one whose word has
  a skeleton too short to index would otherwise shrink to its other words and match them anywhere.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from types import MappingProxyType

from search_app.analysis import ANALYZERS, analyze_fields
from search_app.analysis.rules import gujarati_endings, search_analyzer, whole_word
from search_app.query import MIN_PREFIX

# Index analyzers that keep only the words of one script, where a query word of that script is not
# looked up.
OTHER_SCRIPTS_ONLY = frozenset({"skeleton_latin_words"})
# The consonant skeletons' analyzers (the loosest match, left out for exact spellings).
SKELETON_ANALYZERS = frozenset({"skeleton_latin_words", "skeleton_nonlatin_words"})
_LATIN_LETTER = re.compile("[A-Za-z]")
# What query text is analysed with for each index analyzer's fields.
SEARCH_ANALYZERS: Mapping[str, str] = MappingProxyType({a: search_analyzer(a) for a in ANALYZERS})
_ALL_ANALYZERS = tuple(dict.fromkeys([*ANALYZERS, *SEARCH_ANALYZERS.values()]))
# The fields a word read whole is looked for in, with the reading of their search analyzers. Not the
# consonant skeletons: an inflected word read whole (ભારતને) is no name, and its skeleton would reach
# unrelated words.
_WHOLE_READINGS = MappingProxyType({a: whole_word(SEARCH_ANALYZERS[a]) for a in ("indic_text", "latin_text")})
# The whole reading's Latin spelling matches across scripts only from this length: a short inflected
# word read whole is spelt like an everyday English word (બસે = base, મળે = male, ગળે = gale).
MIN_WHOLE_LATIN = 5


@lru_cache(maxsize=4096)  # the same query words come back again and again
def query_terms(text: str) -> Mapping[str, tuple[str, ...]]:
    """Per index analyzer whose fields ``text`` is to be looked for in, the terms to look for, in order.

    An analyzer is missing when a rule above leaves its fields out, or when its terms would be none;
    ``indic_text`` is missing when the text has nothing searchable (stop words, punctuation).
    """
    analysed = analyze_fields(text, _ALL_ANALYZERS)
    words = {token.position for token in analysed["indic_text"]}
    chosen: dict[str, tuple[str, ...]] = {}
    for analyzer in ANALYZERS:
        tokens = analysed[SEARCH_ANALYZERS[analyzer]]
        # The index keeps the skeletons of capitalized Latin words only, so a word typed in lower case
        # leaves that field empty: it is in Latin letters all the same (lavr is not Louvre's l-v-r).
        latin = analysed[analyzer] or _LATIN_LETTER.search(text)
        if not tokens or (analyzer in OTHER_SCRIPTS_ONLY and latin):
            continue
        if len(words) > 1 and not words <= {token.position for token in tokens}:
            continue
        chosen[analyzer] = tuple(token.text for token in tokens)
    return MappingProxyType(chosen)  # shared by every caller: read-only


def _whole_readings(text: str, cut: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    """Per field of ``_WHOLE_READINGS``, the terms of ``text`` with every word read whole
    (``rules.whole_word``: without the Gujarati stemmer's cut), where that differs from its ``query_terms``
    (``cut``). Only readings that keep one term per word; the Latin one only when each word it reads
    differently has MIN_WHOLE_LATIN letters (a short inflected word read whole is spelt like an English
    word: બસે = base)."""
    words = cut.get("indic_text", ())
    analysed = analyze_fields(text, tuple(_WHOLE_READINGS.values()))
    found = {}
    for analyzer, reading in _WHOLE_READINGS.items():
        tokens = tuple(token.text for token in analysed[reading])
        own = cut.get(analyzer, ())
        if len(tokens) != len(words) or tokens == own:
            continue
        if analyzer == "latin_text":
            changed = [t for i, t in enumerate(tokens) if i >= len(own) or own[i] != t]
            if any(len(t) < MIN_WHOLE_LATIN for t in changed):
                continue
        found[analyzer] = tokens
    return MappingProxyType(found)


@lru_cache(maxsize=4096)
def whole_word_terms(text: str) -> Mapping[str, str]:
    """Per index analyzer, the term of the one word ``text`` read whole, where that differs from its
    ``query_terms`` (``_whole_readings``): also looked for, so that હસીના finds હસીનાનું (and, through the
    Latin field, हसीना and Hasina). Empty for phrases and for words no stemmer cuts."""
    cut = query_terms(text)
    if len(cut.get("indic_text", ())) != 1:
        return MappingProxyType({})
    return MappingProxyType({a: tokens[0] for a, tokens in _whole_readings(text, cut).items()})


@lru_cache(maxsize=4096)
def whole_phrase_terms(text: str) -> Mapping[str, tuple[str, ...]]:
    """``whole_word_terms`` for a phrase: per index analyzer, the phrase's terms with every word read
    whole, where that differs (so that "શેખ હસીના" finds શેખ હસીનાનું, and through the Latin field
    शेख हसीना). Empty for a single word."""
    cut = query_terms(text)
    if len(cut.get("indic_text", ())) < 2:
        return MappingProxyType({})
    return _whole_readings(text, cut)


# Gujarati articles write a name bare too, and the stemmer cuts what looks like a case ending off it
# (મેલોની → મેલો, હસીના → હસી, રિહાના → રિહા): a Gujarati query word is cut the same way, but the name typed
# in another script (Meloni, मेलोनी) reads whole and misses those articles. So its Latin reading is also
# looked for without the Latin spelling of such an ending, where the stemmer would cut it, in articles in
# the stemmer's language only (``gujarati_cut_term``).
CUT_LANGUAGE = "gu"
# A shorter cut reading is an everyday Gujarati word as often as a name (time → tim, ટીમ "team").
MIN_CUT_LATIN = 4
_VOWELS = frozenset("aeiou")
# A consonant letter in Latin spelling: an aspirate's h belongs to it (dh is ધ).
_LATIN_CONSONANT = re.compile(r"[kgcjtdpbs]h|[b-df-hj-np-tv-z]")
_GUJARATI = re.compile("[\u0a80-\u0aff]")


@cache
def _ending_spellings() -> tuple[tuple[str, bool], ...]:
    """The Latin spelling of each Gujarati case ending (as latin_text reads it after a word), longest
    first, and whether it follows a vowel (ની, એ: the remaining word ends in one) or a consonant (the
    vowel sign ે: પુણે = pun + e)."""
    reading = whole_word(SEARCH_ANALYZERS["latin_text"])
    found = set()
    for ending in gujarati_endings():
        after_vowel = not "\u0abe" <= ending[0] <= "\u0acc"  # a vowel sign follows a consonant
        # Words whose own reading an ending leaves as it is: kamla + ni, pun + e (કમલે reads kamle).
        base = "કમલા" if after_vowel else "પુણ"
        words = analyze_fields(f"{base} {base}{ending}", (reading,))[reading]
        if len(words) == 2 and words[1].text.startswith(words[0].text) and words[1].text != words[0].text:
            found.add((words[1].text[len(words[0].text) :], after_vowel))
    return tuple(sorted(found, key=lambda item: (-len(item[0]), item)))


def _letters(latin: str) -> int:
    """About how many Gujarati letters a Latin spelling is written with: one per consonant, and a vowel
    of its own at the start."""
    return len(_LATIN_CONSONANT.findall(latin)) + (latin[:1] in _VOWELS)


def _latin_word(text: str) -> str | None:
    """The Latin reading of the one word ``text``, when it is one term of ASCII letters (None for a
    phrase, a stop word, or a reading with digits or other letters)."""
    analysed = query_terms(text)
    latin = analysed.get("latin_text", ())
    if len(latin) != 1 or len(analysed.get("indic_text", ())) != 1:
        return None
    return latin[0] if latin[0].isascii() and latin[0].isalpha() else None


def searchable_words(words: tuple[str, ...]) -> list[tuple[str, Mapping[str, tuple[str, ...]]]]:
    """Each word of a phrase with its ``query_terms``, leaving out its stop words (which the phrase's
    own terms leave out too)."""
    return [(word, own) for word in words if (own := query_terms(word)).get("indic_text")]


def _cut_reading(word: str) -> str | None:
    """The Latin reading ``word`` without the longest Gujarati ending the stemmer would cut from it
    written in Gujarati (``gujarati_cut_term``), or None."""
    for ending, after_vowel in _ending_spellings():
        rest = word.removesuffix(ending)
        if rest == word or len(rest) < MIN_CUT_LATIN or _letters(rest) < 2:
            continue
        if (rest[-1] in _VOWELS) == after_vowel:
            return rest
    return None


@lru_cache(maxsize=4096)
def gujarati_cut_term(text: str) -> str | None:
    """The Latin reading of the one word ``text`` without the ending the Gujarati stemmer would cut
    from the word written in Gujarati (Meloni, मेलोनी: melo, as મેલોની is indexed), under the stemmer's
    conditions: at least two letters left, and no ending after a consonant (a conjunct: પત્ની). None for
    a phrase, a Gujarati word (cut as it is analysed), a reading not in Latin letters, or a cut reading
    shorter than MIN_CUT_LATIN."""
    word = _latin_word(text)
    if word is None or _GUJARATI.search(text):
        return None
    return _cut_reading(word)


# Gujarati writes the plural of a noun that ends in a consonant with the vowel sign ો (દેશ, દેશો, and
# દેશોમાં, દેશોને, which the stemmer leaves as દેશો), and Hindi its oblique plural with ों (देशों). The
# stemmer cannot cut that ો: names end so (મેક્સિકો, ટોક્યો), and Meloni's મેલોની would read as મેલ + ોની.
# So a query word is looked for in Gujarati articles in its other number too: a singular as its plural
# (desh as desho), a plural (દેશો, देशों, नेताओं) as its singular and that singular's plural (desh,
# desho; neta, which નેતાઓ is stemmed to). Not for the Gujarati words in ``gujarati_o_words.tsv``, which
# end in ો but are no plurals (નવો, new, is not the plural of નવ, nine), nor for a singular whose reading
# is shorter than MIN_CUT_LATIN (as a cut reading: નવ, કર, ગય are everyday words).
GUJARATI_O_WORDS = files("search_app").joinpath("data", "gujarati_o_words.tsv")
_GUJARATI_PLURAL = re.compile("[\u0a95-\u0ab9]\u0acb$")  # a consonant with ો
# Hindi oblique plural endings and what the singular ends in instead (पार्टियों, पार्टी; नेताओं, नेता).
_HINDI_OBLIQUE_PLURALS = (
    (re.compile("\u093f\u092f\u094b[\u0901\u0902]$"), "\u0940"),  # ियों: पार्टियों
    (re.compile("(?<=[\u0915-\u0939\u093c])\u094b[\u0901\u0902]$"), ""),  # ों after a consonant: देशों
    (re.compile("(?<=[\u093e-\u094c])\u0913[\u0901\u0902]$"), ""),  # ओं after a vowel sign: नेताओं
)  # (with anusvara or chandrabindu: देशोँ)
_LATIN_CONSONANT_END = re.compile(r"[b-df-hj-np-tv-z]$")


@cache
def _not_plurals() -> frozenset[str]:
    """The main-field and Latin terms of the words of ``gujarati_o_words.tsv``."""
    found: set[str] = set()
    for line in GUJARATI_O_WORDS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            own = query_terms(line.strip())
            found.update(own.get("indic_text", ()), own.get("latin_text", ()))
    return frozenset(found)


def _singular(text: str) -> str | None:
    """The singular of the one word ``text`` when it is a Gujarati plural in ો (its main-field term,
    after the stemmer: દેશોમાં is દેશો) or a Hindi oblique plural, in its own script; else None."""
    stem = query_terms(text).get("indic_text", ())
    if len(stem) != 1 or stem[0] in _not_plurals():
        return None
    if _GUJARATI_PLURAL.search(stem[0]):
        return stem[0][:-1]
    word = text.strip()
    for pattern, singular_end in _HINDI_OBLIQUE_PLURALS:
        if pattern.search(word):
            return pattern.sub(singular_end, word)
    return None


@lru_cache(maxsize=4096)
def gujarati_number_forms(text: str) -> tuple[str, ...]:
    """The Latin readings of the one word ``text`` in its other number as Gujarati articles are
    indexed (see above): desh for દેશો and देशों, desho for દેશ, देश and देशों. Empty for a phrase and
    for a word in Latin letters."""
    if text.isascii():
        return ()  # an English word is no Gujarati noun, and a name has no plural
    singular = _singular(text)
    word = _latin_word(singular) if singular else _latin_word(text)
    if word is None or len(word) < MIN_CUT_LATIN:
        return ()
    found = [word] if singular else []
    plural = word + "o"
    if _LATIN_CONSONANT_END.search(word) and plural not in _not_plurals():
        found.append(plural)
    own = query_terms(text).get("latin_text", ())
    return tuple(form for form in found if form not in own)  # દેશો is its singular's plural


# A cut reading in a is the stem of the Gujarati words in ા too (infinitives: જવા, to go; nouns: વીમા,
# insurance), which the ergatives of javan and viman would reach (જવાને, વિમાને): it needs a letter more.
MIN_ERGATIVE_CUT_A = MIN_CUT_LATIN + 1


@lru_cache(maxsize=4096)
def gujarati_ergative_cut(text: str) -> str | None:
    """The Latin reading of the one word ``text`` with the ergative ે that Gujarati joins to a word
    ending in a consonant, as the stemmer indexes it, where that is not the word: the stemmer reads
    પુતિને (Putin + ે) as પુતિ + ને (to Puti) and indexes puti, the longest ending winning. None for a
    phrase, a word ending in a vowel (મોદીએ keeps મોદી), a reading the cut leaves as it is, and a cut
    reading in a shorter than MIN_ERGATIVE_CUT_A (javan, not java)."""
    word = _latin_word(text)
    if word is None or not _LATIN_CONSONANT_END.search(word):
        return None
    cut = _cut_reading(word + "e")
    if not cut or cut == word or (cut.endswith("a") and len(cut) < MIN_ERGATIVE_CUT_A):
        return None
    return cut


# The fields the Gujarati stemmer's cut is looked for in across scripts: the Latin reading, and the
# consonant skeleton of the words of other scripts than Latin (ક્રિસ્ટિયાનો is indexed ક્રિસ્ટિયા: kr_st_).
CUT_ANALYZERS = ("latin_text", "skeleton_nonlatin_words")
# A shorter skeleton of a cut reading reaches unrelated words (Macrone, cut macro: mkr, મુક્કર).
MIN_CUT_SKELETON = 5
# Gujarati forms of a phrase looked for at most (each word with forms multiplies them).
MAX_CUT_PHRASES = 8


@lru_cache(maxsize=4096)
def gujarati_forms(text: str) -> Mapping[str, tuple[str, ...]]:
    """Per field of CUT_ANALYZERS, the terms the one word ``text`` is also looked for by in Gujarati
    articles: as the stemmer leaves it bare (``gujarati_cut_term``, in both fields) or with its ergative
    (``gujarati_ergative_cut``), and in its other number (``gujarati_number_forms``), in the Latin field.
    A bare cut whose skeleton is shorter than MIN_CUT_SKELETON has no skeleton term: an empty tuple."""
    found: dict[str, list[str]] = {}
    if cut := gujarati_cut_term(text):
        for analyzer in CUT_ANALYZERS:
            terms = query_terms(cut).get(analyzer, ())
            if analyzer in SKELETON_ANALYZERS:
                terms = tuple(term for term in terms if len(term) >= MIN_CUT_SKELETON)
            found[analyzer] = list(terms[:1]) if len(terms) == 1 else []
    latin = found.setdefault("latin_text", [])
    own = query_terms(text).get("latin_text", ())
    for form in (gujarati_ergative_cut(text), *gujarati_number_forms(text)):
        if form and form not in latin and form not in own:
            latin.append(form)
    if not latin and "skeleton_nonlatin_words" not in found:
        del found["latin_text"]
    return MappingProxyType({analyzer: tuple(terms) for analyzer, terms in found.items()})


@lru_cache(maxsize=4096)
def gujarati_cut_terms(words: tuple[str, ...]) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Per field of CUT_ANALYZERS, the term sequences the word or phrase ``words`` is also looked for
    by in Gujarati articles: each word as it is or in its ``gujarati_forms`` there, but all as they are
    (the phrase's own terms), at most MAX_CUT_PHRASES; where every word has a term there ("Sheikh
    Hasina" as sheikh hasi, Putin as puti). Empty when no word has forms."""
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    words_forms = [(own, gujarati_forms(word)) for word, own in searchable_words(words)]
    if not any(forms for _, forms in words_forms):
        return MappingProxyType({})
    for analyzer in CUT_ANALYZERS:
        positions = []
        for own, forms in words_forms:
            if len(own.get(analyzer, ())) != 1:
                break
            positions.append(own[analyzer] + forms.get(analyzer, ()))
        else:
            if any(analyzer in forms for _, forms in words_forms):
                combinations = itertools.islice(itertools.product(*positions), 1, MAX_CUT_PHRASES + 1)
                if sequences := tuple(combinations):
                    found[analyzer] = sequences
    return MappingProxyType(found)


# Latin spellings of Indian and foreign names and the transliteration of their Hindi and Gujarati
# spellings differ in a few regular ways the index cannot fold, since each side is a real spelling of
# other words too: y for i between consonants and a soft c, a glide after i before a vowel (Sonia =
# सोनिया soniya, Fumio = फुमियो fumiyo), a final y for ी (Reddy = रेड्डी redi), a silent final h
# (Abdullah = अब्दुल्ला abdula), and a final double consonant, which Hindi and Gujarati write as a
# conjunct with its vowel (Bhatt = भट्ट bhata, ``_FINAL_DOUBLE``/``_FINAL_CONJUNCT``). A word's Latin reading
# is also looked for in the other way of each (both ways: a Hindi query finds Sonia too). A word typed
# in Latin letters only when it is typed as a name, with a capital: party is not पड़ती (parti).
_LATIN_VARIANTS = (
    (re.compile(r"(?<=[^aeiou])y(?=[^aeiou])"), "i"),  # Kylian = किलियन
    (re.compile(r"c(?=[eiy])"), "s"),  # Inacio = इनासियो
    (re.compile(r"i(?=[aeou])"), "iy"),
    (re.compile(r"iy(?=[aeou])"), "i"),
    (re.compile(r"(?<=[^aeiouy])y$"), "i"),
    (re.compile(r"(?<=[^aeiouy])i$"), "y"),
    (re.compile(r"(?<=a)h$"), ""),
    (re.compile(r"(?<=[^aeiouh])a$"), "ah"),
)
# Shorter readings have too many everyday neighbours that way (diya, dia).
MIN_VARIANT_LATIN = 4
_FINAL_DOUBLE = re.compile(r"([b-df-hj-np-tv-z])\1$", re.IGNORECASE)
_FINAL_CONJUNCT = re.compile("[\u0915-\u0939\u0a95-\u0ab9][\u094d\u0acd][\u0915-\u0939\u0a95-\u0ab9]$")


@lru_cache(maxsize=4096)
def latin_variants(text: str) -> tuple[str, ...]:
    """The Latin reading of the one word ``text`` in the other ways of _LATIN_VARIANTS (each, and each
    two together), where it is in ASCII letters and at least MIN_VARIANT_LATIN long, and ``text`` is
    capitalized or in another script; empty for a phrase."""
    if text.isascii() and not text[:1].isupper():
        return ()
    word = _latin_word(text)
    if word is None or len(word) < MIN_VARIANT_LATIN:
        return ()
    found = []
    if _FINAL_DOUBLE.search(text):
        found.append(word + "a")
    elif _FINAL_CONJUNCT.search(text) and word.endswith("a"):
        found.append(word[:-1])
    for first, (pattern, replacement) in enumerate(_LATIN_VARIANTS):
        if (once := pattern.sub(replacement, word)) == word:
            continue
        found.append(once)
        for other, other_replacement in _LATIN_VARIANTS[first + 1 :]:
            found.append(other.sub(other_replacement, once))
    return tuple(dict.fromkeys(v for v in found if v != word))


# English spellings of foreign names against how Hindi and Gujarati write their sound: a soft g
# (Roger = रोजर, Angela = एंजेला), aw for ॉ/ો (Lawrence = लॉरेंस) and ew for ू (Lewis = लुईस). Respelled
# so, a word typed in Latin letters with a capital is also looked for by the respelling's Latin reading
# and skeleton among the other scripts' words; from five letters, since a shorter respelling is an
# everyday word as often as a name (Gita, respelled jita: जीता, "won").
MIN_RESPELLED = 5
_SOUND_RESPELLINGS = (
    (re.compile(r"g(?=[eiy])"), "j"),
    (re.compile(r"aw"), "o"),
    (re.compile(r"ew"), "u"),
    (re.compile(r"ck"), "k"),  # Vicky: विक्की, viki
    (re.compile(r"(?<=[^aeiou])y$"), "i"),  # a final y said i: Vicky, Bobby
)


@lru_cache(maxsize=4096)
def sound_respellings(text: str) -> tuple[str, ...]:
    """The one word ``text`` respelled by each of _SOUND_RESPELLINGS that changes it, in lower case, when
    it is typed in Latin letters with a capital and has MIN_RESPELLED letters (Roger: rojer)."""
    if not (text.isascii() and text.isalpha() and text[:1].isupper() and len(text) >= MIN_RESPELLED):
        return ()
    found = [pattern.sub(replacement, text.lower()) for pattern, replacement in _SOUND_RESPELLINGS]
    # And all of them at once, for a word that needs two (Vicky: viki).
    every = text.lower()
    for pattern, replacement in _SOUND_RESPELLINGS:
        every = pattern.sub(replacement, every)
    return tuple(dict.fromkeys(respelled for respelled in [*found, every] if respelled != text.lower()))


# The fields a word's variants are looked for in: the Latin reading, and the skeletons of the words of
# the other scripts (a respelling's).
VARIANT_ANALYZERS = ("latin_text", "skeleton_nonlatin_words")


@lru_cache(maxsize=4096)
def variant_terms(text: str) -> Mapping[str, tuple[str, ...]]:
    """Per field, the other terms the one word ``text`` is looked for by: its ``latin_variants``, and
    the Latin reading and skeleton of its _SOUND_RESPELLINGS (for a capitalized word in Latin letters)."""
    found: dict[str, list[str]] = {analyzer: [] for analyzer in VARIANT_ANALYZERS}
    found["latin_text"] += latin_variants(text)
    own = query_terms(text)
    for respelled in sound_respellings(text):
        for analyzer, terms in found.items():
            terms += [t for t in query_terms(respelled).get(analyzer, ()) if t not in own.get(analyzer, ())]
    return MappingProxyType(
        {analyzer: tuple(dict.fromkeys(terms)) for analyzer, terms in found.items() if terms}
    )


# A phrase's words are looked for in their variants too (``phrase_variants``), in at most this many
# combinations: each is a phrase query of its own.
MAX_PHRASE_VARIANTS = 8


@lru_cache(maxsize=4096)
def phrase_variants(words: tuple[str, ...]) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """``variant_terms`` for a phrase: per field, the terms each of its words may be there (its own term
    first, then its variants: "Angela Merkel" as anjela merkel too), where some word has variants and
    every word has one term, as in the phrase's own terms. Empty when no word has variants."""
    phrase = query_terms(" ".join(words))
    found = {}
    for analyzer in VARIANT_ANALYZERS:
        positions = []
        for word, own in searchable_words(words):
            if len(own.get(analyzer, ())) != 1:
                break
            positions.append((own[analyzer][0], *variant_terms(word).get(analyzer, ())))
        else:
            aligned = tuple(terms[0] for terms in positions) == phrase.get(analyzer)
            if aligned and any(len(terms) > 1 for terms in positions):
                found[analyzer] = tuple(positions)
    return MappingProxyType(found)


@lru_cache(maxsize=4096)  # asked for every quoted phrase of every search
def phrase_variant_terms(words: tuple[str, ...]) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Per field, the phrases of ``phrase_variants`` to look for besides the phrase's own terms, each a
    tuple of terms; at most MAX_PHRASE_VARIANTS per field."""
    return MappingProxyType(
        {
            analyzer: tuple(itertools.islice(itertools.product(*positions), 1, MAX_PHRASE_VARIANTS + 1))
            for analyzer, positions in phrase_variants(words).items()
        }
    )


@dataclass(frozen=True)
class LoosePhrase:
    """A phrase across scripts whose words do not all have a consonant skeleton ("Keir Starmer": Keir
    is too short for one), so that no field holds the whole phrase in the other script: its words with a
    skeleton, looked for by it among the other script's words, and the others each looked for as a word
    (in its own spellings, through the phrase's respellings: कीर)."""

    skeletons: tuple[tuple[tuple[str, ...], str], ...]  # (skeleton analyzers, term) of each word
    words: tuple[str, ...]


@lru_cache(maxsize=4096)
def loose_phrase(words: tuple[str, ...]) -> LoosePhrase | None:
    """The ``LoosePhrase`` of a phrase, when it has words both with a skeleton and without one (a word's
    skeleton in the fields ``query_terms`` looks for it in). None otherwise."""
    if SKELETON_ANALYZERS & query_terms(" ".join(words)).keys():
        return None  # the whole phrase has skeletons: it is looked for by them
    skeletons, short = [], []
    for word, own in searchable_words(words):
        analyzers = tuple(a for a in ANALYZERS if a in SKELETON_ANALYZERS and a in own)
        found = {own[a] for a in analyzers}  # one search analyzer: the same terms in both fields
        if not found:
            short.append(word)
        elif len(found) == 1 and len(skeleton := found.pop()) == 1:
            skeletons.append((analyzers, skeleton[0]))
        else:
            return None
    if not skeletons or not short:
        return None
    return LoosePhrase(tuple(skeletons), tuple(short))


def indic_key(text: str) -> tuple[str, ...]:
    """What ``text`` is known by: its terms in the main (Indic) fields; empty for stop words."""
    return query_terms(text).get("indic_text", ())


# The fields a prefix (``lavr*``) is looked for in: the words, and their Latin reading, so that a prefix
# in one script finds the words of the others (lavr* finds लावरोव); not the skeletons, which would reach
# every word with those consonants.
PREFIX_ANALYZERS = ("indic_text", "latin_text")


@lru_cache(maxsize=4096)
def prefix_terms(text: str) -> Mapping[str, str]:
    """Per field of PREFIX_ANALYZERS, the term the prefix ``text`` (one word) is in there, where it is
    one term of at least ``search_app.query.MIN_PREFIX`` characters; empty for anything else."""
    terms = query_terms(text)
    found = {a: t[0] for a in PREFIX_ANALYZERS if len(t := terms.get(a, ())) == 1 and len(t[0]) >= MIN_PREFIX}
    return MappingProxyType(found)
