"""PERT: completion probability along the critical path, and a seeded Monte Carlo over the graph."""

from __future__ import annotations

import math
from dataclasses import dataclass

from archwise.plan.cpm import CpmResult, topological_order
from archwise.plan.tasks import TaskGraph

DEFAULT_SAMPLES = 10_000
CHUNK = 2_000


@dataclass(frozen=True)
class PertPath:
    """The PERT view of one critical path: mean, variance and the probability of a target."""

    path: tuple[str, ...]
    mean: float
    variance: float
    target_days: float | None
    probability: float | None

    @property
    def std(self) -> float:
        """Standard deviation of the path length, in working days."""
        return math.sqrt(self.variance)


@dataclass(frozen=True)
class MonteCarlo:
    """Distribution of the project length from sampling every task (Beta-PERT)."""

    samples: int
    seed: int
    mean: float
    p50: float
    p80: float
    p95: float
    probability: float | None
    criticality: dict[str, float]


def normal_cdf(x: float) -> float:
    """Standard normal cumulative distribution."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def path_pert(graph: TaskGraph, cpm: CpmResult, target_days: float | None) -> PertPath | None:
    """PERT along the critical path with the largest variance (the riskier of equal paths)."""
    if not cpm.critical_paths:
        return None
    best = max(
        cpm.critical_paths,
        key=lambda p: sum(graph.task(t).variance for t in p),
    )
    mean = sum(graph.task(t).duration for t in best)
    var = sum(graph.task(t).variance for t in best)
    prob: float | None = None
    if target_days is not None:
        if var <= 0:
            prob = 1.0 if target_days + 1e-9 >= mean else 0.0
        else:
            prob = normal_cdf((target_days - mean) / math.sqrt(var))
    return PertPath(best, mean, var, target_days, prob)


def monte_carlo(
    graph: TaskGraph,
    target_days: float | None,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> MonteCarlo:
    """Sample every three-point task from a Beta-PERT distribution and run CPM per sample."""
    import numpy as np

    tasks = graph.tasks
    n = len(tasks)
    ids = [t.id for t in tasks]
    order = topological_order(ids, {t.id: t.depends_on for t in tasks})
    preds = [[graph.index[d] for d in dict.fromkeys(t.depends_on)] for t in tasks]
    succs: list[list[int]] = [[] for _ in range(n)]
    for i, ps in enumerate(preds):
        for p in ps:
            succs[p].append(i)
    rng = np.random.default_rng(seed)
    totals = np.empty(samples)
    critical_counts = np.zeros(n)
    done = 0
    while done < samples:
        m = min(CHUNK, samples - done)
        # one row per task: each row is contiguous, so the passes below read memory in order
        dur = np.empty((n, m))
        for i, t in enumerate(tasks):
            e = t.estimate
            if e is None or e.pessimistic - e.optimistic <= 0:
                dur[i] = t.duration
                continue
            span = e.pessimistic - e.optimistic
            a = 1 + 4 * (e.likely - e.optimistic) / span
            b = 1 + 4 * (e.pessimistic - e.likely) / span
            dur[i] = e.optimistic + span * rng.beta(a, b, size=m)
        ef = np.empty((n, m))
        for i in order:
            ps = preds[i]
            if not ps:
                ef[i] = dur[i]
            elif len(ps) == 1:
                np.add(ef[ps[0]], dur[i], out=ef[i])
            else:
                np.add(ef[ps].max(axis=0), dur[i], out=ef[i])
        end = ef.max(axis=0)
        ls = np.empty((n, m))
        for i in reversed(order):
            ss = succs[i]
            if not ss:
                np.subtract(end, dur[i], out=ls[i])
            elif len(ss) == 1:
                np.subtract(ls[ss[0]], dur[i], out=ls[i])
            else:
                np.subtract(ls[ss].min(axis=0), dur[i], out=ls[i])
        slack = ls - (ef - dur)
        critical_counts += (slack < 1e-9).sum(axis=1)
        totals[done : done + m] = end
        done += m
    prob = None if target_days is None else float((totals <= target_days + 1e-9).mean())
    p50, p80, p95 = (float(v) for v in np.percentile(totals, [50, 80, 95]))
    crit = {ids[i]: round(float(critical_counts[i]) / samples, 4) for i in range(n)}
    return MonteCarlo(samples, seed, float(totals.mean()), p50, p80, p95, prob, crit)
