"""Decision drift: machine-checkable assertions in ADRs, checked against an analysis."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from archwise.analyze.check import Violation, forbidden_violations
from archwise.analyze.detect import Matcher
from archwise.analyze.engine import Analysis, TechRule, by_service
from archwise.errors import ArchwiseError

_FENCE = re.compile(r"^```+\s*archwise\s*$(.*?)^```+\s*$", re.M | re.S)
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)
COUNTED_STATUSES = ("accepted",)


@dataclass
class Assertion:
    """One assertion as written, with the line it is on."""

    text: str
    line: int


@dataclass
class AdrClaims:
    """An ADR's title, status and assertions."""

    file: str
    title: str
    status: str
    assertions: list[Assertion] = field(default_factory=list)
    lifecycle: str | None = None  # the status as one lower-case word, from the ADR parser

    @property
    def counts(self) -> bool:
        """Only accepted ADRs bind the code; superseded, deprecated or proposed ones do not."""
        word = self.lifecycle or self.status.strip().lower()
        return word.startswith(COUNTED_STATUSES)


def read_claims(text: str, file: str) -> AdrClaims:
    """Title, status and archwise assertions of an ADR (Nygard, MADR or the spec's template)."""
    title = ""
    status = ""
    assertions: list[Assertion] = []
    front = _FRONT.match(text)
    if front:
        lines = front.group(1).splitlines()
        in_list = False
        for i, raw in enumerate(lines, 2):
            m = re.match(r"^(\w[\w-]*)\s*:\s*(.*)$", raw)
            if m:
                key, value = m.group(1).lower(), m.group(2).strip().strip("\"'")
                in_list = key == "archwise"
                if key == "status":
                    status = value
                elif key == "title":
                    title = value
                elif key == "archwise" and value.startswith("["):
                    for part in value.strip("[]").split(","):
                        if part.strip():
                            assertions.append(Assertion(part.strip().strip("\"'"), i))
                continue
            item = re.match(r"^\s+-\s+(.*)$", raw)
            if in_list and item:
                assertions.append(Assertion(item.group(1).strip().strip("\"'"), i))
    body_lines = text.splitlines()
    for i, raw in enumerate(body_lines):
        if not title and raw.startswith("# "):
            title = raw[2:].strip()
        if not status and re.match(r"^#+\s*status\s*$", raw, re.I):
            for nxt in body_lines[i + 1 :]:
                if nxt.strip():
                    status = nxt.strip().lstrip("-* ").strip()
                    break
        m = re.match(r"^\s*\**status\**\s*:\s*\**\s*(\w[\w ]*)", raw, re.I)
        if not status and m:
            status = m.group(1).strip()
    for m in _FENCE.finditer(text):
        start = text.count("\n", 0, m.start(1)) + 1
        for k, raw in enumerate(m.group(1).splitlines()):
            line = raw.strip().lstrip("-*").strip().strip("\"'")
            if line and not line.startswith("#"):
                assertions.append(Assertion(line, start + k))
    lifecycle = None
    try:
        from archwise.adr.parse import parse

        adr = parse(text, file)
        title = adr.title or title
        status = status or (adr.status or "")
        lifecycle = adr.lifecycle_status
    except (ImportError, ValueError, ArchwiseError):
        lifecycle = None
    return AdrClaims(file, title or file, status or "unknown", assertions, lifecycle)


_USES = re.compile(r"^(?:uses?|use)\s+(.+)$", re.I)
_NOT_USES = re.compile(
    r"^(?:does\s+not|do\s+not|doesn't|don't|must\s+not|never)\s+use\s+(.+)$", re.I
)
_LAYER = re.compile(
    r"^(layer|module)\s+(\S+)\s+(?:may|must|can|should)\s*not\s+(?:import|depend\s+on)\s+(\S+)$",
    re.I,
)
_ALL = re.compile(
    r"^all\s+services\s+(?:use|export|emit|send)\s+(.+?)(?:\s+(?:traces|metrics|logs|spans))?$",
    re.I,
)
_ACYCLIC = re.compile(r"^(?:no\s+(?:import\s+)?cycles|acyclic|modules\s+are\s+acyclic)$", re.I)


def check_drift(
    a: Analysis,
    adrs: Sequence[AdrClaims],
    technologies: Sequence[TechRule],
    *,
    canonical: Callable[[str], str | None],
    layers: Sequence[tuple[str, Sequence[str]]] = (),
) -> tuple[list[Violation], list[dict[str, object]]]:
    """Violations of accepted ADRs' assertions, and assertions archwise could not read."""
    out: list[Violation] = []
    unreadable: list[dict[str, object]] = []
    stack = {d.name.casefold(): d for d in a.stack}
    by_name = {t.name.casefold(): t for t in technologies}
    for adr in adrs:
        if not adr.counts:
            continue
        label = adr.title
        for claim in adr.assertions:
            text = claim.text.rstrip(".")
            m_not = _NOT_USES.match(text)
            m_use = _USES.match(text)
            m_layer = _LAYER.match(text)
            m_all = _ALL.match(text)
            if m_not or (m_use and not m_all):
                raw = (m_not or m_use).group(1).strip()  # type: ignore[union-attr]
                name = canonical(raw)
                if name is None:
                    unreadable.append(
                        {
                            "adr": adr.file,
                            "line": claim.line,
                            "assertion": claim.text,
                            "why": f"unknown technology '{raw}'",
                        }
                    )
                    continue
                found = stack.get(name.casefold())
                if m_not and found is not None:
                    ev = found.evidence[0] if found.evidence else None
                    out.append(
                        Violation(
                            "drift",
                            f"{label} ({adr.file}:{claim.line}) says '{claim.text}', "
                            f"but the code uses {name}" + (f": {ev}" if ev else ""),
                            ev.file if ev else None,
                            ev.line if ev else None,
                            target=name,
                            adr=adr.file,
                        )
                    )
                elif m_use and not m_not and found is None:
                    others = _same_kind(name, by_name, a)
                    tail = f"; the code uses {', '.join(others)} instead" if others else ""
                    out.append(
                        Violation(
                            "drift",
                            f"{label} ({adr.file}:{claim.line}) says '{claim.text}', "
                            f"but {name} is not detected{tail}",
                            adr.file,
                            claim.line,
                            target=name,
                            adr=adr.file,
                        )
                    )
            elif m_layer:
                kind, left, right = m_layer.group(1).lower(), m_layer.group(2), m_layer.group(3)
                names = {n: p for n, p in layers}
                src = list(names.get(left, [left])) if kind == "layer" else [left]
                dst = list(names.get(right, [right])) if kind == "layer" else [right]
                for v in forbidden_violations(a.imports, src, dst, rule="drift"):
                    out.append(
                        Violation(
                            "drift",
                            f"{label} ({adr.file}:{claim.line}) says '{claim.text}', but "
                            f"{v.source} imports {v.target}",
                            v.file,
                            v.line,
                            v.source,
                            v.target,
                            adr.file,
                        )
                    )
            elif m_all:
                raw = m_all.group(1).strip()
                name = canonical(raw)
                tech = by_name.get(name.casefold()) if name else None
                if tech is None:
                    unreadable.append(
                        {
                            "adr": adr.file,
                            "line": claim.line,
                            "assertion": claim.text,
                            "why": f"unknown technology '{raw}'",
                        }
                    )
                    continue
                matcher = Matcher([(tech.name, tech.category, tech.detect)])
                svc_paths, svc_signals = by_service(a)
                for svc in a.services:
                    sigs = svc_signals.get(svc.name, [])
                    if not matcher.detect(sigs, svc_paths.get(svc.name, [])):
                        out.append(
                            Violation(
                                "drift",
                                f"{label} ({adr.file}:{claim.line}) says '{claim.text}', "
                                f"but service {svc.name} does not use {tech.name}",
                                svc.file if svc.file != "." else adr.file,
                                svc.line if svc.file != "." else claim.line,
                                target=tech.name,
                                source=svc.name,
                                adr=adr.file,
                            )
                        )
            elif _ACYCLIC.match(text):
                if a.graph is None:
                    continue
                for comp, arcs, _ in a.cycles:
                    for s, t in arcs:
                        imp = a.graph.edges[(s, t)][0]
                        out.append(
                            Violation(
                                "drift",
                                f"{label} ({adr.file}:{claim.line}) says '{claim.text}', but "
                                f"{', '.join(comp)} form a cycle (break {s} -> {t})",
                                imp.file,
                                imp.line,
                                s,
                                t,
                                adr.file,
                            )
                        )
            else:
                unreadable.append(
                    {
                        "adr": adr.file,
                        "line": claim.line,
                        "assertion": claim.text,
                        "why": "not a known assertion form",
                    }
                )
    return out, unreadable


def _same_kind(name: str, by_name: dict[str, TechRule], a: Analysis) -> list[str]:
    """Detected technologies of the same category as name (what the code uses instead)."""
    tech = by_name.get(name.casefold())
    if tech is None:
        return []
    return [d.name for d in a.stack if d.category == tech.category and d.name != tech.name]
