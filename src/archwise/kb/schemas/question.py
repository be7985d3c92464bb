"""A clarifying question of the spec's "Questions to Ask", and the requirement field it fills."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from archwise.kb.schemas.technology import Topic
from archwise.schema import Model

Section = Literal[
    "functional",
    "non_functional",
    "constraints_technical",
    "constraints_business",
    "constraints_organizational",
    "technology",
    "risk",
]


class Question(Model):
    """One question: what to ask, which requirement it answers and how much the answer matters."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="stable id, e.g. latency-p99")
    field: str | None = Field(
        None,
        pattern=r"^[a-z_0-9]+(\.[a-z_0-9]+)*$",
        description="dotted path into the requirements file it fills; none for questions asked "
        "of each decision (technology selection, risk)",
    )
    question: str = Field(min_length=1, description="what to ask, in plain words")
    why: str = Field(min_length=1, description="what the answer changes in a recommendation")
    impact: float = Field(ge=0, le=1, description="how much the answer moves decisions, 0..1")
    topics: list[Topic] = Field(default_factory=list, description="decision topics it moves")
    section: Section = Field(description="where the spec asks it")
    example: str | None = Field(None, description="a typical answer, as YAML or words")
    skip_if: dict[str, list[str | int | float | bool]] = Field(
        default_factory=dict,
        description="not asked when any of these dotted fields has one of the listed values, "
        "e.g. {constraints.deployment: [on-prem]}",
    )
