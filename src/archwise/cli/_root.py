"""The root callback of the archwise app: the --version option and the app's own help."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from archwise import __version__


def _version(value: bool) -> None:
    if value:
        typer.echo(f"archwise {__version__}")
        raise typer.Exit(0)


def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """archwise: architecture guidance as working software."""
    from archwise import workspace

    # Like git, the CLI walks up from the current folder to the workspace; it says so on stderr
    # (stdout stays one JSON document with --json).
    workspace.on_walk = _say_root


def _say_root(root: Path) -> None:
    from archwise import workspace

    workspace.on_walk = None  # once per command
    sys.stderr.write(f"archwise: using the workspace {root} (found above the current folder)\n")
