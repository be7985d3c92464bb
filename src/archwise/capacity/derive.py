"""A capacity model derived from a requirements file plus knowledge-base facts."""

from __future__ import annotations

from dataclasses import dataclass

from archwise.capacity.models import (
    CapacityModel,
    Demand,
    ForecastPoint,
    Option,
    Resource,
    StationSpec,
)
from archwise.errors import InputError
from archwise.requirements.models import Requirements


@dataclass(frozen=True)
class Assumptions:
    """Workload numbers a requirements file rarely states; every derived plan prints them."""

    writes_per_user_per_minute: float = 0.2
    db_write_service_ms: float = 1.0
    db_write_service_scv: float = 1.5
    db_share_of_p99: float = 0.2
    bytes_per_write: int = 1024
    connection_price_keys: tuple[str, ...] = (
        "aws.ec2.c7g.xlarge",
        "aws.ec2.c6g.xlarge",
        "aws.ec2.m7g.xlarge",
    )
    database_size_keys: tuple[str, ...] = (
        "aws.rds.postgresql.db.r6g.large",
        "aws.rds.postgresql.db.r6g.xlarge",
        "aws.rds.postgresql.db.r6g.2xlarge",
        "aws.rds.postgresql.db.r6g.4xlarge",
        "aws.rds.postgresql.db.r6g.8xlarge",
        "aws.rds.postgresql.db.r6g.12xlarge",
        "aws.rds.postgresql.db.r6g.16xlarge",
    )
    storage_price_key: str = "aws.rds.gp3.multi-az"


@dataclass(frozen=True)
class ConnectionTech:
    """A KB technology that states how many connections one node holds."""

    name: str
    per_node: float


@dataclass(frozen=True)
class TierOption:
    """A connection-tier option taken from a recommendation (its scales_to per node)."""

    name: str
    per_node: float
    source: str


def _first_price(keys: tuple[str, ...], known: set[str]) -> str | None:
    return next((k for k in keys if k in known), None)


def derive_model(
    req: Requirements,
    connection_techs: list[ConnectionTech],
    known_prices: set[str],
    *,
    preferred: list[str] | None = None,
    assume: Assumptions | None = None,
    tier: list[TierOption] | None = None,
    database_station: bool = True,
    database_note: str | None = None,
    concurrent: tuple[float, str] | None = None,
) -> CapacityModel:
    """Build a capacity model from requirements: demand, growth, connection tier, database."""
    a = assume or Assumptions()
    nf = req.non_functional
    users = nf.users if nf else None
    tp0 = nf.throughput if nf else None
    peak = tp0.peak_rps if tp0 and tp0.peak_rps else None
    realtime = bool(req.functional and req.functional.realtime)
    notes: list[str] = []
    stated = users.concurrent if users is not None else None
    now_users = float(stated) if stated is not None else None
    if now_users is None and concurrent is not None and (realtime or peak is None):
        now_users = concurrent[0]  # derived from daily active or registered users, labelled
        notes.append(concurrent[1])
    if now_users is None and (peak is None or realtime):
        raise InputError(
            "a capacity plan needs the users: non_functional.users.concurrent (or daily_active "
            "or total, from which concurrency is derived)"
            + ("" if realtime else " or non_functional.throughput.peak_rps"),
            field="non_functional.users.concurrent",
        )
    forecast = None
    growth = None
    later = users.concurrent_in_2_years if users is not None else None
    if now_users is None:
        assert peak is not None
        # A throughput-stated system: the demand is its peak request rate, held flat.
        notes.append(
            f"no concurrent users stated: demand is the peak of {peak:,g} requests/s "
            "(non_functional.throughput.peak_rps), held flat to the horizon"
        )
        demand_now, unit = float(peak), "peak requests/s"
        growth = 0.0
    elif later:
        forecast = [ForecastPoint(month=24, value=float(later))]
        notes.append(
            f"demand grows geometrically from {now_users:,.0f} to {later:,} concurrent users "
            "over 24 months (non_functional.users)"
        )
    else:
        growth = 0.0
        notes.append("no concurrent_in_2_years in the requirements: demand held flat")
    if now_users is not None:
        demand_now, unit = now_users, "concurrent users"
    demand = Demand(
        unit=unit,
        now=demand_now,
        forecast=forecast,
        growth_percent_per_month=growth,
    )
    target = nf.latency.p99_ms if nf and nf.latency else None
    budget = None
    cons = req.constraints
    if cons and cons.budget:
        budget = cons.budget.infra_usd_per_month
    resources: list[Resource] = []
    if realtime and tier:
        price = _first_price(a.connection_price_keys, known_prices) or a.connection_price_keys[0]
        notes.append(
            "one WebSocket connection per concurrent user; connection-tier options and their "
            "per-node limits from the recommendation (chosen option first)"
        )
        resources.append(
            Resource(
                name="websocket connections",
                per_demand=1.0,
                options=[
                    Option(name=t.name, per_node=t.per_node, per_node_source=t.source, price=price)
                    for t in tier
                ],
            )
        )
    elif realtime:
        resources.append(_connection_tier(req, connection_techs, known_prices, preferred, a, notes))
    stations: list[StationSpec] = []
    # Storage is the tier model's (stated size first, else a labelled bound): one number.
    if database_station:
        tp = nf.throughput if nf else None
        writes = tp.writes_per_second if tp and tp.writes_per_second else None
        db_target = target * a.db_share_of_p99 if target else None
        if writes is not None:
            rate_per_demand = writes / demand_now
            notes.append(f"database writes: {writes:g}/s now (throughput.writes_per_second)")
        elif unit != "concurrent users":
            rate_per_demand = 0.1
            notes.append(
                "database writes: one request in ten writes (assumed; set "
                "non_functional.throughput.writes_per_second to replace it)"
            )
        else:
            rate_per_demand = a.writes_per_user_per_minute / 60.0
            notes.append(
                f"database writes: {a.writes_per_user_per_minute:g} per concurrent user per minute "
                "(assumed; set non_functional.throughput.writes_per_second to replace it)"
            )
        notes.append(
            f"a database write costs {a.db_write_service_ms:g} ms of one vCPU (SCV "
            f"{a.db_write_service_scv:g}); the database scales up (one primary plus N spare "
            f"standbys, the smallest KB size with enough vCPUs); it gets {a.db_share_of_p99:.0%} "
            "of the p99 budget" + (f" ({db_target:g} ms)" if db_target else "")
        )
        stations.append(
            StationSpec(
                name="database writes",
                rate_per_demand=rate_per_demand,
                service_ms=a.db_write_service_ms,
                service_scv=a.db_write_service_scv,
                target_p99_ms=db_target or 50.0,
                scaling="vertical",
                sizes=list(a.database_size_keys),
            )
        )
    else:
        notes.append(database_note or "the database is sized by its own model (see the tiers)")
    return CapacityModel(
        name=req.name,
        headroom=0.3,
        n_plus=1,
        target_p99_ms=target,
        budget_usd_per_month=budget,
        demand=demand,
        resources=resources,
        stations=stations,
        assumptions=notes,
    )


def _connection_tier(
    req: Requirements,
    techs: list[ConnectionTech],
    known_prices: set[str],
    preferred: list[str] | None,
    a: Assumptions,
    notes: list[str],
) -> Resource:
    if not techs:
        raise InputError(
            "the requirements ask for real-time connections but no knowledge-base technology "
            "states max_connections_per_node"
        )
    by_name = {t.name.casefold(): t for t in techs}
    wanted: list[str] = list(preferred or [])
    cons = req.constraints
    if not wanted and cons and cons.technologies:
        wanted = list(cons.technologies.required or []) + list(cons.technologies.in_use or [])
    first = [by_name[w.casefold()] for w in wanted if w.casefold() in by_name]
    rest = sorted(
        (t for t in techs if t not in first), key=lambda t: (t.per_node, t.name.casefold())
    )
    ordered = first + rest
    price = _first_price(a.connection_price_keys, known_prices) or a.connection_price_keys[0]
    how = (
        "the technologies asked for first"
        if first
        else "the most conservative per-node ceiling first (no technology named in the "
        "requirements; pass --option to choose)"
    )
    notes.append(
        "one WebSocket connection per concurrent user; connection-tier options from the KB's "
        f"max_connections_per_node, {how}"
    )
    return Resource(
        name="websocket connections",
        per_demand=1.0,
        options=[Option(name=f"{t.name} nodes", technology=t.name, price=price) for t in ordered],
    )
