"""Latency of one station by the right model: Erlang C, Allen-Cunneen or simulation, said aloud."""

from __future__ import annotations

from dataclasses import dataclass, field

from archwise.capacity.queueing import PERCENTILES, ServiceTime, Station, pkey

# Where Allen-Cunneen's M/G/c approximation is trusted for percentiles; outside it archwise
# simulates. Measured against simulation (docs/capacity.md): within ~6% for SCV 0.5-4 up to
# utilisation 0.9, but +14-17% for near-deterministic service at one server and up to +20%
# at utilisation 0.95.
AC_MIN_SCV = 0.5
AC_MAX_SCV = 2.0
AC_MAX_UTILISATION = 0.9


@dataclass
class StationLatency:
    """Latency percentiles of a station and the model that produced them."""

    servers: int
    rate: float
    service_mean_s: float
    service_scv: float
    utilisation: float
    p_wait: float
    mean_wait_s: float
    mean_response_s: float
    response_s: dict[str, float]
    method: str
    reason: str
    notes: list[str] = field(default_factory=list)


def choose_method(service: ServiceTime, utilisation: float) -> tuple[str, str]:
    """Pick the model for a station and say why."""
    if service.scv == 1:
        return "erlang-c", "exponential service (SCV 1): M/M/c, Erlang C closed form"
    if service.scv > AC_MAX_SCV:
        return (
            "simulation",
            f"service-time SCV {service.scv:g} > {AC_MAX_SCV:g}: Allen-Cunneen is unreliable "
            "for highly variable service, so the station was simulated",
        )
    if service.scv < AC_MIN_SCV:
        return (
            "simulation",
            f"service-time SCV {service.scv:g} < {AC_MIN_SCV:g}: with near-constant service "
            "the waiting time is not exponential and Allen-Cunneen overstates percentiles, so "
            "the station was simulated",
        )
    if utilisation > AC_MAX_UTILISATION:
        return (
            "simulation",
            f"utilisation {utilisation:.3f} > {AC_MAX_UTILISATION:g}: Allen-Cunneen's error "
            "grows near saturation, so the station was simulated",
        )
    return (
        "allen-cunneen",
        f"service-time SCV {service.scv:g}: M/G/c by Allen-Cunneen (Erlang C scaled by "
        "(1 + SCV)/2, exponential waiting tail)",
    )


def station_latency(
    rate: float,
    service: ServiceTime,
    servers: int,
    *,
    percentiles: tuple[float, ...] = PERCENTILES,
    method: str | None = None,
    customers: int = 400_000,
    seed: int = 1,
) -> StationLatency:
    """Latency percentiles of an FCFS station; method None picks the model automatically."""
    st = Station(rate, service, servers)
    st._check()
    chosen, reason = choose_method(service, st.utilisation) if method is None else (method, "")
    if chosen == "simulation":
        from archwise.capacity.simulate import simulate_station  # numpy only when a run simulates

        sim = simulate_station(
            rate, service, servers, customers=customers, seed=seed, percentiles=percentiles
        )
        return StationLatency(
            servers=servers,
            rate=rate,
            service_mean_s=service.mean_s,
            service_scv=service.scv,
            utilisation=st.utilisation,
            p_wait=sim.p_wait,
            mean_wait_s=sim.mean_wait_s,
            mean_response_s=sim.mean_response_s,
            response_s=sim.response_s,
            method="simulation",
            reason=reason or "simulation requested",
            notes=[f"simulated {customers:,} customers, seed {seed}"],
        )
    return StationLatency(
        servers=servers,
        rate=rate,
        service_mean_s=service.mean_s,
        service_scv=service.scv,
        utilisation=st.utilisation,
        p_wait=st.p_wait,
        mean_wait_s=st.mean_wait,
        mean_response_s=st.mean_response,
        response_s={pkey(p): st.response_percentile(p) for p in percentiles},
        method=chosen,
        reason=reason or f"{chosen} requested",
    )
