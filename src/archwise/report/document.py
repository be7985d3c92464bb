"""The architecture document as data: sections of blocks that Markdown and HTML both render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import Field

from archwise.schema import Model


class ReportData(Model):
    """Everything the report is assembled from (the JSON format of `archwise report`)."""

    title: str
    requirements_file: str | None = None
    requirements: dict[str, Any] | None = None
    open_questions: list[dict[str, Any]] | None = None
    recommendation: dict[str, Any] | None = None
    capacity: dict[str, Any] | None = None
    analysis: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None
    risks: list[dict[str, Any]] | None = None
    adrs: list[dict[str, Any]] | None = None
    missing: dict[str, str] = Field(
        default_factory=dict, description="section -> why it could not be filled"
    )
    generated_by: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Diagram:
    """A diagram: Mermaid text for Markdown, SVG for HTML."""

    title: str
    svg: str
    mermaid: str | None = None


@dataclass(frozen=True)
class Note:
    """A highlighted note (what is missing, a warning)."""

    text: str
    kind: str = "info"


Block = Paragraph | Bullets | Table | Diagram | Note


@dataclass
class Section:
    """A titled section of the document."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Document:
    """The whole document."""

    title: str
    subtitle: str
    sections: list[Section]
    generated_by: str
