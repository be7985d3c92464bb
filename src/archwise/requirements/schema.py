"""The requirements file as JSON Schema, and the type of each dotted field for asking about it."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel

from archwise.requirements.models import Requirements

SCHEMA_ID = "https://archwise.dev/schemas/requirements.json"
AnswerType = Literal["text", "integer", "number", "boolean", "choice", "list", "mapping"]
# Sections whose fields are asked about; `architecture` is a rule set, not a requirement.
ASKED_SECTIONS = ("name", "summary", "vision", "functional", "non_functional", "constraints")


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the requirements file."""
    schema = Requirements.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "archwise requirements file (archwise.yaml)",
    }


@dataclass(frozen=True)
class FieldSpec:
    """What one dotted field of the requirements file accepts."""

    path: str
    answer_type: AnswerType
    description: str
    choices: tuple[str, ...] = ()
    item_choices: tuple[str, ...] = ()
    minimum: float | None = None
    exclusive_minimum: bool = False
    maximum: float | None = None
    item_keys: tuple[str, ...] = ()


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip Optional and Annotated, returning the bare type and its constraint metadata."""
    meta: list[Any] = []
    while True:
        origin = get_origin(annotation)
        args = get_args(annotation)
        if origin is Annotated:
            annotation = args[0]
            for m in args[1:]:
                meta.extend([m, *getattr(m, "metadata", [])])
            continue
        real = [a for a in args if a is not type(None)]
        if args and len(real) == 1 and len(real) < len(args):
            annotation = real[0]
            continue
        return annotation, meta


def _literal_values(annotation: Any) -> tuple[str, ...]:
    bare, _ = _unwrap(annotation)
    if get_origin(bare) is Literal:
        return tuple(str(a) for a in get_args(bare))
    return ()


def _spec(path: str, annotation: Any, description: str) -> FieldSpec:
    bare, meta = _unwrap(annotation)
    minimum: float | None = None
    exclusive = False
    maximum: float | None = None
    for m in meta:
        if getattr(m, "ge", None) is not None:
            minimum = float(m.ge)
        if getattr(m, "gt", None) is not None:
            minimum, exclusive = float(m.gt), True
        if getattr(m, "le", None) is not None:
            maximum = float(m.le)
    origin = get_origin(bare)
    if origin is Literal:
        return FieldSpec(path, "choice", description, choices=_literal_values(bare))
    if origin is list:
        item = get_args(bare)[0]
        model = _model_of(item)
        return FieldSpec(
            path,
            "list",
            description,
            item_choices=_literal_values(item),
            item_keys=tuple(f.alias or n for n, f in model.model_fields.items()) if model else (),
        )
    if origin is dict:
        return FieldSpec(
            path, "mapping", description, item_choices=_literal_values(get_args(bare)[1])
        )
    kinds: dict[Any, AnswerType] = {bool: "boolean", int: "integer", float: "number", str: "text"}
    if bare in kinds:
        return FieldSpec(path, kinds[bare], description, (), (), minimum, exclusive, maximum)
    return FieldSpec(path, "mapping", description)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    bare, _ = _unwrap(annotation)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return bare
    return None


def field_specs(model: type[BaseModel] = Requirements, prefix: str = "") -> dict[str, FieldSpec]:
    """Return every leaf field of the model by dotted path (YAML key names), in file order."""
    return dict(_field_specs(model, prefix))


@functools.cache
def _field_specs(model: type[BaseModel], prefix: str) -> dict[str, FieldSpec]:
    out: dict[str, FieldSpec] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}{key}"
        if not prefix and key not in ASKED_SECTIONS:
            continue
        inner = _model_of(info.annotation)
        if inner is not None:
            out.update(_field_specs(inner, path + "."))
        else:
            out[path] = _spec(path, info.annotation, info.description or "")
    return out


def section_specs(model: type[BaseModel] = Requirements, prefix: str = "") -> dict[str, str]:
    """Return every section (nested mapping) of the model by dotted path, with its description."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if not prefix and key not in ASKED_SECTIONS:
            continue
        inner = _model_of(info.annotation)
        if inner is not None:
            out[prefix + key] = info.description or (inner.__doc__ or "").strip()
            out.update(section_specs(inner, f"{prefix}{key}."))
    return out


def value_at(data: Any, path: str) -> Any:
    """Return the value at a dotted path of a model or mapping, None when any part is absent."""
    node = data
    for part in path.split("."):
        if node is None:
            return None
        if isinstance(node, BaseModel):
            fields = type(node).model_fields
            attr = next((n for n, f in fields.items() if part in (f.alias or n, n)), None)
            if attr is None:
                return None
            node = getattr(node, attr)
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node
