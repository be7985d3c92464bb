"""Public API of the requirements capability: load, check, schema, questions, briefs, edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from archwise.errors import Problem
from archwise.requirements import loader
from archwise.requirements.models import Requirements
from archwise.requirements.schema import json_schema

__all__ = [
    "CheckReport",
    "Requirements",
    "check_requirements",
    "load_requirements",
    "parse_requirements",
    "requirements_schema",
]


class CheckReport(BaseModel):
    """The outcome of validating a requirements file that loaded."""

    file: str
    valid: bool = True
    name: str
    warnings: list[dict[str, Any]] = Field(default_factory=list)


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
