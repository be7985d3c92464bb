"""The root callback of the archwise app: the --version option and the app's own help."""

from __future__ import annotations

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
