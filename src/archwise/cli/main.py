"""The `archwise` command: a Typer app whose verbs each call one archwise.api function."""

from __future__ import annotations

import functools
import importlib
import os
import sys
from typing import TYPE_CHECKING

from archwise import __version__

if TYPE_CHECKING:
    import typer

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
    "archwise.cli.agent",
)

# Which module registers each top-level verb: `archwise VERB ...` builds only that module's
# commands, since Typer turns every command signature into click objects on each run (a test
# keeps this index in step with what the modules register).
COMMAND_INDEX = {
    "demo": "archwise.cli.demo",
    "check-requirements": "archwise.cli.requirements",
    "questions": "archwise.cli.requirements",
    "new": "archwise.cli.requirements",
    "brief": "archwise.cli.requirements",
    "schema": "archwise.cli.requirements",
    "kb": "archwise.cli.kb",
    "recommend": "archwise.cli.recommend",
    "explain": "archwise.cli.recommend",
    "compare": "archwise.cli.recommend",
    "evaluate": "archwise.cli.recommend",
    "discover": "archwise.cli.session",
    "session": "archwise.cli.session",
    "adr": "archwise.cli.adr",
    "capacity": "archwise.cli.capacity",
    "analyze": "archwise.cli.analyze",
    "check": "archwise.cli.analyze",
    "plan": "archwise.cli.plan",
    "risks": "archwise.cli.plan",
    "report": "archwise.cli.report",
    "export": "archwise.cli.report",
    "mcp": "archwise.cli.mcp",
    "serve": "archwise.cli.web",
    "push": "archwise.cli.registry",
    "registry": "archwise.cli.registry",
    "agent": "archwise.cli.agent",
}


def _new_app() -> typer.Typer:
    """The archwise Typer app with its root callback and no verbs yet."""
    import typer

    from archwise.cli._root import root

    built = typer.Typer(
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
    built.callback()(root)
    return built


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """The archwise Typer app with the verbs of the given command modules."""
    built = _new_app()
    for name in modules:
        importlib.import_module(name).register(built)
    return built


def _listed_only() -> None:
    """A verb as the root help lists it; running it is never asked of this app."""


def outline_app() -> typer.Typer:
    """An app whose verbs carry only their names and help: the root help, rendered cheaply.

    It prints the same help as the full app (a test compares them byte for byte) without
    importing the command modules or building their parameters.
    """
    from archwise.cli._outline import OUTLINE

    built = _new_app()
    for name, text in OUTLINE:
        built.command(name, help=text)(_listed_only)
    return built


@functools.cache
def full_app() -> typer.Typer:
    """The app with every verb, built once (help, completion and tests use it)."""
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    # `app` is built on first use: a verb run from the console script builds only its module.
    if name == "app":
        return full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the `archwise` console script."""
    args = sys.argv[1:]
    if args == ["--version"]:
        sys.stdout.write(f"archwise {__version__}\n")
        return
    from archwise.cli import _help

    # help is replayed from the copy an identical run printed, without importing typer
    asks_help = _help.is_help(args, COMMAND_INDEX)
    if asks_help and _help.replay(args):
        return
    # Pydantic looks for plugins (validation tracers) by scanning every installed distribution's
    # entry points, about 40 ms per command; archwise's own models have no use for them. A
    # user's explicit setting is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    module = COMMAND_INDEX.get(args[0]) if args else None
    if module is not None:
        app = build_app((module,))
    elif not args or (asks_help and len(args) == 1):
        app = outline_app()  # the root help: names and help of the verbs only
    else:
        app = full_app()
    if asks_help or not args:
        _help.import_help_renderer()
    if asks_help:
        _help.record(args, app)
    else:
        app()


if __name__ == "__main__":
    main()
