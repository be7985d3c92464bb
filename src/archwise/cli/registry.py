"""CLI verbs: `archwise registry ...` (many repositories in one store) and `archwise push`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from archwise.cli._common import ForceOpt, JsonOpt, console, emit_json, esc, handle_errors

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Registry database URL: sqlite:///FILE or postgresql+psycopg://USER@HOST/DB "
        "(default: ARCHWISE_DB, else .archwise/archwise.db of this workspace).",
    ),
]
NameOpt = Annotated[
    str | None,
    typer.Option("--name", help="Repository name (default: the folder name); one PATH only."),
]

registry_app = typer.Typer(
    name="registry",
    help="The decision registry: ADRs, stacks and analyses of many repositories, and the radar.",
    no_args_is_help=True,
)
radar_app = typer.Typer(
    name="radar",
    help="The registry radar: rings, who uses what, on-hold-but-used flags and moves.",
    invoke_without_command=True,
)
registry_app.add_typer(radar_app)


@registry_app.command("ingest")
@handle_errors
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Repository folders to ingest.")],
    name: NameOpt = None,
    db: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Collect ADRs, detected stack and analysis summary of each repository into the registry."""
    from archwise.api import registry

    results = registry.ingest(paths, name=name, db=db)
    if json_output:
        emit_json({"ingested": results})
        return
    for r in results:
        verb = "added" if r.created else "updated"
        console.print(f"{verb} {r.name}: {r.adrs} ADR(s), {r.stack} technologies")


@registry_app.command("list")
@handle_errors
def list_cmd(db: DbOpt = None, json_output: JsonOpt = False) -> None:
    """List the repositories in the registry."""
    from rich.table import Table

    from archwise.api import registry

    with registry.open_registry(db) as reg:
        rows = registry.list_repositories(reg)
    if json_output:
        emit_json({"repositories": rows})
        return
    if not rows:
        console.print("the registry is empty: `archwise registry ingest PATH...` fills it")
        return
    table = Table("repository", "ADRs", "technologies", "ingested")
    for r in rows:
        table.add_row(r.name, str(r.adrs), ", ".join(r.technologies), r.ingested_at[:19])
    console.print(table)


@registry_app.command("search")
@handle_errors
def search_cmd(
    query: Annotated[list[str], typer.Argument(help="Words every ADR found must contain.")],
    repository: Annotated[
        str | None, typer.Option("--repository", "-r", help="Only this repository.")
    ] = None,
    status: Annotated[str | None, typer.Option("--status", help="Only this status.")] = None,
    limit: Annotated[
        int, typer.Option("--limit", help="At most this many results.", min=1, max=10_000)
    ] = 50,
    db: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Search every ADR of every repository."""
    from archwise.api import registry

    with registry.open_registry(db) as reg:
        page = registry.search(
            reg, " ".join(query), repository=repository, status=status, limit=limit
        )
    if json_output:
        emit_json(page)
        return
    console.print(f"{page.total} ADR(s) match", style="bold")
    for r in page.records:
        number = f"{r.number}. " if r.number is not None else ""
        console.print(
            f"{esc(r.repository)}/{esc(r.path)}  {esc(number)}{esc(r.title)}  "
            + esc(f"[{r.status or '-'}]"),
            markup=True,
        )
        if r.snippet:
            console.print(f"    {r.snippet}", style="dim")


@registry_app.command("uses")
@handle_errors
def uses_cmd(
    technology: Annotated[str, typer.Argument(help="Technology name or alias.")],
    db: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Which repositories use a technology, and its ring on the radar."""
    from archwise.api import registry

    with registry.open_registry(db) as reg:
        found = registry.uses(reg, technology)
    if json_output:
        emit_json(found)
        return
    ring = f" (radar: {found.ring})" if found.ring else " (not on the radar)"
    console.print(f"{found.technology}{ring}: {len(found.repositories)} repository(ies)")
    for use in found.repositories:
        via = ", ".join(
            str(e.get("via") or e.get("file")) for e in use.get("evidence", [])[:3] if e
        )
        console.print(f"  {use['repository']}" + (f"  ({via})" if via else ""))


@radar_app.callback()
@handle_errors
def radar_cmd(ctx: typer.Context, db: DbOpt = None, json_output: JsonOpt = False) -> None:
    """Show the radar with the repositories using each technology; flag on-hold-but-used."""
    if ctx.invoked_subcommand is not None:
        return
    from archwise.api import registry

    with registry.open_registry(db) as reg:
        view = registry.radar_view(reg)
    if json_output:
        emit_json(view)
        return
    for ring in view.rings:
        blips = [b for b in view.blips if b.ring == ring]
        if not blips:
            continue
        console.print(ring.upper(), style="bold")
        for b in blips:
            flag = "  ON HOLD BUT USED" if b.on_hold_but_used else ""
            users = ", ".join(b.users) if b.users else "unused"
            console.print(f"  {b.name}: {users}{flag}", style="red" if flag else None)
    if view.unplaced:
        console.print("NOT ON THE RADAR", style="bold")
        for b in view.unplaced:
            console.print(f"  {b.name}: {', '.join(b.users)}")
    if view.flagged:
        console.print(f"on hold but still used: {', '.join(view.flagged)}", style="bold red")


@radar_app.command("import")
@handle_errors
def radar_import_cmd(
    file: Annotated[
        Path, typer.Argument(help="Radar file (.csv, ThoughtWorks or Backstage .json).")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="thoughtworks-csv, thoughtworks-json or backstage (default: guessed)."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Date of ThoughtWorks blips, YYYY-MM-DD (default: today)."),
    ] = None,
    db: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Merge a radar file into the registry radar; changes of ring are recorded as moves."""
    from archwise.api import registry

    with registry.open_registry(db) as reg:
        counts = registry.import_radar(reg, file, fmt=fmt, date=date)
    if json_output:
        emit_json({"file": str(file), **counts})
        return
    console.print(", ".join(f"{v} {k}" for k, v in counts.items()))


@radar_app.command("export")
@handle_errors
def radar_export_cmd(
    fmt: Annotated[
        str,
        typer.Option("--format", help="thoughtworks-csv, thoughtworks-json or backstage."),
    ] = "thoughtworks-csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write the registry radar as ThoughtWorks CSV/JSON or Backstage tech-radar JSON."""
    from archwise.api import registry

    registry.check_format(fmt)  # before the store is opened (and perhaps created)
    with registry.open_registry(db) as reg:
        registry.sync_org_radar(reg)
        text = registry.export_radar(reg, fmt, output=output, force=force)
    if output is None:
        typer.echo(text, nl=False)
    else:
        console.print(f"wrote {output}")


def register(app: typer.Typer) -> None:
    """Add `archwise registry ...` and `archwise push` to the app."""
    app.add_typer(registry_app)

    @app.command("push")
    @handle_errors
    def push_cmd(
        url: Annotated[str, typer.Argument(help="Base URL of a running `archwise serve`.")],
        paths: Annotated[
            list[Path] | None, typer.Argument(help="Repository folders (default: .).")
        ] = None,
        token: Annotated[
            str | None,
            typer.Option("--token", help="The server's write token (default: ARCHWISE_TOKEN)."),
        ] = None,
        name: NameOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Send repositories' ADRs, stack and analysis to a server's registry."""
        from archwise.api import registry

        secret = token or os.environ.get("ARCHWISE_TOKEN") or ""
        body: dict[str, Any] = registry.push(url, paths or [Path(".")], token=secret, name=name)
        if json_output:
            emit_json(body)
            return
        for r in body.get("ingested", []):
            verb = "added" if r.get("created") else "updated"
            console.print(f"{verb} {r.get('name')}: {r.get('adrs')} ADR(s) on {url}")
