"""Errors shared by every package and front end, with the exit code each one maps to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2


class ArchwiseError(Exception):
    """Base class of every error archwise reports to a user."""

    exit_code: int = EXIT_BAD_INPUT

    def to_dict(self) -> dict[str, Any]:
        """Return the error as a JSON-ready mapping."""
        return {"type": type(self).__name__, "message": str(self)}


@dataclass
class Problem:
    """One located problem in an input: file, line, field and what would be valid."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        what = f"{self.field}: " if self.field else ""
        tail = ""
        if self.line is not None and not self.file:
            tail = f" (line {self.line})"
        return f"{where}{what}{self.message}{tail}"

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready mapping."""
        return {"message": self.message, "file": self.file, "line": self.line, "field": self.field}


@dataclass
class InputError(ArchwiseError):
    """Bad input: a file, an argument or a value that cannot be used (exit 2)."""

    problems: list[Problem] = field(default_factory=list)

    def __init__(
        self,
        message: str | None = None,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        if problems is None:
            problems = [
                Problem(
                    message or "invalid input",
                    str(file) if file is not None else None,
                    line,
                    field,
                )
            ]
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """Return the error and its problems as a JSON-ready mapping."""
        return {
            "type": type(self).__name__,
            "message": str(self),
            "problems": [p.to_dict() for p in self.problems],
        }


class NotFoundError(ArchwiseError):
    """Something named by the user does not exist (exit 2)."""


class ConflictError(ArchwiseError):
    """The request contradicts the current state, e.g. advancing a blocked phase (exit 2)."""


class MissingExtraError(ArchwiseError):
    """An optional extra is needed but not installed (exit 2)."""

    def __init__(self, extra: str, module: str) -> None:
        super().__init__(
            f"this needs the '{extra}' extra ({module} is not installed): "
            f"pip install 'archwise[{extra}]'"
        )
