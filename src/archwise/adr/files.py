"""Reading and writing record files: the numbering lock and atomic writes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from archwise.adr.adrtools import decode, encode
from archwise.fileio import atomic_write

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_S = 60.0


def adr_lock(dstdir: Path) -> FileLock:
    """A lock shared by every process numbering records in this folder.

    It lives in the temporary folder, keyed by the folder's real path, so that no lock file
    appears in the repository next to the records.
    """
    from filelock import FileLock

    real = os.path.realpath(dstdir)
    key = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return FileLock(
        os.path.join(tempfile.gettempdir(), f"archwise-adr-{key}.lock"), timeout=LOCK_TIMEOUT_S
    )


def read(path: Path) -> str:
    """A record's text, undecodable bytes kept."""
    return decode(path.read_bytes())


def write(path: Path, text: str) -> None:
    """Replace a record through a temporary file and a rename."""
    atomic_write(path, encode(text))


def create(path: Path, text: str) -> None:
    """Write a new record; refuse to replace an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(encode(text))
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.link(tmp, path)
    finally:
        os.unlink(tmp)
