"""A small, safe expression language for rules: comparisons, and/or/not, in, paths, calls."""

# Values that are unknown (a requirement left out of the file) are None; comparisons and
# arithmetic with None give None, and `and`/`or`/`not` follow three-valued logic, so a rule whose
# condition depends on an unknown requirement neither fires nor silently passes: the engine records
# which paths were unknown and asks about them. Nothing is ever passed to eval().

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from archwise.errors import InputError

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>\d+(?:\.\d+)?(?:e[+-]?\d+)?)
      | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\)|\[|\]|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null", "none"}
MAX_LENGTH = 2000


@dataclass(frozen=True)
class Node:
    """A parsed expression node: kind plus children or a value."""

    kind: str
    value: Any = None
    args: tuple[Node, ...] = ()


def tokenize(text: str) -> list[tuple[str, str]]:
    """Split an expression into (kind, text) tokens."""
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"unexpected character {text[pos:].strip()[:10]!r} at {pos}")
        kind = m.lastgroup or ""
        tok = m.group(kind)
        if kind == "name" and tok.lower() in _KEYWORDS:
            kind = "kw"
            tok = tok.lower()
        out.append((kind, tok))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.toks = tokens
        self.i = 0

    def peek(self, offset: int = 0) -> tuple[str, str] | None:
        j = self.i + offset
        return self.toks[j] if j < len(self.toks) else None

    def take(self, text: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise ValueError("unexpected end of expression")
        if text is not None and tok[1] != text:
            raise ValueError(f"expected {text!r}, got {tok[1]!r}")
        self.i += 1
        return tok

    def at(self, text: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[1] == text and tok[0] in {"op", "kw"}

    def parse(self) -> Node:
        node = self.or_()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.at("or"):
            self.take()
            node = Node("or", args=(node, self.and_()))
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.at("and"):
            self.take()
            node = Node("and", args=(node, self.not_()))
        return node

    def not_(self) -> Node:
        if self.at("not"):
            self.take()
            return Node("not", args=(self.not_(),))
        return self.compare()

    def compare(self) -> Node:
        node = self.sum_()
        while True:
            tok = self.peek()
            if tok is None:
                return node
            if tok[1] in {"==", "!=", "<", "<=", ">", ">="} and tok[0] == "op":
                self.take()
                node = Node("cmp", tok[1], (node, self.sum_()))
            elif self.at("in"):
                self.take()
                node = Node("in", args=(node, self.sum_()))
            elif self.at("not") and (nxt := self.peek(1)) is not None and nxt[1] == "in":
                self.take()
                self.take()
                node = Node("not", args=(Node("in", args=(node, self.sum_())),))
            else:
                return node

    def sum_(self) -> Node:
        node = self.product()
        while self.at("+") or self.at("-"):
            op = self.take()[1]
            node = Node("arith", op, (node, self.product()))
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.at("*") or self.at("/"):
            op = self.take()[1]
            node = Node("arith", op, (node, self.unary()))
        return node

    def unary(self) -> Node:
        if self.at("-"):
            self.take()
            return Node("neg", args=(self.unary(),))
        return self.atom()

    def atom(self) -> Node:
        kind, tok = self.take()
        if kind == "num":
            return Node("lit", float(tok) if any(c in tok for c in ".eE") else int(tok))
        if kind == "str":
            return Node("lit", re.sub(r"\\(.)", r"\1", tok[1:-1]))
        if kind == "kw":
            if tok == "true":
                return Node("lit", True)
            if tok == "false":
                return Node("lit", False)
            if tok in {"null", "none"}:
                return Node("lit", None)
            raise ValueError(f"unexpected {tok!r}")
        if tok == "(":
            node = self.or_()
            self.take(")")
            return node
        if tok == "[":
            items: list[Node] = []
            while not self.at("]"):
                items.append(self.or_())
                if not self.at("]"):
                    self.take(",")
            self.take("]")
            return Node("list", args=tuple(items))
        if kind == "name":
            if self.at("("):
                self.take()
                args: list[Node] = []
                while not self.at(")"):
                    args.append(self.or_())
                    if not self.at(")"):
                        self.take(",")
                self.take(")")
                return Node("call", tok, tuple(args))
            return Node("path", tok)
        raise ValueError(f"unexpected {tok!r}")


@lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """Parse an expression (cached), raising ValueError with what is wrong."""
    if len(text) > MAX_LENGTH:
        raise ValueError(f"expression longer than {MAX_LENGTH} characters")
    return _Parser(tokenize(text)).parse()


def check(text: str) -> str | None:
    """Return why an expression does not parse, or None when it does."""
    try:
        parse(text)
    except ValueError as exc:
        return str(exc)
    return None


def _ci(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _compare(op: str, a: Any, b: Any) -> bool | None:
    if a is None or b is None:
        return None
    a, b = _ci(a), _ci(b)
    try:
        if op == "==":
            return bool(a == b)
        if op == "!=":
            return bool(a != b)
        if op == "<":
            return bool(a < b)
        if op == "<=":
            return bool(a <= b)
        if op == ">":
            return bool(a > b)
        return bool(a >= b)
    except TypeError:
        raise ValueError(f"cannot compare {a!r} {op} {b!r}") from None


def _contains(item: Any, container: Any) -> bool | None:
    if item is None or container is None:
        return None
    if isinstance(container, str):
        return str(item).lower() in container.lower()
    if isinstance(container, Mapping):
        return _ci(item) in {_ci(k) for k in container}
    return _ci(item) in {_ci(v) for v in container}


def _arith(op: str, a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a / b if b else None


@dataclass
class Env:
    """What names mean while evaluating: variables, the requirements, an entry, functions."""

    requirements: Mapping[str, Any] = field(default_factory=dict)
    variables: Mapping[str, Any] = field(default_factory=dict)
    functions: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    origins: Mapping[str, set[str]] = field(default_factory=dict)

    def resolve(self, path: str) -> Any:
        """Look a dotted name up: variables first (their first part), else the requirements."""
        return self.lookup(path, tuple(path.split(".")))

    def lookup(self, path: str, parts: tuple[str, ...]) -> Any:
        """resolve() with the path already split (expressions split theirs once)."""
        head = parts[0]
        if head in self.variables:
            value = _walk(self.variables[head], parts[1:])
            if value is None and head in self.origins:
                self.unknown |= self.origins[head]
            return value
        value = _walk(self.requirements, parts)
        if value is None:
            self.unknown.add(path)
        return value


def _walk(value: Any, parts: tuple[str, ...]) -> Any:
    for part in parts:
        if value is None or part.startswith("_"):
            return None
        value = value.get(part) if isinstance(value, Mapping) else getattr(value, part, None)
    return value


def evaluate(text: str, env: Env) -> Any:
    """Evaluate an expression in env; unknown inputs give None (see the module docstring)."""
    try:
        return compiled(text)(env)
    except (ValueError, ZeroDivisionError, TypeError) as exc:
        raise InputError(f"rule expression {text!r}: {exc}", field="expression") from None


def truth(value: Any) -> bool | None:
    """Three-valued truth: None stays unknown, everything else is Python truthiness."""
    return None if value is None else bool(value)


Compiled = Callable[[Env], Any]


@lru_cache(maxsize=4096)
def compiled(text: str) -> Compiled:
    """The expression turned into nested closures (parsed and built once per text)."""
    return _compile(parse(text))


def _compile(node: Node) -> Compiled:
    kind = node.kind
    args = [_compile(a) for a in node.args]
    if kind == "lit":
        value = node.value
        return lambda env: value
    if kind == "path":
        path = str(node.value)
        parts = tuple(path.split("."))
        return lambda env: env.lookup(path, parts)
    if kind == "list":
        return lambda env: [a(env) for a in args]
    if kind == "and":
        left, right = args

        def and_(env: Env) -> Any:
            a = truth(left(env))
            if a is False:
                return False
            b = truth(right(env))
            if b is False:
                return False
            return None if a is None or b is None else True

        return and_
    if kind == "or":
        left, right = args

        def or_(env: Env) -> Any:
            a = truth(left(env))
            if a is True:
                return True
            b = truth(right(env))
            if b is True:
                return True
            return None if a is None or b is None else False

        return or_
    if kind == "not":
        (inner,) = args

        def not_(env: Env) -> Any:
            v = truth(inner(env))
            return None if v is None else not v

        return not_
    if kind == "cmp":
        op = str(node.value)
        left, right = args
        return lambda env: _compare(op, left(env), right(env))
    if kind == "in":
        left, right = args
        return lambda env: _contains(left(env), right(env))
    if kind == "arith":
        op = str(node.value)
        left, right = args
        return lambda env: _arith(op, left(env), right(env))
    if kind == "neg":
        (inner,) = args

        def neg(env: Env) -> Any:
            v = inner(env)
            return None if v is None else -v

        return neg
    if kind == "call":
        name = str(node.value)

        def call(env: Env) -> Any:
            fn = env.functions.get(name) or BUILTINS.get(name)
            if fn is None:
                raise ValueError(f"unknown function {name}()")
            return fn(*[a(env) for a in args])

        return call
    raise ValueError(f"unknown node {kind}")


def _known(value: Any) -> bool:
    return value is not None


def _num(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        flat: list[Any] = []
        for a in args:
            flat.extend(a if isinstance(a, list) else [a])
        if any(a is None for a in flat) or not flat:
            return None
        return fn(*flat)

    return wrapped


def _default(value: Any, fallback: Any) -> Any:
    return fallback if value is None else value


def _ceil(value: Any) -> Any:
    return None if value is None else math.ceil(value)


def _length(value: Any) -> Any:
    return None if value is None else len(value)


def _any_in(items: Any, container: Any) -> bool | None:
    if items is None or container is None:
        return None
    return any(_contains(i, container) for i in items)


def _mentions(texts: Any, word: Any) -> bool | None:
    if texts is None or word is None:
        return None
    items = [texts] if isinstance(texts, str) else list(texts)
    return any(str(word).lower() in str(t).lower() for t in items)


def _pluck(items: Any, key: Any) -> Any:
    if items is None:
        return None
    return [i.get(key) if isinstance(i, Mapping) else getattr(i, str(key), None) for i in items]


def _first(items: Any) -> Any:
    return items[0] if items else None


BUILTINS: dict[str, Callable[..., Any]] = {
    "first": _first,
    "mentions": _mentions,
    "pluck": _pluck,
    "known": _known,
    "default": _default,
    "len": _length,
    "min": _num(min),
    "max": _num(max),
    "ceil": _ceil,
    "any_in": _any_in,
}
