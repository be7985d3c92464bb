"""Hard problems recognised from the requirements' numbers, and a lead ranked by this case's evidence."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from pydantic import ValidationError

from archwise.kb.loader import load_kb
from archwise.kb.schemas.archetype import Signal
from archwise.recommend import archetypes
from archwise.recommend.engine import context, lead_rule
from archwise.recommend.expr import BUILTINS
from archwise.recommend.models import ArchetypeMatch, HardProblem
from archwise.recommend.rulebook import Context, RuleBook
from archwise.recommend.sources import rulebook
from archwise.requirements.models import Requirements

# Wording no archetype's word list knows: only the numbers can tell what is hard here.
PLAIN = ["Members sign in and use the service", "Staff look after the accounts"]


@functools.lru_cache(maxsize=1)
def _book() -> RuleBook:
    return rulebook(load_kb())


def _ctx(workflows: list[str] | None = None, **sections: Any) -> Context:
    doc: dict[str, Any] = {
        "name": "Acme",
        "functional": {"workflows": workflows or PLAIN, **sections.pop("functional", {})},
        **sections,
    }
    return context(Requirements.model_validate(doc), load_kb(), 2026, _book())


def _matched(ctx: Context) -> dict[str, archetypes.Match]:
    return {m.archetype.id: m for m in ctx.matches}


fetched_mb = BUILTINS["fetched_mb"]


def test_a_size_people_fetch_is_read_with_its_decimal_point() -> None:
    said = ["A hiker picks a region and the app fetches its map pack, on average 1.2 GB, on wi-fi"]
    assert fetched_mb(said) == pytest.approx(1.2 * 1024)
    assert fetched_mb(["Each episode downloaded is about 300 MB. Logs grow 5 GB a day"]) == 300


def test_a_size_that_is_uploaded_or_only_stored_is_not_fetched() -> None:
    assert fetched_mb(["Users upload videos of 2 GB and download thumbnails"]) is None
    assert fetched_mb(["PDFs of up to 1 GB are kept for seven years"]) is None


def test_egress_is_people_times_the_size_they_fetch() -> None:
    ctx = _ctx(
        ["Every member downloads the yearly archive, about 2 GB"],
        non_functional={"users": {"total": 100_000}},
    )
    # 100,000 people x 2 GB once a month, in TB (2^40 bytes).
    assert ctx.derived["egress_tb_per_month"] == pytest.approx(100_000 * 2048 / 1024**2)
    assert "bulk-egress" in _matched(ctx)


def test_egress_from_a_stated_response_size_and_the_average_rate() -> None:
    ctx = _ctx(
        non_functional={"throughput": {"average_rps": 2000, "peak_rps": 4000}},
        assumptions={"response_kb": 100},
    )
    assert ctx.derived["egress_tb_per_month"] == pytest.approx(2000 * 100 * 2_592_000 / 1024**3)
    assert "bulk-egress" in _matched(ctx)


def test_a_few_small_downloads_are_no_egress_problem() -> None:
    ctx = _ctx(
        ["Every member downloads the yearly report, about 2 MB"],
        non_functional={"users": {"total": 100_000}},
    )
    assert "bulk-egress" not in _matched(ctx)


@pytest.mark.parametrize(
    ("writes", "matched"), [(20_000, True), (10_000, True), (9_000, False), (None, False)]
)
def test_a_write_rate_past_ten_partitions_is_a_hard_problem(
    writes: int | None, matched: bool
) -> None:
    ctx = _ctx(non_functional={"throughput": {"writes_per_second": writes}})
    assert ("high-write-rate" in _matched(ctx)) is matched


def test_stored_events_count_as_writes_only_in_a_write_heavy_workload() -> None:
    stored = _ctx(
        non_functional={"throughput": {"events_per_second": 50_000}, "workload": "write-heavy"}
    )
    streamed = _ctx(
        non_functional={"throughput": {"events_per_second": 50_000}, "workload": "balanced"}
    )
    assert "high-write-rate" in _matched(stored)
    assert "high-write-rate" not in _matched(streamed)


def test_data_held_in_two_years_past_100_tb_needs_tiers() -> None:
    grows = _ctx(functional={"data": {"size_gb": 20_000, "growth_gb_per_month": 5_000}})
    assert grows.derived["stored_tb_in_2_years"] == pytest.approx(140)
    assert "large-data-volume" in _matched(grows)
    small = _ctx(functional={"data": {"size_gb": 20_000, "growth_gb_per_month": 100}})
    assert "large-data-volume" not in _matched(small)


def test_terabytes_a_day_into_a_site_the_team_runs() -> None:
    on_site = _ctx(
        functional={"data": {"size_gb": 100, "growth_gb_per_month": 60_000}},
        constraints={"deployment": "on-prem"},
    )
    in_cloud = _ctx(
        functional={"data": {"size_gb": 100, "growth_gb_per_month": 60_000}},
        constraints={"deployment": "cloud", "cloud": "aws"},
    )
    assert "heavy-ingest" in _matched(on_site)
    assert "heavy-ingest" not in _matched(in_cloud)  # 2 TB a day is no transfer problem in a cloud


def test_several_regions_with_a_minutes_recovery_target_need_failover() -> None:
    nf = {
        "multi_region": True,
        "availability_percent": 99.99,
        "rto_minutes": 5,
        "rpo_minutes": 0,
    }
    ctx = _ctx(non_functional=nf)
    match = _matched(ctx)["multi-region-failover"]
    assert match.quantities == 3
    relaxed_nf = {**nf, "availability_percent": 99.9, "rto_minutes": 240}
    # Several regions and an RPO of zero alone fall short; the loss of a region said in words
    # completes it.
    assert "multi-region-failover" not in _matched(_ctx(non_functional=relaxed_nf))
    said = _ctx([*PLAIN, "If a region goes down we carry on"], non_functional=relaxed_nf)
    assert "multi-region-failover" in _matched(said)


def test_many_inputs_a_second_from_each_person_need_prediction() -> None:
    nf = {
        "users": {"concurrent": 1_000},
        "throughput": {"events_per_second": 60_000},
        "latency": {"p99_ms": 50},
    }
    people = _ctx(functional={"realtime": True, "clients": ["ios"]}, non_functional=nf)
    devices = _ctx(functional={"realtime": True, "clients": ["iot"]}, non_functional=nf)
    assert "fast-client-input" in _matched(people)
    # Sensors report many times a second too; nobody predicts their motion.
    assert "fast-client-input" not in _matched(devices)


def test_a_quantity_signal_needs_a_condition() -> None:
    with pytest.raises(ValidationError, match="quantity signal"):
        Signal(words=["big"], evidence="quantity", why="x")
    assert Signal(when="true", why="x").kind == "setting"
    assert Signal(words=["big"], why="x").kind == "wording"


def _entry(
    id_: str, strength: float, *problems: str, evidence: list[str], quantities: int = 0
) -> ArchetypeMatch:
    return ArchetypeMatch(
        id=id_,
        kind="concern",
        name=id_,
        why=[],
        strength=strength,
        evidence=evidence,
        quantities=quantities,
        hard_problems=[HardProblem(problem=p, addressed_by=["x"], why="y") for p in problems],
    )


def test_a_quantity_of_this_case_outranks_the_same_strength_in_words() -> None:
    found = [
        _entry("words", 5.0, "W1", evidence=["wording"]),
        _entry("numbers", 5.0, "N1", "N2", evidence=["quantity"], quantities=1),
    ]
    led = archetypes.lead(found, archetypes.LeadRule(cap=3))
    # 5 + 2 for the quantity; its second problem (3.5) still comes after the other's headline.
    assert [hp.problem for hp in led] == ["N1", "W1", "N2"]


def test_a_concern_matched_on_settings_alone_is_not_led() -> None:
    found = [
        _entry("specific", 3.0, "S1", evidence=["wording", "setting"]),
        _entry("generic", 9.0, "G1", evidence=["setting"]),
    ]
    assert [hp.archetype for hp in archetypes.lead(found, 6)] == ["specific"]
    # Nothing else matched: the generic concern is better than an empty lead.
    assert [hp.archetype for hp in archetypes.lead(found[1:], 6)] == ["generic"]


def test_a_problem_far_below_the_first_is_not_led() -> None:
    found = [
        _entry("strong", 10.0, "S1", "S2", "S3", "S4", evidence=["wording"]),
        _entry("faint", 1.5, "F1", evidence=["wording"]),
    ]
    led = archetypes.lead(found, archetypes.LeadRule(cap=6, decay=0.5, floor=0.2))
    # 10, 5, 2.5 pass a floor of 2; 1.5 and 1.25 do not.
    assert [hp.problem for hp in led] == ["S1", "S2", "S3"]


def test_the_lead_rule_comes_from_the_rule_book() -> None:
    rule = lead_rule(_book())
    assert (rule.cap, rule.quantity_bonus, rule.decay, rule.floor) == (6, 2.0, 0.5, 0.2)


def test_a_quantity_signal_shows_the_cases_own_number() -> None:
    ctx = _ctx(
        ["Every member downloads the yearly archive, about 2 GB"],
        non_functional={"users": {"total": 100_000}},
    )
    why = _matched(ctx)["bulk-egress"].why
    # 100,000 x 2 GB = 195 TB (2^40 bytes); the condition and the case's value, for `explain`.
    assert any("egress_tb_per_month >= 50: egress_tb_per_month = 195.3" in w for w in why), why
    assert any("fetched_mb = 2,048" in w for w in why), why
