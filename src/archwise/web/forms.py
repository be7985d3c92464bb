"""Typed form fields built from the requirements JSON Schema, and form values read back as types."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

SKIPPED = {"architecture", "assumptions"}
UNKNOWN = ""


@dataclass
class FormField:
    """One input of the requirements form: a dotted key and how to ask for it."""

    key: str
    label: str
    kind: str  # number, integer, boolean, choice, text, list
    help: str = ""
    choices: list[str] = field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False

    @property
    def group(self) -> str:
        """The top-level section the field belongs to."""
        return self.key.split(".", 1)[0] if "." in self.key else "general"

    @property
    def dom_id(self) -> str:
        """An HTML id for the input."""
        return "f-" + self.key.replace(".", "-")


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


def _leaf(key: str, node: dict[str, Any], required: bool) -> FormField | None:
    kind = node.get("type")
    label = key.rsplit(".", 1)[-1].replace("_", " ")
    help_text = str(node.get("description") or "")
    common = {"key": key, "label": label, "help": help_text, "required": required}
    if "enum" in node:
        return FormField(kind="choice", choices=[str(c) for c in node["enum"]], **common)  # type: ignore[arg-type]
    if kind in ("number", "integer"):
        low = node.get("minimum", node.get("exclusiveMinimum"))
        high = node.get("maximum", node.get("exclusiveMaximum"))
        return FormField(kind=kind, minimum=low, maximum=high, **common)  # type: ignore[arg-type]
    if kind == "boolean":
        return FormField(kind="boolean", **common)  # type: ignore[arg-type]
    if kind == "string":
        return FormField(kind="text", **common)  # type: ignore[arg-type]
    if kind == "array":
        items = node.get("items") or {}
        if items.get("type") == "string":
            return FormField(kind="list", **common)  # type: ignore[arg-type]
    return None


def _walk(prefix: str, node: dict[str, Any], defs: dict[str, Any], out: list[FormField]) -> None:
    required = set(node.get("required", []))
    for name, raw in (node.get("properties") or {}).items():
        key = f"{prefix}{name}"
        if key in SKIPPED:
            continue
        sub = _variant(raw, defs)
        if sub.get("type") == "object" or "properties" in sub:
            _walk(key + ".", sub, defs, out)
            continue
        leaf = _leaf(key, sub, name in required)
        if leaf is not None:
            out.append(leaf)


@cache
def _fields() -> tuple[FormField, ...]:
    from archwise.api.requirements import requirements_schema

    schema = requirements_schema()
    out: list[FormField] = []
    _walk("", schema, schema.get("$defs", {}), out)
    return tuple(out)


def requirement_fields() -> list[FormField]:
    """Every scalar field of the requirements file that a form can ask for, in schema order."""
    return list(_fields())


def current_values(data: Any, fields: list[FormField]) -> dict[str, str]:
    """The form's text for each field from a loaded requirements mapping ('' when unset)."""
    out: dict[str, str] = {}
    for f in fields:
        node: Any = data
        for part in f.key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            out[f.key] = UNKNOWN
        elif isinstance(node, bool):
            out[f.key] = "yes" if node else "no"
        elif isinstance(node, list):
            out[f.key] = ", ".join(str(v) for v in node)
        else:
            out[f.key] = str(node)
    return out


def read_values(
    form: dict[str, str], fields: list[FormField]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed values of the submitted fields that are set, and a problem per field that is wrong."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for f in fields:
        text = (form.get(f.key) or "").strip()
        if text == UNKNOWN:
            continue
        try:
            values[f.key] = _typed(f, text)
        except ValueError as exc:
            problems[f.key] = str(exc)
    return values, problems


def _typed(f: FormField, text: str) -> Any:
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
    if f.kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    return text
