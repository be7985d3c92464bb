"""The rules and prices, grouped by kind, and the evaluation environment built from them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from archwise.kb.schemas.archetype import Archetype
from archwise.kb.schemas.concept import Concept
from archwise.kb.schemas.pattern import Pattern
from archwise.kb.schemas.place import Area, Place
from archwise.kb.schemas.price import Price, Unpriced
from archwise.kb.schemas.region import ProviderRegions
from archwise.kb.schemas.rule import CRITERIA, Rule
from archwise.kb.schemas.technology import Technology
from archwise.recommend import expr
from archwise.schema import plain

Entry = Technology | Pattern
T = TypeVar("T")
LEVELS = ("strong", "some", "learning", "none")
WRITTEN_IN = frozenset(
    {"backend_framework", "frontend_framework", "library", "runtime", "realtime"}
)


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
    archetypes: Sequence[Archetype] = ()
    unpriced: Sequence[Unpriced] = ()  # components left unpriced on purpose, with the reason
    regions: Sequence[ProviderRegions] = ()  # each provider's regions, for data residency
    concepts: Mapping[str, Concept] = field(default_factory=dict)  # the recognition lexicon
    places: Sequence[Place] = ()  # cities by coordinates, for the distance between them
    areas: Sequence[Area] = ()  # countries and regions, placed by their cities
    by_kind: dict[str, list[Rule]] = field(default_factory=dict)
    _of_topic: dict[tuple[str, str], list[Rule]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _criteria: dict[tuple[str, str], Rule | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for rule in self.rules:
            self.by_kind.setdefault(rule.kind, []).append(rule)

    def of(self, kind: str, topic: str | None = None) -> list[Rule]:
        """Rules of a kind that apply to topic (rules without topics apply to every topic)."""
        found = self.by_kind.get(kind, [])
        if topic is None:
            return list(found)
        key = (kind, topic)
        got = self._of_topic.get(key)
        if got is None:
            got = [r for r in found if not r.topics or topic in r.topics]
            self._of_topic[key] = got
        return list(got)

    def setting(self, name: str, fallback: float) -> float:
        """A numeric setting from the settings rules (the last one wins)."""
        value: Any = fallback
        for rule in self.by_kind.get("settings", []):
            if name in rule.settings:
                value = rule.settings[name]
        return float(value)

    def criterion_rule(self, criterion: str, topic: str) -> Rule | None:
        """The criterion rule for a topic: a topic-specific one first, else the general one."""
        key = (criterion, topic)
        if key not in self._criteria:
            self._criteria[key] = self._criterion_rule(criterion, topic)
        return self._criteria[key]

    def _criterion_rule(self, criterion: str, topic: str) -> Rule | None:
        general: Rule | None = None
        for rule in self.by_kind.get("criterion", []):
            if rule.criterion != criterion:
                continue
            if topic in rule.topics:
                return rule
            if not rule.topics and general is None:
                general = rule
        return general


@lru_cache(maxsize=1024)
def _run_here(name: str) -> re.Pattern[str]:
    """A platform the organisation runs: owned, a platform or cluster, or what runs on it today."""
    word = r"(?<![a-z0-9])" + re.escape(name.casefold()) + r"(?![a-z0-9])"
    owner = r"\b(?:our|its|existing|in-house|company's|group's|bank's|city's|council's)\s+"
    owner += r"(?:own\s+|existing\s+|shared\s+|internal\s+)?"
    today = r"\b(?:app|apps|runs|running|hosted|deployed|lives)\s+(?:today\s+)?on\s+"
    return re.compile(
        owner + word + r"|" + word + r"\s+(?:platform|cluster|clusters)\b|" + today + word
    )


def facts(entry: Entry, year: int) -> dict[str, Any]:
    """An entry as a mapping of facts for expressions, plus kind and age in years."""
    data: dict[str, Any] = plain(entry)
    if isinstance(entry, Technology):
        data["kind"] = "technology"
        data["age"] = year - entry.first_stable_release
    else:
        data["kind"] = "pattern"
        data["age"] = year - entry.first_described if entry.first_described else None
    return data


_NOT_NAME = re.compile(r"[^a-z0-9+#]")


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    return _NOT_NAME.sub("", text.casefold())


def team_level(expertise: Mapping[str, str] | None, entry: Mapping[str, Any]) -> str | None:
    """The team's level with an entry: by its name, an alias, or its language."""
    if not expertise:
        return None
    return _level({_norm(k): v for k, v in expertise.items()}, entry)


def _level(levels: Mapping[str, str], entry: Mapping[str, Any]) -> str | None:
    """team_level() with the expertise keys already normalised."""
    if not levels:
        return None
    names = [entry.get("name"), *(entry.get("aliases") or [])]
    # A language carries over only to what the team writes code with in it (a framework, a
    # library); a database or a scheduler written in Go asks nothing of a Go team.
    if entry.get("category") in WRITTEN_IN:
        names.append(entry.get("language"))
    found = [levels[_norm(n)] for n in names if isinstance(n, str) and _norm(n) in levels]
    if not found:
        return None
    return min(found, key=LEVELS.index)


def named(entry: Mapping[str, Any] | None, names: Any) -> bool | None:
    """Whether the entry's name or an alias is in names (case- and punctuation-insensitive)."""
    if entry is None or names is None:
        return None
    wanted = _norms(tuple(str(n) for n in names))
    spellings = [entry.get("name"), *(entry.get("aliases") or [])]
    return any(isinstance(s, str) and _norm(s) in wanted for s in spellings)


@lru_cache(maxsize=1024)
def _norms(names: tuple[str, ...]) -> frozenset[str]:
    """The names normalised, once per list (rules ask about the same list for every entry)."""
    return frozenset(_norm(n) for n in names)


@dataclass
class Context:
    """Requirements as plain data, the knowledge base and the year ages are counted from."""

    # A context is used with one rule book: what it remembers in `cache` assumes so.
    requirements: Mapping[str, Any]
    kb: KBLike
    year: int
    derived: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, set[str]] = field(default_factory=dict)
    cache: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    # What the matched archetypes add to every decision (scoring.Tilt), and the topics they rule
    # out: topic -> (because, trigger).
    tilts: list[Any] = field(default_factory=list)
    not_needed: dict[str, tuple[str, str]] = field(default_factory=dict)
    matches: list[Any] = field(default_factory=list)
    preference: dict[str, int] = field(default_factory=dict)
    _facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    _functions: dict[str, Callable[..., Any]] | None = None
    _resolved: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def derive(self, book: RuleBook) -> None:
        """Evaluate the derive rules once: names every other rule may use."""
        for rule in book.of("derive"):
            for name, text in rule.variables.items():
                value, unknown = evaluate(text, self.env())
                self.derived[name] = value
                self.origins[name] = unknown

    def remember(self, key: tuple[str, str, str], build: Callable[[], T]) -> T:
        """build() once per key for this context; later calls share the result."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]  # type: ignore[no-any-return]

    def candidates(self, topic: str) -> list[Entry]:
        """The knowledge base's candidates for a topic (cached)."""
        return list(self.remember(("candidates", topic, ""), lambda: self.kb.candidates(topic)))

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
        levels = {_norm(k): v for k, v in (team.get("expertise") or {}).items()}

        def ring(name: Any) -> str | None:
            return self.kb.ring(str(name)) if name is not None else None

        def level(entry: Any) -> str | None:
            return _level(levels, entry) if isinstance(entry, Mapping) else None

        def named_level(entry: Any) -> str | None:
            if not isinstance(entry, Mapping):
                return None
            return _level(levels, {k: v for k, v in entry.items() if k != "language"})

        def team_knows(topic: Any) -> bool:
            # Strong or some expertise in an entry of the topic, or in a language it is written in.
            for key, lvl in levels.items():
                if lvl not in ("strong", "some"):
                    continue
                found = self.kb.find(key)
                if found is None:
                    continue
                if topic in (getattr(found, "topics", None) or []):
                    return True
                # A language carries over only to what is written in it (see _level).
                if getattr(found, "category", None) == "language" and any(
                    getattr(c, "language", None) == found.name
                    and getattr(c, "category", None) in WRITTEN_IN
                    for c in self.kb.candidates(topic)
                ):
                    return True
            return False

        def team_entries(topic: Any, wanted: Any = "known") -> list[dict[str, Any]]:
            # The topic's own entries the team names at a level ('known': strong or some),
            # never through their language: a Go team names no scheduler written in Go.
            accept = ("strong", "some") if wanted == "known" else (wanted,)
            out: list[dict[str, Any]] = []
            for key, lvl in sorted(levels.items()):
                found = self.kb.find(key)
                if lvl in accept and found is not None and topic in (found.topics or []):
                    data = {"name": found.name, "level": lvl}
                    data["capabilities"] = list(getattr(found, "capabilities", None) or [])
                    data["deployment_targets"] = list(
                        getattr(found, "deployment_targets", None) or []
                    )
                    if all(o["name"] != found.name for o in out):
                        out.append(data)
            return out

        def compatible_level(entry: Any) -> str | None:
            if not isinstance(entry, Mapping) or not entry.get("compatible_with"):
                return None
            found = [_level(levels, {"name": n}) for n in entry["compatible_with"]]
            known = [f for f in found if f is not None]
            return min(known, key=LEVELS.index) if known else None

        def language_level(entry: Any) -> str | None:
            if not isinstance(entry, Mapping) or entry.get("category") not in WRITTEN_IN:
                return None
            return _level(levels, {"name": entry.get("language")})

        def of_topic(names: Any, topic: Any) -> list[str]:
            # The canonical names among names that are knowledge-base entries of the topic.
            out: list[str] = []
            for name in names or []:
                found = self.kb.find(str(name)) if name is not None else None
                if found is not None and topic in found.topics and found.name not in out:
                    out.append(found.name)
            return out

        def platforms_in(texts: Any, topic: Any) -> list[str]:
            # Entries of the topic the texts name as what the organisation runs today: "its
            # OpenShift platform", "our existing Kubernetes cluster", "the company's EKS cluster".
            items = [texts] if isinstance(texts, str) else list(texts or [])
            text = " ".join(str(t) for t in items).casefold()
            out: list[str] = []
            for entry in self.kb.candidates(str(topic)):
                spellings = [entry.name, *(getattr(entry, "aliases", None) or [])]
                # Every alternative of the pattern holds the spelling as written: most spellings
                # are absent from the text, and their patterns need not be compiled.
                if any(
                    _run_here(s).search(text)
                    for s in spellings
                    if len(s) > 2 and s.casefold() in text
                ):
                    out.append(entry.name)
            return out

        return {
            "platforms_in": platforms_in,
            "of_topic": of_topic,
            "ring": ring,
            "kb.ring": ring,
            "expertise": level,
            "named_expertise": named_level,
            "language_expertise": language_level,
            "compatible_expertise": compatible_level,
            "team_knows": team_knows,
            "team_entries": team_entries,
            "named": named,
        }

    def env(self, **variables: Any) -> expr.Env:
        """An evaluation environment with these variables over the requirements."""
        return expr.Env(
            self.requirements,
            {**self.derived, **variables},
            self.functions(),
            origins=self.origins,
            resolved=self._resolved,
        )


def evaluate(text: str | float, env: expr.Env) -> tuple[Any, set[str]]:
    """Evaluate and return the value with the requirement paths that were unknown."""
    if isinstance(text, (int, float)):
        return text, set()
    # A fresh set per evaluation: the caller owns it, later evaluations add to their own.
    unknown: set[str] = set()
    env.unknown = unknown
    value = expr.evaluate(text, env)
    return value, unknown


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[str, ...]:
    """A template split into text and expressions, alternating (text first and last)."""
    return tuple(_PLACEHOLDER.split(template))


def fill(template: str, env: expr.Env) -> str:
    """Fill {expression} parts of a reason text."""
    pieces = _pieces(template)
    if len(pieces) == 1:
        return template
    out = [pieces[0]]
    for i in range(1, len(pieces), 2):
        out.append(_show(expr.evaluate(pieces[i], env)))
        out.append(pieces[i + 1])
    return "".join(out)


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "unknown" if value is None else str(value)


def base_weights() -> dict[str, float]:
    """Every criterion at weight 0 before the weight rules run."""
    return dict.fromkeys(CRITERIA, 0.0)
