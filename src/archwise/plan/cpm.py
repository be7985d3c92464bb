"""Critical path method: earliest and latest start and finish, slack, the critical path(s)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

EPS = 1e-9
MAX_PATHS = 20


@dataclass(frozen=True)
class TaskTimes:
    """CPM times of one task, in working days from the project start."""

    id: str
    duration: float
    es: float
    ef: float
    ls: float
    lf: float

    @property
    def slack(self) -> float:
        """Total float: how long the task can slip without delaying the project."""
        return self.ls - self.es

    @property
    def critical(self) -> bool:
        """True when any slip delays the project."""
        return abs(self.slack) < EPS


@dataclass(frozen=True)
class CpmResult:
    """The CPM schedule: per-task times in file order, the project length and critical paths."""

    times: tuple[TaskTimes, ...]
    duration: float
    critical_paths: tuple[tuple[str, ...], ...]
    order: tuple[str, ...]

    def by_id(self) -> dict[str, TaskTimes]:
        """Task times keyed by id."""
        return {t.id: t for t in self.times}


def topological_order(ids: list[str], deps: dict[str, list[str]]) -> list[int]:
    """Indices of ids in dependency order, ties broken by file order (deterministic)."""
    pos = {t: i for i, t in enumerate(ids)}
    indeg = [0] * len(ids)
    succ: list[list[int]] = [[] for _ in ids]
    for i, t in enumerate(ids):
        for d in dict.fromkeys(deps.get(t, [])):
            succ[pos[d]].append(i)
            indeg[i] += 1
    ready = [i for i, n in enumerate(indeg) if n == 0]
    heapq.heapify(ready)
    out: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        out.append(i)
        for j in succ[i]:
            indeg[j] -= 1
            if indeg[j] == 0:
                heapq.heappush(ready, j)
    if len(out) != len(ids):
        raise ValueError("the task graph has a cycle")
    return out


def critical_path_method(
    ids: list[str], durations: list[float], deps: dict[str, list[str]]
) -> CpmResult:
    """Forward and backward pass over a DAG given in any order (dependencies by id)."""
    n = len(ids)
    pos = {t: i for i, t in enumerate(ids)}
    preds: list[list[int]] = [[pos[d] for d in dict.fromkeys(deps.get(t, []))] for t in ids]
    succs: list[list[int]] = [[] for _ in range(n)]
    for i, ps in enumerate(preds):
        for p in ps:
            succs[p].append(i)
    order = topological_order(ids, deps)
    es = [0.0] * n
    ef = [0.0] * n
    for i in order:
        es[i] = max((ef[p] for p in preds[i]), default=0.0)
        ef[i] = es[i] + durations[i]
    end = max(ef, default=0.0)
    lf = [end] * n
    ls = [end] * n
    for i in reversed(order):
        lf[i] = min((ls[s] for s in succs[i]), default=end)
        ls[i] = lf[i] - durations[i]
    times = tuple(TaskTimes(ids[i], durations[i], es[i], ef[i], ls[i], lf[i]) for i in range(n))
    paths = _critical_paths(times, preds, succs, end)
    return CpmResult(times, end, paths, tuple(ids[i] for i in order))


def _critical_paths(
    times: tuple[TaskTimes, ...],
    preds: list[list[int]],
    succs: list[list[int]],
    end: float,
) -> tuple[tuple[str, ...], ...]:
    crit = [t.critical for t in times]

    def tight(a: int, b: int) -> bool:
        return crit[b] and abs(times[a].ef - times[b].es) < EPS

    starts = [
        i
        for i in range(len(times))
        if crit[i] and times[i].es < EPS and not any(tight(p, i) for p in preds[i] if crit[p])
    ]
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[int, tuple[int, ...]]] = [(s, (s,)) for s in reversed(starts)]
    while stack and len(paths) < MAX_PATHS:
        i, path = stack.pop()
        nxt = [s for s in succs[i] if tight(i, s)]
        if not nxt:
            if abs(times[i].ef - end) < EPS:
                paths.append(tuple(times[k].id for k in path))
            continue
        for s in reversed(sorted(nxt)):
            stack.append((s, (*path, s)))
    return tuple(paths)
