"""A per-user cache folder for derived data that is cheap to rebuild (parsed files)."""

from __future__ import annotations

import os
from pathlib import Path

from archwise import __version__


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
