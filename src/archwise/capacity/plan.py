"""Capacity plan: nodes now and as demand grows, when ceilings are crossed, what to add, cost."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from archwise.capacity.growth import Curve, curve_of, month_to_date
from archwise.capacity.models import CapacityModel, Option, Resource, StationSpec
from archwise.capacity.queueing import ServiceTime
from archwise.capacity.sizing import Sizing, size_for_target
from archwise.capacity.tiers import Tier
from archwise.errors import InputError


@dataclass(frozen=True)
class Facts:
    """What the knowledge base knows that a plan needs: per-node ceilings and prices."""

    per_node: dict[str, float] = field(default_factory=dict)  # technology -> units per node
    prices: dict[str, float] = field(default_factory=dict)  # price key -> USD per node-month
    price_items: dict[str, str] = field(default_factory=dict)  # price key -> item description
    price_vcpu: dict[str, float] = field(default_factory=dict)  # price key -> vCPUs of the item


@dataclass
class Event:
    """A date demand crosses a level that matters for a resource."""

    event: str
    demand: float
    month: float | None
    date: dt.date | None
    meaning: str


@dataclass
class Step:
    """Nodes needed from a month on: the 'what to add and when' schedule."""

    month: int
    date: dt.date
    demand: float
    nodes: int
    add: int


@dataclass
class OptionPlan:
    """One way to run a resource over the horizon."""

    name: str
    technology: str | None
    per_node: float
    per_node_source: str
    planned_per_node: float
    nodes_now: int
    nodes_horizon: int
    provisioned_nodes: int | None
    usd_per_node_month: float | None
    price_source: str | None
    usd_month_now: float | None
    usd_month_horizon: float | None
    events: list[Event] = field(default_factory=list)
    schedule: list[Step] = field(default_factory=list)
    breaks_on: dt.date | None = None
    breaks_at_demand: float | None = None


@dataclass
class ResourcePlan:
    """A connection-like resource and its options."""

    name: str
    per_demand: float
    options: list[OptionPlan]


@dataclass
class StationPlan:
    """A queueing station sized now and at the horizon for its latency target."""

    name: str
    rate_now_rps: float
    rate_horizon_rps: float
    target_p99_ms: float | None
    workers_per_node: int
    now: Sizing
    horizon: Sizing
    nodes_now: int | None
    nodes_horizon: int | None
    usd_month_now: float | None
    usd_month_horizon: float | None
    storage_gb_now: float | None = None
    storage_gb_horizon: float | None = None
    scaling: str = "horizontal"
    size_now: str | None = None
    size_horizon: str | None = None
    outgrows_largest_size: Event | None = None
    schedule: list[Step] = field(default_factory=list)


@dataclass
class CapacityPlan:
    """The whole plan: demand curve, resources, stations, costs, budget, assumptions."""

    name: str
    start: dt.date
    horizon_months: int
    horizon_date: dt.date
    headroom: float
    n_plus: int
    demand_unit: str
    demand_now: float
    demand_horizon: float
    growth_percent_per_month: float
    resources: list[ResourcePlan]
    stations: list[StationPlan]
    cost_per_option: list[dict[str, object]]
    budget_usd_per_month: float | None
    assumptions: list[str]
    warnings: list[str]
    provider: str | None = None
    storage_gb_now: float | None = None
    storage_gb_horizon: float | None = None
    tiers: list[Tier] = field(default_factory=list)
    total_usd_month_now: float | None = None
    total_usd_month_horizon: float | None = None
    estimated_prices: list[str] = field(default_factory=list)
    # The recommendation's own verdict, so `capacity plan` and `recommend` never disagree.
    feasibility: dict[str, object] | None = None
    # Set when the recommended option is provider-neutral: its tiers are one provider's prices.
    reference: str | None = None


def _per_node(opt: Option, facts: Facts, where: str) -> tuple[float, str]:
    if opt.per_node is not None:
        return opt.per_node, opt.per_node_source or "model file"
    if opt.technology:
        if opt.technology in facts.per_node:
            return (
                facts.per_node[opt.technology],
                f"KB: {opt.technology} max_connections_per_node",
            )
        raise InputError(
            f"option {opt.name!r}: the knowledge base has no max_connections_per_node for "
            f"{opt.technology!r}; give per_node in the model",
            field=f"{where}.per_node",
        )
    raise InputError(
        f"option {opt.name!r} needs per_node or a technology with max_connections_per_node",
        field=f"{where}.per_node",
    )


def _price(
    key: str | None, usd: float | None, facts: Facts, warnings: list[str], who: str
) -> tuple[float | None, str | None]:
    if usd is not None:
        return usd, "model file"
    if key is None:
        return None, None
    if key in facts.prices:
        item = facts.price_items.get(key, key)
        return facts.prices[key], f"KB price {key} ({item})"
    warnings.append(f"{who}: price {key!r} is not in the knowledge base; its cost is unknown")
    return None, None


def _nodes(units: float, planned_per_node: float, n_plus: int) -> int:
    return max(1, math.ceil(units / planned_per_node - 1e-9)) + n_plus


def _months(horizon: int) -> list[int]:
    return list(range(0, horizon + 1))


def _event(curve: Curve, start: dt.date, name: str, level: float, meaning: str) -> Event:
    m = curve.crossing(level)
    return Event(
        name,
        level,
        None if m is None else round(m, 2),
        None if m is None else month_to_date(start, m),
        meaning,
    )


def plan_resource(
    res: Resource,
    idx: int,
    model: CapacityModel,
    curve: Curve,
    start: dt.date,
    facts: Facts,
    warnings: list[str],
) -> ResourcePlan:
    """Nodes, dates and cost of each option of one resource."""
    h, n_plus = model.headroom, model.n_plus
    out: list[OptionPlan] = []
    for j, opt in enumerate(res.options):
        where = f"resources[{idx}].options[{j}]"
        per_node, src = _per_node(opt, facts, where)
        planned = per_node * (1.0 - h)
        units_now = curve.at(0) * res.per_demand
        units_h = curve.at(model.horizon_months) * res.per_demand
        nodes_now = _nodes(units_now, planned, n_plus)
        nodes_h = _nodes(units_h, planned, n_plus)
        usd, psrc = _price(opt.price, opt.usd_per_node_month, facts, warnings, opt.name)
        op = OptionPlan(
            name=opt.name,
            technology=opt.technology,
            per_node=per_node,
            per_node_source=src,
            planned_per_node=planned,
            nodes_now=nodes_now,
            nodes_horizon=nodes_h,
            provisioned_nodes=None,
            usd_per_node_month=usd,
            price_source=psrc,
            usd_month_now=None if usd is None else usd * nodes_now,
            usd_month_horizon=None if usd is None else usd * nodes_h,
        )
        prev = 0
        for m in _months(model.horizon_months):
            d = curve.at(m)
            n = _nodes(d * res.per_demand, planned, n_plus)
            if n != prev:
                op.schedule.append(Step(m, month_to_date(start, m), d, n, n - prev if prev else 0))
                prev = n
        if j == 0:
            prov = res.provisioned_nodes or nodes_now
            op.provisioned_nodes = prov
            active = max(1, prov - n_plus)
            unit = res.per_demand
            op.events = [
                _event(
                    curve,
                    start,
                    "headroom used up",
                    active * planned / unit,
                    f"{prov} nodes ({n_plus} spare) run at {1 - h:.0%} of their per-node "
                    "limit: add nodes now",
                ),
                _event(
                    curve,
                    start,
                    "redundancy lost",
                    active * per_node / unit,
                    f"losing {n_plus} node(s) would push the rest past {per_node:,.0f} per node",
                ),
                _event(
                    curve,
                    start,
                    "per-node ceiling reached",
                    prov * per_node / unit,
                    f"every one of the {prov} nodes holds {per_node:,.0f} ({src}): the "
                    "deployment as provisioned breaks",
                ),
            ]
            ceiling = op.events[-1]
            op.breaks_on = ceiling.date
            op.breaks_at_demand = ceiling.demand
        out.append(op)
    return ResourcePlan(res.name, res.per_demand, out)


def _station_rate(st: StationSpec, curve: Curve, month: float) -> float:
    scale = curve.at(month)
    if st.rate_per_demand is not None:
        return scale * st.rate_per_demand * st.visit_probability
    assert st.rate_rps is not None
    return st.rate_rps * st.visit_probability * scale / curve.at(0)


def plan_station(
    st: StationSpec,
    model: CapacityModel,
    curve: Curve,
    start: dt.date,
    facts: Facts,
    warnings: list[str],
) -> StationPlan:
    """Size one station for its latency target now, at the horizon and month by month."""
    target_ms = st.target_p99_ms or model.target_p99_ms
    service = ServiceTime(st.service_ms / 1000.0, st.service_scv)
    if target_ms is None:
        raise InputError(
            f"station {st.name!r} needs target_p99_ms (or a model-wide target_p99_ms)",
            field=f"stations.{st.name}.target_p99_ms",
        )

    def size(month: float) -> Sizing:
        return size_for_target(
            _station_rate(st, curve, month),
            service,
            target_ms / 1000.0,
            percentile=0.99,
            headroom=model.headroom,
            n_plus=0,
        )

    now, hor = size(0), size(model.horizon_months)
    sizes = _sizes(st, facts, warnings)
    usd, _ = _price(st.price, st.usd_per_node_month, facts, warnings, st.name)

    def pick(s: Sizing) -> tuple[str, float] | None:
        if s.servers is None:
            return None
        return next(((k, v) for k, v in sizes if v >= s.servers), None)

    def nodes(s: Sizing) -> int | None:
        if s.servers is None:
            return None
        if st.scaling == "vertical":
            return 1 + model.n_plus if pick(s) else None
        return math.ceil(s.servers / st.workers_per_node) + model.n_plus

    def cost(s: Sizing) -> float | None:
        n = nodes(s)
        if n is None:
            return None
        if st.scaling == "vertical":
            chosen = pick(s)
            return facts.prices[chosen[0]] * n if chosen else None
        return None if usd is None else usd * n

    plan = StationPlan(
        name=st.name,
        rate_now_rps=_station_rate(st, curve, 0),
        rate_horizon_rps=_station_rate(st, curve, model.horizon_months),
        target_p99_ms=target_ms,
        workers_per_node=st.workers_per_node,
        now=now,
        horizon=hor,
        nodes_now=nodes(now),
        nodes_horizon=nodes(hor),
        usd_month_now=cost(now),
        usd_month_horizon=cost(hor),
        scaling=st.scaling,
    )
    if st.scaling == "vertical":
        plan.size_now = (pick(now) or (None, 0.0))[0]
        plan.size_horizon = (pick(hor) or (None, 0.0))[0]
    _storage(st, plan, facts, warnings)
    if not now.possible:
        warnings.append(f"station {st.name!r}: {now.reason}")
        return plan
    prev = 0
    for m in range(0, model.horizon_months + 1, 3):
        n = nodes(size(m)) or 0
        if n != prev:
            plan.schedule.append(
                Step(m, month_to_date(start, m), curve.at(m), n, n - prev if prev else 0)
            )
            prev = n
    if st.scaling == "vertical" and sizes:
        plan.outgrows_largest_size = _outgrown(st, sizes[-1], size, curve, start, model)
        if plan.outgrows_largest_size is not None:
            warnings.append(
                f"station {st.name!r} outgrows the largest size with a known price "
                f"({sizes[-1][0]}, {sizes[-1][1]:g} vCPUs) on "
                f"{plan.outgrows_largest_size.date}: price a bigger size, shard, add read "
                "replicas or batch writes before then"
            )
    return plan


def _sizes(st: StationSpec, facts: Facts, warnings: list[str]) -> list[tuple[str, float]]:
    """Known node sizes of a vertically scaled station, smallest first."""
    if st.scaling != "vertical":
        return []
    found = [
        (k, facts.price_vcpu[k]) for k in st.sizes if k in facts.price_vcpu and k in facts.prices
    ]
    missing = [k for k in st.sizes if k not in facts.price_vcpu or k not in facts.prices]
    if missing:
        warnings.append(
            f"station {st.name!r}: no KB price with vCPUs for {', '.join(missing)}; "
            "those sizes are left out"
        )
    if not found:
        raise InputError(
            f"station {st.name!r} scales vertically but none of its sizes has a KB price "
            "with vCPUs",
            field=f"stations.{st.name}.sizes",
        )
    return sorted(found, key=lambda kv: kv[1])


def _outgrown(
    st: StationSpec,
    largest: tuple[str, float],
    size: Callable[[float], Sizing],
    curve: Curve,
    start: dt.date,
    model: CapacityModel,
) -> Event | None:
    """First month (to a tenth) when the latency target needs more vCPUs than the largest size."""

    def too_big(m: float) -> bool:
        s = size(m)
        return s.servers is None or s.servers > largest[1]

    if not too_big(model.horizon_months):
        return None
    lo, hi = 0.0, float(model.horizon_months)
    if too_big(0.0):
        hi = 0.0
    while hi - lo > 0.1:
        mid = (lo + hi) / 2
        if too_big(mid):
            hi = mid
        else:
            lo = mid
    return Event(
        "largest size outgrown",
        curve.at(hi),
        round(hi, 1),
        month_to_date(start, hi),
        f"{st.name} needs more than {largest[1]:g} vCPUs ({largest[0]}) for its p99 target",
    )


def _storage(st: StationSpec, plan: StationPlan, facts: Facts, warnings: list[str]) -> None:
    if not (st.bytes_per_request and st.retention_days):
        return
    keep = 86400.0 * st.retention_days * st.bytes_per_request / 1e9
    # Peak rate over the whole retention window: an upper bound on what is stored.
    plan.storage_gb_now = plan.rate_now_rps * keep
    plan.storage_gb_horizon = plan.rate_horizon_rps * keep
    if st.storage_price is None:
        return
    per_gb = facts.prices.get(st.storage_price)
    if per_gb is None:
        warnings.append(f"{st.name}: storage price {st.storage_price!r} is not in the KB")
        return
    if plan.usd_month_now is not None:
        plan.usd_month_now += per_gb * plan.storage_gb_now
    if plan.usd_month_horizon is not None:
        plan.usd_month_horizon += per_gb * plan.storage_gb_horizon


def build_plan(model: CapacityModel, facts: Facts, *, start: dt.date) -> CapacityPlan:
    """The capacity plan of a model: every resource option and station, dated and costed."""
    curve = curve_of(model.demand)
    warnings: list[str] = []
    begin = model.start or start
    resources = [
        plan_resource(r, i, model, curve, begin, facts, warnings)
        for i, r in enumerate(model.resources)
    ]
    stations = [plan_station(s, model, curve, begin, facts, warnings) for s in model.stations]
    station_now = _sum([s.usd_month_now for s in stations])
    station_h = _sum([s.usd_month_horizon for s in stations])
    costs: list[dict[str, object]] = []
    for r in resources:
        for o in r.options:
            now = _sum([o.usd_month_now, station_now])
            hor = _sum([o.usd_month_horizon, station_h])
            costs.append(
                {
                    "resource": r.name,
                    "option": o.name,
                    "usd_month_now": now,
                    "usd_month_horizon": hor,
                    "within_budget_now": _within(now, model.budget_usd_per_month),
                    "within_budget_horizon": _within(hor, model.budget_usd_per_month),
                }
            )
    if not resources and stations:
        costs.append(
            {
                "resource": None,
                "option": "stations",
                "usd_month_now": station_now,
                "usd_month_horizon": station_h,
                "within_budget_now": _within(station_now, model.budget_usd_per_month),
                "within_budget_horizon": _within(station_h, model.budget_usd_per_month),
            }
        )
    return CapacityPlan(
        name=model.name,
        start=begin,
        horizon_months=model.horizon_months,
        horizon_date=month_to_date(begin, model.horizon_months),
        headroom=model.headroom,
        n_plus=model.n_plus,
        demand_unit=model.demand.unit,
        demand_now=curve.at(0),
        demand_horizon=curve.at(model.horizon_months),
        growth_percent_per_month=curve.monthly_growth_percent,
        resources=resources,
        stations=stations,
        cost_per_option=costs,
        budget_usd_per_month=model.budget_usd_per_month,
        assumptions=list(model.assumptions),
        warnings=warnings,
    )


def _sum(values: list[float | None]) -> float | None:
    if any(v is None for v in values):
        return None
    return float(sum(v for v in values if v is not None))


def _within(cost: float | None, budget: float | None) -> bool | None:
    if cost is None or budget is None:
        return None
    return cost <= budget
