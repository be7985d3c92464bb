"""A design pattern entry of the knowledge base: when to use it and what it costs."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from archwise.kb.schemas.technology import Score, Source, Topic
from archwise.schema import Model


class Pattern(Model):
    """A decomposition, communication, data or architectural pattern."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(min_length=1, description="canonical name, e.g. CQRS")
    aliases: list[str] = Field(default_factory=list)
    topics: list[Topic] = Field(min_length=1, description="decisions it is a candidate for")
    summary: str = Field(min_length=1)
    use_when: list[str] = Field(default_factory=list)
    avoid_when: list[str] = Field(default_factory=list)
    benefits: list[str] = Field(default_factory=list)
    tradeoffs: list[str] = Field(default_factory=list)
    mitigations: list[str] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list, description="how to apply it, in order")
    options: list[str] = Field(default_factory=list, description="technologies that implement it")
    libraries: dict[str, list[str]] = Field(default_factory=dict, description="by language")
    ops_complexity: Score
    components_added: int = Field(0, ge=0, description="moving parts it adds to the system")
    first_described: int | None = Field(None, ge=1960, le=2100)
    related: list[str] = Field(default_factory=list)
    style: Literal["synchronous", "asynchronous"] | None = Field(
        None, description="for communication patterns"
    )
    anti_pattern_for: list[str] = Field(
        default_factory=list, description="names of patterns in which this one is an anti-pattern"
    )
    variants: dict[str, str] = Field(
        default_factory=dict, description="named variants and what sets each apart"
    )
    checklists: list[str] = Field(default_factory=list, description="ids of checklists to apply")
    sources: list[Source] = Field(min_length=1)
