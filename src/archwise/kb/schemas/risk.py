"""A question of the spec's Risk Assessment, asked of every architectural decision."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from archwise.kb.schemas.technology import Topic
from archwise.schema import Model

Level = Annotated[int, Field(ge=1, le=5)]


class RiskQuestion(Model):
    """One Risk Assessment question, the default answer per topic and how it weighs the risk."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="e.g. blast_radius")
    order: int = Field(ge=1, description="position in the register")
    question: str = Field(min_length=1)
    weighs: Literal["impact", "likelihood", "none"] = Field(
        description="which side of exposure the per-topic scores feed"
    )
    default_score: Level = 3
    scores: dict[Topic, Level] = Field(
        default_factory=dict, description="1 low .. 5 high for a decision on this topic"
    )
    default_answer: str = Field(
        min_length=1, description="template: {choice}, {topic}, {alternative} are filled in"
    )
    answers: dict[Topic, str] = Field(default_factory=dict, description="templates per topic")
