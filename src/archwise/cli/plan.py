"""CLI verbs: plan (phases, critical path, exports) and risks (the risk register)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archwise.cli._common import (
    SEED_MAX,
    ForceOpt,
    JsonOpt,
    console,
    emit_json,
    esc,
    handle_errors,
    styled,
)
from archwise.errors import InputError

if TYPE_CHECKING:
    from archwise.api.plan import Plan, Register, Risk

DEFAULT_REQUIREMENTS = "archwise.yaml"

FileArg = Annotated[
    Path | None,
    typer.Argument(help="Requirements file (default: archwise.yaml of the workspace)."),
]
DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL (default: .archwise/ SQLite).")]


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from archwise.bounds import parse_date

    return parse_date(value, field=option)


def _requirements(path: Path | None, *, required: bool) -> Path | None:
    if path is not None:
        return path
    from archwise.workspace import open_workspace

    default = open_workspace().requirements_file
    if default.is_file():
        return default
    if required:
        raise InputError(
            f"no requirements file given and no {DEFAULT_REQUIREMENTS} in the workspace",
            field="FILE",
        )
    return None


def _days(x: float) -> str:
    return f"{x:g}"


def _critical(on_path: bool, share: float | None) -> str:
    """'yes' on the critical path; else how often Monte Carlo found it critical, if ever."""
    if on_path:
        return "yes"
    if share:
        return f"{share:.0%} of runs"
    return ""


def _print_plan(p: Plan) -> None:
    from rich.table import Table

    name = p.requirements.get("name") or "tasks"
    console.print(f"[bold]Delivery plan: {esc(name)}[/]", markup=True)
    if p.architecture:
        console.print(f"Architecture now: {p.architecture} (phases from the {p.evolution_source})")
    if p.costs:
        cost = p.costs
        console.print(
            f"Infrastructure: ${cost.get('low', 0):,.0f}-{cost.get('high', 0):,.0f}/month on "
            f"{cost.get('provider') or '?'}, ${cost.get('horizon') or 0:,.0f}/month at 24 months "
            "(tiers: archwise capacity plan)"
            + (f"; {cost['reference']}" if cost.get("reference") else "")
        )
    if p.phases:
        t = Table(title="Phases", show_lines=True)
        for col in ("phase", "months", "architecture", "success metric"):
            t.add_column(col)
        for ph in p.phases:
            metric = ", ".join(m.text for m in ph.success_metrics) or "-"
            t.add_row(
                styled(esc(ph.name) + (f"\n[dim]{esc(ph.stage)}[/]" if ph.stage else "")),
                ph.months,
                styled(
                    esc(ph.architecture or "-")
                    + (f"\n[dim]when {esc(ph.trigger)}[/]" if ph.trigger else "")
                ),
                metric,
            )
        console.print(t)
        for ph in p.phases:
            if ph.left_out:
                console.print(
                    f"[bold]{esc(ph.name)}[/] leaves out: " + "; ".join(ph.left_out), markup=True
                )
    s = p.schedule
    if s is not None:
        t = Table(title=f"Tasks ({s.file})")
        for col in ("task", "role", "days", "start", "finish", "slack", "critical"):
            t.add_column(col, justify="right" if col in ("days", "slack") else "left")
        for task in s.tasks:
            start = task.start_date.isoformat() if task.start_date else _days(task.es)
            finish = task.finish_date.isoformat() if task.finish_date else _days(task.ef)
            t.add_row(
                styled(f"{esc(task.id)}  [dim]{esc(task.name)}[/]"),
                task.role or "-",
                _days(task.duration_days),
                start,
                finish,
                _days(task.slack),
                _critical(task.critical, task.criticality),
            )
        console.print(t)
        end = f" (finish {s.finish_date.isoformat()})" if s.finish_date else ""
        console.print(f"Project length: {_days(s.duration_days)} working days{end}")
        for path in s.critical_paths:
            console.print("Critical path: " + " -> ".join(path))
        if s.pert:
            line = f"PERT: {s.pert.mean_days:g} ± {s.pert.std_days:g} days along the critical path"
            if s.pert.probability is not None and s.target_days is not None:
                line += f"; P(done within {s.target_days:g} days) = {s.pert.probability:.1%}"
            console.print(line)
        if s.monte_carlo:
            mc = s.monte_carlo
            line = (
                f"Monte Carlo ({mc.samples} runs, seed {mc.seed}): p50 {mc.p50_days:g}, "
                f"p80 {mc.p80_days:g}, p95 {mc.p95_days:g} days"
            )
            if mc.probability is not None:
                line += f"; P(on target) = {mc.probability:.1%}"
            console.print(line)
        if s.risk_areas:
            console.print("Risk areas (uncertain and critical): " + ", ".join(s.risk_areas))
        console.print(f"Parallel workstreams: up to {s.peak_parallel_tasks} tasks at once")
        for lane, ids in s.workstreams.items():
            console.print(f"  {lane}: " + " -> ".join(ids))
        for c in s.conflicts:
            console.print(
                f"[yellow]conflict:[/] {esc(c.role)} needs {esc(c.demand)} people on days "
                f"{c.start_day:g}-{c.end_day:g} ({esc(', '.join(c.tasks))}) "
                f"and has {esc(c.capacity)}",
                markup=True,
            )
        if s.levelled_duration_days is not None and s.conflicts:
            console.print(f"Resource-levelled length: {s.levelled_duration_days:g} working days")
    for w in p.warnings:
        console.print(f"[yellow]warning:[/] {esc(w)}", markup=True)


def _print_register(reg: Register) -> None:
    from rich.table import Table

    t = Table(title=f"Risks: {reg.subject} (by exposure)")
    for col in ("id", "risk", "L", "I", "exposure", "status", "owner"):
        t.add_column(col, justify="right" if col in ("L", "I", "exposure") else "left")
    for r in reg.risks:
        t.add_row(
            r.id,
            r.title,
            str(r.likelihood),
            str(r.impact),
            str(r.exposure),
            r.status,
            r.owner or "-",
        )
    console.print(t)
    if not reg.risks:
        console.print("No risks yet: `archwise risks add --title ... --likelihood N --impact N`.")


def _print_risk(r: Risk) -> None:
    from archwise.api.plan import risk_questions

    console.print(f"[bold]{esc(r.id)}[/]: {esc(r.title)}", markup=True)
    console.print(
        f"likelihood {r.likelihood} x impact {r.impact} = exposure {r.exposure}; status {r.status}"
        + (f"; owner {r.owner}" if r.owner else "")
    )
    if r.choice:
        alt = f" (fallback: {r.alternative})" if r.alternative else ""
        console.print(f"decision: {r.decision} -> {r.choice}{alt}")
    texts = {q.id: q.question for q in risk_questions()}
    for qid, answer in r.answers.items():
        console.print(f"  [bold]{esc(texts.get(qid, qid))}[/]\n    {esc(answer)}", markup=True)
    if r.notes:
        console.print(f"notes: {r.notes}")


def _answers(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values or []:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise InputError(
                f"expected QUESTION=TEXT (e.g. rollback='restore from backup'), got {item!r}",
                field="--answer",
            )
        out[key.strip()] = text.strip()
    return out


def register(app: typer.Typer) -> None:
    """Add this module's verbs to the app."""

    @app.command("plan")
    @handle_errors
    def plan_cmd(
        *,
        file: FileArg = None,
        tasks: Annotated[
            Path | None, typer.Option("--tasks", help="Task graph YAML (ids, durations, deps).")
        ] = None,
        start: Annotated[
            str | None, typer.Option("--start", help="First working day, YYYY-MM-DD.")
        ] = None,
        target: Annotated[
            str | None,
            typer.Option("--target", help="Target date for the completion probability."),
        ] = None,
        gantt: Annotated[
            Path | None, typer.Option("--gantt", help="Write the Gantt chart: out.mmd or out.png.")
        ] = None,
        ics: Annotated[
            Path | None, typer.Option("--ics", help="Write an iCalendar file (needs --start).")
        ] = None,
        csv: Annotated[Path | None, typer.Option("--csv", help="Write the tasks as CSV.")] = None,
        samples: Annotated[
            int,
            typer.Option(
                "--samples", help="Monte Carlo runs (0 turns it off).", min=0, max=1_000_000
            ),
        ] = 10_000,
        seed: Annotated[
            int, typer.Option("--seed", help="Monte Carlo seed.", min=0, max=SEED_MAX)
        ] = 0,
        no_recommend: Annotated[
            bool,
            typer.Option("--no-recommend", help="Use the knowledge base's phases only."),
        ] = False,
        force: ForceOpt = False,
        json_output: JsonOpt = False,
    ) -> None:
        """Phased delivery plan, critical path, PERT odds and exports (Gantt, ICS, CSV)."""
        from archwise.api.plan import export_plan, plan

        req = _requirements(file, required=tasks is None)
        result = plan(
            req,
            tasks=tasks,
            start=_date(start, "--start"),
            target=_date(target, "--target"),
            samples=samples,
            seed=seed,
            use_recommendation=not no_recommend,
        )
        written = export_plan(
            result, gantt=gantt, ics=ics, csv=csv, inputs=[req, tasks], force=force
        )
        if json_output:
            emit_json(result)
            return
        _print_plan(result)
        for path in written:
            console.print(f"wrote {path}")

    risks = typer.Typer(
        help="The risk register: the Risk Assessment questions for each decision, by exposure.",
        no_args_is_help=True,
    )
    app.add_typer(risks, name="risks")

    @risks.command("list")
    @handle_errors
    def risks_list(
        *,
        file: FileArg = None,
        db: DbOpt = None,
        no_recommend: Annotated[
            bool,
            typer.Option("--no-recommend", help="List the stored register; draft nothing new."),
        ] = False,
        json_output: JsonOpt = False,
    ) -> None:
        """List the risks by exposure (drafts one per decision of the recommendation)."""
        from archwise.api.plan import risk_register

        reg = risk_register(_req(file), db=db, use_recommendation=not no_recommend)
        if json_output:
            emit_json(reg)
            return
        _print_register(reg)

    @risks.command("add")
    @handle_errors
    def risks_add(
        *,
        title: Annotated[str, typer.Option("--title", help="What could go wrong.")],
        likelihood: Annotated[
            int, typer.Option("--likelihood", help="1 rare .. 5 almost sure.", min=1, max=5)
        ],
        impact: Annotated[int, typer.Option("--impact", help="1 minor .. 5 severe.", min=1, max=5)],
        file: FileArg = None,
        decision: Annotated[
            str | None, typer.Option("--decision", help="The decision topic it belongs to.")
        ] = None,
        owner: Annotated[str | None, typer.Option("--owner", help="Who watches it.")] = None,
        risk_id: Annotated[
            str | None, typer.Option("--id", help="Id (default from the title).")
        ] = None,
        answer: Annotated[
            list[str] | None,
            typer.Option("--answer", help="QUESTION=TEXT, e.g. rollback='feature flag off'."),
        ] = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Add a risk to the register."""
        from archwise.api.plan import add_risk

        risk = add_risk(
            _req(file),
            title=title,
            likelihood=likelihood,
            impact=impact,
            decision=decision,
            owner=owner,
            risk_id=risk_id,
            answers=_answers(answer),
            db=db,
        )
        if json_output:
            emit_json(risk)
            return
        console.print(f"added {risk.id} (exposure {risk.exposure})")

    @risks.command("update")
    @handle_errors
    def risks_update(
        *,
        risk_id: Annotated[str, typer.Argument(help="The risk's id.")],
        file: FileArg = None,
        likelihood: Annotated[
            int | None, typer.Option("--likelihood", help="1 .. 5.", min=1, max=5)
        ] = None,
        impact: Annotated[
            int | None, typer.Option("--impact", help="1 .. 5.", min=1, max=5)
        ] = None,
        status: Annotated[
            str | None, typer.Option("--status", help="open, mitigating, accepted or closed.")
        ] = None,
        owner: Annotated[str | None, typer.Option("--owner", help="Who watches it.")] = None,
        notes: Annotated[str | None, typer.Option("--notes", help="Free text.")] = None,
        answer: Annotated[
            list[str] | None, typer.Option("--answer", help="QUESTION=TEXT (repeatable).")
        ] = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Change a risk's likelihood, impact, status, owner, notes or answers."""
        from archwise.api.plan import update_risk

        changes: dict[str, Any] = {
            "likelihood": likelihood,
            "impact": impact,
            "status": status,
            "owner": owner,
            "notes": notes,
            "answers": _answers(answer),
        }
        risk = update_risk(_req(file), risk_id, changes, db=db)
        if json_output:
            emit_json(risk)
            return
        console.print(f"updated {risk.id} (exposure {risk.exposure}, {risk.status})")

    @risks.command("show")
    @handle_errors
    def risks_show(
        risk_id: Annotated[str, typer.Argument(help="The risk's id.")],
        file: FileArg = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Show one risk with its answers to the Risk Assessment questions."""
        from archwise.api.plan import show_risk

        risk = show_risk(_req(file), risk_id, db=db)
        if json_output:
            emit_json(risk)
            return
        _print_risk(risk)


def _req(file: Path | None) -> Path:
    path = _requirements(file, required=True)
    if path is None:
        raise InputError("a requirements file is needed", field="FILE")
    return path
