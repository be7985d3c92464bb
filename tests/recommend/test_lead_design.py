"""The lead's "addressed by" is what the recommended design has, or says what to add (i14a)."""

from __future__ import annotations

import functools
from pathlib import Path

from archwise.kb.loader import KnowledgeBase, load_kb
from archwise.recommend import archetypes
from archwise.recommend.models import ArchetypeMatch, HardProblem


@functools.lru_cache(maxsize=1)
def _kb() -> KnowledgeBase:
    return load_kb()


def _design(provider: str = "aws", **components: str) -> archetypes.Design:
    return archetypes.Design(components, provider, _kb().find)


def test_a_database_the_design_does_not_have_is_left_out_never_named_as_the_answer() -> None:
    names = ["PostgreSQL", "row locks with a reservation expiry", "Idempotency Key"]
    said = archetypes.in_design(names, _design(database="MySQL", patterns="Circuit Breaker"))
    assert "PostgreSQL" not in said
    assert said == ["row locks with a reservation expiry", "add Idempotency Key"]


def test_what_the_design_has_comes_first_and_an_open_topic_is_said_as_add() -> None:
    names = ["geohash cells", "Redis", "Kinesis"]
    said = archetypes.in_design(names, _design(database="PostgreSQL", messaging="Kinesis"))
    # Kinesis is the design's broker; the design has no cache, so Redis is to be added.
    assert said == ["Kinesis", "geohash cells", "add Redis"]


def test_an_alias_of_the_design_s_component_counts_as_held() -> None:
    assert archetypes.in_design(["postgres"], _design(database="PostgreSQL")) == ["postgres"]


def test_another_provider_s_managed_service_is_left_out() -> None:
    said = archetypes.in_design(["Azure Service Bus", "dead-letter queue"], _design("aws"))
    assert said == ["dead-letter queue"]
    # A provider-neutral option may still be told to add it.
    assert archetypes.in_design(["Azure Service Bus"], _design("neutral")) == [
        "add Azure Service Bus"
    ]


def test_a_led_problem_whose_every_answer_competes_with_the_design_says_so() -> None:
    found = [
        ArchetypeMatch(
            id="x",
            name="x",
            why=[],
            strength=1.0,
            hard_problems=[HardProblem(problem="P", addressed_by=["TimescaleDB", "InfluxDB"])],
        )
    ]
    led = archetypes.lead(found, 6, _design(database="PostgreSQL"))
    assert led[0].addressed_by == ["not in this design (elsewhere: TimescaleDB, InfluxDB)"]
    # The archetype's own list is general knowledge and is kept whole.
    assert found[0].hard_problems[0].addressed_by == ["TimescaleDB", "InfluxDB"]
    # Without a design the lead repeats the archetype's list.
    assert archetypes.lead(found, 6)[0].addressed_by == ["TimescaleDB", "InfluxDB"]


def test_recommend_never_leads_with_a_component_of_another_choice() -> None:
    from archwise.api.recommend import recommend

    corpus = Path(__file__).resolve().parents[2] / "benchmarks" / "advice-dev16" / "scenarios"
    kb = _kb()
    for scenario in ("sky-lanes", "lights-out", "zone-relay"):
        rec = recommend(corpus / f"{scenario}.yaml")
        chosen = next(o for o in rec.options if o.name == rec.recommendation.option)
        comps = chosen.components
        assert rec.hard_problems
        for hp in rec.hard_problems:
            for name in hp.addressed_by:
                entry = kb.find(name)
                if entry is None:
                    continue
                topics = [t for t in entry.topics if t not in archetypes.PATTERN_TOPICS]
                held = any(kb.resolve(c) == entry.name for c in comps.values())
                assert held or not all(comps.get(t) for t in topics), (scenario, name)


def test_american_and_british_spellings_read_alike() -> None:
    text = archetypes.one_spelling("readers see a personalized page; we analyze the logs")
    assert archetypes._said("personalisation", archetypes.one_spelling("personalization"))
    assert archetypes._said("personalised", text)
    assert archetypes._said("analyse", text)
    # Short words keep their z: a quiz is no "quis", a size no "sise".
    assert archetypes.one_spelling("quiz size prize") == "quiz size prize"
