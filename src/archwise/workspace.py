"""The workspace: the folder archwise works in, and where its files live inside it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archwise.errors import InputError

REQUIREMENTS_FILE = "archwise.yaml"
STATE_DIR = ".archwise"
CONFIG_FILE = "config.yaml"
DB_FILE = "archwise.db"
ADR_DIR_FILE = ".adr-dir"
REPORT_DIR = "docs/architecture"
CONFIG_KEYS = {"kb_dirs", "radar", "adr_dir", "db", "adr_format", "adr"}


@dataclass(frozen=True)
class Workspace:
    """A root folder and the configuration read from `.archwise/config.yaml`."""

    root: Path
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def state_dir(self) -> Path:
        """Folder of the store, snapshots and config."""
        return self.root / STATE_DIR

    @property
    def requirements_file(self) -> Path:
        """The requirements file of this workspace."""
        return self.root / REQUIREMENTS_FILE

    @property
    def report_dir(self) -> Path:
        """Where generated architecture documents go."""
        return self.root / REPORT_DIR

    def db_url(self, override: str | None = None) -> str:
        """Return the store URL: --db, then ARCHWISE_DB, then config, then SQLite in .archwise/."""
        url = override or os.environ.get("ARCHWISE_DB") or self.config.get("db")
        if url:
            return str(url)
        return f"sqlite:///{self.state_dir / DB_FILE}"

    def adr_dir(self) -> Path:
        """Return the ADR folder: config, `.adr-dir` (as adr-tools), doc/adr, else docs/adr."""
        if self.config.get("adr_dir"):
            return self.inside(str(self.config["adr_dir"]), what="adr_dir of the config")
        marker = self.root / ADR_DIR_FILE
        if marker.is_file():
            from archwise.fileio import read_text

            text = read_text(marker, limit=4096, what=ADR_DIR_FILE).strip()
            if text:
                return self.inside(text, what=f"the folder named in {ADR_DIR_FILE}")
        for candidate in ("doc/adr", "docs/adr", "docs/decisions", "doc/decisions"):
            if (self.root / candidate).is_dir():
                return self.root / candidate
        return self.root / "docs/adr"

    def kb_dirs(self, extra: list[Path] | None = None) -> list[Path]:
        """User knowledge-base folders: config, ARCHWISE_KB (os.pathsep-separated), then --kb."""
        dirs = [
            self.inside(str(d), what="kb_dirs of the config")
            for d in self.config.get("kb_dirs") or []
        ]
        env = os.environ.get("ARCHWISE_KB")
        if env:
            dirs += [Path(p) for p in env.split(os.pathsep) if p]
        return dirs + list(extra or [])

    def radar_file(self, override: Path | None = None) -> Path | None:
        """The organisation's radar file, if any: --radar, ARCHWISE_RADAR, then config."""
        if override is not None:
            return override
        env = os.environ.get("ARCHWISE_RADAR")
        if env:
            return Path(env)
        if self.config.get("radar"):
            return self.inside(str(self.config["radar"]), what="radar of the config")
        return None

    def inside(self, path: str | Path, *, what: str = "path") -> Path:
        """Resolve path against the root; refuse it (InputError) when it leads outside."""
        from archwise.fileio import inside

        p = Path(path)
        target = p if p.is_absolute() else self.root / p
        inside(target, self.root, what=what, rule="paths the workspace names must stay inside it")
        return target

    def contains(self, path: str | Path) -> bool:
        """True when path resolves inside the workspace root."""
        try:
            Path(path).resolve().relative_to(self.root.resolve())
        except ValueError:
            return False
        return True


def find_root(start: Path | None = None, *, walk: bool | None = None) -> Path:
    """The workspace root: the active boundary, ARCHWISE_WORKSPACE, or found by walking up.

    A folder given explicitly (start, unless walk=True) is the root itself: the walk up to the
    folder holding archwise.yaml or .archwise/ is only for the current folder (as git does) or a
    folder derived from a file argument. Like GIT_CEILING_DIRECTORIES, ARCHWISE_CEILING_DIRS
    (os.pathsep-separated) names folders the walk never climbs into.
    """
    from archwise.fileio import boundary, resolve

    pinned = boundary()
    if pinned is not None:
        # A server's workspace is the one it was given, whatever folder a call starts from.
        return pinned
    env = os.environ.get("ARCHWISE_WORKSPACE")
    if env:
        return resolve(env, what="ARCHWISE_WORKSPACE")
    if walk is None:
        walk = start is None
    here = resolve(start or Path.cwd(), what="workspace folder")
    if not walk:
        return here
    ceilings = {
        Path(p).resolve()
        for p in os.environ.get("ARCHWISE_CEILING_DIRS", "").split(os.pathsep)
        if p
    }
    for folder in (here, *here.parents):
        if folder != here and folder in ceilings:
            break
        if (folder / REQUIREMENTS_FILE).is_file() or (folder / STATE_DIR).is_dir():
            if folder != here and on_walk is not None:
                on_walk(folder)
            return folder
    return here


# Called with the root when the walk chose a folder above the start (the CLI says so on stderr).
on_walk: Callable[[Path], None] | None = None


def open_workspace(start: Path | None = None, *, walk: bool | None = None) -> Workspace:
    """Find the workspace (see find_root) and read its configuration."""
    root = find_root(start, walk=walk)
    cfg_path = root / STATE_DIR / CONFIG_FILE
    config: dict[str, Any] = {}
    if cfg_path.exists() or cfg_path.is_symlink():
        from archwise import yamlio
        from archwise.fileio import inside

        inside(cfg_path, root, what="config file", rule="the config must live in the workspace")

        data = yamlio.to_plain(yamlio.load(cfg_path, what="config file"))
        if not isinstance(data, dict):
            raise InputError("config must be a mapping", file=cfg_path, line=1)
        for key in data:
            if key not in CONFIG_KEYS:
                raise InputError(
                    f"unknown key; valid keys: {', '.join(sorted(CONFIG_KEYS))}",
                    file=cfg_path,
                    line=yamlio.line_of(yamlio.load(cfg_path), (key,)),
                    field=str(key),
                )
        config = data
    return Workspace(root=root, config=config)
