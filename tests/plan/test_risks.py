"""The risk register drafted from a recommendation's decisions."""

from __future__ import annotations

import pytest

from archwise.errors import InputError, NotFoundError
from archwise.kb.loader import load_kb
from archwise.kb.schemas.risk import RiskQuestion
from archwise.plan.risks import Register, Risk, add, from_recommendation, merge, update

REC = {
    "decisions": {
        "cache": {
            "chosen": "Redis",
            "confidence": 0.9,
            "ranked": [{"name": "Redis"}, {"name": "Memcached"}],
        },
        "database": {
            "chosen": "PostgreSQL",
            "confidence": 0.8,
            "ranked": [{"name": "PostgreSQL"}, {"name": "MySQL"}],
        },
        "realtime": {"chosen": "WebSockets", "confidence": 0.3, "ranked": []},
    }
}


def questions() -> list[RiskQuestion]:
    return [q for q in load_kb().documents("risks") if isinstance(q, RiskQuestion)]


def test_every_spec_question_is_in_the_kb() -> None:
    ids = [q.id for q in sorted(questions(), key=lambda q: q.order)]
    assert ids == [
        "blast_radius",
        "rollback",
        "detection",
        "contingency",
        "assumptions",
        "cost_of_being_wrong",
    ]


def test_one_risk_per_decision_with_answers_and_exposure() -> None:
    risks = {r.decision: r for r in from_recommendation(REC, questions())}
    db, cache, rt = risks["database"], risks["cache"], risks["realtime"]
    assert db.impact == 5 and cache.impact <= 2
    assert rt.likelihood > db.likelihood  # low confidence, shaky assumptions
    assert db.exposure == db.likelihood * db.impact
    assert set(db.answers) == {q.id for q in questions()}
    assert "MySQL" in db.answers["cost_of_being_wrong"] or "MySQL" in db.answers["rollback"]
    assert "Redis" in cache.answers["rollback"]
    reg = Register(subject="x", risks=list(risks.values()))
    ranked = [r.decision for r in reg.ranked()]
    assert ranked[-1] == "cache"


def test_merge_keeps_edits_and_update_validates() -> None:
    drafted = from_recommendation(REC, questions())
    reg = merge(Register(subject="x"), drafted)
    edited = update(reg, "database-postgresql", {"likelihood": 1, "status": "accepted"})
    again = merge(edited, from_recommendation(REC, questions()))
    assert again.get("database-postgresql").likelihood == 1
    assert len(again.risks) == 3
    with pytest.raises(InputError):
        update(reg, "database-postgresql", {"impact": 0})
    with pytest.raises(NotFoundError):
        reg.get("nope")
    with pytest.raises(InputError):
        add(reg, Risk(id="cache-redis", title="t", likelihood=1, impact=1))
