"""The `archwise` command: a Typer app whose verbs each call one archwise.api function."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from archwise import __version__

# Each module defines register(app); they import archwise.api lazily inside their commands so
# that `archwise --help` never loads numpy, SQLAlchemy, the web stack or the MCP SDK.
COMMAND_MODULES = (
    "archwise.cli.demo",
    "archwise.cli.requirements",
    "archwise.cli.kb",
    "archwise.cli.recommend",
    "archwise.cli.session",
    "archwise.cli.adr",
    "archwise.cli.capacity",
    "archwise.cli.analyze",
    "archwise.cli.plan",
    "archwise.cli.report",
    "archwise.cli.mcp",
    "archwise.cli.web",
    "archwise.cli.registry",
)

app = typer.Typer(
    name="archwise",
    help=(
        "Architecture guidance as working software: requirements, options with tradeoffs, "
        "capacity math, delivery plans and ADRs checked against the code."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"archwise {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """archwise: architecture guidance as working software."""


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Entry point of the `archwise` console script."""
    app()


if __name__ == "__main__":
    main()
