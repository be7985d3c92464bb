"""Twelfth round (i14g): where the users are against where the servers are, overlapping entries led
once, and ideas said in the case's own words (an altered copy, a checkable draw, a scoped view,
a licence sold for a use)."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from pydantic import ValidationError

from archwise.kb.loader import load_kb
from archwise.kb.schemas.place import Area
from archwise.recommend import archetypes
from archwise.recommend.feasibility import audience_conflict
from archwise.recommend.models import ArchetypeMatch, HardProblem
from archwise.recommend.rulebook import RuleBook
from archwise.recommend.sources import rulebook
from tests.recommend.conftest import HERE, recommendation
from tests.recommend.test_concerns import _ctx, _matched


@functools.lru_cache(maxsize=1)
def _book() -> RuleBook:
    return rulebook(load_kb())


def _req(*workflows: str, p99: float = 20, **nf: Any) -> dict[str, Any]:
    return {
        "functional": {"workflows": list(workflows)},
        "non_functional": {"latency": {"p99_ms": p99}, **nf},
        "constraints": {"deployment": "on-prem"},
    }


FAR = ("All servers sit in one data centre in Frankfurt", "Our players are in Australia")


def test_users_far_from_the_servers_are_a_conflict_with_the_numbers() -> None:
    [conflict] = audience_conflict(_req(*FAR), _book())
    assert "Frankfurt" in conflict.why and "Australia" in conflict.why
    # Frankfurt to Perth, the nearest Australian city in the gazetteer: over 13,000 km.
    assert conflict.numbers["distance_km"] > 13_000
    assert conflict.numbers["fibre_round_trip_ms"] > 130
    assert conflict.numbers["target_ms"] == 20
    assert conflict.relax


def test_a_loose_target_several_regions_or_an_unplaced_audience_are_no_conflict() -> None:
    book = _book()
    assert audience_conflict(_req(*FAR, p99=400), book) == []
    assert audience_conflict(_req(*FAR, multi_region=True), book) == []
    assert audience_conflict(_req(FAR[0], "Players answer every question"), book) == []


def test_a_clause_naming_both_servers_and_users_is_not_read() -> None:
    # "Servers in Frankfurt for our users in Australia" could mean either side: left alone.
    req = _req("Servers in Frankfurt serve our players in Australia")
    assert audience_conflict(req, _book()) == []


def test_an_area_is_as_near_as_its_nearest_city() -> None:
    req = _req("Our servers are in Sydney", "Our customers are in Australia", p99=5)
    assert audience_conflict(req, _book()) == []


def test_a_stated_bound_counts_as_the_target() -> None:
    req = _req(*FAR, "Each answer comes back within 50 ms", p99=2000)
    [conflict] = audience_conflict(req, _book())
    assert conflict.numbers["target_ms"] == 50


def test_an_area_names_its_countries_by_code() -> None:
    with pytest.raises(ValidationError):
        Area(name="Oz", countries=["AUS"])
    codes = {p.country for p in _book().places}
    for area in _book().areas:
        assert set(area.countries) & codes, area.name


def test_recommend_and_capacity_plan_agree_on_users_far_from_the_servers() -> None:
    from archwise.api import capacity, recommend
    from archwise.jsonable import to_jsonable

    path = HERE / "advice" / "far-players.yaml"
    rec = recommendation(str(path))
    assert rec["feasibility"]["feasible"] is False
    [why] = [c["why"] for c in rec["feasibility"]["conflicts"] if "Japan" in c["why"]]
    assert "Dublin" in why
    plan = capacity.plan_capacity(path)
    assert plan.feasibility == to_jsonable(recommend.recommend(path).feasibility)


def _match(id_: str, strength: float, *problems: str) -> ArchetypeMatch:
    return ArchetypeMatch(
        id=id_,
        kind="concern",
        name=id_,
        why=["mentions"],
        strength=strength,
        evidence=["wording"],
        hard_problems=[HardProblem(problem=p, addressed_by=[f"fix {p}"]) for p in problems],
    )


def test_entries_declared_to_overlap_are_led_once_by_the_stronger() -> None:
    found = [
        _match("threshold", 4, "Alerts on a fixed range"),
        _match("baseline", 6, "Alerts against a learnt baseline"),
        _match("other", 3, "Something else"),
    ]
    overlaps = {"baseline": ["threshold"]}
    led = [hp.archetype for hp in archetypes.lead(found, 6, None, overlaps)]
    assert "baseline" in led and "threshold" not in led and "other" in led
    # Without the declaration both are led; the declaration works from either side.
    assert {"baseline", "threshold"} <= {hp.archetype for hp in archetypes.lead(found, 6)}
    led = [hp.archetype for hp in archetypes.lead(found, 6, None, {"threshold": ["baseline"]})]
    assert "threshold" not in led


def test_every_declared_overlap_names_an_entry_of_the_kb() -> None:
    ids = {a.id for a in _book().archetypes}
    for arch in _book().archetypes:
        assert set(arch.overlaps) <= ids - {arch.id}, arch.id


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        (
            "A song already in the catalogue, pitch-shifted or slightly altered, is rejected",
            "similarity-search",
        ),
        ("The same essay, reworded, must be flagged for the tutor", "similarity-search"),
        (
            "The winners are drawn at random and the draw can be independently witnessed",
            "certified-randomness",
        ),
        ("Seats are allocated in a random order nobody can say was rigged", "certified-randomness"),
        ("A contractor sees only the sites they were assigned to", "fine-grained-access"),
        ("Auditors can see nothing but the files shared with them", "fine-grained-access"),
        (
            "Studios buy a licence to use a track in an advert, and the composer gets royalties",
            "licence-sales",
        ),
    ],
)
def test_an_idea_is_recognised_in_the_cases_own_words(text: str, concern: str) -> None:
    assert concern in _matched(_ctx([text]))


def test_a_word_said_only_as_absent_is_not_evidence() -> None:
    said = archetypes._only_absent
    assert said("on-call", "the only developer works part time and nobody is on call at night")
    assert said("queue", "there is no queue between the two")
    # A mention elsewhere that is not absent counts; a prohibition is not absence.
    assert not said("on-call", "nobody is on call at night. the on-call nurse is paged")
    assert not said("alter", "nobody can alter the record")
    assert not said("overspend", "a pupil must not overspend")
    # Absence stops at the end of its clause.
    assert not said("on-call", "nobody is at the desk; the on-call engineer answers")


def test_nobody_on_call_raises_no_paging_concern() -> None:
    text = ["Passengers book a crossing; I'm the only developer and nobody is on call at night"]
    assert "critical-paging" not in _matched(_ctx(text))
    paged = ["The on-call engineer is paged by SMS and must acknowledge within a minute"]
    assert "critical-paging" in _matched(_ctx(paged))
