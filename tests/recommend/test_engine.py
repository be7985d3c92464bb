"""The engine on a small fixed knowledge base: constraints, weights, scores, sensitivity."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archwise.errors import InputError
from archwise.recommend import engine, sources
from archwise.recommend.rulebook import RuleBook
from archwise.requirements.models import Requirements
from tests.recommend.fixture_kb import FixtureKB


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return sources.rulebook(sources.knowledge())


def req(**sections: Any) -> Requirements:
    return Requirements.model_validate({"name": "t", **sections})


def run(r: Requirements, book: RuleBook, kb: FixtureKB | None = None, **kw: Any):  # type: ignore[no-untyped-def]
    return engine.recommend(r, kb or FixtureKB(), book, year=2026, **kw)


def excluded(rec: Any, topic: str) -> dict[str, list[str]]:
    return {e.name: e.reasons for e in rec.decisions[topic].excluded}


def test_hard_constraints_remove_with_reasons(book: RuleBook) -> None:
    r = req(
        functional={"transactions": "single-service", "data": {"model": "relational"}},
        non_functional={"consistency": "strong"},
    )
    ex = excluded(run(r, book), "database")
    assert "needs ACID" in " ".join(ex["Cassandra"])
    assert any("eventual-only" in x for x in ex["InfluxDB"])
    assert "Redis" in ex


def test_on_prem_removes_managed_only(book: RuleBook) -> None:
    r = req(constraints={"deployment": "on-prem"}, functional={"data": {"model": "key-value"}})
    rec = run(r, book)
    assert any("on-prem" in x for x in excluded(rec, "database")["DynamoDB"])
    assert "AWS Lambda" in excluded(rec, "deployment")
    assert "fully-managed" not in {o.profile for o in rec.options}


def test_forbidden_and_radar_hold(book: RuleBook) -> None:
    r = req(constraints={"technologies": {"forbidden": ["postgres"]}})
    rec = run(r, book, FixtureKB(rings={"Kafka": "hold"}))
    assert any("forbidden" in x for x in excluded(rec, "database")["PostgreSQL"])
    assert any("radar" in x for x in excluded(rec, "messaging")["Kafka"])


def test_required_technology_wins_its_topic(book: RuleBook) -> None:
    rec = run(req(constraints={"technologies": {"required": ["MySQL"]}}), book)
    assert rec.decisions["database"].chosen == "MySQL"
    assert any("required" in x for x in excluded(rec, "database")["PostgreSQL"])


def test_weights_are_explained_by_requirements(book: RuleBook) -> None:
    rec = run(req(non_functional={"consistency": "strong"}), book, topic="database")
    trace = rec.decisions["database"].weight_trace
    strong = [w for w in trace if w.rule == "weight.strong-consistency"]
    assert strong and strong[0].delta == 2 and strong[0].criterion == "consistency"
    assert "non_functional.consistency" in strong[0].when


def test_user_weights_override_and_validate(book: RuleBook) -> None:
    rec = run(req(), book, topic="database", override={"cost": 9})
    d = rec.decisions["database"]
    assert d.weights["cost"] == 9
    assert d.weight_trace[-1].rule == "override"
    with pytest.raises(InputError):
        run(req(), book, override={"speed": 1})
    with pytest.raises(InputError):
        run(req(), book, topic="databases")


def test_scores_normalised_sorted_and_explained(book: RuleBook) -> None:
    rec = run(req(functional={"data": {"model": "relational"}}), book)
    for d in rec.decisions.values():
        scores = [(-x.score, x.name.casefold()) for x in d.ranked]
        assert scores == sorted(scores)
        for x in d.ranked:
            assert 0 <= x.score <= 1
            assert all(c.reason for c in x.criteria)
            assert abs(sum(c.contribution for c in x.criteria) - x.score) < 1e-3


def test_sensitivity_changes_really_flip_the_winner(book: RuleBook) -> None:
    r = req(functional={"data": {"model": "relational"}}, non_functional={"consistency": "strong"})
    d = run(r, book, topic="database").decisions["database"]
    flips = [s for s in d.sensitivity if s.change_to_flip is not None]
    assert flips
    for s in flips[:4]:
        new = max(
            0.0, s.weight + s.change_to_flip * 1.05 + (0.01 if s.change_to_flip > 0 else -0.01)
        )
        again = run(r, book, topic="database", override={s.criterion: new})
        assert again.decisions["database"].chosen != d.chosen, s


def test_unknown_requirements_lower_confidence_and_ask(book: RuleBook) -> None:
    known = run(
        req(
            functional={"data": {"model": "relational"}, "realtime": False},
            non_functional={"consistency": "strong", "users": {"concurrent": 100}},
        ),
        book,
    )
    unknown = run(req(), book)
    assert unknown.decisions["database"].confidence < known.decisions["database"].confidence
    assert "functional.data.model" in unknown.decisions["database"].unknown
    assert any(q.field == "functional.data.model" for q in unknown.questions)
    assert any("unknown" in w for w in unknown.warnings)


def test_irrelevant_topics_are_skipped(book: RuleBook) -> None:
    rec = run(req(functional={"realtime": False, "clients": ["ios"]}), book)
    assert not rec.decisions["realtime"].relevant and rec.decisions["realtime"].chosen is None
    assert "realtime" not in rec.options[0].components


def test_deterministic(book: RuleBook) -> None:
    r = req(functional={"realtime": True, "data": {"model": "relational"}})
    a = json.dumps(run(r, book).model_dump(mode="json"), sort_keys=False)
    b = json.dumps(run(r, book).model_dump(mode="json"), sort_keys=False)
    assert a == b


def test_missing_non_functional_requirements_is_said_first(book: RuleBook) -> None:
    bare = run(req(), book)
    assert bare.warnings[0].startswith("Not enough information")
    nfr = next(c for c in bare.principles if c.id == "check.nfr-known")
    assert nfr.status == "fail"
    sized = run(
        req(
            non_functional={
                "users": {"concurrent": 1000},
                "latency": {"p99_ms": 300},
                "availability_percent": 99.9,
            }
        ),
        book,
    )
    assert not any(w.startswith("Not enough information") for w in sized.warnings)
    assert bare.recommendation.confidence < sized.recommendation.confidence


@settings(max_examples=12, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["cost", "maturity", "data_model_fit", "scale_shape", "ecosystem"]),
        st.floats(min_value=0, max_value=20, allow_nan=False),
        max_size=3,
    )
)
def test_any_weights_keep_scores_normalised_and_sorted(weights: dict[str, float]) -> None:
    book = sources.rulebook(sources.knowledge())
    r = req(functional={"data": {"model": "relational"}}, non_functional={"consistency": "strong"})
    d = run(r, book, topic="database", override=weights).decisions["database"]
    assert all(0 <= x.score <= 1 for x in d.ranked)
    keys = [(-x.score, x.name.casefold()) for x in d.ranked]
    assert keys == sorted(keys)
    assert 0 <= d.confidence <= 1
