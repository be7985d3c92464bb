"""Discrete-event simulation of FCFS M/G/c stations and of chains of them, seeded and fast."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from archwise.capacity.queueing import PERCENTILES, ServiceTime, pkey
from archwise.errors import InputError

FloatArray = NDArray[np.float64]
MAX_CUSTOMERS = 50_000_000


def sample_service(service: ServiceTime, rng: np.random.Generator, n: int) -> FloatArray:
    """Draw n service times from the distribution (deterministic, exponential or gamma)."""
    if service.scv == 0:
        return np.full(n, service.mean_s)
    if service.scv == 1:
        return rng.exponential(service.mean_s, n)
    k = 1.0 / service.scv
    return rng.gamma(k, service.mean_s * service.scv, n)


def poisson_arrivals(rate: float, rng: np.random.Generator, n: int) -> FloatArray:
    """Arrival times of a Poisson process at the rate, starting at 0."""
    return np.cumsum(rng.exponential(1.0 / rate, n))


def fcfs_start_times(arrivals: FloatArray, services: FloatArray, servers: int) -> FloatArray:
    """Start-of-service times of FCFS customers at c servers (arrivals sorted ascending)."""
    # One server: the Lindley recursion solved in closed form with a running maximum (fully
    # vectorised). Several: the Kiefer-Wolfowitz recursion on the servers' free times, keeping
    # the earliest free time outside a heap of the other c-1 so each customer costs one
    # heappushpop.
    if servers == 1:
        cum = np.cumsum(services)
        prev = cum - services
        departures = cum + np.maximum.accumulate(arrivals - prev)
        # max(arrival, previous departure) keeps "no wait" exactly zero despite rounding.
        prev_departure = np.concatenate(([-np.inf], departures[:-1]))
        return np.maximum(arrivals, prev_departure)
    free = [0.0] * (servers - 1)
    pushpop = heapq.heappushpop
    starts: list[float] = []
    append = starts.append
    earliest = 0.0
    for a, s in zip(arrivals.tolist(), services.tolist(), strict=True):
        st = earliest if earliest > a else a
        append(st)
        earliest = pushpop(free, st + s)
    return np.asarray(starts, dtype=np.float64)


def percentiles_of(values: FloatArray, ps: tuple[float, ...] = PERCENTILES) -> dict[str, float]:
    """Empirical percentiles keyed p50, p95, p99, p99.9."""
    qs = np.quantile(values, ps)
    return {pkey(p): float(q) for p, q in zip(ps, qs, strict=True)}


@dataclass(frozen=True)
class StationSim:
    """What a simulation of one station measured (after the warm-up customers)."""

    customers: int
    warmup: int
    seed: int
    mean_wait_s: float
    mean_response_s: float
    p_wait: float
    utilisation: float
    response_s: dict[str, float]
    wait_s: dict[str, float]


def _check_customers(customers: int) -> None:
    if customers < 1000:
        raise InputError(f"simulate at least 1000 customers, got {customers}", field="customers")
    if customers > MAX_CUSTOMERS:
        raise InputError(
            f"at most {MAX_CUSTOMERS:,} customers per run, got {customers:,}", field="customers"
        )


def simulate_station(
    rate: float,
    service: ServiceTime,
    servers: int,
    *,
    customers: int = 1_000_000,
    seed: int = 1,
    warmup_fraction: float = 0.05,
    percentiles: tuple[float, ...] = PERCENTILES,
) -> StationSim:
    """Simulate an M/G/c FCFS station for a number of customers and measure its latencies."""
    _check_customers(customers)
    if rate * service.mean_s >= servers:
        raise InputError(
            f"utilisation {rate * service.mean_s / servers:.3f} >= 1: the queue grows without "
            "bound, nothing steady to simulate",
            field="servers",
        )
    rng = np.random.default_rng(seed)
    arrivals = poisson_arrivals(rate, rng, customers)
    services = sample_service(service, rng, customers)
    starts = fcfs_start_times(arrivals, services, servers)
    warm = int(customers * warmup_fraction)
    waits = (starts - arrivals)[warm:]
    resp = waits + services[warm:]
    span = float(starts[-1] + services[-1] - arrivals[warm])
    busy = float(services[warm:].sum())
    return StationSim(
        customers=customers,
        warmup=warm,
        seed=seed,
        mean_wait_s=float(waits.mean()),
        mean_response_s=float(resp.mean()),
        p_wait=float(np.mean(waits > 0)),
        utilisation=min(1.0, busy / (servers * span)),
        response_s=percentiles_of(resp, percentiles),
        wait_s=percentiles_of(waits, percentiles),
    )


@dataclass(frozen=True)
class ChainStage:
    """One station of a chain: its servers, service time and the share of requests visiting it."""

    name: str
    servers: int
    service: ServiceTime
    visit_probability: float = 1.0


@dataclass
class ChainSim:
    """What a chain simulation measured: per stage and end to end."""

    customers: int
    warmup: int
    seed: int
    rate: float
    end_to_end_s: dict[str, float]
    mean_end_to_end_s: float
    stages: list[dict[str, object]] = field(default_factory=list)


def simulate_chain(
    rate: float,
    stages: list[ChainStage],
    *,
    customers: int = 200_000,
    seed: int = 1,
    warmup_fraction: float = 0.05,
) -> ChainSim:
    """Simulate requests through stations in order (e.g. load balancer, service, database)."""
    _check_customers(customers)
    if not stages:
        raise InputError("a chain needs at least one station", field="stations")
    rng = np.random.default_rng(seed)
    arrivals0 = poisson_arrivals(rate, rng, customers)
    t = arrivals0.copy()
    warm = int(customers * warmup_fraction)
    out: list[dict[str, object]] = []
    for stage in stages:
        lam = rate * stage.visit_probability
        rho = lam * stage.service.mean_s / stage.servers
        if rho >= 1:
            raise InputError(
                f"station {stage.name!r}: utilisation {rho:.3f} >= 1, it cannot keep up",
                field=f"stations.{stage.name}",
            )
        visits = (
            np.ones(customers, dtype=bool)
            if stage.visit_probability >= 1
            else rng.random(customers) < stage.visit_probability
        )
        idx = np.flatnonzero(visits)
        order = idx[np.argsort(t[idx], kind="stable")]
        arr = t[order]
        svc = sample_service(stage.service, rng, order.size)
        st = fcfs_start_times(arr, svc, stage.servers)
        resp = st - arr + svc
        t[order] = arr + resp
        keep = order >= warm
        out.append(
            {
                "name": stage.name,
                "servers": stage.servers,
                "utilisation": rho,
                "visit_probability": stage.visit_probability,
                "mean_response_s": float(resp[keep].mean()),
                "response_s": percentiles_of(resp[keep]),
            }
        )
    e2e = (t - arrivals0)[warm:]
    return ChainSim(
        customers=customers,
        warmup=warm,
        seed=seed,
        rate=rate,
        end_to_end_s=percentiles_of(e2e),
        mean_end_to_end_s=float(e2e.mean()),
        stages=out,
    )
