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
