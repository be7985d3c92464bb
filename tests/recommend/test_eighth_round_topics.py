"""Eighth round: the pattern topics' decision procedure read from the requirements' facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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


def _excluded(rec: dict[str, Any], topic: str, name: str) -> str:
    return str(next(e["why"] for e in rec["decisions"][topic]["excluded"] if e["name"] == name))


def test_state_at_a_past_date_gets_event_sourcing_and_no_crdt_without_merged_edits() -> None:
    rec = _rec("plot-history.yaml")
    assert rec["decisions"]["data_patterns"]["chosen"] == "Event Sourcing"
    assert "as it was at a past moment" in _texts(_ranked(rec, "data_patterns", "Event Sourcing"))
    assert "no workflow edits the same data offline" in _excluded(rec, "data_patterns", "CRDT Sync")


def test_edits_made_offline_keep_crdt_sync_a_candidate(tmp_path: Path) -> None:
    data = yaml.safe_load((EIGHTH / "plot-history.yaml").read_text(encoding="utf-8"))
    data["functional"]["workflows"].append("Volunteers edit plot notes offline and sync later")
    path = tmp_path / "offline.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    rec = recommendation(str(path))
    excluded = {e["name"] for e in rec["decisions"]["data_patterns"]["excluded"]}
    assert "CRDT Sync" not in excluded


def test_a_load_one_small_server_answers_gets_no_admission_control_or_scale_out() -> None:
    rec = _rec("staff-hours.yaml")
    for name in ("Rate Limiting", "Virtual Waiting Room", "Horizontal Scaling"):
        assert "one small server answers" in _excluded(rec, "patterns", name)
    assert rec["decisions"]["patterns"]["chosen"] not in {
        "Rate Limiting",
        "Virtual Waiting Room",
        "Horizontal Scaling",
    }


def test_the_recommended_option_keeps_the_platform_its_topic_chose() -> None:
    # The functions option is cheaper on paper here, but it would cut a Go server into handlers:
    # replacing the platform the topic chose is a different story and costs the option more.
    rec = _rec("room-rates.yaml")
    first = rec["decisions"]["deployment"]["chosen"]
    option = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    assert first == "Cloud Run" == option["components"]["deployment"]
    functions = next(o for o in rec["options"] if "Cloud Functions" in o["name"])
    assert "deployment" in functions["deviations"]


def test_a_legacy_system_moved_over_one_feature_at_a_time_gets_the_strangler_fig() -> None:
    rec = _rec("club-move.yaml")
    assert rec["decisions"]["patterns"]["chosen"] == "Strangler Fig"
    assert "gradually while it keeps running" in _texts(_ranked(rec, "patterns", "Strangler Fig"))
