"""Queueing formulas against known values and against the simulator."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from archwise.capacity.queueing import (
    ServiceTime,
    Station,
    _hypoexp_survival,
    erlang_b,
    erlang_c,
    littles_law_concurrency,
)
from archwise.capacity.simulate import (
    ChainStage,
    fcfs_start_times,
    simulate_chain,
    simulate_station,
)
from archwise.capacity.station import station_latency
from archwise.errors import InputError


def test_erlang_textbook_values() -> None:
    # Erlang B(10, 8 E) = 0.12166 and Erlang C(10, 8 E) = 0.40918 (standard tables).
    assert erlang_b(10, 8.0) == pytest.approx(0.121661, abs=1e-6)
    assert erlang_c(10, 8.0) == pytest.approx(0.409180, abs=1e-6)
    # M/M/1: C = ρ.
    assert erlang_c(1, 0.7) == pytest.approx(0.7)


def test_erlang_is_stable_for_thousands_of_servers() -> None:
    c = erlang_c(5000, 4900.0)
    assert 0.0 < c < 1.0
    assert math.isfinite(c)
    assert erlang_c(5000, 5000.0) == 1.0


def test_mm1_closed_forms() -> None:
    st = Station(0.8, ServiceTime(1.0), 1)
    # M/M/1 response time is Exp(μ-λ): percentile = -ln(1-p)/(μ-λ).
    assert st.response_percentile(0.99) == pytest.approx(math.log(100) / 0.2, rel=1e-9)
    assert st.mean_response == pytest.approx(5.0)
    assert st.mean_in_system == pytest.approx(littles_law_concurrency(0.8, 5.0))
    assert st.wait_percentile(0.1) == 0.0


def test_hypoexponential_is_continuous_where_rates_meet() -> None:
    same = _hypoexp_survival(1.0, 1.0, 2.0)
    near = _hypoexp_survival(1.0, 1.0 + 1e-7, 2.0)
    assert same == pytest.approx(3 * math.exp(-2))
    assert near == pytest.approx(same, rel=1e-6)
    assert _hypoexp_survival(1.0, 2.0, 2.0) == pytest.approx(2 * math.exp(-2) - math.exp(-4))


def test_unstable_station_is_refused_with_the_needed_count() -> None:
    with pytest.raises(InputError, match="at least 11 are needed"):
        Station(10.5, ServiceTime(1.0), 10).response_percentile(0.99)


# Customers per run: more where utilisation is high (longer correlation in the queue); one
# server uses the vectorised Lindley path, so it can afford many more.
CUSTOMERS = {
    (1, 0.5): 1_000_000,
    (1, 0.8): 2_000_000,
    (1, 0.9): 10_000_000,
    (8, 0.5): 300_000,
    (8, 0.8): 800_000,
    (8, 0.9): 2_000_000,
    (32, 0.5): 300_000,
    (32, 0.8): 600_000,
    (32, 0.9): 1_000_000,
}


@pytest.mark.parametrize(("servers", "rho"), sorted(CUSTOMERS))
def test_p99_closed_form_agrees_with_simulation(servers: int, rho: float) -> None:
    """Must show: p99 of M/M/c response time within 3% of simulation at ρ 0.5/0.8/0.9."""
    service = ServiceTime(1.0)
    rate = rho * servers
    formula = Station(rate, service, servers).response_percentile(0.99)
    sim = simulate_station(
        rate, service, servers, customers=CUSTOMERS[(servers, rho)], seed=20260101
    )
    assert sim.response_s["p99"] == pytest.approx(formula, rel=0.03)
    assert sim.p_wait == pytest.approx(erlang_c(servers, rate), abs=0.02)


def test_simulation_is_reproducible_and_seed_sensitive() -> None:
    a = simulate_station(6.0, ServiceTime(1.0), 8, customers=20_000, seed=5)
    b = simulate_station(6.0, ServiceTime(1.0), 8, customers=20_000, seed=5)
    c = simulate_station(6.0, ServiceTime(1.0), 8, customers=20_000, seed=6)
    assert a == b
    assert a.response_s != c.response_s


def test_single_and_multi_server_paths_agree() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    arr = np.cumsum(rng.exponential(1.0, 5000))
    svc = rng.exponential(0.8, 5000)
    vectorised = fcfs_start_times(arr, svc, 1)
    # The heap path with 2 servers, one of them never free, equals a single server.
    free = [0.0]
    starts = []
    for a, s in zip(arr, svc, strict=True):
        st = max(a, free[0])
        starts.append(st)
        free[0] = st + s
    assert np.allclose(vectorised, starts)


def test_allen_cunneen_used_for_moderate_variability_and_simulation_beyond() -> None:
    moderate = station_latency(6.0, ServiceTime(1.0, 1.5), 8)
    assert moderate.method == "allen-cunneen"
    wild = station_latency(6.0, ServiceTime(1.0, 6.0), 8, customers=50_000)
    assert wild.method == "simulation"
    assert "SCV 6 > 2" in wild.reason
    hot = station_latency(7.6, ServiceTime(1.0, 1.5), 8, customers=50_000)
    assert hot.method == "simulation" and "saturation" in hot.reason


def test_allen_cunneen_close_to_simulation_inside_its_range() -> None:
    service = ServiceTime(1.0, 1.5)
    ac = station_latency(6.4, service, 8).response_s["p99"]
    sim = simulate_station(6.4, service, 8, customers=600_000, seed=11).response_s["p99"]
    assert ac == pytest.approx(sim, rel=0.08)


def test_chain_end_to_end_exceeds_each_stage() -> None:
    stages = [
        ChainStage("lb", 2, ServiceTime(0.001)),
        ChainStage("service", 8, ServiceTime(0.02, 1.0)),
        ChainStage("db", 4, ServiceTime(0.005, 0.5), visit_probability=0.4),
    ]
    res = simulate_chain(300.0, stages, customers=40_000, seed=2)
    assert res.end_to_end_s["p99"] > max(
        float(s["response_s"]["p99"])
        for s in res.stages  # type: ignore[index]
    )
    again = simulate_chain(300.0, stages, customers=40_000, seed=2)
    assert again.end_to_end_s == res.end_to_end_s


def test_recommending_loads_neither_scipy_stats_nor_optimize() -> None:
    # Each costs a few tenths of a second of start-up, and `recommend --json` must stay under 1 s.
    code = (
        "import sys\n"
        "from archwise.api.recommend import recommend\n"
        "recommend(sys.argv[1])\n"
        "print(sorted(m for m in ('scipy.stats', 'scipy.optimize') if m in sys.modules))\n"
    )
    example = Path(__file__).parents[2] / "examples" / "chat-system.yaml"
    out = subprocess.run(
        [sys.executable, "-c", code, str(example)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
