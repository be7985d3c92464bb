"""The rules and prices, grouped by kind, and the evaluation environment built from them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from archwise.kb.schemas.pattern import Pattern
from archwise.kb.schemas.price import Price
from archwise.kb.schemas.rule import CRITERIA, Rule
from archwise.kb.schemas.technology import Technology
from archwise.recommend import expr

Entry = Technology | Pattern
LEVELS = ("strong", "some", "learning", "none")


class KBLike(Protocol):
    """What the engine needs of the knowledge base (archwise.kb.loader.KnowledgeBase has it)."""

    def candidates(self, topic: str) -> list[Entry]:
        """Entries that are candidates for a topic, sorted by name."""

    def find(self, name: str) -> Entry | None:
        """An entry by name or alias, else None."""

    def ring(self, name: str) -> str | None:
        """The radar ring of an entry, else None."""


@dataclass
class RuleBook:
    """Rules by kind (in file order) and prices by key."""

    rules: Sequence[Rule]
    prices: Mapping[str, Price]
    by_kind: dict[str, list[Rule]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rule in self.rules:
            self.by_kind.setdefault(rule.kind, []).append(rule)

    def of(self, kind: str, topic: str | None = None) -> list[Rule]:
        """Rules of a kind that apply to topic (rules without topics apply to every topic)."""
        found = self.by_kind.get(kind, [])
        if topic is None:
            return list(found)
        return [r for r in found if not r.topics or topic in r.topics]

    def setting(self, name: str, fallback: float) -> float:
        """A numeric setting from the settings rules (the last one wins)."""
        value: Any = fallback
        for rule in self.by_kind.get("settings", []):
            if name in rule.settings:
                value = rule.settings[name]
        return float(value)

    def criterion_rule(self, criterion: str, topic: str) -> Rule | None:
        """The criterion rule for a topic: a topic-specific one first, else the general one."""
        general: Rule | None = None
        for rule in self.by_kind.get("criterion", []):
            if rule.criterion != criterion:
                continue
            if topic in rule.topics:
                return rule
            if not rule.topics and general is None:
                general = rule
        return general


def facts(entry: Entry, year: int) -> dict[str, Any]:
    """An entry as a mapping of facts for expressions, plus kind and age in years."""
    data = entry.model_dump(mode="json")
    if isinstance(entry, Technology):
        data["kind"] = "technology"
        data["age"] = year - entry.first_stable_release
    else:
        data["kind"] = "pattern"
        data["age"] = year - entry.first_described if entry.first_described else None
    return data


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9+#]", "", text.casefold())


def team_level(expertise: Mapping[str, str] | None, entry: Mapping[str, Any]) -> str | None:
    """The team's level with an entry: by its name, an alias, or its language."""
    if not expertise:
        return None
    levels = {_norm(k): v for k, v in expertise.items()}
    names = [entry.get("name"), *(entry.get("aliases") or []), entry.get("language")]
    found = [levels[_norm(n)] for n in names if isinstance(n, str) and _norm(n) in levels]
    if not found:
        return None
    return min(found, key=LEVELS.index)


def named(entry: Mapping[str, Any] | None, names: Any) -> bool | None:
    """Whether the entry's name or an alias is in names (case- and punctuation-insensitive)."""
    if entry is None or names is None:
        return None
    wanted = {_norm(str(n)) for n in names}
    spellings = [entry.get("name"), *(entry.get("aliases") or [])]
    return any(isinstance(s, str) and _norm(s) in wanted for s in spellings)


@dataclass
class Context:
    """Requirements as plain data, the knowledge base and the year ages are counted from."""

    requirements: Mapping[str, Any]
    kb: KBLike
    year: int
    derived: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, set[str]] = field(default_factory=dict)
    cache: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    _facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    _functions: dict[str, Callable[..., Any]] | None = None

    def derive(self, book: RuleBook) -> None:
        """Evaluate the derive rules once: names every other rule may use."""
        for rule in book.of("derive"):
            for name, text in rule.variables.items():
                value, unknown = evaluate(text, self.env())
                self.derived[name] = value
                self.origins[name] = unknown

    def candidates(self, topic: str) -> list[Entry]:
        """The knowledge base's candidates for a topic (cached)."""
        key = ("candidates", topic, "")
        got = self.cache.get(key)
        if got is None:
            got = self.kb.candidates(topic)
            self.cache[key] = got
        return list(got)

    def facts_of(self, entry: Entry) -> dict[str, Any]:
        """Facts of an entry (cached)."""
        got = self._facts.get(entry.name)
        if got is None:
            got = facts(entry, self.year)
            self._facts[entry.name] = got
        return got

    def functions(self) -> dict[str, Callable[..., Any]]:
        """Functions rules may call (built once)."""
        if self._functions is None:
            self._functions = self._make_functions()
        return self._functions

    def _make_functions(self) -> dict[str, Callable[..., Any]]:
        team = (self.requirements.get("constraints") or {}).get("team") or {}
        expertise = team.get("expertise")

        def ring(name: Any) -> str | None:
            return self.kb.ring(str(name)) if name is not None else None

        def level(entry: Any) -> str | None:
            return team_level(expertise, entry) if isinstance(entry, Mapping) else None

        return {"ring": ring, "kb.ring": ring, "expertise": level, "named": named}

    def env(self, **variables: Any) -> expr.Env:
        """An evaluation environment with these variables over the requirements."""
        return expr.Env(
            self.requirements, {**self.derived, **variables}, self.functions(), origins=self.origins
        )


def evaluate(text: str | float, env: expr.Env) -> tuple[Any, set[str]]:
    """Evaluate and return the value with the requirement paths that were unknown."""
    if isinstance(text, (int, float)):
        return text, set()
    env.unknown = set()
    value = expr.evaluate(text, env)
    return value, set(env.unknown)


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def fill(template: str, env: expr.Env) -> str:
    """Fill {expression} parts of a reason text."""

    def one(m: re.Match[str]) -> str:
        value = expr.evaluate(m.group(1), env)
        if isinstance(value, float):
            return f"{value:,.0f}" if value >= 100 else f"{value:g}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}" if abs(value) >= 10000 else str(value)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return "unknown" if value is None else str(value)

    return _PLACEHOLDER.sub(one, template)


def base_weights() -> dict[str, float]:
    """Every criterion at weight 0 before the weight rules run."""
    return dict.fromkeys(CRITERIA, 0.0)
