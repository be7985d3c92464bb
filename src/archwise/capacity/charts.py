"""Charts as PNG or SVG (matplotlib, Agg backend, fixed metadata so output is byte-stable)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from archwise.capacity.plan import CapacityPlan
from archwise.capacity.queueing import ServiceTime, Station
from archwise.capacity.usl import USLFit
from archwise.errors import InputError

FORMATS = ("png", "svg")


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "archwise"
    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["path.simplify"] = True
    return plt


def _save(fig: Any, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise InputError(f"chart format must be png or svg, got {fmt!r}", field="chart")
    buf = io.BytesIO()
    meta: dict[str, Any] = (
        {"Date": None, "Creator": "archwise"}
        if fmt == "svg"
        else {"Software": "archwise", "Creation Time": None}
    )
    fig.savefig(buf, format=fmt, metadata=meta, dpi=100, bbox_inches="tight")
    _plt().close(fig)
    return buf.getvalue()


def chart_format(path: str | Path) -> str:
    """The chart format a file name asks for."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InputError(
            f"chart file must end in .png or .svg, got {Path(path).name!r}", field="chart"
        )
    return suffix


def usl_chart(fit: USLFit, points: list[tuple[float, float]], fmt: str) -> bytes:
    """Measured throughput, the USL fit, its bootstrap band, the knee and the peak."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4.2))
    xs = np.array([p[0] for p in points])
    ys = np.array([p[1] for p in points])
    top = max(float(xs.max()) * 1.5, fit.peak_n * 1.3 if fit.peak_n is not None else 0)
    top = min(top, float(xs.max()) * 10)
    if fit.band:
        top = max(top, fit.band[-1][0])
    n = np.linspace(1, max(top, 2.0), 300)
    ax.plot(n, fit.predict(n), color="#1f5f8b", label="USL fit")
    if fit.band:
        bn = [b[0] for b in fit.band]
        ax.fill_between(
            bn,
            [b[1] for b in fit.band],
            [b[2] for b in fit.band],
            color="#1f5f8b",
            alpha=0.15,
            label=f"{fit.confidence:.0%} bootstrap band",
        )
    ax.plot(n, fit.lam * n, color="#999999", linestyle=":", label="linear scaling")
    ax.scatter(xs, ys, color="#c0392b", zorder=3, label="measured")
    if fit.peak_n is not None and fit.peak_throughput is not None and fit.peak_n <= n[-1]:
        ax.axvline(fit.peak_n, color="#7f8c8d", linestyle="--", linewidth=1)
        ax.annotate(f"peak N*={fit.peak_n:.0f}", (fit.peak_n, fit.peak_throughput), fontsize=8)
    if fit.knee_n is not None and fit.knee_throughput is not None and fit.knee_n <= n[-1]:
        ax.axvline(fit.knee_n, color="#27ae60", linestyle="--", linewidth=1)
        ax.annotate(f"knee {fit.knee_n:.0f}", (fit.knee_n, fit.knee_throughput), fontsize=8)
    ax.set_ylim(0, max(float(ys.max()), float(fit.predict(n).max())) * 1.25)
    ax.set_xlabel("concurrency N")
    ax.set_ylabel("throughput")
    ax.set_title(f"USL: σ={fit.sigma:.4g}, κ={fit.kappa:.3g}, λ={fit.lam:.4g}")
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(alpha=0.3)
    return _save(fig, fmt)


def latency_chart(
    service: ServiceTime,
    servers: int,
    fmt: str,
    target_s: float | None = None,
    rate: float | None = None,
) -> bytes:
    """p50/p95/p99 response time against utilisation for a station of c servers."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4.2))
    rho = np.linspace(0.05, 0.97, 60)
    for p, style in ((0.5, ":"), (0.95, "--"), (0.99, "-")):
        ys = [
            Station(r * servers / service.mean_s, service, servers).response_percentile(p) * 1000
            for r in rho
        ]
        ax.plot(rho, ys, linestyle=style, label=f"p{p * 100:g}")
    if target_s is not None:
        ax.axhline(target_s * 1000, color="#c0392b", linewidth=1, label="target")
    if rate is not None:
        at = rate * service.mean_s / servers
        ax.axvline(at, color="#7f8c8d", linestyle="--", linewidth=1, label=f"at peak: ρ={at:.2f}")
    ax.set_yscale("log")
    ax.set_xlabel("utilisation ρ")
    ax.set_ylabel("response time (ms)")
    ax.set_title(
        f"Response time vs utilisation, c={servers}, mean service {service.mean_s * 1000:g} ms"
    )
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, which="both")
    return _save(fig, fmt)


def growth_chart(plan: CapacityPlan, fmt: str) -> bytes:
    """Demand over the horizon against each resource's provisioned ceiling."""
    from archwise.capacity.growth import curve_of
    from archwise.capacity.models import Demand, ForecastPoint

    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4.2))
    months = np.linspace(0, plan.horizon_months, 200)
    demand = Demand(
        unit=plan.demand_unit,
        now=plan.demand_now,
        forecast=[ForecastPoint(month=plan.horizon_months, value=plan.demand_horizon)]
        if plan.demand_horizon != plan.demand_now
        else None,
        growth_percent_per_month=None if plan.demand_horizon != plan.demand_now else 0.0,
    )
    curve = curve_of(demand)
    ax.plot(months, [curve.at(m) for m in months], color="#1f5f8b", label="demand")
    for r in plan.resources:
        first = r.options[0]
        for ev, style in zip(first.events, (":", "--", "-"), strict=False):
            ax.axhline(
                ev.demand,
                linestyle=style,
                color="#c0392b",
                linewidth=1,
                label=f"{r.name}: {ev.event}",
            )
            if ev.month is not None and ev.date is not None and ev.month <= plan.horizon_months:
                ax.plot([ev.month], [ev.demand], marker="o", color="#c0392b")
                ax.annotate(
                    ev.date.isoformat(),
                    (ev.month, ev.demand),
                    fontsize=7,
                    xytext=(4, -10),
                    textcoords="offset points",
                )
    ax.set_xlabel(f"months from {plan.start.isoformat()}")
    ax.set_ylabel(plan.demand_unit)
    ax.set_title(f"{plan.name}: growth against ceilings")
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    return _save(fig, fmt)
