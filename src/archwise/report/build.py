"""Assemble the architecture document's sections from the report data (pure)."""

from __future__ import annotations

from typing import Any

from archwise.report import c4, svg
from archwise.report.document import (
    Block,
    Bullets,
    Diagram,
    Document,
    Note,
    Paragraph,
    ReportData,
    Section,
    Table,
)

SECTIONS: tuple[tuple[str, str], ...] = (
    ("requirements", "Requirements and open questions"),
    ("options", "Options"),
    ("recommendation", "Recommendation"),
    ("architecture", "Architecture (C4)"),
    ("evolution", "Evolution path"),
    ("capacity", "Capacity"),
    ("analysis", "Codebase analysis"),
    ("plan", "Delivery plan and critical path"),
    ("risks", "Risks"),
    ("adrs", "Architecture decision records"),
)
MAX_ROWS = 60
MAX_QUESTIONS = 10


def _s(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{round(v, 2):g}"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10000 else str(v)
    if isinstance(v, list):
        return ", ".join(_s(x) for x in v) if v else "-"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_s(x)}" for k, x in v.items()) if v else "-"
    return str(v)


def flatten(data: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Scalar leaves of nested mappings as (dotted key, text); lists of scalars stay whole."""
    out: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            key = f"{prefix}.{k}" if prefix else str(k)
            if isinstance(v, dict) and v:
                out += flatten(v, key)
            elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                out.append((key, f"{len(v)} entries"))
            elif v is not None and v not in ([], {}):
                out.append((key, _s(v)))
    return out


def chosen_option(rec: dict[str, Any] | None) -> dict[str, Any] | None:
    """The option the recommendation chose, if any."""
    if not rec:
        return None
    name = (rec.get("recommendation") or {}).get("option")
    return next((o for o in rec.get("options") or [] if o.get("name") == name), None)


def c4_model(data: ReportData) -> c4.C4Model:
    """The C4 model of the chosen option (context only when there is no recommendation)."""
    return c4.build_model(data.requirements, chosen_option(data.recommendation), data.title)


def _missing(data: ReportData, key: str) -> list[Block]:
    why = data.missing.get(key)
    return [Note(f"Not available: {why}", "missing")] if why else []


def _requirements(data: ReportData) -> list[Block]:
    req = data.requirements
    if not req:
        return _missing(data, "requirements")
    blocks: list[Block] = []
    if req.get("summary"):
        blocks.append(Paragraph(str(req["summary"])))
    func = req.get("functional") or {}
    if func.get("workflows"):
        blocks.append(Paragraph("Core workflows:"))
        blocks.append(Bullets(tuple(str(w) for w in func["workflows"])))
    rows = [
        (k, v)
        for part in ("non_functional", "constraints")
        for k, v in flatten(req.get(part) or {}, part)
    ]
    if rows:
        blocks.append(Table(("requirement", "value"), tuple(rows[:MAX_ROWS])))
    qs = data.open_questions
    if qs:
        more = f"; the {MAX_QUESTIONS} most decisive" if len(qs) > MAX_QUESTIONS else ""
        blocks.append(Paragraph(f"Open questions: {len(qs)}{more}."))
        blocks.append(
            Table(
                ("question", "field", "impact", "why it matters"),
                tuple(
                    (
                        str(q.get("question", "")),
                        str(q.get("field", "")),
                        _s(q.get("impact")),
                        str(q.get("why", "")),
                    )
                    for q in qs[:MAX_QUESTIONS]
                ),
            )
        )
    elif qs is not None:
        blocks.append(Paragraph("No open questions: every decisive requirement is answered."))
    else:
        blocks += _missing(data, "open_questions")
    return blocks


def _cost(o: dict[str, Any]) -> str:
    c = o.get("cost_usd_per_month") or {}
    if c.get("low") is None:
        return "-"
    ref = f" ({str(c.get('provider') or '').upper()} prices, a reference)"
    return f"${c['low']:,.0f}-{c.get('high', c['low']):,.0f}" + (ref if c.get("reference") else "")


def _options(data: ReportData) -> list[Block]:
    rec = data.recommendation
    if not rec or not rec.get("options"):
        return _missing(data, "recommendation")
    opts = rec["options"]
    chosen = (rec.get("recommendation") or {}).get("option")
    topics = list(dict.fromkeys(t for o in opts for t in (o.get("components") or {})))
    header = ("option", "profile", *topics, "cost/month", "ops burden", "scales to", "score")
    rows = []
    for o in opts:
        comps = o.get("components") or {}
        scales = o.get("scales_to") or {}
        name = str(o.get("name")) + (" (chosen)" if o.get("name") == chosen else "")
        rows.append(
            (
                name,
                str(o.get("profile", "")),
                *(str(comps.get(t, "-")) for t in topics),
                _cost(o),
                str(o.get("operational_burden", "-")),
                str(scales.get("text", "-")) if isinstance(scales, dict) else _s(scales),
                _s(o.get("score")),
            )
        )
    blocks: list[Block] = [Table(header, tuple(rows))]
    for o in opts:
        items = [f"+ {p}" for p in o.get("pros") or []] + [f"- {c}" for c in o.get("cons") or []]
        if o.get("why_not"):
            items.append(f"Why not: {o['why_not']}")
        if items:
            blocks.append(Paragraph(f"{o.get('name')}: {o.get('summary', '')}".strip()))
            blocks.append(Bullets(tuple(items)))
    scored = [(str(o.get("name")), float(o.get("score") or 0)) for o in opts]
    blocks.append(Diagram("Option scores", svg.bar_chart("Option scores", scored, "", chosen)))
    costs = [
        (str(o.get("name")), float((o.get("cost_usd_per_month") or {}).get("high") or 0))
        for o in opts
    ]
    if any(v for _, v in costs):
        blocks.append(
            Diagram(
                "Monthly cost (high estimate, USD)",
                svg.bar_chart("Monthly cost, high estimate (USD)", costs, "", chosen),
            )
        )
    return blocks


def _recommendation(data: ReportData) -> list[Block]:
    rec = data.recommendation
    if not rec:
        return _missing(data, "recommendation")
    choice = rec.get("recommendation") or {}
    blocks: list[Block] = [
        Paragraph(
            f"Recommended: {choice.get('option') or 'no option fits'}"
            + (f" (confidence {choice['confidence']:.0%})" if choice.get("confidence") else "")
        )
    ]
    if choice.get("why"):
        blocks.append(Bullets(tuple(str(w) for w in choice["why"])))
    decisions = rec.get("decisions") or {}
    if decisions:
        rows = []
        for topic, d in decisions.items():
            ranked = [r.get("name") for r in d.get("ranked") or [] if isinstance(r, dict)]
            runner = next((n for n in ranked if n and n != d.get("chosen")), None)
            rows.append((topic, _s(d.get("chosen")), _s(d.get("confidence")), _s(runner)))
        blocks.append(Table(("decision", "chosen", "confidence", "runner-up"), tuple(rows)))
    if rec.get("warnings"):
        blocks += [Note(str(w), "warning") for w in rec["warnings"]]
    return blocks


def _architecture(data: ReportData) -> list[Block]:
    if not data.requirements:
        return _missing(data, "requirements")
    model = c4_model(data)
    blocks: list[Block] = [
        Diagram("System context", svg.context_svg(model), c4.mermaid_context(model))
    ]
    if model.containers:
        blocks.append(Diagram("Containers", svg.container_svg(model), c4.mermaid_container(model)))
        blocks.append(
            Paragraph("The same model as a Structurizr workspace: `archwise export structurizr`.")
        )
    else:
        blocks.append(
            Note("The container view needs a recommendation (a chosen option).", "missing")
        )
    return blocks


def _evolution(data: ReportData) -> list[Block]:
    rec = data.recommendation
    evo = ((rec or {}).get("recommendation") or {}).get("evolution") or []
    if not evo:
        return _missing(data, "recommendation") or [Paragraph("No evolution path recorded.")]
    rows = tuple(
        (
            str(e.get("phase", "")),
            str(e.get("months", "")),
            str(e.get("trigger", "")),
            str(e.get("to", "")),
            "; ".join(str(m) for m in e.get("success_metrics") or []),
        )
        for e in evo
    )
    return [Table(("phase", "months", "trigger", "architecture", "success metrics"), rows)]


def _generic(data: ReportData, key: str, payload: dict[str, Any] | None) -> list[Block]:
    if not payload:
        return _missing(data, key)
    blocks: list[Block] = []
    rows = flatten(payload)
    if rows:
        blocks.append(Table(("measure", "value"), tuple(rows[:MAX_ROWS])))
    numbers = [
        (k, float(v))
        for k, v in (payload.get("chart") or {}).items()
        if isinstance(v, (int, float)) and not isinstance(v, bool)
    ]
    if numbers:
        blocks.append(Diagram(key.title(), svg.bar_chart(key.title(), numbers)))
    return blocks


def _capacity(data: ReportData) -> list[Block]:
    cap = data.capacity
    if not cap:
        return _missing(data, "capacity")
    if "resources" not in cap and "stations" not in cap:
        return _generic(data, "capacity", cap)
    blocks: list[Block] = []
    unit = str(cap.get("demand_unit") or "")
    if cap.get("demand_now") is not None:
        growth = cap.get("growth_percent_per_month")
        blocks.append(
            Paragraph(
                f"Demand: {_s(cap.get('demand_now'))} {unit} now, "
                f"{_s(cap.get('demand_horizon'))} in {_s(cap.get('horizon_months'))} months"
                + (f" ({growth:.1f}% a month)" if isinstance(growth, (int, float)) else "")
                + f"; headroom {_s(cap.get('headroom'))}, N+{_s(cap.get('n_plus'))}."
            )
        )
    rows = []
    for res in cap.get("resources") or []:
        for o in res.get("options") or []:
            rows.append(
                (
                    str(res.get("name")),
                    str(o.get("name")),
                    _s(o.get("per_node")),
                    _s(o.get("nodes_now")),
                    _s(o.get("nodes_horizon")),
                    _s(o.get("usd_month_now")),
                    _s(o.get("usd_month_horizon")),
                    _s(o.get("breaks_on")),
                )
            )
    if rows:
        blocks.append(
            Table(
                (
                    "resource",
                    "option",
                    "per node",
                    "nodes now",
                    "nodes at horizon",
                    "USD/month now",
                    "USD/month at horizon",
                    "limit reached",
                ),
                tuple(rows[:MAX_ROWS]),
            )
        )
    tiers = [t for t in cap.get("tiers") or [] if isinstance(t, dict)]
    if tiers:
        blocks.append(
            Paragraph(
                f"Tiers on {_s(cap.get('provider'))}: {_s(cap.get('total_usd_month_now'))} "
                f"USD/month now, {_s(cap.get('total_usd_month_horizon'))} at the horizon; "
                f"storage {_s(cap.get('storage_gb_now'))} GB now, "
                f"{_s(cap.get('storage_gb_horizon'))} GB at the horizon."
                + (f" {_s(cap.get('reference'))}." if cap.get("reference") else "")
            )
        )
        blocks.append(
            Table(
                (
                    "tier",
                    "component",
                    "size now",
                    "nodes now",
                    "nodes at horizon",
                    "USD/month now",
                    "USD/month at horizon",
                    "model",
                ),
                tuple(
                    (
                        f"{t.get('name')} ({t.get('kind')})",
                        str(t.get("component")),
                        _s(t.get("size")),
                        _s(t.get("nodes_now")),
                        _s(t.get("nodes_horizon")),
                        _s(t.get("cost_usd_month_now")),
                        _s(t.get("cost_usd_month_horizon")),
                        str(t.get("model")),
                    )
                    for t in tiers[:MAX_ROWS]
                ),
            )
        )
    stations = cap.get("stations") or []
    if stations:
        blocks.append(
            Table(
                (
                    "station",
                    "rate now (rps)",
                    "rate at horizon (rps)",
                    "p99 target (ms)",
                    "nodes now",
                    "nodes at horizon",
                ),
                tuple(
                    (
                        str(st.get("name")),
                        _s(round(float(st.get("rate_now_rps") or 0), 1)),
                        _s(round(float(st.get("rate_horizon_rps") or 0), 1)),
                        _s(st.get("target_p99_ms")),
                        _s(st.get("nodes_now")),
                        _s(st.get("nodes_horizon")),
                    )
                    for st in stations[:MAX_ROWS]
                ),
            )
        )
    costs = [
        (f"{c.get('option')}", float(c.get("usd_month_horizon") or 0))
        for c in cap.get("cost_per_option") or []
        if isinstance(c, dict)
    ]
    if any(v for _, v in costs):
        title = "Monthly cost at the horizon (USD)"
        blocks.append(Diagram(title, svg.bar_chart(title, costs)))
    if cap.get("assumptions"):
        blocks.append(Paragraph("Assumptions:"))
        blocks.append(Bullets(tuple(str(a) for a in cap["assumptions"])))
    blocks += [Note(str(w), "warning") for w in cap.get("warnings") or []]
    return blocks


def _analysis(data: ReportData) -> list[Block]:
    a = data.analysis
    if not a:
        return _missing(data, "analysis")
    blocks: list[Block] = []
    if a.get("root"):
        blocks.append(Paragraph(f"Repository: {a['root']}"))
    totals = a.get("totals") or {}
    if totals:
        blocks.append(Table(("measure", "value"), tuple((k, _s(v)) for k, v in totals.items())))
    langs = [x for x in a.get("languages") or [] if isinstance(x, dict)]
    if langs:
        blocks.append(
            Table(
                ("language", "files", "code lines"),
                tuple(
                    (str(x.get("language")), _s(x.get("files")), _s(x.get("code")))
                    for x in langs[:MAX_ROWS]
                ),
            )
        )
        lines = [(str(x.get("language")), float(x.get("code") or 0)) for x in langs[:12]]
        blocks.append(
            Diagram("Code lines by language", svg.bar_chart("Code lines by language", lines))
        )
    stack = [x for x in a.get("stack") or [] if isinstance(x, dict)]
    if stack:
        blocks.append(Paragraph("Detected stack:"))
        blocks.append(Bullets(tuple(f"{x.get('name')} ({x.get('category')})" for x in stack)))
    graph = a.get("graph") or {}
    if isinstance(graph, dict) and graph:
        cycles = graph.get("cycles") or []
        blocks.append(
            Paragraph(
                f"Import graph: {_s(graph.get('file_modules'))} modules, "
                f"{_s(graph.get('edge_count'))} dependencies, {len(cycles)} cycle(s)."
            )
        )
    if not blocks:
        blocks = _generic(data, "analysis", a)
    return blocks


def _plan(data: ReportData) -> list[Block]:
    p = data.plan
    if not p:
        return _missing(data, "plan")
    blocks: list[Block] = []
    phases = p.get("phases") or []
    if phases:
        blocks.append(
            Table(
                ("phase", "months", "architecture", "success metric", "deliberately left out"),
                tuple(
                    (
                        str(ph["name"]) + (f" ({ph['stage']})" if ph.get("stage") else ""),
                        str(ph.get("months", "")),
                        str(ph.get("architecture") or "-")
                        + (f", when {ph['trigger']}" if ph.get("trigger") else ""),
                        ", ".join(m["text"] for m in ph.get("success_metrics") or []) or "-",
                        "; ".join(ph.get("left_out") or []) or "-",
                    )
                    for ph in phases
                ),
            )
        )
    if phases and any(ph.get("end_week") is not None for ph in phases):
        blocks.append(Diagram("Delivery phases", svg.phases_svg(phases, "Delivery phases")))
    s = p.get("schedule")
    if s:
        length = f"{s['duration_days']:g} working days"
        if s.get("finish_date"):
            length += f", from {s['start']} to {s['finish_date']}"
        blocks.append(Paragraph(f"Task graph: {len(s['tasks'])} tasks, {length}."))
        blocks.append(
            Bullets(tuple("Critical path: " + " → ".join(cp) for cp in s["critical_paths"]))
        )
        facts = []
        if s.get("pert"):
            pe = s["pert"]
            line = f"PERT: {pe['mean_days']:g} ± {pe['std_days']:g} working days"
            if pe.get("probability") is not None:
                line += f", P(on target) {pe['probability']:.0%}"
            facts.append(line)
        if s.get("monte_carlo"):
            mc = s["monte_carlo"]
            line = (
                f"Monte Carlo ({mc['samples']} runs, seed {mc['seed']}): p50 {mc['p50_days']:g}, "
                f"p80 {mc['p80_days']:g}, p95 {mc['p95_days']:g} days"
            )
            if mc.get("probability") is not None:
                line += f", P(on target) {mc['probability']:.0%}"
            facts.append(line)
        if s.get("risk_areas"):
            facts.append("Risk areas (uncertain and critical): " + ", ".join(s["risk_areas"]))
        facts.append(f"Up to {s['peak_parallel_tasks']} tasks run in parallel")
        for c in s.get("conflicts") or []:
            facts.append(
                f"Conflict: {c['role']} needs {c['demand']} people on days "
                f"{c['start_day']:g}-{c['end_day']:g} and has {c['capacity']}"
            )
        blocks.append(Bullets(tuple(facts)))
        from archwise.plan.export import mermaid_gantt
        from archwise.plan.schedule import Schedule

        sched = Schedule.model_validate(s)
        blocks.append(
            Diagram(
                "Gantt chart",
                svg.gantt_svg(s["tasks"], float(s["duration_days"]), "Gantt chart (working days)"),
                mermaid_gantt(sched, title=data.title),
            )
        )
        blocks.append(
            Table(
                ("task", "role", "days", "start", "finish", "slack", "critical"),
                tuple(
                    (
                        f"{t['id']}: {t['name']}",
                        _s(t.get("role")),
                        _s(t["duration_days"]),
                        _s(t.get("start_date") or t["es"]),
                        _s(t.get("finish_date") or t["ef"]),
                        _s(t["slack"]),
                        "yes" if t["critical"] else "",
                    )
                    for t in s["tasks"][:MAX_ROWS]
                ),
            )
        )
    elif "tasks" in data.missing:
        blocks += _missing(data, "tasks")
    blocks += [Note(str(w), "warning") for w in p.get("warnings") or []]
    return blocks


def _risks(data: ReportData) -> list[Block]:
    risks = data.risks
    if risks is None:
        return _missing(data, "risks")
    if not risks:
        return [Paragraph("The register is empty.")]
    return [
        Table(
            ("risk", "decision", "likelihood", "impact", "exposure", "status", "rollback"),
            tuple(
                (
                    str(r.get("title")),
                    _s(r.get("decision")),
                    _s(r.get("likelihood")),
                    _s(r.get("impact")),
                    _s(r.get("exposure")),
                    _s(r.get("status")),
                    str((r.get("answers") or {}).get("rollback", "-")),
                )
                for r in risks[:MAX_ROWS]
            ),
        )
    ]


def _adrs(data: ReportData) -> list[Block]:
    adrs = data.adrs
    if adrs is None:
        return _missing(data, "adrs")
    if not adrs:
        return [Paragraph("No ADRs yet.")]
    return [
        Table(
            ("ADR", "title", "status", "date"),
            tuple(
                (
                    _s(a.get("number") or a.get("id")),
                    _s(a.get("title")),
                    _s(a.get("status")),
                    _s(a.get("date")),
                )
                for a in adrs[:MAX_ROWS]
            ),
        )
    ]


def build_document(data: ReportData) -> Document:
    """The sections of the architecture document, in reading order."""
    makers = {
        "requirements": _requirements,
        "options": _options,
        "recommendation": _recommendation,
        "architecture": _architecture,
        "evolution": _evolution,
        "capacity": _capacity,
        "analysis": _analysis,
        "plan": _plan,
        "risks": _risks,
        "adrs": _adrs,
    }
    sections = [Section(key, title, list(makers[key](data))) for key, title in SECTIONS]
    summary: list[Block] = []
    if data.missing:
        summary.append(
            Note(
                "Some sections are incomplete: "
                + "; ".join(f"{k}: {v}" for k, v in sorted(data.missing.items())),
                "missing",
            )
        )
    subtitle = str((data.requirements or {}).get("summary") or "Architecture document")
    if summary:
        sections.insert(0, Section("status", "Status of this document", summary))
    return Document(data.title, subtitle, sections, data.generated_by)
