"""`archwise --help` replayed from the copy the last identical run printed.

Building the Typer app and rendering help with Rich takes several times a bare interpreter's
start. The help a command prints depends only on archwise's command modules, the installed
typer, click and rich, the terminal (width, colour, whether it is one), the program name and
the arguments, so
the bytes are kept in the per-user cache keyed by all of these (ADR-0023); a run with the same
key writes them back without importing typer. This module imports only the standard library.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from typing import Any

from archwise import __version__

HELP_FLAGS = ("--help", "-h")
# What Rich and Typer read from the environment to decide how help looks.
_ENV = (
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "TYPER_USE_RICH",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
)
_LIBRARIES = ("typer", "click", "rich")


def is_help(args: list[str], verbs: Any) -> bool:
    """Whether args ask only for help: `--help`, or command names followed by `--help`."""
    if not args or args[-1] not in HELP_FLAGS or len(args) > 4:
        return False
    words = args[:-1]
    return all(w and not w.startswith("-") for w in words) and (not words or words[0] in verbs)


def _folder() -> str | None:
    setting = os.environ.get("ARCHWISE_CACHE_DIR")
    if setting == "off":
        return None
    if setting:
        base = setting
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = os.path.join(xdg or os.path.join(os.path.expanduser("~"), ".cache"), "archwise")
    return os.path.join(base, f"help-{__version__}")


def _library_files() -> list[str]:
    """The __init__ files of the libraries that render help, found without importing them."""
    files = []
    for name in _LIBRARIES:
        for entry in sys.path:
            candidate = os.path.join(entry or ".", name, "__init__.py")
            if os.path.isfile(candidate):
                files.append(candidate)
                break
    return files


def _terminal() -> str:
    size = "-"
    for fd in (0, 1, 2):
        try:
            columns, lines = os.get_terminal_size(fd)
        except OSError:
            continue
        size = f"{columns}x{lines}"
        break
    try:
        tty = os.isatty(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        tty = False
    return f"{size}:{tty}"


def key(args: list[str]) -> str:
    """Everything the help for args depends on, hashed."""
    cli = os.path.dirname(os.path.abspath(__file__))
    package = os.path.dirname(cli)
    # the program name in "Usage:" comes from how archwise was started (script or -m)
    started = "\0".join([sys.argv[0] if sys.argv else "", *getattr(sys, "orig_argv", [])[:3]])
    digest = hashlib.sha256("\0".join([__version__, started, *args, _terminal()]).encode())
    for name in _ENV:
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode())
    sources = sorted(os.path.join(cli, f) for f in os.listdir(cli) if f.endswith(".py"))
    for path in [*sources, os.path.join(package, "__init__.py"), *_library_files()]:
        st = os.stat(path)
        digest.update(f"{path}\0{st.st_mtime_ns}\0{st.st_size}\0".encode())
    return digest.hexdigest()


def _path(args: list[str]) -> str | None:
    folder = _folder()
    return None if folder is None else os.path.join(folder, key(args) + ".out")


def replay(args: list[str]) -> bool:
    """Write the help kept for args to stdout; False when there is none."""
    try:
        path = _path(args)
        if path is None:
            return False
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if not data:
        return False
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        out.write(data)
    sys.stdout.flush()
    return True


class _Tee:
    """A stream as it is, also remembering what was written to it (text or bytes)."""

    def __init__(self, real: Any, parts: list[bytes]) -> None:
        self._real = real
        self.parts = parts
        raw = getattr(real, "buffer", None)
        if raw is not None:
            self.buffer = _Tee(raw, parts)

    def write(self, data: str | bytes) -> int:
        self.parts.append(data.encode("utf-8") if isinstance(data, str) else bytes(data))
        return int(self._real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def record(args: list[str], run: Callable[[], object]) -> None:
    """Run the app for args, keeping the help it prints when it ends successfully."""
    real = sys.stdout
    tee = _Tee(real, [])
    sys.stdout = tee
    code: object = 0
    try:
        run()
    except SystemExit as exc:
        code = exc.code
        raise
    finally:
        sys.stdout = real
        if code in (0, None) and tee.parts:
            _save(args, b"".join(tee.parts))


def _save(args: list[str], data: bytes) -> None:
    try:
        path = _path(args)
        if path is None:
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        return  # a cache that cannot be written is skipped


# Rich modules typer's help renderer imports but never uses for archwise's help: markdown (help
# is in Rich markup mode) and tracebacks (pretty exceptions are off). Importing them (with
# markdown-it and pygments) is about a third of a cold `archwise --help`.
_UNUSED_FOR_HELP = ("rich.markdown", "rich.traceback")


class _DeferredMeta(type):
    """A stand-in class that becomes the real one on first use (a call or an attribute)."""

    _module: str
    _name: str

    def _real(cls) -> Any:
        import importlib

        return getattr(importlib.import_module(cls._module), cls._name)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls._real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls._real(), name)


def _stand_in(module: str) -> Any:
    import types

    shim = types.ModuleType(module)

    def named(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _DeferredMeta(name, (), {"_module": module, "_name": name})

    shim.__getattr__ = named  # type: ignore[method-assign]
    return shim


def import_help_renderer() -> None:
    """Import typer's help renderer with stand-ins for the Rich modules help never uses.

    The stand-ins are removed as soon as the renderer is imported, so any later import gets
    the real modules, and the names the renderer bound import them on first use.
    """
    if any(name in sys.modules for name in ("typer.rich_utils", *_UNUSED_FOR_HELP)):
        return
    placed = []
    for name in _UNUSED_FOR_HELP:
        sys.modules[name] = _stand_in(name)
        placed.append(name)
    try:
        import typer.rich_utils  # noqa: F401
    except ImportError:
        pass  # without Rich, typer prints plain help and needs no renderer
    finally:
        for name in placed:
            sys.modules.pop(name, None)
