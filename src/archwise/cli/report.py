"""CLI verbs: report (the architecture document) and export structurizr."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from archwise.cli._common import ForceOpt, JsonOpt, console, emit_json, handle_errors
from archwise.errors import InputError


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from archwise.bounds import parse_date

    return parse_date(value, field=option)


def _requirements(file: Path | None) -> Path | None:
    if file is not None:
        return file
    from archwise.workspace import open_workspace

    default = open_workspace().requirements_file
    return default if default.is_file() else None


def register(app: typer.Typer) -> None:
    """Add this module's verbs to the app."""

    @app.command("report")
    @handle_errors
    def report_cmd(
        *,
        file: Annotated[
            Path | None,
            typer.Argument(help="Requirements file (default: archwise.yaml of the workspace)."),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="md, html (self-contained) or json.")
        ] = "md",
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
        ] = None,
        tasks: Annotated[
            Path | None, typer.Option("--tasks", help="Task graph for the critical path.")
        ] = None,
        start: Annotated[
            str | None, typer.Option("--start", help="First working day of the plan.")
        ] = None,
        target: Annotated[
            str | None, typer.Option("--target", help="Target date for the plan's odds.")
        ] = None,
        db: Annotated[str | None, typer.Option("--db", help="Store URL.")] = None,
        no_recommend: Annotated[
            bool, typer.Option("--no-recommend", help="Leave the recommendation out.")
        ] = False,
        force: ForceOpt = False,
        json_output: JsonOpt = False,
    ) -> None:
        """Write the architecture document: requirements to ADRs, with diagrams and the plan."""
        from archwise.api.report import report

        req = _requirements(file)
        if tasks is None and req is not None:
            candidate = req.parent / "tasks.yaml"
            tasks = candidate if candidate.is_file() else None
        fmt_value = "json" if json_output else fmt
        if fmt_value not in ("md", "html", "json"):
            raise InputError(f"unknown format {fmt!r}; expected md, html or json", field="--format")
        text = report(
            req,
            fmt=fmt_value,  # type: ignore[arg-type]
            output=output,
            force=force,
            tasks=tasks,
            start=_date(start, "--start"),
            target=_date(target, "--target"),
            db=db,
            use_recommendation=not no_recommend,
        )
        if output is None:
            typer.echo(text, nl=False)
        elif json_output:
            emit_json({"written": str(output), "format": fmt_value})
        else:
            console.print(f"wrote {output}")

    export = typer.Typer(
        help="Export the architecture to other tools' formats.", no_args_is_help=True
    )
    app.add_typer(export, name="export")

    @export.command("structurizr")
    @handle_errors
    def export_structurizr_cmd(
        *,
        file: Annotated[
            Path | None,
            typer.Argument(help="Requirements file (default: archwise.yaml of the workspace)."),
        ] = None,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write the .dsl file here.")
        ] = None,
        no_recommend: Annotated[
            bool, typer.Option("--no-recommend", help="Context view only, no chosen option.")
        ] = False,
        force: ForceOpt = False,
        json_output: JsonOpt = False,
    ) -> None:
        """Write a Structurizr DSL workspace (C4 model, context and container views)."""
        from archwise.api.report import export_structurizr

        req = _requirements(file)
        if req is None:
            raise InputError("no requirements file given and no archwise.yaml here", field="FILE")
        text = export_structurizr(req, output, use_recommendation=not no_recommend, force=force)
        if json_output:
            emit_json({"written": str(output) if output else None, "dsl": text})
        elif output is None:
            typer.echo(text, nl=False)
        else:
            console.print(f"wrote {output}")
