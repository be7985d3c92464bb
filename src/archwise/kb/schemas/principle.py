"""A core architectural principle: its rule, the questions that test it and its red flags."""

from __future__ import annotations

from pydantic import ConfigDict, Field, model_validator

from archwise.kb.schemas.checklist import Item, unique_ids
from archwise.kb.schemas.technology import Source
from archwise.schema import Model


class Example(Model):
    """A worked example of applying the principle: what passes and what does not."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    passes: list[str] = Field(default_factory=list, description="justifications that pass")
    fails: list[str] = Field(default_factory=list, description="justifications that do not")


class Principle(Model):
    """One of the spec's core principles, as checks other capabilities can apply."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$", description="stable id, e.g. proven-over-novel"
    )
    name: str = Field(min_length=1)
    rule: str = Field(min_length=1, description="the principle in one sentence")
    summary: str = Field(min_length=1)
    questions: list[Item] = Field(default_factory=list, description="the evaluation framework")
    red_flags: list[Item] = Field(default_factory=list, description="signs it is being broken")
    practices: list[Item] = Field(default_factory=list, description="what following it looks like")
    thresholds: dict[str, float] = Field(
        default_factory=dict, description="numbers the principle sets, e.g. min_years_in_production"
    )
    checklists: list[str] = Field(default_factory=list, description="ids of related checklists")
    examples: list[Example] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Principle:
        unique_ids([*self.questions, *self.red_flags, *self.practices])
        return self
