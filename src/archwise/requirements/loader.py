"""Reading archwise.yaml: bounded, parsed with lines, validated, checked across fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archwise import yamlio
from archwise.cache import code_stamp, memo
from archwise.errors import InputError, Problem
from archwise.fileio import read_text
from archwise.requirements.checks import cross_field_findings
from archwise.requirements.models import Requirements

# A requirements file is a few kilobytes; anything this large is a mistake and is refused by its
# size alone, without being read.
MAX_REQUIREMENTS_BYTES = 2 * 1024 * 1024
WHAT = "requirements file"


@dataclass
class Loaded:
    """A valid requirements file and the warnings it deserves."""

    requirements: Requirements
    warnings: list[Problem] = field(default_factory=list)


def parse_requirements(text: str, file: str | Path | None = None) -> Requirements:
    """Parse and validate requirements YAML text, raising a located InputError on any problem."""
    return parse_with_warnings(text, file).requirements


def load_requirements(path: str | Path) -> Requirements:
    """Read, parse and validate a requirements file."""
    return load_with_warnings(path).requirements


def load_with_warnings(path: str | Path) -> Loaded:
    """Read a requirements file, returning it with its cross-field warnings."""
    text = read_text(path, limit=MAX_REQUIREMENTS_BYTES, what=WHAT)
    return parse_with_warnings(text, path)


def parse_with_warnings(text: str, file: str | Path | None = None) -> Loaded:
    """Parse requirements text, returning the model and its cross-field warnings.

    A text that was valid before is read back from the cache (keyed by the text, the file name
    the warnings carry and the code's stamp) instead of being parsed and validated again.
    """
    key = f"{code_stamp(Path(__file__).parent)}\0{file}\0{text}"
    return memo("requirements-validated", key, lambda: _parse(text, file))


def _parse(text: str, file: str | Path | None) -> Loaded:
    from ruamel.yaml.comments import CommentedMap

    if "\x00" in text:
        raise InputError(f"{WHAT} is binary, expected UTF-8 text", file=file)
    data = yamlio.parse(text, file=file)
    if data is None:
        raise InputError(
            f"{WHAT} is empty; it needs at least `name: <system name>`", file=file, line=1
        )
    if not isinstance(data, CommentedMap):
        raise InputError(
            f"{WHAT} must be a mapping of keys (name:, functional:, non_functional:, "
            f"constraints:), got {_kind(data)}",
            file=file,
            line=1,
        )
    req = yamlio.validate(Requirements, data, file=file)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    where = str(file) if file is not None else None
    for finding in cross_field_findings(req):
        loc = tuple(finding.field.split("."))
        problem = Problem(finding.message, where, yamlio.line_of(data, loc), finding.field)
        (errors if finding.severity == "error" else warnings).append(problem)
    if errors:
        raise InputError(problems=errors)
    return Loaded(req, warnings)


def _kind(data: object) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        text = data if len(data) <= 40 else data[:37] + "..."
        return f"the text {text!r}"
    return f"{type(data).__name__} {data!r}"
