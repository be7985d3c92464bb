"""A small, safe expression language for rules: comparisons, and/or/not, in, paths, calls."""

# Values that are unknown (a requirement left out of the file) are None; comparisons and
# arithmetic with None give None, and `and`/`or`/`not` follow three-valued logic, so a rule whose
# condition depends on an unknown requirement neither fires nor silently passes: the engine records
# which paths were unknown and asks about them. Nothing is ever passed to eval().

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from archwise.errors import InputError
from archwise.requirements.quantities import NUMBER, parse_quantity

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>\d+(?:\.\d+)?(?:e[+-]?\d+)?)
      | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\)|\[|\]|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
      | (?P<bad>[\s\S])
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null", "none"}
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None, "none": None}
_ESCAPE = re.compile(r"\\(.)")
MAX_LENGTH = 2000

# Binding power of each infix operator (higher binds tighter); `not` as a prefix sits at
# NOT_POWER, between `and` and the comparisons, and unary minus binds tightest of all.
_INFIX = {"or": 1, "and": 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, "in": 4}
_INFIX.update({"+": 5, "-": 5, "*": 6, "/": 6})
NOT_POWER = 3
COMPARE_POWER = 4
UNARY_POWER = 7


@dataclass(frozen=True)
class Node:
    """A parsed expression node: kind plus children or a value."""

    kind: str
    value: Any = None
    args: tuple[Node, ...] = ()


def tokenize(text: str) -> list[tuple[str, str]]:
    """Split an expression into (kind, text) tokens."""
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(text.rstrip()):
        kind = m.lastgroup or ""
        tok = m.group(kind)
        if kind == "bad":
            pos = m.start()
            raise ValueError(f"unexpected character {m.string[pos:].strip()[:10]!r} at {pos}")
        if kind == "name" and tok.lower() in _KEYWORDS:
            kind = "kw"
            tok = tok.lower()
        out.append((kind, tok))
    return out


class _Parser:
    """Precedence climbing over the tokens (one call per operand, not one per grammar level)."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.toks = tokens
        # Operators and keywords by their text; other tokens never match an operator.
        self.keys = [tok if kind in {"op", "kw"} else "" for kind, tok in tokens]
        self.i = 0

    def key(self, offset: int = 0) -> str | None:
        j = self.i + offset
        return self.keys[j] if j < len(self.keys) else None

    def take(self, text: str | None = None) -> tuple[str, str]:
        if self.i >= len(self.toks):
            raise ValueError("unexpected end of expression")
        tok = self.toks[self.i]
        if text is not None and tok[1] != text:
            raise ValueError(f"expected {text!r}, got {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.expression(1)
        if self.i < len(self.toks):
            raise ValueError(f"unexpected {self.toks[self.i][1]!r}")
        return node

    def expression(self, floor: int) -> Node:
        node = self.prefix(floor)
        while True:
            key = self.key()
            if key == "not":
                if floor > COMPARE_POWER or self.key(1) != "in":
                    return node
                self.i += 2
                right = self.expression(COMPARE_POWER + 1)
                node = Node("not", args=(Node("in", args=(node, right)),))
                continue
            power = _INFIX.get(key or "")
            if power is None or power < floor:
                return node
            self.i += 1
            right = self.expression(power + 1)
            if key in {"or", "and", "in"}:
                node = Node(str(key), args=(node, right))
            elif power == COMPARE_POWER:
                node = Node("cmp", key, (node, right))
            else:
                node = Node("arith", key, (node, right))

    def prefix(self, floor: int) -> Node:
        key = self.key()
        if key == "not" and floor <= NOT_POWER:
            self.i += 1
            return Node("not", args=(self.expression(NOT_POWER),))
        if key == "-":
            self.i += 1
            return Node("neg", args=(self.expression(UNARY_POWER),))
        return self.atom()

    def atom(self) -> Node:
        kind, tok = self.take()
        if kind == "num":
            return Node("lit", float(tok) if any(c in tok for c in ".eE") else int(tok))
        if kind == "str":
            return Node("lit", _ESCAPE.sub(r"\1", tok[1:-1]))
        if kind == "kw":
            if tok in _LITERALS:
                return Node("lit", _LITERALS[tok])
            raise ValueError(f"unexpected {tok!r}")
        if tok == "(":
            node = self.expression(1)
            self.take(")")
            return node
        if tok == "[":
            return Node("list", args=self.items("]"))
        if kind == "name":
            if self.key() == "(":
                self.i += 1
                return Node("call", tok, self.items(")"))
            return Node("path", tok)
        raise ValueError(f"unexpected {tok!r}")

    def items(self, close: str) -> tuple[Node, ...]:
        """Comma-separated expressions up to the closing bracket (taken)."""
        items: list[Node] = []
        while self.key() != close:
            items.append(self.expression(1))
            if self.key() != close:
                self.take(",")
        self.take(close)
        return tuple(items)


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


_TESTS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _contains(item: Any, container: Any) -> bool | None:
    if item is None or container is None:
        return None
    if type(container) is list:  # the usual case, before the slow check against Mapping
        return _ci(item) in {_ci(v) for v in container}
    if isinstance(container, str):
        return str(item).lower() in container.lower()
    if isinstance(container, Mapping):
        return _ci(item) in {_ci(k) for k in container}
    return _ci(item) in {_ci(v) for v in container}


def _divide(a: Any, b: Any) -> Any:
    return a / b if b else None


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": _divide,
}


@dataclass(slots=True)
class Env:
    """What names mean while evaluating: variables, the requirements, an entry, functions."""

    requirements: Mapping[str, Any] = field(default_factory=dict)
    variables: Mapping[str, Any] = field(default_factory=dict)
    functions: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    origins: Mapping[str, set[str]] = field(default_factory=dict)
    # Values of requirement paths already looked up; envs over the same requirements share it.
    resolved: dict[str, Any] = field(default_factory=dict)

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
        try:
            value = self.resolved[path]
        except KeyError:
            value = self.resolved[path] = _walk(self.requirements, parts)
        if value is None:
            self.unknown.add(path)
        return value


def _walk(value: Any, parts: tuple[str, ...]) -> Any:
    for part in parts:
        if value is None or part.startswith("_"):
            return None
        if type(value) is dict or isinstance(value, Mapping):  # dict: skip the slow ABC check
            value = value.get(part)
        else:
            value = getattr(value, part, None)
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
    # Each closure does its node's whole job inline: evaluation is mostly these calls.
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
        if all(a.kind == "lit" for a in node.args):
            items = [a.value for a in node.args]
            return lambda env: list(items)
        return lambda env: [a(env) for a in args]
    if kind == "and":
        return _and(*args)
    if kind == "or":
        return _or(*args)
    if kind == "not":
        return _not(*args)
    if kind == "cmp":
        return _cmp(str(node.value), *args)
    if kind == "in":
        left, right = args
        return lambda env: _contains(left(env), right(env))
    if kind == "arith":
        return _arith(str(node.value), *args)
    if kind == "neg":
        return _neg(*args)
    if kind == "call":
        return _call(str(node.value), args)
    raise ValueError(f"unknown node {kind}")


def _and(left: Compiled, right: Compiled) -> Compiled:
    def and_(env: Env) -> Any:
        a = left(env)
        if a is not None and not a:
            return False
        b = right(env)
        if b is not None and not b:
            return False
        return None if a is None or b is None else True

    return and_


def _or(left: Compiled, right: Compiled) -> Compiled:
    def or_(env: Env) -> Any:
        a = left(env)
        if a is not None and a:
            return True
        b = right(env)
        if b is not None and b:
            return True
        return None if a is None or b is None else False

    return or_


def _not(inner: Compiled) -> Compiled:
    def not_(env: Env) -> Any:
        v = inner(env)
        return None if v is None else not v

    return not_


def _cmp(op: str, left: Compiled, right: Compiled) -> Compiled:
    test = _TESTS[op]

    def cmp(env: Env) -> bool | None:
        a = left(env)
        b = right(env)
        if a is None or b is None:
            return None
        if isinstance(a, str):
            a = a.lower()
        if isinstance(b, str):
            b = b.lower()
        try:
            return bool(test(a, b))
        except TypeError:
            raise ValueError(f"cannot compare {a!r} {op} {b!r}") from None

    return cmp


def _arith(op: str, left: Compiled, right: Compiled) -> Compiled:
    fn = _ARITH[op]

    def arith(env: Env) -> Any:
        a = left(env)
        b = right(env)
        return None if a is None or b is None else fn(a, b)

    return arith


def _neg(inner: Compiled) -> Compiled:
    def neg(env: Env) -> Any:
        v = inner(env)
        return None if v is None else -v

    return neg


def _call(name: str, args: list[Compiled]) -> Compiled:
    def call(env: Env) -> Any:
        fn = env.functions.get(name) or BUILTINS.get(name)
        if fn is None:
            raise ValueError(f"unknown function {name}()")
        return fn(*[a(env) for a in args])

    return call


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


@lru_cache(maxsize=1024)
def _word_start(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(word.lower()))


def _mentions_word(texts: Any, word: Any) -> bool | None:
    """Like mentions(), but the word must start a word ('play' is not in 'displays')."""
    if texts is None or word is None:
        return None
    items = [texts] if isinstance(texts, str) else list(texts)
    pattern = _word_start(str(word))
    return any(pattern.search(str(t).lower()) is not None for t in items)


_UNIT_MINUTES = {"s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0}
# "20 to 40 minutes", "3 hours": a length or a range of lengths, the end of every job pattern
_DURATION_UNIT = r"(?:sec|second|min|minute|h|hr|hour|day)s?\b"
_DURATION = (
    rf"(?P<low>{NUMBER})(?:\s*(?P<lowunit>{_DURATION_UNIT}))?"
    rf"(?:\s*(?:to|-|and|or)\s*(?P<high>{NUMBER}))?"
    r"\s*(?P<unit>sec|second|min|minute|h|hr|hour|day)s?\b"
)
# "a solve takes 20 to 40 minutes", "each run lasts about 3 hours", "jobs running for 2 h".
_JOB = re.compile(
    r"\b(?:takes?|taking|took|lasts?|lasting|runs? for|running for|run time of|runtime of)\b"
    r"(?:\s+(?:about|around|roughly|up to|between|some|from|usually|typically|up|to))*\s+"
    + _DURATION,
    re.IGNORECASE,
)


# "a conversion runs on a GPU machine for 5 to 40 minutes": a few words between the verb and 'for'.
@cache
def _job_for() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:runs?|running|works?|computes?|churns?)\s+(?:[a-z-]+\s+){1,5}?for"
        r"(?:\s+(?:about|around|roughly|up to|between|some|from|usually|typically))*\s+"
        + _DURATION,
        re.IGNORECASE,
    )


# "a 40-minute solve", "six-hour runs": a duration that names the work it measures.
@cache
def _job_noun() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<low>{NUMBER})(?P<high>)[- ](?P<unit>second|minute|hour|day)s?[- ]"
        r"(?:long\s+)?(?:jobs?|runs?|solves?|renders?|conversions?|builds?|tasks?|simulations?"
        r"|exports?|imports?|batch(?:es)?|processing)\b",
        re.IGNORECASE,
    )


_UNIT_DAYS = {"d": 1.0, "w": 7.0, "m": 30.0}


# "within 40 working days", "a decision within 8 weeks", "not answered in eight weeks": a deadline
# counted in days or longer ("in" only after a verb of answering or deciding).
@cache
def _deadline() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:within|(?:answered|decided|resolved|replied|responded|paid|processed|handled|closed|filed)"
        r"\s+in)\s+(?:(?:about|around|roughly|at most|no more than)\s+)?"
        + rf"(?P<n>{NUMBER})\s+(?P<kind>working\s+|business\s+|calendar\s+|clear\s+)?"
        + r"(?P<unit>day|week|month)s?\b",
        re.IGNORECASE,
    )


# "180 million files", "up to 200,000 rows": a count of records handled together.
@cache
def _records() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<n>{NUMBER})\s+(?:[a-z-]+\s+)?(?P<what>rows|records|files|documents|lines|entries"
        r"|items|objects|photos|images|accounts|contacts|products|listings)\b",
        re.IGNORECASE,
    )


# "TMX files of up to 10 million segments", "a spreadsheet with 40,000 lines": whatever a file holds
# is counted in its own unit, so the count names the file rather than a list of nouns.
@cache
def _file_of() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:files?|imports?|uploads?|spreadsheets?|exports?|batch(?:es)?|dumps?|archives?)\s+"
        r"(?:of|with|holding|containing)\s+"
        r"(?:(?:up to|about|around|roughly|as many as|over|more than|some)\s+)?"
        rf"(?P<n>{NUMBER})\s+(?!(?:to|and|or|per|a|an|the|of|[kmgtp]b|bytes?|[a-z]*bytes|seconds?"
        r"|minutes?|hours?|days?|weeks?|months?|years?|percent)\b)[a-z-]+",
        re.IGNORECASE,
    )


# "lists published at 16:30", "by 6 am", "at midnight": a time of day work is tied to. A clock time
# needs a word before it ("at", "by", "until", ...) so a ratio or a score is not read as one.
@cache
def _time_of_day() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:at|by|before|after|until|till|from|around|about|opens?|closes?)\s+"
        r"(?P<t>(?:[01]?\d|2[0-3])[:h][0-5]\d(?!\d|[:.]\d)(?:\s*[ap]\.?m\b\.?)?"
        r"|(?:1[0-2]|0?[1-9])\s*[ap]\.?m\b\.?|midnight|noon|midday)",
        re.IGNORECASE,
    )


_SIZE_MB = {"m": 1.0, "g": 1024.0, "t": 1024.0 * 1024.0}


# "PDFs of up to 1 GB", "episodes (5-40 GB)", "a 500 MB drawing": a size the text states.
@cache
def _size() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<n>{NUMBER})\s*(?P<unit>mb|gb|tb|megabytes?|gigabytes?|terabytes?)\b", re.IGNORECASE
    )


def _texts(groups: tuple[Any, ...]) -> list[str]:
    out: list[str] = []
    for group in groups:
        out += [group] if isinstance(group, str) else [str(t) for t in group or []]
    return out


def _may_say(text: str, *words: str) -> bool:
    """Whether a case-blind pattern that needs one of the words could match the text (cheaply)."""
    # Outside ASCII a case-blind pattern folds wider than lower() (the Kelvin sign is a k to it):
    # such a text is always tried.
    if not text.isascii():
        return True
    low = text.lower()
    return any(w in low for w in words)


def _job_patterns(text: str) -> list[re.Pattern[str]]:
    """The job patterns that could match the text, each needing one of its words."""
    out = [_JOB] if _may_say(text, "tak", "took", "last", "run") else []
    if _may_say(text, "for") and _may_say(text, "run", "work", "comput", "churn"):
        out.append(_job_for())
    if _may_say(text, "second", "minute", "hour", "day"):
        out.append(_job_noun())
    return out


def _job_minutes(*texts: Any) -> float | None:
    """The longest duration the texts say one job takes, in minutes (None when none is said)."""
    found: list[float] = []
    for text in _texts(texts):
        for pattern in _job_patterns(text):
            for m in pattern.finditer(text):
                low, high, unit = m.group("low"), m.group("high"), m.group("unit").lower()
                # "from 10 minutes to 2 hours": each end in its own unit
                low_unit = (m.groupdict().get("lowunit") or unit).lower()
                found.append(parse_quantity(low)[0] * _UNIT_MINUTES[low_unit[0]])
                if high:
                    found.append(parse_quantity(high)[0] * _UNIT_MINUTES[unit[0]])
    return max(found) if found else None


# A connection, session or stream that stays open for a stated time: "each app keeps one
# connection open for a whole 12-hour shift", "streams last up to six hours".
_HELD = re.compile(
    rf"(?<!every )(?<!each )(?P<low>{NUMBER})(?:[\s-]+)(?P<unit>second|minute|hour|day)s?\b",
    re.IGNORECASE,
)
_HELD_OPEN = (
    "open",
    "hold",
    "keep",
    "kept",
    "stay",
    "last",
    "connected",
    "for a",
    "for the",
    "whole",
)
# Data kept in a stream for replay is retention, not a connection held open.
_HELD_NOT = (
    "retain",
    "retention",
    "replay",
    "history",
    "expire",
    "inactiv",
    "idle",
    "timeout",
    "time out",
)


def _held_minutes(*texts: Any) -> float | None:
    """The longest time the texts say one connection, session or stream stays open, in minutes."""
    found: list[float] = []
    for text in _texts(texts):
        low = text.lower()
        connection = any(w in low for w in ("connection", "connected", "session", "socket"))
        stream = "stream" in low and any(w in low for w in ("last", "open", "stay"))
        held = any(w in low for w in _HELD_OPEN) and not any(w in low for w in _HELD_NOT)
        if not ((connection or stream) and held):
            continue
        for m in _HELD.finditer(text):
            unit = _UNIT_MINUTES[m.group("unit")[0].lower()]
            found.append(parse_quantity(m.group("low"))[0] * unit)
    return max(found) if found else None


# "gives the council 13 weeks to decide", "30 days to answer": a period given for a decision.
@cache
def _period_to() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<n>{NUMBER})\s+(?P<kind>working\s+|business\s+|calendar\s+|clear\s+)?"
        r"(?P<unit>day|week|month)s?\s+(?:to|in which to)\s+"
        r"(?:decide|answer|respond|reply|pay|file|complete|object|appeal|comply|determine)\b",
        re.IGNORECASE,
    )


def _deadline_days(*texts: Any) -> float | None:
    """The longest deadline the texts state in days or longer, in calendar days (working x 7/5)."""
    found: list[float] = []
    for text in _texts(texts):
        patterns = [_period_to()] if " to " in text else []
        if "within" in text.lower() or " in " in text:
            patterns.append(_deadline())
        found += [_calendar_days(m) for pattern in patterns for m in pattern.finditer(text)]
    return max(found) if found else None


def _calendar_days(m: re.Match[str]) -> float:
    """A matched period (`n`, `kind`, `unit`) in calendar days: working days count 7/5."""
    days = parse_quantity(m.group("n"))[0] * _UNIT_DAYS[m.group("unit")[0].lower()]
    kind = (m.group("kind") or "").strip().lower()
    return days * 7 / 5 if kind in ("working", "business") else days


def _largest_mb(*texts: Any) -> float | None:
    """The largest size the texts state, in megabytes (None when none is)."""
    found = [
        parse_quantity(m.group("n"))[0] * _SIZE_MB[m.group("unit")[0].lower()]
        for text in _texts(texts)
        if _may_say(text, "mb", "gb", "tb", "byte")
        for m in _size().finditer(text)
    ]
    return max(found) if found else None


# A size people take from the system: "the app fetches its map pack, on average 1.2 GB", "each
# episode downloaded is about 300 MB". Upload sentences are what users send, not what goes out.
_FETCH = re.compile(
    r"\b(?:download|fetch|stream|install|watch|pull(?:s|ed|ing)?\s+down|takes?\s+(?:it\s+)?onto)",
    re.IGNORECASE,
)
_SEND = re.compile(r"\bupload", re.IGNORECASE)
# Sentences whose decimal points ("1.2 GB") do not end them.
_CLAUSES = re.compile(r"(?:[^.;!?\n]|\.(?=\d))+")


def _fetched_mb(*texts: Any) -> float | None:
    """The largest size the texts state in a sentence about taking it from the system, in MB."""
    found = [
        parse_quantity(m.group("n"))[0] * _SIZE_MB[m.group("unit")[0].lower()]
        for text in _texts(texts)
        if _may_say(text, "mb", "gb", "tb", "byte")
        for sentence in _CLAUSES.findall(text)
        if _FETCH.search(sentence) and not _SEND.search(sentence)
        for m in _size().finditer(sentence)
    ]
    return max(found) if found else None


def _record_count(*texts: Any) -> float | None:
    """The largest count of records, files or rows the texts state (None when none is)."""
    found = [
        parse_quantity(m.group("n"))[0]
        for text in _texts(texts)
        for pattern in _count_patterns(text)
        for m in pattern.finditer(text)
    ]
    return max(found) if found else None


_RECORD_NOUNS = (
    "row", "record", "file", "document", "line", "entr", "item", "object", "photo", "image",
    "account", "contact", "product", "listing",
)  # fmt: skip
_FILE_NOUNS = ("file", "import", "upload", "spreadsheet", "export", "batch", "dump", "archive")


def _count_patterns(text: str) -> list[re.Pattern[str]]:
    """The count patterns that could match the text, each needing one of its nouns."""
    out = [_records()] if _may_say(text, *_RECORD_NOUNS) else []
    if _may_say(text, *_FILE_NOUNS):
        out.append(_file_of())
    return out


def _times_of_day(*texts: Any) -> float | None:
    """How many distinct times of day the texts tie work to (None when none is said)."""
    found = {
        re.sub(r"[\s.]", "", m.group("t").lower())
        for text in _texts(texts)
        for m in _time_of_day().finditer(text)
    }
    return float(len(found)) if found else None


# "30x higher", "ten times the usual", "20 times more traffic": how many times normal the load gets.
@cache
def _multiple() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<n>{NUMBER})\s*(?:x|times|-fold|fold)\s+"
        r"(?:higher|more|bigger|greater|normal|usual|as\s+(?:many|much)|(?:the|its|their|our|his|her)\s+(?:[a-z]+\s+)?"
        r"(?:usual|normal|average|daily|volume|load|traffic|level|rate))\b",
        re.IGNORECASE,
    )


def _load_multiple(*texts: Any) -> float | None:
    """The largest 'N times normal' the texts state (None when none is)."""
    found = [
        parse_quantity(m.group("n"))[0]
        for text in _texts(texts)
        for m in _multiple().finditer(text)
    ]
    return max(found) if found else None


# "a satellite link of 8 Mbit/s", "a 100 Mbps line", "20 Mb/s upload": a link's rate. Bits are
# lower-case b or spelt out; "MB/s" with a capital B is bytes.
@cache
def _rate() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<n>{NUMBER})\s*(?P<unit>(?i:k|m|g)?(?:bit/s|bits/s|bps|b/s)|(?i:baud)|(?:K|M|G)B/s|"
        r"(?i:kilo|mega|giga)?(?:bits?|bytes?)\s+(?:per|a|/)\s*second)(?![A-Za-z])",
    )


# Words that make a rate a link's: a rate of a link, a line, a connection, an uplink, ...
_LINK_NOUN = re.compile(
    r"\b(?:link|links|line|lines|uplink|uplinks|upload|connection|connections|satellite|circuit|backhaul|"
    r"bandwidth|broadband|vsat|modem|modems|leased|wan|fibre|fiber|cellular|radio|lora|lorawan|"
    r"iridium|telemetry\s+channel|sim|sims)\b",
    re.IGNORECASE,
)
_RATE_MBPS = {"k": 0.001, "m": 1.0, "g": 1000.0}
_SENTENCES = re.compile(r"[^.;!?\n]+")


def _mbps(m: re.Match[str]) -> float:
    unit = m.group("unit")
    low = unit.lower()
    # No prefix ("9600 bps", "1200 baud", "bits per second") is bits a second.
    bare = low.startswith(("bit", "byte", "baud", "bps", "b/s"))
    scale = 1e-6 if bare else _RATE_MBPS.get(low[0], 1e-6)
    # Bytes: a capital B after the prefix ("MB/s"), or the word spelt out.
    if re.match(r"(?:K|M|G)B/s$", unit) or "byte" in low:
        scale *= 8
    return parse_quantity(m.group("n"))[0] * scale


def link_mbps(*texts: Any) -> float | None:
    """The slowest link the texts state, in Mbit/s (a rate said in a sentence about a link)."""
    found = [
        _mbps(m)
        for text in _texts(texts)
        for sentence in _SENTENCES.findall(text)
        if _LINK_NOUN.search(sentence)
        for m in _rate().finditer(sentence)
    ]
    return min(found) if found else None


# A sentence whose sizes are per day: "6 TB a day", "each day", "daily", "on a shooting day".
_PER_DAY = re.compile(
    r"\b(?:a|per|each|every|one)\s+(?:[a-z]+\s+)?day\b|\bdaily\b|/\s*day\b|\bin\s+24\s+hours\b",
    re.IGNORECASE,
)
_PER_OTHER = re.compile(
    r"\b(?:a|per|each|every)\s+(?:month|year|week|hour|minute|second)\b", re.IGNORECASE
)
_VOLUME = {"m": 1e-3, "g": 1.0, "t": 1e3, "p": 1e6}


@cache
def _volume() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<n>{NUMBER})\s*(?P<unit>mb|gb|tb|pb|megabytes?|gigabytes?|terabytes?|petabytes?)\b",
        re.IGNORECASE,
    )


def _gb(m: re.Match[str]) -> float:
    return parse_quantity(m.group("n"))[0] * _VOLUME[m.group("unit")[0].lower()]


# "300 photos a day of 4 MB each", "200 scans a day, 30 MB apiece": a count a day times a size each.
@cache
def _count_per_day() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<n>{NUMBER})\s+(?:[a-z-]+\s+){{1,2}}(?:a|per|each|every)\s+day\b", re.IGNORECASE
    )


_EACH = re.compile(r"^\s*(?:each|apiece|per\s+(?:photo|image|file|picture|clip|scan|reading))\b")


def _daily(sentence: str) -> list[float]:
    """The volumes a day one sentence states, a count a day times a size each included."""
    sizes = list(_volume().finditer(sentence))
    found = [_gb(m) for m in sizes]
    count = _count_per_day().search(sentence)
    each = [m for m in sizes if _EACH.match(sentence[m.end() :])]
    if count is not None and each:
        found.append(parse_quantity(count.group("n"))[0] * _gb(each[0]))
    return found


def gb_per_day(*texts: Any) -> float | None:
    """The largest volume the texts say is produced or moved a day, in GB."""
    found = [
        gb
        for text in _texts(texts)
        for sentence in _SENTENCES.findall(text)
        if _PER_DAY.search(sentence) and not _PER_OTHER.search(sentence)
        for gb in _daily(sentence)
    ]
    return max(found) if found else None


# A metered link's allowance: "a data plan of 20 MB a month", "a 500 MB monthly SIM bundle".
_ALLOWANCE = re.compile(
    r"\b(?:plan|plans|allowance|allowances|allowing|allows|bundle|bundles|quota|metered|cap|capped|"
    r"data\s+limit)\b",
    re.IGNORECASE,
)
_PERIOD_DAYS = (
    (re.compile(r"\b(?:a|per|each|every)\s+month\b|\bmonthly\b|/\s*month\b", re.I), 30.44),
    (re.compile(r"\b(?:a|per|each|every)\s+week\b|\bweekly\b", re.I), 7.0),
    (re.compile(r"\b(?:a|per|each|every)\s+day\b|\bdaily\b|/\s*day\b", re.I), 1.0),
)


def allowance_gb_per_day(*texts: Any) -> float | None:
    """The smallest metered link allowance the texts state, in GB a day."""
    found: list[float] = []
    for text in _texts(texts):
        for sentence in _SENTENCES.findall(text):
            if not (_LINK_NOUN.search(sentence) and _ALLOWANCE.search(sentence)):
                continue
            days = next((d for pattern, d in _PERIOD_DAYS if pattern.search(sentence)), None)
            if days is None:
                continue
            found += [_gb(m) / days for m in _volume().finditer(sentence)]
    return min(found) if found else None


def _pluck(items: Any, key: Any) -> Any:
    if items is None:
        return None
    return [i.get(key) if isinstance(i, Mapping) else getattr(i, str(key), None) for i in items]


def _first(items: Any) -> Any:
    return items[0] if items else None


def _field(item: Any, key: Any) -> Any:
    return item.get(key) if isinstance(item, Mapping) else getattr(item, str(key), None)


def _where(items: Any, key: Any, value: Any) -> Any:
    """The items whose field equals value (a list field: contains it)."""
    if items is None:
        return None
    return [i for i in items if _has(_field(i, key), value)]


def _without(items: Any, key: Any, value: Any) -> Any:
    """The items whose field neither equals nor contains value."""
    if items is None:
        return None
    return [i for i in items if not _has(_field(i, key), value)]


def _said_together(texts: Any, first: Any, second: Any) -> bool | None:
    """Whether one line says a word of each list ('retried' with 'twice' in the same workflow)."""
    if texts is None or first is None or second is None:
        return None
    items = [texts] if isinstance(texts, str) else list(texts)
    a = [str(w).lower() for w in ([first] if isinstance(first, str) else first)]
    b = [str(w).lower() for w in ([second] if isinstance(second, str) else second)]
    lines = [str(t).lower() for t in items]
    return any(any(w in line for w in a) and any(w in line for w in b) for line in lines)


def _has(found: Any, value: Any) -> bool:
    if isinstance(found, (list, tuple, set, frozenset)):
        return value in found
    return bool(found == value)


BUILTINS: dict[str, Callable[..., Any]] = {
    "first": _first,
    "mentions": _mentions,
    "mentions_word": _mentions_word,
    # one word with any of others in one line: said_together under the name the rules first used
    "mentions_with": _said_together,
    "pluck": _pluck,
    "known": _known,
    "default": _default,
    "len": _length,
    "min": _num(min),
    "max": _num(max),
    "ceil": _ceil,
    "any_in": _any_in,
    "job_minutes": _job_minutes,
    "held_minutes": _held_minutes,
    "deadline_days": _deadline_days,
    "record_count": _record_count,
    "largest_mb": _largest_mb,
    "fetched_mb": _fetched_mb,
    "times_of_day": _times_of_day,
    "load_multiple": _load_multiple,
    "link_mbps": link_mbps,
    "gb_per_day": gb_per_day,
    "allowance_gb_per_day": allowance_gb_per_day,
    "where": _where,
    "without": _without,
    "said_together": _said_together,
}
