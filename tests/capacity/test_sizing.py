"""Sizing for a percentile target: each number, what binds, and impossible targets."""

from __future__ import annotations

import math

import pytest

from archwise.capacity.queueing import ServiceTime, Station
from archwise.capacity.sizing import size_for_target
from archwise.capacity.units import parse_duration, parse_rate
from archwise.errors import InputError


def test_latency_count_is_the_smallest_that_meets_the_target() -> None:
    s = size_for_target(1000, ServiceTime(0.05), 0.25, headroom=0.3, n_plus=2)
    lat = next(x for x in s.steps if x.name == "latency").servers
    assert Station(1000, ServiceTime(0.05), lat).response_percentile(0.99) <= 0.25
    assert Station(1000, ServiceTime(0.05), lat - 1).response_percentile(0.99) > 0.25
    head = next(x for x in s.steps if x.name == "headroom").servers
    assert head == math.ceil(50 / 0.7)
    assert s.servers == max(head, lat + 2) and s.binding == "headroom"


def test_redundancy_binds_when_headroom_is_small() -> None:
    s = size_for_target(1000, ServiceTime(0.05), 0.25, headroom=0.0, n_plus=2)
    assert s.binding == "redundancy"
    assert s.servers == s.steps[0].servers + 2


def test_impossible_target_is_immediate_and_explained() -> None:
    s = size_for_target(1000, ServiceTime(0.05), 0.2)
    assert not s.possible and s.servers is None and not s.steps
    assert "230.3 ms" in (s.reason or "")
    # Deterministic service: its p99 is its mean.
    d = size_for_target(10, ServiceTime(0.05, 0.0), 0.05)
    assert not d.possible


def test_barely_possible_target_needs_many_servers_but_finishes() -> None:
    floor = ServiceTime(0.05).percentile(0.99)
    s = size_for_target(1000, ServiceTime(0.05), floor * 1.001, headroom=0.3, n_plus=1)
    assert s.possible and s.servers is not None and s.servers > 60


def test_highly_variable_service_is_checked_by_simulation() -> None:
    s = size_for_target(
        200, ServiceTime(0.01, 4.0), 0.2, headroom=0.3, n_plus=1, verify_customers=60_000
    )
    assert s.method == "simulation"
    assert "checked by simulation" in s.notes[0]
    assert s.possible and s.servers is not None


def test_bad_headroom_is_input_error() -> None:
    with pytest.raises(InputError, match="headroom"):
        size_for_target(10, ServiceTime(0.01), 1.0, headroom=1.2)


@pytest.mark.parametrize(
    ("text", "per_s"),
    [("1000/s", 1000), ("1.5k/s", 1500), ("60000/min", 1000), ("3.6k/h", 1), ("250", 250)],
)
def test_rates(text: str, per_s: float) -> None:
    assert parse_rate(text) == pytest.approx(per_s)


@pytest.mark.parametrize(("text", "s"), [("50ms", 0.05), ("0.2s", 0.2), ("250us", 2.5e-4)])
def test_durations(text: str, s: float) -> None:
    assert parse_duration(text) == pytest.approx(s)


def test_bad_units_say_what_is_valid() -> None:
    with pytest.raises(InputError, match="/s, /min"):
        parse_rate("10/fortnight")
    with pytest.raises(InputError, match="50ms"):
        parse_duration("fast")
