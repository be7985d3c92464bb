"""Coherence of a recommendation: dependent topics, option names, reasons that belong to the case."""

from __future__ import annotations

from typing import Any

import pytest

from archwise.kb.loader import load_kb
from archwise.kb.schemas.rule import Rule
from archwise.recommend import sources
from tests.recommend.conftest import CHAT, HERE, recommendation

ADVICE = HERE / "advice"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(ADVICE / name))


@pytest.mark.parametrize(
    "topic", ["data_patterns", "patterns", "communication", "language", "frontend_framework"]
)
def test_a_topic_that_serves_no_needed_topic_is_not_needed(topic: str) -> None:
    rec = _rec("volunteer-site.yaml")
    d = rec["decisions"][topic]
    assert d["needed"] is False and d["chosen"] is None and d["trigger"]
    for o in rec["options"]:
        assert topic not in o["components"]


def test_topic_dependencies_are_data_and_have_no_cycle() -> None:
    rules = [r for r in sources.rulebook(load_kb()).of("relevance") if isinstance(r, Rule)]
    graph = {t: set(r.needs_topics) for r in rules if r.needs_topics for t in r.topics}
    assert graph  # the dependencies live in the rules, not in code

    def reaches(start: str, node: str, seen: frozenset[str]) -> bool:
        return any(
            n == start or (n not in seen and reaches(start, n, seen | {n}))
            for n in graph.get(node, ())
        )

    assert not [t for t in graph if reaches(t, t, frozenset({t}))]


def test_a_topic_with_a_needed_dependency_stays_needed() -> None:
    rec = _rec("ledger.yaml")
    assert rec["decisions"]["data_patterns"]["needed"] is True
    assert rec["decisions"]["language"]["needed"] is True


def test_an_option_is_named_by_its_architecture_not_a_leftover() -> None:
    rec = _rec("volunteer-site.yaml")
    for o in rec["options"]:
        names = set(o["components"].values())
        assert o["name"] and set(o["name"].split(" + ")) <= names
        assert any(
            part in o["name"]
            for part in (
                o["components"].get("decomposition", "\0"),
                o["components"].get("deployment", "\0"),
            )
        )


def test_pros_speak_only_of_what_the_case_has() -> None:
    rec = _rec("rails-shop.yaml")
    for o in rec["options"]:
        text = " ".join(o["pros"])
        assert "connections per node" not in text  # nothing is realtime here
        if "messaging" not in o["components"]:
            assert "Event-driven" not in text


def test_the_chat_example_keeps_its_pros() -> None:
    rec = recommendation(str(CHAT))
    scale = next(o for o in rec["options"] if o["profile"] == "scale-out")
    assert scale["pros"][:3] == [
        "Handles many more concurrent connections per node",
        "Event-driven services scale horizontally",
        "Clear separation of concerns",
    ]


def test_a_managed_platform_does_not_move_the_language() -> None:
    rec = _rec("rails-shop.yaml")
    assert rec["decisions"]["language"]["chosen"] == "Ruby"
    assert rec["decisions"]["backend_framework"]["chosen"] == "Ruby on Rails"


def _ranked(rec: dict[str, Any], topic: str) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in rec["decisions"][topic]["ranked"]}


def test_a_deployment_must_run_the_chosen_framework() -> None:
    rec = _rec("rails-shop.yaml")
    out = {e["name"]: " ".join(e["reasons"]) for e in rec["decisions"]["deployment"]["excluded"]}
    assert "Ruby on Rails runs on" in out["AWS Lambda"]
    assert "an edge runtime runs only edge-ready frameworks" in out["Cloudflare Workers"]
    for o in rec["options"]:
        if o["components"].get("backend_framework") == "Ruby on Rails":
            assert o["components"].get("deployment") not in {"AWS Lambda", "Cloudflare Workers"}


def test_a_service_only_a_vendor_runs_is_not_managed_by_the_teams_cloud() -> None:
    rec = _rec("order-events.yaml")
    crit = {c["criterion"]: c for c in _ranked(rec, "messaging")["NATS"]["criteria"]}
    assert crit["operational_complexity"]["reason"].startswith(
        "managed only by a third-party vendor"
    )
    sqs = {c["criterion"]: c for c in _ranked(rec, "messaging")["SQS"]["criteria"]}
    assert sqs["operational_complexity"]["score"] > crit["operational_complexity"]["score"]


def test_any_cloud_still_gives_one_provider_per_design() -> None:
    rec = _rec("order-events.yaml")
    crit = {c["criterion"]: c for c in _ranked(rec, "messaging")["Azure Service Bus"]["criteria"]}
    assert "any cloud will do" in crit["operational_complexity"]["reason"]
    first = rec["decisions"]["messaging"]["chosen"]
    assert first not in {
        "Azure Service Bus",
        "Azure Event Hubs",
        "Google Pub/Sub",
        "Azure Queue Storage",
    }
    chosen = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    assert chosen["components"].get("messaging") == first


def test_events_that_dominate_make_the_design_event_driven_on_a_log() -> None:
    rec = _rec("meter-ingest.yaml")
    broker = load_kb().get(rec["decisions"]["messaging"]["chosen"])
    assert "durable-log" in getattr(broker, "capabilities", [])
    assert rec["decisions"]["communication"]["chosen"] in {
        "Event-Driven Architecture",
        "Event Streaming",
    }
    weights = rec["decisions"]["messaging"]["weight_trace"]
    assert any("events" in str(step) and "broker" in str(step) for step in weights)


def test_requests_that_dominate_stay_request_response() -> None:
    rec = _rec("order-events.yaml")
    assert rec["decisions"]["communication"]["chosen"] == "REST"


def test_no_broker_means_no_asynchronous_style() -> None:
    rec = _rec("rails-shop.yaml")
    assert rec["decisions"]["messaging"]["needed"] is False
    ranked = _ranked(rec, "communication")
    fit = {c["criterion"]: c for c in ranked["Message Queue"]["criteria"]}["data_model_fit"]
    assert "no broker is needed" in fit["reason"]
    assert rec["decisions"]["communication"]["chosen"] == "REST"


def test_a_short_signal_word_is_a_whole_word() -> None:
    from archwise.recommend import archetypes
    from archwise.recommend.engine import context
    from archwise.requirements.models import Requirements

    kb = load_kb()
    book = sources.rulebook(kb)

    def ids(*workflows: str) -> list[str]:
        req = Requirements.model_validate(
            {"name": "x", "functional": {"workflows": list(workflows), "realtime": True}}
        )
        return [
            m.archetype.id
            for m in archetypes.match(book.archetypes, context(req, kb, 2026, book), book.concepts)
        ]

    assert "live-auction" not in ids(
        "Chargers keep a bidirectional connection", "Plan logistics routes"
    )
    assert "live-auction" in ids(
        "Dealers place bids on each lot", "Outbid bidders are told at once"
    )
    # a hyphen and a space are one separator; isolation wording names a multi-tenant product
    assert "booking-reservations" in ids(
        "Patients pick a time slot", "No double booking of a chair"
    )
    signup = ids(
        "Visitors sign up to the newsletter", "Visitors write to us through a contact form"
    )
    assert "email-campaigns" not in signup and "internal-crud-tool" not in signup
    assert "email-campaigns" in ids("Editors send the newsletter to 200,000 subscribers")
    assert "notification-fanout" in ids("Each nurse gets a push, an SMS and a phone call")
    assert "multi-tenant-saas" in ids(
        "A clinic only ever sees its own patients", "Clinics we sell to set their hours"
    )


def test_some_experience_with_the_tool_adds_to_a_strong_language() -> None:
    rec = _rec("ts-team-vue.yaml")
    ranked = _ranked(rec, "frontend_framework")
    team = {c["criterion"]: c for c in ranked["Vue"]["criteria"]}["team_expertise"]
    assert team["reason"] == "the team has some Vue experience and is strong in TypeScript"
    angular = {c["criterion"]: c for c in ranked["Angular"]["criteria"]}["team_expertise"]
    assert team["score"] > angular["score"]


def test_up_to_three_developers_get_a_plain_monolith_and_a_team_of_four_gets_modules() -> None:
    assert _rec("one-dev-tool.yaml")["decisions"]["decomposition"]["chosen"] == "Monolith"
    assert _rec("ts-team-vue.yaml")["decisions"]["decomposition"]["chosen"] == "Modular Monolith"


def test_a_sustained_load_costs_more_on_functions_than_on_containers() -> None:
    rec = _rec("meter-ingest.yaml")
    cost = {c["criterion"]: c for c in _ranked(rec, "deployment")["AWS Lambda"]["criteria"]}["cost"]
    assert "per-invocation billing costs more than always-on containers" in cost["reason"]
    assert rec["decisions"]["deployment"]["chosen"] != "AWS Lambda"


def test_cons_speak_only_of_what_the_option_has() -> None:
    rec = _rec("rails-shop.yaml")
    kb = load_kb()
    for o in rec["options"]:
        text = " ".join(o["cons"])
        assert "connections per node" not in text  # no realtime transport, no connection limit
        db = kb.get(o["components"]["database"])
        if "relational" in getattr(db, "data_models", []):
            assert "must be remodelled" not in text
        if o["components"].get("decomposition") != "Microservices":
            assert "several services instead of one" not in text


def test_a_solver_workload_is_recognised_and_keeps_off_functions() -> None:
    rec = _rec("night-planner.yaml")
    match = next(a for a in rec["archetypes"] if a["id"] == "route-optimisation")
    assert any("solver" in w for w in match["why"])
    assert any("off the request path" in h["problem"] for h in match["hard_problems"])
    out = {e["name"]: " ".join(e["reasons"]) for e in rec["decisions"]["deployment"]["excluded"]}
    assert "a solve runs longer than a function may" in out["AWS Lambda"]


def test_a_managed_service_of_an_engine_the_team_knows_gets_its_expertise() -> None:
    rec = _rec("sqlserver-team.yaml")
    team = {c["criterion"]: c for c in _ranked(rec, "database")["Azure SQL Database"]["criteria"]}
    assert team["team_expertise"]["reason"].startswith("the team is strong in SQL Server")
    assert rec["decisions"]["database"]["chosen"] == "Azure SQL Database"


def test_every_compatible_engine_is_in_the_knowledge_base() -> None:
    kb = load_kb()
    named = [(e.name, n) for e in kb.entries() for n in getattr(e, "compatible_with", [])]
    assert named and all(kb.find(n) is not None for _, n in named)


def test_a_frontend_framework_must_earn_its_place() -> None:
    small = _rec("sqlserver-team.yaml")["decisions"]["frontend_framework"]
    assert small["needed"] is False and "server-rendered pages" in small["relevance"]
    assert "frontend developers" in small["trigger"]
    assert _rec("ts-team-vue.yaml")["decisions"]["frontend_framework"]["needed"] is True
