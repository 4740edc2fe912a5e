"""langdetect's detection, with its per-character and per-step Python loops done in bulk.

The same profiles, n-grams, seeded random trials and convergence checks as langdetect's
``Detector.get_probabilities``, so the same answers (``tests/ingest/test_ingest_ngram_detector.py`` holds
it to langdetect's own); what changes is how they are computed, at about a third of the cost:
- a word's n-grams are looked up, not rebuilt: langdetect's n-gram buffer restarts at every space, so a
  word's n-grams never depend on its neighbours, and news repeats its words;
- a trial's updates (the probability of every language multiplied by that of one random n-gram, renormalised
  every 5 steps) are a cumulative sum of log-probabilities in numpy, checked for convergence at the same
  steps, instead of a Python loop over the languages per step.
The random draws are langdetect's own (``random.Random`` seeded alike; its outputs read in bulk, see
``_Draws``), so a trial stops at the same step; only float rounding differs (about 1e-15 of a probability).
"""

from __future__ import annotations

import math
import random
import re
import threading
from dataclasses import dataclass, field

import numpy as np
from langdetect.detector import Detector
from langdetect.detector_factory import DetectorFactory
from langdetect.utils.ngram import NGram

_CHECK_EVERY = 5  # langdetect renormalises, and checks convergence, after every fifth update
_FIRST_BLOCK = 64  # draws per trial looked at before the first convergence check in bulk; doubled after
_CACHE_LIMIT = 1 << 17  # words whose n-grams are kept, per factory
# Detector.cleaning_text's two counts: 'A'-'z' (brackets and backquote included, as there) against
# every character from U+0300 on but the Latin Extended Additional block.
_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile("[\u0300-\u1dff\u1f00-\U0010ffff]")
_SPACES = re.compile(" {2,}")
_MAX_TEXT = 10000  # Detector.max_text_length's default


class _NormalizedChars(dict):
    """str.translate table of NGram.normalize, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        value = self[code] = NGram.normalize(chr(code))
        return value


_NORMALIZE = _NormalizedChars()


def _word_ngrams(word: str, spaced: bool, known: dict) -> tuple[str, ...]:
    """The n-grams langdetect extracts from one normalized word (and the space after it, if ``spaced``)
    that its profiles know: NGram.add_char and Detector._extract_ngrams, for one word.

    Its buffer holds the last three characters of " " + word, so after character i the n-grams are the
    1-, 2- and 3-character strings ending there; none while in a capitalised run (a capital after a capital:
    "NASA" gives only "N" and " N")."""
    padded = f" {word} " if spaced else f" {word}"
    capitals = any(map(str.isupper, word))
    found = []
    for end in range(2, len(padded) + 1):
        if capitals and padded[end - 1].isupper() and padded[end - 2].isupper():
            continue
        one, two = padded[end - 1], padded[end - 2 : end]
        if one != " " and one in known:
            found.append(one)
        if two in known:
            found.append(two)
        if end > 2 and (three := padded[end - 3 : end]) in known:
            found.append(three)
    return tuple(found)


@dataclass
class NgramDetector:
    """One factory's languages, for any number of texts (langdetect's Detector serves one)."""

    factory: DetectorFactory
    n_trial: int = 7
    conv_threshold: float = Detector.CONV_THRESHOLD
    prior: dict[str, float] | None = None
    # (word, followed by a space) -> its n-grams' rows of the table
    _word_rows: dict[tuple[str, bool], tuple[int, ...]] = field(default_factory=dict, repr=False)
    # The profiles' probabilities of the n-grams met so far, a row each in the order _row_of lists them,
    # grown as new ones come; a row is written before it is listed in _row_of, so a reader that finds it
    # there finds it in _table.
    _row_of: dict[str, int] = field(default_factory=dict, repr=False)
    _table: np.ndarray = field(init=False, repr=False)
    _adding: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        langs = self.factory.langlist
        if self.prior is None:
            weights = np.full(len(langs), 1.0 / len(langs))
        else:
            weights = np.array([max(self.prior.get(lang, 0.0), 0.0) for lang in langs])
            weights /= weights.sum()
        with np.errstate(divide="ignore"):
            self._log_prior = np.log(weights)
        self._table = np.empty((1024, len(langs)))

    def text_of(self, text: str) -> str:
        """Detector.append then Detector.cleaning_text: what langdetect reads n-grams from."""
        text = Detector.URL_RE.sub(" ", text)
        text = Detector.MAIL_RE.sub(" ", text)
        text = _SPACES.sub(" ", NGram.normalize_vi(text)[:_MAX_TEXT])
        if len(_LATIN.findall(text)) * 2 < len(_NON_LATIN.findall(text)):
            text = _LATIN.sub("", text)
        return text

    def ngrams(self, text: str) -> list[str]:
        """Detector._extract_ngrams after Detector.append(text), a word at a time."""
        rows = self._rows(self.text_of(text))
        grams = list(self._row_of)  # in row order
        return [grams[row] for row in rows]

    def probabilities(self, text: str) -> list[tuple[str, float]]:
        """(language, probability) above langdetect's threshold, most probable first; [] when the text
        has no n-gram langdetect knows (where langdetect raises)."""
        rows = self._rows(self.text_of(text))
        if not rows:
            return []
        table = self._table[rows]  # a row per n-gram of the text: each draw picks one
        draws = _Draws(self.factory.seed)
        total = np.zeros(len(self.factory.langlist))
        for _ in range(self.n_trial):
            alpha = Detector.ALPHA_DEFAULT + draws.gauss() * Detector.ALPHA_WIDTH
            total += self._trial(table, alpha / Detector.BASE_FREQ, draws)
        total /= self.n_trial
        pairs = zip(self.factory.langlist, total.tolist(), strict=True)
        found = [(lang, p) for lang, p in pairs if p > Detector.PROB_THRESHOLD]
        return sorted(found, key=lambda item: item[1], reverse=True)  # stable, like langdetect's sort

    def _rows(self, text: str) -> list[int]:
        """The table row of each n-gram of ``text`` (see ``ngrams``), in order."""
        cache, known = self._word_rows, self.factory.word_lang_prob_map
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        words = text.translate(_NORMALIZE).split(" ")
        rows: list[int] = []
        last = len(words) - 1
        for i, word in enumerate(words):
            if word:
                key = (word, i < last)
                found = cache.get(key)
                if found is None:
                    found = cache[key] = self._add(_word_ngrams(word, i < last, known))
                rows.extend(found)
        return rows

    def _add(self, grams: tuple[str, ...]) -> tuple[int, ...]:
        """The rows of ``grams``, added to the table if new."""
        with self._adding:
            new = [gram for gram in dict.fromkeys(grams) if gram not in self._row_of]
            if new:
                size, end = len(self._row_of), len(self._row_of) + len(new)
                if end > len(self._table):
                    grown = np.empty((2 * end, self._table.shape[1]))
                    grown[:size] = self._table[:size]
                    self._table = grown
                self._table[size:end] = [self.factory.word_lang_prob_map[gram] for gram in new]
                self._row_of.update(zip(new, range(size, end), strict=True))
        return tuple(self._row_of[gram] for gram in grams)

    def _trial(self, table: np.ndarray, weight: float, draws: _Draws) -> np.ndarray:
        """One trial's normalized probabilities where langdetect's loop stops: after update i when
        i % 5 == 0 and the largest probability passes the threshold, or at the iteration limit."""
        start = self._log_prior
        done, block = 0, _FIRST_BLOCK
        while True:
            picks = draws.choices(len(table), block)
            sums = np.log(table[picks] + weight).cumsum(axis=0) + start
            # Row r is update done + r, checked when that index is a multiple of 5.
            first = (-done) % _CHECK_EVERY
            checked = sums[first::_CHECK_EVERY]
            indexes = np.arange(done + first, done + block, _CHECK_EVERY)
            shifted = checked - checked.max(axis=1, keepdims=True)
            largest = 1.0 / np.exp(shifted).sum(axis=1)
            stops = np.flatnonzero((largest > self.conv_threshold) | (indexes >= Detector.ITERATION_LIMIT))
            if stops.size:
                draws.give_back(block - 1 - int(indexes[stops[0]]) + done)
                weights = np.exp(shifted[stops[0]])
                return weights / weights.sum()
            start, done, block = sums[-1], done + block, block * 2


class _Draws:
    """The values langdetect's seeded ``random.Random`` gives it (``gauss()``, ``choice(ngrams)``), from
    its 32-bit outputs read in bulk, as CPython computes them: ``getrandbits(k)`` is one output shifted
    right by 32 - k (and ``getrandbits(32 * m)`` is m outputs, the first lowest); ``choice`` of n items
    draws ``getrandbits(n.bit_length())`` until below n; ``random()`` is two outputs, 27 + 26 bits;
    ``gauss`` is Box-Muller with its second value kept for the next call.
    """

    _CHUNK = 1024

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._words = np.empty(0, dtype=np.uint32)
        self._next = 0
        self._gauss_next: float | None = None
        self._ends = np.empty(0, dtype=np.intp)

    def _outputs(self, count: int) -> np.ndarray:
        if self._next + count > len(self._words):
            size = max(count, self._CHUNK)
            more = np.frombuffer(self._rng.getrandbits(32 * size).to_bytes(4 * size, "little"), dtype="<u4")
            self._words = np.concatenate((self._words, more))  # all kept: give_back may step back
        words = self._words[self._next : self._next + count]
        self._next += count
        return words

    def _random(self) -> float:
        high, low = (int(word) for word in self._outputs(2))
        return ((high >> 5) * 67108864.0 + (low >> 6)) * (1.0 / 9007199254740992.0)

    def gauss(self) -> float:
        z, self._gauss_next = self._gauss_next, None
        if z is None:
            x2pi = self._random() * math.tau
            g2rad = math.sqrt(-2.0 * math.log(1.0 - self._random()))
            z, self._gauss_next = math.cos(x2pi) * g2rad, math.sin(x2pi) * g2rad
        return z

    def choices(self, n: int, count: int) -> np.ndarray:
        """``count`` successive ``choice(range(n))``."""
        shift = 32 - n.bit_length()
        found: list[np.ndarray] = []
        ends: list[np.ndarray] = []  # per choice, the outputs this call has used up to it
        have = used = 0
        while have < count:
            values = self._outputs(2 * (count - have)) >> shift  # about half or more are below n
            kept = np.flatnonzero(values < n)[: count - have]
            found.append(values[kept])
            ends.append(kept + (used + 1))
            have += len(kept)
            used += len(values)
        self._next -= used - int(ends[-1][-1])  # the outputs after the last choice are not used
        self._ends = np.concatenate(ends)
        return np.concatenate(found)

    def give_back(self, count: int) -> None:
        """Undo the last ``count`` choices of the last ``choices`` call: their outputs are drawn again."""
        if count:
            self._next -= int(self._ends[-1] - self._ends[-1 - count])
