"""CLI verbs of the requirements file: check-requirements, schema, questions, new, brief."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archwise.cli._common import JsonOpt, console, emit_json, err_console, handle_errors

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


@handle_errors
def check_requirements(file: FileArg, json_output: JsonOpt = False) -> None:
    """Validate a requirements file: exit 0 when valid, 2 with the first located error."""
    from archwise.api import requirements as api

    report = api.check_requirements(file)
    if json_output:
        emit_json(report)
        return
    console.print(f"[green]ok[/] {file}: valid requirements for {report.name!r}")
    for warning in report.warnings:
        err_console.print(f"[yellow]warning:[/] {warning['text']}", soft_wrap=True)


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
        f"[bold]{report.name}[/]: {report.open} open question(s), {report.answered} answered"
    )
    if not report.questions:
        console.print("Nothing left to ask: every requirement is known.")
        return
    for i, q in enumerate(report.questions, 1):
        dim = q.status != "open"
        head = f"{i:>2}. [{q.impact:.2f}] {q.question}"
        console.print(f"[dim]{head}[/]" if dim else f"[bold]{head}[/]", soft_wrap=True)
        where = q.field or "asked of each decision"
        if q.status == "answered":
            where += f" = {q.value!r}"
        elif q.choices:
            where += f" ({' | '.join(q.choices)})"
        elif q.answer_type:
            where += f" ({q.answer_type})"
        console.print(f"      [cyan]{where}[/]", soft_wrap=True)
        console.print(f"      [dim]why: {q.why}[/]", soft_wrap=True)
