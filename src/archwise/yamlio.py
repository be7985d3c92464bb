"""YAML with line numbers, validated by pydantic into errors naming file, line and key."""

from __future__ import annotations

import contextlib
import difflib
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from archwise.errors import InputError, Problem
from archwise.fileio import MAX_INPUT_BYTES, atomic_write, read_text

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

# ruamel.yaml is imported where it is used: a command served from the cache of validated inputs
# never parses YAML and so never pays for importing the parser.

M = TypeVar("M", bound=BaseModel)

# Limits that keep hostile input cheap to refuse: nesting beyond these is never a real config file,
# and alias expansion ("billion laughs") is capped by counting the nodes it would produce.
MAX_DEPTH = 64
MAX_INDENT = 512
MAX_NODES = 200_000
_QUOTED_OR_COMMENT = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\n]|'')*'|(?:^|(?<=\s))#[^\n]*")
_PATTERN_WORDS = {
    r"^[a-z0-9][a-z0-9-]*$": "lower-case letters, digits and dashes (e.g. 'gdpr', 'pci-dss')",
}


def _yaml(typ: str = "rt") -> YAML:
    from ruamel.yaml import YAML

    y = YAML(typ=typ)
    y.preserve_quotes = True
    y.width = 100
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def parse(text: str, *, file: str | Path | None = None) -> Any:
    """Parse YAML text into round-trip objects (which remember lines and comments)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    _check_nesting(text, file)
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(_yaml_message(exc), file=file, line=line) from None
    except YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file=file) from None
    except RecursionError:
        raise InputError(f"invalid YAML: nested more than {MAX_DEPTH} levels", file=file) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # ruamel constructs dates and numbers eagerly; '2026-13-45' raises ValueError.
        line = _bad_date_line(text)
        raise InputError(f"invalid YAML value: {exc}", file=file, line=line) from None


def _bad_date_line(text: str) -> int | None:
    """The line of the first date-like value that is not a real date, if any."""
    import datetime as dt

    for match in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text):
        try:
            dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return text[: match.start()].count("\n") + 1
    return None


def _yaml_message(exc: MarkedYAMLError) -> str:
    what = str(exc.problem or exc.context or "invalid YAML")
    if "'\\t'" in what or "\t" in what:
        return "invalid YAML: a tab character; YAML indents with spaces, never tabs"
    dup = re.match(r'found duplicate key "(.*)" with value', what)
    if dup:
        first = exc.context_mark.line + 1 if exc.context_mark is not None else None
        where = f" (first at line {first})" if first is not None else ""
        return f"invalid YAML: duplicate key '{dup.group(1)}'{where}; each key may appear once"
    return f"invalid YAML: {what}"


def _check_nesting(text: str, file: str | Path | None) -> None:
    """Refuse absurd nesting before the recursive parser meets it (it is slow, then crashes)."""
    depth = 0
    deepest = 0
    # brackets inside quoted text or comments are not nesting; the patterns never span lines,
    # so line numbers counted on the stripped text stay right
    bare = _QUOTED_OR_COMMENT.sub("", text)
    for match in re.finditer(r"[\[\]{}]", bare):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            line = bare.count("\n", 0, match.start()) + 1
            raise InputError(
                f"invalid YAML: nested more than {MAX_DEPTH} levels", file=file, line=line
            )
    for number, line_text in enumerate(text.splitlines(), 1):
        stripped = line_text.lstrip(" -")
        if len(line_text) - len(stripped) > MAX_INDENT and stripped:
            raise InputError(
                f"invalid YAML: indented more than {MAX_INDENT} columns", file=file, line=number
            )


def load(path: str | Path, *, limit: int = MAX_INPUT_BYTES, what: str = "YAML file") -> Any:
    """Read and parse one YAML file, refusing empty, binary, huge or malformed files."""
    text = read_text(path, limit=limit, what=what)
    data = parse(text, file=path)
    if data is None:
        raise InputError(f"{what} is empty", file=path)
    return data


def line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """Return the 1-based line of the node at loc (or of its nearest located parent)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

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
    if isinstance(value, dict):  # round-trip mappings and sequences are dicts and lists
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return repr(value)


def _expected(err: Any, bounds: str = "", *, whole: bool = False) -> str:
    typ = err.get("type", "")
    ctx = err.get("ctx") or {}
    if typ in {"int_parsing", "int_type", "int_from_float"}:
        return "expected a whole number" + bounds
    if typ in {"float_parsing", "float_type", "finite_number"}:
        return "expected a number" + bounds
    if typ in {"bool_parsing", "bool_type"}:
        return "expected true or false"
    if typ in {"string_type"}:
        return "expected text"
    if typ == "string_too_short":
        return "expected non-empty text"
    if typ == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return "expected " + _PATTERN_WORDS.get(pattern, f"text matching {pattern}")
    if typ in {"list_type"}:
        return "expected a list"
    if typ in {"dict_type", "model_type", "model_attributes_type"}:
        return "expected a mapping"
    if typ == "literal_error":
        return f"expected one of {ctx.get('expected', '')}"
    if typ in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        if not bounds:
            return _bound_words(typ, ctx)
        return ("expected a whole number" if whole else "expected a number") + bounds
    if typ == "missing":
        return "is required"
    return str(err.get("msg", "invalid value"))


def _bound_words(typ: str, ctx: dict[str, Any]) -> str:
    ops = {
        "greater_than_equal": (">=", "ge"),
        "greater_than": (">", "gt"),
        "less_than_equal": ("<=", "le"),
        "less_than": ("<", "lt"),
    }
    sign, key = ops[typ]
    return f"expected a number {sign} {ctx.get(key)}"


def _annotation_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> Any:
    """Return the type annotation of the value at loc in model (None when unknown)."""
    from typing import get_args, get_origin

    current: Any = model
    for part in loc:
        current = _strip_optional(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = current.model_fields
            match = next((f for n, f in fields.items() if part in (f.alias or n, n)), None)
            if match is None:
                return None
            current = match.annotation
            continue
        origin = get_origin(current)
        args = get_args(current)
        if origin is list and args:
            current = args[0]
        elif origin is dict and len(args) == 2:
            current = args[1]
        else:
            return None
    return current


def _strip_optional(annotation: Any) -> Any:
    from typing import Annotated, get_args, get_origin

    while True:
        origin = get_origin(annotation)
        args = get_args(annotation)
        if origin is Annotated:
            return annotation
        real = [a for a in args if a is not type(None)]
        if args and len(real) == 1 and len(real) < len(args):
            annotation = real[0]
            continue
        return annotation


def _bounds(annotation: Any) -> str:
    """Describe the numeric bounds of an annotation, e.g. ' >= 1' or ' > 0 and <= 100'."""
    from typing import Annotated, get_args, get_origin

    annotation = _strip_optional(annotation)
    if get_origin(annotation) is not Annotated:
        return ""
    words: list[str] = []
    for meta in get_args(annotation)[1:]:
        for item in [meta, *getattr(meta, "metadata", [])]:
            for attr, sign in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
                value = getattr(item, attr, None)
                if value is not None and not isinstance(value, type):
                    text = f"{sign} {value}"
                    if text not in words:
                        words.append(text)
    return (" " + " and ".join(words)) if words else ""


def _base_type(annotation: Any) -> Any:
    from typing import Annotated, get_args, get_origin

    annotation = _strip_optional(annotation)
    if get_origin(annotation) is Annotated:
        return get_args(annotation)[0]
    return annotation


def _choices_hint(err: Any) -> str:
    """Suggest the closest allowed word for a misspelt enumeration value."""
    expected = str((err.get("ctx") or {}).get("expected", ""))
    options = re.findall(r"'([^']*)'", expected)
    given = err.get("input")
    if not isinstance(given, str) or not options:
        return ""
    close = difflib.get_close_matches(given.lower(), options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


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
            annotation = _annotation_at(model, loc)
            msg = _expected(err, _bounds(annotation), whole=_base_type(annotation) is int)
            if "input" in err and err["type"] not in {"value_error", "assertion_error"}:
                msg += f", got {_describe(err['input'])}"
                if err["type"] == "literal_error":
                    msg += _choices_hint(err)
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
        plain = to_plain(data)
    except InputError as exc:
        raise InputError(str(exc), file=file) from None
    try:
        return model.model_validate(plain)
    except ValidationError as exc:
        raise InputError(problems=problems_from(exc, data, file, model)) from None


def load_model(model: type[M], path: str | Path, *, what: str = "YAML file") -> M:
    """Read, parse and validate one YAML file into a model."""
    from ruamel.yaml.comments import CommentedMap

    data = load(path, what=what)
    if not isinstance(data, CommentedMap):
        raise InputError(
            f"{what} must be a mapping of keys, got {_describe(data)}", file=path, line=1
        )
    return validate(model, data, file=path)


def to_plain(data: Any, *, max_nodes: int = MAX_NODES) -> Any:
    """Convert round-trip YAML objects into plain dicts, lists and scalars (aliases capped)."""
    budget = [max_nodes]
    return _plain(data, budget, 0, frozenset())


def _plain(data: Any, budget: list[int], depth: int, parents: frozenset[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError(
            "too many values once YAML aliases are expanded; "
            f"the limit is {MAX_NODES} (is this an alias bomb?)"
        )
    if depth > MAX_DEPTH:
        raise InputError(f"nested more than {MAX_DEPTH} levels")
    if isinstance(data, (dict, list)):
        if id(data) in parents:
            raise InputError("a YAML alias refers to its own parent (a cycle)")
        inner = parents | {id(data)}
        if isinstance(data, dict):
            return {_plain_key(k): _plain(v, budget, depth + 1, inner) for k, v in data.items()}
        return [_plain(v, budget, depth + 1, inner) for v in data]
    if type(data).__module__.startswith("ruamel"):
        for base in (bool, int, float, str):
            if isinstance(data, base):
                return base(data)
    return data


def _plain_key(key: Any) -> Any:
    if isinstance(key, (str, int, float, bool)):
        return _plain(key, [1], 0, frozenset())
    return str(key)


def dump(data: Any) -> str:
    """Serialise data (round-trip objects keep their comments) to YAML text."""
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def write(path: str | Path, data: Any) -> Path:
    """Write YAML atomically, keeping comments and order of round-trip data."""
    return atomic_write(path, dump(data))
