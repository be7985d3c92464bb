"""A workload archetype: how a kind of system is recognised, what makes it hard, what fits it."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from archwise.kb.schemas.rule import Adjustment, Expr, Need
from archwise.kb.schemas.technology import Source, Topic
from archwise.schema import Model

Tier = Literal["small", "medium", "large"]
# A workload is a whole kind of system; a concern is a cross-cutting problem any system may have
# (traffic spikes, large uploads, a legacy system of record): it adds hard problems and nudges,
# never the system's canonical components.
Kind = Literal["workload", "concern"]
# What kind of evidence a signal is: a workload quantity of this case crossing a sourced threshold
# (egress, write rate, data size, regions), explicit wording, or a setting of the file (a flag, an
# enumeration). The lead ranks quantities and wording above settings.
Evidence = Literal["quantity", "wording", "setting"]
# The workload-assumption vocabulary shared with the capacity model (CONTRACTS.md).
AssumptionKey = Literal[
    "service_time_ms",
    "response_kb",
    "egress_mbps_per_viewer",
    "cdn_hit_ratio",
    "fanout_per_message",
    "messages_per_user_per_minute",
    "connections_per_node",
    "read_write_ratio",
    "cache_hit_ratio",
    "working_set_fraction",
    "events_per_request",
    "event_kb",
    "object_kb",
    "requests_per_user_per_minute",
    "average_to_peak",
    "blob_fraction",
    "db_service_ms",
    "broker_retention_days",
    "search_index_fraction",
    "concurrent_per_daily_active",
    "daily_active_per_user",
]


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Signal(_Strict):
    """One piece of evidence: a condition on the requirements, or words in their text."""

    when: Expr | None = Field(None, description="expression over the requirements")
    words: list[str] = Field(
        default_factory=list,
        description="phrases looked for in workflows, features, summary and vision (not the name)",
    )
    concepts: list[str] = Field(
        default_factory=list,
        description="ids of lexicon concepts (kb concepts/) whose words count as this signal's",
    )
    weight: float = Field(
        1.0, description="evidence weight; below zero it is evidence against (counter-evidence)"
    )
    why: str = Field(min_length=1, description="what the evidence shows, for `explain`")
    evidence: Evidence | None = Field(
        None,
        description="quantity, wording or setting; unset: wording for words, setting for when",
    )

    @property
    def kind(self) -> Evidence:
        """The kind of evidence this signal is (stated, or read from its form)."""
        if self.evidence is not None:
            return self.evidence
        return "setting" if self.when is not None else "wording"

    @model_validator(mode="after")
    def _one_kind(self) -> Signal:
        if (self.when is None) == (not self.words and not self.concepts):
            raise ValueError("a signal needs exactly one of when or words/concepts")
        if self.weight == 0:
            raise ValueError("a signal's weight is above zero (evidence) or below (against)")
        if self.evidence == "quantity" and self.when is None:
            raise ValueError("a quantity signal is a condition (when) on the requirements' numbers")
        return self


class HardProblem(_Strict):
    """What makes this kind of system hard, and the patterns and components that answer it."""

    problem: str = Field(min_length=1)
    addressed_by: list[str] = Field(min_length=1, description="knowledge-base names or practices")
    why: str = Field(min_length=1)


class AntiPattern(_Strict):
    """An answer an expert would refuse here: the candidates are excluded, with the reason."""

    topics: list[Topic] = Field(min_length=1)
    names: list[str] = Field(min_length=1)
    when: Expr = "true"
    why: str = Field(min_length=1)


class NotNeeded(_Strict):
    """An optional topic this kind of system does without, and what would create the need."""

    topic: Topic
    when: Expr = "true"
    because: str = Field(min_length=1)
    trigger: str = Field(min_length=1)


class CreatedNeed(_Strict):
    """An optional topic a concern makes needed, when its condition holds."""

    topic: Topic
    when: Expr = "true"


class Contradiction(_Strict):
    """What the requirements may also say against this archetype's promise (a conflict)."""

    words: list[str] = Field(default_factory=list, description="phrases that state the contrary")
    concepts: list[str] = Field(default_factory=list, description="lexicon concepts that state it")
    why: str = Field(min_length=1, description="the conflict in one sentence")
    relax: list[str] = Field(min_length=1, description="one sentence per way out")

    @model_validator(mode="after")
    def _evidence(self) -> Contradiction:
        if not self.words and not self.concepts:
            raise ValueError("a contradiction needs words or concepts")
        return self


class Assumption(_Strict):
    """A typical workload number for this kind of system; the requirements file may override it."""

    value: float = Field(ge=0)
    why: str = Field(min_length=1)
    source: str = Field(min_length=1)


class Archetype(_Strict):
    """A workload archetype of the knowledge base."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Kind = "workload"
    name: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    signals: list[Signal] = Field(min_length=2)
    threshold: float = Field(2.0, gt=0, description="evidence weight needed to match")
    requires: Expr | None = Field(None, description="a condition that must hold to match at all")
    hard_problems: list[HardProblem] = Field(min_length=1)
    components: dict[Tier, dict[Topic, list[str]]] = Field(
        default_factory=dict, description="canonical components per scale tier, first is best"
    )
    anti_patterns: list[AntiPattern] = Field(default_factory=list)
    not_needed: list[NotNeeded] = Field(default_factory=list)
    prefer: list[Adjustment] = Field(default_factory=list)
    needs: list[Need] = Field(
        default_factory=list, description="what candidates must be (others are excluded, with why)"
    )
    creates_need: list[CreatedNeed] = Field(
        default_factory=list,
        description="optional topics it makes needed (a queue for work that outlives a request)",
    )
    contradictions: list[Contradiction] = Field(
        default_factory=list,
        description="what the requirements may also say that cannot hold with this archetype",
    )
    assumptions: dict[AssumptionKey, Assumption] = Field(default_factory=dict)
    covers: list[str] = Field(
        default_factory=list,
        description="ids of concerns whose hard problems this workload already names",
    )
    outside_model: str | None = Field(
        None, description="what archwise does not model for this kind of system, said plainly"
    )
    overlaps: list[str] = Field(
        default_factory=list,
        description="ids of entries that name the same problem in other words: when both match, "
        "only the one with the stronger evidence is led",
    )
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _concern_adds_only(self) -> Archetype:
        if self.kind == "concern" and (
            self.components or self.assumptions or self.outside_model or self.covers
        ):
            raise ValueError(
                "a concern adds hard problems, nudges and needs; components, assumptions, "
                "covers and outside_model belong to workload archetypes"
            )
        return self
