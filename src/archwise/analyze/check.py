"""Architecture rules checked against an analysis: layers, forbidden edges, cycles, technologies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from archwise.analyze.engine import Analysis
from archwise.analyze.graph import Import, matches
from archwise.requirements.rules import ArchitectureRules

Ring = Callable[[str], str | None]
# tools that build, test or lint the code are not what `allowed_technologies` restricts (the
# runtime stack); an ADR can still forbid one by name
TOOL_CATEGORIES = frozenset({"package_manager", "build", "lint", "testing", "tooling", "ci"})
Canonical = Callable[[str], str]


@dataclass(frozen=True)
class Violation:
    """One broken rule, located at the file and line that break it."""

    rule: str  # layers forbidden independence acyclic technology radar drift
    message: str
    file: str | None = None
    line: int | None = None
    source: str | None = None
    target: str | None = None
    adr: str | None = None

    def fingerprint(self) -> str:
        """Identity that survives edits elsewhere in the file (no line number)."""
        return "|".join(
            [self.rule, self.source or "", self.target or "", self.file or "", self.adr or ""]
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "rule": self.rule,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "source": self.source,
            "target": self.target,
            "adr": self.adr,
        }


def layer_of(module: str, layers: Sequence[tuple[str, Sequence[str]]]) -> int | None:
    """Index of the first layer whose patterns match a module."""
    for i, (_, patterns) in enumerate(layers):
        if any(matches(module, p) for p in patterns):
            return i
    return None


def layer_violations(
    imports: Sequence[Import], layers: Sequence[tuple[str, Sequence[str]]], rule: str = "layers"
) -> list[Violation]:
    """Imports from a lower layer up to a higher one (layers listed top first)."""
    out: list[Violation] = []
    for imp in imports:
        a, b = layer_of(imp.source, layers), layer_of(imp.target, layers)
        if a is not None and b is not None and a > b:
            out.append(
                Violation(
                    rule,
                    f"layer '{layers[a][0]}' imports the higher layer '{layers[b][0]}': "
                    f"{imp.source} -> {imp.target}",
                    imp.file,
                    imp.line,
                    imp.source,
                    imp.target,
                )
            )
    return out


def forbidden_violations(
    imports: Sequence[Import],
    sources: Sequence[str],
    targets: Sequence[str],
    why: str | None = None,
    rule: str = "forbidden",
) -> list[Violation]:
    """Imports from modules matching sources to modules matching targets."""
    out: list[Violation] = []
    for imp in imports:
        if any(matches(imp.source, p) for p in sources) and any(
            matches(imp.target, p) for p in targets
        ):
            if any(matches(imp.target, p) for p in sources):
                continue  # the target is inside the source side too
            msg = f"{imp.source} may not import {imp.target}"
            if why:
                msg += f" ({why})"
            out.append(Violation(rule, msg, imp.file, imp.line, imp.source, imp.target))
    return out


def check_rules(
    a: Analysis,
    rules: ArchitectureRules,
    *,
    ring: Ring | None = None,
    canonical: Canonical | None = None,
) -> list[Violation]:
    """Every violation of the rules in the analysed tree, sorted by file and line."""
    out: list[Violation] = []
    if rules.layers:
        out += layer_violations(a.imports, [(ly.name, ly.modules) for ly in rules.layers])
    for fd in rules.forbidden or []:
        out += forbidden_violations(a.imports, fd.source, fd.target, fd.reason)
    for group in rules.independent or []:
        for i, left in enumerate(group):
            for j, right in enumerate(group):
                if i != j:
                    out += forbidden_violations(
                        a.imports, [left], [right], "modules must stay independent", "independence"
                    )
    if rules.acyclic and a.graph is not None:
        for comp, arcs, _ in a.cycles:
            for s, t in arcs:
                imp = a.graph.edges[(s, t)][0]
                out.append(
                    Violation(
                        "acyclic",
                        f"import cycle among {', '.join(comp)}; break it at {s} -> {t}",
                        imp.file,
                        imp.line,
                        s,
                        t,
                    )
                )
    name = canonical or (lambda n: n)
    if rules.allowed_technologies is not None:
        allowed = {name(t).casefold() for t in rules.allowed_technologies}
        # a line that proves an allowed technology allows what else it proves (psycopg2 is
        # PostgreSQL's driver, named beside it from the same requirement)
        allowed_at = {
            (e.file, e.line) for d in a.stack if d.name.casefold() in allowed for e in d.seen
        }
        for d in a.stack:
            if d.category in TOOL_CATEGORIES:
                continue
            if d.name.casefold() not in allowed and not any(
                (e.file, e.line) in allowed_at for e in d.seen
            ):
                ev = d.evidence[0] if d.evidence else None
                out.append(
                    Violation(
                        "technology",
                        f"{d.name} is not an allowed technology",
                        ev.file if ev else None,
                        ev.line if ev else None,
                        target=d.name,
                    )
                )
    if rules.respect_radar and ring is not None:
        for d in a.stack:
            if ring(d.name) == "hold":
                ev = d.evidence[0] if d.evidence else None
                out.append(
                    Violation(
                        "radar",
                        f"{d.name} is on hold in the organisation's radar",
                        ev.file if ev else None,
                        ev.line if ev else None,
                        target=d.name,
                    )
                )
    return sort_violations(out)


def sort_violations(items: Sequence[Violation]) -> list[Violation]:
    """Violations in a stable order, duplicates removed."""
    seen: set[tuple[str, str, int | None]] = set()
    out: list[Violation] = []
    for v in sorted(items, key=lambda v: (v.file or "", v.line or 0, v.rule, v.message)):
        key = (v.fingerprint(), v.message, v.line)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def apply_baseline(
    violations: Sequence[Violation], baseline: dict[str, int]
) -> tuple[list[Violation], int, list[str]]:
    """Split violations into new ones and accepted ones; also list baseline entries now fixed.

    A baseline maps a fingerprint to how many violations of it were accepted; more is new.
    """
    allowance = Counter(baseline)
    new: list[Violation] = []
    accepted = 0
    seen: Counter[str] = Counter()
    for v in violations:
        fp = v.fingerprint()
        seen[fp] += 1
        if allowance[fp] > 0:
            allowance[fp] -= 1
            accepted += 1
        else:
            new.append(v)
    fixed = sorted(fp for fp, n in baseline.items() if seen[fp] < n)
    return new, accepted, fixed


def baseline_of(violations: Sequence[Violation]) -> dict[str, int]:
    """The baseline that accepts exactly these violations."""
    return dict(sorted(Counter(v.fingerprint() for v in violations).items()))
