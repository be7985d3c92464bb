"""Deployment, framework and broker answers read from what the application is and who runs it."""

from __future__ import annotations

from typing import Any

from archwise.kb.loader import load_kb
from archwise.kb.schemas.technology import Technology
from tests.recommend.conftest import HERE, recommendation

SIXTH = HERE / "sixth"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(SIXTH / name))


def _ranked(rec: dict[str, Any], topic: str, name: str) -> dict[str, Any]:
    return next(r for r in rec["decisions"][topic]["ranked"] if r["name"] == name)


def _texts(entry: dict[str, Any]) -> str:
    return " ".join(entry["reasons"] + [c["reason"] for c in entry["criteria"]])


def test_a_small_team_ships_its_framework_app_to_an_app_platform_not_to_functions() -> None:
    rec = _rec("laravel-shop.yaml")
    chosen = rec["decisions"]["deployment"]["chosen"]
    entry = load_kb().get(chosen)
    assert isinstance(entry, Technology) and "app-platform" in entry.capabilities
    lam = _ranked(rec, "deployment", "AWS Lambda")
    assert "long-running server application" in _texts(lam)


def test_independently_scaled_parts_go_to_a_platform_that_scales_each_of_them() -> None:
    rec = _rec("dotnet-services.yaml")
    assert rec["decisions"]["deployment"]["chosen"] == "Azure Container Apps"
    # A capability the design needs: the platform that scales a shared plan is excluded, not marked down.
    excluded = {e["name"]: e["why"] for e in rec["decisions"]["deployment"]["excluded"]}
    assert "lacks capability per-service scaling" in excluded["Azure App Service"]
    assert "scales a shared plan" in excluded["Azure App Service"]
    fn = _ranked(rec, "deployment", "Azure Functions")
    assert "ASP.NET Core" in _texts(fn)


def test_a_micro_framework_without_request_validation_loses_to_one_that_checks_requests() -> None:
    rec = _rec("python-api.yaml")
    assert rec["decisions"]["backend_framework"]["chosen"] in {"Django", "FastAPI"}
    flask = _ranked(rec, "backend_framework", "Flask")
    assert "request validation" in _texts(flask)


def test_strong_consistency_asks_a_broker_for_order_not_for_a_consistent_store() -> None:
    rec = _rec("gcp-jobs.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["chosen"] == "Google Pub/Sub"
    pubsub = _ranked(rec, "messaging", "Google Pub/Sub")
    consistency = next(c for c in pubsub["criteria"] if c["criterion"] == "consistency")
    assert consistency["score"] == 1.0 and "order per key" in consistency["reason"]


def test_data_kept_in_several_residency_regions_needs_no_cross_region_consistency() -> None:
    rec = _rec("two-residencies.yaml")
    database = rec["decisions"]["database"]
    assert not [e for e in database["excluded"] if e["name"] == "PostgreSQL"]
    assert database["chosen"] in {"PostgreSQL", "Aurora"}
    cockroach = _ranked(rec, "database", "CockroachDB")
    assert "residency region" in _texts(cockroach)


def test_many_teams_get_services_even_while_the_domain_evolves() -> None:
    rec = _rec("many-teams.yaml")
    decomposition = rec["decisions"]["decomposition"]
    assert decomposition["chosen"] == "Microservices"
    assert "cannot share one deployable" in _texts(_ranked(rec, "decomposition", "Microservices"))


def test_a_server_application_holds_its_own_connections_in_a_standard_protocol() -> None:
    rec = _rec("live-board.yaml")
    realtime = rec["decisions"]["realtime"]
    assert realtime["chosen"] in {"WebSocket", "Server-Sent Events"}
    gateway = _ranked(rec, "realtime", "API Gateway WebSocket API")
    assert "holds its own connections" in _texts(gateway)
    socketio = _ranked(rec, "realtime", "Socket.IO")
    assert "protocol of its own" in _texts(socketio)


def test_live_media_within_150_ms_runs_where_inbound_udp_is_accepted() -> None:
    rec = _rec("rehearsal-room.yaml")
    assert "live-calls" in {a["id"] for a in rec["archetypes"]}
    deployment = rec["decisions"]["deployment"]
    entry = load_kb().get(deployment["chosen"])
    assert isinstance(entry, Technology) and "inbound-udp" in entry.capabilities
    out = {e["name"]: " ".join(e["reasons"]) for e in deployment["excluded"]}
    assert "RTP over UDP" in out["Cloud Run"]
    for option in rec["options"]:
        platform = option["components"].get("deployment")
        if platform is not None:
            kb_entry = load_kb().get(platform)
            assert isinstance(kb_entry, Technology) and "inbound-udp" in kb_entry.capabilities


def test_live_calls_with_a_loose_budget_leave_the_platform_open() -> None:
    rec = _rec("rehearsal-room-relaxed.yaml")
    out = {e["name"]: " ".join(e["reasons"]) for e in rec["decisions"]["deployment"]["excluded"]}
    assert not any("RTP over UDP" in why for why in out.values())
