"""Technologies are looked up once per brief, and the rules that name them match as before."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from archwise.requirements import brief
from archwise.requirements import brief_rules as rules

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = sorted(p for p in ROOT.glob("benchmarks/briefs*/*.md") if p.name != "README.md")


def _vocabulary() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(brief.default_vocabulary().items()))


def _spans(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_folding_finds_what_ignorecase_matches() -> None:
    assert brief.fold("\u0130NFO \u017fql \u212aAFKA") == "info sql kafka"
    for text in ("\u0130nfo", "\u017fQL", "\u212aafka"):
        pattern = re.compile(brief.fold(text), re.IGNORECASE)
        assert pattern.fullmatch(text)


def test_every_spelling_the_full_pattern_matches_is_mentioned() -> None:
    vocabulary = _vocabulary()
    full = re.compile(brief._trie_of(vocabulary).pattern(), re.IGNORECASE)
    spellings = [s for s, _ in vocabulary]
    rnd = random.Random(19)
    odd = {"i": "\u0130", "s": "\u017f", "k": "\u212a"}
    for _ in range(300):
        words = []
        for spelling in rnd.sample(spellings, 4):
            shaped = rnd.choice([spelling, spelling.upper(), spelling.title(), spelling.lower()])
            shaped = "".join(odd.get(ch, ch) if rnd.random() < 0.2 else ch for ch in shaped)
            words.append(shaped)
        text = rnd.choice([", ", " and ", " / ", " (", "; "]).join(words) + "."
        found = set(brief.mentioned(text, vocabulary))
        for match in full.finditer(text):
            said = match.group(0)
            assert said in found or brief.fold(said) in found, (said, text)


def test_the_pattern_of_the_mentioned_spellings_matches_as_the_full_one() -> None:
    vocabulary = _vocabulary()
    trie = brief._trie_of(vocabulary)
    full = re.compile(trie.pattern(), re.IGNORECASE)
    for path in BRIEFS[::7]:
        text = path.read_text(encoding="utf-8")
        mentioned = set(brief.mentioned(text, vocabulary))
        pruned = re.compile(trie.pattern(mentioned.__contains__), re.IGNORECASE)
        assert len(pruned.pattern) < len(full.pattern)
        assert _spans(pruned, text) == _spans(full, text), path.name


def test_rules_naming_technologies_match_as_with_the_whole_vocabulary() -> None:
    vocabulary = _vocabulary()
    every = brief._trie_of(vocabulary).pattern()
    named = [
        i
        for i, template in enumerate(brief._templates())
        if "{TECH" in template and len(brief._with_techs(template, every)) < 40_000
    ]
    assert named
    for path in BRIEFS[::25]:
        text = path.read_text(encoding="utf-8")
        specialised = brief._tech_rules(vocabulary, brief.mentioned(text, vocabulary))
        for i in named:
            whole = re.compile(brief._with_techs(brief._templates()[i], every), re.IGNORECASE)
            assert _spans(specialised[i], text) == _spans(whole, text), (path.name, i)


def test_every_rule_is_read_in_its_order_and_compiled_once_per_set_of_mentions() -> None:
    vocabulary = _vocabulary()
    text = "We run Go and PostgreSQL on Kubernetes; 3 engineers know Rust."
    compiled = brief._compiled(vocabulary, text)
    assert [rule for rule, _ in compiled] == list(rules.RULES)
    other = "Rust: 3 engineers know Go and PostgreSQL; we run on Kubernetes."
    assert brief.mentioned(other, vocabulary) == brief.mentioned(text, vocabulary)
    again = brief._compiled(vocabulary, other)
    assert all(a is b for (_, a), (_, b) in zip(compiled, again, strict=True))
    assert set(brief.mentioned(text, vocabulary)) >= {"postgresql", "kubernetes", "Go"}


def test_a_process_that_read_many_briefs_reads_the_next_with_every_spelling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vocabulary = _vocabulary()
    text = BRIEFS[0].read_text(encoding="utf-8")
    brief._tech_rules.cache_clear()  # a process that has read no brief yet
    pruned = brief._compiled(vocabulary, text)
    monkeypatch.setattr(brief, "PRUNED_BRIEFS", 1)
    every = brief._compiled(vocabulary, text)
    full = brief._every_tech_rule(vocabulary)
    for i, ((rule, a), (_, b)) in enumerate(zip(pruned, every, strict=True)):
        if "{TECH" in rule.pattern:
            assert b is full[i] and len(b.pattern) > len(a.pattern)
            assert _spans(a, text) == _spans(b, text)
        else:
            assert a is b
