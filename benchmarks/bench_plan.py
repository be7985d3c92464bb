"""Benchmark: CPM over a random 2,000-task DAG, archwise against networkx's longest path.

Run: python benchmarks/bench_plan.py [--tasks 2000] [--repeat 5]
networkx computes only the longest path; archwise computes earliest/latest times, slack and
every critical path, then levels resources and runs a Monte Carlo: its extra work is timed too.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from archwise.plan.cpm import critical_path_method
from archwise.plan.schedule import build_schedule
from archwise.plan.tasks import Estimate, TaskSpec, graph_from_specs


def random_dag(n: int, seed: int) -> list[TaskSpec]:
    """A random DAG: each task depends on up to 4 earlier tasks; a third are three-point."""
    rng = random.Random(seed)
    out: list[TaskSpec] = []
    roles = ["backend", "frontend", "full-stack", "ops"]
    for i in range(n):
        deps = sorted({f"t{rng.randrange(i)}" for _ in range(rng.randint(0, 4))}) if i else []
        if rng.random() < 1 / 3:
            o = rng.randint(1, 5)
            m = o + rng.randint(0, 5)
            est = Estimate(optimistic=o, likely=m, pessimistic=m + rng.randint(0, 10))
            out.append(
                TaskSpec(
                    id=f"t{i}", name=f"T{i}", estimate=est, depends_on=deps, role=rng.choice(roles)
                )
            )
        else:
            out.append(
                TaskSpec(
                    id=f"t{i}",
                    name=f"T{i}",
                    duration_days=rng.randint(0, 10),
                    depends_on=deps,
                    role=rng.choice(roles),
                )
            )
    return out


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    specs = random_dag(args.tasks, seed=42)
    graph = graph_from_specs(specs)
    ids = [t.id for t in specs]
    durs = [t.duration for t in specs]
    deps = {t.id: t.depends_on for t in specs}

    import networkx as nx

    def peer() -> float:
        g = nx.DiGraph()
        g.add_node("_end")
        for t in specs:
            g.add_edge(t.id, "_end", weight=t.duration)
            for d in t.depends_on:
                g.add_edge(d, t.id, weight=graph.task(d).duration)
        return float(nx.dag_longest_path_length(g, weight="weight"))

    ours = critical_path_method(ids, durs, deps)
    assert abs(ours.duration - peer()) < 1e-6, (ours.duration, peer())
    t_ours = timed(lambda: critical_path_method(ids, durs, deps), args.repeat)
    t_peer = timed(peer, args.repeat)
    roles = {"backend": 3, "frontend": 2, "full-stack": 1, "ops": 1}
    t_full = timed(lambda: build_schedule(graph, roles=roles, samples=0), args.repeat)
    t_mc = timed(lambda: build_schedule(graph, samples=10_000), 1)
    print(f"tasks: {args.tasks}, edges: {sum(len(d) for d in deps.values())}")
    print(f"project length: {ours.duration:g} days (networkx agrees)")
    print(f"archwise CPM (forward+backward, slack, critical paths): {t_ours * 1000:.1f} ms")
    print(f"networkx dag_longest_path_length (length only):          {t_peer * 1000:.1f} ms")
    print(f"ratio archwise/networkx: {t_ours / t_peer:.2f}")
    print(f"archwise full schedule + conflicts + levelling:          {t_full * 1000:.1f} ms")
    print(f"archwise schedule + Monte Carlo (10,000 runs):           {t_mc * 1000:.1f} ms")


if __name__ == "__main__":
    main()
