"""Eighth round: the pattern topics' decision procedure read from the requirements' facts."""

from __future__ import annotations

from typing import Any

from tests.recommend.conftest import HERE, recommendation

EIGHTH = HERE / "eighth"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(EIGHTH / name))


def _ranked(rec: dict[str, Any], topic: str, name: str) -> dict[str, Any]:
    return next(r for r in rec["decisions"][topic]["ranked"] if r["name"] == name)


def _texts(entry: dict[str, Any]) -> str:
    return " ".join(entry["reasons"] + [c["reason"] for c in entry["criteria"]])


def test_work_handed_to_one_backend_at_thousands_a_second_goes_through_a_queue() -> None:
    rec = _rec("permit-intake.yaml")
    assert rec["decisions"]["messaging"]["chosen"] == "Azure Service Bus"
    assert "work items a second handed on" in _texts(_ranked(rec, "messaging", "Azure Service Bus"))
    assert "work items a second" not in _texts(_ranked(rec, "messaging", "Azure Event Hubs"))


def test_a_replayable_managed_broker_is_not_marked_down_as_a_queue_at_a_high_rate() -> None:
    rec = _rec("rate-feed.yaml")
    assert rec["decisions"]["messaging"]["chosen"] == "Google Pub/Sub"
    assert "deletes what it delivers" not in _texts(_ranked(rec, "messaging", "Google Pub/Sub"))
