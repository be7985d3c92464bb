"""Ninth round: optional layers are needed only where a stated fact creates the need."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.recommend.conftest import HERE, recommendation

NINTH = HERE / "ninth"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(NINTH / name))


def _variant(tmp_path: Path, name: str, change: dict[str, Any]) -> dict[str, Any]:
    """The fixture with some constraints changed, recommended."""
    data = yaml.safe_load((NINTH / name).read_text(encoding="utf-8"))
    for dotted, value in change.items():
        *path, last = dotted.split(".")
        node = data
        for key in path:
            node = node[key]
        node[last] = value
    out = tmp_path / name
    out.write_text(yaml.safe_dump(data), encoding="utf-8")
    return recommendation(str(out))


def _excluded(rec: dict[str, Any], topic: str) -> dict[str, str]:
    return {e["name"]: str(e["why"]) for e in rec["decisions"][topic]["excluded"]}


def test_card_payments_on_a_hosted_page_need_no_broker_for_a_small_team() -> None:
    rec = _rec("hall-hire.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["needed"] is False and messaging["chosen"] is None
    assert "outlive the request" in messaging["trigger"]
    option = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    assert "messaging" not in option["components"]
    assert "Idempotency Key" in _excluded(rec, "patterns")


def test_money_events_of_a_larger_organisation_still_go_through_a_broker(tmp_path: Path) -> None:
    rec = _variant(tmp_path, "hall-hire.yaml", {"constraints.team.engineers": 12})
    assert rec["decisions"]["messaging"]["needed"] is True
    assert "Idempotency Key" not in _excluded(rec, "patterns")


def test_a_cross_cutting_concern_alone_does_not_create_a_pattern() -> None:
    # A kept payroll system matches the legacy-integration concern, whose hard problem names the
    # strangler fig's anti-corruption layer; a nightly export file asks for no pattern.
    rec = _rec("leave-requests.yaml")
    patterns = rec["decisions"]["patterns"]
    assert patterns["needed"] is False and patterns["chosen"] is None
    assert "answers a stated requirement" in patterns["relevance"]
    fig = next(r for r in patterns["ranked"] if r["name"] == "Strangler Fig")
    assert "addresses a hard problem here" in " ".join(fig["reasons"])


def test_a_rush_of_readers_is_served_from_the_edge_not_rate_limited(tmp_path: Path) -> None:
    rec = _rec("ferry-status.yaml")
    patterns = rec["decisions"]["patterns"]
    assert patterns["chosen"] == "CDN with Origin Shield"
    limiting = next(r for r in patterns["ranked"] if r["name"] == "Rate Limiting")
    assert any("cannot be cached" in c["reason"] for c in limiting["criteria"])
    # Buying in the rush is work no edge can serve: admission control keeps its place.
    rec = _variant(
        tmp_path,
        "ferry-status.yaml",
        {
            "functional.workflows": [
                "Travellers book a car space and the payment is taken on the sailings page"
            ]
        },
    )
    limiting = next(
        r for r in rec["decisions"]["patterns"]["ranked"] if r["name"] == "Rate Limiting"
    )
    assert not any("cannot be cached" in c["reason"] for c in limiting["criteria"])
