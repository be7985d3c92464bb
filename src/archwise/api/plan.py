"""Public API of delivery planning: phases, the task schedule, exports and the risk register."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from archwise import __version__
from archwise.errors import ArchwiseError, InputError
from archwise.fileio import check_target, write_output
from archwise.kb.schemas.phase import Phase
from archwise.kb.schemas.risk import RiskQuestion
from archwise.plan import chart, export
from archwise.plan import risks as risk_logic
from archwise.plan.phases import DeliveryPhase, Metric
from archwise.plan.planner import Plan, build_plan
from archwise.plan.risks import STATUSES, Register, Risk
from archwise.plan.schedule import Schedule, ScheduledTask, build_schedule
from archwise.plan.tasks import TaskGraph, load_tasks, parse_tasks
from archwise.requirements.models import Requirements
from archwise.workspace import open_workspace

__all__ = [
    "STATUSES",
    "DeliveryPhase",
    "Metric",
    "Plan",
    "Register",
    "Risk",
    "Schedule",
    "ScheduledTask",
    "TaskGraph",
    "add_risk",
    "export_plan",
    "gantt_mermaid",
    "gantt_png",
    "load_task_graph",
    "parse_task_graph",
    "plan",
    "plan_csv",
    "plan_ics",
    "risk_register",
    "schedule_tasks",
    "show_risk",
    "update_risk",
]

RISK_KIND = "risks"


def load_task_graph(path: str | Path) -> TaskGraph:
    """Load and check a task graph file (located errors on unknown ids, duplicates, cycles)."""
    return load_tasks(path)


def parse_task_graph(text: str, file: str | None = None) -> TaskGraph:
    """Parse and check a task graph from YAML text."""
    return parse_tasks(text, file=file)


def _kb() -> Any:
    """The knowledge base with the workspace's overlays (config, ARCHWISE_KB) and radar."""
    from archwise.kb.loader import load_kb

    ws = open_workspace()
    return load_kb(tuple(ws.kb_dirs()), ws.radar_file())


def _phases() -> list[Phase]:
    return [p for p in _kb().documents("phases") if isinstance(p, Phase)]


def _questions() -> list[RiskQuestion]:
    return [q for q in _kb().documents("risks") if isinstance(q, RiskQuestion)]


def _requirements(path: str | Path) -> Requirements:
    from archwise.requirements.loader import load_requirements

    return load_requirements(path)


def recommendation_for(path: str | Path) -> dict[str, Any] | None:
    """The recommendation's JSON document for a requirements file, or None when unavailable."""
    try:
        mod = importlib.import_module("archwise.api.recommend")
    except ImportError:
        return None
    fn = getattr(mod, "recommend", None)
    if fn is None:
        return None
    result = fn(Path(path))
    if hasattr(result, "model_dump"):
        dumped: dict[str, Any] = result.model_dump(mode="json")
        return dumped
    return dict(result) if isinstance(result, dict) else None


def schedule_tasks(
    tasks: str | Path | TaskGraph,
    *,
    start: dt.date | None = None,
    target: dt.date | None = None,
    roles: dict[str, int] | None = None,
    samples: int = 10_000,
    seed: int = 0,
) -> Schedule:
    """CPM, PERT, Monte Carlo, calendar dates and resource levelling of a task graph."""
    graph = tasks if isinstance(tasks, TaskGraph) else load_tasks(tasks)
    if target is not None and start is None:
        raise InputError("--target needs --start (the date the work begins)", field="target")
    if start is not None and target is not None and target < start:
        raise InputError(
            f"the target {target.isoformat()} is before the start {start.isoformat()}",
            field="target",
        )
    if samples < 0:
        raise InputError("the number of Monte Carlo samples must be >= 0", field="samples")
    return build_schedule(
        graph, start=start, target=target, roles=roles, samples=samples, seed=seed
    )


def plan(
    requirements: str | Path | None = None,
    *,
    tasks: str | Path | None = None,
    start: dt.date | None = None,
    target: dt.date | None = None,
    samples: int = 10_000,
    seed: int = 0,
    recommendation: dict[str, Any] | None = None,
    use_recommendation: bool = True,
) -> Plan:
    """The delivery plan of a requirements file and/or a task graph."""
    if requirements is None and tasks is None:
        raise InputError("give a requirements file, a task graph (--tasks), or both")
    req = _requirements(requirements) if requirements is not None else None
    if recommendation is None and use_recommendation and requirements is not None:
        recommendation = _safe_recommendation(requirements)
    schedule = None
    if tasks is not None:
        team = req.constraints.team if req and req.constraints else None
        roles = dict(team.roles) if team and team.roles else None
        schedule = schedule_tasks(
            tasks, start=start, target=target, roles=roles, samples=samples, seed=seed
        )
    return build_plan(
        req,
        _phases(),
        file=str(requirements) if requirements is not None else None,
        schedule=schedule,
        recommendation=recommendation,
        generated_by=f"archwise {__version__}",
    )


def _safe_recommendation(path: str | Path) -> dict[str, Any] | None:
    try:
        return recommendation_for(path)
    except ArchwiseError:
        return None


def _title(p: Plan) -> str:
    return str(p.requirements.get("name") or "Delivery plan")


def gantt_mermaid(p: Plan) -> str:
    """The plan's Gantt chart as Mermaid text."""
    if p.schedule is None:
        raise InputError("a Gantt chart needs a task graph (--tasks)", field="tasks")
    return export.mermaid_gantt(p.schedule, title=_title(p))


def gantt_png(p: Plan) -> bytes:
    """The plan's Gantt chart as PNG bytes."""
    if p.schedule is None:
        raise InputError("a Gantt chart needs a task graph (--tasks)", field="tasks")
    return chart.gantt_png(p.schedule, title=_title(p))


def plan_ics(p: Plan) -> str:
    """The plan's tasks as an iCalendar file (needs a start date)."""
    if p.schedule is None:
        raise InputError("an iCalendar export needs a task graph (--tasks)", field="tasks")
    if p.schedule.start is None:
        raise InputError("an iCalendar export needs --start", field="start")
    return export.ics(p.schedule, subject=_title(p))


def plan_csv(p: Plan) -> str:
    """The plan's tasks as CSV."""
    if p.schedule is None:
        raise InputError("a CSV export needs a task graph (--tasks)", field="tasks")
    return export.to_csv(p.schedule)


def export_plan(
    p: Plan,
    *,
    gantt: str | Path | None = None,
    ics: str | Path | None = None,
    csv: str | Path | None = None,
    inputs: Sequence[str | Path | None] = (),
    force: bool = False,
) -> list[Path]:
    """Write the requested exports (all built and checked first, so nothing is half-written).

    No export replaces one of the plan's inputs (or the workspace's archwise.yaml) unless forced.
    """
    protected = [*inputs, open_workspace().requirements_file]
    for target in (gantt, ics, csv):
        if target is not None:
            check_target(target, inputs=protected, force=force)
    out: list[tuple[Path, str | bytes]] = []
    if gantt is not None:
        g = Path(gantt)
        if g.suffix.lower() == ".png":
            out.append((g, gantt_png(p)))
        elif g.suffix.lower() in {".mmd", ".mermaid", ".md"}:
            text = gantt_mermaid(p)
            out.append((g, f"```mermaid\n{text}```\n" if g.suffix.lower() == ".md" else text))
        else:
            raise InputError(
                "the Gantt file must end in .mmd, .mermaid, .md or .png", file=g, field="gantt"
            )
    if ics is not None:
        out.append((Path(ics), plan_ics(p)))
    if csv is not None:
        out.append((Path(csv), plan_csv(p)))
    return [write_output(path, data, inputs=protected, force=force) for path, data in out]


# --- the risk register ---------------------------------------------------------------------------


def _store(db: str | None) -> Any:
    from archwise.store import open_store

    return open_store(db, workspace=open_workspace())


def store_exists(db: str | None) -> bool:
    """False when the default SQLite store has not been created yet (reading must not create it)."""
    url = open_workspace().db_url(db)
    prefix = "sqlite:///"
    return not url.startswith(prefix) or Path(url[len(prefix) :]).is_file()


def _subject(requirements: str | Path) -> str:
    return _requirements(requirements).name


def risk_register(
    requirements: str | Path,
    *,
    db: str | None = None,
    recommendation: dict[str, Any] | None = None,
    use_recommendation: bool = True,
    save: bool = True,
) -> Register:
    """The register of a requirements file; drafts new decisions' risks (and saves them)."""
    subject = _subject(requirements)
    if recommendation is None and use_recommendation:
        recommendation = _safe_recommendation(requirements)
    drafted = risk_logic.from_recommendation(recommendation, _questions()) if recommendation else []
    if not save and not store_exists(db):
        return Register(subject=subject, risks=Register(subject=subject, risks=drafted).ranked())
    with _store(db) as store:
        snap = store.latest_snapshot(RISK_KIND, subject)
        current = (
            Register.model_validate(snap.payload) if snap else Register(subject=subject, risks=[])
        )
        merged = risk_logic.merge(current, drafted)
        if save and (snap is None or len(merged.risks) != len(current.risks)):
            store.save_snapshot(RISK_KIND, subject, merged.model_dump(mode="json"))
    return Register(subject=subject, risks=merged.ranked())


def add_risk(
    requirements: str | Path,
    *,
    title: str,
    likelihood: int,
    impact: int,
    decision: str | None = None,
    owner: str | None = None,
    risk_id: str | None = None,
    answers: dict[str, str] | None = None,
    db: str | None = None,
) -> Risk:
    """Add a risk by hand and save the register."""
    subject = _subject(requirements)
    try:
        risk = Risk(
            id=risk_id or risk_logic.slug(title),
            title=title,
            decision=decision,
            likelihood=likelihood,
            impact=impact,
            owner=owner,
            answers=answers or {},
        )
    except ValueError as exc:
        raise InputError(f"invalid risk: {exc}") from None
    with _store(db) as store:
        snap = store.latest_snapshot(RISK_KIND, subject)
        current = (
            Register.model_validate(snap.payload) if snap else Register(subject=subject, risks=[])
        )
        new = risk_logic.add(current, risk)
        store.save_snapshot(RISK_KIND, subject, new.model_dump(mode="json"))
    return risk


def update_risk(
    requirements: str | Path, risk_id: str, changes: dict[str, Any], *, db: str | None = None
) -> Risk:
    """Change a risk (likelihood, impact, status, owner, answers, notes) and save the register."""
    subject = _subject(requirements)
    with _store(db) as store:
        snap = store.latest_snapshot(RISK_KIND, subject)
        current = (
            Register.model_validate(snap.payload) if snap else Register(subject=subject, risks=[])
        )
        new = risk_logic.update(current, risk_id, dict(changes))
        store.save_snapshot(RISK_KIND, subject, new.model_dump(mode="json"))
    return new.get(risk_id)


def show_risk(requirements: str | Path, risk_id: str, *, db: str | None = None) -> Risk:
    """One risk of the register."""
    subject = _subject(requirements)
    with _store(db) as store:
        snap = store.latest_snapshot(RISK_KIND, subject)
    current = Register.model_validate(snap.payload) if snap else Register(subject=subject, risks=[])
    return current.get(risk_id)


def risk_questions() -> list[RiskQuestion]:
    """The Risk Assessment questions of the knowledge base, in order."""
    return sorted(_questions(), key=lambda q: q.order)
