"""Token filters over many terms at once give every term what it gets alone (search_app.analysis.batching)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from search_app.analysis import chain
from search_app.analysis.batching import line_bounded, over_lines
from search_app.analysis.chain import ANALYZERS, segment, shared_char_filters
from search_app.analysis.rules import load_mapping
from search_app.analysis.token_filters import token_filter_steps

REPO_ROOT = Path(__file__).resolve().parent.parent

# Patterns whose matches at a term's edges depend on what is beyond them: lookarounds, anchors, word
# boundaries, classes and dots that would match the line break, empty matches, backreferences.
TRICKY = [
    r"(?<=.)x",
    r"(?<!a)b",
    r"(?<![ab])c",
    r"a(?!b)",
    r"a(?=[^b])",
    r"[^ab]+",
    r"[^a]",
    r"^a",
    r"b$",
    r"\Aa|b\Z",
    r"^$",
    r"^.*$",
    r"\bab",
    r"b\B",
    r"x*",
    r"(a)\1",
    r"([ab])(?(1)c|d)",
    r"(?>a+)b",
    r"[^\W\d]+",
    r"(?i)A.B",
    r"(?s).",
    r"(?m)^b",
    r"(?<=[क-ह])़?्",
    r"^(?![^ab][ab]*c$)(.+?)c$",
]
REPLACEMENTS = ["", "-", r"<\g<0>>"]


def random_terms(count: int, seed: int) -> list[str]:
    alphabet = "abcxAB_1'" + "कखह़्ा"
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 6))) for _ in range(count)]


@pytest.mark.parametrize("source", TRICKY)
def test_a_bounded_pattern_finds_in_each_line_what_it_finds_in_the_term(source):
    pattern = re.compile(source)
    bounded = line_bounded(pattern)
    assert bounded is not None, source
    terms = random_terms(400, seed=len(source))
    for replacement in REPLACEMENTS:
        expected = [pattern.sub(replacement, term) for term in terms]
        assert bounded.sub(replacement, "\n".join(terms)).split("\n") == expected, (source, replacement)


@pytest.mark.parametrize("source", [r"\s", r"a\nb", r"[\n]", r"(?-m:^a)", r"(?s:.)"])
def test_patterns_that_cannot_be_kept_inside_a_line_are_refused(source):
    assert line_bounded(re.compile(source)) is None


def test_a_batch_that_changes_its_line_count_runs_term_by_term():
    # A step that puts a line break into a term would shift every term after it in the batch.
    def split_on_x(text: str) -> str:
        return text.replace("x", "\n")

    batch = over_lines(split_on_x, lambda term: term.upper())
    assert batch(["axb", "cd"]) == ["AXB", "CD"]


def test_every_pattern_of_the_mapping_runs_over_lines():
    """All of the mapping's pattern filters can be batched (else ingest slows down without a word)."""
    filters = load_mapping()["settings"]["analysis"]["filter"]
    patterns = [name for name, spec in filters.items() if spec["type"] == "pattern_replace"]
    assert patterns
    for name in patterns:
        spec = filters[name]
        if spec.get("all", True) and re.escape(spec["pattern"]) != spec["pattern"]:
            assert line_bounded(re.compile(spec["pattern"])) is not None, name


def real_words() -> list[str]:
    """The distinct words of the sample articles and the seeds, with ASCII, Devanagari and Gujarati."""
    seeds = REPO_ROOT.parent / "shared" / "seeds"
    paths = sorted((REPO_ROOT / "sample_data").glob("*")) + sorted(seeds.glob("*"))
    words: set[str] = set()
    for path in paths:
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            words.update(w.text for w in segment(text, shared_char_filters(ANALYZERS)))
    return sorted(words)


@pytest.mark.parametrize("analyzers", [ANALYZERS, ("indic_text", "suggest_text"), ("latin_text",)])
def test_a_batch_analysis_gives_each_word_its_analysis_alone(analyzers):
    words = real_words()
    assert len(words) > 2000  # more than one call's worth of lines, and every script of the samples
    assert any(w.isascii() for w in words) and any("\u0900" <= w[0] <= "\u097f" for w in words)
    assert any("\u0a80" <= w[0] <= "\u0aff" for w in words)
    together = chain._analyze_batch(words, analyzers)
    alone = [chain._analyze_batch([word], analyzers)[0] for word in words]
    assert together == alone
    assert sum(any(terms) for terms in together) > 0.9 * len(words)


def test_every_step_of_every_filter_agrees_with_itself_term_by_term():
    """Each step's batch form against its one-term form, on the words as they reach it in the chain."""
    words = real_words()
    for analyzer in ANALYZERS:
        terms = list(words)
        for name in chain.analyzer_rules(analyzer).filters:
            for step in token_filter_steps(name):
                live = [t for t in terms if t]
                assert step.batch(live) == [step.apply(t) for t in live], (analyzer, step.key)
                terms = [step.apply(t) for t in live]
