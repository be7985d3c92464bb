"""Checks across fields of a requirements file that no single field's type can express."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from archwise.requirements.models import Requirements

Severity = Literal["error", "warning"]
PERCENTILES = ("p50_ms", "p95_ms", "p99_ms", "p999_ms")


@dataclass(frozen=True)
class Finding:
    """One cross-field problem: the dotted field it points at, what is wrong, how bad it is."""

    field: str
    message: str
    severity: Severity


def cross_field_findings(req: Requirements) -> list[Finding]:
    """Return the contradictions between fields, errors and warnings, in file order."""
    out: list[Finding] = []
    nf = req.non_functional
    if nf is not None and nf.users is not None:
        u = nf.users
        now, later, daily = u.concurrent, u.concurrent_in_2_years, u.daily_active
        if now is not None and later is not None and later < now:
            out.append(
                Finding(
                    "non_functional.users.concurrent_in_2_years",
                    f"{later} is below today's concurrent users ({now}); "
                    "is the system expected to shrink?",
                    "warning",
                )
            )
        if now is not None and daily is not None and daily < now:
            out.append(
                Finding(
                    "non_functional.users.daily_active",
                    f"{daily} daily active users is below {now} concurrent users; "
                    "concurrent users are a subset of the daily ones",
                    "warning",
                )
            )
        if u.total is not None and u.daily_active is not None and u.total < u.daily_active:
            out.append(
                Finding(
                    "non_functional.users.total",
                    f"{u.total} registered users is below {u.daily_active} daily active users",
                    "warning",
                )
            )
    if nf is not None and nf.latency is not None:
        given = [
            (name, value)
            for name in PERCENTILES
            if (value := getattr(nf.latency, name)) is not None
        ]
        for (low_name, low), (high_name, high) in itertools.pairwise(given):
            if low > high:
                out.append(
                    Finding(
                        f"non_functional.latency.{low_name}",
                        f"{low_name.removesuffix('_ms')} ({low:g} ms) is above "
                        f"{high_name.removesuffix('_ms')} ({high:g} ms); a lower percentile "
                        "can never be slower than a higher one",
                        "error",
                    )
                )
    if nf is not None and nf.throughput is not None:
        t = nf.throughput
        if t.average_rps is not None and t.peak_rps is not None and t.average_rps > t.peak_rps:
            out.append(
                Finding(
                    "non_functional.throughput.average_rps",
                    f"average ({t.average_rps:g} rps) is above peak ({t.peak_rps:g} rps)",
                    "error",
                )
            )
    c = req.constraints
    if c is not None and c.timeline is not None:
        mvp, prod = c.timeline.mvp_months, c.timeline.production_months
        if mvp is not None and prod is not None and mvp > prod:
            out.append(
                Finding(
                    "constraints.timeline.mvp_months",
                    f"the MVP ({mvp:g} months) comes after production ({prod:g} months); "
                    "mvp_months must be <= production_months",
                    "error",
                )
            )
    if c is not None and c.team is not None:
        team = c.team
        if team.roles and team.engineers is not None:
            total = sum(team.roles.values())
            if total > team.engineers:
                out.append(
                    Finding(
                        "constraints.team.roles",
                        f"the roles add up to {total} engineers but the team has "
                        f"{team.engineers}; fix the roles or constraints.team.engineers",
                        "error",
                    )
                )
    if c is not None and c.technologies is not None:
        tech = c.technologies
        both = sorted(
            {t.lower() for t in tech.required or []} & {t.lower() for t in tech.forbidden or []}
        )
        if both:
            out.append(
                Finding(
                    "constraints.technologies.forbidden",
                    f"{', '.join(both)} is both required and forbidden",
                    "error",
                )
            )
    return out
