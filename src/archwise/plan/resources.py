"""Resources: over-allocation of the team's roles, and a resource-levelled schedule."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass

from archwise.plan.cpm import EPS, CpmResult
from archwise.plan.tasks import TaskGraph


@dataclass(frozen=True)
class Conflict:
    """A stretch of the early-start schedule where one role is needed more than it is staffed."""

    role: str
    start: float
    end: float
    demand: int
    capacity: int
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class LevelledTask:
    """A task's place in the levelled schedule: start, finish and who does it (role #lane)."""

    id: str
    start: float
    finish: float
    lane: str | None
    delay: float


@dataclass(frozen=True)
class Levelled:
    """The resource-levelled schedule: every task within the role head counts."""

    tasks: tuple[LevelledTask, ...]
    duration: float
    workstreams: dict[str, tuple[str, ...]]


def conflicts(graph: TaskGraph, cpm: CpmResult, roles: dict[str, int]) -> list[Conflict]:
    """Stretches of the early-start schedule where a role's tasks outnumber its head count."""
    times = cpm.by_id()
    out: list[Conflict] = []
    for role in sorted(roles):
        cap = roles[role]
        mine = [(i, t.id) for i, t in enumerate(graph.tasks) if t.role == role and t.duration > EPS]
        starts: dict[float, list[tuple[int, str]]] = {}
        ends: dict[float, list[tuple[int, str]]] = {}
        for i, tid in mine:
            starts.setdefault(times[tid].es, []).append((i, tid))
            ends.setdefault(times[tid].ef, []).append((i, tid))
        points = sorted(set(starts) | set(ends))
        active: dict[int, str] = {}
        for a, b in itertools.pairwise(points):
            for i, _ in ends.get(a, []):
                active.pop(i, None)
            for i, tid in starts.get(a, []):
                active[i] = tid
            if len(active) <= cap:
                continue
            ids = tuple(active[i] for i in sorted(active))
            if out and out[-1].role == role and out[-1].tasks == ids and out[-1].end == a:
                prev = out.pop()
                out.append(Conflict(role, prev.start, b, len(ids), cap, ids))
            else:
                out.append(Conflict(role, a, b, len(ids), cap, ids))
    return out


def level(graph: TaskGraph, cpm: CpmResult, roles: dict[str, int]) -> Levelled:
    """Serial schedule generation: the eligible task with the least latest start goes first."""
    times = cpm.by_id()
    n = len(graph.tasks)
    preds = [[graph.index[d] for d in dict.fromkeys(t.depends_on)] for t in graph.tasks]
    succs: list[list[int]] = [[] for _ in range(n)]
    for i, ps in enumerate(preds):
        for p in ps:
            succs[p].append(i)
    waiting = [len(ps) for ps in preds]
    # lanes[role][k] = time person k of that role is free again
    lanes: dict[str, list[float]] = {r: [0.0] * c for r, c in roles.items() if c > 0}
    streams: dict[str, list[str]] = {}
    heap = [(times[t.id].ls, times[t.id].es, i) for i, t in enumerate(graph.tasks) if not preds[i]]
    heapq.heapify(heap)
    start = [0.0] * n
    finish = [0.0] * n
    lane_of: list[str | None] = [None] * n
    while heap:
        _, _, i = heapq.heappop(heap)
        task = graph.tasks[i]
        ready = max((finish[p] for p in preds[i]), default=0.0)
        begin = ready
        if task.role in lanes and task.duration > EPS:
            free = lanes[task.role]
            k = min(range(len(free)), key=lambda j: (max(free[j], ready), j))
            begin = max(free[k], ready)
            free[k] = begin + task.duration
            name = f"{task.role} #{k + 1}"
            lane_of[i] = name
            streams.setdefault(name, []).append(task.id)
        start[i] = begin
        finish[i] = begin + task.duration
        for s in succs[i]:
            waiting[s] -= 1
            if waiting[s] == 0:
                st = times[graph.tasks[s].id]
                heapq.heappush(heap, (st.ls, st.es, s))
    out = tuple(
        LevelledTask(t.id, start[i], finish[i], lane_of[i], start[i] - times[t.id].es)
        for i, t in enumerate(graph.tasks)
    )
    return Levelled(
        out, max(finish, default=0.0), {k: tuple(v) for k, v in sorted(streams.items())}
    )


def peak_parallelism(cpm: CpmResult) -> int:
    """Most tasks of non-zero length running at once in the early-start schedule."""
    events: list[tuple[float, int]] = []
    for t in cpm.times:
        if t.duration > EPS:
            events += [(t.es, 1), (t.ef, -1)]
    events.sort(key=lambda e: (e[0], e[1]))
    best = cur = 0
    for _, delta in events:
        cur += delta
        best = max(best, cur)
    return best
