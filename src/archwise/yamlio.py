"""YAML with line numbers, validated by pydantic into errors naming file, line and key."""

from __future__ import annotations

import contextlib
import difflib
import io
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from archwise.errors import InputError, Problem
from archwise.fileio import MAX_INPUT_BYTES, atomic_write, read_text

M = TypeVar("M", bound=BaseModel)


def _yaml(typ: str = "rt") -> YAML:
    y = YAML(typ=typ)
    y.preserve_quotes = True
    y.width = 100
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def parse(text: str, *, file: str | Path | None = None) -> Any:
    """Parse YAML text into round-trip objects (which remember lines and comments)."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"invalid YAML: {what}", file=file, line=line) from None
    except YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file=file) from None


def load(path: str | Path, *, limit: int = MAX_INPUT_BYTES, what: str = "YAML file") -> Any:
    """Read and parse one YAML file, refusing empty, binary, huge or malformed files."""
    text = read_text(path, limit=limit, what=what)
    data = parse(text, file=path)
    if data is None:
        raise InputError(f"{what} is empty", file=path)
    return data


def line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """Return the 1-based line of the node at loc (or of its nearest located parent)."""
    best: int | None = None
    node = data
    for key in loc:
        if isinstance(node, CommentedMap):
            if key in node:
                with contextlib.suppress(KeyError, TypeError, AttributeError):
                    best = node.lc.key(key)[0] + 1
                node = node[key]
                continue
            return best if best is not None else _node_line(node)
        if isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                best = node.lc.item(key)[0] + 1
            node = node[key]
            continue
        break
    return best if best is not None else _node_line(data)


def _node_line(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is not None and getattr(lc, "line", None) is not None:
        return int(lc.line) + 1
    return None


def _field_name(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _describe(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    if isinstance(value, (dict, CommentedMap)):
        return "a mapping"
    if isinstance(value, (list, CommentedSeq)):
        return "a list"
    if value is None:
        return "nothing (null)"
    return repr(value)


def _expected(err: Any) -> str:
    typ = err.get("type", "")
    ctx = err.get("ctx") or {}
    if typ in {"int_parsing", "int_type"}:
        return "expected a whole number"
    if typ == "int_from_float":
        return "expected a whole number"
    if typ in {"float_parsing", "float_type"}:
        return "expected a number"
    if typ in {"bool_parsing", "bool_type"}:
        return "expected true or false"
    if typ in {"string_type"}:
        return "expected text"
    if typ in {"list_type"}:
        return "expected a list"
    if typ in {"dict_type", "model_type", "model_attributes_type"}:
        return "expected a mapping"
    if typ == "literal_error":
        return f"expected one of {ctx.get('expected', '')}"
    if typ == "greater_than_equal":
        return f"expected a number >= {ctx.get('ge')}"
    if typ == "greater_than":
        return f"expected a number > {ctx.get('gt')}"
    if typ == "less_than_equal":
        return f"expected a number <= {ctx.get('le')}"
    if typ == "less_than":
        return f"expected a number < {ctx.get('lt')}"
    if typ == "missing":
        return "is required"
    return str(err.get("msg", "invalid value"))


def _known_fields(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """Return the field names valid at the parent of loc, walking nested models."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields:
            return []
        match = next(
            (f for n, f in fields.items() if part in (f.alias or n, n)),
            None,
        )
        if match is None:
            return []
        current = _inner_model(match.annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None) or {}
    return [f.alias or n for n, f in fields.items()]


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def problems_from(
    exc: ValidationError, data: Any, file: str | Path | None, model: type[BaseModel]
) -> list[Problem]:
    """Turn a pydantic ValidationError into located problems, one per error."""
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        field = _field_name(loc)
        if err["type"] == "extra_forbidden":
            key = str(loc[-1]) if loc else "?"
            known = _known_fields(model, loc)
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            msg = "unknown key"
            if close:
                msg += f"; did you mean '{close[0]}'?"
            elif known:
                msg += f"; valid keys here: {', '.join(sorted(known))}"
        elif err["type"] == "missing":
            msg = "is required"
        else:
            msg = _expected(err)
            if "input" in err and err["type"] not in {"value_error", "assertion_error"}:
                msg += f", got {_describe(err['input'])}"
            elif err["type"] in {"value_error", "assertion_error"}:
                msg = str(err.get("msg", "")).removeprefix("Value error, ")
        sig = (field, msg)
        if sig in seen:
            continue
        seen.add(sig)
        out.append(Problem(msg, str(file) if file is not None else None, line_of(data, loc), field))
    return out


def validate(model: type[M], data: Any, *, file: str | Path | None = None) -> M:
    """Validate parsed YAML against a model, raising InputError with file, line and key."""
    try:
        return model.model_validate(to_plain(data))
    except ValidationError as exc:
        raise InputError(problems=problems_from(exc, data, file, model)) from None


def load_model(model: type[M], path: str | Path, *, what: str = "YAML file") -> M:
    """Read, parse and validate one YAML file into a model."""
    data = load(path, what=what)
    if not isinstance(data, CommentedMap):
        raise InputError(
            f"{what} must be a mapping of keys, got {_describe(data)}", file=path, line=1
        )
    return validate(model, data, file=path)


def to_plain(data: Any) -> Any:
    """Convert round-trip YAML objects into plain dicts, lists and scalars."""
    if isinstance(data, dict):
        return {
            str(k) if not isinstance(k, (str, int, float, bool)) else k: to_plain(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [to_plain(v) for v in data]
    if type(data).__module__.startswith("ruamel"):
        for base in (bool, int, float, str):
            if isinstance(data, base):
                return base(data)
    return data


def dump(data: Any) -> str:
    """Serialise data (round-trip objects keep their comments) to YAML text."""
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def write(path: str | Path, data: Any) -> Path:
    """Write YAML atomically, keeping comments and order of round-trip data."""
    return atomic_write(path, dump(data))
