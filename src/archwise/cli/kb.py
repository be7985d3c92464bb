"""CLI verbs: kb list, kb show, kb validate, kb radar, kb schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archwise.cli._common import JsonOpt, console, emit_json, err_console, esc, handle_errors

if TYPE_CHECKING:
    from archwise.api.kb import Shown

KbOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--kb",
        metavar="DIR",
        help="A knowledge-base folder that adds or overrides entries (repeatable).",
    ),
]
RadarOpt = Annotated[
    Path | None,
    typer.Option("--radar", metavar="FILE", help="The organisation's radar file (YAML)."),
]

KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        "-k",
        help="principles, checklists, bottlenecks, phases, risks or questions (ids for kb show).",
    ),
]

kb_app = typer.Typer(
    help="The knowledge base: technologies, patterns, principles and the organisation's radar.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add this module's verbs to the app."""
    app.add_typer(kb_app, name="kb")


@kb_app.command("list")
@handle_errors
def list_cmd(
    *,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Only this category, e.g. database.")
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Only candidates for this decision topic.")
    ] = None,
    ring: Annotated[
        str | None, typer.Option("--ring", help="Only entries in this radar ring.")
    ] = None,
    patterns: Annotated[
        bool, typer.Option("--patterns", help="List patterns instead of technologies.")
    ] = False,
    kind: KindOpt = None,
    kb: KbOpt = None,
    radar: RadarOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """List technologies (or patterns) with category, radar ring, first release and ops load."""
    from archwise.api import kb as api

    base = api.open_kb(kb or [], radar)
    if kind is not None:
        _list_documents(api.list_documents(base, kind), kind, json_output=json_output)
        return
    rows = api.list_entries(base, category=category, topic=topic, ring=ring, patterns=patterns)
    key = "patterns" if patterns else "technologies"
    if json_output:
        emit_json({"count": len(rows), key: rows})
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} {key}", title_justify="left")
    table.add_column("name", style="bold")
    table.add_column("category")
    # the ring column only when a radar gives rings (otherwise it is empty on every row)
    rings = any(r.ring for r in rows)
    if rings:
        table.add_column("ring")
    table.add_column("first release", justify="right")
    table.add_column("ops", justify="right")
    for r in rows:
        ring_cell = [r.ring or ""] if rings else []
        table.add_row(
            r.name + ("" if r.builtin else " *"),
            r.category,
            *ring_cell,
            str(r.first_release or ""),
            str(r.ops_complexity),
        )
    console.print(table)
    if any(not r.builtin for r in rows):
        console.print("* from a user knowledge-base folder")


def _list_documents(rows: list[Any], kind: str, *, json_output: bool) -> None:
    if json_output:
        emit_json({"count": len(rows), kind: [{"id": r.id, "title": r.title} for r in rows]})
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} {kind}", title_justify="left")
    table.add_column("id (for kb show)", style="bold")
    table.add_column("title")
    for r in rows:
        table.add_row(r.id, r.title)
    console.print(table)


@kb_app.command("show")
@handle_errors
def show_cmd(
    name: Annotated[
        str, typer.Argument(help="A technology or pattern name or alias, or an id of --kind.")
    ],
    kind: KindOpt = None,
    kb: KbOpt = None,
    radar: RadarOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Show every fact of one technology or pattern (or a principle, checklist, ... by id)."""
    from archwise.api import kb as api

    shown = api.show(api.open_kb(kb or [], radar), name, kind)
    if json_output:
        emit_json(shown.to_dict())
        return
    _render_shown(shown)


def _render_shown(shown: Shown) -> None:
    data: dict[str, Any] = shown.entry.model_dump(mode="json", exclude_none=True)
    console.print(f"[bold]{esc(shown.name)}[/]  ({esc(shown.kind)})", markup=True)
    if shown.ring is not None:
        line = f"radar: [bold]{esc(shown.ring.ring)}[/]"
        if shown.ring.reason:
            line += f": {esc(shown.ring.reason)}"
        console.print(line, markup=True)
    if shown.file and not shown.builtin:
        console.print(f"from {shown.file}")
    for key, value in data.items():
        if key in {"name", "id"} or value in ([], {}, None, ""):
            continue
        _render_value(key, value)


def _item_text(item: dict[str, Any], *, flag: bool = True) -> str:
    """One line for a nested entry: checklist items as 'id: text (facts)', others as k=v."""
    if "text" in item:
        extra = [
            f"{k}={_number(item[k])}"
            for k in ("field", "fact", "threshold")
            if item.get(k) is not None
        ]
        if item.get("required") is False:
            extra.append("optional")
        tail = f" ({', '.join(extra)})" if extra else ""
        mark = "[red flag] " if flag and item.get("kind") == "red_flag" else ""
        return f"{item.get('id', '')}: {mark}{item['text']}{tail}"
    return ", ".join(f"{k}={v}" for k, v in item.items() if v not in (None, [], {}))


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _render_value(key: str, value: Any) -> None:
    label = key.replace("_", " ")
    if isinstance(value, list) and value and isinstance(value[0], dict):
        console.print(f"[cyan]{esc(label)}[/]:", markup=True)
        for item in value:
            console.print(f"  - {_item_text(item, flag=key != 'red_flags')}", markup=False)
    elif isinstance(value, list):
        if all(len(str(v)) < 30 for v in value):
            console.print(f"[cyan]{esc(label)}[/]: " + esc(", ".join(map(str, value))), markup=True)
        else:
            console.print(f"[cyan]{esc(label)}[/]:", markup=True)
            for v in value:
                console.print(f"  - {v}", markup=False)
    elif isinstance(value, dict):
        console.print(f"[cyan]{esc(label)}[/]:", markup=True)
        for k, v in value.items():
            if v in ([], {}, None):
                continue
            shown = ", ".join(map(str, v)) if isinstance(v, list) else str(v)
            console.print(f"  {k}: {shown}", markup=False)
    else:
        console.print(f"[cyan]{esc(label)}[/]: {esc(value)}", markup=True, highlight=False)


@kb_app.command("validate")
@handle_errors
def validate_cmd(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="A user knowledge-base folder; without it the built-in and configured data.",
        ),
    ] = None,
    kb: KbOpt = None,
    radar: RadarOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Validate knowledge-base files and the radar; exit 2 listing every problem."""
    from archwise.api import kb as api

    result = api.validate(folder, kb or [], radar)
    if json_output:
        emit_json(
            {
                "ok": result.ok,
                "dirs": result.dirs,
                "radar": result.radar,
                "counts": result.counts,
                "problems": [p.to_dict() for p in result.problems],
            }
        )
    else:
        for problem in result.problems:
            err_console.print(f"[bold red]error:[/] {esc(problem)}", markup=True, soft_wrap=True)
        counts = ", ".join(f"{n} {kind}" for kind, n in result.counts.items() if n)
        where = ", ".join(str(d) for d in result.dirs) or "built-in data"
        if result.ok:
            console.print(f"ok: {where}: {counts}")
        else:
            err_console.print(f"{len(result.problems)} problem(s) in {where}")
    if not result.ok:
        raise typer.Exit(2)


@kb_app.command("radar")
@handle_errors
def radar_cmd(
    kb: KbOpt = None,
    radar: RadarOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Show the organisation's radar: adopt, trial, assess and hold."""
    from archwise.api import kb as api

    view = api.radar(api.open_kb(kb or [], radar))
    if json_output:
        emit_json(view)
        return
    from rich.table import Table

    console.print(f"[bold]{esc(view.title)}[/] ({esc(view.date)}) {esc(view.file)}", markup=True)
    for ring, rows in view.by_ring().items():
        if not rows:
            continue
        table = Table(title=ring, title_justify="left")
        table.add_column("name", style="bold")
        table.add_column("category")
        table.add_column("quadrant")
        table.add_column("moved from")
        table.add_column("reason")
        for r in rows:
            table.add_row(
                r.canonical, r.category, r.quadrant or "", r.moved_from or "", r.reason or ""
            )
        console.print(table)


@kb_app.command("schema")
@handle_errors
def schema_cmd(
    kind: Annotated[
        str,
        typer.Argument(help="technologies, patterns, principles, checklists, ... or radar."),
    ] = "technologies",
) -> None:
    """Print the JSON Schema of one entry of a kind (or of the radar file) for editors."""
    from archwise.api import kb as api

    emit_json(api.schema(kind))
