"""Properties of the queueing formulas that must hold for any valid station."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from archwise.capacity.queueing import ServiceTime, Station, erlang_c

servers = st.integers(min_value=1, max_value=300)
rho = st.floats(min_value=0.01, max_value=0.98)
scv = st.sampled_from([0.5, 1.0, 1.5, 2.0])
pct = st.sampled_from([0.5, 0.9, 0.95, 0.99, 0.999])


@settings(max_examples=60, deadline=None)
@given(c=servers, r=rho)
def test_erlang_c_is_a_probability_falling_with_servers(c: int, r: float) -> None:
    a = r * c
    p = erlang_c(c, a)
    assert 0.0 <= p <= 1.0
    assert erlang_c(c + 1, a) <= p + 1e-12


@settings(max_examples=40, deadline=None)
@given(c=servers, r=rho, v=scv, p=pct)
def test_percentile_inverts_the_survival_function(c: int, r: float, v: float, p: float) -> None:
    station = Station(r * c, ServiceTime(1.0, v), c)
    t = station.response_percentile(p)
    assert t >= ServiceTime(1.0, v).percentile(p) * (1 - 1e-9)
    assert math.isclose(station.response_survival(t), 1 - p, rel_tol=1e-6, abs_tol=1e-9)


@settings(max_examples=40, deadline=None)
@given(c=st.integers(min_value=1, max_value=100), r=rho, v=scv)
def test_more_servers_never_slower_and_higher_percentiles_never_smaller(
    c: int, r: float, v: float
) -> None:
    rate = r * c
    base = Station(rate, ServiceTime(1.0, v), c)
    more = Station(rate, ServiceTime(1.0, v), c + 1)
    assert more.response_percentile(0.99) <= base.response_percentile(0.99) * (1 + 1e-9)
    assert base.response_percentile(0.95) <= base.response_percentile(0.99)
