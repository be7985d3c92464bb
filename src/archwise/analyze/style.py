"""Which architectural style a codebase follows, from its folder names, imports and deployables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from archwise.analyze.graph import Import, separator

# Folder and package names that conventionally mark a tier, top (callers) to bottom.
TIERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "presentation",
        frozenset(
            {
                "api",
                "apis",
                "controllers",
                "controller",
                "views",
                "web",
                "ui",
                "handlers",
                "handler",
                "routes",
                "routers",
                "http",
                "rest",
                "graphql",
                "cli",
                "endpoints",
                "presentation",
                "resources",
            }
        ),
    ),
    (
        "application",
        frozenset(
            {
                "services",
                "service",
                "application",
                "usecases",
                "use_cases",
                "usecase",
                "interactors",
                "commands",
                "queries",
            }
        ),
    ),
    ("domain", frozenset({"domain", "entities", "entity", "model", "models", "core"})),
    (
        "persistence",
        frozenset(
            {
                "repository",
                "repositories",
                "repo",
                "repos",
                "persistence",
                "db",
                "database",
                "dal",
                "dao",
                "storage",
                "store",
                "stores",
                "infrastructure",
                "infra",
            }
        ),
    ),
)
HEX_MARKERS = frozenset({"ports", "adapters", "inbound", "outbound", "driving", "driven"})
MODULE_CONTAINERS = frozenset(
    {"modules", "apps", "bounded_contexts", "contexts", "features", "components", "packages"}
)


@dataclass
class StyleSignal:
    """A style the code shows, how strongly (0..1) and the evidence."""

    style: str
    score: float
    evidence: list[str] = field(default_factory=list)


def _parts(name: str) -> list[str]:
    return name.split(separator(name))


@cache
def tier_of(module: str) -> str | None:
    """The tier a module's name puts it in (the last matching segment wins), or None."""
    found = None
    for part in _parts(module):
        if part[:1].isupper():
            continue  # a class (Java, C#), not a folder or package
        for tier, names in TIERS:
            if part.lower() in names:
                found = tier
    return found


def signals(
    modules: Sequence[str],
    imports: Sequence[Import],
    deployables: Sequence[tuple[str, str | None]],
) -> list[StyleSignal]:
    """Style signals: layered, hexagonal, modular monolith and services, strongest first.

    deployables are (name, code folder) pairs of services that build from code.
    """
    out: list[StyleSignal] = []
    tiers: dict[str, set[str]] = {}
    for m in modules:
        t = tier_of(m)
        if t is not None:
            tiers.setdefault(t, set()).add(m)
    order = [t for t, _ in TIERS]
    if len(tiers) >= 2:
        down = up = 0
        for imp in imports:
            a, b = tier_of(imp.source), tier_of(imp.target)
            if a and b and a != b:
                if order.index(a) < order.index(b):
                    down += 1
                else:
                    up += 1
        conformance = down / (down + up) if down + up else 1.0
        score = min(1.0, 0.3 * len(tiers)) * (0.5 + 0.5 * conformance)
        ev = [f"{t} tier: {', '.join(sorted(tiers[t])[:3])}" for t in order if t in tiers]
        ev.append(f"{down} of {down + up} imports between tiers point downward")
        out.append(StyleSignal("layered", round(score, 2), ev))
    hex_hits = sorted({m for m in modules if any(p.lower() in HEX_MARKERS for p in _parts(m))})
    if hex_hits:
        kinds = {p.lower() for m in hex_hits for p in _parts(m) if p.lower() in HEX_MARKERS}
        score = 0.9 if len(kinds) >= 2 or "domain" in tiers else 0.5
        out.append(
            StyleSignal("hexagonal", score, [f"ports/adapters folders: {', '.join(hex_hits[:5])}"])
        )
    coded = [d for d in deployables if d[1] is not None]
    if len(coded) >= 2:
        names = ", ".join(sorted(f"{n} ({c or '.'})" for n, c in coded)[:8])
        out.append(
            StyleSignal(
                "services",
                min(1.0, 0.4 + 0.15 * len(coded)),
                [f"{len(coded)} deployables built from code: {names}"],
            )
        )
    else:
        containers: dict[str, set[str]] = {}
        for m in modules:
            parts = _parts(m)
            for i, p in enumerate(parts[:-1]):
                if p.lower() in MODULE_CONTAINERS:
                    containers.setdefault(separator(m).join(parts[: i + 1]), set()).add(
                        parts[i + 1]
                    )
        best = max(containers.items(), key=lambda kv: len(kv[1]), default=None)
        if best is not None and len(best[1]) >= 3:
            out.append(
                StyleSignal(
                    "modular monolith",
                    0.8,
                    [
                        f"one deployable; {len(best[1])} modules under {best[0]}: "
                        + ", ".join(sorted(best[1])[:6])
                    ],
                )
            )
    out.sort(key=lambda s: (-s.score, s.style))
    return out
