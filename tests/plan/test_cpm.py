"""CPM, PERT and resources against graphs computed by hand."""

from __future__ import annotations

import datetime as dt
import random
from statistics import NormalDist

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archwise.plan.cpm import critical_path_method
from archwise.plan.pert import monte_carlo, path_pert
from archwise.plan.resources import conflicts, level, peak_parallelism
from archwise.plan.schedule import build_schedule
from archwise.plan.tasks import Estimate, TaskSpec, graph_from_specs, load_tasks
from tests.conftest import EXAMPLES


def cpm(spec: dict[str, tuple[float, list[str]]]):
    ids = list(spec)
    return critical_path_method(ids, [spec[i][0] for i in ids], {i: spec[i][1] for i in ids})


def t(tid: str, d: float, deps: list[str] | None = None, role: str | None = None) -> TaskSpec:
    return TaskSpec(id=tid, name=tid.upper(), duration_days=d, depends_on=deps or [], role=role)


def test_diamond() -> None:
    r = cpm({"a": (3, []), "b": (2, ["a"]), "c": (5, ["a"]), "d": (4, ["b", "c"])}).by_id()
    assert (r["a"].es, r["a"].ef, r["a"].ls, r["a"].lf) == (0, 3, 0, 3)
    assert (r["b"].es, r["b"].ef, r["b"].ls, r["b"].lf) == (3, 5, 6, 8)
    assert (r["c"].es, r["c"].ef, r["c"].ls, r["c"].lf) == (3, 8, 3, 8)
    assert (r["d"].es, r["d"].ef, r["d"].ls, r["d"].lf) == (8, 12, 8, 12)
    assert r["b"].slack == 3 and not r["b"].critical
    res = cpm({"a": (3, []), "b": (2, ["a"]), "c": (5, ["a"]), "d": (4, ["b", "c"])})
    assert res.duration == 12
    assert res.critical_paths == (("a", "c", "d"),)


def test_diamond_with_two_equal_branches_has_two_critical_paths() -> None:
    res = cpm({"a": (1, []), "b": (2, ["a"]), "c": (2, ["a"]), "d": (1, ["b", "c"])})
    assert res.critical_paths == (("a", "b", "d"), ("a", "c", "d"))


def test_parallel_chains() -> None:
    res = cpm({"x1": (2, []), "x2": (3, ["x1"]), "y1": (4, []), "y2": (4, ["y1"])})
    r = res.by_id()
    assert res.duration == 8
    assert r["x1"].slack == 3 and r["x2"].slack == 3
    assert (r["x2"].ls, r["x2"].lf) == (5, 8)
    assert res.critical_paths == (("y1", "y2"),)
    assert peak_parallelism(res) == 2


def test_zero_duration_milestones() -> None:
    res = cpm(
        {
            "kickoff": (0, []),
            "build": (5, ["kickoff"]),
            "beta": (0, ["build"]),
            "docs": (2, ["beta"]),
            "ops": (2, ["beta"]),
            "launch": (0, ["docs", "ops"]),
        }
    )
    r = res.by_id()
    assert res.duration == 7
    assert (r["beta"].es, r["beta"].ef) == (5, 5)
    assert (r["launch"].es, r["launch"].lf) == (7, 7)
    assert all(x.critical for x in res.times)
    assert res.critical_paths == (
        ("kickoff", "build", "beta", "docs", "launch"),
        ("kickoff", "build", "beta", "ops", "launch"),
    )


def test_file_order_does_not_matter() -> None:
    res = cpm({"d": (4, ["b", "c"]), "c": (5, ["a"]), "b": (2, ["a"]), "a": (3, [])})
    assert res.duration == 12
    assert res.critical_paths == (("a", "c", "d"),)


def test_random_dag_invariants() -> None:
    rng = random.Random(7)
    spec: dict[str, tuple[float, list[str]]] = {}
    for i in range(300):
        deps = rng.sample([f"t{j}" for j in range(i)], k=min(i, rng.randint(0, 3)))
        spec[f"t{i}"] = (float(rng.randint(0, 9)), deps)
    res = cpm(spec)
    r = res.by_id()
    for tid, (dur, deps) in spec.items():
        assert r[tid].ef == r[tid].es + dur
        assert r[tid].slack >= -1e-9
        for d in deps:
            assert r[d].ef <= r[tid].es + 1e-9
            assert r[d].lf <= r[tid].ls + 1e-9
    assert res.critical_paths
    for path in res.critical_paths:
        assert sum(spec[x][0] for x in path) == pytest.approx(res.duration)


def test_pert_along_critical_path_of_chat_example() -> None:
    g = load_tasks(EXAMPLES / "chat-tasks.yaml")
    res = critical_path_method(
        [x.id for x in g.tasks],
        [x.duration for x in g.tasks],
        {x.id: x.depends_on for x in g.tasks},
    )
    # ws is the only three-point task: (5 + 4*8 + 15)/6 = 8.667, variance (10/6)^2
    assert g.task("ws").duration == pytest.approx(52 / 6)
    p = path_pert(g, res, 38.0)
    assert p is not None
    mean = 5 + 52 / 6 + 6 + 8 + 5 + 5 + 0
    assert p.mean == pytest.approx(mean)
    assert p.variance == pytest.approx((10 / 6) ** 2)
    assert p.probability == pytest.approx(NormalDist(mean, 10 / 6).cdf(38.0))
    assert p.path[:5] == ("auth", "ws", "send", "channels", "deploy")


def test_monte_carlo_is_seeded_and_agrees_with_normal_on_one_task() -> None:
    g = graph_from_specs(
        [TaskSpec(id="a", name="A", estimate=Estimate(optimistic=0, likely=5, pessimistic=10))]
    )
    one = monte_carlo(g, 5.0, samples=4000, seed=3)
    two = monte_carlo(g, 5.0, samples=4000, seed=3)
    assert one == two
    assert one.probability == pytest.approx(0.5, abs=0.03)
    assert one.mean == pytest.approx(5.0, abs=0.1)
    assert monte_carlo(g, 5.0, samples=4000, seed=4) != one


def test_monte_carlo_sees_near_critical_paths() -> None:
    # two parallel uncertain chains of equal mean: the project takes the max, so P(mean) < PERT's
    est = Estimate(optimistic=5, likely=10, pessimistic=15)
    g = graph_from_specs(
        [
            TaskSpec(id="a", name="A", estimate=est),
            TaskSpec(id="b", name="B", estimate=est),
            TaskSpec(id="end", name="End", duration_days=0, depends_on=["a", "b"]),
        ]
    )
    s = build_schedule(g, target_days=10.0, samples=5000, seed=1)
    assert s.pert is not None and s.monte_carlo is not None
    assert s.pert.probability == pytest.approx(0.5)
    assert s.monte_carlo.probability == pytest.approx(0.25, abs=0.03)


def test_role_conflict_and_levelling() -> None:
    g = graph_from_specs(
        [
            t("api", 4, role="backend"),
            t("db", 3, role="backend"),
            t("ui", 5, role="frontend"),
            t("ship", 1, ["api", "db", "ui"], role="backend"),
        ]
    )
    res = critical_path_method(
        [x.id for x in g.tasks],
        [x.duration for x in g.tasks],
        {x.id: x.depends_on for x in g.tasks},
    )
    found = conflicts(g, res, {"backend": 1, "frontend": 1})
    assert [(c.role, c.start, c.end, c.tasks) for c in found] == [
        ("backend", 0.0, 3.0, ("api", "db"))
    ]
    lev = level(g, res, {"backend": 1, "frontend": 1})
    by = {x.id: x for x in lev.tasks}
    # api has the least latest start (1 vs 2), so it goes first; db waits for the one backend
    assert (by["api"].start, by["db"].start, by["ship"].start) == (0, 4, 7)
    assert lev.duration == 8
    assert lev.workstreams == {"backend #1": ("api", "db", "ship"), "frontend #1": ("ui",)}
    assert conflicts(g, res, {"backend": 2, "frontend": 1}) == []
    assert level(g, res, {"backend": 2, "frontend": 1}).duration == res.duration


def test_chat_schedule_with_team_roles_and_dates() -> None:
    g = load_tasks(EXAMPLES / "chat-tasks.yaml")
    s = build_schedule(
        g,
        start=dt.date(2027, 1, 4),
        roles={"backend": 2, "frontend": 2, "full-stack": 1},
        samples=2000,
    )
    by = {x.id: x for x in s.tasks}
    assert by["auth"].start_date == dt.date(2027, 1, 4)
    assert by["auth"].finish_date == dt.date(2027, 1, 8)
    assert by["ws"].start_date == dt.date(2027, 1, 11)  # after the weekend
    assert by["mvp"].milestone and by["mvp"].critical
    assert by["web-ui"].slack == pytest.approx(7.667)
    assert s.duration_days == pytest.approx(37.667)
    assert s.conflicts == []
    assert s.levelled_duration_days == pytest.approx(s.duration_days)
    assert set(s.workstreams) == {"backend #1", "backend #2", "frontend #1", "full-stack #1"}
    assert s.risk_areas == ["ws"]  # the one three-point task, and it is critical


def test_chat_schedule_with_a_smaller_team_conflicts() -> None:
    g = load_tasks(EXAMPLES / "chat-tasks.yaml")
    s = build_schedule(g, roles={"backend": 1, "frontend": 1, "full-stack": 1}, samples=0)
    assert any(c.role == "backend" and c.capacity == 1 for c in s.conflicts)
    assert s.levelled_duration_days is not None
    assert s.levelled_duration_days > s.duration_days


def _longest_path_by_enumeration(spec: dict[str, tuple[float, list[str]]]) -> float:
    """Every path from a source to a sink, summed: the definition CPM must agree with."""
    succ: dict[str, list[str]] = {k: [] for k in spec}
    for k, (_, deps) in spec.items():
        for d in deps:
            succ[d].append(k)

    def longest_from(node: str) -> float:
        return spec[node][0] + max((longest_from(s) for s in succ[node]), default=0.0)

    return max(longest_from(k) for k, (_, deps) in spec.items() if not deps)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_cpm_matches_path_enumeration_on_small_random_dags(data) -> None:
    n = data.draw(st.integers(1, 9))
    spec: dict[str, tuple[float, list[str]]] = {}
    for i in range(n):
        deps = (
            data.draw(
                st.lists(st.sampled_from([f"t{j}" for j in range(i)]), unique=True, max_size=3)
            )
            if i
            else []
        )
        spec[f"t{i}"] = (float(data.draw(st.integers(0, 6))), deps)
    res = cpm(spec)
    assert res.duration == pytest.approx(_longest_path_by_enumeration(spec))
    for path in res.critical_paths:
        assert sum(spec[x][0] for x in path) == pytest.approx(res.duration)


def test_two_thousand_task_graph_agrees_with_a_dynamic_programme() -> None:
    rng = random.Random(2000)
    spec: dict[str, tuple[float, list[str]]] = {}
    for i in range(2000):
        k = min(i, rng.randint(0, 4))
        spec[f"t{i}"] = (float(rng.randint(0, 10)), [f"t{j}" for j in rng.sample(range(i), k)])
    finish: dict[str, float] = {}
    for key, (dur, deps) in spec.items():  # keys are in topological order
        finish[key] = dur + max((finish[d] for d in deps), default=0.0)
    res = cpm(spec)
    assert res.duration == max(finish.values())
    r = res.by_id()
    assert all(r[k].ef == finish[k] for k in spec)
    assert sum(1 for t in res.times if t.critical) >= len(res.critical_paths[0])


def test_unstaffed_roles_and_bad_targets() -> None:
    from archwise.api.plan import schedule_tasks
    from archwise.errors import InputError

    g = graph_from_specs([t("a", 2, role="ops"), t("b", 3, ["a"], role="backend")])
    s = schedule_tasks(g, roles={"backend": 1}, samples=0)
    assert s.unstaffed_roles == ["ops"]
    assert any("role 'ops' has tasks but no one" in w for w in s.warnings)
    with pytest.raises(InputError, match="needs --start"):
        schedule_tasks(g, target=dt.date(2027, 1, 1))
    with pytest.raises(InputError, match="before the start"):
        schedule_tasks(g, start=dt.date(2027, 1, 4), target=dt.date(2026, 12, 1))
    late = schedule_tasks(g, start=dt.date(2027, 1, 2), target=dt.date(2027, 1, 7))
    assert late.start == dt.date(2027, 1, 4)  # a Saturday start moves to Monday
    assert late.target_days == 4 and late.pert is not None and late.pert.probability == 0.0
    assert any("more likely missed" in w for w in late.warnings)
