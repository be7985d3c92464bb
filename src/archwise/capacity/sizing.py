"""Sizing: the fewest servers meeting a latency percentile, then headroom and redundancy."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archwise.capacity.queueing import ServiceTime, Station, pkey
from archwise.capacity.station import choose_method
from archwise.errors import InputError

MAX_SERVERS = 200_000


@dataclass
class SizingStep:
    """One of the numbers a sizing shows: what it is, how many servers, and at what latency."""

    name: str
    servers: int
    utilisation: float
    percentile_s: float | None
    why: str


@dataclass
class Sizing:
    """The answer to 'how many servers': each number, the one that binds, or why none can."""

    rate: float
    service_mean_s: float
    service_scv: float
    percentile: str
    target_s: float
    headroom: float
    n_plus: int
    possible: bool
    method: str
    method_reason: str
    servers: int | None = None
    binding: str | None = None
    steps: list[SizingStep] = field(default_factory=list)
    reason: str | None = None
    notes: list[str] = field(default_factory=list)


def _percentile_at(rate: float, service: ServiceTime, c: int, p: float) -> float:
    return Station(rate, service, c).response_percentile(p)


def size_for_target(
    rate: float,
    service: ServiceTime,
    target_s: float,
    *,
    percentile: float = 0.99,
    headroom: float = 0.3,
    n_plus: int = 1,
    verify_customers: int = 300_000,
    seed: int = 1,
) -> Sizing:
    """Smallest c meeting the percentile target at the rate, then headroom and N+k redundancy."""
    if not 0 <= headroom < 1:
        raise InputError(f"headroom must be in [0, 1), got {headroom}", field="headroom")
    if n_plus < 0:
        raise InputError(f"n-plus must be >= 0, got {n_plus}", field="n_plus")
    if not 0 < percentile < 1:
        raise InputError(f"percentile must be in (0, 1), got {percentile}", field="percentile")
    name = pkey(percentile)
    offered = rate * service.mean_s
    c_min = math.floor(offered) + 1
    # Utilisation 0.5 stands in for "moderate": only the service variability decides here.
    method, method_reason = choose_method(service, 0.5)
    if method == "simulation":
        method_reason = method_reason.replace(
            "the station was simulated",
            "the Allen-Cunneen answer was checked and adjusted by simulation",
        )
    out = Sizing(
        rate=rate,
        service_mean_s=service.mean_s,
        service_scv=service.scv,
        percentile=name,
        target_s=target_s,
        headroom=headroom,
        n_plus=n_plus,
        possible=False,
        method=method,
        method_reason=method_reason,
    )
    floor_s = service.percentile(percentile)
    if target_s <= floor_s * (1 + 1e-9):
        out.reason = (
            f"impossible: the {name} of the service time alone is {floor_s * 1000:.4g} ms "
            f"(mean {service.mean_s * 1000:.4g} ms, {service.kind}), at or above the "
            f"{target_s * 1000:.4g} ms target; no number of servers removes service time "
            "itself, so make each request faster or relax the target"
        )
        return out
    if c_min > MAX_SERVERS:
        out.reason = (
            f"impossible here: more than {MAX_SERVERS:,} servers are needed just to keep up"
        )
        return out
    c_lat = _search(rate, service, percentile, target_s, c_min)
    if c_lat is None:
        out.reason = (
            f"impossible in practice: even {MAX_SERVERS:,} servers do not bring the {name} "
            f"under {target_s * 1000:.4g} ms (service-time {name} is {floor_s * 1000:.4g} ms)"
        )
        return out
    if method == "simulation":
        c_lat = _verify_by_simulation(
            rate, service, percentile, target_s, c_lat, verify_customers, seed, out.notes
        )
    c_head = max(c_lat, math.ceil(offered / (1.0 - headroom) - 1e-9))
    c_red = c_lat + n_plus
    recommended = max(c_head, c_red)
    out.possible = True
    out.servers = recommended
    out.binding = "headroom" if c_head > c_red else "redundancy" if c_red > c_head else "both"
    if n_plus == 0 and c_head == c_lat:
        out.binding = "latency"
    steps = [
        ("latency", c_lat, f"fewest servers with {name} <= {target_s * 1000:.4g} ms"),
        (
            "headroom",
            c_head,
            f"keep {headroom:.0%} of capacity free at peak (utilisation <= {1 - headroom:.0%})",
        ),
        ("redundancy", c_red, f"N+{n_plus}: the latency target still holds with {n_plus} down"),
        ("recommended", recommended, f"the larger of headroom and redundancy ({out.binding})"),
    ]
    for label, c, why in steps:
        pct = _percentile_at(rate, service, c, percentile) if method != "simulation" else None
        out.steps.append(SizingStep(label, c, offered / c, pct, why))
    return out


def _meets(rate: float, service: ServiceTime, p: float, target: float, c: int) -> bool:
    return _percentile_at(rate, service, c, p) <= target


def _search(rate: float, service: ServiceTime, p: float, target: float, c_min: int) -> int | None:
    """Smallest c in [c_min, MAX_SERVERS] meeting the target (the percentile falls with c)."""
    if _meets(rate, service, p, target, c_min):
        return c_min
    lo, hi = c_min, c_min
    while True:
        step = max(1, hi - c_min + 1)
        hi = min(MAX_SERVERS, hi + step)
        if _meets(rate, service, p, target, hi):
            break
        lo = hi
        if hi >= MAX_SERVERS:
            return None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _meets(rate, service, p, target, mid):
            hi = mid
        else:
            lo = mid
    return hi


def _verify_by_simulation(
    rate: float,
    service: ServiceTime,
    p: float,
    target: float,
    c: int,
    customers: int,
    seed: int,
    notes: list[str],
) -> int:
    """Adjust an Allen-Cunneen answer with simulation when the service time varies a lot."""
    from archwise.capacity.simulate import simulate_station  # numpy only when a run simulates

    key = pkey(p)
    for _ in range(64):
        sim = simulate_station(rate, service, c, customers=customers, seed=seed, percentiles=(p,))
        if sim.response_s[key] <= target:
            if c > math.floor(rate * service.mean_s) + 1:
                below = simulate_station(
                    rate, service, c - 1, customers=customers, seed=seed, percentiles=(p,)
                )
                if below.response_s[key] <= target:
                    c -= 1
                    continue
            notes.append(
                f"checked by simulation ({customers:,} customers, seed {seed}): "
                f"{key} {sim.response_s[key] * 1000:.4g} ms at {c} servers"
            )
            return c
        c += 1
    notes.append("simulation did not settle within 64 steps; the Allen-Cunneen answer is shown")
    return c
