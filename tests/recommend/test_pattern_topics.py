"""Communication, data patterns and architecture patterns answer the problems the requirements state."""

from __future__ import annotations

from typing import Any

from archwise.recommend.expr import BUILTINS
from tests.recommend.conftest import HERE, recommendation

PATTERNS = HERE / "patterns"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(PATTERNS / name))


def _ranked(rec: dict[str, Any], topic: str, name: str) -> dict[str, Any]:
    return next(r for r in rec["decisions"][topic]["ranked"] if r["name"] == name)


def _texts(entry: dict[str, Any]) -> str:
    return " ".join(entry["reasons"] + [c["reason"] for c in entry["criteria"]])


def _excluded(rec: dict[str, Any], topic: str, name: str) -> str:
    return str(next(e["why"] for e in rec["decisions"][topic]["excluded"] if e["name"] == name))


def _component(rec: dict[str, Any], topic: str) -> str | None:
    option = next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])
    value = option["components"].get(topic)
    return value if value is None or isinstance(value, str) else value.get("name")


def test_a_small_crud_tool_gets_rest_one_database_and_no_service_pattern() -> None:
    rec = _rec("plain-notes.yaml")
    assert rec["decisions"]["communication"]["chosen"] == "REST"
    patterns = rec["decisions"]["patterns"]
    assert patterns["needed"] is False and patterns["chosen"] is None and patterns["trigger"]
    assert _component(rec, "patterns") is None
    # One deployable keeps its one database, or needs no data pattern at all; nothing more.
    assert rec["decisions"]["data_patterns"]["chosen"] in {None, "Shared Database"}
    assert "no broker" in _excluded(rec, "data_patterns", "Transactional Outbox")
    assert "needs a cache" in _excluded(rec, "data_patterns", "Cache-Aside")
    assert "large public audience" in _excluded(rec, "patterns", "CDN with Origin Shield")
    assert "saga coordinates" in _excluded(rec, "patterns", "Saga")
    assert "99.5%" in _excluded(rec, "patterns", "Circuit Breaker")


def test_an_effect_that_must_not_happen_twice_gets_an_idempotency_key_not_a_saga() -> None:
    rec = _rec("tip-jar.yaml")
    patterns = rec["decisions"]["patterns"]
    assert patterns["chosen"] == "Idempotency Key" == _component(rec, "patterns")
    assert "must not happen twice" in _texts(_ranked(rec, "patterns", "Idempotency Key"))
    assert "one database transaction" in _excluded(rec, "patterns", "Saga")


def test_steps_that_must_be_undone_across_services_get_a_saga() -> None:
    rec = _rec("venue-hire.yaml")
    assert rec["decisions"]["patterns"]["chosen"] == "Saga" == _component(rec, "patterns")
    assert "must undo them" in _texts(_ranked(rec, "patterns", "Saga"))
    key = _ranked(rec, "patterns", "Idempotency Key")
    assert "each of its steps carries an idempotency key" in _texts(key)


def test_software_calling_thousands_of_times_a_second_within_a_tight_budget_gets_grpc() -> None:
    rec = _rec("pricing-core.yaml")
    assert rec["decisions"]["communication"]["chosen"] == "gRPC"
    assert "calls/s each answered within 40 ms" in _texts(_ranked(rec, "communication", "gRPC"))


def test_partners_software_gets_a_plain_http_contract_before_graphql() -> None:
    rec = _rec("dog-walks.yaml")
    assert rec["decisions"]["communication"]["chosen"] == "REST" == _component(rec, "communication")
    assert "versioned HTTP contract" in _texts(_ranked(rec, "communication", "REST"))


def test_a_kept_database_others_must_follow_is_read_through_change_data_capture() -> None:
    rec = _rec("stock-mirror.yaml")
    data = rec["decisions"]["data_patterns"]
    assert data["chosen"] == "Change Data Capture" == _component(rec, "data_patterns")
    assert "warehouse-db" in _texts(_ranked(rec, "data_patterns", "Change Data Capture"))
    assert "no broker" in _excluded(rec, "data_patterns", "Transactional Outbox")


def test_said_together_needs_both_words_in_one_line() -> None:
    said = BUILTINS["said_together"]
    lines = ["Terminals retry a wager when they time out", "a wager is never recorded twice"]
    assert said(lines, ["retry"], ["twice"]) is False
    assert said(["A retried wager is never recorded twice"], ["retried"], ["twice"]) is True
    assert said(None, ["retry"], ["twice"]) is None
