"""The feasibility verdict: requirements that no design can meet together, with the numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from archwise.recommend.models import Conflict, Feasibility, Option
from archwise.recommend.rulebook import KBLike, RuleBook

MINUTES_PER_MONTH = 43_800.0


def _get(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def cheapest(options: Sequence[Option]) -> tuple[float, str] | None:
    """The lowest monthly cost of a priced option at its launch load, and whose it is."""
    priced = [(o.cost_usd_per_month.low, o.name) for o in options if o.cost_usd_per_month.lines]
    return min(priced) if priced else None


def budget_conflict(
    req: Mapping[str, Any], options: Sequence[Option], book: RuleBook
) -> list[Conflict]:
    """Budget against the cheapest design that carries the load, even at its launch load."""
    budget = _get(req, "constraints.budget.infra_usd_per_month")
    low = cheapest(options)
    # Cost estimates are ranges with rounding: only a clear overrun is a conflict.
    margin = book.setting("feasibility.budget_margin", 2.0)
    if budget is None or low is None or low[0] <= budget * margin:
        return []
    cost, name = low
    users = _get(req, "non_functional.users.concurrent")
    avail = _get(req, "non_functional.availability_percent")
    relax = [f"raise the budget to at least ${cost:,.0f}/month"]
    if users:
        relax.append(
            f"lower the scale target: at ${budget:,.0f}/month about "
            f"{max(1, int(users * budget / cost)):,} concurrent users fit"
        )
    if avail is not None and avail > 99.9:
        relax.append("accept a lower availability target (fewer redundant nodes)")
    relax.append("buy a hosted product instead of building and running the system")
    numbers: dict[str, float] = {
        "budget_usd_per_month": float(budget),
        "cheapest_design_usd_per_month": float(cost),
    }
    if users:
        numbers["concurrent_users"] = float(users)
    return [
        Conflict(
            requirements=[
                "constraints.budget.infra_usd_per_month",
                "non_functional.users.concurrent",
                *(["non_functional.availability_percent"] if avail is not None else []),
            ],
            why=f"the cheapest design that carries the stated load ({name}) costs about "
            f"${cost:,.0f}/month, over the ${budget:,.0f}/month budget",
            numbers=numbers,
            relax=relax,
        )
    ]


def availability_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """Availability against the people who must restore service when it fails."""
    avail = _get(req, "non_functional.availability_percent")
    if avail is None:
        return []
    engineers = _get(req, "constraints.team.engineers")
    on_call = _get(req, "constraints.ops.on_call")
    downtime = (1 - avail / 100) * MINUTES_PER_MONTH
    out: list[Conflict] = []
    round_the_clock = book.setting("feasibility.round_the_clock_above_percent", 99.95)
    rotation = book.setting("feasibility.rotation_engineers", 5)
    rotation_at = book.setting("feasibility.rotation_above_percent", 99.95)
    numbers = {"availability_percent": float(avail), "downtime_minutes_per_month": downtime}
    if avail > round_the_clock and on_call in ("none", "business-hours"):
        out.append(
            Conflict(
                requirements=["non_functional.availability_percent", "constraints.ops.on_call"],
                why=f"{avail:g}% allows {downtime:.1f} minutes of downtime a month, but with "
                f"on-call '{on_call}' a failure at night waits hours for a person",
                numbers=numbers,
                relax=[
                    "staff a 24x7 on-call rotation",
                    f"lower the target to {round_the_clock:g}% or less",
                ],
            )
        )
    if avail > rotation_at and engineers is not None and engineers < rotation:
        out.append(
            Conflict(
                requirements=["non_functional.availability_percent", "constraints.team.engineers"],
                why=f"{avail:g}% ({downtime:.1f} minutes of downtime a month) needs a 24x7 "
                f"rotation of at least {rotation:g} engineers; the team has {engineers}",
                numbers={**numbers, "engineers": float(engineers), "rotation_needs": rotation},
                relax=[
                    f"grow the team to {rotation:g}+ engineers who share on-call",
                    f"lower the target to {rotation_at:g}% or less",
                    "buy the availability: a fully managed platform whose provider is on call",
                ],
            )
        )
    return out


def latency_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """Cross-region strong consistency against the latency target (a quorum is a round trip)."""
    if _get(req, "non_functional.multi_region") is not True:
        return []
    if _get(req, "non_functional.consistency") != "strong":
        return []
    targets = {
        f"non_functional.latency.{k}": _get(req, f"non_functional.latency.{k}")
        for k in ("p50_ms", "p95_ms", "p99_ms")
    }
    known = {k: v for k, v in targets.items() if v is not None}
    if not known:
        return []
    rtt = book.setting("feasibility.cross_region_rtt_ms", 60.0)
    path, target = min(known.items(), key=lambda kv: kv[1])
    if target >= rtt:
        return []
    return [
        Conflict(
            requirements=["non_functional.multi_region", "non_functional.consistency", path],
            why=f"a strongly consistent write across regions waits for a quorum in another "
            f"region (about {rtt:g} ms round trip), beyond the {target:g} ms target",
            numbers={"target_ms": float(target), "cross_region_round_trip_ms": rtt},
            relax=[
                "keep strong consistency within one region (home region per user or tenant)",
                "accept eventual consistency across regions",
                f"relax the latency target to {rtt * 2:g} ms or more for writes",
            ],
        )
    ]


def technology_conflicts(req: Mapping[str, Any], kb: KBLike) -> list[Conflict]:
    """Required technologies against the forbidden list and the radar's hold ring."""
    required = _get(req, "constraints.technologies.required") or []
    forbidden = _get(req, "constraints.technologies.forbidden") or []
    out: list[Conflict] = []

    def canon(name: str) -> str:
        found = kb.find(name)
        return found.name if found is not None else name.casefold()

    banned = {canon(f) for f in forbidden}
    for name in required:
        if canon(name) in banned:
            out.append(
                Conflict(
                    requirements=[
                        "constraints.technologies.required",
                        "constraints.technologies.forbidden",
                    ],
                    why=f"{name} is both required and forbidden",
                    relax=[f"remove {name} from one of the two lists"],
                )
            )
        found = kb.find(name)
        if found is not None and kb.ring(found.name) == "hold":
            out.append(
                Conflict(
                    requirements=["constraints.technologies.required", "radar"],
                    why=f"{found.name} is required, but the organisation's radar puts it on hold",
                    relax=[
                        f"get an exception for {found.name} from the radar's owners",
                        f"drop {found.name} from the required list",
                    ],
                )
            )
    return out


def feasibility(
    req: Mapping[str, Any], kb: KBLike, book: RuleBook, options: Sequence[Option] = ()
) -> Feasibility:
    """The verdict: every conflict found between the requirements (plain data)."""
    conflicts = [
        *technology_conflicts(req, kb),
        *budget_conflict(req, options, book),
        *availability_conflict(req, book),
        *latency_conflict(req, book),
    ]
    return Feasibility(feasible=not conflicts, conflicts=conflicts)
