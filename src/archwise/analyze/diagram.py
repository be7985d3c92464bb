"""Services and their modules as a Mermaid or Graphviz DOT diagram, from the analysis document."""

from __future__ import annotations

import re
from typing import Any

MAX_MODULES = 80
MAX_EDGES = 200


def _id(prefix: str, name: str) -> str:
    return prefix + re.sub(r"\W", "_", name)


def _parts(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]], int]:
    """Clusters (service, its modules), edges (source id, target id, label), modules cut."""
    services = doc.get("services") or []
    graph = doc.get("graph") or {}
    owner: dict[str, str] = {}
    for s in services:
        for m in s.get("modules") or []:
            owner.setdefault(m, s["name"])
    shown = [m["module"] for m in graph.get("modules") or []][:MAX_MODULES]
    cut = len(graph.get("modules") or []) - len(shown)
    keep = set(shown)
    clusters = [
        {
            "id": _id("s_", s["name"]),
            "name": s["name"],
            "built": s.get("built", True),
            "modules": [(_id("m_", m), m) for m in shown if owner.get(m) == s["name"]],
        }
        for s in services
    ]
    loose = [(_id("m_", m), m) for m in shown if m not in owner]
    if loose:
        clusters.append({"id": "s__other", "name": "modules", "built": True, "modules": loose})
    edges = [
        (_id("s_", e["source"]), _id("s_", e["target"]), e["via"].split(" ", 1)[0])
        for e in doc.get("service_edges") or []
    ]
    for e in (graph.get("edges") or [])[:MAX_EDGES]:
        if e["source"] in keep and e["target"] in keep:
            edges.append((_id("m_", e["source"]), _id("m_", e["target"]), str(e["imports"])))
    return clusters, edges, cut


def mermaid(doc: dict[str, Any]) -> str:
    """A Mermaid flowchart: a subgraph per service holding its modules."""
    clusters, edges, cut = _parts(doc)
    lines = ["flowchart LR"]
    if cut:
        lines.append(f"  %% {cut} more modules not drawn (--json lists them)")
    for c in clusters:
        if c["modules"]:
            lines.append(f'  subgraph {c["id"]}["{c["name"]}"]')
            lines += [f'    {mid}["{name}"]' for mid, name in c["modules"]]
            lines.append("  end")
        elif c["built"]:
            lines.append(f'  {c["id"]}["{c["name"]}"]')
        else:
            lines.append(f'  {c["id"]}[("{c["name"]}")]')
    lines += [f"  {s} -->|{label}| {t}" for s, t, label in edges]
    return "\n".join(lines) + "\n"


def dot(doc: dict[str, Any]) -> str:
    """A Graphviz digraph: a cluster per service holding its modules."""
    clusters, edges, cut = _parts(doc)
    lines = ["digraph architecture {", "  rankdir=LR;", "  node [shape=box];"]
    if cut:
        lines.append(f"  // {cut} more modules not drawn (--json lists them)")
    for c in clusters:
        if c["modules"]:
            lines.append(f'  subgraph cluster_{c["id"]} {{ label="{c["name"]}";')
            lines += [f'    {mid} [label="{name}"];' for mid, name in c["modules"]]
            lines.append(f'    {c["id"]} [label="{c["name"]}", shape=component];')
            lines.append("  }")
        else:
            shape = "box" if c["built"] else "cylinder"
            lines.append(f'  {c["id"]} [label="{c["name"]}", shape={shape}];')
    lines += [f'  {s} -> {t} [label="{label}"];' for s, t, label in edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(doc: dict[str, Any], language: str) -> str:
    """The diagram in 'mermaid' or 'dot'."""
    return mermaid(doc) if language == "mermaid" else dot(doc)
