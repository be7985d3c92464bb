"""Second wave of the twelfth round: a connection held longer than a platform allows, messages
routed between the nodes holding connections, jobs waiting for a free worker, several named readers
of every change, and data patterns only where a stated fact earns one."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from archwise.recommend.expr import BUILTINS, Env, evaluate
from tests.recommend.conftest import HERE, recommendation
from tests.recommend.test_twelfth_round_topics import _book, _derived

TWELFTH = HERE / "twelfth"


@functools.cache
def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(TWELFTH / name))


def _held(*workflows: str) -> float | None:
    derive = next(r for r in _book().by_kind["derive"] if r.id == "derive.scale")
    env = Env(
        {"functional": {"workflows": list(workflows), "critical_features": []}, "summary": ""},
        {},
        BUILTINS,
    )
    value = evaluate(str(derive.variables["held_minutes"]), env)
    return None if value is None else float(value)


@pytest.mark.parametrize(
    ("line", "minutes"),
    [
        ("Each driver's tablet keeps one connection open for a whole 8-hour shift", 480.0),
        ("Listening streams last up to six hours", 360.0),
        ("A session stays open for 90 minutes", 90.0),
        ("Keep 7 days of events in the stream for replay", None),
        ("The tablet sends its position every 5 seconds on the same connection", None),
        ("Sessions expire after 30 days of inactivity", None),
    ],
)
def test_a_held_connection_is_read_from_how_long_it_stays_open(
    line: str, minutes: float | None
) -> None:
    assert _held(line) == minutes


def test_a_platform_that_cuts_connections_sooner_is_excluded_with_both_numbers() -> None:
    deployment = _rec("tram-crews.yaml")["decisions"]["deployment"]
    excluded = {x["name"]: " ".join(x["reasons"]) for x in deployment["excluded"]}
    assert "Cloud Run" in excluded
    assert "60 minutes" in excluded["Cloud Run"] and "480" in excluded["Cloud Run"]
    assert deployment["chosen"] != "Cloud Run"


def test_a_short_session_keeps_the_platform(tmp_path: Path) -> None:
    data = yaml.safe_load((TWELFTH / "tram-crews.yaml").read_text())
    data["functional"]["workflows"][0] = (
        "Each driver's tablet keeps one connection open for 20 minutes at a time"
    )
    data["summary"] = "A tram operator links its control room with drivers' tablets."
    path = tmp_path / "short-shifts.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    excluded = recommendation(str(path))["decisions"]["deployment"]["excluded"]
    assert not any(
        "stays open" in " ".join(x["reasons"]) for x in excluded if x["name"] == "Cloud Run"
    )


def test_messages_for_whichever_node_holds_the_receiver_need_a_broker(tmp_path: Path) -> None:
    messaging = _rec("tram-crews.yaml")["decisions"]["messaging"]
    assert messaging["needed"] is True
    assert "node holding its receiver" in messaging["relevance"]
    data = yaml.safe_load((TWELFTH / "tram-crews.yaml").read_text())
    data["functional"]["workflows"] = data["functional"]["workflows"][:3]
    path = tmp_path / "one-node.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert "node holding its receiver" not in recommendation(str(path))["decisions"][
        "messaging"
    ].get("relevance", "")


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("Frames wait until a render node is free; each is taken by exactly one node", True),
        ("Each order waits until a packer is free and goes to only one packer", True),
        ("Customers wait until a table is free", False),
    ],
)
def test_jobs_waiting_for_a_free_worker_are_a_work_queue(line: str, stated: bool) -> None:
    assert _derived("work_queue_stated", line) is stated


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("Search, usage insights and outage notices must see every billing change", True),
        ("The warehouse and the email service must receive every order", True),
        ("The auditor must see every change", False),
    ],
)
def test_a_list_of_readers_that_must_see_every_change_is_several_readers(
    line: str, stated: bool
) -> None:
    assert _derived("several_readers", line) is stated


def test_one_deployable_with_no_fact_for_a_data_pattern_needs_none(tmp_path: Path) -> None:
    data_patterns = _rec("tram-crews.yaml")["decisions"]["data_patterns"]
    assert data_patterns["needed"] is False
    assert "a cache" in data_patterns["trigger"]
    data = yaml.safe_load((TWELFTH / "tram-crews.yaml").read_text())
    data["functional"]["workflows"].append(
        "Auditors see any instruction exactly as it stood on a past date"
    )
    path = tmp_path / "audited.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert recommendation(str(path))["decisions"]["data_patterns"]["needed"] is True


def _pattern_fact(name: str, *workflows: str, summary: str = "") -> bool:
    derive = next(r for r in _book().by_kind["derive"] if r.id == "derive.pattern-facts")
    env = Env(
        {
            "functional": {"workflows": list(workflows), "critical_features": []},
            "summary": summary,
            "constraints": {},
        },
        {},
        BUILTINS,
    )
    return bool(evaluate(str(derive.variables[name]), env))


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        (
            "The old screens are replaced one at a time, the old ones retired as each new one goes live",
            True,
        ),
        ("The old system is switched off gradually, feature by feature", True),
        ("Screens refresh one at a time", False),
    ],
)
def test_a_stepwise_replacement_is_read_from_the_workflows(line: str, stated: bool) -> None:
    assert _pattern_fact("migration_stepwise", line) is stated


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("The billing application keeps writing to its database and cannot be changed", True),
        ("Reports are built without the legacy application sending anything", True),
        ("Each service keeps its own database", False),
    ],
)
def test_a_writer_kept_as_it_is_is_read_from_the_workflows(line: str, stated: bool) -> None:
    assert _pattern_fact("kept_writer_stated", line) is stated


@pytest.mark.parametrize(
    ("line", "sends"),
    [
        ("Pupils draw on the shared board and everyone sees the strokes", True),
        ("Each crew acknowledges the instruction", True),
        ("Visitors watch the scoreboard", False),
    ],
)
def test_clients_that_draw_or_acknowledge_send_in_real_time(line: str, sends: bool) -> None:
    assert _derived("clients_send", line) is sends
