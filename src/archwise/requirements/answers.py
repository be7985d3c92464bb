"""Turning typed answers ("100", "yes", "web, ios", "go=strong") into values of a field."""

from __future__ import annotations

import re
from typing import Any

from archwise.errors import InputError
from archwise.requirements.document import check_path
from archwise.requirements.schema import AnswerType, FieldSpec, field_specs

TRUE = {"true", "yes", "y", "on", "1"}
FALSE = {"false", "no", "n", "off", "0"}
UNKNOWN = {"", "unknown", "?", "skip", "-", "n/a"}
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9}


def parse_number(text: str) -> float:
    """Parse '100', '1,500', '2.5k', '1M', '99.9%', '$5k' into a number."""
    cleaned = text.strip().lower().replace(",", "").replace("_", "").lstrip("$").rstrip("%")
    match = re.fullmatch(r"([0-9]*\.?[0-9]+)\s*([kmb]?)", cleaned)
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * _SUFFIX.get(match.group(2), 1)


def _split(text: str) -> list[str]:
    inner = text.strip().removeprefix("[").removesuffix("]")
    return [p.strip() for p in re.split(r"[,;]", inner) if p.strip()]


def _spec_for(path: str) -> FieldSpec:
    check_path(path)
    specs = field_specs()
    if path in specs:
        return specs[path]
    parent = specs.get(path.rpartition(".")[0])
    if parent is not None and parent.answer_type == "mapping":
        kind: AnswerType = "choice" if parent.item_choices else "integer"
        return FieldSpec(path, kind, parent.description, choices=parent.item_choices, minimum=0)
    raise InputError("a section, not a single value: set one of its keys", field=path)


def parse_answer(path: str, text: str) -> Any:
    """Convert the text typed for a field into its value; None means unknown."""
    spec = _spec_for(path)
    raw = text.strip()
    if raw.lower() in UNKNOWN:
        return None
    try:
        return _convert(spec, raw)
    except ValueError:
        raise InputError(f"cannot use {raw!r}: {_expected(spec)}", field=path) from None


def _convert(spec: FieldSpec, raw: str) -> Any:
    kind = spec.answer_type
    if kind == "boolean":
        low = raw.lower()
        if low in TRUE:
            return True
        if low in FALSE:
            return False
        raise ValueError(raw)
    if kind == "integer":
        number = parse_number(raw)
        if number != int(number):
            raise ValueError(raw)
        return _bounded(spec, int(number))
    if kind == "number":
        number = parse_number(raw)
        return _bounded(spec, int(number) if number == int(number) else number)
    if kind == "choice":
        low = raw.lower()
        if low not in spec.choices:
            raise ValueError(raw)
        return low
    if kind == "list":
        items = _split(raw)
        if spec.item_keys:
            # a list of records (existing systems): each item names one, the rest stays unknown
            return [{spec.item_keys[0]: i} for i in items]
        if spec.item_choices:
            items = [i.lower() for i in items]
            if any(i not in spec.item_choices for i in items):
                raise ValueError(raw)
        return items
    if kind == "mapping":
        out: dict[str, Any] = {}
        for part in _split(raw):
            key, sep, value = part.partition("=") if "=" in part else part.partition(":")
            if not sep or not key.strip():
                raise ValueError(raw)
            value = value.strip().lower()
            if spec.item_choices:
                if value not in spec.item_choices:
                    raise ValueError(raw)
                out[key.strip().lower()] = value
            else:
                out[key.strip().lower()] = int(parse_number(value))
        return out
    return raw


def _bounded(spec: FieldSpec, number: float) -> Any:
    low = spec.minimum
    if low is not None and (number < low or (spec.exclusive_minimum and number == low)):
        raise ValueError(number)
    if spec.maximum is not None and number > spec.maximum:
        raise ValueError(number)
    return number


def _expected(spec: FieldSpec) -> str:
    kind = spec.answer_type
    if kind == "boolean":
        return "expected yes or no"
    if kind in {"integer", "number"}:
        word = "a whole number" if kind == "integer" else "a number"
        if spec.minimum is not None:
            word += f" {'>' if spec.exclusive_minimum else '>='} {spec.minimum:g}"
        if spec.maximum is not None:
            word += f" and <= {spec.maximum:g}"
        return f"expected {word}"
    if kind == "choice":
        return f"expected one of {', '.join(spec.choices)}"
    if kind == "list":
        if spec.item_choices:
            return f"expected a comma-separated list of {', '.join(spec.item_choices)}"
        return "expected a comma-separated list"
    if kind == "mapping":
        if spec.item_choices:
            return f"expected name=level pairs, levels: {', '.join(spec.item_choices)}"
        return "expected name=count pairs, e.g. backend=2, frontend=1"
    return "expected text"


def parse_assignment(text: str) -> tuple[str, Any]:
    """Parse FIELD=VALUE (as given to --set) into the dotted field and its value."""
    field, sep, value = text.partition("=")
    if not sep or not field.strip():
        raise InputError(f"expected FIELD=VALUE, got {text!r}", field="--set")
    path = field.strip()
    return path, parse_answer(path, value)
