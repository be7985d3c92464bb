"""Matching words without compiling (or trying) patterns finds exactly what the patterns find."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from archwise.recommend import expr, rulebook, sources
from archwise.recommend.archetypes import _phrase, _said, _words_of
from archwise.recommend.rulebook import Context

SCENARIOS = Path(__file__).parent / "scenarios"


def _regex(phrase: str, text: str) -> bool:
    return _phrase(phrase).search(text) is not None


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("send the same result", "the lab sends the same result"),
        ("predict arrival", "predict the arrival of each bus"),
        ("predict arrival", "predict  the\tarrival"),
        ("predict arrival", "predict the  arrivals"),
        ("predict arrival", "predicted-arrival"),
        ("predict arrival", "predictarrival"),
        ("predict arrival", "predict  arrival"),
        ("predict arrival", "predict thearrival"),
        ("double-book", "no double booking"),
        ("double-book", "double-bookkeeping"),
        ("book a", "bookkeeping a"),
        ("book a", "book an"),
        ("book a", "books a"),
        ("cut of", "cut off"),
        ("cut of", "cut offer"),
        ("for ever", "for every"),
        ("for ever", "for evers"),
        ("log in", "log in1"),
        ("log in", "login"),
        ("read replica", "xread replica"),
        ("read replica", "1read replica"),
        ("read replica", "éread replicas"),
        ("search engine", "search-engine-friendly pages"),
        ("search engine", "research engines"),
        ("search engine", "searching an  engine"),
        ("search engine", "searches the engined"),
        ("time series", "time-serieses"),
        ("scan code", "scanning codes"),
        ("scan code", "scan coded"),
        ("scan code", "scan codee"),
        ("c++ code", "c++ code"),
        ("code c++", "code c+++"),
        ("code c++", "code c++s"),
        ("code c++", "code c++x"),
        ("plan ahead", "planned ahead"),
        ("plan ahead", "plan the ahead"),
        ("plan ahead", "plan a ahead"),
        ("plan ahead", "plan its\nahead"),
        ("plan ahead", "plan\u00a0ahead"),
    ],
)
def test_a_phrase_is_said_where_its_pattern_matches(phrase: str, text: str) -> None:
    assert _said(phrase, text) == _regex(phrase, text)


def test_every_phrase_of_the_knowledge_base_agrees_with_its_pattern() -> None:
    # Texts built from each phrase's own words with the separators, endings and articles the
    # pattern allows or refuses; both answers occur, so a wrong scan would show.
    book = sources.rulebook(sources.knowledge())
    phrases: set[str] = set()
    for arch in book.archetypes:
        for signal in arch.signals:
            phrases.update(signal.words)
    for concept in book.concepts.values():
        phrases.update(concept.words)
        for group in concept.together:
            phrases.update(group)
    several = sorted(p for p in phrases if len(_words_of(p)) > 1)
    rnd = random.Random(14)
    before = ["", " ", "-", "a", " the ", "  the  ", "\tan\t", " an ", "s ", "ing ", "x"]
    after = ["", " ", "-", "s", "es", "ed", "d", "ing", "er", "ment", "x", "1", "é", ".", "  "]
    said = {True: 0, False: 0}
    for phrase in rnd.sample(several, min(len(several), 400)):
        for _ in range(6):
            text = "".join(
                rnd.choice(before) + word + rnd.choice(after) + rnd.choice(after)
                for word in _words_of(phrase)
            )
            found = _said(phrase, text)
            assert found == _regex(phrase, text), (phrase, text)
            said[found] += 1
    assert said[True] > 40
    assert said[False] > 1000


def test_a_phrase_that_starts_with_a_hyphen_is_still_read_by_its_pattern() -> None:
    assert _said("-proof", "fire-proof")
    assert not _said("-proof", "fireproof")


def test_only_platforms_the_text_names_have_their_patterns_compiled() -> None:
    platforms_in = Context(requirements={}, kb=sources.knowledge(), year=2026).functions()[
        "platforms_in"
    ]
    rulebook._run_here.cache_clear()
    assert platforms_in("it started as a Rails app on Heroku", "deployment") == ["Heroku"]
    assert rulebook._run_here.cache_info().currsize <= 2


def _every_pattern(patterns: tuple[re.Pattern[str], ...], texts: list[str]) -> list[str]:
    return [m.group(0) for text in texts for p in patterns for m in p.finditer(text)]


def _texts_of_scenarios() -> list[str]:
    texts: list[str] = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        functional = doc.get("functional") or {}
        texts += [str(doc.get("summary") or ""), str(doc.get("vision") or "")]
        for key in ("workflows", "critical_features", "nice_to_have"):
            texts += [str(t) for t in functional.get(key) or []]
    return texts


TEXTS = [
    "a solve takes 20 to 40 minutes",
    "each run lasts about 3 hours; a conversion runs on a GPU machine for 5 to 40 minutes",
    "six-hour runs and a 40-minute solve",
    "TMX files of up to 10 million segments, 180 million files, up to 200,000 rows",
    "PDFs of up to 1 GB, episodes (5-40 GB), a 500 MB drawing",
    "A SOLVE TAKES 20 MINUTES, 3 MILLION RECORDS, 2 TB",
    "a solve ta\u212aes 20 minutes; 3 million \u212aeys; 2 \u212aB",  # the Kelvin sign folds to k
    "reports are ready in the morning",
]


def test_the_job_count_and_size_readers_find_what_every_pattern_finds() -> None:
    # Each reader tries only the patterns whose words a text holds: the same matches as trying all.
    texts = TEXTS + _texts_of_scenarios()
    job = (expr._JOB, expr._job_for(), expr._job_noun())
    count = (expr._records(), expr._file_of())
    size = (expr._size(),)
    for text in texts:
        assert _every_pattern(job, [text]) == _every_pattern(
            tuple(expr._job_patterns(text)), [text]
        ), text
        assert _every_pattern(count, [text]) == _every_pattern(
            tuple(expr._count_patterns(text)), [text]
        ), text
        if not expr._may_say(text, "mb", "gb", "tb", "byte"):
            assert _every_pattern(size, [text]) == [], text
    assert len(_every_pattern(job, texts)) > 5
    assert len(_every_pattern(count, texts)) > 3
    assert expr._job_minutes(*TEXTS) == 360.0
    assert expr._largest_mb("2 TB", "500 MB") == 2 * 1024.0 * 1024.0
    assert expr._may_say("a \u212aelvin", "k")  # outside ASCII every text is tried
