"""Safe file I/O shared by every package: bounded reads and atomic writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from archwise.errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024


def read_text(path: str | Path, *, limit: int = MAX_INPUT_BYTES, what: str = "file") -> str:
    """Read a UTF-8 text file, refusing missing, huge, binary or undecodable files."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{what} not found", file=p) from None
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror}", file=p) from None
    if p.is_dir():
        raise InputError(f"expected a {what}, got a directory", file=p)
    if size > limit:
        raise InputError(
            f"{what} is {size / 1_048_576:.1f} MiB; the limit is {limit / 1_048_576:.0f} MiB",
            file=p,
        )
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror}", file=p) from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{what} is binary, expected UTF-8 text", file=p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); save the {what} as UTF-8", file=p, line=line
        ) from None
    return text


def atomic_write(path: str | Path, data: str | bytes, *, mode: int | None = None) -> Path:
    """Write a file through a temporary name in the same folder and rename it into place."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
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
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return p
