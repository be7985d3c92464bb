"""Registry data: what an ingest carries, and the views the front ends show."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from archwise.schema import BodyModel, Model

Ring = Literal["adopt", "trial", "assess", "hold"]
RINGS: tuple[Ring, ...] = ("adopt", "trial", "assess", "hold")

MAX_TEXT = 200_000


class AdrDoc(Model):
    """One ADR of a repository: where it is, its header fields and its full Markdown text."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(min_length=1, max_length=500)
    number: int | None = Field(None, ge=0, le=1_000_000_000)
    title: str = Field("", max_length=2_000)
    status: str | None = Field(None, max_length=40)
    date: str | None = Field(None, max_length=40)
    text: str = Field("", max_length=MAX_TEXT)

    @field_validator("path", "title", "status", "date", "text", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        """NUL characters become U+FFFD: PostgreSQL text cannot hold them, SQLite can."""
        return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


class StackItem(Model):
    """A technology detected in a repository, with the evidence that proves it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    category: str = Field("", max_length=64)
    evidence: list[dict[str, Any]] = Field(default_factory=list, max_length=50)


class RepositoryPayload(Model):
    """Everything ingested about one repository: identity, ADRs, stack and analysis summary."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, pattern=r"^[^\s/\\][^/\\]*$")
    location: str = Field("", max_length=2_000)
    adrs: list[AdrDoc] = Field(default_factory=list, max_length=20_000)
    stack: list[StackItem] = Field(default_factory=list, max_length=2_000)
    summary: dict[str, Any] = Field(default_factory=dict)


class IngestRequest(BodyModel):
    """A batch of repositories sent to a server's ingest endpoint."""

    model_config = ConfigDict(extra="forbid")

    repositories: list[RepositoryPayload] = Field(min_length=1, max_length=100)


class IngestResult(Model):
    """What one ingest stored: the repository, and whether it was new."""

    name: str
    created: bool
    adrs: int
    stack: int
    attempts: int


class RepositoryRow(Model):
    """A repository as listed: name, where it came from, when, and what it holds."""

    name: str
    location: str
    ingested_at: str
    adrs: int
    technologies: list[str]
    summary: dict[str, Any]


class AdrRow(Model):
    """An ADR of some repository as listed or found (text only when asked for)."""

    repository: str
    path: str
    number: int | None
    title: str
    status: str | None
    date: str | None
    snippet: str = ""
    text: str | None = None


class AdrPage(Model):
    """A page of ADRs across the registry, and how many match in all."""

    total: int
    offset: int
    limit: int
    records: list[AdrRow]


class TechUse(Model):
    """Which repositories use a technology, and where the radar puts it."""

    technology: str
    ring: str | None
    repositories: list[dict[str, Any]]


class RadarItem(Model):
    """One blip as imported or stored: the ring of a technology on a date."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    ring: Ring
    quadrant: str = Field("", max_length=100)
    description: str = ""
    is_new: bool = False
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class RadarMove(Model):
    """A recorded move of a technology into a ring (from its previous ring, if it had one)."""

    name: str
    ring: Ring
    from_ring: Ring | None = None
    date: str
    description: str = ""
    source: str = ""


class RadarImport(Model):
    """A parsed radar file: its blips and, for formats that carry it, their history."""

    title: str = ""
    items: list[RadarItem]
    moves: list[RadarMove] = Field(default_factory=list)


class RadarBlip(Model):
    """A technology on the registry radar with the repositories that use it."""

    name: str
    ring: Ring | None
    quadrant: str
    description: str
    is_new: bool
    date: str | None
    users: list[str]
    on_hold_but_used: bool
    history: list[RadarMove]


class RadarView(Model):
    """The registry radar: blips in ring order, then technologies in use but not placed."""

    rings: list[str]
    blips: list[RadarBlip]
    unplaced: list[RadarBlip]
    flagged: list[str]
    moves: list[RadarMove]
