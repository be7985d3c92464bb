"""Phased delivery: the KB's phases scaled to the team and scope, fitted to the timeline."""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from pydantic import Field

from archwise.kb.schemas.phase import Phase
from archwise.requirements.models import Requirements
from archwise.schema import Model

WEEKS_PER_MONTH = 52 / 12


class Metric(Model):
    """A numeric success metric of a phase."""

    name: Literal["concurrent_users", "p99_ms", "uptime_percent"]
    target: float
    comparison: Literal[">=", "<="]
    text: str


class Stage(Model):
    """One step of the recommendation's evolution path (the contract of `recommend`)."""

    phase: str
    months: str
    trigger: str = ""
    to: str = ""
    actions: list[str] = Field(default_factory=list)
    success_metrics: list[str] = Field(default_factory=list)


class DeliveryPhase(Model):
    """A phase of the delivery plan: when, what, how success is measured, what waits."""

    name: str
    order: int
    months: str
    start_week: float
    end_week: float | None
    weeks: float | None
    focus: str
    architecture: str | None
    stage: str | None
    trigger: str | None
    deliverables: list[str]
    success_metrics: list[Metric]
    success_notes: list[str]
    left_out: list[str]


def parse_months(text: str) -> tuple[int, int | None] | None:
    """Parse '1-3', 'Months 4-6', '7+' or '7' into (first, last or None for open-ended)."""
    m = re.search(r"(\d+)\s*(?:-|–|to)\s*(\d+)", text)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"(\d+)\s*\+", text)
    if m:
        return int(m.group(1)), None
    m = re.search(r"(\d+)", text)
    if m:
        return int(m.group(1)), int(m.group(1))
    return None


def _clause(trigger: str) -> str:
    """A trigger as a clause that reads after 'when' or 'until'."""
    text = trigger.strip()
    text = re.sub(r"^(when|once|if)\s+", "", text, flags=re.IGNORECASE)
    return text[:1].lower() + text[1:]


def _months_label(start_week: float, end_week: float | None) -> str:
    # Boundaries round to the nearest month so consecutive phases never share a month and
    # agree with the recommendation's month ranges (a phase ending in week 17.9 ends in month 4).
    first = round(start_week / WEEKS_PER_MONTH) + 1
    if end_week is None:
        return f"{first}+"
    last = max(first, round(end_week / WEEKS_PER_MONTH))
    return f"{first}" if first == last else f"{first}-{last}"


def _nice(n: float) -> float:
    """Round to two significant figures (1,000 users, not 1,013)."""
    if n <= 0:
        return 0.0
    digits = 2 - math.floor(math.log10(abs(n))) - 1
    return float(round(n, digits))


def _scale(req: Requirements, phase: Phase) -> float:
    team = req.constraints.team if req.constraints else None
    engineers = team.engineers if team and team.engineers else phase.reference_engineers
    func = req.functional
    scope = len(func.workflows or func.critical_features or []) if func else 0
    scope = scope or phase.reference_workflows
    scope_factor = min(max(scope / phase.reference_workflows, 0.5), 3.0)
    team_factor = min(max(math.sqrt(phase.reference_engineers / engineers), 0.5), 2.0)
    return scope_factor * team_factor


def _metrics(req: Requirements, phase: Phase) -> list[Metric]:
    nf = req.non_functional
    out: list[Metric] = []
    t = phase.targets
    users = nf.users.concurrent if nf and nf.users else None
    if t.users_fraction is not None and users:
        n = _nice(users * t.users_fraction)
        out.append(
            Metric(
                name="concurrent_users",
                target=n,
                comparison=">=",
                text=f"{n:,.0f} concurrent users",
            )
        )
    p99 = nf.latency.p99_ms if nf and nf.latency else None
    if t.p99_factor is not None and p99:
        v = _nice(p99 * t.p99_factor)
        out.append(Metric(name="p99_ms", target=v, comparison="<=", text=f"p99 < {v:g}ms"))
    if t.uptime and nf and nf.availability_percent:
        a = nf.availability_percent
        out.append(Metric(name="uptime_percent", target=a, comparison=">=", text=f"{a:g}% uptime"))
    return out


def plan_phases(
    req: Requirements,
    phases: list[Phase],
    *,
    evolution: list[dict[str, Any]] | None = None,
    chosen: str | None = None,
) -> tuple[list[DeliveryPhase], list[str]]:
    """The delivery phases for these requirements, and warnings about the timeline."""
    ordered = sorted(phases, key=lambda p: p.order)
    warnings: list[str] = []
    weeks: dict[str, float | None] = {}
    for p in ordered:
        if p.weeks_min is None or p.weeks_max is None:
            weeks[p.name] = None
        else:
            weeks[p.name] = round((p.weeks_min + p.weeks_max) / 2 * _scale(req, p) * 2) / 2
    timeline = req.constraints.timeline if req.constraints else None
    mvp_m = timeline.mvp_months if timeline else None
    prod_m = timeline.production_months if timeline else None
    windows: dict[str, float] = {}
    if mvp_m:
        windows["mvp"] = mvp_m * WEEKS_PER_MONTH
    if prod_m:
        windows["production"] = (prod_m - (mvp_m or 0)) * WEEKS_PER_MONTH
        if not mvp_m:
            windows["production"] = prod_m * WEEKS_PER_MONTH
    for window, length in windows.items():
        group = [p for p in ordered if p.fits == window and weeks[p.name] is not None]
        if window == "production" and not mvp_m:
            group = [p for p in ordered if p.fits in ("mvp", "production") and weeks[p.name]]
        natural = sum(weeks[p.name] or 0.0 for p in group)
        if not group or natural <= 0:
            continue
        if length <= 0:
            warnings.append(
                f"production_months ({prod_m:g}) leaves no time after the MVP ({mvp_m:g} months)"
            )
            continue
        if natural > length * 2:
            names = ", ".join(p.name for p in group)
            warnings.append(
                f"{names}: the default pace for this team and scope needs about "
                f"{natural:.0f} weeks; the timeline gives {length:.0f}: cut scope or add people"
            )
        for p in group:
            weeks[p.name] = (weeks[p.name] or 0.0) * length / natural
    nf = req.non_functional
    unknown = [
        field
        for field, value in (
            ("non_functional.users.concurrent", nf.users.concurrent if nf and nf.users else None),
            ("non_functional.latency.p99_ms", nf.latency.p99_ms if nf and nf.latency else None),
            ("non_functional.availability_percent", nf.availability_percent if nf else None),
        )
        if not value
    ]
    if unknown:
        warnings.append(
            "success metrics need numbers the requirements leave unknown: " + ", ".join(unknown)
        )
    stages = [Stage.model_validate(s) for s in evolution or []]
    spans = [(s, parse_months(s.months)) for s in stages]
    out: list[DeliveryPhase] = []
    cursor = 0.0
    for idx, p in enumerate(ordered):
        span_weeks = weeks[p.name]
        end = None if span_weeks is None else cursor + span_weeks
        first_month = math.floor(cursor / WEEKS_PER_MONTH + 1e-6) + 1
        stage = _stage_for(first_month, spans)
        later = stages[stages.index(stage) + 1 :] if stage else []
        left = list(p.left_out)
        current = stage or _latest_before(first_month, spans)
        arch = current.to if current and current.to else chosen
        for s in later:
            if s.to and s.to != arch:
                when = f" until {_clause(s.trigger)}" if s.trigger else ""
                left.append(f"{s.to}{when}")
        out.append(
            DeliveryPhase(
                name=p.name,
                order=idx + 1,
                months=_months_label(cursor, end),
                start_week=round(cursor, 2),
                end_week=None if end is None else round(end, 2),
                weeks=None if span_weeks is None else round(span_weeks, 2),
                focus=p.focus,
                architecture=arch,
                stage=stage.phase if stage else None,
                trigger=(
                    _clause(stage.trigger)
                    if stage and stage.trigger and stages.index(stage) > 0
                    else None
                ),
                deliverables=list(
                    dict.fromkeys([*(stage.actions if stage else []), *p.deliverables])
                ),
                success_metrics=_metrics(req, p),
                success_notes=list(stage.success_metrics) if stage else [],
                left_out=list(dict.fromkeys(left)),
            )
        )
        if end is not None:
            cursor = end
    _weeks_where_months_repeat(out)
    return out, warnings


def _weeks_where_months_repeat(phases: list[DeliveryPhase]) -> None:
    """Phases shorter than a month that share one get their weeks in the label (a two-month
    timeline has four phases; 'Beta 2' and 'Production 2' read as an overlap)."""
    labels = [ph.months for ph in phases]
    for i, ph in enumerate(phases):
        shared = (i > 0 and labels[i - 1] == labels[i]) or (
            i + 1 < len(labels) and labels[i + 1] == labels[i]
        )
        if not shared or labels[i].endswith("+") or ph.end_week is None:
            continue
        first = round(ph.start_week) + 1
        last = max(first, round(ph.end_week))
        ph.months = f"{labels[i]} (weeks {first}-{last})"


Span = tuple[int, int | None] | None


def _stage_for(month: int, spans: list[tuple[Stage, Span]]) -> Stage | None:
    """The evolution stage whose months include this month."""
    for stage, span in spans:
        if span is None:
            continue
        first, last = span
        if first <= month and (last is None or month <= last):
            return stage
    return None


def _latest_before(month: int, spans: list[tuple[Stage, Span]]) -> Stage | None:
    """The last stage that started before this month (its architecture is still in place)."""
    best: Stage | None = None
    for stage, span in spans:
        if span is not None and span[0] <= month:
            best = stage
    return best
