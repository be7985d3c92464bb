"""The advice benchmark's scorer (arithmetic on a hand-made case) and the validity of its corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from archwise.api.requirements import load_requirements
from archwise.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "benchmarks" / "advice"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_advice", ROOT / "benchmarks" / "bench_advice.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_advice"] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()

EXPECTATION = """\
archetypes: [toy]
feasible: false
topics:
  database:
    right: [PostgreSQL]
    acceptable: [MySQL]
    must_not:
      Cassandra: no transactions
  cache:
    right: [not-needed]
    must_not:
      Redis: stale balances
  messaging:
    right: [Kafka]
    acceptable: [SQS]
  realtime:
    right: [not-needed]
  language:
    right: [C++]
  frontend_framework:
    right: [React]
    acceptable: [not-needed]
hard_problems:
  - [idempoten, dedupl]
  - [OT, CRDT]
  - [outbox]
"""


def _output(**extra: Any) -> dict[str, Any]:
    """A hand-made engine answer in today's shape (no archetypes, needed or feasibility)."""
    return {
        "decisions": {
            "database": {"chosen": "postgres"},  # an alias of PostgreSQL
            "cache": {"chosen": "Redis"},
            "messaging": {"chosen": "kafka"},
            "realtime": {"chosen": "WebSocket", "needed": False},
            "frontend_framework": {"chosen": None, "needed": "no"},  # today's spelling
            "language": {"chosen": "C#"},
        },
        "options": [
            {"name": "A", "components": {"database": "PostgreSQL", "cache": "Redis"}},
            {
                "name": "B",
                "components": {
                    "database": "MySQL",
                    "cache": "Redis",
                    "messaging": "SQS",
                    "language": "C++",
                },
            },
        ],
        "recommendation": {"option": "B"},
        **extra,
    }


@pytest.fixture
def expectation(tmp_path: Path) -> Any:
    path = tmp_path / "toy.yaml"
    path.write_text(EXPECTATION, encoding="utf-8")
    return bench.load_expectation(path)


def _matcher() -> Any:
    aliases = {"postgres": "PostgreSQL", "kafka": "Kafka"}
    return bench.Matcher(lambda name: aliases.get(name.casefold(), name))


def test_each_topic_takes_the_lower_of_first_choice_and_option(expectation: Any) -> None:
    r = bench.score_scenario(_output(), expectation, _matcher(), scenario="toy", corpus="t")
    scores = {t.topic: t.score for t in r.topics}
    # database: first right (1), option acceptable (1/2) -> 1/2
    # cache: Redis both times, a must-not -> 0; messaging: right vs acceptable -> 1/2
    # realtime: needed false -> not-needed (right), option has no component -> not-needed (right) -> 1
    # language: C# is not C++ (0) although the option says C++ (1) -> 0
    # frontend_framework: needed "no" and no component: not-needed, acceptable -> 1/2
    assert scores == {
        "database": 0.5,
        "cache": 0.0,
        "messaging": 0.5,
        "realtime": 1.0,
        "language": 0.0,
        "frontend_framework": 0.5,
    }
    assert r.agreement == pytest.approx(2.5 / 6)
    assert [(m.topic, m.name, m.where) for m in r.must_not] == [
        ("cache", "Redis", "first choice and recommended option")
    ]
    assert r.must_not[0].why == "stale balances"
    assert r.hard_problems_named == []
    assert r.feasible_given is None


def test_hard_problems_match_at_word_starts_and_short_keywords_as_words(expectation: Any) -> None:
    output = _output(
        archetypes=[
            {
                "id": "toy",
                "hard_problems": [
                    {
                        "problem": "Idempotency of webhook events",
                        "addressed_by": ["not a hot topic"],
                    },
                    {"problem": "Exactly once", "addressed_by": ["Transactional outbox"]},
                ],
            }
        ],
        feasibility={"feasible": False, "conflicts": []},
    )
    r = bench.score_scenario(output, expectation, _matcher(), scenario="toy", corpus="t")
    assert r.hard_problems_named == [["idempoten", "dedupl"], ["outbox"]]
    assert r.hard_problems_unnamed == [["OT", "CRDT"]]  # "not" and "hot" are not OT
    assert r.feasible_given is False
    totals = bench.summarise([r], _matcher())
    assert totals["hard_problems_named_percent"] == pytest.approx(66.7)
    assert totals["feasibility_agreed"] == 1
    assert totals["agreement_percent"] == pytest.approx(41.7)


def test_precision_counts_what_is_led_with_and_what_matches_no_expected_problem(
    expectation: Any,
) -> None:
    outbox = {"problem": "Exactly once", "addressed_by": ["Transactional outbox"]}
    idem = {"problem": "Idempotency of webhook events", "addressed_by": ["keys"]}
    loose = {"problem": "Search relevance", "addressed_by": ["an index"]}
    archetypes = [{"id": "toy", "hard_problems": [idem, outbox, loose]}]
    # No lead: every listed problem counts as led with.
    r = bench.score_scenario(
        _output(archetypes=archetypes), expectation, _matcher(), scenario="toy", corpus="t"
    )
    assert (r.problems_given, r.problems_unsupported, r.named_in_lead) == (3, 1, 2)
    # A lead of one: named counts every archetype's problems, the lead only its own.
    led = _output(archetypes=archetypes, hard_problems=[loose])
    r = bench.score_scenario(led, expectation, _matcher(), scenario="toy", corpus="t")
    assert len(r.hard_problems_named) == 2 and r.named_in_lead == 0
    assert (r.problems_given, r.problems_unsupported) == (1, 1)
    assert (r.problems_listed, r.problems_listed_unsupported) == (3, 1)
    totals = bench.summarise([r], _matcher())
    assert totals["hard_problems_given_mean"] == 1.0
    assert totals["hard_problems_unsupported"] == 1


def test_a_missing_recommended_option_scores_zero(expectation: Any) -> None:
    output = _output(recommendation={"option": "nowhere"})
    r = bench.score_scenario(output, expectation, _matcher(), scenario="toy", corpus="t")
    assert all(t.score == 0.0 for t in r.topics)


def test_malformed_expectation_names_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXPECTATION.replace("  messaging:", "  mesaging:"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        bench.load_expectation(bad)
    assert "bad.yaml" in str(err.value) and "mesaging" in str(err.value)


def test_a_scenario_without_expectation_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "expectations").mkdir()
    (tmp_path / "scenarios" / "lonely.yaml").write_text("name: x\n", encoding="utf-8")
    assert bench.main([str(tmp_path)]) == 2


def test_every_corpus_file_validates_and_names_only_known_topics() -> None:
    pairs = bench.corpus_pairs(CORPUS)
    assert len(pairs) >= 44
    labels = set()
    for scenario, expectation_path in pairs:
        load_requirements(scenario)
        expectation = bench.load_expectation(expectation_path)  # topics are checked by the model
        labels.update(expectation.archetypes)
        assert expectation.hard_problems, expectation_path
    assert len(labels) >= 26
