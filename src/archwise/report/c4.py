"""C4 context and container views of the chosen option, as Mermaid and Structurizr DSL."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["person", "system", "container", "database", "queue", "external"]

# Decision topics that become containers of the system, with the role each plays; the other
# topics (language, deployment, patterns, ...) describe the containers rather than add one.
CONTAINER_TOPICS: dict[str, tuple[Kind, str, str]] = {
    "frontend_framework": ("container", "Web client", "The user interface in the browser"),
    "backend_framework": ("container", "Application", "Business logic and the API"),
    "database": ("database", "Database", "The system of record"),
    "cache": ("database", "Cache", "Hot data and sessions"),
    "messaging": ("queue", "Message broker", "Events between components"),
}
DESCRIBES_APP = ("language", "realtime", "communication")


@dataclass(frozen=True)
class Element:
    """A person, the system, one of its containers, or an external system."""

    id: str
    name: str
    kind: Kind
    description: str = ""
    technology: str = ""


@dataclass(frozen=True)
class Relation:
    """Who uses whom, for what, over what."""

    source: str
    target: str
    label: str
    technology: str = ""


@dataclass
class C4Model:
    """The model behind both views."""

    system: Element
    people: list[Element] = field(default_factory=list)
    containers: list[Element] = field(default_factory=list)
    externals: list[Element] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    deployment: str = ""

    def context_relations(self) -> list[Relation]:
        """Relations lifted to the system level (containers fold into the system)."""
        inside = {c.id for c in self.containers}
        out: dict[tuple[str, str], Relation] = {}
        for r in self.relations:
            s = self.system.id if r.source in inside else r.source
            t = self.system.id if r.target in inside else r.target
            if s != t and (s, t) not in out:
                out[(s, t)] = Relation(s, t, r.label, r.technology)
        return list(out.values())


def ident(text: str) -> str:
    """An identifier safe for Mermaid and Structurizr."""
    s = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()
    if not s or s[0].isdigit():
        s = "e_" + s
    return s


def build_model(
    requirements: dict[str, Any] | None, option: dict[str, Any] | None, title: str
) -> C4Model:
    """The C4 model from the requirements (people, externals) and the chosen option."""
    req = requirements or {}
    func = req.get("functional") or {}
    cons = req.get("constraints") or {}
    system = Element("system", title, "system", str(req.get("summary") or ""))
    clients = func.get("clients") or []
    who = "Users" + (f" ({', '.join(clients)})" if clients else "")
    workflows = func.get("workflows") or []
    user = Element("user", who, "person", "; ".join(workflows[:2]))
    model = C4Model(system=system, people=[user])
    for name in func.get("integrations") or []:
        model.externals.append(Element(ident(f"ext {name}"), str(name), "external", "Integration"))
    for ex in cons.get("existing_systems") or []:
        if isinstance(ex, dict) and ex.get("name"):
            tech = str(ex.get("technology") or "")
            what = "Existing system" + ("" if ex.get("keep", True) else " (being replaced)")
            model.externals.append(
                Element(ident(f"ext {ex['name']}"), str(ex["name"]), "external", what, tech)
            )
    comps: dict[str, str] = {}
    services: list[dict[str, Any]] = []
    if option:
        comps = {k: str(v) for k, v in (option.get("components") or {}).items() if v}
        services = [s for s in option.get("services") or [] if isinstance(s, dict)]
        model.deployment = comps.get("deployment", "")
    if not option:
        model.relations.append(Relation("user", "system", "Uses"))
        for ext in model.externals:
            model.relations.append(Relation("system", ext.id, "Integrates with"))
        return model
    app_tech = ", ".join(
        dict.fromkeys(v for k in ("backend_framework", *DESCRIBES_APP) if (v := comps.get(k)))
    )
    app_id = "app"
    # topic -> container id; one technology serving two roles (Redis as cache and broker) is
    # one container, as it is one thing to run
    where: dict[str, str] = {}
    for topic, (kind, name, desc) in CONTAINER_TOPICS.items():
        if topic == "backend_framework":
            model.containers.append(Element(app_id, name, kind, desc, app_tech))
            continue
        if topic not in comps:
            continue
        twin = next(
            (
                i
                for i, c in enumerate(model.containers)
                if c.technology == comps[topic] and c.kind != "container"
            ),
            None,
        )
        if twin is None:
            model.containers.append(Element(ident(topic), name, kind, desc, comps[topic]))
            where[topic] = ident(topic)
        else:
            old = model.containers[twin]
            model.containers[twin] = Element(
                old.id,
                f"{old.name} and {name.lower()}",
                old.kind,
                f"{old.description}; {desc[:1].lower()}{desc[1:]}",
                old.technology,
            )
            where[topic] = old.id
    if not any(c.id == app_id for c in model.containers):
        model.containers.insert(0, Element(app_id, "Application", "container", "", app_tech))
    ids = {c.id for c in model.containers}
    entry = app_id
    if "frontend_framework" in comps:
        model.relations.append(Relation("user", ident("frontend_framework"), "Uses", "HTTPS"))
        model.relations.append(Relation(ident("frontend_framework"), app_id, "Calls", "HTTPS"))
        entry = ident("frontend_framework")
    for svc in services:
        role = str(svc.get("role") or "service")
        sid = ident(f"svc {role}")
        if sid in ids:
            continue
        ids.add(sid)
        sc = {k: str(v) for k, v in (svc.get("components") or {}).items() if v}
        model.containers.append(
            Element(
                sid,
                role[:1].upper() + role[1:],
                "container",
                str(svc.get("why") or ""),
                ", ".join(dict.fromkeys(sc.values())),
            )
        )
        if "realtime" in sc:
            model.relations.append(Relation("user", sid, "Holds live connections", sc["realtime"]))
            model.relations.append(Relation(sid, app_id, "Forwards messages"))
        else:
            model.relations.append(Relation(app_id, sid, "Delegates to"))
    live = comps.get("realtime")
    if entry == app_id or live:
        proto = "HTTPS" + (f", {live}" if live else "")
        model.relations.append(Relation("user", app_id, "Uses", proto))
    uses = {
        "database": "Reads and writes",
        "cache": "Caches",
        "messaging": "Publishes and consumes",
    }
    labels: dict[str, list[str]] = {}
    for topic, label in uses.items():
        if topic in where:
            labels.setdefault(where[topic], []).append(label)
    for target, parts in labels.items():
        text = parts[0] if len(parts) == 1 else f"{parts[0]}; {parts[1][:1].lower()}{parts[1][1:]}"
        model.relations.append(Relation(app_id, target, text))
    for ext in model.externals:
        model.relations.append(Relation(app_id, ext.id, "Integrates with"))
    return model


def _q(text: str) -> str:
    return text.replace('"', "'").replace("\n", " ")


def _m(text: str) -> str:
    """A Mermaid string: quotes and angle brackets as Mermaid entities."""
    return _q(text).replace("<", "#lt;").replace(">", "#gt;")


def mermaid_context(model: C4Model) -> str:
    """A Mermaid C4Context diagram."""
    lines = ["C4Context", f"  title System context of {_m(model.system.name)}"]
    for p in model.people:
        lines.append(f'  Person({p.id}, "{_m(p.name)}", "{_m(p.description)}")')
    lines.append(f'  System(system, "{_m(model.system.name)}", "{_m(model.system.description)}")')
    for e in model.externals:
        lines.append(f'  System_Ext({e.id}, "{_m(e.name)}", "{_m(e.description)}")')
    for r in model.context_relations():
        lines.append(f'  Rel({r.source}, {r.target}, "{_m(r.label)}")')
    return "\n".join(lines) + "\n"


def mermaid_container(model: C4Model) -> str:
    """A Mermaid C4Container diagram."""
    lines = ["C4Container", f"  title Containers of {_m(model.system.name)}"]
    for p in model.people:
        lines.append(f'  Person({p.id}, "{_m(p.name)}", "{_m(p.description)}")')
    lines.append(f'  System_Boundary(boundary, "{_m(model.system.name)}") {{')
    for c in model.containers:
        fn = {"database": "ContainerDb", "queue": "ContainerQueue"}.get(c.kind, "Container")
        lines.append(
            f'    {fn}({c.id}, "{_m(c.name)}", "{_m(c.technology)}", "{_m(c.description)}")'
        )
    lines.append("  }")
    for e in model.externals:
        lines.append(f'  System_Ext({e.id}, "{_m(e.name)}", "{_m(e.description)}")')
    for r in model.relations:
        tech = f', "{_m(r.technology)}"' if r.technology else ""
        lines.append(f'  Rel({r.source}, {r.target}, "{_m(r.label)}"{tech})')
    return "\n".join(lines) + "\n"


def structurizr(model: C4Model, *, description: str = "") -> str:
    """A Structurizr DSL workspace: the model, a system context and a container view."""
    i = "    "
    out = [
        f'workspace "{_q(model.system.name)}" "{_q(description or model.system.description)}" {{'
    ]
    out.append(f"{i}model {{")
    for p in model.people:
        out.append(f'{i * 2}{p.id} = person "{_q(p.name)}" "{_q(p.description)}"')
    out.append(
        f'{i * 2}system = softwareSystem "{_q(model.system.name)}" '
        f'"{_q(model.system.description)}" {{'
    )
    for c in model.containers:
        tags = {"database": ' "Database"', "queue": ' "Queue"'}.get(c.kind, "")
        out.append(
            f'{i * 3}{c.id} = container "{_q(c.name)}" "{_q(c.description)}" '
            f'"{_q(c.technology)}"{tags}'
        )
    out.append(f"{i * 2}}}")
    for e in model.externals:
        out.append(
            f'{i * 2}{e.id} = softwareSystem "{_q(e.name)}" "{_q(e.description)}" "External"'
        )
    for r in model.relations:
        tech = f' "{_q(r.technology)}"' if r.technology else ""
        out.append(f'{i * 2}{r.source} -> {r.target} "{_q(r.label)}"{tech}')
    out.append(f"{i}}}")
    out.append(f"{i}views {{")
    out.append(f'{i * 2}systemContext system "context" "System context" {{')
    out += [f"{i * 3}include *", f"{i * 3}autolayout lr", f"{i * 2}}}"]
    out.append(f'{i * 2}container system "containers" "Containers" {{')
    out += [f"{i * 3}include *", f"{i * 3}autolayout lr", f"{i * 2}}}"]
    out.append(f"{i * 2}styles {{")
    for tag, shape in (("Person", "Person"), ("Database", "Cylinder"), ("Queue", "Pipe")):
        out += [f'{i * 3}element "{tag}" {{', f"{i * 4}shape {shape}", f"{i * 3}}}"]
    out.append(f"{i * 2}}}")
    out.append(f"{i}}}")
    out.append("}")
    return "\n".join(out) + "\n"
