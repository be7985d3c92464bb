"""An organisation's technology radar: which technologies to adopt, trial, assess or hold."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from archwise.schema import Model

Ring = Literal["adopt", "trial", "assess", "hold"]
RINGS: tuple[str, ...] = Ring.__args__  # type: ignore[attr-defined]
Quadrant = Literal["languages", "frameworks", "platforms", "tools", "techniques", "data"]


class RadarEntry(Model):
    """One blip: a knowledge-base name and the ring the organisation puts it in."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="a technology or pattern name (or alias)")
    ring: Ring
    quadrant: Quadrant | None = None
    reason: str | None = Field(None, description="why it is in this ring")
    moved_from: Ring | None = Field(None, description="the ring of the previous radar")


class Radar(Model):
    """A dated radar file: `{title, date, entries: [...]}`."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    date: dt.date
    entries: list[RadarEntry] = Field(default_factory=list)
