"""A per-user cache folder for derived data that is cheap to rebuild (parsed, validated files)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from archwise import __version__
from archwise.fileio import atomic_write

T = TypeVar("T")

# What a stale, truncated or foreign pickle can raise; any of them means "rebuild".
_UNREADABLE = (
    OSError,
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    ImportError,
    IndexError,
    TypeError,
    ValueError,
)


def cache_dir(kind: str) -> Path | None:
    """Folder for one kind of cached data; None when ARCHWISE_CACHE_DIR is 'off'.

    ARCHWISE_CACHE_DIR overrides the location, else XDG_CACHE_HOME, else ~/.cache. The archwise
    version is part of the path, so an upgrade never reads what an older parser wrote.
    """
    setting = os.environ.get("ARCHWISE_CACHE_DIR")
    if setting == "off":
        return None
    if setting:
        base = Path(setting)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path(os.path.expanduser("~")) / ".cache") / "archwise"
    return base / f"{kind}-{__version__}"


def source_stamp(folders: Iterable[Path], *extra: str) -> str:
    """A short hash of the Python files in folders (path, mtime, size) and of extra strings.

    Cached objects are pickled model instances; keying them by the code that defines the models
    means an edited schema (or a new pydantic) is never served what the old one produced.
    """
    digest = hashlib.sha256("\0".join(extra).encode("utf-8"))
    for folder in folders:
        for path in sorted(folder.glob("*.py")):
            st = path.stat()
            digest.update(f"{path}\0{st.st_mtime_ns}\0{st.st_size}\0".encode())
    return digest.hexdigest()[:16]


@functools.cache
def code_stamp(*folders: Path) -> str:
    """The stamp of feature folders plus archwise's shared modules and the pydantic version."""
    import pydantic

    return source_stamp([*folders, Path(__file__).parent], pydantic.VERSION)


def load_pickle(path: Path) -> Any | None:
    """The object pickled at path, or None when it is missing or unreadable."""
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except _UNREADABLE:
        return None


def save_pickle(path: Path, obj: object) -> None:
    """Pickle obj to path atomically; a cache that cannot be written is silently skipped."""
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), own=True)


def memo(kind: str, key: str, build: Callable[[], T]) -> T:
    """build(), kept pickled in the kind's cache folder under the hash of key.

    The key must name everything the result depends on (the input text, the code's stamp).
    """
    folder = cache_dir(kind)
    if folder is None:
        return build()
    path = folder / f"{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()}.pickle"
    hit = load_pickle(path)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    value = build()
    save_pickle(path, value)
    return value
