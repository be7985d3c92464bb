"""The one ADR model every format parses into and renders from."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, computed_field

from archwise.adr.ident import record_id
from archwise.adr.vocab import LIFECYCLE, state
from archwise.schema import Model

__all__ = ["FORMATS", "LIFECYCLE", "Adr", "Consequences", "ConvertReport", "DueRecord", "Finding"]
__all__ += ["Format", "Link", "Option", "Section", "Severity", "Summary"]

Format = Literal["spec", "nygard", "madr2", "madr3", "madr4", "log4brains"]
FORMATS: tuple[Format, ...] = ("spec", "nygard", "madr2", "madr3", "madr4", "log4brains")
Severity = Literal["error", "warning"]


class Link(Model):
    """A typed link from one record to another, e.g. `Superseded by [3. Title](0003-title.md)`."""

    kind: str
    target: int | None = None
    title: str = ""
    href: str = ""


class Option(Model):
    """An option that was considered, with its arguments."""

    name: str
    description: str = ""
    pros: list[str] = Field(default_factory=list)
    cons: list[str] = Field(default_factory=list)
    neutral: list[str] = Field(default_factory=list)
    why_not: str = ""


class Consequences(Model):
    """What follows from the decision, grouped the way the spec groups it."""

    positive: list[str] = Field(default_factory=list)
    negative: list[str] = Field(default_factory=list)
    neutral: list[str] = Field(default_factory=list)
    other: dict[str, list[str]] = Field(default_factory=dict)
    text: str = ""

    def is_empty(self) -> bool:
        """True when nothing is recorded."""
        return not (self.positive or self.negative or self.neutral or self.other or self.text)


class Section(Model):
    """A section a format does not know, kept verbatim."""

    heading: str
    body: str


class Adr(Model):
    """An Architecture Decision Record, whatever format it was written in."""

    number: int | None = None
    title: str = ""
    status: str | None = None
    date: str | None = None
    deciders: list[str] = Field(default_factory=list)
    consulted: list[str] = Field(default_factory=list)
    informed: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    context: str = ""
    drivers: list[str] = Field(default_factory=list)
    decision: str = ""
    chosen: Option | None = None
    alternatives: list[Option] = Field(default_factory=list)
    consequences: Consequences = Field(default_factory=Consequences)
    implementation_notes: str = ""
    success_metrics: list[str] = Field(default_factory=list)
    confirmation: str = ""
    review_date: str = ""
    links: list[Link] = Field(default_factory=list)
    fields: dict[str, str] = Field(default_factory=dict)
    extra_sections: list[Section] = Field(default_factory=list)
    preamble: str = ""
    front_matter: dict[str, str] = Field(default_factory=dict)
    format: Format = "spec"
    path: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        """The record's id: its number when it has one, else its file (or folder) name."""
        return record_id(self.path or "", self.number)

    @property
    def lifecycle_status(self) -> str | None:
        """The canonical status in the default vocabulary (superseded when only a link says so)."""
        return state(self.status, (link.kind for link in self.links))


class Finding(Model):
    """One lint finding: what is wrong, where, and how bad."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    number: int | None = None


class Summary(Model):
    """The short form of a record, for lists and JSON exports."""

    number: int | None
    id: str = ""
    title: str
    status: str | None
    date: str | None
    review_date: str
    format: Format
    path: str
    links: list[Link] = Field(default_factory=list)


class ConvertReport(Model):
    """The result of converting records: files written and what the target format could not hold."""

    target: Format
    written: list[str] = Field(default_factory=list)
    dropped: dict[str, list[str]] = Field(default_factory=dict)


class DueRecord(Model):
    """A record whose review date has passed."""

    number: int | None
    title: str
    path: str
    review_date: str
    due: str
    days_overdue: int
