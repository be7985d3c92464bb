"""Reading and writing record files: the numbering lock and atomic writes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from archwise.adr.adrtools import decode, encode
from archwise.fileio import atomic_write, check_target, read_bytes

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_S = 60.0


def lock_path(dstdir: Path) -> Path:
    """Where the numbering lock of an ADR folder lives: in the repository's own metadata.

    Under `.git/archwise/` when the folder is in a git repository, else in the nearest
    `.archwise/` above it, else in `.archwise/` beside the folder. The name is keyed by the
    folder's path inside that repository, so every writer sharing the folder (other users,
    containers mounting it elsewhere, any TMPDIR) takes the same lock; nothing appears among
    the records.
    """
    real = Path(os.path.realpath(dstdir))
    ceilings = {
        os.path.realpath(p)
        for p in os.environ.get("ARCHWISE_CEILING_DIRS", "").split(os.pathsep)
        if p
    }
    root, meta = real.parent, real.parent / ".archwise" / "locks"
    for folder in (real, *real.parents):
        if str(folder) in ceilings and folder != real:
            break
        git = folder / ".git"
        if git.is_dir():
            root, meta = folder, git / "archwise"
            break
        if git.is_file():
            # A worktree or submodule: `.git` names the real git folder.
            text = git.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                gitdir = Path(text[len("gitdir:") :].strip())
                root, meta = folder, (folder / gitdir if not gitdir.is_absolute() else gitdir)
                meta = meta / "archwise"
                break
        if (folder / ".archwise").is_dir():
            root, meta = folder, folder / ".archwise" / "locks"
            break
    rel = os.path.relpath(real, root).replace(os.sep, "/")
    key = hashlib.sha256(rel.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return meta / f"adr-{key}.lock"


def adr_lock(dstdir: Path) -> FileLock:
    """A lock shared by every process numbering records in this folder (see `lock_path`)."""
    from filelock import FileLock

    path = lock_path(dstdir)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Readable and writable by everyone who can write the records, as the records are.
    return FileLock(str(path), timeout=LOCK_TIMEOUT_S, mode=0o666)


def read(path: Path) -> str:
    """A record's text, undecodable bytes kept."""
    return decode(read_bytes(path, what="ADR"))


def write(path: Path, text: str) -> None:
    """Replace a record through a temporary file and a rename."""
    atomic_write(path, encode(text))


def create(path: Path, text: str) -> None:
    """Write a new record; refuse to replace an existing file."""
    check_target(path, what="ADR")
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
