"""The tenth round's per-topic advice: capability needs read from the wording, the outbox for a dual
write, sharding reasons that say who shards, and three feasibility families stated in words."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from archwise.kb.loader import load_kb
from archwise.recommend.limits import quota_conflict, retention_conflict, staffing_conflict
from archwise.recommend.rulebook import RuleBook
from archwise.recommend.sources import rulebook
from tests.recommend.conftest import HERE, recommendation

TENTH = HERE / "tenth"


@functools.lru_cache(maxsize=1)
def _book() -> RuleBook:
    return rulebook(load_kb())


def _req(*workflows: str) -> dict[str, Any]:
    return {"functional": {"workflows": list(workflows)}, "constraints": {"cloud": "aws"}}


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(TENTH / name))


def _excluded(rec: dict[str, Any], topic: str) -> dict[str, list[str]]:
    return {x["name"]: x["reasons"] for x in rec["decisions"][topic]["excluded"]}


def _option(rec: dict[str, Any]) -> dict[str, Any]:
    return next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])


# --- capabilities implied by what the requirements say ----------------------------------------------


def test_reprocessing_and_new_readers_of_the_past_need_a_replayable_broker() -> None:
    rec = _rec("roast-log.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["needed"] is not False
    kb = load_kb().technologies
    for broker in (messaging["chosen"], _option(rec)["components"]["messaging"]):
        assert "replay" in kb[broker].capabilities, broker
    excluded = _excluded(rec, "messaging")
    for queue in ("SQS", "RabbitMQ"):
        assert any("lacks capability replay" in r for r in excluded[queue]), queue
    assert rec["decisions"]["communication"]["chosen"] == "Event Streaming"


def test_events_in_order_and_several_readers_exclude_brokers_without_them() -> None:
    rec = _rec("lot-bids.yaml")
    excluded = _excluded(rec, "messaging")
    assert any("per-key ordering" in r for r in excluded["NATS"])
    assert any("per-key ordering" in r for r in excluded["Redis"])
    assert any("consumer groups" in r for r in excluded["SQS"])
    assert rec["decisions"]["messaging"]["chosen"] == "Google Pub/Sub"
    assert rec["decisions"]["realtime"]["chosen"] != "Server-Sent Events"


def test_a_dual_write_with_an_outside_system_earns_the_outbox_and_a_queue() -> None:
    rec = _rec("lab-courier.yaml")
    assert rec["decisions"]["data_patterns"]["chosen"] == "Transactional Outbox"
    assert rec["decisions"]["messaging"]["needed"] is not False
    assert _option(rec)["components"].get("messaging")


@pytest.mark.parametrize(
    ("line", "asked"),
    [
        ("When a rule changes we reprocess the whole history of events", True),
        ("A new team must read all past events from the beginning", True),
        ("Support staff fix and reprocess a failed one", False),
        ("We restart the batch from there, not from the start", False),
        (
            "A rate corrected later means the balance history must be recomputed from that date",
            False,
        ),
    ],
)
def test_replay_is_read_from_what_is_replayed(line: str, asked: bool) -> None:
    from archwise.recommend.expr import BUILTINS, Env, evaluate

    derive = next(r for r in _book().by_kind["derive"] if r.id == "derive.scale")
    env = Env({"functional": {"workflows": [line], "critical_features": []}}, {}, BUILTINS)
    assert bool(evaluate(str(derive.variables["replay_asked"]), env)) is asked


# --- boilerplate reasons -------------------------------------------------------------------------------


def test_a_database_that_shards_only_through_an_extension_says_so() -> None:
    rec = recommendation(str(HERE / "advice" / "tiny-budget-huge-scale.yaml"))
    reasons = [
        c["reason"]
        for entry in rec["decisions"]["database"]["ranked"]
        if entry["name"] in {"PostgreSQL", "MySQL"}
        for c in entry["criteria"]
        if c["criterion"] == "scale_shape"
    ]
    assert reasons
    assert not any(r.startswith("partitions data and load across nodes") for r in reasons)
    assert all("not on its own" in r for r in reasons if "Citus" in r or "Vitess" in r)


# --- feasibility families stated in words --------------------------------------------------------------


def test_a_rate_limit_against_a_batch_window() -> None:
    req = _req(
        "The partner API allows 5 requests per second and returns one invoice per request",
        "About 9 million invoices must be pulled between midnight and 6 am",
    )
    (conflict,) = quota_conflict(req, _book())
    assert conflict.numbers["window_hours"] == 6
    assert conflict.numbers["hours_needed"] == 500
    assert conflict.numbers["needed_requests_per_second"] == pytest.approx(416.7)
    assert any("bulk export" in r for r in conflict.relax)


def test_a_rate_limit_the_window_can_carry_is_no_conflict() -> None:
    req = _req(
        "The vendor's API allows 20 requests a second",
        "A full reload of the 300,000 products runs each weekend in an 8-hour window",
    )
    assert quota_conflict(req, _book()) == []
    # Batches count: 100 items a request fit where one would not.
    batched = _req(
        "The API allows 2 requests per second with up to 100 records per request",
        "All 2 million records must be copied within 4 hours",
    )
    assert quota_conflict(batched, _book()) == []


def test_two_retention_rules_for_the_same_records() -> None:
    req = _req(
        "The regulator requires call recordings to be kept for 7 years",
        "The works agreement says call recordings must be deleted after 90 days",
    )
    (conflict,) = retention_conflict(req)
    assert conflict.numbers == {"keep_days": 2557.0, "delete_after_days": 90.0}
    assert "recordings" in conflict.why


@pytest.mark.parametrize(
    "lines",
    [
        ("Statements are kept for 7 years; marketing consents are deleted after 2 years",),
        (
            "Claims are kept for 10 years",
            "Claims are deleted after 30 days unless anonymised for statistics",
        ),
        ("Logs are kept for 30 days", "Logs are deleted after 90 days"),
    ],
)
def test_retention_rules_that_agree_or_differ_in_subject_are_no_conflict(
    lines: tuple[str, ...],
) -> None:
    assert retention_conflict(_req(*lines)) == []


def test_people_hours_against_per_item_checks() -> None:
    req = _req(
        "About 30,000 orders a day arrive",
        "Every order must be checked by a pharmacist; a check takes about 3 minutes",
        "We have 3 pharmacists on an 8-hour shift",
    )
    (conflict,) = staffing_conflict(req, _book())
    assert conflict.numbers["hours_needed"] == 1500
    assert conflict.numbers["hours_available"] == 24
    assert any("188 pharmacists" in r for r in conflict.relax)
    fits = _req(
        "Each finished case is checked by one of our 12 technicians; a check takes about 10 minutes",
        "We finish about 300 cases a day in an 8-hour shift",
    )
    assert staffing_conflict(fits, _book()) == []


def test_recommend_and_capacity_plan_agree_on_a_stated_limit() -> None:
    from archwise.api import capacity

    rec = _rec("quota-pull.yaml")
    assert rec["feasibility"]["feasible"] is False
    (conflict,) = rec["feasibility"]["conflicts"]
    assert conflict["numbers"]["items"] == 400_000
    assert rec["recommendation"]["option"]
    from archwise.api import recommend as recommend_api
    from archwise.jsonable import to_jsonable

    plan = capacity.plan_capacity(TENTH / "quota-pull.yaml")
    assert plan.feasibility == to_jsonable(
        recommend_api.recommend(TENTH / "quota-pull.yaml").feasibility
    )
