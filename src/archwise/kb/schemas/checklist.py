"""A checklist: items with stable ids that reviews, analysis and plans tick off."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from archwise.kb.schemas.technology import Detect, Source
from archwise.schema import Model

ItemKind = Literal["check", "question", "red_flag"]


class Item(Model):
    """One item: a check to satisfy, a question to answer, or a red flag to avoid."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="stable id within its list")
    text: str = Field(min_length=1)
    kind: ItemKind = "check"
    why: str | None = Field(None, description="what goes wrong without it")
    required: bool = Field(True, description="false: recommended, not mandatory")
    field: str | None = Field(
        None,
        description="dotted requirements field that answers it, e.g. constraints.team.engineers",
    )
    fact: str | None = Field(None, description="Technology field that answers it, e.g. hiring")
    threshold: float | None = Field(None, description="the number the item compares against")
    detect: Detect | None = Field(None, description="what proves it in a codebase")


def unique_ids(items: list[Item]) -> None:
    """Raise ValueError when two items share an id."""
    seen: set[str] = set()
    for it in items:
        if it.id in seen:
            raise ValueError(f"item id '{it.id}' is used twice; ids must be unique")
        seen.add(it.id)


class Checklist(Model):
    """A named list of items from the spec (observability, module design, readiness, ...)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    applies_to: str = Field(
        min_length=1, description="what it is run against: service, module, ..."
    )
    principle: str | None = Field(None, description="id of the principle it puts into practice")
    pass_rule: str | None = Field(None, description="how the items combine into a verdict")
    items: list[Item] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Checklist:
        unique_ids(self.items)
        return self

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError when absent)."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)
