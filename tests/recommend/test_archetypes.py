"""The archetype step: recognised from what the system does, hard problems, refusals, not-needed."""

from __future__ import annotations

from typing import Any

import pytest

from archwise.kb.loader import load_kb
from archwise.kb.schemas.archetype import Archetype
from archwise.recommend import archetypes, sources
from archwise.recommend.engine import context
from archwise.requirements.models import Requirements
from tests.recommend.conftest import HERE, recommendation

ADVICE = HERE / "advice"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(ADVICE / name))


def _ids(rec: dict[str, Any]) -> list[str]:
    return [a["id"] for a in rec["archetypes"]]


def test_the_knowledge_base_has_enough_archetypes_each_sourced() -> None:
    found = [a for a in load_kb().documents("archetypes") if isinstance(a, Archetype)]
    assert len(found) >= 25
    for a in found:
        assert a.hard_problems and a.sources and len(a.signals) >= 2


def test_the_name_alone_matches_nothing() -> None:
    kb = load_kb()
    book = sources.rulebook(kb)
    ctx = context(Requirements(name="Video streaming ledger chat"), kb, 2026, book)
    assert archetypes.match(book.archetypes, ctx) == []


def test_a_system_may_match_several_and_each_says_why() -> None:
    rec = _rec("ledger.yaml")
    assert _ids(rec)[0] == "payments-ledger"
    for a in rec["archetypes"]:
        assert a["why"] and a["hard_problems"]


def test_the_recommendation_opens_with_the_hard_problems() -> None:
    rec = _rec("shared-editor.yaml")
    first = rec["recommendation"]["why"][0]
    assert first.startswith("The hard problems here")
    assert "CRDT" in first and "same node" in first


def test_an_anti_pattern_is_excluded_with_its_reason() -> None:
    rec = _rec("shared-editor.yaml")
    realtime = rec["decisions"]["realtime"]
    out = {e["name"]: e for e in realtime["excluded"]}
    sse = out["Server-Sent Events"]
    assert sse["why"].startswith("lacks capability bidirectional")
    assert any("server to client" in r for r in sse["reasons"])
    assert all(r["name"] != "Server-Sent Events" for r in realtime["ranked"])


def test_a_ledger_has_no_cache_and_no_pub_sub_bus() -> None:
    rec = _rec("ledger.yaml")
    cache = rec["decisions"]["cache"]
    assert cache["needed"] is False and cache["chosen"] is None and cache["trigger"]
    assert cache["ranked"]  # kept for the day it is needed
    for o in rec["options"]:
        assert "cache" not in o["components"]
        assert o["components"].get("messaging") not in {"Redis", "Valkey"}


@pytest.mark.parametrize("topic", ["database", "cache", "messaging", "realtime"])
def test_a_volunteer_site_needs_no_servers(topic: str) -> None:
    rec = _rec("volunteer-site.yaml")
    assert "static-content-site" in _ids(rec)
    d = rec["decisions"][topic]
    assert d["needed"] is False and d["chosen"] is None and d["trigger"]
    chosen = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    assert topic not in chosen["components"]


def test_the_microsecond_path_has_no_broker_and_says_what_is_not_modelled() -> None:
    rec = _rec("hot-path.yaml")
    assert _ids(rec) == ["low-latency-trading"]
    assert rec["decisions"]["messaging"]["needed"] is False
    assert any(w.startswith("outside what archwise models") for w in rec["warnings"])
    for o in rec["options"]:
        assert "messaging" not in o["components"]


def test_a_missing_capability_excludes_instead_of_scoring_lower() -> None:
    rec = _rec("ledger.yaml")
    out = {e["name"]: e["why"] for e in rec["decisions"]["messaging"]["excluded"]}
    assert out["Redis"].startswith("lacks capability durable delivery")
    assert out["SNS"].startswith("lacks capability durable delivery")


def test_a_language_never_implies_a_database() -> None:
    rec = _rec("hot-path.yaml")
    for r in rec["decisions"]["database"]["ranked"]:
        assert "strong in" not in " ".join(r["reasons"])
    assert any("ocaml" in w and "not in the knowledge base" in w for w in rec["warnings"])


def test_explain_shows_the_archetypes_and_the_missing_capability() -> None:
    import json

    from typer.testing import CliRunner

    from tests.conftest import invoke

    path = str(ADVICE / "shared-editor.yaml")
    doc = json.loads(invoke(CliRunner(), "explain", path, "--topic", "realtime", "--json").stdout)
    assert doc["archetypes"][0]["id"] == "collaborative-editing" and doc["archetypes"][0]["why"]
    assert any(e["why"].startswith("lacks capability") for e in doc["excluded"])
    text = invoke(CliRunner(), "explain", path, "--topic", "realtime").stdout
    assert "archetype Collaborative editing" in text and "lacks capability" in text


def test_the_adr_from_a_recommendation_says_feasibility_and_what_is_not_needed() -> None:
    from archwise.adr.recommendation import adr_from_recommendation

    adr = adr_from_recommendation(_rec("ledger.yaml"))
    assert adr.decision.startswith("Feasibility: no conflict")
    assert "Cache: not needed now; needed when" in adr.decision
    assert "The hard problems here" in adr.decision
    infeasible = adr_from_recommendation(
        recommendation(str(ADVICE / "tiny-budget-huge-scale.yaml"))
    )
    assert infeasible.decision.startswith("Feasibility: the requirements conflict")
