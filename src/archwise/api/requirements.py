"""Public API of the requirements capability: load, check, schema, questions, briefs, edits."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from archwise.errors import Problem
from archwise.requirements import edit, loader
from archwise.requirements.answers import parse_answer, parse_assignment
from archwise.requirements.brief import BriefExtraction, ExtractedValue
from archwise.requirements.brief import extract_brief as _extract_brief
from archwise.requirements.models import Requirements
from archwise.requirements.questions import OpenQuestion, all_questions
from archwise.requirements.questions import open_questions as _open_questions
from archwise.requirements.schema import field_specs, json_schema, value_at
from archwise.schema import Model

if TYPE_CHECKING:
    from archwise.kb.loader import KnowledgeBase

__all__ = [
    "AppliedBrief",
    "BriefExtraction",
    "BriefReport",
    "CheckReport",
    "ExtractedValue",
    "OpenQuestion",
    "QuestionsReport",
    "Requirements",
    "apply_brief",
    "brief_report",
    "check_requirements",
    "extract_brief",
    "load_requirements",
    "new_requirements",
    "open_questions",
    "parse_answer",
    "parse_assignment",
    "parse_requirements",
    "pending_questions",
    "read_brief",
    "render_new",
    "requirements_schema",
    "set_values",
]


class CheckReport(Model):
    """The outcome of validating a requirements file that loaded."""

    file: str
    valid: bool = True
    name: str
    warnings: list[dict[str, Any]] = Field(default_factory=list)


class QuestionsReport(Model):
    """What is still unknown about a requirements file, most decisive question first."""

    file: str
    name: str
    open: int
    answered: int
    questions: list[OpenQuestion]


def _kb(start: Path, kb_dirs: list[Path] | None = None) -> KnowledgeBase:
    from archwise.kb.loader import load_kb
    from archwise.workspace import open_workspace

    ws = open_workspace(start, walk=True)
    return load_kb(ws.kb_dirs(kb_dirs), ws.radar_file())


def open_questions(
    path: str | Path, *, include_all: bool = False, kb_dirs: list[Path] | None = None
) -> QuestionsReport:
    """List the questions a requirements file leaves open (include_all: every question)."""
    req = loader.load_requirements(path)
    kb = _kb(Path(path).resolve().parent, kb_dirs)
    everything = all_questions(req, kb)
    listed = everything if include_all else _open_questions(req, kb)
    return QuestionsReport(
        file=str(path),
        name=req.name,
        open=sum(1 for q in everything if q.status == "open"),
        answered=sum(1 for q in everything if q.status == "answered"),
        questions=listed,
    )


def load_requirements(path: str | Path) -> Requirements:
    """Read and validate a requirements file (InputError naming file, line and key)."""
    return loader.load_requirements(path)


def parse_requirements(text: str, file: str | Path | None = None) -> Requirements:
    """Validate requirements given as YAML text."""
    return loader.parse_requirements(text, file)


def check_requirements(path: str | Path) -> CheckReport:
    """Validate a requirements file and report its warnings (errors raise InputError)."""
    loaded = loader.load_with_warnings(path)
    return CheckReport(
        file=str(path),
        name=loaded.requirements.name,
        warnings=[_problem(w) for w in loaded.warnings],
    )


def requirements_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the requirements file."""
    return json_schema()


def _problem(p: Problem) -> dict[str, Any]:
    return {**p.to_dict(), "text": str(p)}


def new_requirements(output: str | Path, values: dict[str, Any], *, force: bool = False) -> Path:
    """Write a new commented requirements file holding values (dotted fields); refuse overwrite."""
    return edit.write_new(output, values, force=force)


def render_new(values: dict[str, Any]) -> str:
    """Return the commented text `new` would write for these values."""
    return edit.render_new(values)


def set_values(path: str | Path, values: dict[str, Any], unset: Sequence[str] = ()) -> None:
    """Write dotted-field values, clearing those in unset, keeping comments; validated, atomic."""
    edit.set_values(path, values, unset)


def pending_questions(
    values: dict[str, Any], *, min_impact: float = 0.0, start: Path | None = None
) -> list[OpenQuestion]:
    """Return the questions the given values (dotted fields) leave open, most decisive first."""
    req = loader.parse_requirements(edit.render_new({"name": "draft", **values}))
    kb = _kb(start or Path.cwd())
    return [q for q in _open_questions(req, kb) if q.impact >= min_impact and q.field != "name"]


class AppliedBrief(Model):
    """What applying a brief to a requirements file did."""

    file: str
    created: bool
    written: dict[str, Any] = Field(default_factory=dict, description="values written")
    kept: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="fields the file already answered differently"
    )
    extraction: BriefExtraction


def extract_brief(text: str) -> BriefExtraction:
    """Read requirement values from a free-text brief, each with the phrase it came from."""
    return _extract_brief(text)


def read_brief(path: str | Path) -> BriefExtraction:
    """Read a brief file (Markdown or text) and extract requirement values from it."""
    from archwise.fileio import read_text

    return _extract_brief(read_text(path, limit=loader.MAX_REQUIREMENTS_BYTES, what="brief"))


class BriefReport(Model):
    """A brief read: what it says, what was written (with --into), what is still open."""

    file: str
    extraction: BriefExtraction
    applied: AppliedBrief | None = None
    open_questions: list[str] = Field(
        default_factory=list, description="fields still unknown, most decisive first"
    )
    problems: list[str] = Field(
        default_factory=list, description="contradictions inside the brief's values"
    )


def brief_report(
    path: str | Path, *, into: str | Path | None = None, overwrite: bool = False
) -> BriefReport:
    """Read a brief file, optionally apply it to a requirements file, and list what is open."""
    from archwise.errors import InputError
    from archwise.fileio import read_text

    text = read_text(path, limit=loader.MAX_REQUIREMENTS_BYTES, what="brief")
    applied = apply_brief(into, text, overwrite=overwrite) if into is not None else None
    extraction = applied.extraction if applied is not None else _extract_brief(text)
    problems: list[str] = []
    try:
        if applied is not None:
            report = open_questions(applied.file)
            pending = [q.field or q.id for q in report.questions]
        else:
            pending = [
                q.field or q.id
                for q in pending_questions(extraction.as_values(), start=Path(path).parent)
            ]
    except InputError as exc:
        problems = [str(p) for p in exc.problems]
        pending = []
    return BriefReport(
        file=str(path),
        extraction=extraction,
        applied=applied,
        open_questions=pending,
        problems=problems,
    )


def apply_brief(path: str | Path, text: str, *, overwrite: bool = False) -> AppliedBrief:
    """Write what a brief says into a requirements file (created when missing).

    Unknown fields are filled in; lists and mappings are merged; a field the file already
    answers differently is kept unless overwrite, and reported.
    """
    from archwise.errors import InputError

    extraction = _extract_brief(text)
    target = Path(path)
    found = extraction.as_values()
    if not target.exists():
        if "name" not in found:
            raise InputError(
                "the brief has no title line ('# System name') to name the new file; "
                "create it first with `archwise new --name NAME`",
                file=target,
            )
        edit.write_new(target, found)
        return AppliedBrief(file=str(target), created=True, written=found, extraction=extraction)
    current = loader.load_requirements(target)
    specs = field_specs()
    written: dict[str, Any] = {}
    kept: dict[str, dict[str, Any]] = {}
    for field, value in found.items():
        old = _plain(value_at(current, field))
        kind = specs[field].answer_type if field in specs else "text"
        if kind == "list" and isinstance(old, list):
            merged = old + [v for v in value if v not in old]
            if merged != old:
                written[field] = merged
        elif kind == "mapping" and isinstance(old, dict):
            for key, item in value.items():
                if key not in old or (overwrite and old[key] != item):
                    written[f"{field}.{key}"] = item
                elif old[key] != item:
                    kept[f"{field}.{key}"] = {"file": old[key], "brief": item}
        elif old is None or (overwrite and old != value):
            written[field] = value
        elif old != value:
            kept[field] = {"file": old, "brief": value}
    if written:
        edit.set_values(target, written)
    return AppliedBrief(
        file=str(target), created=False, written=written, kept=kept, extraction=extraction
    )


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
