"""A deterministic corpus of synthetic news articles in Hindi, Gujarati and English, for benchmarks.

    python bench/generate_corpus.py --count 10000 --seed 1 --out /tmp/corpus

Writes JSON Lines shards (``articles-00000.jsonl``, 1,000 articles each) and, with ``--txt-share``, a part
of the articles as plain ``.txt`` files (headline on the first line), the two formats ``search-app ingest``
reads fastest. Each article is built like the scraped pages in ../shared/seeds: words drawn (Zipf-like)
from the Debian hunspell dictionaries of each language, people's names written in all three scripts (with
spelling variants, so cross-script search has work), country names, joined case endings and demonyms
(from ICU and the ingest pipeline's own alias list), a dateline in one of several formats and scripts (or
a ``published`` field, or no date at all), and web boilerplate around the text: breadcrumbs, mastheads,
view counters, image credits, share/follow promos, comment forms, ad-blocker notices, repeated headings.

Every record also carries ``expected`` (language, countries, published, source): what a correct pipeline
must find. The pipeline ignores that field; tests and benchmarks can compare against it.

Needs the Debian packages hunspell-hi, hunspell-gu and hunspell-en-us (/usr/share/hunspell/*.dic).
Same --count and --seed give byte-identical output.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import math
import random
import sys
from pathlib import Path

import icu

from ingest.countries import extract_countries
from ingest.cues import load_lines

HUNSPELL_DIR = Path("/usr/share/hunspell")
DICTIONARIES = {"hi": "hi_IN.dic", "gu": "gu_IN.dic", "en": "en_US.dic"}
DEBIAN_PACKAGES = {"hi": "hunspell-hi", "gu": "hunspell-gu", "en": "hunspell-en-us"}
LANGUAGE_WEIGHTS = {"hi": 0.4, "gu": 0.35, "en": 0.25}
SHARD_SIZE = 1000
MAX_VOCABULARY = 40_000  # words per language (a deterministic spread over the whole dictionary)
MEDIAN_BODY_BYTES = 2800  # paragraphs only; with headline, header and tail lines an article averages 3 KB
NATIVE_DIGITS = {"hi": "०१२३४५६७८९", "gu": "૦૧૨૩૪૫૬૭૮૯"}

# People in the news, each written as in English, Hindi and Gujarati news (variants separated by "|").
PEOPLE = [
    ("Sergey Lavrov|Sergei Lavrov", "सर्गेई लावरोव|सेर्गेई लवरोव", "સેર્ગેઈ લવરોવ|સેરગેઈ લોવરોવ"),
    ("Imran Khan", "इमरान खान|इमरान ख़ान", "ઇમરાન ખાન|ઈમરાન ખાન"),
    ("Narendra Modi", "नरेंद्र मोदी|नरेन्द्र मोदी", "નરેન્દ્ર મોદી"),
    ("Vladimir Putin", "व्लादिमीर पुतिन", "વ્લાદિમીર પુતિન"),
    ("Shehbaz Sharif", "शहबाज शरीफ|शहबाज़ शरीफ़", "શહબાઝ શરીફ"),
    ("Bilawal Bhutto Zardari", "बिलावल भुट्टो ज़रदारी|बिलावल भुट्टो जरदारी", "બિલાવલ ભુટ્ટો ઝરદારી"),
    ("S. Jaishankar", "एस. जयशंकर", "એસ. જયશંકર"),
    ("Xi Jinping", "शी जिनपिंग", "શી જિનપિંગ"),
    ("Emmanuel Macron", "इमैनुएल मैक्रों", "ઇમેન્યુઅલ મેક્રોન"),
    ("Asim Munir", "असीम मुनीर", "અસીમ મુનીર"),
]
CITIES = [
    ("Moscow", "मॉस्को", "મોસ્કો"),
    ("Islamabad", "इस्लामाबाद", "ઇસ્લામાબાદ"),
    ("Goa", "गोवा", "ગોવા"),
    ("Karachi", "कराची", "કરાચી"),
    ("Paris", "पेरिस", "પેરિસ"),
    ("Kazan", "कज़ान", "કઝાન"),
]
# Countries and how often they are in the news here (the rest of ICU's list appears rarely).
COUNTRY_WEIGHTS = {"PK": 30, "RU": 25, "IN": 30, "US": 20, "CN": 15, "AF": 6, "UA": 8, "FR": 6, "GB": 6}
SITES = ["Gujarat Exclusive", "SidhiKhabar", "Statecraft", "Desh Samachar", "Navi Khabar", "The Daily Ledger"]
SECTIONS = {"en": ["World", "India", "Politics"], "hi": ["देश-विदेश", "दुनिया"], "gu": ["દેશ-વિદેશ", "દુનિયા"]}
HOME = {"en": "Home", "hi": "होम", "gu": "હોમ"}
POSTPOSITIONS = {"hi": ["के", "में", "ने", "से", "को", "की"], "en": ["", "", "'s"]}
SENTENCE_END = {"hi": "।", "gu": ".", "en": "."}
BOILERPLATE_HEAD = {
    "en": ["IMAGE SOURCE: {site}", "Photo: file image"],
    "hi": ["IMAGE SOURCE: ट्विटर के माध्यम से", "फोटो: फाइल"],
    "gu": ["ફોટો: ફાઇલ", "IMAGE SOURCE: {site}"],
}
BOILERPLATE_TAIL = {
    "en": [
        "Follow {site} on WhatsApp For Latest News",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Back to top button",
        "Adblock Detected",
        "Please consider supporting us by disabling your ad blocker",
        "Comments",
        "Top",
    ],
    "hi": [
        "ताज़ा खबरों के लिए हमारे व्हाट्सएप चैनल से जुड़ें",
        "Follow {site} on Telegram For Latest News",
        "Leave a Reply",
        "Back to top button",
        "Adblock Detected",
        "टिप्पणियाँ",
    ],
    "gu": [
        "તમારા મોબાઈલ પર લેટેસ્ટ ન્યૂઝ મેળવવા માટે અમારા વોટ્સએપ ગ્રુપમાં જોડાઓ.",
        "Join WhatsApp",
        "Follow {site} on Instagram For Latest News",
        "Comments",
        "Top",
    ],
}


def fail(message: str) -> None:
    print(f"generate_corpus: {message}", file=sys.stderr)
    raise SystemExit(2)


def load_vocabulary(lang: str) -> list[str]:
    """Common-looking words of one language from its hunspell dictionary, without any country name."""
    path = HUNSPELL_DIR / DICTIONARIES[lang]
    if not path.exists():
        fail(
            f"{path} is missing: install the Debian package {DEBIAN_PACKAGES[lang]} (apt-get install "
            f"{' '.join(DEBIAN_PACKAGES.values())})"
        )
    words = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        next(handle)  # the word count
        for line in handle:
            word = line.split("/", 1)[0].split("\t", 1)[0].strip()
            if not word or any(ch.isdigit() for ch in word):
                continue
            if lang == "en" and not (word.isascii() and word.isalpha() and word.islower() and len(word) > 1):
                continue  # proper nouns and abbreviations would plant names we do not know about
            words.append(word)
    words = sorted(set(words))
    step = max(1, len(words) // MAX_VOCABULARY)
    # No word may name a country on its own, so the countries of an article are exactly the planted ones.
    # A word starts a sentence capitalised, so it is checked as the pipeline would then read it.
    return [w for w in words[::step] if not extract_countries(w.capitalize())]


def zipf_cumulative(size: int) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += 1.0 / (rank + 2.7)
        cumulative.append(total)
    return cumulative


class Generator:
    """Builds articles one at a time from a seeded random source (no global state)."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.vocabulary: dict[str, list[str]] = {}
        self.cumulative: dict[str, list[float]] = {}
        for lang in LANGUAGE_WEIGHTS:
            words = load_vocabulary(lang)
            # Frequent words are short (Zipf's law of abbreviation): rank by length, ties in seeded order.
            order = random.Random(f"{seed}-{lang}")
            words = [w for _, w in sorted((len(w) + order.random(), w) for w in words)]
            self.vocabulary[lang] = words
            self.cumulative[lang] = zipf_cumulative(len(words))
        self.country_names = self._country_names()
        self.months = {
            lang: list(icu.DateFormatSymbols(icu.Locale(lang)).getMonths()) for lang in LANGUAGE_WEIGHTS
        }
        self.weekdays = {
            lang: list(icu.DateFormatSymbols(icu.Locale(lang)).getWeekdays()) for lang in LANGUAGE_WEIGHTS
        }
        self.suffixes = {"gu": [s for s in self._gujarati_suffixes() if s]}
        # Only countries every language can name unambiguously (not Guinea: an ordinary word in Hindi).
        codes = [
            c
            for c in icu.Locale.getISOCountries()
            if all((c, lang) in self.country_names for lang in LANGUAGE_WEIGHTS)
        ]
        self.country_codes = codes
        self.country_cum = list(itertools.accumulate(COUNTRY_WEIGHTS.get(c, 0.2) for c in codes))

    @staticmethod
    def _gujarati_suffixes() -> list[str]:
        from ingest.cues import load_json

        # The bare vowel endings (પાકિસ્તાને) only fit names ending in a consonant; keep the rest.
        return [s for s in load_json("indic_suffixes.json")["Gujr"] if s not in ("ે", "એ")]

    @staticmethod
    def _country_names() -> dict[tuple[str, str], list[str]]:
        """(code, language) -> names and demonyms: ICU display names plus the pipeline's alias list."""
        names: dict[tuple[str, str], list[str]] = {}
        for code in icu.Locale.getISOCountries():
            for lang in LANGUAGE_WEIGHTS:
                name = icu.Locale("", code).getDisplayCountry(icu.Locale(lang))
                if "(" not in name and [c["code"] for c in extract_countries(name)] == [code]:
                    names.setdefault((code, lang), []).append(name)
        for line in load_lines("country_aliases.tsv"):
            code, alias, *_ = line.split("\t")
            script = (
                "gu"
                if any("\u0a80" <= ch <= "\u0aff" for ch in alias)
                else ("hi" if any("\u0900" <= ch <= "\u097f" for ch in alias) else "en")
            )
            if [c["code"] for c in extract_countries(alias)] == [code]:
                names.setdefault((code, script), []).append(alias)
        return names

    # --- pieces -------------------------------------------------------------------------------
    def words(self, lang: str, count: int) -> list[str]:
        return self.random.choices(self.vocabulary[lang], cum_weights=self.cumulative[lang], k=count)

    def pick_countries(self) -> list[str]:
        count = self.random.choices([1, 2, 3, 4], weights=[3, 4, 2, 1])[0]
        chosen: list[str] = []
        while len(chosen) < count:
            index = bisect.bisect_left(self.country_cum, self.random.random() * self.country_cum[-1])
            code = self.country_codes[min(index, len(self.country_codes) - 1)]
            if code not in chosen:
                chosen.append(code)
        return chosen

    def country_phrase(self, code: str, lang: str) -> str:
        names = self.country_names.get((code, lang)) or self.country_names[(code, "en")]
        name = self.random.choice(names)
        if lang == "gu" and self.random.random() < 0.6:
            return name + self.random.choice(self.suffixes["gu"])  # joined case ending: પાકિસ્તાનના
        if lang == "hi":
            name = name.replace("\u093c", "") if self.random.random() < 0.3 else name  # nukta dropped
            return f"{name} {self.random.choice(POSTPOSITIONS['hi'])}"
        return name + self.random.choice(POSTPOSITIONS["en"]) if lang == "en" else name

    def person(self, lang: str) -> str:
        person = self.random.choice(PEOPLE)[("en", "hi", "gu").index(lang)]
        return self.random.choice(person.split("|"))

    def sentence(self, lang: str, countries: list[str]) -> str:
        words = self.words(lang, self.random.randint(8, 20))
        roll = self.random.random()
        if roll < 0.35:
            words.insert(
                self.random.randrange(len(words)), self.country_phrase(self.random.choice(countries), lang)
            )
        elif roll < 0.55:
            words.insert(self.random.randrange(len(words)), self.person(lang))
        elif roll < 0.62:
            words.insert(
                self.random.randrange(len(words)), self.random.choice(CITIES)[("en", "hi", "gu").index(lang)]
            )
        elif roll < 0.66:
            # A year inside a sentence (past or future) is not a publication date.
            words.insert(self.random.randrange(len(words)), str(self.random.randint(1990, 2032)))
        text = " ".join(words)
        if lang == "en":
            text = text[0].upper() + text[1:]
        return text + SENTENCE_END[lang]

    def paragraph(self, lang: str, countries: list[str]) -> str:
        return " ".join(self.sentence(lang, countries) for _ in range(self.random.randint(2, 5)))

    def date_line(self, lang: str, day: dt.date) -> str:
        month = self.months[lang][day.month - 1]
        weekday = self.weekdays[lang][(day.isoweekday() % 7) + 1]
        forms = [
            f"{month} {day.day}, {day.year}",
            f"{day.day} {month} {day.year}",
            # Day first, as Indian sites write it and the pipeline reads an ambiguous one.
            f"{day.day:02d}/{day.month:02d}/{day.year} {self.random.choice(SECTIONS[lang])}",
            f"{day.isoformat()}",
            f"{weekday}, {day.day} {month} {day.year}",
        ]
        if lang == "en":
            forms.append(f"Updated: {weekday}, {month} {day.day}, {day.year} 10:30 AM IST")
        line = self.random.choice(forms)
        if lang in NATIVE_DIGITS and self.random.random() < 0.3:
            line = line.translate(str.maketrans("0123456789", NATIVE_DIGITS[lang]))
        return line

    # --- one article ---------------------------------------------------------------------------
    def article(self, number: int) -> tuple[dict, str, dict]:
        """(JSON Lines record with its ``expected``, the same article as a page, what the page alone says)."""
        r = self.random
        lang = r.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
        countries = self.pick_countries()
        site = r.choice(SITES)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=r.randrange(365 * 11))
        title_words = self.words(lang, r.randint(5, 10))
        title_words.insert(r.randrange(len(title_words)), self.country_phrase(countries[0], lang))
        title = " ".join(title_words)
        if lang == "en":
            title = title[0].upper() + title[1:]

        head: list[str] = []
        crumb = None
        source = None  # what the text itself says (breadcrumb, masthead, byline)
        style = r.random()
        if style < 0.25:
            crumb = f"{site} > {r.choice(SECTIONS[lang])} > {title}"
            source = site
        date_kind = r.random()
        published_field = None
        if date_kind < 0.4:
            head.append(self.date_line(lang, day))
        elif date_kind < 0.7:
            published_field = (
                day.isoformat() if r.random() < 0.7 else day.strftime("%a, %d %b %Y 10:00:00 +0530")
            )
        if 0.25 <= style < 0.4 and lang != "en":
            head.extend([site.replace(" ", ""), site.replace(" ", "")])  # a Latin masthead, printed twice
            source = site.replace(" ", "")
        if r.random() < 0.3:
            head.extend([str(r.randint(0, 9)), str(r.randint(10, 5000))])  # view/comment counters
        if r.random() < 0.3:
            head.append(r.choice(BOILERPLATE_HEAD[lang]).format(site=site))

        target = min(12_000, max(800, int(r.lognormvariate(math.log(MEDIAN_BODY_BYTES), 0.35))))
        paragraphs: list[str] = []
        size = 0
        quoted = False
        while True:
            heading = None
            if paragraphs and r.random() < 0.08:
                heading = " ".join(self.words(lang, r.randint(3, 6)))
            text = self.paragraph(lang, countries)
            if lang != "en" and not quoted and r.random() < 0.1:
                text += " " + self.sentence("en", countries)  # an English quote in an Indic article
                quoted = True
            added = [heading, heading, text] if heading else [text]  # a subheading printed twice
            added_size = sum(len(line.encode("utf-8")) for line in added)
            # Stop before a paragraph that would overshoot the target (a paragraph is 0.3-1.5 KB, so
            # stopping after it made articles a third longer than aimed at); the first one always goes in.
            if paragraphs and size + added_size > target:
                break
            paragraphs.extend(added)
            size += added_size
        # Make sure every planted country is named at least once in the body.
        paragraphs.append(
            " ".join(
                self.country_phrase(code, lang) + " " + " ".join(self.words(lang, 4)) for code in countries
            )
            + SENTENCE_END[lang]
        )
        tail: list[str] = []
        if source is None and r.random() < 0.2:
            tail.extend(["लेखक" if lang == "hi" else ("લેખક" if lang == "gu" else "By"), f"{site} Staff"])
            source = site
        if r.random() < 0.6:
            tail.extend(line.format(site=site) for line in r.sample(BOILERPLATE_TAIL[lang], r.randint(1, 4)))

        lines = head + paragraphs + tail
        # As a page: breadcrumb, headline, the rest. As a record: the headline is a field, the page the body
        # (where the page template repeats the headline, as pages do).
        page = [crumb, title, *lines] if crumb else [title, *lines]
        record: dict = {"title": title, "body": "\n\n".join(page if crumb else lines)}
        text_expected = {
            "language": lang,
            "countries": sorted(countries),
            "published": day.isoformat() if date_kind < 0.4 else None,
            "source": source,
        }
        if r.random() < 0.5:
            slug = site.lower().replace(" ", "")
            record["url"] = f"https://www.{slug}.example/{r.choice(['news', 'world', 'india'])}/{number}"
            source = source or f"{slug}.example"
        if r.random() < 0.15:
            record["source"] = site
            source = site
        if r.random() < 0.2:
            record["id"] = f"gen-{number}"
        if published_field:
            record["published"] = published_field
        record["expected"] = {**text_expected, "source": source}
        if date_kind < 0.7:
            record["expected"]["published"] = day.isoformat()
        return record, "\n\n".join(page) + "\n", text_expected


def write_corpus(count: int, seed: int, out: Path, txt_share: float) -> tuple[int, int]:
    """Write ``count`` articles under ``out``; returns (articles in JSON Lines, articles as .txt files)."""
    out.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed)
    picker = random.Random(f"{seed}-format")
    jsonl_count = txt_count = 0
    shard = None
    for number in range(count):
        record, page, text_expected = generator.article(number)
        if picker.random() < txt_share:
            folder = out / "txt" / f"{number // SHARD_SIZE:05d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"article-{number:07d}.txt").write_text(page, encoding="utf-8")
            # What the page alone says (a .txt file has no metadata), beside it for checkers.
            expected = json.dumps(text_expected, ensure_ascii=False)
            (folder / f"article-{number:07d}.expected.json").write_text(expected, encoding="utf-8")
            txt_count += 1
            continue
        if jsonl_count % SHARD_SIZE == 0:
            if shard:
                shard.close()
            shard = (out / f"articles-{jsonl_count // SHARD_SIZE:05d}.jsonl").open("w", encoding="utf-8")
        shard.write(json.dumps(record, ensure_ascii=False) + "\n")
        jsonl_count += 1
    if shard:
        shard.close()
    return jsonl_count, txt_count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000, help="number of articles (default 10,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed; same seed, same corpus (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write into (created if needed)")
    parser.add_argument(
        "--txt-share", type=float, default=0.0, help="fraction of articles written as .txt files (default 0)"
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if not 0.0 <= args.txt_share <= 1.0:
        parser.error("--txt-share must be between 0 and 1")
    jsonl_count, txt_count = write_corpus(args.count, args.seed, args.out, args.txt_share)
    print(
        f"wrote {jsonl_count} articles as JSON Lines and {txt_count} as .txt under {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
