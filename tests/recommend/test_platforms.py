"""Deployment from the platforms an organisation runs, managed brokers, latency and languages."""

from __future__ import annotations

from typing import Any

from tests.recommend.conftest import HERE, recommendation

ADVICE = HERE / "advice"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(ADVICE / name))


def _ranked(rec: dict[str, Any], topic: str, name: str) -> dict[str, Any]:
    return next(r for r in rec["decisions"][topic]["ranked"] if r["name"] == name)


def test_a_small_team_on_its_own_machines_runs_them_without_an_orchestrator() -> None:
    rec = _rec("shelter-rota.yaml")
    assert rec["decisions"]["deployment"]["chosen"] == "VMs / bare metal"
    for name in ("Nomad", "Kubernetes"):
        reasons = " ".join(_ranked(rec, "deployment", name)["reasons"])
        assert "a cluster to run on top of them" in reasons, name


def test_a_platform_the_organisation_keeps_is_where_the_system_runs() -> None:
    rec = _rec("council-permits.yaml")
    deployment = rec["decisions"]["deployment"]
    assert deployment["chosen"] == "OpenShift"
    assert any("already runs OpenShift" in r for r in deployment["ranked"][0]["reasons"])
    assert any(w["rule"] == "weight.deployment.platform-run" for w in deployment["weight_trace"])


def test_a_language_reaches_no_platform_written_in_it() -> None:
    # A Go team names no deployment platform: Kubernetes and Nomad are written in Go.
    rec = _rec("arm-control.yaml")
    trace = rec["decisions"]["deployment"]["weight_trace"]
    assert not any(w["rule"] == "weight.deployment.platform-run" for w in trace)


def test_the_browser_language_gives_way_to_the_teams_server_language() -> None:
    rec = _rec("ward-board.yaml")
    assert rec["decisions"]["language"]["chosen"] == "C#"
    assert rec["decisions"]["backend_framework"]["chosen"] == "ASP.NET Core"
    reasons = " ".join(_ranked(rec, "language", "TypeScript")["reasons"])
    assert "the browser's language" in reasons


def test_with_managed_services_preferred_the_clouds_own_broker_beats_one_the_team_runs() -> None:
    rec = _rec("points-ledger.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["chosen"] == "Google Pub/Sub"
    nats = _ranked(rec, "messaging", "NATS")
    ops = next(c for c in nats["criteria"] if c["criterion"] == "operational_complexity")
    assert ops["score"] <= 0.5
    assert "managed services are preferred" in ops["reason"]


def test_a_broker_slower_than_the_answer_time_of_event_driven_work_is_excluded() -> None:
    rec = _rec("arm-control.yaml")
    messaging = rec["decisions"]["messaging"]
    why = {e["name"]: e["why"] for e in messaging["excluded"]}
    assert why["Kinesis"].startswith("delivers a message in 70 ms at best")
    assert "8 ms at p99" in why["Kinesis"]
    for option in rec["options"]:
        assert option["components"].get("messaging") != "Kinesis"


def test_a_word_must_start_a_word_to_count_as_clients_sending() -> None:
    from archwise.recommend.expr import BUILTINS

    says = BUILTINS["mentions_word"]
    assert says(["Wall displays update"], "play") is False
    assert says(["Players answer within ten seconds"], "play") is True
    assert says(None, "play") is None


def test_screens_that_only_display_updates_get_a_push_only_transport() -> None:
    rec = _rec("river-levels.yaml")
    realtime = rec["decisions"]["realtime"]
    assert realtime["chosen"] == "Server-Sent Events"
    assert not any("bidirectional" in e["why"] for e in realtime["excluded"])


def test_a_publication_read_by_a_large_audience_is_served_from_the_edge() -> None:
    rec = _rec("river-levels.yaml")
    patterns = rec["decisions"]["patterns"]
    assert patterns["chosen"] == "CDN with Origin Shield"
    reasons = " ".join(patterns["ranked"][0]["reasons"])
    assert "read the same content" in reasons
    assert "under 1% writes" in reasons
    fanout = _ranked(rec, "patterns", "Pub/Sub Fan-out")
    assert any("connected clients held by several nodes" in r for r in fanout["reasons"])


def test_a_sale_with_many_writes_is_no_publication() -> None:
    # A large audience that also buys (a write for every eighth request) earns no second nudge.
    rec = _rec("gig-tickets.yaml")
    reasons = " ".join(_ranked(rec, "patterns", "CDN with Origin Shield")["reasons"])
    assert "read the same content" in reasons
    assert "under 1% writes" not in reasons


def test_a_platform_that_closes_long_lived_connections_loses_a_large_realtime_audience() -> None:
    # A limit the workload exceeds excludes the platform with both numbers (ninth round; was a weight).
    rec = _rec("club-chat.yaml")
    excluded = {e["name"]: e["why"] for e in rec["decisions"]["deployment"]["excluded"]}
    assert "closes every long-lived connection after 60 minutes" in excluded["Cloud Run"]
    assert "120,000 connected clients" in excluded["Cloud Run"]


def test_phrase_matching_reads_a_hyphen_as_a_space_like_the_phrase_itself() -> None:
    from archwise.recommend.archetypes import _found, _phrase, _said

    text = "search-engine-friendly pages for every match"
    assert _phrase("search engine").search(text) is not None
    assert _found(("search engine", "rank well"), text) == ["search engine"]
    assert _said("double-book", "no double booking")
    assert not _said("search engine", "research engines")


def test_the_framework_the_team_builds_with_beats_a_lighter_one_in_the_same_language() -> None:
    rec = _rec("hall-bookings.yaml")
    framework = rec["decisions"]["backend_framework"]
    assert framework["chosen"] == "Django"
    assert any(w["rule"] == "weight.backend.team-builds-in-it" for w in framework["weight_trace"])
    flask = " ".join(_ranked(rec, "backend_framework", "Flask")["reasons"])
    assert "the team builds servers with Django, not Flask" in flask


def test_work_items_next_to_live_updates_go_to_a_broker_that_keeps_them() -> None:
    rec = _rec("render-queue.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["chosen"] not in {"Redis", "Valkey"}
    redis = " ".join(_ranked(rec, "messaging", "Redis")["reasons"])
    assert "in-memory pub/sub is enough" not in redis


def test_the_simplest_option_counts_no_orchestrator_as_plain_servers() -> None:
    from archwise.recommend import expr, sources
    from archwise.recommend.rulebook import facts

    kb = sources.knowledge()
    book = sources.rulebook(kb)
    simplest = next(r for r in book.of("profile") if r.id.endswith("simplest-viable"))
    assert simplest.profile is not None
    plain = next(a for a in simplest.profile.prefer if "plain servers" in a.because and a.applies)
    env = expr.Env({}, {})
    for name, expected in (("Nomad", False), ("Kubernetes", False), ("Cloud Run", True)):
        env.variables["entry"] = facts(kb.get(name), 2026)
        assert bool(expr.evaluate(str(plain.applies), env)) is expected, name


def test_a_platform_nobody_offers_managed_is_run_by_the_team_against_its_preference() -> None:
    rec = _rec("arm-control.yaml")
    nomad = _ranked(rec, "deployment", "Nomad")
    ops = next(c for c in nomad["criteria"] if c["criterion"] == "operational_complexity")
    assert ops["reason"].startswith("no managed offering: the team would run it on aws")
    assert ops["score"] == 0.25


def test_a_platform_the_summary_says_the_organisation_runs_is_where_the_system_goes() -> None:
    rec = _rec("branch-queue.yaml")
    deployment = rec["decisions"]["deployment"]
    assert deployment["chosen"] == "OpenShift"
    assert any("already runs OpenShift" in r for r in deployment["ranked"][0]["reasons"])


def test_only_a_platform_the_organisation_owns_counts_as_run_here() -> None:
    from archwise.recommend import sources
    from archwise.recommend.rulebook import Context

    found = Context(requirements={}, kb=sources.knowledge(), year=2026).functions()
    platforms_in = found["platforms_in"]
    assert platforms_in("We deploy to our EKS cluster", "deployment") == ["Kubernetes"]
    assert platforms_in("our SDKs run inside their own servers", "deployment") == []
    assert platforms_in("the board made AWS Lambda the standard", "deployment") == []
    assert platforms_in("it started as a Rails app on Heroku", "deployment") == ["Heroku"]
    assert platforms_in("we are moving off Heroku", "deployment") == []


def test_a_queue_loses_to_a_log_at_a_hundred_thousand_events_a_second() -> None:
    rec = _rec("parcel-scans.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["chosen"] in {"Kafka", "Kinesis"}
    sqs = " ".join(_ranked(rec, "messaging", "SQS")["reasons"])
    assert "120,000 events a second: a queue acknowledges and deletes each message" in sqs
