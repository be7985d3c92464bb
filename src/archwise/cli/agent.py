"""CLI verbs: agent install, agent uninstall (the archwise skill for coding agents)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from archwise.cli._common import JsonOpt, console, emit_json, err_console, esc, handle_errors

if TYPE_CHECKING:
    from archwise.api.agent import Outcome

agent_app = typer.Typer(
    help="Teach a coding agent the archwise workflow: skill, commands and the MCP server entry.",
    no_args_is_help=True,
)

PathArg = Annotated[
    Path, typer.Argument(help="The repository to write into (default: the current folder).")
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would change and write nothing.")
]

_MARK = {
    "create": ("create", "green"),
    "update": ("update", "cyan"),
    "unchanged": ("unchanged", "dim"),
    "conflict": ("refused", "bold red"),
    "remove": ("remove", "yellow"),
    "kept": ("kept", "bold red"),
    "gone": ("already gone", "dim"),
}


def register(app: typer.Typer) -> None:
    """Add this module's verbs to the app."""
    app.add_typer(agent_app, name="agent")


def _show(out: Outcome) -> None:
    verb = "would change" if out.dry_run else "changes"
    console.print(
        f"[bold]{esc(out.target)}[/] in {esc(out.root)} ({esc(verb)}):",
        soft_wrap=True,
        markup=True,
    )
    for step in out.steps:
        detail = f" [dim]({esc(step.detail)})[/]" if step.detail else ""
        word, style = _MARK[step.action]
        console.print(
            f"  [{style}]{esc(format(word, '<13'))}[/] {esc(step.path)}{detail}",
            soft_wrap=True,
            markup=True,
        )


@agent_app.command("install")
@handle_errors
def install_cmd(
    path: PathArg = Path("."),
    *,
    target: Annotated[
        str,
        typer.Option(
            "--for",
            help="claude (.claude/, .mcp.json), cursor (.cursor/), codex (.codex/) or "
            "agents-md (AGENTS.md, .agents/).",
            show_default=False,
        ),
    ],
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Write the skill, commands and MCP entry; a file you changed blocks it (exit 1)."""
    from archwise.api import agent as api

    out = api.install(target, path, dry_run=dry_run)
    if json_output:
        emit_json({"outcome": out, "conflicts": len(out.conflicts)})
    else:
        _show(out)
        if out.conflicts:
            err_console.print(
                f"nothing written: {len(out.conflicts)} file(s) changed by you are in the way; "
                "move your changes aside or keep them and skip the install",
                markup=False,
            )
        elif not out.dry_run:
            console.print("done" if out.written else "already installed; nothing to change")
    if out.conflicts:
        raise typer.Exit(1)


@agent_app.command("uninstall")
@handle_errors
def uninstall_cmd(
    path: PathArg = Path("."),
    *,
    target: Annotated[
        list[str] | None,
        typer.Option("--for", help="Only this agent (repeatable; default: every one installed)."),
    ] = None,
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Remove what install wrote; a file you changed since is kept (exit 1)."""
    from archwise.api import agent as api

    outs = api.uninstall(path, target, dry_run=dry_run)
    kept = sum(len(o.conflicts) for o in outs)
    if json_output:
        emit_json({"outcomes": outs, "kept": kept})
    else:
        if not outs:
            console.print("no archwise agent files are recorded here; nothing to remove")
        for out in outs:
            _show(out)
        if kept:
            err_console.print(
                f"{kept} file(s) were changed since archwise wrote them and were kept", markup=False
            )
    if kept:
        raise typer.Exit(1)
