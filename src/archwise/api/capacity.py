"""Public API of capacity: sizing, USL fits, load-test import, plans, diagnosis, simulation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from archwise.capacity.charts import chart_format, growth_chart, latency_chart, usl_chart
from archwise.capacity.derive import Assumptions, ConnectionTech, TierOption, derive_model
from archwise.capacity.diagnose import Diagnosis, Evidence, Finding, diagnose
from archwise.capacity.files import read_loadtest
from archwise.capacity.loadtest import FORMATS, LoadLevel, LoadTest
from archwise.capacity.models import CapacityModel, MetricsFile
from archwise.capacity.plan import CapacityPlan, Facts, build_plan
from archwise.capacity.queueing import ServiceTime
from archwise.capacity.simulate import ChainSim, ChainStage, StationSim, simulate_station
from archwise.capacity.simulate import simulate_chain as _simulate_chain
from archwise.capacity.sizing import Sizing, size_for_target
from archwise.capacity.station import StationLatency, station_latency
from archwise.capacity.tiers import Component, Design, Tier
from archwise.capacity.units import parse_duration, parse_rate
from archwise.capacity.usl import USLFit, fit_usl
from archwise.errors import ArchwiseError, InputError, Problem
from archwise.fileio import atomic_write
from archwise.kb.schemas.price import Price, Unpriced

__all__ = [
    "FORMATS",
    "CapacityModel",
    "CapacityPlan",
    "ChainSim",
    "Design",
    "Diagnosis",
    "Evidence",
    "Finding",
    "FitReport",
    "LoadLevel",
    "LoadTest",
    "MetricsFile",
    "SimulationReport",
    "Sizing",
    "StationLatency",
    "StationSim",
    "Tier",
    "USLFit",
    "design_costs",
    "diagnose_metrics",
    "fit_loadtests",
    "fit_points",
    "growth_chart_bytes",
    "import_loadtest",
    "latency",
    "latency_chart_bytes",
    "plan_capacity",
    "simulate_model",
    "size",
]


def _seconds(value: str | float, what: str) -> float:
    return float(value) if isinstance(value, (int, float)) else parse_duration(value, field=what)


def _rate(value: str | float) -> float:
    return float(value) if isinstance(value, (int, float)) else parse_rate(value, field="rate")


def size(
    rate: str | float,
    service: str | float,
    target: str | float,
    *,
    percentile: float = 0.99,
    headroom: float = 0.3,
    n_plus: int = 1,
    service_scv: float = 1.0,
    seed: int = 1,
) -> Sizing:
    """Servers needed so the percentile meets the target at the rate (strings like 1000/s, 50ms)."""
    return size_for_target(
        _rate(rate),
        ServiceTime(_seconds(service, "service"), service_scv),
        _seconds(target, "target"),
        percentile=percentile,
        headroom=headroom,
        n_plus=n_plus,
        seed=seed,
    )


def latency(
    rate: str | float,
    service: str | float,
    servers: int,
    *,
    service_scv: float = 1.0,
    method: str | None = None,
    seed: int = 1,
) -> StationLatency:
    """Response-time percentiles of a station, by the model that fits (said in the result)."""
    return station_latency(
        _rate(rate),
        ServiceTime(_seconds(service, "service"), service_scv),
        servers,
        method=method,
        seed=seed,
    )


def latency_chart_bytes(
    service: str | float,
    servers: int,
    fmt: str = "svg",
    *,
    target: str | float | None = None,
    rate: str | float | None = None,
    service_scv: float = 1.0,
) -> bytes:
    """Chart of p50/p95/p99 against utilisation, with the operating point (PNG or SVG bytes)."""
    tgt = None if target is None else _seconds(target, "target")
    lam = None if rate is None else _rate(rate)
    svc = ServiceTime(_seconds(service, "service"), service_scv)
    return latency_chart(svc, servers, fmt, tgt, lam)


def import_loadtest(path: str | Path, fmt: str | None = None) -> LoadTest:
    """Read one load-test result into the normalised model."""
    return read_loadtest(path, fmt)


@dataclass
class FitReport:
    """A USL fit of one or more load-test files, with the points used and a chart if asked."""

    files: list[LoadTest]
    points: list[tuple[float, float]]
    fit: USLFit
    chart: str | None = None
    notes: list[str] = field(default_factory=list)


def fit_points(
    concurrency: list[float], throughput: list[float], *, bootstrap: int = 500, seed: int = 1
) -> USLFit:
    """USL fit of throughput-versus-concurrency points."""
    return fit_usl(concurrency, throughput, bootstrap=bootstrap, seed=seed)


def fit_loadtests(
    paths: list[str | Path],
    *,
    fmt: str | None = None,
    concurrency: float | None = None,
    bootstrap: int = 500,
    seed: int = 1,
    chart: str | Path | None = None,
) -> FitReport:
    """Fit the USL to the (concurrency, throughput) points of one or more load-test files."""
    if not paths:
        raise InputError("give at least one load-test file", field="LOADTEST_FILE")
    tests = [read_loadtest(p, fmt) for p in paths]
    points: list[tuple[float, float]] = []
    notes: list[str] = []
    for lt in tests:
        pts = lt.points()
        if not pts and concurrency is not None and lt.throughput_rps is not None:
            pts = [(concurrency, lt.throughput_rps)]
            notes.append(f"{lt.file}: concurrency {concurrency:g} taken from --concurrency")
        if not pts:
            notes.append(
                f"{lt.file}: {lt.tool} records no concurrency, so it adds no USL point "
                "(pass --concurrency for a single-level run)"
            )
        points += pts
    levels = sorted({p[0] for p in points})
    if len(levels) < 3:
        raise InputError(
            f"a USL fit needs throughput at 3 or more concurrency levels; these files give "
            f"{len(levels)} ({', '.join(f'{c:g}' for c in levels) or 'none'}). Run a stepped "
            "ramp (Locust history, k6 --out json, JMeter JTL) or one run per concurrency level",
            field="LOADTEST_FILE",
        )
    merged = _merge_points(points)
    result = fit_usl([p[0] for p in merged], [p[1] for p in merged], bootstrap=bootstrap, seed=seed)
    report = FitReport(files=tests, points=merged, fit=result, notes=notes)
    if chart is not None:
        data = usl_chart(result, merged, chart_format(chart))
        atomic_write(chart, data)
        report.chart = str(chart)
    return report


def _merge_points(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return sorted(points)


def _kb() -> Any:
    from archwise.kb.loader import load_kb
    from archwise.workspace import open_workspace

    ws = open_workspace()
    return load_kb(ws.kb_dirs(None), ws.radar_file())


def _facts(kb: Any, model: CapacityModel) -> Facts:
    per_node: dict[str, float] = {}
    for tech in kb.technologies.values():
        if tech.max_connections_per_node:
            per_node[tech.name] = float(tech.max_connections_per_node)
    for res in model.resources:
        for opt in res.options:
            if opt.technology and opt.technology not in per_node:
                found = kb.find(opt.technology)
                value = getattr(found, "max_connections_per_node", None)
                if value:
                    per_node[opt.technology] = float(value)
    prices: dict[str, float] = {}
    items: dict[str, str] = {}
    vcpu: dict[str, float] = {}
    for p in kb.documents("prices"):
        prices[p.key] = float(p.monthly_usd(1.0))
        items[p.key] = f"{p.service} {p.item}, {p.region}, ${p.usd:g}/{p.unit}"
        if p.vcpu:
            vcpu[p.key] = float(p.vcpu)
    return Facts(per_node=per_node, prices=prices, price_items=items, price_vcpu=vcpu)


def _is_model(path: Path) -> bool:
    from archwise import yamlio

    data = yamlio.load(path, what="capacity model or requirements file")
    return isinstance(data, dict) and "demand" in data


def load_model(path: str | Path) -> CapacityModel:
    """Read and validate a capacity model YAML file."""
    from archwise import yamlio

    return yamlio.load_model(CapacityModel, path, what="capacity model")


def plan_capacity(
    path: str | Path,
    *,
    start: dt.date | None = None,
    options: list[str] | None = None,
    chart: str | Path | None = None,
    provider: str | None = None,
) -> CapacityPlan:
    """Plan from a capacity model file, or from a requirements file plus the knowledge base."""
    p = Path(path)
    if provider is not None and provider not in PROVIDERS:
        raise InputError(
            f"unknown provider {provider!r}; valid: {', '.join(PROVIDERS)}", field="--provider"
        )
    kb = _kb()
    design: Design | None = None
    if _is_model(p):
        model = load_model(p)
    else:
        from archwise.capacity.workload import assumption_values, concurrent_users
        from archwise.requirements.loader import load_requirements

        req = load_requirements(p)
        design = design_costs(p, provider=provider)
        plain = req.model_dump(mode="json", by_alias=True, exclude_none=True)
        users_now, users_note = concurrent_users(plain, assumption_values(plain)[0])
        db_tier = next((t for t in design.tiers if t.kind == "database"), None)
        techs = [
            ConnectionTech(t.name, float(t.max_connections_per_node))
            for t in kb.technologies.values()
            if t.max_connections_per_node
        ]
        known = {d.key for d in kb.documents("prices")}
        tier, notes = (None, []) if options else _recommended_tier(p)
        assume = _assumptions_on(design.provider, cast(list[Price], kb.documents("prices")))
        if db_tier is not None:
            station = db_tier.model.startswith("one primary")
            db_note = (
                f"database: {db_tier.component} is sized by its own model ({db_tier.model}), "
                "so there is no vCPU station for it"
            )
        else:
            # No database tier: a station only when the provider prices database sizes at all.
            station = assume.database_size_keys != ("none",)
            db_note = f"database: no {design.provider} price for it, so there is no vCPU station"
        try:
            model = derive_model(
                req,
                techs,
                known,
                preferred=options,
                assume=assume,
                tier=tier,
                database_station=station,
                database_note=None if station else db_note,
                concurrent=None if users_now is None else (users_now, users_note),
            )
        except InputError as exc:
            raise InputError(
                problems=[Problem(q.message, str(p), q.line, q.field) for q in exc.problems]
            ) from None
        model.assumptions.extend(notes)
    result = build_plan(model, _facts(kb, model), start=start or dt.date.today())
    if design is not None:
        result.provider = design.provider
        result.storage_gb_now = design.storage_gb_now
        result.storage_gb_horizon = design.storage_gb_horizon
        result.tiers = design.tiers
        result.total_usd_month_now = design.total_now
        result.total_usd_month_horizon = design.total_horizon
        result.estimated_prices = design.estimated_prices
        result.reference = design.reference
        result.assumptions.extend(a for a in design.assumptions if a not in result.assumptions)
        result.warnings.extend(design.warnings)
        from archwise.api import recommend as recommend_api
        from archwise.jsonable import to_jsonable

        result.feasibility = to_jsonable(recommend_api.feasibility(p))
        budget = result.budget_usd_per_month
        for when, total, hz in (
            ("now", design.total_now, False),
            ("at the horizon", design.total_horizon, True),
        ):
            if budget is not None and total > budget:
                top = ", ".join(
                    f"{x.item} ${x.usd_horizon if hz else x.usd_now:,.0f}"
                    for x in design.dominant(3, horizon=hz)
                )
                result.warnings.append(
                    f"the design costs ${total:,.0f}/month {when}, over the "
                    f"${budget:,.0f}/month budget; dominant lines: {top}"
                )
    if chart is not None:
        atomic_write(chart, growth_chart(result, chart_format(chart)))
    return result


def growth_chart_bytes(result: CapacityPlan, fmt: str = "svg") -> bytes:
    """The growth chart of a capacity plan as SVG or PNG bytes, written nowhere."""
    return growth_chart(result, fmt)


def _assumptions_on(provider: str, prices: list[Price]) -> Assumptions:
    """The derived model's node and database sizes from the provider's own table."""
    if provider == "aws":
        return Assumptions()
    own = [p for p in prices if p.provider == provider and p.meter == "node" and p.vcpu]
    compute = sorted(
        (p for p in own if "compute" in p.serves), key=lambda p: (abs((p.vcpu or 0) - 4), p.usd)
    )
    database = sorted((p for p in own if "PostgreSQL" in p.serves), key=lambda p: p.vcpu or 0)
    storage = [
        p.key
        for p in prices
        if p.provider == provider and p.meter == "storage" and "PostgreSQL" in p.serves
    ]
    return Assumptions(
        connection_price_keys=tuple(p.key for p in compute[:1]) or ("none",),
        database_size_keys=tuple(p.key for p in database) or ("none",),
        storage_price_key=storage[0] if storage else "none",
    )


PROVIDERS = (
    "aws",
    "gcp",
    "azure",
    "cloudflare",
    "vercel",
    "netlify",
    "render",
    "fly",
    "heroku",
    "railway",
)


def design_costs(
    path: str | Path,
    *,
    provider: str | None = None,
    components: dict[str, str] | None = None,
    kb_dirs: list[str | Path] | None = None,
) -> Design:
    """Every tier of a design, sized and priced on its provider (same model as recommend).

    Without components, the recommended option's components (and provider) are used.
    """
    from archwise.kb.loader import load_kb
    from archwise.recommend.pricing import components_of, design_of
    from archwise.requirements.loader import load_requirements

    p = Path(path)
    req = load_requirements(p)
    plain = req.model_dump(mode="json", by_alias=True, exclude_none=True)
    if provider is not None and provider not in PROVIDERS:
        raise InputError(
            f"unknown provider {provider!r}; valid: {', '.join(PROVIDERS)}", field="provider"
        )
    kb = load_kb([Path(d) for d in kb_dirs]) if kb_dirs else _kb()
    prices = cast(list[Price], kb.documents("prices"))
    per_node: float | None = None
    reference: str | None = None
    archetype: dict[str, float] = {}
    if components is None:
        from archwise.api.recommend import recommend

        rec = recommend(p)
        chosen = next(o for o in rec.options if o.name == rec.recommendation.option)
        components = dict(chosen.components)
        for svc in chosen.services:
            for topic, name in svc.components.items():
                components.setdefault(topic, name)
        reference = None if provider else chosen.cost_usd_per_month.reference
        provider = provider or chosen.cost_usd_per_month.provider
        per_node = chosen.scales_to.connections_per_node
        for match in rec.archetypes:  # the best match first, as recommend prices it
            for key, value in match.assumptions.items():
                archetype.setdefault(key, value)
    entries = []
    for topic, name in components.items():
        found = kb.find(name)
        if found is None:
            raise InputError(kb.unknown_message(name), field=f"components.{topic}")
        entries.append(("main", topic, found))
    comps: list[Component] = components_of(entries)
    holders = [c.connections_per_node for c in comps if c.connections_per_node]
    design, _ = design_of(
        comps,
        plain,
        prices,
        provider=provider,
        archetype=archetype,
        connections_per_node=per_node or (float(min(holders)) if holders else None),
        unpriced=cast(list[Unpriced], kb.documents("unpriced")),
    )
    if reference is not None:
        design.reference = reference
        design.warnings.insert(0, reference)
    return design


def _recommended_tier(path: Path) -> tuple[list[TierOption] | None, list[str]]:
    """Connection-tier options from the recommendation, so plan and recommendation agree."""
    try:
        from archwise.api.recommend import recommend
    except ImportError:
        return None, ["no recommendation engine installed: options from the KB instead"]
    try:
        rec = recommend(path)
    except ArchwiseError as exc:
        return None, [f"recommendation unavailable ({exc}): options from the KB instead"]
    chosen = rec.recommendation.option
    opts = sorted(rec.options, key=lambda o: o.name != chosen)
    tier = [
        TierOption(
            o.name, float(o.scales_to.connections_per_node), f"recommendation: {o.scales_to.text}"
        )
        for o in opts
        if o.scales_to.connections_per_node
    ]
    notes = [
        f"recommendation evolution: {step.phase}: to {step.to} {step.trigger}"
        for step in rec.recommendation.evolution
        if step.to != chosen
    ]
    return (tier or None), notes


def diagnose_metrics(path: str | Path) -> Diagnosis:
    """Rank the bottleneck classes the metrics in a YAML file point at, with the evidence."""
    from archwise import yamlio
    from archwise.kb.schemas.bottleneck import Bottleneck

    metrics = yamlio.load_model(MetricsFile, path, what="metrics file")
    classes = [d for d in _kb().documents("bottlenecks") if isinstance(d, Bottleneck)]
    return diagnose(metrics, classes)


@dataclass
class SimulationReport:
    """Each station simulated against its formula, and the chain simulated end to end."""

    name: str
    customers: int
    seed: int
    stations: list[dict[str, Any]]
    chain: ChainSim | None


def simulate_model(
    path: str | Path, *, customers: int = 200_000, seed: int = 1
) -> SimulationReport:
    """Simulate the stations of a capacity model at today's rate (seeded, reproducible)."""
    model = load_model(path)
    if not model.stations:
        raise InputError("the model has no stations to simulate", file=path, field="stations")
    demand_now = model.demand.now
    stages: list[ChainStage] = []
    rows: list[dict[str, Any]] = []
    rate0: float | None = None
    for st in model.stations:
        service = ServiceTime(st.service_ms / 1000.0, st.service_scv)
        base = st.rate_rps if st.rate_rps is not None else demand_now * (st.rate_per_demand or 0)
        lam = base * st.visit_probability
        servers = st.servers
        if servers is None:
            target = st.target_p99_ms or model.target_p99_ms
            if target is None:
                raise InputError(
                    f"station {st.name!r} needs servers or target_p99_ms",
                    file=path,
                    field=f"stations.{st.name}",
                )
            sized = size_for_target(
                lam, service, target / 1000.0, headroom=model.headroom, n_plus=0
            )
            if sized.servers is None:
                raise InputError(
                    f"station {st.name!r}: {sized.reason}", file=path, field=f"stations.{st.name}"
                )
            servers = sized.servers
        formula = station_latency(lam, service, servers)
        sim = simulate_station(lam, service, servers, customers=customers, seed=seed)
        rows.append(
            {
                "name": st.name,
                "rate_rps": lam,
                "servers": servers,
                "utilisation": lam * service.mean_s / servers,
                "model": formula.method,
                "model_reason": formula.reason,
                "model_response_ms": {k: v * 1000 for k, v in formula.response_s.items()},
                "simulated_response_ms": {k: v * 1000 for k, v in sim.response_s.items()},
            }
        )
        if rate0 is None:
            rate0 = lam
        # In the chain every request enters at the first station; later ones see a share.
        stages.append(ChainStage(st.name, servers, service, min(1.0, lam / rate0)))
    chain = None
    if len(stages) > 1 and rate0:
        chain = _simulate_chain(rate0, stages, customers=customers, seed=seed)
    return SimulationReport(
        name=model.name, customers=customers, seed=seed, stations=rows, chain=chain
    )


def read_rate(text: str, *, field: str = "rate") -> float:
    """Events per second from text such as 1000/s or 1.5k/s (front ends check options with it)."""
    return parse_rate(text, field=field)


def read_duration(text: str, *, field: str = "duration") -> float:
    """Seconds from text such as 50ms or 0.2s (front ends check options with it)."""
    return parse_duration(text, field=field)
