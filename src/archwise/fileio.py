"""Safe file I/O shared by every package: the workspace boundary, bounded reads, atomic writes.

Reads open regular files only (a FIFO, device or socket would block or never end) and check the
size before reading. Writes refuse targets that are not regular files and never leave the
target's folder. While a boundary is active (the MCP server and the web server set one per call),
every path read or written must resolve inside it, symlinks followed.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from archwise.errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024
NAME_MAX = 255

_BOUNDARY: contextvars.ContextVar[tuple[Path, tuple[Path, ...]] | None] = contextvars.ContextVar(
    "archwise_boundary", default=None
)


@contextlib.contextmanager
def confined(root: str | Path) -> Iterator[Path]:
    """Within the block, every read and write must resolve inside root (resolved).

    Also readable: archwise's own files (the built-in knowledge base, templates) and what the
    operator configured by environment (ARCHWISE_KB folders, the ARCHWISE_RADAR file).
    """
    resolved = resolve(root, what="workspace")
    readable = [Path(__file__).resolve().parent]
    readable += [Path(p) for p in os.environ.get("ARCHWISE_KB", "").split(os.pathsep) if p]
    if os.environ.get("ARCHWISE_RADAR"):
        readable.append(Path(os.environ["ARCHWISE_RADAR"]))
    token = _BOUNDARY.set((resolved, tuple(resolve(p, what="folder") for p in readable)))
    try:
        yield resolved
    finally:
        _BOUNDARY.reset(token)


def boundary() -> Path | None:
    """The root of the active workspace boundary, if any."""
    active = _BOUNDARY.get()
    return active[0] if active else None


def resolve(path: str | Path, *, what: str = "path") -> Path:
    """The absolute path with symlinks followed; loops and over-long names are input errors."""
    p = Path(path)
    for part in p.parts:
        if len(os.fsencode(part)) > NAME_MAX:
            raise InputError(
                f"a {what} name component is {len(os.fsencode(part))} bytes; "
                f"the file-system limit is {NAME_MAX}",
                file=_show(p),
            )
    try:
        return Path(os.path.realpath(p, strict=False))
    except (OSError, RuntimeError, ValueError) as exc:
        raise InputError(f"cannot resolve {what}: {_reason(exc)}", file=_show(p)) from None


def inside(path: str | Path, root: str | Path, *, what: str = "path", rule: str = "") -> Path:
    """Return path resolved, refusing it when it resolves outside root."""
    resolved = resolve(path, what=what)
    base = resolve(root, what="workspace")
    if resolved != base and base not in resolved.parents:
        why = rule or "paths must stay inside the workspace"
        raise InputError(
            f"{what} resolves to {_show(resolved)}, outside the workspace {_show(base)}; {why}",
            file=_show(Path(path)),
        )
    return resolved


def check_boundary(path: str | Path, *, what: str = "file", write: bool = False) -> Path:
    """Return path resolved; inside an active boundary, refuse anything outside it."""
    active = _BOUNDARY.get()
    if active is None:
        return resolve(path, what=what)
    root, readable = active
    if not write:
        resolved = resolve(path, what=what)
        if any(resolved == r or r in resolved.parents for r in readable):
            return resolved
    return inside(path, root, what=what, rule="this server only reads and writes its workspace")


def check_readable(path: str | Path, *, what: str = "file") -> os.stat_result:
    """Stat a file about to be read, refusing anything but a regular file inside the boundary.

    For readers that stream a file themselves; read_bytes and read_text call it.
    """
    p = Path(path)
    check_boundary(p, what=what)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputError(f"{what} not found", file=_show(p)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {what}: {_reason(exc)}", file=_show(p)) from None
    _regular(st, p, what)
    return st


def read_bytes(path: str | Path, *, limit: int = MAX_INPUT_BYTES, what: str = "file") -> bytes:
    """Read a regular file of at most limit bytes; anything else is an InputError."""
    p = Path(path)
    st = check_readable(p, what=what)
    _within(st.st_size, limit, p, what)
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the stat, open does not wait for
        # a writer, and fstat below refuses it.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"cannot read {what}: {_reason(exc)}", file=_show(p)) from None
    try:
        st = os.fstat(fd)
        _regular(st, p, what)
        _within(st.st_size, limit, p, what)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {_reason(exc)}", file=_show(p)) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    _within(len(raw), limit, p, what)
    return raw


def read_text(path: str | Path, *, limit: int = MAX_INPUT_BYTES, what: str = "file") -> str:
    """Read a UTF-8 text file, refusing missing, special, huge, binary or undecodable files."""
    p = Path(path)
    raw = read_bytes(p, limit=limit, what=what)
    if b"\x00" in raw[:8192]:
        raise InputError(f"{what} is binary, expected UTF-8 text", file=_show(p))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); save the {what} as UTF-8",
            file=_show(p),
            line=line,
        ) from None
    return text


def check_target(
    path: str | Path,
    *,
    inputs: Iterable[str | Path | None] = (),
    force: bool = False,
    what: str = "output",
) -> Path:
    """Refuse a write target that is a folder, a special file, under a file, or an input."""
    p = Path(path)
    resolved = check_boundary(p, what=what, write=True)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        st = None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot write {what}: {_reason(exc)}", file=_show(p)) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{what} is a folder; give a file name", file=_show(p))
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"{what} exists and is {_kind(st.st_mode)}; archwise only replaces regular files",
                file=_show(p),
            )
        for given in inputs:
            same = given is not None and os.path.exists(given) and os.path.samefile(given, p)
            if same and not force:
                raise InputError(
                    f"{what} is also an input of this command; pass --force to replace it",
                    file=_show(p),
                )
    for parent in resolved.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(
                    f"{what} lies under {_show(parent)}, which is a file", file=_show(p)
                )
            break
    return resolved


def write_output(
    path: str | Path,
    data: str | bytes,
    *,
    inputs: Iterable[str | Path | None] = (),
    force: bool = False,
) -> Path:
    """Write a command's output, refusing to replace one of its inputs unless forced."""
    check_target(path, inputs=inputs, force=force)
    return atomic_write(path, data)


def atomic_write(
    path: str | Path, data: str | bytes, *, mode: int | None = None, own: bool = False
) -> Path:
    """Write a file through a temporary name in the same folder and rename it into place.

    own=True marks archwise's own state (its cache), which the workspace boundary does not cover.
    """
    p = Path(path)
    if own:
        with _unconfined():
            check_target(p)
    else:
        check_target(p)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name[:40]}.", suffix=".tmp", dir=p.parent)
    except OSError as exc:
        raise InputError(f"cannot write: {_reason(exc)}", file=_show(p)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif p.exists():
            os.chmod(tmp, p.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, p)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write: {_reason(exc)}", file=_show(p)) from None
        raise
    return p


@contextlib.contextmanager
def _unconfined() -> Iterator[None]:
    token = _BOUNDARY.set(None)
    try:
        yield
    finally:
        _BOUNDARY.reset(token)


def describe_os_error(exc: OSError) -> InputError:
    """An OSError as an InputError naming the path and what the file system said."""
    name = exc.filename if exc.filename is not None else None
    return InputError(_reason(exc), file=_show(os.fsdecode(name)) if name is not None else None)


def _regular(st: os.stat_result, p: Path, what: str) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"expected a {what}, got a directory", file=_show(p))
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            f"{what} is {_kind(st.st_mode)}; archwise reads only regular files", file=_show(p)
        )


def _within(size: int, limit: int, p: Path, what: str) -> None:
    if size > limit:
        raise InputError(
            f"{what} is {size / 1_048_576:.1f} MiB; the limit is {limit / 1_048_576:.0f} MiB",
            file=_show(p),
        )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if exc.errno == errno.ENAMETOOLONG:
            return f"name too long (a name component may have at most {NAME_MAX} bytes)"
        if exc.errno == errno.ENOTDIR:
            return "a folder in the path is a file"
        return exc.strerror or str(exc)
    if isinstance(exc, RuntimeError):
        return "symlink loop"
    return str(exc)


def _show(p: str | Path) -> str:
    """A path printable on any terminal: undecodable bytes of a file name shown as escapes."""
    text = str(p)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
