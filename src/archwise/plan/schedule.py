"""The schedule of a task graph: CPM, PERT, Monte Carlo, calendar dates and resources together."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from archwise.plan import pert, resources, workdays
from archwise.plan.cpm import critical_path_method
from archwise.plan.tasks import TaskGraph
from archwise.schema import Model


def _r(x: float) -> float:
    return round(x, 3) + 0.0


class ScheduledTask(Model):
    """One task with its CPM times (working days), dates, slack and levelled start."""

    id: str
    name: str
    role: str | None
    duration_days: float
    variance: float
    depends_on: list[str]
    es: float
    ef: float
    ls: float
    lf: float
    slack: float
    critical: bool
    milestone: bool
    start_date: dt.date | None = None
    finish_date: dt.date | None = None
    levelled_start: float | None = None
    levelled_finish: float | None = None
    levelled_start_date: dt.date | None = None
    levelled_finish_date: dt.date | None = None
    lane: str | None = None
    criticality: float | None = Field(None, description="share of Monte Carlo runs it was critical")


class RoleConflict(Model):
    """A role needed by more tasks at once than it has people."""

    role: str
    start_day: float
    end_day: float
    demand: int
    capacity: int
    tasks: list[str]
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PertSummary(Model):
    """PERT along the critical path (normal approximation)."""

    path: list[str]
    mean_days: float
    variance: float
    std_days: float
    target_days: float | None
    probability: float | None


class MonteCarloSummary(Model):
    """Seeded Monte Carlo over the whole graph (near-critical paths included)."""

    samples: int
    seed: int
    mean_days: float
    p50_days: float
    p80_days: float
    p95_days: float
    probability: float | None


class Schedule(Model):
    """Everything the plan knows about a task graph."""

    file: str | None
    start: dt.date | None
    target: dt.date | None
    target_days: float | None
    duration_days: float
    finish_date: dt.date | None
    critical_paths: list[list[str]]
    tasks: list[ScheduledTask]
    pert: PertSummary | None
    monte_carlo: MonteCarloSummary | None
    peak_parallel_tasks: int
    workstreams: dict[str, list[str]]
    conflicts: list[RoleConflict]
    levelled_duration_days: float | None
    levelled_finish_date: dt.date | None
    unstaffed_roles: list[str]
    risk_areas: list[str] = Field(
        default_factory=list,
        description="uncertain tasks that can delay the project, most uncertain first",
    )
    warnings: list[str]


def _risk_areas(tasks: list[ScheduledTask]) -> list[str]:
    """Uncertain tasks on (or, by Monte Carlo, often on) the critical path: what might delay us."""
    hits = [t for t in tasks if t.variance > 0 and (t.critical or (t.criticality or 0.0) >= 0.2)]
    return [t.id for t in sorted(hits, key=lambda t: (-t.variance, t.id))]


def build_schedule(
    graph: TaskGraph,
    *,
    start: dt.date | None = None,
    target: dt.date | None = None,
    target_days: float | None = None,
    roles: dict[str, int] | None = None,
    samples: int = pert.DEFAULT_SAMPLES,
    seed: int = 0,
) -> Schedule:
    """Schedule a task graph; dates only when a start date is given."""
    warnings: list[str] = []
    if start is not None:
        start = workdays.first_workday(start)
    if target is not None:
        if start is None:
            raise ValueError("a target date needs a start date")
        target_days = float(workdays.workdays_until(start, target))
    ids = [t.id for t in graph.tasks]
    cpm = critical_path_method(
        ids, [t.duration for t in graph.tasks], {t.id: t.depends_on for t in graph.tasks}
    )
    times = cpm.by_id()
    path = pert.path_pert(graph, cpm, target_days)
    mc = None
    if samples > 0 and any(t.estimate is not None for t in graph.tasks):
        mc = pert.monte_carlo(graph, target_days, samples=samples, seed=seed)

    staffed = {r: c for r, c in (roles or {}).items()}
    used_roles = sorted({t.role for t in graph.tasks if t.role})
    unstaffed = [r for r in used_roles if roles is not None and staffed.get(r, 0) <= 0]
    for r in unstaffed:
        warnings.append(
            f"role '{r}' has tasks but no one in constraints.team.roles; "
            "its tasks are scheduled without a head-count limit"
        )
    limited = {r: c for r, c in staffed.items() if c > 0}
    conflicts = resources.conflicts(graph, cpm, limited) if roles else []
    levelled = resources.level(graph, cpm, limited) if roles else None
    lev_by = {t.id: t for t in levelled.tasks} if levelled else {}
    # Without a team, every role gets as many people as it has tasks: the lanes then show the
    # parallel workstreams the graph allows.
    streams = levelled or resources.level(
        graph, cpm, {r: sum(1 for t in graph.tasks if t.role == r) for r in used_roles}
    )

    def date_pair(es: float, ef: float) -> tuple[dt.date | None, dt.date | None]:
        if start is None:
            return None, None
        return workdays.task_dates(start, es, ef)

    out: list[ScheduledTask] = []
    for t in graph.tasks:
        tt = times[t.id]
        sd, fd = date_pair(tt.es, tt.ef)
        lt = lev_by.get(t.id)
        lsd, lfd = date_pair(lt.start, lt.finish) if lt else (None, None)
        out.append(
            ScheduledTask(
                id=t.id,
                name=t.name,
                role=t.role,
                duration_days=_r(t.duration),
                variance=_r(t.variance),
                depends_on=list(t.depends_on),
                es=_r(tt.es),
                ef=_r(tt.ef),
                ls=_r(tt.ls),
                lf=_r(tt.lf),
                slack=_r(tt.slack),
                critical=tt.critical,
                milestone=t.duration == 0,
                start_date=sd,
                finish_date=fd,
                levelled_start=_r(lt.start) if lt else None,
                levelled_finish=_r(lt.finish) if lt else None,
                levelled_start_date=lsd,
                levelled_finish_date=lfd,
                lane=lt.lane if lt else None,
                criticality=mc.criticality.get(t.id) if mc else None,
            )
        )
    conf_out = []
    for c in conflicts:
        sd, ed = date_pair(c.start, c.end)
        conf_out.append(
            RoleConflict(
                role=c.role,
                start_day=_r(c.start),
                end_day=_r(c.end),
                demand=c.demand,
                capacity=c.capacity,
                tasks=list(c.tasks),
                start_date=sd,
                end_date=ed,
            )
        )
    if path is not None and path.probability is not None and path.probability < 0.5:
        warnings.append(f"the target is more likely missed than met (PERT {path.probability:.0%})")
    finish = date_pair(0.0, cpm.duration)[1] if start else None
    lev_finish = date_pair(0.0, levelled.duration)[1] if start is not None and levelled else None
    return Schedule(
        file=graph.file,
        start=start,
        target=target,
        target_days=target_days,
        duration_days=_r(cpm.duration),
        finish_date=finish,
        critical_paths=[list(p) for p in cpm.critical_paths],
        tasks=out,
        pert=(
            PertSummary(
                path=list(path.path),
                mean_days=_r(path.mean),
                variance=_r(path.variance),
                std_days=_r(path.std),
                target_days=target_days,
                probability=None if path.probability is None else round(path.probability, 4),
            )
            if path
            else None
        ),
        monte_carlo=(
            MonteCarloSummary(
                samples=mc.samples,
                seed=mc.seed,
                mean_days=_r(mc.mean),
                p50_days=_r(mc.p50),
                p80_days=_r(mc.p80),
                p95_days=_r(mc.p95),
                probability=None if mc.probability is None else round(mc.probability, 4),
            )
            if mc
            else None
        ),
        peak_parallel_tasks=resources.peak_parallelism(cpm),
        workstreams={k: list(v) for k, v in streams.workstreams.items()},
        conflicts=conf_out,
        levelled_duration_days=_r(levelled.duration) if levelled else None,
        levelled_finish_date=lev_finish,
        unstaffed_roles=unstaffed,
        risk_areas=_risk_areas(out),
        warnings=warnings,
    )
