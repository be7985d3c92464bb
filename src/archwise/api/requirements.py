"""Public API of the requirements capability: load, check, schema, questions, briefs, edits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from archwise.errors import Problem
from archwise.requirements import loader
from archwise.requirements.models import Requirements
from archwise.requirements.questions import OpenQuestion, all_questions
from archwise.requirements.questions import open_questions as _open_questions
from archwise.requirements.schema import json_schema

if TYPE_CHECKING:
    from archwise.kb.loader import KnowledgeBase

__all__ = [
    "CheckReport",
    "OpenQuestion",
    "QuestionsReport",
    "Requirements",
    "check_requirements",
    "load_requirements",
    "open_questions",
    "parse_requirements",
    "requirements_schema",
]


class CheckReport(BaseModel):
    """The outcome of validating a requirements file that loaded."""

    file: str
    valid: bool = True
    name: str
    warnings: list[dict[str, Any]] = Field(default_factory=list)


class QuestionsReport(BaseModel):
    """What is still unknown about a requirements file, most decisive question first."""

    file: str
    name: str
    open: int
    answered: int
    questions: list[OpenQuestion]


def _kb(start: Path, kb_dirs: list[Path] | None = None) -> KnowledgeBase:
    from archwise.kb.loader import load_kb
    from archwise.workspace import open_workspace

    ws = open_workspace(start)
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
