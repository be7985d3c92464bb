"""CLI verbs: `archwise adr ...`, the decision records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archwise.cli._common import JsonOpt, console, emit_json, handle_errors

DirOpt = Annotated[
    Path | None,
    typer.Option("--dir", help="ADR folder (default: .adr-dir, doc/adr or docs/adr, as found)."),
]

adr_app = typer.Typer(
    name="adr",
    help="Architecture Decision Records: create, list, check, index, graph and convert them.",
    no_args_is_help=True,
)


@adr_app.command("init")
@handle_errors
def init_cmd(
    directory: Annotated[str | None, typer.Argument(help="Folder for the records.")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="Format of the first record (default nygard).")
    ] = None,
) -> None:
    """Create the ADR folder and its first record."""
    from archwise.api.adr import init

    typer.echo(str(init(directory, fmt=fmt)))


@adr_app.command("new")
@handle_errors
def new_cmd(
    title: Annotated[list[str] | None, typer.Argument(help="Title words of the decision.")] = None,
    supersede: Annotated[
        list[str] | None, typer.Option("--supersede", "-s", help="Record this one supersedes.")
    ] = None,
    link: Annotated[
        list[str] | None,
        typer.Option("--link", "-l", help="TARGET:LINK:REVERSE-LINK, e.g. '5:Amends:Amended by'."),
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Template with NUMBER/TITLE/DATE/STATUS.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="spec, nygard, madr2, madr3, madr4 or log4brains."),
    ] = None,
    from_recommendation: Annotated[
        Path | None,
        typer.Option("--from-recommendation", help="Pre-fill from `archwise recommend --json`."),
    ] = None,
    requirements: Annotated[
        Path | None,
        typer.Option("--requirements", help="Requirements file for the ADR's context."),
    ] = None,
    status: Annotated[str | None, typer.Option("--status", help="Initial status.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date as YYYY-MM-DD.")] = None,
    adr_dir: DirOpt = None,
) -> None:
    """Create the next numbered record (safe when many run at once); print its path."""
    from archwise.api.adr import new

    path = new(
        " ".join(title or []),
        supersede=supersede or [],
        links=link or [],
        template=template,
        fmt=fmt,
        from_recommendation=from_recommendation,
        requirements=requirements,
        adr_dir=adr_dir,
        date=date,
        status=status,
    )
    typer.echo(str(path))


@adr_app.command("list")
@handle_errors
def list_cmd(
    status: Annotated[
        str | None, typer.Option("--status", help="Only records with this status.")
    ] = None,
    adr_dir: DirOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """List the records with their status and date."""
    import sys

    from archwise.api.adr import list_records

    rows = list_records(status, adr_dir, strict=True)
    if json_output:
        emit_json(rows)
        return
    # Plain aligned columns: a rich table costs seconds for thousands of records.
    table = [("#", "Status", "Date", "Title", "File")]
    table += [
        (
            r.id if r.number is None else str(r.number),
            r.status or "-",
            r.date or "-",
            r.title,
            r.path,
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = [
        f"{n:>{widths[0]}}  {s:<{widths[1]}}  {d:<{widths[2]}}  {t}  ({f})"
        for n, s, d, t, f in table
    ]
    lines[0] = lines[0].replace("Title  (File)", "Title (file)")
    sys.stdout.write("\n".join(lines) + "\n")


@adr_app.command("show")
@handle_errors
def show_cmd(
    ref: Annotated[str, typer.Argument(help="Number, id, file name or slug.")],
    adr_dir: DirOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Show one record, parsed."""
    from archwise.api.adr import render_text, show

    adr = show(ref, adr_dir)
    if json_output:
        emit_json(adr)
        return
    console.print(render_text(adr), markup=False, highlight=False)


@adr_app.command("status")
@handle_errors
def status_cmd(
    ref: Annotated[str, typer.Argument(help="Number, id, file name or slug.")],
    status: Annotated[
        str, typer.Argument(help="proposed, accepted, rejected, deprecated or superseded.")
    ],
    adr_dir: DirOpt = None,
) -> None:
    """Change a record's status."""
    from archwise.api.adr import set_status

    typer.echo(str(set_status(ref, status, adr_dir)))


@adr_app.command("supersede")
@handle_errors
def supersede_cmd(
    old: Annotated[str, typer.Argument(help="The record that is superseded.")],
    new: Annotated[str, typer.Argument(help="The record that supersedes it.")],
    adr_dir: DirOpt = None,
) -> None:
    """Record that NEW supersedes OLD (both files get a link)."""
    from archwise.api.adr import supersede

    supersede(old, new, adr_dir)


@adr_app.command("link")
@handle_errors
def link_cmd(
    source: Annotated[str, typer.Argument(help="Record the link starts from.")],
    kind: Annotated[str, typer.Argument(help="Link text in SOURCE, e.g. Amends.")],
    target: Annotated[str, typer.Argument(help="Record the link points to.")],
    reverse: Annotated[str, typer.Argument(help="Link text in TARGET, e.g. 'Amended by'.")],
    adr_dir: DirOpt = None,
) -> None:
    """Link two records both ways."""
    from archwise.api.adr import link

    link(source, kind, target, reverse, adr_dir)


@adr_app.command("lint")
@handle_errors
def lint_cmd(adr_dir: DirOpt = None, json_output: JsonOpt = False) -> None:
    """Check the records (sections, links, numbers, lifecycle, dates); exit 1 on findings."""
    from archwise.api.adr import lint

    findings = lint(adr_dir)
    if json_output:
        emit_json({"findings": findings, "count": len(findings)})
    else:
        for f in findings:
            where = (f.file or "") + (f":{f.line}" if f.line else "")
            typer.echo(f"{where}: {f.severity}: {f.message} [{f.code}]")
        if not findings:
            console.print("no findings")
    if findings:
        raise typer.Exit(1)


@adr_app.command("index")
@handle_errors
def index_cmd(
    readme: Annotated[
        Path | None, typer.Option("--readme", help="File to update (default: the folder's README).")
    ] = None,
    adr_dir: DirOpt = None,
) -> None:
    """Write a table of contents between markers in a README."""
    from archwise.api.adr import index

    typer.echo(str(index(readme, adr_dir)))


@adr_app.command("graph")
@handle_errors
def graph_cmd(
    fmt: Annotated[str, typer.Option("--format", help="mermaid or dot.")] = "mermaid",
    adr_dir: DirOpt = None,
) -> None:
    """Print the records and their links as a Mermaid or Graphviz graph."""
    import sys

    from archwise.api.adr import graph

    sys.stdout.write(graph(fmt, adr_dir, strict=True))


@adr_app.command("due")
@handle_errors
def due_cmd(adr_dir: DirOpt = None, json_output: JsonOpt = False) -> None:
    """List records whose Review Date has passed; exit 1 when any is due."""
    from archwise.api.adr import due

    rows = due(adr_dir=adr_dir, strict=True)
    if json_output:
        emit_json(rows)
    else:
        for r in rows:
            n = "" if r.number is None else f"{r.number}. "
            console.print(
                f"{r.path}: {n}{r.title}: due {r.due} ({r.days_overdue} days ago)", markup=False
            )
        if not rows:
            console.print("no record is due for review")
    if rows:
        raise typer.Exit(1)


@adr_app.command("convert")
@handle_errors
def convert_cmd(
    to: Annotated[str, typer.Option("--to", help="spec, nygard, madr2, madr3, madr4, log4brains.")],
    refs: Annotated[list[str] | None, typer.Argument(help="Records (default: all).")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write into this folder.")] = None,
    adr_dir: DirOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Rewrite records in another format and report what it could not hold."""
    from archwise.api.adr import convert

    report = convert(to, refs or [], adr_dir, out)
    if json_output:
        emit_json(report)
        return
    for path in report.written:
        typer.echo(path)
    for rel, fields in report.dropped.items():
        console.print(f"{rel}: {to} cannot hold {', '.join(fields)}", markup=False)


@adr_app.command("export")
@handle_errors
def export_cmd(adr_dir: DirOpt = None, json_output: JsonOpt = True) -> None:
    """Print every record, fully parsed, as one JSON document."""
    from archwise.api.adr import export

    emit_json({"records": export(adr_dir, strict=True)})


@adr_app.command("completion")
@handle_errors
def completion_cmd(
    shell: Annotated[str, typer.Argument(help="bash, zsh or fish.")],
) -> None:
    """Print shell completion for the `adr` drop-in (it calls `_adr_autocomplete`)."""
    import sys

    from archwise.api.adr import completion_script

    sys.stdout.write(completion_script(shell))


def register(app: typer.Typer) -> None:
    """Add the `adr` verbs to the app."""
    app.add_typer(adr_app, name="adr")
