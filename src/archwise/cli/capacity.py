"""CLI verbs: capacity (size, latency, fit, loadtest, plan, diagnose, simulate)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from archwise.cli._common import (
    SEED_MAX,
    JsonOpt,
    console,
    emit_json,
    esc,
    finite,
    handle_errors,
    styled,
)
from archwise.errors import InputError

if TYPE_CHECKING:
    from archwise.api.capacity import (
        CapacityPlan,
        Diagnosis,
        FitReport,
        LoadTest,
        SimulationReport,
        Sizing,
        StationLatency,
    )

ChartOpt = Annotated[
    Path | None,
    typer.Option("--chart", help="Also write a chart to this file (.png or .svg)."),
]


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.4g} ms"


def _num(x: float | None, digits: int = 4) -> str:
    if x is None:
        return "-"
    if isinstance(x, float) and not math.isfinite(x):
        return "∞"
    return f"{x:,.{digits}g}" if abs(x) < 1e5 else f"{x:,.0f}"


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"expected a date as YYYY-MM-DD, got {value!r}", field="--start") from None


def _read_as(kind: str, field: str) -> Callable[[str | None], str | None]:
    """A callback that reads an option's value as it is parsed: one typo costs one try."""

    def check(value: str | None) -> str | None:
        if value is not None:
            from archwise.api import capacity as api

            parse = api.read_rate if kind == "rate" else api.read_duration
            try:
                parse(value, field=field)
            except InputError as exc:
                raise typer.BadParameter("; ".join(p.message for p in exc.problems)) from None
        return value

    return check


def register(app: typer.Typer) -> None:
    """Add this module's verbs to the app."""
    cap = typer.Typer(
        name="capacity",
        help=(
            "Capacity planning: size for latency percentiles, fit the Universal Scalability "
            "Law to load tests, plan growth and cost, diagnose bottlenecks, simulate."
        ),
        no_args_is_help=True,
    )
    app.add_typer(cap, name="capacity")

    @cap.command("size")
    @handle_errors
    def size_cmd(
        rate: Annotated[
            str,
            typer.Option(
                "--rate", help="Peak arrival rate, e.g. 1000/s.", callback=_read_as("rate", "rate")
            ),
        ],
        service: Annotated[
            str,
            typer.Option(
                "--service",
                help="Mean service time of one request, e.g. 50ms.",
                callback=_read_as("duration", "service"),
            ),
        ],
        p99: Annotated[
            str | None,
            typer.Option("--p99", help="p99 response-time target.", callback=_read_as("d", "p99")),
        ] = None,
        p95: Annotated[
            str | None,
            typer.Option("--p95", help="p95 response-time target.", callback=_read_as("d", "p95")),
        ] = None,
        p50: Annotated[
            str | None,
            typer.Option("--p50", help="p50 response-time target.", callback=_read_as("d", "p50")),
        ] = None,
        p999: Annotated[
            str | None,
            typer.Option(
                "--p999", help="p99.9 response-time target.", callback=_read_as("d", "p999")
            ),
        ] = None,
        headroom: Annotated[
            float,
            typer.Option(
                "--headroom",
                help="Capacity kept free at peak (0.3 = 30%).",
                min=0.0,
                max=0.95,
                callback=finite,
            ),
        ] = 0.3,
        n_plus: Annotated[
            int, typer.Option("--n-plus", help="Spare servers (N+1, N+2).", min=0, max=100)
        ] = 1,
        scv: Annotated[
            float,
            typer.Option(
                "--scv",
                help="Service-time variability (SCV): 1 exponential, 0 fixed.",
                min=0.0,
                max=100.0,
                callback=finite,
            ),
        ] = 1.0,
        chart: ChartOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Servers needed to meet a latency percentile at a rate, with headroom and N+k."""
        from archwise.api import capacity as api
        from archwise.fileio import atomic_write

        given = [(p, t) for p, t in ((0.99, p99), (0.95, p95), (0.5, p50), (0.999, p999)) if t]
        if len(given) != 1:
            raise InputError(
                "give exactly one target: --p99, --p95, --p50 or --p999", field="target"
            )
        pct, target = given[0]
        result = api.size(
            rate, service, target, percentile=pct, headroom=headroom, n_plus=n_plus, service_scv=scv
        )
        if chart is not None and result.servers:
            atomic_write(
                chart,
                api.latency_chart_bytes(
                    service,
                    result.servers,
                    chart.suffix.lstrip(".").lower(),
                    target=target,
                    rate=rate,
                    service_scv=scv,
                ),
            )
        if json_output:
            emit_json(result)
            return
        _print_sizing(result)
        if chart is not None and result.servers:
            console.print(f"chart: {chart}")

    @cap.command("latency")
    @handle_errors
    def latency_cmd(
        rate: Annotated[str, typer.Option("--rate", help="Arrival rate, e.g. 800/s.")],
        service: Annotated[str, typer.Option("--service", help="Mean service time, e.g. 10ms.")],
        servers: Annotated[
            int, typer.Option("--servers", help="Number of servers (c).", min=1, max=1_000_000)
        ],
        scv: Annotated[
            float,
            typer.Option(
                "--scv",
                help="Service-time SCV (1 exponential).",
                min=0.0,
                max=100.0,
                callback=finite,
            ),
        ] = 1.0,
        seed: Annotated[
            int, typer.Option("--seed", help="Seed when it simulates.", min=0, max=SEED_MAX)
        ] = 1,
        json_output: JsonOpt = False,
    ) -> None:
        """Response-time percentiles of c servers at a rate (Erlang C, Allen-Cunneen, DES)."""
        from archwise.api import capacity as api

        result = api.latency(rate, service, servers, service_scv=scv, seed=seed)
        if json_output:
            emit_json(result)
            return
        _print_latency(result)

    @cap.command("fit")
    @handle_errors
    def fit_cmd(
        files: Annotated[
            list[Path], typer.Argument(help="Load-test result files (one ramp, or one per level).")
        ],
        fmt: Annotated[
            str | None, typer.Option("--format", help="Force a format (default: detected).")
        ] = None,
        concurrency: Annotated[
            float | None,
            typer.Option(
                "--concurrency",
                help="Concurrency of a run whose file does not say it.",
                min=0.001,
                max=1e9,
                callback=finite,
            ),
        ] = None,
        bootstrap: Annotated[
            int,
            typer.Option(
                "--bootstrap", help="Bootstrap resamples for the intervals.", min=0, max=100_000
            ),
        ] = 500,
        seed: Annotated[
            int, typer.Option("--seed", help="Bootstrap seed.", min=0, max=SEED_MAX)
        ] = 1,
        chart: ChartOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Fit the Universal Scalability Law to load-test results: σ, κ, λ, knee and peak."""
        from archwise.api import capacity as api

        report = api.fit_loadtests(
            list(files),
            fmt=fmt,
            concurrency=concurrency,
            bootstrap=bootstrap,
            seed=seed,
            chart=chart,
        )
        if json_output:
            emit_json(report)
            return
        _print_fit(report)

    @cap.command("loadtest")
    @handle_errors
    def loadtest_cmd(
        file: Annotated[Path, typer.Argument(help="A load-test result file.")],
        fmt: Annotated[
            str | None, typer.Option("--format", help="Force a format (default: detected).")
        ] = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Read a k6, Locust, JMeter, Gatling, vegeta, hey or wrk result into one model."""
        from archwise.api import capacity as api

        lt = api.import_loadtest(file, fmt)
        if json_output:
            emit_json(lt)
            return
        _print_loadtest(lt)

    @cap.command("plan")
    @handle_errors
    def plan_cmd(
        file: Annotated[
            Path,
            typer.Argument(help="Capacity model YAML, or a requirements file (archwise.yaml)."),
        ],
        start: Annotated[
            str | None, typer.Option("--start", help="Date of month 0 (default: model or today).")
        ] = None,
        option: Annotated[
            list[str] | None,
            typer.Option("--option", help="Connection-tier technology to plan first (repeatable)."),
        ] = None,
        provider: Annotated[
            str | None,
            typer.Option(
                "--provider",
                help="Price the tiers on this provider (aws, gcp, azure, cloudflare, vercel, "
                "netlify, render, fly, heroku); default: the recommended option's.",
            ),
        ] = None,
        chart: ChartOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Nodes now and as demand grows, the dates ceilings are crossed, what to add, cost."""
        from archwise.api import capacity as api

        result = api.plan_capacity(
            file, start=_date(start), options=option, chart=chart, provider=provider
        )
        if json_output:
            emit_json(result)
            return
        _print_plan(result)

    @cap.command("diagnose")
    @handle_errors
    def diagnose_cmd(
        file: Annotated[Path, typer.Argument(help="Metrics YAML (cpu, memory, database, ...).")],
        json_output: JsonOpt = False,
    ) -> None:
        """Rank likely bottlenecks (database, CPU, memory, network, I/O) from observed metrics."""
        from archwise.api import capacity as api

        result = api.diagnose_metrics(file)
        if json_output:
            emit_json(result)
            return
        _print_diagnosis(result)

    @cap.command("simulate")
    @handle_errors
    def simulate_cmd(
        file: Annotated[Path, typer.Argument(help="Capacity model YAML with stations.")],
        customers: Annotated[
            int,
            typer.Option(
                "--customers", help="Requests to simulate per station.", min=1, max=10_000_000
            ),
        ] = 200_000,
        seed: Annotated[
            int,
            typer.Option(
                "--seed", help="Random seed (same seed, same result).", min=0, max=SEED_MAX
            ),
        ] = 1,
        json_output: JsonOpt = False,
    ) -> None:
        """Simulate each station and the chain of stations, against the closed forms."""
        from archwise.api import capacity as api

        result = api.simulate_model(file, customers=customers, seed=seed)
        if json_output:
            emit_json(result)
            return
        _print_simulation(result)


def _table(title: str, *cols: str) -> Any:
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    for c in cols:
        t.add_column(c)
    return t


def _print_sizing(s: Sizing) -> None:
    console.print(
        f"[bold]Sizing[/] {s.rate:g}/s, mean service {esc(_ms(s.service_mean_s))} "
        f"(SCV {s.service_scv:g}), target {esc(s.percentile)} <= {esc(_ms(s.target_s))}",
        markup=True,
    )
    console.print(f"model: {s.method} ({s.method_reason})")
    if not s.possible:
        console.print(f"[bold red]{esc(s.reason)}[/]", markup=True)
        return
    t = _table("", "step", "servers", "utilisation", s.percentile, "why")
    for st in s.steps:
        t.add_row(st.name, str(st.servers), f"{st.utilisation:.1%}", _ms(st.percentile_s), st.why)
    console.print(t)
    console.print(f"[bold]{esc(s.servers)} servers[/] ({esc(s.binding)} binds)", markup=True)
    for n in s.notes:
        console.print(f"note: {n}")


def _print_latency(r: StationLatency) -> None:
    console.print(
        f"[bold]{esc(r.servers)} servers[/] at {r.rate:g}/s, mean "
        f"service {esc(_ms(r.service_mean_s))}: "
        f"utilisation {r.utilisation:.1%}, P(wait) {r.p_wait:.3f}",
        markup=True,
    )
    console.print(f"model: {r.method} ({r.reason})")
    console.print(
        "response: mean "
        + _ms(r.mean_response_s)
        + ", "
        + ", ".join(f"{k} {_ms(v)}" for k, v in r.response_s.items())
    )
    for n in r.notes:
        console.print(f"note: {n}")


def _print_loadtest(lt: LoadTest) -> None:
    console.print(f"[bold]{esc(lt.tool)}[/] ({esc(lt.format)}) {esc(lt.file)}", markup=True)
    console.print(
        f"requests {_num(lt.requests)}, failures {_num(lt.failures)}, duration "
        f"{_num(lt.duration_s)} s, throughput {_num(lt.throughput_rps)}/s, concurrency "
        f"{_num(lt.concurrency)}"
    )
    if lt.latency_ms:
        console.print("latency: " + ", ".join(f"{k} {v:.4g} ms" for k, v in lt.latency_ms.items()))
    if lt.levels:
        t = _table("throughput by concurrency", "concurrency", "throughput/s", "seconds")
        for lv in lt.levels:
            t.add_row(_num(lv.concurrency), _num(lv.throughput_rps), str(lv.seconds))
        console.print(t)
    for q in lt.quirks:
        console.print(f"[dim]quirk: {esc(q)}[/]", markup=True)


def _print_fit(r: FitReport) -> None:
    f = r.fit
    console.print(
        f"[bold]Universal Scalability Law[/] from {len(r.points)} points "
        f"({esc(', '.join(Path(lt.file).name for lt in r.files))})",
        markup=True,
    )
    t = _table("", "", "estimate", f"{f.confidence:.0%} interval")
    names = (
        ("σ contention", "sigma", f.sigma),
        ("κ coherency", "kappa", f.kappa),
        ("λ per-unit throughput", "lambda", f.lam),
        ("N* peak concurrency", "peak_n", f.peak_n),
        ("peak throughput", "peak_throughput", f.peak_throughput),
    )
    for label, key, value in names:
        iv = f.intervals.get(key)
        shown = _num(value) if value is not None else "none (κ = 0)"
        span = "-"
        if iv:
            span = f"{_num(iv.low)} - {_num(iv.high) if iv.high is not None else 'unbounded'}"
        t.add_row(label, shown, span)
    console.print(t)
    console.print(
        f"knee (1/σ, efficiency falling): N = {_num(f.knee_n)}, "
        f"throughput {_num(f.knee_throughput)}"
    )
    console.print(f"R² {f.r_squared:.4f}; measured up to N = {f.max_measured_n:g}")
    for w in f.warnings:
        console.print(f"[yellow]warning:[/] {esc(w)}", markup=True)
    for n in r.notes:
        console.print(f"note: {n}")
    quirks = {(lt.tool, q): None for lt in r.files for q in lt.quirks}
    for tool, q in quirks:
        console.print(f"[dim]quirk ({esc(tool)}): {esc(q)}[/]", markup=True)
    if r.chart:
        console.print(f"chart: {r.chart}")


def _print_plan(p: CapacityPlan) -> None:
    console.print(
        f"[bold]Capacity plan: {esc(p.name)}[/] from {esc(p.start)} to {esc(p.horizon_date)} "
        f"({esc(p.horizon_months)} months)",
        markup=True,
    )
    console.print(
        f"demand: {p.demand_now:,.0f} -> {p.demand_horizon:,.0f} {p.demand_unit} "
        f"({p.growth_percent_per_month:.1f}%/month); headroom {p.headroom:.0%}, N+{p.n_plus}"
    )
    for r in p.resources:
        t = _table(
            f"{r.name}",
            "option",
            "per node",
            "nodes now",
            "nodes at horizon",
            "$/month now",
            "$/month horizon",
        )
        for o in r.options:
            t.add_row(
                o.name,
                f"{o.per_node:,.0f} ({o.per_node_source})",
                str(o.nodes_now),
                str(o.nodes_horizon),
                _num(o.usd_month_now, 6),
                _num(o.usd_month_horizon, 6),
            )
        console.print(t)
        first = r.options[0]
        console.print(f"{first.name}, {first.provisioned_nodes} nodes as provisioned today:")
        for e in first.events:
            when = f"{e.date} (month {e.month:g})" if e.date else "not within the horizon"
            console.print(f"  {e.event}: {when} at {e.demand:,.0f} {p.demand_unit} - {e.meaning}")
        adds = [s for s in first.schedule if s.add]
        if adds:
            console.print(
                "  add nodes: "
                + "; ".join(f"{s.date} -> {s.nodes} (+{s.add})" for s in adds[:12])
                + (" ..." if len(adds) > 12 else "")
            )
    if p.stations:
        t = _table(
            "stations (p99 target)",
            "station",
            "rate now",
            "rate horizon",
            "workers now",
            "workers horizon",
            "nodes now",
            "nodes horizon",
            "binds",
        )
        for s in p.stations:
            t.add_row(
                s.name,
                f"{s.rate_now_rps:,.0f}/s",
                f"{s.rate_horizon_rps:,.0f}/s",
                _num(s.now.servers),
                _num(s.horizon.servers),
                _num(s.nodes_now),
                _num(s.nodes_horizon),
                s.now.binding or (s.now.reason or "-"),
            )
        console.print(t)
        for s in p.stations:
            if s.scaling == "vertical":
                console.print(
                    f"{s.name}: scales up: {s.size_now or 'no known size'} now, "
                    f"{s.size_horizon or 'larger than any known size'} at the horizon "
                    f"(+{p.n_plus} standby)"
                )
                if s.outgrows_largest_size is not None:
                    e = s.outgrows_largest_size
                    console.print(f"  {e.event}: {e.date} (month {e.month:g}) - {e.meaning}")
            if s.storage_gb_now is not None and s.storage_gb_horizon is not None:
                console.print(
                    f"{s.name}: storage up to {s.storage_gb_now:,.0f} GB now, "
                    f"{s.storage_gb_horizon:,.0f} GB at the horizon"
                )
    if p.feasibility is not None:
        conflicts = cast(list[dict[str, Any]], p.feasibility.get("conflicts") or [])
        if p.feasibility.get("feasible"):
            console.print("feasible: no conflict between the requirements")
        else:
            console.print("[bold red]not feasible[/] as stated:", markup=True)
            for c in conflicts:
                console.print(f"  - {c.get('why')}")
    if p.tiers:
        t = _table(
            f"tiers on {p.provider}",
            "tier",
            "component",
            "size now",
            "nodes now",
            "nodes horizon",
            "$/month now",
            "$/month horizon",
        )
        for tier in p.tiers:
            t.add_row(
                f"{tier.name} ({tier.kind})",
                tier.component,
                tier.size or "-",
                _num(tier.nodes_now),
                _num(tier.nodes_horizon),
                _num(tier.cost_usd_month_now, 6),
                _num(tier.cost_usd_month_horizon, 6),
            )
        console.print(t)
        if p.reference:
            console.print(f"[yellow]{esc(p.reference)}[/]", markup=True)
        console.print(
            f"total: ${p.total_usd_month_now or 0:,.0f}/month now, "
            f"${p.total_usd_month_horizon or 0:,.0f}/month at the horizon; storage "
            f"{p.storage_gb_now or 0:,.0f} GB now, "
            f"{p.storage_gb_horizon or 0:,.0f} GB at the horizon"
        )
        for tier in p.tiers:
            console.print(f"[dim]{esc(tier.name)}: {esc(tier.model)}[/]", markup=True)
            for a in tier.assumptions:
                console.print(f"[dim]  {esc(a)}[/]", markup=True)
    t = _table("cost per option", "option", "$/month now", "$/month horizon", "budget")
    for c in p.cost_per_option:
        ok = c["within_budget_horizon"]
        t.add_row(
            str(c["option"]),
            _num(c["usd_month_now"], 6),  # type: ignore[arg-type]
            _num(c["usd_month_horizon"], 6),  # type: ignore[arg-type]
            "-" if ok is None else ("within" if ok else styled("[red]over[/]")),
        )
    console.print(t)
    for a in p.assumptions:
        console.print(f"[dim]assumption: {esc(a)}[/]", markup=True)
    for w in p.warnings:
        console.print(f"[yellow]warning:[/] {esc(w)}", markup=True)


def _print_diagnosis(d: Diagnosis) -> None:
    head = "Bottleneck diagnosis" + (f": {d.service}" if d.service else "")
    console.print(
        f"[bold]{esc(head)}[/]" + (f" ({esc(d.window)})" if d.window else ""), markup=True
    )
    for c in d.context:
        console.print(c)
    if not d.findings:
        console.print("no bottleneck signal crossed its threshold")
    for i, f in enumerate(d.findings, start=1):
        console.print(
            f"\n[bold]{esc(i)}. {esc(f.name)}[/] score {f.score:g}, confidence {f.confidence:.0%}",
            markup=True,
        )
        for e in f.evidence:
            console.print(
                f"   evidence: {e.metric} = {e.value:g} ({e.op} {e.threshold:g}): {e.symptom}"
            )
        console.print("   symptoms: " + "; ".join(f.symptoms))
        for s in f.solutions:
            console.print(
                f"   try: {esc(s['action'])}"
                + (f" [dim]({esc(s['when'])})[/]" if s["when"] else ""),
                markup=True,
            )
    if d.healthy:
        console.print(f"\nno signal: {', '.join(d.healthy)}")
    if d.unmeasured_classes:
        console.print(f"not measured: {', '.join(d.unmeasured_classes)}")


def _print_simulation(r: SimulationReport) -> None:
    console.print(
        f"[bold]Simulation: {esc(r.name)}[/] ({r.customers:,} customers, seed {esc(r.seed)})",
        markup=True,
    )
    t = _table("", "station", "servers", "utilisation", "model", "model p99", "simulated p99")
    for s in r.stations:
        t.add_row(
            s["name"],
            str(s["servers"]),
            f"{s['utilisation']:.1%}",
            s["model"],
            f"{s['model_response_ms']['p99']:.4g} ms",
            f"{s['simulated_response_ms']['p99']:.4g} ms",
        )
    console.print(t)
    if r.chain is not None:
        e = r.chain.end_to_end_s
        console.print("chain end to end: " + ", ".join(f"{k} {_ms(v)}" for k, v in e.items()))
