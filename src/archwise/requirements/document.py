"""The requirements file as a commented YAML tree: a blank template, and setting dotted fields."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from archwise.errors import InputError
from archwise.requirements.models import Requirements
from archwise.requirements.schema import FieldSpec, _model_of, field_specs, section_specs

COMMENT_COLUMN = 40
HEADER = """\
archwise requirements file: what the system must do, how well, and within which limits.
Validate it with `archwise check-requirements archwise.yaml`; see what is still unknown with
`archwise questions archwise.yaml`; editors validate it with `archwise schema requirements`.
Units live in key names (_ms, _percent, _usd_per_month, _months, _days); enumerations are
lower-case words listed beside each key. A key left empty is unknown: archwise asks about it
instead of assuming a default."""


def _hint(spec: FieldSpec) -> str:
    """The comment beside a key: what it means and what it accepts."""
    text = spec.description
    if spec.choices:
        words = " | ".join(spec.choices)
        if not all(c in text for c in spec.choices):
            text = f"{text}: {words}" if text else words
    elif spec.answer_type == "boolean":
        text += " (true | false)"
    elif spec.answer_type in {"integer", "number"}:
        kind = "whole number" if spec.answer_type == "integer" else "number"
        if spec.minimum is not None:
            sign = ">" if spec.exclusive_minimum else ">="
            kind += f" {sign} {spec.minimum:g}"
        if spec.maximum is not None:
            kind += f", <= {spec.maximum:g}"
        text += f" ({kind})"
    elif spec.answer_type == "list":
        if spec.item_keys:
            text += f"; each: {{{', '.join(spec.item_keys)}}}"
        elif spec.item_choices and not all(c in text for c in spec.item_choices):
            text += f"; list of: {' | '.join(spec.item_choices)}"
        elif "list" not in text:
            text += " (a list)"
    elif spec.answer_type == "mapping" and not all(c in text for c in spec.item_choices):
        text += f"; values: {' | '.join(spec.item_choices)}"
    if spec.path == "name":
        text = "required: " + text
    return text


def blank_document(model: type[BaseModel] = Requirements, prefix: str = "") -> CommentedMap:
    """Return every key of the schema with an empty (unknown) value and an explaining comment."""
    specs = field_specs()
    sections = section_specs()
    doc = CommentedMap()
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}{key}"
        if path not in specs and path not in sections:
            continue
        inner = _model_of(info.annotation)
        if inner is not None:
            doc[key] = blank_document(inner, path + ".")
            comment = sections.get(path, "")
        else:
            doc[key] = None
            comment = _hint(specs[path])
        if comment:
            doc.yaml_add_eol_comment(comment, key, column=COMMENT_COLUMN)
    if not prefix:
        doc.yaml_set_start_comment(HEADER)
    return doc


def known_paths() -> list[str]:
    """Every settable dotted path: leaf fields and sections."""
    return [*field_specs(), *section_specs()]


def check_path(path: str) -> None:
    """Refuse a dotted path the schema does not have, suggesting the closest one."""
    specs = field_specs()
    if path in specs or path in section_specs():
        return
    parent = path.rpartition(".")[0]
    if parent in specs and specs[parent].answer_type == "mapping" and parent.count(".") >= 2:
        return  # one entry of a free-keyed mapping, e.g. constraints.team.expertise.go
    if _in_model(path):
        return  # a field the interview does not ask (assumptions, architecture rules)
    close = difflib.get_close_matches(path, known_paths(), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise InputError(f"unknown field{hint}", field=path)


def _in_model(path: str) -> bool:
    """Whether a dotted path names a field or section of the requirements model."""
    model: type[BaseModel] | None = Requirements
    for part in path.split("."):
        if model is None:
            return False
        info = next((f for n, f in model.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return False
        model = _model_of(info.annotation)
    return True


def unset_path(doc: CommentedMap, path: str) -> None:
    """Remove a dotted path from a round-trip tree, and the sections it leaves empty."""
    parts = path.split(".")
    chain = [doc]
    for part in parts[:-1]:
        child = chain[-1].get(part)
        if not isinstance(child, CommentedMap):
            return
        chain.append(child)
    chain[-1].pop(parts[-1], None)
    for depth in range(len(chain) - 1, 0, -1):
        if len(chain[depth]) == 0:
            chain[depth - 1].pop(parts[depth - 1], None)


def yaml_value(value: Any) -> Any:
    """Turn a plain value into round-trip YAML, short lists and mappings in flow style."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, dict):
        out = CommentedMap((str(k), yaml_value(v)) for k, v in value.items())
        if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 6:
            out.fa.set_flow_style()
        return out
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(yaml_value(v) for v in value)
        short = all(isinstance(v, (int, float, bool)) or len(str(v)) <= 20 for v in value)
        if short and len(value) <= 8 and not any(isinstance(v, (dict, list)) for v in value):
            seq.fa.set_flow_style()
        return seq
    return value


def set_path(doc: CommentedMap, path: str, value: Any) -> None:
    """Set a dotted path in a round-trip tree, creating missing sections and keeping comments."""
    parts = path.split(".")
    node = doc
    for i, part in enumerate(parts[:-1]):
        child = node.get(part)
        if not isinstance(child, CommentedMap):
            if child is not None:
                where = ".".join(parts[: i + 1])
                raise InputError(f"is not a mapping, cannot set {path} inside it", field=where)
            child = CommentedMap()
            node[part] = child
        node = child
    node[parts[-1]] = yaml_value(value)
