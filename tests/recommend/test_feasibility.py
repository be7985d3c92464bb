"""The feasibility verdict: conflicts named with numbers, the closest design still given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.recommend.conftest import CHAT, HERE, recommendation

ADVICE = HERE / "advice"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(ADVICE / name))


def _conflicting(rec: dict[str, Any]) -> set[str]:
    return {r for c in rec["feasibility"]["conflicts"] for r in c["requirements"]}


def test_the_spec_example_is_feasible(chat: dict[str, Any]) -> None:
    assert chat["feasibility"] == {"feasible": True, "conflicts": []}


def test_budget_and_availability_against_scale_and_team() -> None:
    rec = _rec("tiny-budget-huge-scale.yaml")
    assert rec["feasibility"]["feasible"] is False
    paths = _conflicting(rec)
    assert "constraints.budget.infra_usd_per_month" in paths
    assert {"constraints.team.engineers", "constraints.ops.on_call"} <= paths
    budget = next(
        c
        for c in rec["feasibility"]["conflicts"]
        if "constraints.budget.infra_usd_per_month" in c["requirements"]
    )
    assert budget["numbers"]["budget_usd_per_month"] == 10
    assert budget["numbers"]["cheapest_design_usd_per_month"] > 10
    assert budget["relax"]
    # The closest design is still given, and labelled.
    assert rec["recommendation"]["option"]
    assert any(w.startswith("closest design only") for w in rec["recommendation"]["why"])


def test_latency_against_physics() -> None:
    rec = _rec("global-strong-fast.yaml")
    whys = " ".join(c["why"] for c in rec["feasibility"]["conflicts"])
    assert "quorum" in whys
    assert "non_functional.latency.p99_ms" in _conflicting(rec)


def test_a_split_trigger_already_met_moves_the_recommendation() -> None:
    rec = _rec("large-org-clear-domains.yaml")
    chosen = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    assert chosen["components"]["decomposition"] == "Microservices"
    steps = rec["recommendation"]["evolution"]
    assert steps[0]["met_now"] is True
    assert any("met now" in w for w in rec["recommendation"]["why"])


def test_options_name_their_provider_and_deviations(chat: dict[str, Any]) -> None:
    for o in chat["options"]:
        assert o["provider"] in {"aws", "gcp", "azure", "on-prem", "neutral"}
        for topic, why in o["deviations"].items():
            assert o["components"][topic] != chat["decisions"][topic]["chosen"] and why
    assert str(CHAT).endswith("chat-system.yaml") and Path(CHAT).is_file()


def _conflict(rec: dict[str, Any], path: str) -> dict[str, Any]:
    return next(c for c in rec["feasibility"]["conflicts"] if path in c["requirements"])


def test_storage_size_times_retention_against_the_budget() -> None:
    rec = _rec("depot-footage.yaml")
    assert rec["feasibility"]["feasible"] is False
    storage = _conflict(rec, "functional.data.retention_days")
    numbers = storage["numbers"]
    # 1.5 PB a month kept 180 days is about 8.9 PB; Coldline's $0.004/GB is the floor.
    assert 8.5e6 < numbers["stored_gb"] < 9.0e6
    assert numbers["cold_storage_usd_per_month"] > 30_000
    assert numbers["archive_storage_usd_per_month"] < numbers["cold_storage_usd_per_month"]
    assert "PB kept" in storage["why"] and "$2,000/month" in storage["why"]
    assert any("days instead of 180" in r for r in storage["relax"])


def test_storage_within_the_budget_is_no_conflict() -> None:
    from archwise.kb.loader import load_kb
    from archwise.recommend.feasibility import storage_conflict
    from archwise.recommend.sources import rulebook

    book = rulebook(load_kb())
    req: dict[str, Any] = {
        "functional": {"data": {"size_gb": 0, "growth_gb_per_month": 1_500_000}},
        "constraints": {"budget": {"infra_usd_per_month": 2000}, "cloud": "gcp"},
    }
    assert storage_conflict(req, book)
    req["constraints"]["budget"]["infra_usd_per_month"] = 80_000
    assert not storage_conflict(req, book)
    # On premises the disks are not priced from a cloud's table: no verdict from storage.
    req["constraints"] = {"budget": {"infra_usd_per_month": 2000}, "deployment": "on-prem"}
    assert not storage_conflict(req, book)
    # A few gigabytes on a zero budget are free-tier territory, never a conflict.
    small: dict[str, Any] = {
        "functional": {"data": {"size_gb": 3, "growth_gb_per_month": 0.1}},
        "constraints": {"budget": {"infra_usd_per_month": 0}},
    }
    assert not storage_conflict(small, book)


def test_a_required_managed_only_technology_cannot_run_on_premises() -> None:
    rec = _rec("hangar-records.yaml")
    assert rec["feasibility"]["feasible"] is False
    whys = [c["why"] for c in rec["feasibility"]["conflicts"]]
    assert any("DynamoDB" in w and "premises" in w for w in whys)
    # A self-hostable requirement is no conflict.
    assert not any("PostgreSQL" in w for w in whys)
    assert "constraints.deployment" in _conflicting(rec)
    # The closest design goes on without the impossible requirement.
    chosen = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    assert chosen["components"]["database"] == "PostgreSQL"


def test_an_unusable_requirement_does_not_empty_the_topic() -> None:
    rec = _rec("wrong-cloud-required.yaml")
    assert rec["decisions"]["database"]["chosen"] not in (None, "DynamoDB")


def test_a_required_service_of_another_cloud_is_a_conflict() -> None:
    rec = _rec("wrong-cloud-required.yaml")
    placed = _conflict(rec, "constraints.cloud")
    assert "DynamoDB" in placed["why"] and "azure" in placed["why"]
    assert any("azure's equivalent" in r for r in placed["relax"])


def test_capacity_plan_agrees_on_the_new_checks() -> None:
    from archwise.api import capacity, recommend
    from archwise.jsonable import to_jsonable

    for name in ("depot-footage.yaml", "hangar-records.yaml", "mainland-clients.yaml"):
        plan = capacity.plan_capacity(ADVICE / name)
        verdict = to_jsonable(recommend.recommend(ADVICE / name).feasibility)
        assert plan.feasibility == verdict
        assert verdict["feasible"] is False


def test_five_nines_needs_more_than_one_region() -> None:
    from archwise.kb.loader import load_kb
    from archwise.recommend.feasibility import availability_conflict
    from archwise.recommend.sources import rulebook

    book = rulebook(load_kb())
    req: dict[str, Any] = {
        "non_functional": {"availability_percent": 99.999},
        "constraints": {"team": {"engineers": 20}, "ops": {"on_call": "24x7"}},
    }
    found = availability_conflict(req, book)
    assert [c.requirements[1] for c in found] == ["non_functional.multi_region"]
    assert found[0].numbers["single_region_max_percent"] == 99.99
    req["non_functional"]["multi_region"] = True
    assert not availability_conflict(req, book)
    req["non_functional"] = {"availability_percent": 99.99}
    assert not availability_conflict(req, book)


def test_a_cloud_without_a_region_where_the_data_must_stay_is_a_conflict() -> None:
    rec = _rec("mainland-clients.yaml")
    assert rec["feasibility"]["feasible"] is False
    cloud = _conflict(rec, "constraints.cloud")
    assert "non_functional.data_residency" in cloud["requirements"]
    assert "gcp has no region" in cloud["why"] and "cn" in cloud["why"]
    assert cloud["numbers"]["gcp_regions_there"] == 0
    # The way out names the providers that have a region there, with their local operators.
    assert any("aws" in r and "azure" in r and "21Vianet" in r for r in cloud["relax"])
    whys = [c["why"] for c in rec["feasibility"]["conflicts"]]
    assert any(w.startswith("Firestore is required") and "cn" in w for w in whys)


def test_a_service_with_no_region_there_is_excluded_with_the_reason() -> None:
    rec = _rec("mainland-clients.yaml")
    database = rec["decisions"]["database"]
    assert database["chosen"] not in (None, "Firestore")
    gone = {e["name"]: e["why"] for e in database["excluded"]}
    assert "no region in cn" in gone["Firestore"]
    chosen = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    assert "Firestore" not in chosen["components"].values()
    # The cloud cannot keep the data there: the option is portable, not a GCP design.
    assert chosen["provider"] == "neutral"


def test_a_provider_with_a_region_there_is_no_residency_conflict() -> None:
    rec = _rec("eu-clients-gcp.yaml")
    assert not any(
        "non_functional.data_residency" in c["requirements"]
        for c in rec["feasibility"]["conflicts"]
    )
    gone = {e["name"] for e in rec["decisions"]["database"]["excluded"]}
    assert "Firestore" not in gone
    assert all(o["provider"] != "neutral" for o in rec["options"])


def test_residency_reads_countries_and_groups_and_leaves_unknown_places_alone() -> None:
    from archwise.kb.loader import load_kb
    from archwise.recommend.feasibility import residency_conflicts
    from archwise.recommend.sources import rulebook

    kb = load_kb()
    book = rulebook(kb)

    def req(place: str, cloud: str) -> dict[str, Any]:
        return {
            "non_functional": {"data_residency": [place]},
            "constraints": {"cloud": cloud},
        }

    assert residency_conflicts(req("cn", "aws"), kb, book) == []
    assert residency_conflicts(req("uk", "gcp"), kb, book) == []
    assert residency_conflicts(req("eu", "azure"), kb, book) == []
    assert residency_conflicts(req("cn", "gcp"), kb, book)
    # A place no provider's region list names (on-site, national) is not judged.
    assert residency_conflicts(req("on-site", "gcp"), kb, book) == []
    assert residency_conflicts(req("national", "aws"), kb, book) == []


def test_every_region_list_is_sourced_and_codes_are_unique() -> None:
    from archwise.kb.loader import load_kb
    from archwise.kb.schemas.region import ProviderRegions

    docs = [d for d in load_kb().documents("regions") if isinstance(d, ProviderRegions)]
    assert {"aws", "gcp", "azure"} <= {d.id for d in docs}
    for doc in docs:
        codes = [r.code for r in doc.regions]
        assert len(codes) == len(set(codes)), doc.id
        assert doc.source.startswith("https://")


def test_a_tight_round_trip_to_a_cloud_region_names_the_physics() -> None:
    rec = _rec("site-control-loop.yaml")
    said = [w for w in rec["warnings"] if w.startswith("latency:")]
    assert said and "400 km" in said[0] and "does not say where" in said[0]
    # A relaxed target, or servers on premises, say nothing.
    from archwise.kb.loader import load_kb
    from archwise.recommend.feasibility import latency_reach
    from archwise.recommend.sources import rulebook

    book = rulebook(load_kb())
    req: dict[str, Any] = {
        "non_functional": {"latency": {"p99_ms": 200}},
        "constraints": {"deployment": "cloud"},
    }
    assert latency_reach(req, book) is None
    req["non_functional"]["latency"]["p99_ms"] = 4
    assert latency_reach(req, book) is not None
    req["constraints"]["deployment"] = "on-prem"
    assert latency_reach(req, book) is None


def test_a_required_technology_a_hard_constraint_rules_out_is_a_conflict() -> None:
    from archwise.api import capacity

    rec = _rec("required-functions-long-sessions.yaml")
    assert rec["feasibility"]["feasible"] is False
    conflict = next(
        c for c in rec["feasibility"]["conflicts"] if "AWS Lambda is required" in c["why"]
    )
    # "from 30 minutes to 3 hours": each end in its own unit, so the longest is 180 minutes
    assert "at most 15 minutes" in conflict["why"] and "180 minutes" in conflict["why"]
    assert "constraints.technologies.required" in conflict["requirements"]
    assert any("drop AWS Lambda" in r for r in conflict["relax"])
    plan = capacity.plan_capacity(ADVICE / "required-functions-long-sessions.yaml")
    assert plan.feasibility == rec["feasibility"]
