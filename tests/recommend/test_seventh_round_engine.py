"""Seventh round: topic answers read from what the requirements state (ADR-030, 2026-12-07 round 7)."""

from __future__ import annotations

from typing import Any

from tests.recommend.conftest import HERE, recommendation

SEVENTH = HERE / "seventh"


def _rec(name: str) -> dict[str, Any]:
    return recommendation(str(SEVENTH / name))


def _excluded(rec: dict[str, Any], topic: str) -> dict[str, str]:
    return {e["name"]: e["why"] for e in rec["decisions"][topic]["excluded"]}


def test_events_the_workflows_replay_exclude_a_broker_that_deletes_what_it_delivers() -> None:
    rec = _rec("replay-hooks.yaml")
    excluded = _excluded(rec, "messaging")
    assert "lacks capability replay" in excluded["SQS"]
    assert "lacks capability replay" in excluded["RabbitMQ"]
    assert rec["decisions"]["messaging"]["chosen"] not in {"SQS", "RabbitMQ", "Azure Service Bus"}


def test_auditors_replaying_a_case_history_read_the_database_not_the_broker() -> None:
    rec = _rec("audit-replay.yaml")
    assert not any("capability replay" in why for why in _excluded(rec, "messaging").values())


def test_mentions_with_needs_both_words_in_one_line() -> None:
    from archwise.recommend import expr

    env = expr.Env({"w": ["Partners replay any event", "Auditors replay a case"]}, {})
    assert expr.evaluate("mentions_with(w, 'replay', ['event'])", env) is True
    assert expr.evaluate("mentions_with(w, 'replay', ['message', 'feed'])", env) is False


def test_a_spike_one_small_server_answers_needs_no_broker() -> None:
    small = _rec("small-spikes.yaml")["decisions"]["messaging"]
    big = _rec("big-spikes.yaml")["decisions"]["messaging"]
    assert small["needed"] is False and small["chosen"] is None
    assert big["needed"] is True


def test_a_platform_the_team_has_run_before_is_partly_learnt() -> None:
    rec = _rec("k8s-some.yaml")
    k8s = next(r for r in rec["decisions"]["deployment"]["ranked"] if r["name"] == "Kubernetes")
    ops = next(c for c in k8s["criteria"] if c["criterion"] == "operational_complexity")
    assert "has run Kubernetes before" in ops["reason"]
    assert rec["decisions"]["deployment"]["chosen"] == "Kubernetes"


def test_over_the_budget_the_simplest_option_takes_a_platform_that_fits_it() -> None:
    rec = _rec("tight-budget.yaml")
    first = rec["decisions"]["deployment"]["chosen"]
    simplest = next(o for o in rec["options"] if o["profile"] == "simplest-viable")
    assert simplest["cost_usd_per_month"]["high"] <= 30
    if simplest["components"]["deployment"] != first:
        assert "fits the $30/month budget" in simplest["deviations"]["deployment"]
    assert rec["recommendation"]["option"] == simplest["name"]


def test_a_ledger_needs_no_cache_but_its_large_live_audience_does() -> None:
    quiet = _rec("wallet-quiet.yaml")["decisions"]["cache"]
    live = _rec("wallet-live.yaml")["decisions"]["cache"]
    assert quiet["needed"] is False and "balances are read from the ledger" in quiet["relevance"]
    assert live["needed"] is True and live["chosen"] is not None
