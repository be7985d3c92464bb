"""The eleventh round's per-topic answers: a topic is needed only when a named requirement creates
the need, the broker and the call style read from the wording, and a single primary's limits as
exclusions with the numbers."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from pydantic import ValidationError

from archwise.kb.loader import load_kb
from archwise.kb.schemas.rule import Rule
from archwise.recommend.rulebook import RuleBook
from archwise.recommend.sources import rulebook
from tests.recommend.conftest import HERE, recommendation

ELEVENTH = HERE / "eleventh"


@functools.lru_cache(maxsize=1)
def _book() -> RuleBook:
    return rulebook(load_kb())


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(ELEVENTH / name))


def _option(rec: dict[str, Any]) -> dict[str, Any]:
    return next(o for o in rec["options"] if o["name"] == rec["recommendation"]["option"])


def _excluded(rec: dict[str, Any], topic: str) -> dict[str, list[str]]:
    return {x["name"]: x["reasons"] for x in rec["decisions"][topic]["excluded"]}


def _concerns_of(*workflows: str, **functional: Any) -> list[str]:
    from archwise.recommend.engine import context
    from archwise.requirements.models import Requirements

    req = Requirements.model_validate(
        {
            "name": "Acme",
            "functional": {"workflows": list(workflows), **functional},
            "non_functional": {"users": {"total": 3_000_000, "concurrent": 60_000}},
        }
    )
    return [m.archetype.id for m in context(req, load_kb(), 2026, _book()).matches]


# --- "not needed" from evidence, and "needed" naming the requirement that creates the need -------


def test_a_small_rota_gets_no_broker_no_cache_and_says_what_would_create_the_need() -> None:
    rec = _rec("bell-ringers.yaml")
    for topic in ("messaging", "cache", "realtime"):
        decision = rec["decisions"][topic]
        assert decision["needed"] is False, topic
        assert decision["trigger"], topic
        assert topic not in _option(rec)["components"], topic
    assert rec["decisions"]["communication"]["chosen"] == "REST"


def test_a_needed_broker_names_the_requirement_that_creates_the_need() -> None:
    rec = _rec("claims-intake-bus.yaml")
    messaging = rec["decisions"]["messaging"]
    assert messaging["needed"] is True
    assert messaging["relevance"].startswith("needed because ")
    assert "retried or picked up later" in messaging["relevance"]
    assert messaging["chosen"] in {"Azure Service Bus", "Azure Queue Storage"}
    assert rec["decisions"]["communication"]["chosen"] in {"Message Queue", "REST"}


def test_a_needed_cache_names_its_load() -> None:
    cache = _rec("pricing-mesh.yaml")["decisions"]["cache"]
    assert cache["needed"] is True
    assert "2,500 requests/s" in cache["relevance"]


@pytest.mark.parametrize(
    ("line", "notified"),
    [
        ("Millions of people open the same few hundred featured recipes every evening", False),
        ("300 tow trucks send their position every 10 seconds from every driver's phone", False),
        ("Every one of our 3 million members gets an alert when their flight is delayed", True),
        ("All 80,000 employees must receive the evacuation message at once", True),
    ],
)
def test_a_large_audience_is_notified_only_when_someone_is_told(line: str, notified: bool) -> None:
    assert ("notification-fanout-concern" in _concerns_of(line)) is notified


def test_needed_by_belongs_to_a_relevance_rule_without_its_own_condition() -> None:
    reason = {"when": "true", "why": "always"}
    Rule.model_validate({"id": "r", "kind": "relevance", "needed_by": [reason]})
    with pytest.raises(ValidationError, match="needed_by"):
        Rule.model_validate({"id": "r", "kind": "relevance", "when": "x", "needed_by": [reason]})
    with pytest.raises(ValidationError, match="needed_by"):
        Rule.model_validate(
            {
                "id": "w",
                "kind": "weight",
                "criterion": "cost",
                "add": 1,
                "because": "b",
                "needed_by": [reason],
            }
        )


# --- the call style from clients and callers ------------------------------------------------------


def test_internal_service_calls_stated_in_words_earn_grpc() -> None:
    rec = _rec("pricing-mesh.yaml")
    assert rec["decisions"]["communication"]["chosen"] == "gRPC"
    assert _option(rec)["components"]["communication"] == "gRPC"


def test_graphql_only_when_the_clients_need_different_fields() -> None:
    assert _rec("garden-guide-shapes.yaml")["decisions"]["communication"]["chosen"] == "GraphQL"
    assert _rec("garden-guide.yaml")["decisions"]["communication"]["chosen"] == "REST"


# --- a single primary's limits as exclusions with the numbers ------------------------------------


def test_a_single_primary_past_its_write_rate_and_volume_is_excluded_with_the_numbers() -> None:
    excluded = _excluded(_rec("water-meters.yaml"), "database")
    assert any(
        "200,000 a second at most" in r and "500,000 writes" in r for r in excluded["PostgreSQL"]
    )
    assert any("64 TB" in r and "2,000,000 GB" in r for r in excluded["MySQL"])
    assert any("128 TB" in r for r in excluded["Aurora"])


def test_a_single_primary_within_its_limits_is_not_excluded() -> None:
    excluded = _excluded(_rec("water-meters-small.yaml"), "database")
    for name in ("PostgreSQL", "MySQL", "Aurora"):
        assert not any("one primary" in r for r in excluded.get(name, [])), name


def test_a_serverless_database_with_one_writer_does_not_claim_to_spread_writes() -> None:
    rec = _rec("water-meters-small.yaml")
    aurora = next(r for r in rec["decisions"]["database"]["ranked"] if r["name"] == "Aurora")
    shape = next(c for c in aurora["criteria"] if c["criterion"] == "scale_shape")
    assert shape["reason"].startswith("one writer takes every write")
    assert not any("spreads writes" in r for r in aurora["reasons"])
