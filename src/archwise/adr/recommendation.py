"""Build an ADR from a recommendation (the Recommendation JSON contract) and its requirements."""

from __future__ import annotations

import datetime as dt
from typing import Any

from archwise.adr.collection import add_months
from archwise.adr.model import Adr, Consequences, Option

REVIEW_AFTER_MONTHS = 3


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _num(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.10g}"
    return str(value)


def requirements_context(req: dict[str, Any] | None, name: str | None = None) -> str:
    """One paragraph stating the problem and the numbers that constrain the decision."""
    if not req:
        return f"We need to decide the architecture of {name}." if name else ""
    title = req.get("name") or name or "the system"
    parts: list[str] = []
    summary = req.get("summary")
    parts.append(f"{title}: {summary.rstrip('.')}." if summary else f"{title}.")
    workflows = _get(req, "functional", "workflows")
    if isinstance(workflows, list) and workflows:
        parts.append("Core workflows: " + "; ".join(str(w) for w in workflows) + ".")
    facts: list[str] = []
    conc = _get(req, "non_functional", "users", "concurrent")
    later = _get(req, "non_functional", "users", "concurrent_in_2_years")
    if conc is not None:
        growth = f" ({_num(later)} within two years)" if later is not None else ""
        facts.append(f"{_num(conc)} concurrent users{growth}")
    p99 = _get(req, "non_functional", "latency", "p99_ms")
    if p99 is not None:
        facts.append(f"p99 latency under {_num(p99)} ms")
    avail = _get(req, "non_functional", "availability_percent")
    if avail is not None:
        facts.append(f"{_num(avail)}% availability")
    consistency = _get(req, "non_functional", "consistency")
    if consistency:
        facts.append(f"{consistency} consistency")
    compliance = _get(req, "non_functional", "compliance")
    if isinstance(compliance, list) and compliance:
        facts.append("compliance: " + ", ".join(str(c).upper() for c in compliance))
    if facts:
        parts.append("It must support " + ", ".join(facts) + ".")
    limits: list[str] = []
    engineers = _get(req, "constraints", "team", "engineers")
    if engineers is not None:
        expertise = _get(req, "constraints", "team", "expertise")
        skills = ""
        if isinstance(expertise, dict) and expertise:
            skills = " (" + ", ".join(f"{k}: {v}" for k, v in expertise.items()) + ")"
        limits.append(f"a team of {_num(engineers)} engineers{skills}")
    mvp = _get(req, "constraints", "timeline", "mvp_months")
    if mvp is not None:
        limits.append(f"an MVP in {_num(mvp)} months")
    budget = _get(req, "constraints", "budget", "infra_usd_per_month")
    if budget is not None:
        limits.append(f"an infrastructure budget of ${_num(budget)} per month")
    if limits:
        parts.append("Constraints: " + ", ".join(limits) + ".")
    return " ".join(parts)


def _cost(option: dict[str, Any]) -> str:
    cost = option.get("cost_usd_per_month")
    if isinstance(cost, dict) and cost.get("low") is not None:
        low, high = cost.get("low"), cost.get("high")
        ref = f" ({cost['reference']})" if cost.get("reference") else ""
        if high is not None and high != low:
            return f"${_num(low)}-${_num(high)} per month{ref}"
        return f"${_num(low)} per month{ref}"
    return ""


def _scales_to(option: dict[str, Any]) -> str:
    s = option.get("scales_to")
    if isinstance(s, dict):
        return str(s.get("text") or s.get("number") or "")
    return str(s) if s else ""


def adr_from_recommendation(
    rec: dict[str, Any],
    requirements: dict[str, Any] | None = None,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    deciders: list[str] | None = None,
) -> Adr:
    """The spec's ADR for a recommendation: context, decision, options, consequences, metrics."""
    day = date or dt.date.today()
    chosen_name = str(_get(rec, "recommendation", "option") or "")
    options = [o for o in rec.get("options") or [] if isinstance(o, dict)]
    chosen = next((o for o in options if o.get("name") == chosen_name), {})
    req_name = _get(rec, "requirements", "name") or (requirements or {}).get("name")

    components = chosen.get("components") or {}
    decision: list[str] = []
    summary = chosen.get("summary") or chosen.get("profile") or ""
    decision.append(f"Adopt {chosen_name}" + (f": {summary.rstrip('.')}." if summary else "."))
    if isinstance(components, dict) and components:
        decision.append("")
        decision += [
            f"- {topic.replace('_', ' ').capitalize()}: {name}"
            for topic, name in components.items()
        ]
    decisions = rec.get("decisions") or {}
    not_needed = [
        f"- {topic.replace('_', ' ').capitalize()}: not needed now; needed when {d['trigger']}"
        for topic, d in decisions.items()
        if isinstance(d, dict) and d.get("needed") is False and d.get("trigger")
    ]
    if not_needed:
        decision += ["", "Not needed now:", "", *not_needed]
    why = _get(rec, "recommendation", "why") or []
    if why:
        decision += ["", "Why:", ""] + [f"- {w}" for w in why]
    feasibility = rec.get("feasibility")
    if isinstance(feasibility, dict) and feasibility.get("feasible") is False:
        decision = [
            "Feasibility: the requirements conflict; this is the closest design.",
            "",
            *[f"- {c.get('why')}" for c in feasibility.get("conflicts") or []],
            "",
            *decision,
        ]
    elif isinstance(feasibility, dict):
        decision = ["Feasibility: no conflict found between the requirements.", "", *decision]

    alternatives: list[Option] = []
    for o in options:
        if o.get("name") == chosen_name:
            continue
        desc = o.get("summary") or ""
        alternatives.append(
            Option(
                name=str(o.get("name")),
                description=str(desc),
                pros=[str(p) for p in o.get("pros") or []],
                cons=[str(c) for c in o.get("cons") or []],
                why_not=str(o.get("why_not") or ""),
            )
        )

    neutral: list[str] = []
    if chosen.get("operational_burden"):
        neutral.append(f"Operational burden: {chosen['operational_burden']}")
    cost = _cost(chosen)
    if cost:
        neutral.append(f"Estimated infrastructure cost: {cost}")
    scales = _scales_to(chosen)
    if scales:
        neutral.append(f"Scales to {scales}")
    consequences = Consequences(
        positive=[str(p) for p in chosen.get("pros") or []],
        negative=[str(c) for c in chosen.get("cons") or []],
        neutral=neutral,
    )

    notes: list[str] = []
    metrics: list[str] = []
    evolution = [e for e in _get(rec, "recommendation", "evolution") or [] if isinstance(e, dict)]
    for e in evolution:
        when = f" ({e['months']})" if e.get("months") else ""
        target = f" -> {e['to']}" if e.get("to") else ""
        trigger = f"; move on when: {e['trigger']}" if e.get("trigger") else ""
        notes.append(f"- {e.get('phase', 'Phase')}{when}{target}{trigger}")
        notes += [f"  - {a}" for a in e.get("actions") or []]
        metrics += [f"{e.get('phase', 'Phase')}: {m}" for m in e.get("success_metrics") or []]
    for w in rec.get("warnings") or []:
        notes.append(f"- Warning: {w}")

    review = add_months(day, REVIEW_AFTER_MONTHS).isoformat()
    next_trigger = next((e.get("trigger") for e in evolution[1:] if e.get("trigger")), None)
    review_text = f"{review} ({REVIEW_AFTER_MONTHS} months after the decision)"
    if next_trigger:
        review_text += f", or earlier when: {next_trigger}"

    context = requirements_context(requirements, str(req_name) if req_name else None)
    return Adr(
        title=title or (f"Use {chosen_name} for {req_name}" if req_name else f"Use {chosen_name}"),
        status="Proposed",
        date=day.isoformat(),
        deciders=deciders or [],
        context=context,
        decision="\n".join(decision),
        alternatives=alternatives,
        consequences=consequences,
        implementation_notes="\n".join(notes),
        success_metrics=metrics,
        review_date=review_text,
        fields={"Generated by": str(rec["generated_by"])} if rec.get("generated_by") else {},
        format="spec",
    )
