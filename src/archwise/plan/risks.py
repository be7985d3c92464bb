"""The risk register: the spec's Risk Assessment asked of each decision, scored and ranked."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, computed_field

from archwise.errors import InputError, NotFoundError
from archwise.kb.schemas.risk import RiskQuestion
from archwise.schema import Model

Status = Literal["open", "mitigating", "accepted", "closed"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


class Risk(Model):
    """One risk: what could go wrong with a decision, how likely, how bad, and the answers."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    decision: str | None = Field(None, description="the decision topic, e.g. database")
    choice: str | None = Field(None, description="what was chosen")
    alternative: str | None = Field(None, description="the runner-up, the natural fallback")
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    status: Status = "open"
    owner: str | None = None
    answers: dict[str, str] = Field(default_factory=dict, description="by question id")
    notes: str | None = None
    source: Literal["recommendation", "manual"] = "manual"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def exposure(self) -> int:
        """Likelihood times impact (1..25)."""
        return self.likelihood * self.impact


class Register(Model):
    """A risk register of one subject (a requirements file)."""

    subject: str
    risks: list[Risk] = Field(default_factory=list)

    def ranked(self) -> list[Risk]:
        """Risks by exposure, then impact, then id (closed ones last)."""
        return sorted(
            self.risks, key=lambda r: (r.status == "closed", -r.exposure, -r.impact, r.id)
        )

    def get(self, risk_id: str) -> Risk:
        """The risk with this id."""
        for r in self.risks:
            if r.id == risk_id:
                return r
        known = ", ".join(r.id for r in self.ranked()) or "none yet"
        raise NotFoundError(
            f"no risk '{risk_id}' in the register of {self.subject}; known: {known}"
        )


def slug(text: str) -> str:
    """A lower-case id made of letters, digits and dashes."""
    s = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return s or "risk"


def _fill(template: str, choice: str, topic: str, alternative: str) -> str:
    return template.format(choice=choice, topic=topic.replace("_", " "), alternative=alternative)


def assess_decision(
    topic: str,
    choice: str,
    confidence: float | None,
    alternative: str | None,
    questions: list[RiskQuestion],
) -> Risk:
    """Draft the risk of one decision from the Risk Assessment questions."""
    qs = sorted(questions, key=lambda q: q.order)
    alt = alternative or "the runner-up"

    def mean(side: str) -> float:
        vals = [q.scores.get(topic, q.default_score) for q in qs if q.weighs == side]  # type: ignore[call-overload]
        return sum(vals) / len(vals) if vals else 3.0

    doubt = 0.0 if confidence is None else 2.0 * (0.5 - confidence)
    likelihood = min(5, max(1, round(mean("likelihood") + doubt)))
    impact = min(5, max(1, round(mean("impact"))))
    answers = {
        q.id: _fill(q.answers.get(topic, q.default_answer), choice, topic, alt)  # type: ignore[call-overload]
        for q in qs
    }
    return Risk(
        id=slug(f"{topic}-{choice}"),
        title=f"{choice} as the {topic.replace('_', ' ')} choice",
        decision=topic,
        choice=choice,
        alternative=alternative,
        likelihood=likelihood,
        impact=impact,
        answers=answers,
        source="recommendation",
    )


def from_recommendation(
    recommendation: dict[str, Any], questions: list[RiskQuestion]
) -> list[Risk]:
    """One drafted risk per decision of a recommendation (its `--json` document)."""
    out: list[Risk] = []
    decisions = recommendation.get("decisions") or {}
    for topic in sorted(decisions):
        d = decisions[topic] or {}
        chosen = d.get("chosen")
        if not chosen:
            continue
        ranked = [r.get("name") for r in d.get("ranked") or [] if isinstance(r, dict)]
        alt = next((n for n in ranked if n and n != chosen), None)
        conf = d.get("confidence")
        out.append(
            assess_decision(
                topic, str(chosen), float(conf) if conf is not None else None, alt, questions
            )
        )
    return out


def merge(existing: Register, drafted: list[Risk]) -> Register:
    """Add drafted risks not yet in the register; never overwrite what people edited."""
    have = {r.id for r in existing.risks}
    risks = [*existing.risks, *(r for r in drafted if r.id not in have)]
    return Register(subject=existing.subject, risks=risks)


def add(register: Register, risk: Risk) -> Register:
    """Add a new risk (its id must be new)."""
    if any(r.id == risk.id for r in register.risks):
        raise InputError(f"a risk '{risk.id}' exists already; use update", field="id")
    return Register(subject=register.subject, risks=[*register.risks, risk])


def update(register: Register, risk_id: str, changes: dict[str, Any]) -> Register:
    """Change fields of one risk, validated."""
    current = register.get(risk_id)
    data = current.model_dump(exclude={"exposure"})
    answers = dict(data.get("answers") or {})
    answers.update(changes.pop("answers", None) or {})
    data.update({k: v for k, v in changes.items() if v is not None})
    data["answers"] = answers
    try:
        new = Risk.model_validate(data)
    except Exception as exc:
        raise InputError(f"invalid change to risk '{risk_id}': {exc}") from None
    return Register(
        subject=register.subject,
        risks=[new if r.id == risk_id else r for r in register.risks],
    )
