"""A bottleneck class: the metrics that reveal it, its symptoms and the remedies to try."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from archwise.kb.schemas.technology import Source
from archwise.schema import Model

Op = Literal[">", ">=", "<", "<="]


class Signal(Model):
    """One observable sign: a metric crossing a threshold, with the symptom it shows."""

    model_config = ConfigDict(extra="forbid")

    metric: str = Field(
        pattern=r"^[a-z_]+\.[a-z0-9_]+$",
        description="dotted metric of the metrics file, e.g. cpu.utilisation_percent",
    )
    op: Op = ">"
    threshold: float = Field(description="where the sign starts")
    severe: float | None = Field(None, description="where it is unmistakable (full weight)")
    weight: float = Field(1.0, gt=0, le=5, description="how strongly it points at this class")
    symptom: str = Field(min_length=1, description="what a person sees, in words")


class Solution(Model):
    """A remedy and when it applies."""

    model_config = ConfigDict(extra="forbid")

    action: str = Field(min_length=1)
    when: str | None = Field(None, description="the situation it suits")


class Bottleneck(Model):
    """One of the spec's bottleneck classes (database, CPU, memory, network, I/O)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="e.g. database")
    name: str = Field(min_length=1, description="e.g. Database")
    summary: str = Field(min_length=1)
    symptoms: list[str] = Field(min_length=1, description="the symptoms, as the spec lists them")
    signals: list[Signal] = Field(min_length=1)
    solutions: list[Solution] = Field(min_length=1, description="the remedies, most usual first")
    sources: list[Source] = Field(min_length=1)
