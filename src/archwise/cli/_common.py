"""What every CLI command shares: consoles, the --json contract and error-to-exit-code mapping."""

from __future__ import annotations

import functools
import json
import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar, cast

import typer

from archwise.errors import EXIT_BAD_INPUT, ArchwiseError, InputError
from archwise.jsonable import to_jsonable

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")


class _LazyConsole:
    """A rich Console made on first use: a command that only prints JSON never imports rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def get(self) -> Console:
        """The Console itself, made now if it was not yet."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


def real_console(c: Console) -> Console:
    """The Console behind a lazy one, for rich APIs that take a console= argument."""
    return c.get() if isinstance(c, _LazyConsole) else c


# Messages print literally: file names, values and hints may hold square brackets
# ('my[bold]file.yaml', "pip install 'archwise[web]'"), which Rich would read as markup. A
# message with styling says markup=True and passes user text through esc().
console = cast("Console", _LazyConsole(highlight=False, soft_wrap=False, markup=False))
err_console = cast("Console", _LazyConsole(stderr=True, highlight=False, markup=False))


def esc(value: object) -> str:
    """User text made literal inside a Rich markup string."""
    from rich.markup import escape

    return escape(str(value))


def styled(text: str) -> Any:
    """A table cell with markup (cells are literal otherwise); user text in it goes via esc()."""
    from rich.text import Text

    return Text.from_markup(text)


JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")
]

ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace an output file even when it is one of the command's inputs."
    ),
]

# Ranges of the numeric options, checked at parse time (exit 2 naming the option); click shows
# each range in --help.
SEED_MAX = 2**32 - 1


def finite(value: float | None) -> float | None:
    """Option callback: refuse nan, which every range comparison lets through."""
    if value is not None and math.isnan(value):
        raise typer.BadParameter("nan is not a number")
    return value


def emit_json(obj: Any) -> None:
    """Write one JSON document to stdout."""
    try:
        if hasattr(obj, "model_dump_json"):
            # pydantic-core writes the same document in Rust, ten times faster than json.dumps
            # with an indent (which falls back to the pure-Python encoder): 3 ms instead of 25 ms
            # for a recommendation.
            text = obj.model_dump_json(indent=2, by_alias=True)
        else:
            text = json.dumps(to_jsonable(obj), indent=2, ensure_ascii=False)
        text.encode("utf-8")
    except (ValueError, UnicodeError):
        # A file name that is not UTF-8 carries lone surrogates: escaped, the document stays
        # one valid JSON text.
        text = json.dumps(to_jsonable(obj), indent=2, ensure_ascii=True)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def fail(exc: ArchwiseError, *, as_json: bool) -> typer.Exit:
    """Report an error on stderr (and as JSON on stdout with --json); return the Exit to raise."""
    if as_json:
        emit_json({"error": exc.to_dict()})
    err_console.print(
        f"[bold red]error:[/] {esc(exc)}", markup=True, highlight=False, soft_wrap=True
    )
    return typer.Exit(exc.exit_code)


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn archwise errors raised by a command into a message and the matching exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ArchwiseError as exc:
            raise fail(exc, as_json=bool(kwargs.get("json_output"))) from None
        except KeyboardInterrupt:
            err_console.print("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except RecursionError:
            err_console.print("[bold red]error:[/] input nested too deeply", markup=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except OSError as exc:
            # What the file system refuses (a symlink loop, a name too long, a folder where a
            # file was expected) is bad input, reported with the path, never a traceback.
            raise fail(_os_error(exc), as_json=bool(kwargs.get("json_output"))) from None

    return wrapper


def _os_error(exc: OSError) -> InputError:
    from archwise.fileio import describe_os_error

    return describe_os_error(exc)
