"""Typed form fields built from the requirements JSON Schema, and form values read back as types.

Every field of the schema gets an input: text, numbers, choices and yes/no as single inputs,
lists of words as lines (or check boxes when the items are fixed), key -> value maps and lists
of records (existing systems, layers) as rows of typed inputs, lists of lists as lines of
comma-separated items. Fields the form shows are marked present, so an emptied one is cleared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

UNKNOWN = ""
PRESENT = "_present"
MAX_ROWS = 200
# Composite kinds: their form value is rows or lines, not one text.
ROWS = ("map", "records")


@dataclass
class FormField:
    """One input of the requirements form: a dotted key and how to ask for it."""

    key: str
    label: str
    kind: str  # number, integer, boolean, choice, text, list, multi, groups, map, records
    help: str = ""
    choices: list[str] = field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False
    columns: list[FormField] = field(default_factory=list)  # records: each column; map: key, value

    @property
    def group(self) -> str:
        """The top-level section the field belongs to."""
        return self.key.split(".", 1)[0] if "." in self.key else "general"

    @property
    def dom_id(self) -> str:
        """An HTML id for the input."""
        return dom_id(self.key)

    def cell(self, row: int, column: FormField) -> str:
        """The form name of one cell of a row (records and maps)."""
        return f"{self.key}.{row}.{column.key}"


def dom_id(key: str) -> str:
    """The HTML id of the input named key."""
    return "f-" + key.replace(".", "-")


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        return dict(defs.get(ref.rsplit("/", 1)[-1], {}))
    return node


def _variant(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The non-null variant of an optional field (anyOf [X, null])."""
    options = [n for n in node.get("anyOf", []) if n.get("type") != "null"]
    base = _resolve(options[0], defs) if len(options) == 1 else _resolve(node, defs)
    return {**base, **{k: v for k, v in node.items() if k in ("description", "title")}}


def _leaf(key: str, node: dict[str, Any], required: bool, defs: dict[str, Any]) -> FormField | None:
    kind = node.get("type")
    name = key.rsplit(".", 1)[-1]
    label = name.replace("_", " ")
    help_text = str(node.get("description") or "")
    common: dict[str, Any] = {"key": key, "label": label, "help": help_text, "required": required}
    if "enum" in node:
        return FormField(kind="choice", choices=[str(c) for c in node["enum"]], **common)
    if kind in ("number", "integer"):
        low = node.get("minimum", node.get("exclusiveMinimum"))
        high = node.get("maximum", node.get("exclusiveMaximum"))
        return FormField(kind=kind, minimum=low, maximum=high, **common)
    if kind == "boolean":
        return FormField(kind="boolean", **common)
    if kind == "string":
        return FormField(kind="text", **common)
    if kind == "array":
        items = _resolve(node.get("items") or {}, defs)
        if "enum" in items:
            return FormField(kind="multi", choices=[str(c) for c in items["enum"]], **common)
        if items.get("type") == "string":
            return FormField(kind="list", **common)
        if items.get("type") == "array":
            return FormField(kind="groups", **common)
        if items.get("type") == "object" and items.get("properties"):
            inner = set(items.get("required", []))
            columns = [
                c
                for n, raw in items["properties"].items()
                if (c := _leaf(n, _variant(raw, defs), n in inner, defs)) is not None
            ]
            return FormField(kind="records", columns=columns, **common)
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        value = _leaf("value", _variant(node["additionalProperties"], defs), True, defs)
        if value is None:
            return None
        key_field = FormField(key="key", label="name", kind="text", required=True)
        return FormField(kind="map", columns=[key_field, value], **common)
    return None


def _walk(prefix: str, node: dict[str, Any], defs: dict[str, Any], out: list[FormField]) -> None:
    required = set(node.get("required", []))
    for name, raw in (node.get("properties") or {}).items():
        key = f"{prefix}{name}"
        sub = _variant(raw, defs)
        if sub.get("type") == "object" and sub.get("properties"):
            _walk(key + ".", sub, defs, out)
            continue
        leaf = _leaf(key, sub, name in required, defs)
        if leaf is not None:
            inside = key.split(".")[1:]  # the path below the section, so "required" says where
            leaf.label = " › ".join(inside).replace("_", " ") if len(inside) > 1 else leaf.label
            out.append(leaf)


@cache
def _fields() -> tuple[FormField, ...]:
    from archwise.api.requirements import requirements_schema

    schema = requirements_schema()
    out: list[FormField] = []
    _walk("", schema, schema.get("$defs", {}), out)
    return tuple(out)


def requirement_fields() -> list[FormField]:
    """Every field of the requirements file as a typed input, in schema order."""
    return list(_fields())


# --- from the file to the form --------------------------------------------------------------


def _text(f: FormField, node: Any) -> str:
    if node is None:
        return UNKNOWN
    if isinstance(node, bool):
        return "yes" if node else "no"
    if isinstance(node, list):
        return ", ".join(_text(f, v) for v in node)
    return str(node)


def current_values(data: Any, fields: list[FormField]) -> dict[str, Any]:
    """The form's value for each field from a loaded requirements mapping (empty when unset)."""
    out: dict[str, Any] = {}
    for f in fields:
        node: Any = data
        for part in f.key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        out[f.key] = form_value(f, node)
    return out


def form_value(f: FormField, node: Any) -> Any:
    """What the inputs of one field show for a value from the file."""
    if f.kind == "map":
        items = node.items() if isinstance(node, dict) else []
        return [{"key": str(k), "value": _text(f.columns[1], v)} for k, v in items]
    if f.kind == "records":
        rows = node if isinstance(node, list) else []
        return [
            {c.key: _text(c, r.get(c.key)) for c in f.columns} for r in rows if isinstance(r, dict)
        ]
    if f.kind == "multi":
        return [str(v) for v in node] if isinstance(node, list) else []
    if f.kind in ("list", "groups") and isinstance(node, list):
        return "\n".join(_text(f, v) for v in node)
    return _text(f, node)


def rows_shown(f: FormField, value: Any) -> list[dict[str, str]]:
    """The rows a records or map field shows: its entries and one empty row to add another."""
    rows = list(value) if isinstance(value, list) else []
    return [*rows, {c.key: "" for c in f.columns}]


# --- from the form back to values -----------------------------------------------------------


@dataclass
class Submitted:
    """A form read back: typed values, fields emptied, problems by input name, what to re-show."""

    values: dict[str, Any] = field(default_factory=dict)
    cleared: list[str] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)
    shown: dict[str, Any] = field(default_factory=dict)


def read_form(
    form: Mapping[str, Sequence[str]], fields: list[FormField], separator: str = "\n"
) -> Submitted:
    """Read the submitted inputs of the fields the form showed (a missing field is left alone).

    List items are separated by `separator`: lines in the form's text areas.
    """
    out = Submitted()
    present = set(form.get(PRESENT, ()))
    for f in fields:
        if f.kind in ROWS:
            rows = _rows(form, f)
            if f.key not in present and not rows:
                continue
            out.shown[f.key] = rows
            value = _typed_rows(f, rows, out.problems)
        elif f.kind == "multi":
            if f.key not in present and f.key not in form:
                continue
            picked = [v for v in form.get(f.key, ()) if v]
            out.shown[f.key] = picked
            bad = [v for v in picked if v not in f.choices]
            if bad:
                out.problems[f.key] = f"choose from {', '.join(f.choices)}"
                continue
            value = [c for c in f.choices if c in picked] or None
        else:
            if f.key not in present and f.key not in form:
                continue
            text = _first(form, f.key)[:10_000]
            out.shown[f.key] = text
            try:
                value = typed(f, text.strip(), separator)
            except ValueError as exc:
                out.problems[f.key] = str(exc)
                continue
        if value is None:
            out.cleared.append(f.key)
        else:
            out.values[f.key] = value
    return out


def _first(form: Mapping[str, Sequence[str]], name: str) -> str:
    values = form.get(name) or ("",)
    return values[0] if values else ""


def _rows(form: Mapping[str, Sequence[str]], f: FormField) -> list[dict[str, str]]:
    """The non-empty rows submitted for a records or map field."""
    rows = []
    for i in range(MAX_ROWS):
        if not any(f.cell(i, c) in form for c in f.columns):
            break
        row = {c.key: _first(form, f.cell(i, c))[:2_000] for c in f.columns}
        if any(v.strip() for v in row.values()):
            rows.append(row)
    return rows


def _typed_rows(f: FormField, rows: list[dict[str, str]], problems: dict[str, str]) -> Any:
    """Typed entries of a map or records field (None when there is none); problems by cell."""
    typed_rows: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        entry: dict[str, Any] = {}
        for c in f.columns:
            text = row.get(c.key, "").strip()
            try:
                value = typed(c, text, separator=",")
            except ValueError as exc:
                problems[f.cell(i, c)] = str(exc)
                continue
            if value is None and c.required:
                problems[f.cell(i, c)] = f"{c.label} is required in a filled row"
            elif value is not None:
                entry[c.key] = value
        typed_rows.append(entry)
    if not typed_rows:
        return None
    if f.kind == "map":
        out: dict[str, Any] = {}
        for i, entry in enumerate(typed_rows):
            name = str(entry.get("key", ""))
            if name in out:
                problems[f.cell(i, f.columns[0])] = f"{name} appears twice"
            elif name and "value" in entry:
                out[name] = entry["value"]
        return out
    return typed_rows


def typed(f: FormField, text: str, separator: str = "\n") -> Any:
    """The typed value of one input's text (None when empty); ValueError when it is wrong."""
    if text == UNKNOWN:
        return None
    if f.kind == "boolean":
        if text not in ("yes", "no"):
            raise ValueError("choose yes or no")
        return text == "yes"
    if f.kind == "choice":
        if text not in f.choices:
            raise ValueError(f"choose one of {', '.join(f.choices)}")
        return text
    if f.kind in ("number", "integer"):
        try:
            number = float(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise ValueError("enter a number") from None
        if f.kind == "integer":
            if not number.is_integer():
                raise ValueError("enter a whole number")
            return int(number)
        return int(number) if number.is_integer() else number
    if f.kind in ("list", "multi"):
        items = [part.strip() for part in text.split(separator) if part.strip()]
        return items or None
    if f.kind == "groups":
        groups = [[w.strip() for w in line.split(",") if w.strip()] for line in text.splitlines()]
        return [g for g in groups if g] or None
    return text


def read_values(
    form: dict[str, str], fields: list[FormField]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed values of one text per field (lists comma-separated), and problems by field."""
    kinds = {f.key: f.kind for f in fields}
    multi = {
        k: [w.strip() for w in v.split(",") if w.strip()] if kinds.get(k) == "multi" else [v]
        for k, v in form.items()
    }
    submitted = read_form(multi, fields, separator=",")
    return submitted.values, submitted.problems


def as_form(values: Mapping[str, Any], fields: list[FormField]) -> dict[str, list[str]]:
    """The inputs a browser would submit for these form values (every field present)."""
    out: dict[str, list[str]] = {PRESENT: [f.key for f in fields]}
    for f in fields:
        value = values.get(f.key)
        if f.kind in ROWS:
            for i, row in enumerate(value or []):
                for c in f.columns:
                    out[f.cell(i, c)] = [str(row.get(c.key, ""))]
        elif f.kind == "multi":
            out[f.key] = list(value or [])
        else:
            out[f.key] = [str(value or "")]
    return out
