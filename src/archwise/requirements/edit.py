"""Writing requirements files: a new commented file, and dotted values set into an existing one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from archwise import yamlio
from archwise.errors import InputError, Problem
from archwise.fileio import atomic_write, read_text
from archwise.requirements.document import blank_document, check_path, set_path, unset_path
from archwise.requirements.loader import MAX_REQUIREMENTS_BYTES, WHAT, parse_requirements
from archwise.requirements.models import Requirements
from archwise.requirements.schema import field_specs


def _validated(text: str, path: Path) -> Requirements:
    """Validate text about to be written; errors name the field, and nothing is written."""
    size = len(text.encode("utf-8"))
    if size > MAX_REQUIREMENTS_BYTES:
        # The file must stay readable: every later command reads it under this limit.
        raise InputError(
            f"the {WHAT} would be {size / 1_048_576:.1f} MiB; the limit is "
            f"{MAX_REQUIREMENTS_BYTES / 1_048_576:.0f} MiB (nothing was written)",
            file=path,
        )
    try:
        return parse_requirements(text, path)
    except InputError as exc:
        raise InputError(
            problems=[
                Problem(f"{p.message} (nothing was written)", str(path), None, p.field)
                for p in exc.problems
            ]
        ) from None


def render_new(values: Mapping[str, Any]) -> str:
    """Return the text of a new commented requirements file holding values (dotted fields)."""
    doc = blank_document()
    for path, value in values.items():
        check_path(path)
        set_path(doc, path, value)
    return yamlio.dump(doc)


def write_new(path: str | Path, values: Mapping[str, Any], *, force: bool = False) -> Path:
    """Write a new commented requirements file; refuse to overwrite one unless force."""
    target = Path(path)
    if target.exists() and not force:
        raise InputError("already exists; pass --force to overwrite it", file=target)
    if target.is_dir():
        raise InputError("expected a file name, got a directory", file=target)
    text = render_new(values)
    _validated(text, target)
    return atomic_write(target, text)


def set_values(path: str | Path, values: Mapping[str, Any], unset: Sequence[str] = ()) -> None:
    """Write dotted-field values into a requirements file, keeping comments and order.

    A field in `unset` becomes unknown again: empty as `new` writes it (an asked field), or
    gone (any other).
    """
    target = Path(path)
    text = read_text(target, limit=MAX_REQUIREMENTS_BYTES, what=WHAT)
    doc = yamlio.parse(text, file=target)
    if doc is None:
        doc = CommentedMap()
    if not isinstance(doc, CommentedMap):
        raise InputError(f"{WHAT} must be a mapping of keys", file=target, line=1)
    for field, value in values.items():
        check_path(field)
        set_path(doc, field, value)
    asked = field_specs()
    for field in unset:
        check_path(field)
        if field in asked:
            set_path(doc, field, None)
        else:
            unset_path(doc, field)
    new_text = yamlio.dump(doc)
    _validated(new_text, target)
    atomic_write(target, new_text)
