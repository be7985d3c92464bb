"""Which requirements are still unknown, asked as the spec's questions, most decisive first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from archwise.kb.schemas.question import Question
from archwise.requirements.models import Requirements
from archwise.requirements.schema import AnswerType, field_specs, value_at
from archwise.schema import Model

if TYPE_CHECKING:
    from archwise.kb.loader import KnowledgeBase

Status = Literal["open", "answered", "per-decision"]


class OpenQuestion(Model):
    """A question whose answer is missing from the requirements file (or, with all, any)."""

    id: str
    field: str | None
    question: str
    why: str
    impact: float
    topics: list[str] = Field(default_factory=list)
    answer_type: AnswerType | None
    choices: list[str] = Field(default_factory=list, description="allowed values, for choices")
    section: str
    example: str | None = None
    status: Status = "open"
    value: Any = None


def questions_of(kb: KnowledgeBase) -> list[Question]:
    """Return the question entries of the knowledge base."""
    return [q for q in kb.documents("questions") if isinstance(q, Question)]


def _ordered(questions: list[Question]) -> list[Question]:
    # Stable on impact: entries of equal impact keep the order of the data files.
    return sorted(questions, key=lambda q: -q.impact)


def _present(value: Any) -> bool:
    return value is not None


def _as_open(q: Question, status: Status, value: Any = None) -> OpenQuestion:
    specs = field_specs()
    spec = specs.get(q.field) if q.field else None
    return OpenQuestion(
        id=q.id,
        field=q.field,
        question=q.question,
        why=q.why,
        impact=q.impact,
        topics=list(q.topics),
        answer_type=spec.answer_type if spec else None,
        choices=list(spec.choices or spec.item_choices) if spec else [],
        section=q.section,
        example=q.example,
        status=status,
        value=value,
    )


def _skipped(q: Question, req: Requirements) -> bool:
    """True when another answer makes the question moot (its skip_if holds)."""
    return any(value_at(req, field) in values for field, values in q.skip_if.items())


def open_questions(req: Requirements, kb: KnowledgeBase) -> list[OpenQuestion]:
    """Return the questions whose field is absent from req, most decisive first."""
    return [
        _as_open(q, "open")
        for q in _ordered(questions_of(kb))
        if q.field is not None and not _present(value_at(req, q.field)) and not _skipped(q, req)
    ]


def all_questions(req: Requirements, kb: KnowledgeBase) -> list[OpenQuestion]:
    """Return every question with its status: open, answered (with the value) or per-decision."""
    out: list[OpenQuestion] = []
    for q in _ordered(questions_of(kb)):
        if q.field is None:
            out.append(_as_open(q, "per-decision"))
            continue
        value = value_at(req, q.field)
        if not _present(value) and _skipped(q, req):
            continue
        if _present(value):
            shown = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
            if isinstance(shown, list):
                shown = [
                    v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in shown
                ]
            out.append(_as_open(q, "answered", shown))
        else:
            out.append(_as_open(q, "open"))
    return out
