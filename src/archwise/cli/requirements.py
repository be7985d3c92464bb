"""CLI verbs of the requirements file: check-requirements, schema, questions, new, brief."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from archwise.cli._common import JsonOpt, console, emit_json, err_console, esc, handle_errors

FileArg = Annotated[Path, typer.Argument(help="The requirements file (archwise.yaml).")]

schema_app = typer.Typer(
    help="Print JSON Schemas of archwise's file formats.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add this module's verbs to the app."""
    app.command("check-requirements")(check_requirements)
    app.add_typer(schema_app, name="schema")
    schema_app.command("requirements")(schema_requirements)
    app.command("questions")(questions)
    app.command("new")(new)
    app.command("brief")(brief)


@handle_errors
def check_requirements(file: FileArg, json_output: JsonOpt = False) -> None:
    """Validate a requirements file: exit 0 when valid, 2 with the first located error."""
    from archwise.api import requirements as api

    report = api.check_requirements(file)
    if json_output:
        emit_json(report)
        return
    console.print(
        f"[green]ok[/] {esc(file)}: valid requirements for {esc(repr(report.name))}", markup=True
    )
    for warning in report.warnings:
        err_console.print(
            f"[yellow]warning:[/] {esc(warning['text'])}", soft_wrap=True, markup=True
        )


@handle_errors
def schema_requirements() -> None:
    """Print the JSON Schema (draft 2020-12) of archwise.yaml, for editors and CI."""
    from archwise.api import requirements as api

    emit_json(api.requirements_schema())


@handle_errors
def questions(
    file: FileArg,
    include_all: Annotated[
        bool,
        typer.Option(
            "--all", help="List every question: answered ones with their value, and per-decision."
        ),
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """List what the requirements file leaves unknown, most decisive question first."""
    from archwise.api import requirements as api

    report = api.open_questions(file, include_all=include_all)
    if json_output:
        emit_json(report)
        return
    console.print(
        f"[bold]{esc(report.name)}[/]: {esc(report.open)} open "
        f"question(s), {esc(report.answered)} answered",
        markup=True,
    )
    if not report.questions:
        console.print("Nothing left to ask: every requirement is known.")
        return
    for i, q in enumerate(report.questions, 1):
        dim = q.status != "open"
        head = f"{i:>2}. [{q.impact:.2f}] {q.question}"
        console.print(
            f"[dim]{esc(head)}[/]" if dim else f"[bold]{esc(head)}[/]", soft_wrap=True, markup=True
        )
        where = q.field or "asked of each decision"
        if q.status == "answered":
            where += f" = {q.value!r}"
        elif q.choices:
            where += f" ({' | '.join(q.choices)})"
        elif q.answer_type:
            where += f" ({q.answer_type})"
        console.print(f"      [cyan]{esc(where)}[/]", soft_wrap=True, markup=True)
        console.print(f"      [dim]why: {esc(q.why)}[/]", soft_wrap=True, markup=True)


# flag name -> dotted field of archwise.yaml; values are parsed like interactive answers
NEW_FLAGS: dict[str, str] = {
    "name": "name",
    "summary": "summary",
    "engineers": "constraints.team.engineers",
    "p99_ms": "non_functional.latency.p99_ms",
    "concurrent_users": "non_functional.users.concurrent",
    "users_in_2_years": "non_functional.users.concurrent_in_2_years",
    "availability": "non_functional.availability_percent",
    "consistency": "non_functional.consistency",
    "realtime": "functional.realtime",
    "data_model": "functional.data.model",
    "compliance": "non_functional.compliance",
    "expertise": "constraints.team.expertise",
    "budget_usd": "constraints.budget.infra_usd_per_month",
    "mvp_months": "constraints.timeline.mvp_months",
    "production_months": "constraints.timeline.production_months",
    "deployment": "constraints.deployment",
    "cloud": "constraints.cloud",
}
ASK_MIN_IMPACT = 0.7


def _opt(help_text: str) -> Any:
    return typer.Option(help=help_text)


@handle_errors
def new(
    name: Annotated[str | None, _opt("Name of the system.")] = None,
    summary: Annotated[str | None, _opt("What the system is, in a sentence.")] = None,
    engineers: Annotated[str | None, _opt("Engineers working on it, e.g. 5.")] = None,
    p99_ms: Annotated[str | None, _opt("p99 latency target in ms, e.g. 100.")] = None,
    concurrent_users: Annotated[str | None, _opt("Concurrent users now, e.g. 100k.")] = None,
    users_in_2_years: Annotated[str | None, _opt("Concurrent users in 2 years, e.g. 1M.")] = None,
    availability: Annotated[str | None, _opt("Availability target in percent, e.g. 99.9.")] = None,
    consistency: Annotated[str | None, _opt("strong | eventual | hybrid.")] = None,
    realtime: Annotated[str | None, _opt("Server push to clients: yes | no.")] = None,
    data_model: Annotated[str | None, _opt("relational | document | graph | ...")] = None,
    compliance: Annotated[str | None, _opt("Comma-separated, e.g. gdpr,soc2.")] = None,
    expertise: Annotated[str | None, _opt("e.g. typescript=strong,rust=learning.")] = None,
    budget_usd: Annotated[str | None, _opt("Infrastructure budget, USD per month.")] = None,
    mvp_months: Annotated[str | None, _opt("Months until the MVP.")] = None,
    production_months: Annotated[str | None, _opt("Months until production.")] = None,
    deployment: Annotated[str | None, _opt("cloud | on-prem | hybrid | edge.")] = None,
    cloud: Annotated[str | None, _opt("aws | gcp | azure | any.")] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option("--set", help="Any field as FIELD=VALUE, e.g. functional.search=true."),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path(
        "archwise.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; write only what the flags give.")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Write a new commented archwise.yaml from flags, asking in a terminal for what is missing."""
    import sys

    from archwise.api import requirements as api
    from archwise.errors import InputError

    if output.exists() and not force:
        raise InputError("already exists; pass --force to overwrite it", file=output)
    given = {
        "name": name,
        "summary": summary,
        "engineers": engineers,
        "p99_ms": p99_ms,
        "concurrent_users": concurrent_users,
        "users_in_2_years": users_in_2_years,
        "availability": availability,
        "consistency": consistency,
        "realtime": realtime,
        "data_model": data_model,
        "compliance": compliance,
        "expertise": expertise,
        "budget_usd": budget_usd,
        "mvp_months": mvp_months,
        "production_months": production_months,
        "deployment": deployment,
        "cloud": cloud,
    }
    values: dict[str, Any] = {}
    for flag, text in given.items():
        if text is not None:
            field = NEW_FLAGS[flag]
            value = text if field in {"name", "summary"} else api.parse_answer(field, text)
            if value is not None:
                values[field] = value
    for assignment in set_values or []:
        field, value = api.parse_assignment(assignment)
        if value is not None:
            values[field] = value
    if not no_input and not json_output and sys.stdin.isatty() and sys.stdout.isatty():
        values = _ask(values)
    if "name" not in values:
        raise InputError("a name is required: pass --name NAME", field="name")
    written = api.new_requirements(output, values, force=force)
    if json_output:
        emit_json({"file": str(written), "values": values})
        return
    console.print(f"[green]wrote[/] {esc(written)} ({len(values)} value(s) set)", markup=True)
    console.print(f"next: archwise questions {written}")


def _ask(values: dict[str, Any]) -> dict[str, Any]:
    """Ask in the terminal for the name and the most decisive answers the flags did not give."""
    import questionary

    from archwise.api import requirements as api

    out = dict(values)
    if "name" not in out:
        answer = questionary.text(
            "Name of the system:", validate=lambda t: bool(t.strip()) or "a name is required"
        ).ask()
        if answer is None:
            raise typer.Exit(130)
        out["name"] = answer.strip()
    console.print(
        "[dim]Answer what you know; leave empty for unknown (archwise asks later).[/]", markup=True
    )
    for q in api.pending_questions(out, min_impact=ASK_MIN_IMPACT):
        field = q.field or ""
        if q.answer_type in {"choice", "boolean"}:
            options = q.choices if q.answer_type == "choice" else ["yes", "no"]
            picked = questionary.select(
                q.question, choices=[*options, "unknown"], instruction=q.why
            ).ask()
            if picked is None:
                raise typer.Exit(130)
            text = "" if picked == "unknown" else picked
        else:
            hint = f" (e.g. {q.example})" if q.example else ""

            def check(t: str, field: str = field) -> bool | str:
                try:
                    api.parse_answer(field, t)
                except Exception as exc:  # shown to the user as the reason to retype
                    return str(exc)
                return True

            answered = questionary.text(f"{q.question}{hint}", validate=check).ask()
            if answered is None:
                raise typer.Exit(130)
            text = answered
        value = api.parse_answer(field, text)
        if value is not None:
            out[field] = value
    return out


@handle_errors
def brief(
    file: Annotated[Path, typer.Argument(help="A free-text brief (Markdown or plain text).")],
    into: Annotated[
        Path | None,
        typer.Option("--into", help="Write what was understood into this requirements file."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="With --into: replace values the file has.")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Show what a free-text brief says about the requirements, with the phrase behind each."""
    from archwise.api import requirements as api

    report = api.brief_report(file, into=into, overwrite=overwrite)
    extraction, applied = report.extraction, report.applied
    if json_output:
        emit_json(report)
        return
    if not extraction.values:
        console.print(f"Nothing in {file} was understood as a requirement.")
    else:
        console.print(
            f"[bold]Understood from {esc(file)}[/] ({len(extraction.values)} value(s)):",
            markup=True,
        )
    for item in extraction.values.values():
        console.print(
            f"  [cyan]{esc(item.field)}[/] = [bold]{esc(repr(item.value))}[/]",
            soft_wrap=True,
            markup=True,
        )
        console.print(
            # a phrase wrapped over lines in the brief prints on one line
            f"      [dim]from: \u201c{esc(' '.join(item.phrase.split()))}\u201d[/]",
            soft_wrap=True,
            markup=True,
        )
        if item.note:
            console.print(f"      [yellow]note: {esc(item.note)}[/]", soft_wrap=True, markup=True)
    if applied is not None:
        verb = "created" if applied.created else "updated"
        console.print(
            f"[green]{esc(verb)}[/] {esc(applied.file)}: {len(applied.written)} value(s) written",
            markup=True,
        )
        for field, both in applied.kept.items():
            console.print(
                f"  [yellow]kept[/] {esc(field)} = {esc(repr(both['file']))} "
                f"(the brief says {esc(repr(both['brief']))}; "
                "use --overwrite to replace)",
                soft_wrap=True,
                markup=True,
            )
    for problem in report.problems:
        err_console.print(f"[yellow]warning:[/] {esc(problem)}", soft_wrap=True, markup=True)
    if report.open_questions:
        top = ", ".join(report.open_questions[:5])
        console.print(
            f"{len(report.open_questions)} question(s) still open; most decisive: {top}",
            soft_wrap=True,
        )
