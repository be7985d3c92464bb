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
