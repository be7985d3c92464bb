"""The analysis as a JSON-ready document, and what changed between two of them (pure)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from archwise.analyze.detect import Evidence
from archwise.analyze.engine import Analysis

MAX_NOTES = 200
MAX_EDGES = 500


def _ev(e: Evidence) -> dict[str, Any]:
    return {"file": e.file, "line": e.line, "via": e.via}


def to_document(a: Analysis) -> dict[str, Any]:
    """The analysis as one JSON document (deterministic: no timestamps, sorted lists)."""
    langs: dict[str, dict[str, int]] = defaultdict(
        lambda: {"files": 0, "code": 0, "comment": 0, "blank": 0, "lines": 0}
    )
    for f in a.files:
        row = langs[f.language]
        row["files"] += 1
        row["code"] += f.counts.code
        row["comment"] += f.counts.comment
        row["blank"] += f.counts.blank
        row["lines"] += f.counts.lines
    languages: list[dict[str, Any]] = sorted(
        ({"language": k, **v} for k, v in langs.items()),
        key=lambda r: (-int(r["code"]), str(r["language"])),
    )
    keys = ("files", "code", "comment", "blank", "lines")
    totals = {k: sum(int(r[k]) for r in languages) for k in keys}
    graph: dict[str, Any] | None = None
    if a.graph is not None:
        edges: list[dict[str, Any]] = [
            {
                "source": s,
                "target": t,
                "imports": len(imps),
                "file": imps[0].file,
                "line": imps[0].line,
            }
            for (s, t), imps in a.graph.edges.items()
        ]
        edges.sort(key=lambda e: (-int(e["imports"]), str(e["source"]), str(e["target"])))
        weights = {k: len(v) for k, v in a.graph.edges.items()}
        graph = {
            "depth": a.graph.depth if isinstance(a.graph.depth, int) else "auto",
            "depths": None if isinstance(a.graph.depth, int) else dict(a.graph.depth),
            "engines": dict(sorted(a.engines.items())),
            "file_modules": len(a.modules),
            "tests_excluded": a.tests_excluded,
            "file_imports": len(a.imports),
            "modules": [
                {
                    "module": m.module,
                    "fan_in": m.fan_in,
                    "fan_out": m.fan_out,
                    "instability": m.instability,
                    "abstractness": m.abstractness,
                    "distance": m.distance,
                    "types": m.types,
                    "abstract_types": m.abstract_types,
                }
                for m in a.metrics
            ],
            "edges": edges[:MAX_EDGES],
            "edge_count": len(edges),
            "cycles": [
                {
                    "modules": comp,
                    "break": [
                        {
                            "source": s,
                            "target": t,
                            "imports": weights[(s, t)],
                            "file": a.graph.edges[(s, t)][0].file,
                            "line": a.graph.edges[(s, t)][0].line,
                        }
                        for s, t in arcs
                    ],
                    "exact": exact,
                    "method": "exact (dynamic programming)"
                    if exact
                    else "heuristic (Eades-Lin-Smyth, then local search)",
                }
                for comp, arcs, exact in a.cycles
            ],
        }
    return {
        "root": str(a.root),
        "files": {
            "listed": len(a.all_paths),
            "counted": len(a.files),
            "notes": len(a.notes),
        },
        "languages": languages,
        "totals": totals,
        "stack": [
            {
                "name": d.name,
                "category": d.category,
                "evidence": [_ev(e) for e in d.evidence],
                "proofs": d.count,
            }
            for d in a.stack
        ],
        "housekeeping": [
            {"name": d.name, "evidence": [_ev(e) for e in d.evidence]} for d in a.housekeeping
        ],
        "services": [
            {
                "name": s.name,
                "kind": s.kind,
                "folder": s.folder,
                "file": s.file,
                "line": s.line,
                "built": s.built,
                "image": s.image,
                "aliases": s.aliases,
                "languages": s.languages,
                "stack": s.stack,
                "modules": s.modules,
            }
            for s in a.services
        ],
        "service_edges": [
            {"source": e.source, "target": e.target, "via": e.via} for e in a.service_edges
        ],
        "graph": graph,
        "hotspots": {"churn_source": a.churn_source, "files": a.hotspots},
        "style": [{"style": s.style, "score": s.score, "evidence": s.evidence} for s in a.style],
        "observability": {
            svc: [
                {
                    "id": r.id,
                    "text": r.text,
                    "required": r.required,
                    "present": r.present,
                    "evidence": [_ev(e) for e in r.evidence],
                }
                for r in items
            ]
            for svc, items in sorted(a.observability.items())
        },
        "notes": [{"path": n.path, "reason": n.reason} for n in a.notes[:MAX_NOTES]],
    }


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed between two analysis documents: stack, lines, modules, edges, cycles."""
    old_stack = {s["name"] for s in old.get("stack", [])}
    new_stack = {s["name"] for s in new.get("stack", [])}
    old_lang = {r["language"]: r for r in old.get("languages", [])}
    new_lang = {r["language"]: r for r in new.get("languages", [])}
    lines = {}
    for lang in sorted(set(old_lang) | set(new_lang)):
        before = int(old_lang.get(lang, {}).get("code", 0))
        after = int(new_lang.get(lang, {}).get("code", 0))
        if before != after:
            lines[lang] = {"before": before, "after": after, "change": after - before}
    og, ng = old.get("graph") or {}, new.get("graph") or {}
    old_mods = {m["module"] for m in og.get("modules", [])}
    new_mods = {m["module"] for m in ng.get("modules", [])}
    old_edges = {(e["source"], e["target"]) for e in og.get("edges", [])}
    new_edges = {(e["source"], e["target"]) for e in ng.get("edges", [])}
    old_cycles = {tuple(c["modules"]) for c in og.get("cycles", [])}
    new_cycles = {tuple(c["modules"]) for c in ng.get("cycles", [])}
    return {
        "stack": {"added": sorted(new_stack - old_stack), "removed": sorted(old_stack - new_stack)},
        "code_lines": {
            "before": int((old.get("totals") or {}).get("code", 0)),
            "after": int((new.get("totals") or {}).get("code", 0)),
            "by_language": lines,
        },
        "modules": {"added": sorted(new_mods - old_mods), "removed": sorted(old_mods - new_mods)},
        "edges": {
            "added": [list(e) for e in sorted(new_edges - old_edges)],
            "removed": [list(e) for e in sorted(old_edges - new_edges)],
        },
        "cycles": {
            "added": [list(c) for c in sorted(new_cycles - old_cycles)],
            "removed": [list(c) for c in sorted(old_cycles - new_cycles)],
        },
    }
