"""Growth curves, capacity plans and the chat example (the spec's worked example)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path

import pytest

from archwise.capacity.growth import curve_of, month_to_date
from archwise.capacity.models import CapacityModel, Demand, ForecastPoint
from archwise.capacity.plan import Facts, build_plan
from tests.conftest import EXAMPLES

FIX = Path(__file__).parent / "fixtures"
START = dt.date(2027, 1, 1)


def test_forecast_curve_is_geometric_and_crossings_invert_it() -> None:
    c = curve_of(Demand(now=100_000, forecast=[ForecastPoint(month=24, value=1_000_000)]))
    assert c.at(0) == 100_000
    assert c.at(24) == pytest.approx(1_000_000)
    assert c.at(12) == pytest.approx(math.sqrt(1e5 * 1e6))
    m = c.crossing(200_000)
    assert m == pytest.approx(24 * math.log10(2))
    assert c.at(m) == pytest.approx(200_000)
    assert c.crossing(50_000) == 0.0
    assert c.monthly_growth_percent == pytest.approx((10 ** (1 / 24) - 1) * 100)


def test_flat_demand_never_crosses() -> None:
    c = curve_of(Demand(now=10, growth_percent_per_month=0))
    assert c.crossing(11) is None


def test_rate_growth() -> None:
    c = curve_of(Demand(now=100, growth_percent_per_month=10))
    assert c.crossing(200) == pytest.approx(math.log(2) / math.log(1.1))


def _chat_model() -> CapacityModel:
    from archwise.yamlio import load_model

    return load_model(CapacityModel, FIX / "chat-capacity.yaml")


def test_chat_model_plan_websocket_nodes_database_and_break_date() -> None:
    """Must show: node counts, database sizing and the date the 1M forecast breaks the monolith."""
    plan = build_plan(_chat_model(), Facts(per_node={"Node.js": 50_000}), start=START)
    ws = plan.resources[0]
    node = ws.options[0]
    assert node.per_node == 50_000  # the recommendation's trigger: ~50k connections per node
    # 100k / (50k x 70%) = 2.86 -> 3, plus N+1 = 4; 1M / 35k = 28.6 -> 29 + 1 = 30.
    assert (node.nodes_now, node.nodes_horizon) == (4, 30)
    rust = ws.options[1]
    assert (rust.nodes_now, rust.nodes_horizon) == (3, 16)
    # Four nodes hold 4 x 50k = 200k; 100k x 10^(m/24) = 200k at m = 24·log10(2) = 7.22.
    ceiling = node.events[-1]
    assert ceiling.event == "per-node ceiling reached"
    assert ceiling.demand == 200_000
    assert ceiling.month == pytest.approx(7.22, abs=0.01)
    assert node.breaks_on == month_to_date(START, 24 * math.log10(2)) == dt.date(2027, 8, 9)
    assert [e.event for e in node.events] == [
        "headroom used up",
        "redundancy lost",
        "per-node ceiling reached",
    ]
    db = next(s for s in plan.stations if s.name.startswith("database"))
    assert db.now.possible and db.horizon.possible
    assert db.rate_horizon_rps == pytest.approx(3300)
    assert db.now.servers is not None and db.horizon.servers is not None
    assert db.horizon.servers > db.now.servers
    assert db.nodes_horizon is not None and db.nodes_horizon >= 2
    cost = {c["option"]: c for c in plan.cost_per_option}
    assert cost["Node.js monolith (Hono + ws)"]["within_budget_now"] is True


def test_what_to_add_and_when_is_monotone() -> None:
    plan = build_plan(_chat_model(), Facts(per_node={"Node.js": 50_000}), start=START)
    steps = plan.resources[0].options[0].schedule
    assert steps[0].nodes == 4 and steps[-1].nodes == 30
    assert all(b.nodes > a.nodes and b.date > a.date for a, b in itertools.pairwise(steps))


def test_plan_from_the_chat_requirements_agrees_with_the_recommendation(
    workspace: Path,
) -> None:
    from archwise.api.capacity import plan_capacity
    from archwise.api.recommend import recommend

    rec = recommend(EXAMPLES / "chat-system.yaml")
    chosen = next(o for o in rec.options if o.name == rec.recommendation.option)
    plan = plan_capacity(EXAMPLES / "chat-system.yaml", start=START)
    first = plan.resources[0].options[0]
    assert first.name == chosen.name
    assert first.per_node == chosen.scales_to.connections_per_node == 50_000
    trigger = next(s.trigger for s in rec.recommendation.evolution if s.to != chosen.name)
    assert "50,000" in trigger
    assert any(trigger in a for a in plan.assumptions)
    assert first.breaks_on == dt.date(2027, 8, 9)
    # One storage number, the tier model's: the derived bound (labelled) plus the files.
    assert plan.stations[0].storage_gb_now is None
    assert plan.storage_gb_now is not None and plan.storage_gb_horizon is not None
    assert plan.storage_gb_horizon == pytest.approx(10 * plan.storage_gb_now)
    assert any("upper bound" in a for a in plan.assumptions)


def test_vertical_station_picks_sizes_and_dates_the_largest_outgrown() -> None:
    from archwise.capacity.models import StationSpec

    model = CapacityModel(
        name="db",
        horizon_months=24,
        demand=Demand(now=100_000, forecast=[ForecastPoint(month=24, value=1_000_000)]),
        stations=[
            StationSpec(
                name="db",
                rate_per_demand=0.01,
                service_ms=1.0,
                target_p99_ms=20,
                scaling="vertical",
                sizes=["big", "small", "unpriced"],
                bytes_per_request=1000,
                retention_days=10,
                storage_price="gb",
            )
        ],
    )
    facts = Facts(
        prices={"small": 100.0, "big": 300.0, "gb": 0.1},
        price_vcpu={"small": 2, "big": 8},
    )
    plan = build_plan(model, facts, start=START)
    st = plan.stations[0]
    # 1000 writes/s x 1 ms = 1 Erlang -> 2 vCPUs (30% headroom): the small size.
    assert st.size_now == "small" and st.nodes_now == 2
    assert st.horizon.servers is not None and st.horizon.servers > 8
    assert st.size_horizon is None and st.outgrows_largest_size is not None
    assert 0 < (st.outgrows_largest_size.month or 0) < 24
    assert any("unpriced" in w for w in plan.warnings)
    # Storage: 1000/s x 86400 s x 10 days x 1 kB = 864 GB at $0.1 on top of 2 x $100.
    assert st.storage_gb_now == pytest.approx(864)
    assert st.usd_month_now == pytest.approx(200 + 86.4)


def test_capacity_plan_carries_the_recommendation_feasibility_verdict() -> None:
    """`capacity plan` and `recommend` must agree, feasible or not."""
    from archwise.api import capacity, recommend
    from archwise.jsonable import to_jsonable
    from tests.conftest import ROOT

    corpus = ROOT / "benchmarks" / "advice" / "scenarios"
    files = [ROOT / "examples" / "chat-system.yaml", corpus / "quiz-night.yaml"]
    verdicts = []
    for f in files:
        plan = capacity.plan_capacity(f)
        assert plan.feasibility == to_jsonable(recommend.recommend(f).feasibility)
        verdicts.append(plan.feasibility["feasible"] if plan.feasibility else None)
    assert verdicts == [True, False]


def _realtime_req(tmp_path: Path, users: str) -> Path:
    f = tmp_path / "archwise.yaml"
    f.write_text(
        "name: Live scores\n"
        "functional:\n  realtime: true\n  data: {size_gb: 20}\n"
        f"non_functional:\n  users: {users}\n  latency: {{p99_ms: 300}}\n",
        encoding="utf-8",
    )
    return f


def test_a_realtime_plan_derives_concurrency_from_daily_active_users(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from archwise.api.capacity import plan_capacity
    from tests.conftest import invoke

    plan = plan_capacity(_realtime_req(tmp_path, "{daily_active: 50000}"), start=START)
    assert plan.demand_now == pytest.approx(5000)  # 50,000 x 0.1, labelled as an assumption
    assert any("daily active" in a and "concurrent_per_daily_active" in a for a in plan.assumptions)
    conns = next(t for t in plan.tiers if t.kind == "connections")
    assert conns.nodes_now is not None and conns.nodes_now >= 1
    registered = plan_capacity(_realtime_req(tmp_path, "{total: 100000}"), start=START)
    assert registered.demand_now == pytest.approx(100000 * 0.2 * 0.1)
    # A realtime system stated only by its request rate: users follow from it.
    f = _realtime_req(tmp_path, "{}")
    f.write_text(f.read_text() + "  throughput: {peak_rps: 200}\n", encoding="utf-8")
    by_rate = plan_capacity(f, start=START)
    assert by_rate.demand_now == pytest.approx(200 * 60 / 0.6)
    assert any("requests_per_user_per_minute" in a for a in by_rate.assumptions)
    # Nothing about users or rates at all: still a located error, exit 2.
    f = _realtime_req(tmp_path, "{}")
    result = invoke(CliRunner(), "capacity", "plan", str(f))
    assert result.exit_code == 2
    assert "daily_active" in result.output and "non_functional.users.concurrent" in result.output
