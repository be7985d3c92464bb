"""The twelfth round's per-topic advice: needs read from who takes the work and who reads it,
documents stored where their attributes are indexed, and edge caching only for shared pages."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from archwise.kb.loader import load_kb
from archwise.recommend.expr import BUILTINS, Env, evaluate
from archwise.recommend.rulebook import RuleBook
from archwise.recommend.sources import rulebook
from tests.recommend.conftest import HERE, recommendation

TWELFTH = HERE / "twelfth"


@functools.lru_cache(maxsize=1)
def _book() -> RuleBook:
    return rulebook(load_kb())


def _derived(name: str, *workflows: str) -> bool:
    derive = next(r for r in _book().by_kind["derive"] if r.id == "derive.scale")
    env = Env({"functional": {"workflows": list(workflows), "critical_features": []}}, {}, BUILTINS)
    return bool(evaluate(str(derive.variables[name]), env))


@functools.cache
def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(TWELFTH / name))


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("The warehouse and the mailing service each must receive every order", True),
        ("Billing, search and the archive each receive every change", True),
        ("Each customer receives every invoice by e-mail", False),
        ("The warehouse receives the orders each night", False),
    ],
)
def test_several_readers_are_read_from_each_receiving_every_event(line: str, stated: bool) -> None:
    assert _derived("several_readers", line) is stated


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("Each press takes the next waiting job when it is free", True),
        ("A picker takes the next order; each order goes to only one picker", True),
        ("The next job is shown on the screen", False),
        ("Each machine takes the next step of the recipe", False),
    ],
)
def test_a_work_queue_is_read_from_workers_taking_the_next_job(line: str, stated: bool) -> None:
    assert _derived("work_queue_stated", line) is stated


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("A member reads their own statement and downloads it", True),
        ("Nobody sees another member's statement", True),
        ("Everyone reads the same timetable page", False),
        ("Members download the annual report", False),
    ],
)
def test_personal_reads_are_read_from_own_records(line: str, stated: bool) -> None:
    assert _derived("personal_reads", line) is stated


def test_jobs_taken_by_free_machines_need_a_broker_that_holds_them() -> None:
    messaging = _rec("kiln-jobs.yaml")["decisions"]["messaging"]
    assert messaging["needed"] is True
    assert "each goes to one worker only" in messaging["relevance"]
    assert "durable-delivery" in load_kb().technologies[messaging["chosen"]].capabilities


def test_documents_go_to_a_store_that_indexes_their_attributes() -> None:
    database = _rec("plant-specs.yaml")["decisions"]["database"]
    kb = load_kb().technologies
    assert "indexed-documents" in kb[database["chosen"]].capabilities
    mysql = next(r for r in database["ranked"] if r["name"] == "MySQL")
    assert any(
        "keeps documents as JSON in a column" in r
        for r in mysql["reasons"] + [c["reason"] for c in mysql["criteria"]]
    )


def test_apps_and_devices_reading_live_data_are_no_static_website() -> None:
    rec = _rec("ferry-times.yaml")
    assert "static-content-site" not in [a["id"] for a in rec["archetypes"]]
    assert rec["decisions"]["backend_framework"]["needed"] is True
    assert rec["decisions"]["deployment"]["chosen"] != "Static Site Hosting"


def test_a_crowd_reading_their_own_records_is_not_served_from_the_edge() -> None:
    rec = _rec("grant-awards.yaml")
    patterns = rec["decisions"]["patterns"]
    assert patterns["chosen"] != "CDN with Origin Shield"
    cdn = next(r for r in patterns["ranked"] if r["name"] == "CDN with Origin Shield")
    assert any("reads their own record" in c["reason"] for c in cdn["criteria"])
    assert "public-page-flood" not in [a["id"] for a in rec["archetypes"]]


def test_a_large_audience_sent_only_a_file_brings_no_broker() -> None:
    messaging = _rec("grant-awards.yaml")["decisions"]["messaging"]
    assert messaging["needed"] is not True
    assert "notifications to many people" not in (messaging.get("relevance") or "")


def test_a_failover_region_keeps_a_single_primary_database(tmp_path: Path) -> None:
    path = TWELFTH / "depot-stock.yaml"
    excluded = {
        x["name"]: x["reasons"]
        for x in _rec("depot-stock.yaml")["decisions"]["database"]["excluded"]
    }
    assert "PostgreSQL" not in excluded
    # Users writing from several regions need agreement across them: one primary no longer does.
    data = yaml.safe_load(path.read_text())
    data["non_functional"]["regions"] = ["eu", "us", "ap"]
    several = tmp_path / "depot-stock-regions.yaml"
    several.write_text(yaml.safe_dump(data, sort_keys=False))
    excluded = {
        x["name"]: x["reasons"]
        for x in recommendation(str(several))["decisions"]["database"]["excluded"]
    }
    assert any("multi-region strong consistency" in r for r in excluded["PostgreSQL"])


def test_time_series_readings_are_no_static_website(tmp_path: Path) -> None:
    data = yaml.safe_load((TWELFTH / "ferry-times.yaml").read_text())
    data["functional"]["clients"] = ["web"]
    data["functional"]["data"]["model"] = "time-series"
    path = tmp_path / "tide-readings.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    rec = recommendation(str(path))
    assert "static-content-site" not in [a["id"] for a in rec["archetypes"]]
    # The same pages with documents behind them are still read as a website.
    data["functional"]["data"]["model"] = "document"
    pages = tmp_path / "tide-pages.yaml"
    pages.write_text(yaml.safe_dump(data, sort_keys=False))
    assert "static-content-site" in [a["id"] for a in recommendation(str(pages))["archetypes"]]


def test_money_moving_through_retried_calls_earns_the_idempotency_key(tmp_path: Path) -> None:
    data = yaml.safe_load((TWELFTH / "depot-stock.yaml").read_text())
    data["functional"]["workflows"].append(
        "Trade customers settle their monthly account by card payment"
    )
    data["functional"]["integrations"] = ["card-processor"]
    path = tmp_path / "depot-payments.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    patterns = recommendation(str(path))["decisions"]["patterns"]
    key = next(r for r in patterns["ranked"] if r["name"] == "Idempotency Key")
    assert any("money moves here" in c["reason"] for c in key["criteria"])
    plain = _rec("depot-stock.yaml")["decisions"]["patterns"]
    assert not any(
        "money moves here" in c["reason"] for r in plain.get("ranked") or [] for c in r["criteria"]
    )


def test_services_reading_a_partitioned_log_are_event_streaming_in_every_option() -> None:
    rec = recommendation(str(HERE / "tenth" / "roast-log.yaml"))
    kb = load_kb().technologies
    logs = [
        o for o in rec["options"] if "durable-log" in kb[o["components"]["messaging"]].capabilities
    ]
    assert any(o["components"]["decomposition"] == "Microservices" for o in logs)
    assert all(o["components"]["communication"] == "Event Streaming" for o in logs)


@pytest.mark.parametrize("fixture", ["eighth/club-move.yaml", "ninth/leave-requests.yaml"])
def test_a_proven_choice_is_nudged_once_however_many_archetypes_name_it(fixture: str) -> None:
    rec = recommendation(str(HERE / fixture))
    counts = [
        sum(c["reason"].count("a proven choice for") for c in entry["criteria"])
        for decision in rec["decisions"].values()
        for entry in decision.get("ranked") or []
    ]
    assert max(counts) == 1


def test_the_language_follows_the_servers_the_team_writes(tmp_path: Path) -> None:
    data = yaml.safe_load((TWELFTH / "depot-stock.yaml").read_text())
    data["constraints"]["team"]["expertise"] = {"ruby": "strong", "rails": "strong"}
    path = tmp_path / "depot-ruby.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    decisions = recommendation(str(path))["decisions"]
    assert decisions["language"]["chosen"] == "Ruby"
    assert decisions["backend_framework"]["chosen"] == "Ruby on Rails"
    trace = [w["rule"] for w in decisions["language"]["weight_trace"]]
    assert "weight.language.team-writes-servers-in-it" in trace


def test_workflows_where_both_regions_take_writes_need_multi_region_consistency(
    tmp_path: Path,
) -> None:
    # No regions stated, but the workflows say every region sells: one primary cannot serve both.
    data = yaml.safe_load((TWELFTH / "depot-stock.yaml").read_text())
    data["functional"]["workflows"] = [
        "Depot staff record deliveries and sales; the stock of an item must never go below zero",
        "Both regions take orders, and each keeps selling while the other is unreachable",
    ]
    path = tmp_path / "depot-stock-both.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    excluded = {
        x["name"]: x["reasons"]
        for x in recommendation(str(path))["decisions"]["database"]["excluded"]
    }
    assert any("multi-region strong consistency" in r for r in excluded["PostgreSQL"])
