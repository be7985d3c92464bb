"""The delivery plan: phases, the task schedule and how the two fit together."""

from __future__ import annotations

from typing import Any

from archwise.kb.schemas.phase import Phase
from archwise.plan.phases import DeliveryPhase, plan_phases
from archwise.plan.schedule import Schedule
from archwise.requirements.models import Requirements
from archwise.schema import Model


class Plan(Model):
    """What `archwise plan` reports."""

    requirements: dict[str, str | None]
    architecture: str | None
    evolution_source: str
    phases: list[DeliveryPhase]
    schedule: Schedule | None
    warnings: list[str]
    generated_by: str
    costs: dict[str, Any] | None = None  # the chosen option's tiers and totals (as recommend)


def build_plan(
    req: Requirements | None,
    phases: list[Phase],
    *,
    file: str | None,
    schedule: Schedule | None,
    recommendation: dict[str, Any] | None,
    generated_by: str,
) -> Plan:
    """Put the phases and the schedule together and check one against the other."""
    warnings: list[str] = []
    chosen: str | None = None
    evolution: list[dict[str, Any]] = []
    if recommendation:
        rec = recommendation.get("recommendation") or {}
        chosen = rec.get("option")
        evolution = list(rec.get("evolution") or [])
    out_phases: list[DeliveryPhase] = []
    if req is not None:
        out_phases, more = plan_phases(req, phases, evolution=evolution, chosen=chosen)
        warnings += more
    if schedule is not None:
        warnings += schedule.warnings
        first = out_phases[0] if out_phases else None
        if first is not None and first.weeks is not None:
            budget = first.weeks * 5
            if schedule.duration_days > budget + 1e-9:
                warnings.append(
                    f"the task graph needs {schedule.duration_days:g} working days; the "
                    f"{first.name} phase has about {budget:.0f} (months {first.months})"
                )
    source = "recommendation" if evolution else "knowledge base phases"
    options = (recommendation or {}).get("options") or []
    chosen_opt = next((o for o in options if o.get("name") == chosen), None)
    return Plan(
        costs=chosen_opt.get("cost_usd_per_month") if chosen_opt else None,
        requirements={"name": req.name if req else None, "file": file},
        architecture=chosen,
        evolution_source=source,
        phases=out_phases,
        schedule=schedule,
        warnings=warnings,
        generated_by=generated_by,
    )
