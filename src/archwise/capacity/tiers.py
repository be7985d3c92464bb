"""The tier model: each tier of a design sized from the workload and priced on its own provider."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from archwise.capacity.queueing import ServiceTime
from archwise.capacity.sizing import size_for_target
from archwise.capacity.workload import SECONDS_PER_MONTH, Load, Workload, ceil_div
from archwise.kb.schemas.price import HOURS_PER_MONTH, Price, Unpriced

UTILISATION = 0.7  # 30% headroom at the peak on every sized tier
CACHE_USABLE = 0.8  # share of a cache node's memory that holds data (the rest: overhead)
FUNCTION_GB = 0.5  # memory of one function instance
NODE_GB_PER_VCPU = 2.0  # memory given to each vCPU on per-vCPU platforms
WRITE_UNITS = 5.0  # a write costs about five reads on capacity-unit databases
INDEX_GB_PER_MEMORY_GB = 10.0  # search data held per GB of node memory
# Up to here a relational database's own full-text index (PostgreSQL tsvector + GIN, MySQL
# FULLTEXT, SQL Server full-text) serves search; a separate engine earns its cost beyond it.
DB_FULL_TEXT_MAX_INDEX_GB = 20.0
# A static site's search index is built with the site and fetched in fragments by the browser
# (Pagefind, Lunr); beyond about this size a hosted search service earns its place.
STATIC_SEARCH_MAX_INDEX_GB = 1.0
MAX_SHARDS = 20  # cache shards in one cluster before a bigger node type is used
IN_MEMORY_OPS = 100_000.0  # operations/s one in-memory shard serves (one Redis thread)
KINDS = ("app", "connections", "database", "cache", "broker", "storage", "egress", "cdn")
KINDS_ALL = (*KINDS, "search", "worker")


@dataclass(frozen=True)
class Component:
    """One running piece of a design, with the facts the tier model needs from the KB."""

    topic: str
    name: str
    category: str | None = None
    role: str = "main"
    managed_only: bool = False
    self_hostable: bool = True
    data_models: tuple[str, ...] = ()
    deployment_targets: tuple[str, ...] = ()
    connections_per_node: int | None = None


@dataclass
class Line:
    """One priced item of a tier: quantity and monthly dollars now and at the horizon."""

    tier: str
    component: str
    price: str
    item: str
    unit: str
    quantity_now: float
    quantity_horizon: float
    usd_now: float
    usd_horizon: float
    note: str


@dataclass
class Tier:
    """A tier sized now and at the horizon, with its model, cost and the assumptions behind it."""

    name: str
    kind: str
    component: str
    model: str
    nodes_now: int | None
    nodes_horizon: int | None
    size: str | None
    cost_usd_month_now: float | None
    cost_usd_month_horizon: float | None
    price_items: list[str]
    assumptions: list[str]
    size_horizon: str | None = None
    utilisation_now: float | None = None
    utilisation_horizon: float | None = None


@dataclass
class Design:
    """Every tier of one design on one provider, its cost lines, totals and warnings."""

    provider: str
    region: str | None
    cells: int
    tiers: list[Tier]
    lines: list[Line]
    total_now: float
    total_horizon: float
    storage_gb_now: float
    storage_gb_horizon: float
    unpriced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    prices_checked: str | None = None
    unpriced_reasons: dict[str, str] = field(default_factory=dict)
    reference: str | None = None  # a provider-neutral design priced on one provider's list
    estimated_prices: list[str] = field(default_factory=list)

    def dominant(self, n: int = 3, horizon: bool = False) -> list[Line]:
        """The n most expensive lines (now, or at the horizon)."""
        key: Callable[[Line], float] = (
            (lambda x: x.usd_horizon) if horizon else (lambda x: x.usd_now)
        )
        return sorted(self.lines, key=key, reverse=True)[:n]


@dataclass
class _Sized:
    """A tier at one load: nodes, size, priced quantities, utilisation and notes."""

    model: str
    nodes: int | None = None
    size: str | None = None
    items: list[tuple[Price, float, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    utilisation: float | None = None


class _Ctx:
    """What every tier function reads: the provider's prices, the workload, the components."""

    def __init__(
        self, provider: str, prices: Sequence[Price], wl: Workload, comps: Sequence[Component]
    ) -> None:
        self.provider = provider
        self.prices = [p for p in prices if p.provider == provider]
        self.wl = wl
        self.a = wl.values
        self.comps = list(comps)
        self.warnings: list[str] = []
        self.unpriced: list[str] = []
        self.ha = (wl.availability_percent or 0.0) >= 99.9

    def items(self, name: str, *meters: str) -> list[Price]:
        """The provider's items that serve a component, of the given meters."""
        return [p for p in self.prices if name in p.serves and (not meters or p.meter in meters)]

    def first(self, *topics: str, category: str | None = None) -> Component | None:
        for c in self.comps:
            if c.topic in topics or (category is not None and c.category == category):
                return c
        return None

    def target_s(self, share: float) -> float:
        p99 = self.wl.latency_p99_ms or 500.0
        return p99 * share / 1000.0


def _vcpus(rate: float, service_ms: float, target_s: float) -> tuple[int, float]:
    """vCPUs for a rate at a p99 target (Erlang C), 30% headroom; and the utilisation."""
    if rate <= 0:
        return 1, 0.0
    service = ServiceTime(service_ms / 1000.0, 1.0)
    target = max(target_s, service.percentile(0.99) * 1.5)
    s = size_for_target(rate, service, target, headroom=1 - UTILISATION, n_plus=0)
    c = s.servers or ceil_div(rate * service_ms / 1000.0, UTILISATION)
    return max(1, c), rate * service_ms / 1000.0 / max(1, c)


def _cheapest_nodes(nodes: list[Price], need: Callable[[Price], int]) -> tuple[Price, int] | None:
    """The node type and count with the lowest monthly cost (ties: fewer nodes)."""
    best: tuple[float, int, Price] | None = None
    for p in nodes:
        n = need(p)
        if n <= 0 or (p.max_nodes is not None and n > p.max_nodes):
            continue
        cost = p.monthly_usd(n)
        if best is None or (cost, n) < (best[0], best[1]):
            best = (cost, n, p)
    return None if best is None else (best[2], best[1])


def _continuous(p: Price, units: float) -> float:
    """Units of a continuous meter (vCPUs, GB) billed all month in the item's own unit."""
    if p.unit in {"vcpu-second", "gb-second"}:
        return units * SECONDS_PER_MONTH
    return units  # hour-based units: monthly_usd multiplies by 730


# ---------------------------------------------------------------- the app (request) tier


def _app(ctx: _Ctx, comp: Component, load: Load) -> _Sized | None:
    a = ctx.a
    svc = a["service_time_ms"]
    fn_req = ctx.items(comp.name, "request")
    fn_cpu = ctx.items(comp.name, "compute", "cpu-time")
    base = [(p, 1.0, "plan or control plane") for p in ctx.items(comp.name, "base")]
    if fn_cpu:
        inv = load.requests_month / 1e6
        concurrency = load.peak_rps * svc / 1000.0
        out = _Sized(
            model="functions: invocations x duration (pay per use; Little's law for concurrency)",
            nodes=max(1, math.ceil(concurrency)),
            size=f"{max(1, math.ceil(concurrency)):,} concurrent executions at the peak",
        )
        out.items += base
        for p in fn_req:
            out.items.append((p, inv, f"{load.requests_month / 1e6:,.1f} M invocations"))
        for p in fn_cpu:
            if p.meter == "cpu-time":
                q = load.requests_month * svc / 1e6
                out.items.append((p, q, f"{svc:g} ms CPU per request"))
            elif p.unit == "gb-hour":
                q = load.requests_month * svc / 1000.0 * FUNCTION_GB / 3600.0
                out.items.append((p, q, f"{svc:g} ms at {FUNCTION_GB:g} GB per request"))
            else:
                q = load.requests_month * svc / 1000.0 * FUNCTION_GB
                out.items.append((p, q, f"{svc:g} ms at {FUNCTION_GB:g} GB per request"))
        out.notes.append(
            f"concurrency = {load.peak_rps:,.1f}/s x {svc:g} ms = {concurrency:,.1f} (Little's law)"
        )
        return out
    vc, util = _vcpus(load.peak_rps, svc, ctx.target_s(0.5))
    vcpu_items = ctx.items(comp.name, "vcpu")
    if vcpu_items:
        inst = max(2 if ctx.ha else 1, vc)
        out = _Sized(
            model="per-vCPU platform: peak x service time, Erlang C sizing, 70% utilisation",
            nodes=inst,
            size=f"{inst} x 1 vCPU, {NODE_GB_PER_VCPU:g} GB",
            utilisation=util,
        )
        out.items += base
        for p in vcpu_items:
            out.items.append((p, _continuous(p, inst), f"{inst} vCPU always on"))
        for p in ctx.items(comp.name, "memory"):
            gb = inst * NODE_GB_PER_VCPU
            out.items.append((p, _continuous(p, gb), f"{gb:g} GB always on"))
        out.notes.append(_erlang_note(load.peak_rps, svc, vc, util))
        return out
    nodes = ctx.items(comp.name, "node")
    if not nodes and _static(ctx, comp):
        out = _Sized(
            model="static files: no servers; pages and assets are delivered by the CDN from "
            "object storage (priced in the cdn and storage tiers)",
            size="no servers",
        )
        out.items += [x for x in base if "cdn" not in x[0].serves]  # a plan fee, not the CDN's
        return out
    how = "nodes"
    if not nodes and comp.self_hostable and not comp.managed_only:
        nodes = ctx.items("compute", "node")
        how = "nodes (runs on the provider's VMs)"
    if not nodes:
        return None
    minimum = 2 if ctx.ha else 1

    def need(p: Price) -> int:
        return max(minimum, ceil_div(vc, p.vcpu or 1.0) + (1 if ctx.ha else 0))

    pick = _cheapest_nodes(nodes, need)
    assert pick is not None
    node, n = pick
    out = _Sized(
        model=f"{how}: peak x service time, Erlang C sizing, 70% utilisation"
        + (", N+1" if ctx.ha else ""),
        nodes=n,
        size=node.item,
        utilisation=util,
    )
    out.items += base
    out.items.append((node, float(n), f"{n} x {node.item} ({vc} vCPU needed)"))
    out.notes.append(_erlang_note(load.peak_rps, svc, vc, util))
    return out


def _static(ctx: _Ctx, comp: Component | None) -> bool:
    """A deployment the provider bills only by delivery (static hosting): no compute meters."""
    if comp is None or not ctx.items(comp.name, "transfer"):
        return False
    return not ctx.items(comp.name, "node", "vcpu", "compute", "cpu-time")


def _erlang_note(rate: float, svc: float, vc: int, util: float) -> str:
    return (
        f"{rate:,.1f} req/s x {svc:g} ms = {rate * svc / 1000:,.2f} busy vCPUs; Erlang C with a "
        f"70% utilisation cap gives {vc} vCPUs (utilisation {util:.0%})"
    )


def _load_balancer(
    ctx: _Ctx, comp: Component, load: Load, conns: float
) -> list[tuple[Price, float, str]]:
    out: list[tuple[Price, float, str]] = []
    gb = load.api_egress_gb
    for p in ctx.items(comp.name, "base", "throughput", "transfer"):
        if "load-balancer" not in p.serves:
            continue
        if p.meter == "base":
            out.append((p, 1.0, "load balancer"))
        elif p.meter == "throughput":
            units = max(1.0, conns / (p.capacity or 1.0), gb / HOURS_PER_MONTH)
            out.append((p, units, f"{units:,.1f} capacity units (connections or GB/hour)"))
        else:
            out.append((p, gb, "data processed"))
    return out


# ---------------------------------------------------------------- connections


def _connections(ctx: _Ctx, app: Component | None, load: Load) -> _Sized | None:
    if not ctx.wl.realtime:
        return None
    rt = ctx.first("realtime")
    a = ctx.a
    if rt is not None and rt.managed_only:
        minutes = ctx.items(rt.name, "connection")
        msgs = ctx.items(rt.name, "message")
        if minutes or msgs:
            out = _Sized(
                model="managed connections: connection time and messages (in and fanned out)",
                nodes=None,
                size=f"{load.users:,.0f} concurrent connections",
            )
            for p in minutes:
                if p.capacity:
                    units = max(1, ceil_div(load.users, p.capacity))
                    out.items.append((p, float(units), f"{units} units of {p.capacity:,.0f}"))
                else:
                    q = load.users * a["average_to_peak"] * 43800 / 1e6
                    out.items.append((p, q, "connection minutes at the average concurrency"))
            for p in msgs:
                q = load.realtime_messages_month / 1e6
                out.items.append(
                    (p, q, f"messages in and out (fan-out {a['fanout_per_message']:g})")
                )
            return out
        return None  # a managed service the provider does not sell: never priced as nodes
    per_node = a["connections_per_node"]
    nodes = ctx.items("compute", "node")
    host = app.name if app else "compute"
    own = ctx.items(host, "node") if app else []
    nodes = own or nodes
    if not nodes:
        return None
    four = min(nodes, key=lambda p: (abs((p.vcpu or 0) - 4), p.usd))
    n = ceil_div(load.users, per_node * UTILISATION) + (1 if ctx.ha else 0)
    n = max(2 if ctx.ha else 1, n)
    out = _Sized(
        model="connections per node: concurrent connections / (per-node ceiling x 70%)",
        nodes=n,
        size=four.item,
        utilisation=load.users / (n * per_node) if n else None,
    )
    out.items.append((four, float(n), f"{load.users:,.0f} connections at {per_node:,.0f} per node"))
    out.notes.append(
        f"{load.users:,.0f} connections / ({per_node:,.0f} x 70%) = "
        f"{load.users / (per_node * UTILISATION):,.2f} nodes"
        + (", plus one spare" if ctx.ha else "")
    )
    out.notes.append(
        f"fan-out: {load.events:,.1f} messages/s x {a['fanout_per_message']:g} recipients = "
        f"{load.events * a['fanout_per_message']:,.1f} deliveries/s"
    )
    return out


# ---------------------------------------------------------------- database


def _db_rates(ctx: _Ctx, load: Load) -> tuple[float, float]:
    hit = ctx.a["cache_hit_ratio"] if ctx.first("cache") else 0.0
    return load.reads * (1 - hit), load.writes


def _database(ctx: _Ctx, comp: Component, load: Load) -> _Sized | None:
    if comp.category == "cache":
        return _in_memory_db(ctx, comp, load)
    a = ctx.a
    reads, writes = _db_rates(ctx, load)
    avg_month = a["average_to_peak"] * SECONDS_PER_MONTH
    rw = ctx.items(comp.name, "read", "write")
    storage = ctx.items(comp.name, "storage")
    gb = load.data_gb
    if rw:
        out = _Sized(model="request units: reads and writes a month, plus storage (pay per use)")
        for p in rw:
            rate = reads if p.meter == "read" else writes
            q = rate * avg_month / 1e6
            out.items.append((p, q, f"{rate:,.1f}/s at peak x {a['average_to_peak']:g} average"))
        out.items += [(p, gb, f"{gb:,.0f} GB") for p in storage]
        out.size = f"{reads:,.0f} reads/s, {writes:,.0f} writes/s at peak"
        return out
    thr = ctx.items(comp.name, "throughput")
    if thr:
        p = thr[0]
        units_s = reads + WRITE_UNITS * writes
        units = max(4, ceil_div(units_s, (p.capacity or 1.0) * UTILISATION))
        out = _Sized(
            model=f"provisioned throughput: reads + {WRITE_UNITS:g} x writes per unit, 70% used",
            nodes=units,
            size=f"{units * (p.capacity or 1):,.0f} units/s",
        )
        out.items.append((p, float(units), f"{units_s:,.0f} units/s at peak"))
        out.items += [(s, gb, f"{gb:,.0f} GB") for s in storage]
        return out
    nodes = ctx.items(comp.name, "node")
    cap_nodes = [p for p in nodes if p.capacity]
    if cap_nodes:
        p = cap_nodes[0]
        cap = p.capacity or 1.0
        if p.write_capacity:
            share = reads / cap + writes / p.write_capacity  # nodes at full load
            how = f"reads / {cap:,.0f} + writes / {p.write_capacity:,.0f} per node"
        else:
            share = (reads + WRITE_UNITS * writes) / cap
            how = f"(reads + {WRITE_UNITS:g} x writes) / per-node capacity"
        n = max(1, math.ceil(share / UTILISATION - 1e-9))
        if p.max_gb and gb > p.max_gb * n:  # the data, not the load, sets the node count
            n = ceil_div(gb, p.max_gb)
            how += f"; at least {gb:,.0f} GB / {p.max_gb:,.0f} GB a node"
        out = _Sized(
            model=f"distributed nodes: {how}, 70% utilisation",
            nodes=n,
            size=p.item,
            utilisation=share / n,
        )
        out.items.append((p, float(n), f"{reads:,.0f} reads/s and {writes:,.0f} writes/s"))
        out.items += [(s, gb, f"{gb:,.0f} GB") for s in storage]
        return out
    if nodes:
        return _vertical_db(ctx, comp, nodes, storage, reads, writes, gb)
    if comp.self_hostable and not comp.managed_only:
        # three copies (a quorum to fail over) only where the availability target needs failover;
        # below 99.9% one node with backups is what a team runs, as for the cache
        copies = 3 if ctx.ha else 1
        return _self_hosted(ctx, comp, reads + writes, a["db_service_ms"], gb, replicas=copies)
    return None


def _vertical_db(
    ctx: _Ctx,
    comp: Component,
    nodes: list[Price],
    storage: list[Price],
    reads: float,
    writes: float,
    gb: float,
) -> _Sized:
    a = ctx.a
    shards = max([1] + [ceil_div(gb, s.max_gb) for s in storage if s.max_gb])
    if shards > 1:
        cap = min(s.max_gb or gb for s in storage)
        ctx.warnings.append(
            f"{comp.name}: {gb:,.0f} GB exceeds the {cap:,.0f} GB one instance can store; priced "
            f"as {shards} shards (split the data by key or tenant)"
        )
        reads, writes = reads / shards, writes / shards
        gb = gb / shards
    busy = (reads + writes) * a["db_service_ms"] / 1000.0
    need = busy / UTILISATION  # vCPUs at 70% utilisation; a bigger node only lowers latency
    ws = gb * a["working_set_fraction"]
    fits = [p for p in nodes if (p.vcpu or 0) >= need and (p.memory_gib or 0) >= ws]
    ordered = sorted(fits or nodes, key=lambda p: p.usd)
    node = ordered[0] if fits else max(nodes, key=lambda p: (p.vcpu or 0, p.usd))
    util = busy / (node.vcpu or 1.0)
    vc = math.ceil(need * 10) / 10
    replicas = 1
    if not fits:
        largest = node.vcpu or 1.0
        replicas = max(1, ceil_div(need, largest))
        ctx.warnings.append(
            f"{comp.name}: {need:,.1f} vCPUs and a {ws:,.0f} GB working set exceed the largest "
            f"priced size ({node.item}); priced as a primary plus {replicas - 1} read "
            "replica(s): writes must still fit one primary (shard or batch writes beyond it)"
        )
    standby = ctx.ha and not node.ha
    copies = (replicas + (1 if standby else 0)) * shards
    out = _Sized(
        model="one primary sized up (reads + writes x query time at 70% utilisation), "
        "smallest size with the vCPUs and the working set in memory"
        + ("; a standby in another zone" if standby else "")
        + (f"; {shards} shards, each within the per-instance storage limit" if shards > 1 else ""),
        nodes=copies,
        size=node.item,
        utilisation=util,
    )
    out.items.append((node, float(copies), f"{vc} vCPU and {ws:,.1f} GB working set"))
    for s in storage:
        k = 2.0 if standby else 1.0
        out.items.append(
            (s, gb * k * shards, f"{gb * shards:,.0f} GB" + (" on two copies" if standby else ""))
        )
    out.notes.append(
        f"{reads:,.1f} reads/s (after the cache) + {writes:,.1f} writes/s x "
        f"{a['db_service_ms']:g} ms: {vc} vCPUs"
    )
    return out


def _self_hosted(
    ctx: _Ctx, comp: Component, rate: float, svc_ms: float, gb: float, replicas: int
) -> _Sized | None:
    nodes = ctx.items("compute", "node")
    if not nodes:
        return None
    vc, util = _vcpus(rate, svc_ms, ctx.target_s(0.2))
    fits = [p for p in nodes if (p.vcpu or 0) >= max(2, vc)]
    node = min(fits, key=lambda p: p.usd) if fits else max(nodes, key=lambda p: p.vcpu or 0)
    n = replicas * max(1, ceil_div(vc, node.vcpu or 1))
    ctx.warnings.append(
        f"{comp.name}: no managed offering priced on {ctx.provider}; priced as self-hosted on "
        f"{n} VMs (you run it)"
    )
    copies = "one copy" if replicas == 1 else f"{replicas} replicas"
    out = _Sized(
        model=f"self-hosted on VMs: {copies}, block storage per copy",
        nodes=n,
        size=node.item,
        utilisation=util,
    )
    out.items.append((node, float(n), copies))
    for s in ctx.items("block-storage", "storage"):
        out.items.append((s, gb * replicas, f"{gb:,.0f} GB x {copies}"))
    return out


def _in_memory_db(ctx: _Ctx, comp: Component, load: Load) -> _Sized | None:
    """An in-memory store as the system of record: all the data in memory, replicas for it."""
    data = max(0.5, load.data_gb)
    ops = load.reads + load.writes  # nothing in front of it absorbs reads
    replicas = 2 if (ctx.wl.availability_percent or 0.0) >= 99.99 else 1
    copies = 1 + replicas
    notes = [
        f"the whole data set in memory: {data:,.1f} GB / {CACHE_USABLE:.0%} usable (an in-memory "
        "database keeps all its data, not a working set)",
        f"{replicas} replica(s) per shard for availability"
        + (" at 99.99%" if replicas == 2 else "")
        + "; losing a node without one loses the writes since the last snapshot",
        f"{ops:,.0f} ops/s at peak, {IN_MEMORY_OPS:,.0f} ops/s per shard at 70%",
        "persistence: append-only file or snapshots to disk on every copy",
    ]
    nodes = [p for p in ctx.items(comp.name, "node") if p.memory_gib]
    how = "in-memory database"
    if not nodes and not ctx.items(comp.name, "memory") and comp.self_hostable:
        nodes = [p for p in ctx.items("compute", "node") if p.memory_gib]
        how = "in-memory database self-hosted on the provider's VMs"
        if nodes:
            ctx.warnings.append(
                f"{comp.name}: no managed offering priced on {ctx.provider}; priced as "
                "self-hosted on VMs sized for memory (you run it)"
            )
    if nodes:
        biggest = max(nodes, key=lambda p: p.memory_gib or 0)

        def shards_on(p: Price) -> int:
            by_memory = ceil_div(data, (p.memory_gib or 1.0) * CACHE_USABLE)
            return max(1, by_memory, ceil_div(ops, IN_MEMORY_OPS * UTILISATION))

        def need(p: Price) -> int:
            shards = shards_on(p)
            if shards > (p.max_shards or MAX_SHARDS) and p is not biggest:
                return 0
            return shards * (ceil_div(copies, 2) if p.ha else copies)

        pick = _cheapest_nodes(nodes, need)
        assert pick is not None
        node, n = pick
        _beyond_one_cluster(ctx, comp, node, shards_on(node), None)
        out = _Sized(
            model=f"{how}: data / (node memory x 80% usable) shards, each with "
            f"{replicas} replica(s)",
            nodes=n,
            size=node.item,
            notes=notes,
        )
        out.items.append((node, float(n), f"{shards_on(node)} shard(s) x {copies} copies"))
        return out
    mem = ctx.items(comp.name, "memory")
    if not mem:
        return None
    gb = math.ceil(data / CACHE_USABLE)
    out = _Sized(
        model=f"{how}: provisioned GB = data / 80% usable, {replicas} replica(s)",
        size=f"{gb} GB",
        notes=notes,
    )
    _per_gb_instances(ctx, comp, mem, gb, out)
    for p in mem:
        k = ceil_div(copies, 2) if p.ha else copies
        out.items.append((p, _continuous(p, gb * k), f"{gb} GB x {k} instance(s)"))
    return out


# ---------------------------------------------------------------- cache


def _beyond_one_cluster(
    ctx: _Ctx, comp: Component, node: Price, shards: int, out: _Sized | None
) -> None:
    """Warn when even the largest node type needs more shards than one cluster may have."""
    if node.max_shards is None or shards <= node.max_shards:
        return
    clusters = ceil_div(shards, node.max_shards)
    ctx.warnings.append(
        f"{comp.name}: {shards} x {node.item} are needed but one {node.service} cluster has at "
        f"most {node.max_shards} shard(s); priced as {clusters} separate instance(s) that the "
        "application shards keys over (client-side)"
    )
    if out is not None:
        out.notes.append(f"{clusters} instances, keys sharded by the client")


def _per_gb_instances(ctx: _Ctx, comp: Component, mem: list[Price], gb: float, out: _Sized) -> None:
    """Instances of a per-GB service: its per-instance limit (max_gb) sets how many."""
    caps = [p.max_gb for p in mem if p.max_gb]
    if not caps:
        return
    cap = min(caps)
    n = max(1, ceil_div(gb, cap))
    out.nodes = n
    out.size = f"{n} x {gb / n:,.0f} GB" if n > 1 else f"{gb:,.0f} GB"
    out.notes.append(f"{gb:,.0f} GB provisioned / {cap:,.0f} GB per instance = {n} instance(s)")
    if n > 1:
        ctx.warnings.append(
            f"{comp.name}: {gb:,.0f} GB is more than one {mem[0].service} instance holds "
            f"({cap:,.0f} GB); priced as {n} instances that the application shards keys over "
            "(client-side), or use the provider's clustered offering"
        )


def _cache(ctx: _Ctx, comp: Component, load: Load) -> _Sized | None:
    ws = max(0.5, load.data_gb * ctx.a["working_set_fraction"])
    nodes = [p for p in ctx.items(comp.name, "node") if p.memory_gib]
    if nodes:

        def shards_on(p: Price) -> int:
            return max(1, ceil_div(ws, (p.memory_gib or 1.0) * CACHE_USABLE))

        def need(p: Price) -> int:
            shards = shards_on(p)
            if shards > (p.max_shards or MAX_SHARDS) and p is not biggest:
                return 0  # beyond what one cluster of this size holds: a bigger node type
            return shards * (1 if p.ha or not ctx.ha else 2)

        biggest = max(nodes, key=lambda p: p.memory_gib or 0)

        pick = _cheapest_nodes(nodes, need)
        assert pick is not None
        node, n = pick
        out = _Sized(
            model="working set / (node memory x 80% usable), a replica per shard",
            nodes=n,
            size=node.item,
        )
        _beyond_one_cluster(ctx, comp, node, shards_on(node), out)
        out.items.append((node, float(n), f"{ws:,.1f} GB working set"))
        out.notes.append(
            f"working set = {load.data_gb:,.0f} GB x {ctx.a['working_set_fraction']:g} = "
            f"{ws:,.1f} GB"
        )
        return out
    mem = ctx.items(comp.name, "memory")
    if mem:
        gb = math.ceil(ws / CACHE_USABLE)
        out = _Sized(model="provisioned GB: working set / 80% usable", nodes=None, size=f"{gb} GB")
        _per_gb_instances(ctx, comp, mem, gb, out)
        for p in mem:
            out.items.append((p, _continuous(p, gb), f"{gb} GB provisioned"))
        for p in ctx.items(comp.name, "vcpu"):
            v = max(1, math.ceil(gb / 8))
            out.items.append((p, _continuous(p, v), f"{v} vCPU"))
        return out
    if comp.self_hostable and not comp.managed_only:
        return _self_hosted(ctx, comp, 0.0, 1.0, 0.0, replicas=2 if ctx.ha else 1)
    return None


# ---------------------------------------------------------------- broker


def _broker(ctx: _Ctx, comp: Component, load: Load) -> _Sized | None:
    a = ctx.a
    ev = load.events
    mbs = ev * a["event_kb"] / 1000.0
    month = load.events_month
    days = a["broker_retention_days"]
    kept_gb = ev * a["event_kb"] * a["average_to_peak"] * 86400 * days / 1e6
    reqs = ctx.items(comp.name, "request")
    shards = ctx.items(comp.name, "shard")
    data = ctx.items(comp.name, "transfer")
    nodes = ctx.items(comp.name, "node")
    base = [(p, 1.0, "base charge") for p in ctx.items(comp.name, "base")]
    if nodes:

        def need(p: Price) -> int:
            return max(3, ceil_div(mbs, (p.capacity or 1.0) * UTILISATION))

        pick = _cheapest_nodes(nodes, need)
        assert pick is not None
        node, n = pick
        out = _Sized(
            model="brokers: MB/s in / per-broker capacity (70%), three at least; storage = "
            "retention x 3 replicas",
            nodes=n,
            size=node.item,
        )
        out.items += base
        out.items.append((node, float(n), f"{mbs:,.2f} MB/s in"))
        for s in ctx.items(comp.name, "storage"):
            out.items.append((s, kept_gb * 3, f"{days:g} days kept, 3 replicas"))
        return out
    if shards or reqs or data:
        out = _Sized(model="managed stream or queue: events a month (and shards)")
        out.items += base
        for p in shards:
            units = max(1, ceil_div(max(ev / (p.capacity or 1000.0), mbs), 1.0))
            out.nodes = units
            out.items.append((p, float(units), f"{ev:,.0f} events/s"))
        for p in reqs:
            out.items.append((p, month * p.per_event / 1e6, f"{month / 1e6:,.1f} M events"))
        for p in data:
            gbm = month * a["event_kb"] / 1e6 * 2
            out.items.append((p, gbm, "published and delivered once"))
        return out
    if comp.self_hostable and not comp.managed_only:
        return _self_hosted(ctx, comp, 0.0, 1.0, kept_gb, replicas=3)
    return None


# ---------------------------------------------------------------- storage, CDN, egress


def _storage(ctx: _Ctx, name: str, load: Load) -> _Sized | None:
    items = ctx.items(name, "storage", "read", "write")
    if not items or load.blob_gb <= 0:
        return None
    kb = ctx.a["object_kb"]
    out = _Sized(model="object storage: GB stored, objects written and read a month")
    for p in items:
        if p.meter == "storage":
            out.items.append((p, load.blob_gb, f"{load.blob_gb:,.0f} GB"))
        elif p.meter == "write":
            q = load.blob_growth_gb * 1e6 / kb / 1e6
            out.items.append((p, q, f"{load.blob_growth_gb:,.0f} GB a month in {kb:g} KB objects"))
        else:
            q = load.media_egress_gb * (1 - ctx.a["cdn_hit_ratio"]) * 1e6 / kb / 1e6
            out.items.append((p, q, "reads the CDN misses"))
    out.size = f"{load.blob_gb:,.0f} GB"
    return out


def _cdn(ctx: _Ctx, name: str, load: Load, pages: bool = False) -> _Sized | None:
    items = ctx.items(name, "transfer", "request", "base")
    if pages:  # the host's delivery items only (not its functions or its plan fee)
        items = [p for p in items if "cdn" in p.serves]
    gb = load.media_egress_gb + (load.api_egress_gb if pages else 0.0)
    if gb <= 0:
        return None
    out = _Sized(
        model="CDN: media and file egress at the provider's volume tiers"
        + (", the static site's pages included" if pages else ""),
        size=f"{gb / 1024:,.1f} TB a month",
    )
    what = "pages, media and file downloads" if pages else "media and file downloads"
    for p in items:
        if p.meter == "transfer":
            out.items.append((p, gb, what))
        elif p.meter == "request":
            q = gb * 1e6 / ctx.a["object_kb"] / 1e6
            out.items.append((p, q, f"{ctx.a['object_kb']:g} KB per request"))
        else:
            out.items.append((p, 1.0, "base fee"))
    return out


def _egress(ctx: _Ctx, load: Load, via_cdn: bool, app: Component | None) -> _Sized | None:
    gb = load.api_egress_gb + (0.0 if via_cdn else load.media_egress_gb)
    own = [p for p in (ctx.items(app.name, "transfer") if app else []) if "egress" in p.serves]
    items = own or ctx.items("egress", "transfer")
    if gb <= 0:
        return None
    if not items:
        return _Sized(model=f"{ctx.provider} does not meter internet egress", size=f"{gb:,.0f} GB")
    out = _Sized(model="internet egress from the origin at the provider's volume tiers")
    out.size = f"{gb / 1024:,.1f} TB a month"
    for p in items:
        out.items.append((p, gb, "API responses and realtime messages"))
    return out


# ---------------------------------------------------------------- search and workers


def _search(ctx: _Ctx, comp: Component | None, load: Load) -> _Sized | None:
    if comp is None and not ctx.wl.search:
        return None
    name = comp.name if comp else "search"
    index = load.data_gb * ctx.a["search_index_fraction"]
    if comp is None and (served := _search_without_engine(ctx, index)) is not None:
        return served
    nodes = ctx.items(name, "node")
    if nodes:

        def need(p: Price) -> int:
            per = p.capacity or (p.memory_gib or 1.0) * INDEX_GB_PER_MEMORY_GB
            return max(2, ceil_div(index * 2, per))

        pick = _cheapest_nodes(nodes, need)
        assert pick is not None
        node, n = pick
        out = _Sized(
            model="search nodes: index x 2 replicas / index per node", nodes=n, size=node.item
        )
        out.items.append((node, float(n), f"{index:,.0f} GB index"))
        for s in ctx.items(name, "storage"):
            out.items.append((s, index * 2, "index on two copies"))
        return out
    if comp is None:  # search is needed but no engine was named: a self-run search cluster
        comp = Component("search", "search engine (OpenSearch, self-hosted)", "search")
    if comp.self_hostable and not comp.managed_only:
        return _self_hosted(ctx, comp, 0.0, 1.0, index, replicas=2)
    return None


def _search_without_engine(ctx: _Ctx, index: float) -> _Sized | None:
    """Search served with no engine: a static site's own index, or the database's full-text one."""
    db = ctx.first("database")
    if db is None and _static(ctx, ctx.first("deployment")):
        limit = STATIC_SEARCH_MAX_INDEX_GB
        model = "a search index built with the static site and queried in the browser"
        where = "as static files with the site"
    elif db is not None and "relational" in db.data_models:
        limit = DB_FULL_TEXT_MAX_INDEX_GB
        model = f"{db.name}'s own full-text index (no separate search engine)"
        where = f"by {db.name}'s full-text search"
    else:
        return None
    if index > limit:
        return None
    note = (
        f"a {index:,.2f} GB index is served {where} (up to {limit:g} GB here); a search engine "
        "is priced beyond that"
    )
    return _Sized(model=model, nodes=0, size=f"{index:,.2f} GB index", notes=[note])


def _worker(ctx: _Ctx, app: Component | None, load: Load) -> _Sized | None:
    msg = ctx.first("messaging")
    if msg is None or msg.category != "messaging" or load.events <= 0:
        return None
    if app is not None and ctx.items(app.name, "compute", "cpu-time"):
        return None  # functions consume the queue; their invocations are the app tier's
    vc, util = _vcpus(load.events, ctx.a["service_time_ms"], ctx.target_s(1.0))
    per_vcpu = ctx.items(app.name, "vcpu") if app else []
    if app is not None and per_vcpu:  # consumers run on the design's own per-vCPU platform
        out = _Sized(
            model="consumers: events/s x service time, 70% utilisation, on the app's per-vCPU "
            "platform",
            nodes=vc,
            size=f"{vc} x 1 vCPU, {NODE_GB_PER_VCPU:g} GB",
            utilisation=util,
        )
        for p in per_vcpu:
            out.items.append((p, _continuous(p, vc), f"{vc} vCPU always on"))
        for p in ctx.items(app.name, "memory"):
            gb = vc * NODE_GB_PER_VCPU
            out.items.append((p, _continuous(p, gb), f"{gb:g} GB always on"))
        return out
    nodes = (ctx.items(app.name, "node") if app else []) or ctx.items("compute", "node")
    if not nodes:
        return None

    def need(p: Price) -> int:
        return max(1, ceil_div(vc, p.vcpu or 1.0)) + (1 if ctx.ha else 0)

    pick = _cheapest_nodes(nodes, need)
    assert pick is not None
    node, n = pick
    out = _Sized(
        model="consumers: events/s x service time, 70% utilisation", nodes=n, size=node.item
    )
    out.items.append((node, float(n), f"{load.events:,.1f} events/s"))
    out.utilisation = util
    return out


# ---------------------------------------------------------------- the whole design


def infer_provider(
    components: Iterable[Component], prices: Sequence[Price], cloud: str | None
) -> tuple[str, str]:
    """The provider an option runs on, and why: stated cloud, else who serves its components."""
    comps = list(components)
    if cloud in {"aws", "gcp", "azure"}:
        return cloud, "constraints.cloud"
    serving: dict[str, set[str]] = {}
    for p in prices:
        for s in p.serves:
            serving.setdefault(s, set()).add(p.provider)
    dep = next((c for c in comps if c.topic == "deployment"), None)
    if dep is not None and len(serving.get(dep.name, set())) == 1:
        return next(iter(serving[dep.name])), f"{dep.name} runs only there"
    votes: dict[str, int] = {}
    for c in comps:
        for prov in serving.get(c.name, set()):
            votes[prov] = votes.get(prov, 0) + 1
    if votes:
        best = max(sorted(votes), key=lambda k: (votes[k], k == "aws"))
        return best, f"{best} prices the most of the option's components"
    return "aws", "no provider stated or implied: AWS assumed"


def price_design(
    components: Sequence[Component],
    provider: str,
    workload: Workload,
    prices: Sequence[Price],
    unpriced: Sequence[Unpriced] = (),
) -> Design:
    """Size and price every tier of a design on its provider, now and at the horizon."""
    ctx = _Ctx(provider, prices, workload, components)
    reasons = {u.name.casefold(): u.reason for u in unpriced if provider in u.providers}
    why_unpriced: dict[str, str] = {}
    cells = workload.cells
    now, hz = workload.now.scaled(1 / cells), workload.horizon.scaled(1 / cells)
    app = ctx.first("deployment")
    tiers: list[Tier] = []
    lines: list[Line] = []
    # Quantity of each price already charged by earlier tiers (now, horizon): a free allowance
    # and volume steps apply once per account, so a later tier pays from where earlier ones ended.
    charged: dict[str, list[float]] = {}

    def add(name: str, kind: str, comp: str, fn: Callable[[Load], _Sized | None]) -> None:
        a, b = fn(now), fn(hz)
        if a is None or b is None:
            ctx.unpriced.append(comp)
            reason = reasons.get(comp.casefold())
            if reason is not None:
                why_unpriced[comp] = reason
            ctx.warnings.append(
                f"{comp}: no {provider} price for the {kind} tier"
                + (f" ({reason})" if reason else "")
                + "; listed as unpriced (never priced as another provider's service)"
            )
            return
        by_key: dict[str, Line] = {}
        used: dict[str, tuple[Price, list[float]]] = {}
        for i, sized in enumerate((a, b)):
            for p, q, note in sized.items:
                if p.key not in by_key:
                    by_key[p.key] = Line(
                        name, comp, p.key, f"{p.service} {p.item}", p.unit, 0, 0, 0, 0, note
                    )
                used.setdefault(p.key, (p, [0.0, 0.0]))[1][i] += q * cells
        for key, (p, qty) in used.items():
            ln, before = by_key[key], charged.setdefault(key, [0.0, 0.0])
            usd = [p.monthly_usd(before[i] + qty[i]) - p.monthly_usd(before[i]) for i in (0, 1)]
            before[0], before[1] = before[0] + qty[0], before[1] + qty[1]
            ln.quantity_now, ln.usd_now = round(qty[0], 3), round(usd[0], 2)
            ln.quantity_horizon, ln.usd_horizon = round(qty[1], 3), round(usd[1], 2)
        tier_lines = list(by_key.values())
        lines.extend(tier_lines)

        def per_cell(n: int | None) -> int | None:
            return None if n is None else n * cells

        tiers.append(
            Tier(
                name=name,
                kind=kind,
                component=comp,
                model=a.model,
                nodes_now=per_cell(a.nodes),
                nodes_horizon=per_cell(b.nodes),
                size=a.size,
                size_horizon=b.size,
                cost_usd_month_now=round(sum(x.usd_now for x in tier_lines), 2),
                cost_usd_month_horizon=round(sum(x.usd_horizon for x in tier_lines), 2),
                price_items=[x.price for x in tier_lines],
                assumptions=a.notes,
                utilisation_now=a.utilisation,
                utilisation_horizon=b.utilisation,
            )
        )

    app_name = app.name if app else "compute"
    app_comp = app or Component("deployment", "compute", "deployment")

    def app_fn(ld: Load) -> _Sized | None:
        s = _app(ctx, app_comp, ld)
        if s is not None and s.nodes is not None and not s.model.startswith("functions"):
            # the platform's own base items may already hold the balancer's fixed fee
            have = {p.key for p, _, _ in s.items}
            lb = _load_balancer(ctx, app_comp, ld, ld.users if ctx.wl.realtime else 0.0)
            s.items += [x for x in lb if x[0].key not in have]
        return s

    add("requests", "app", app_name, app_fn)
    if workload.spike and tiers and tiers[-1].kind == "app":
        tiers[-1].assumptions.append(workload.spike)
    if workload.realtime:
        add(
            "connections",
            "connections",
            _rt_name(ctx, app_name),
            lambda ld: _connections(ctx, app, ld),
        )
    db = ctx.first("database")
    if db is not None:
        add("database", "database", db.name, lambda ld: _database(ctx, db, ld))
    cache = ctx.first("cache")
    if cache is not None and db is not None and db.name == cache.name and db.category == "cache":
        ctx.warnings.append(
            f"{cache.name} is the database and holds all the data in memory: no separate cache "
            "tier in front of it is priced"
        )
    elif cache is not None:
        add("cache", "cache", cache.name, lambda ld: _cache(ctx, cache, ld))
    msg = ctx.first("messaging")
    if msg is not None and not (cache is not None and msg.name == cache.name):
        if msg.category == "cache":
            add("pub/sub", "broker", msg.name, lambda ld: _cache(ctx, msg, ld.scaled(0.0)))
        else:
            add("broker", "broker", msg.name, lambda ld: _broker(ctx, msg, ld))
    search = ctx.first("search", category="search")
    if search is not None or workload.search:
        add(
            "search",
            "search",
            search.name if search else "search",
            lambda ld: _search(ctx, search, ld),
        )
    worker = _worker(ctx, app, now)
    if worker is not None:
        add("workers", "worker", app_name, lambda ld: _worker(ctx, app, ld))
    store = ctx.first("storage", category="object_storage")
    store_name = store.name if store else "object-storage"
    if now.blob_gb > 0:
        add("object storage", "storage", store_name, lambda ld: _storage(ctx, store_name, ld))
    cdn_comp = ctx.first("cdn", category="cdn")
    static = _static(ctx, app)
    cdn_name = cdn_comp.name if cdn_comp else (app.name if static and app else "cdn")
    via_cdn = (now.media_egress_gb > 0 or static) and bool(ctx.items(cdn_name, "transfer"))
    if via_cdn:
        add("cdn", "cdn", cdn_name, lambda ld: _cdn(ctx, cdn_name, ld, pages=static))
    api_out = now.api_egress_gb > 0 and not (static and via_cdn)
    if api_out or (now.media_egress_gb > 0 and not via_cdn):
        add("egress", "egress", "internet", lambda ld: _egress(ctx, ld, via_cdn, app))
    if cells > 1:
        add("replication", "egress", "inter-region", lambda ld: _replication(ctx, ld, cells))
    total_now = sum(x.usd_now for x in lines)
    total_h = sum(x.usd_horizon for x in lines)
    used = {x.price for x in lines}
    dates = sorted(p.source.checked.isoformat() for p in ctx.prices if p.key in used)
    estimated = sorted(
        p.key
        for p in ctx.prices
        if p.key in used and (p.check is None or p.check.status == "estimated")
    )
    if estimated:
        ctx.warnings.append(
            f"{len(estimated)} of the {len(used)} price items used are estimates not confirmed "
            f"on a published page (see estimated_prices): {', '.join(estimated[:4])}"
            + (", ..." if len(estimated) > 4 else "")
        )
    notes = list(workload.notes)
    if cells > 1:
        notes.append(
            f"{cells} cells ({workload.cell_reason}), each priced at the table's region list "
            "prices; replication between cells is charged as inter-region transfer"
        )
    return Design(
        provider=provider,
        region=next((p.region for p in ctx.prices if p.key in used), None),
        cells=cells,
        tiers=tiers,
        lines=lines,
        total_now=round(total_now, 2),
        total_horizon=round(total_h, 2),
        storage_gb_now=round(workload.now.data_gb + workload.now.blob_gb, 1),
        storage_gb_horizon=round(workload.horizon.data_gb + workload.horizon.blob_gb, 1),
        unpriced=sorted(set(ctx.unpriced)),
        warnings=list(dict.fromkeys(ctx.warnings)),
        assumptions=notes,
        prices_checked=dates[0] if dates else None,
        estimated_prices=estimated,
        unpriced_reasons=why_unpriced,
    )


def _rt_name(ctx: _Ctx, app_name: str) -> str:
    rt = ctx.first("realtime")
    return rt.name if rt is not None else app_name


def _replication(ctx: _Ctx, load: Load, cells: int) -> _Sized | None:
    items = ctx.items("inter-region", "transfer")
    if not items:
        return None
    gb = load.writes * ctx.a["average_to_peak"] * SECONDS_PER_MONTH * ctx.a["event_kb"] / 1e6
    out = _Sized(model="writes replicated to the other cells")
    for p in items:
        out.items.append((p, gb * (cells - 1), f"each cell's writes to {cells - 1} other(s)"))
    return out
