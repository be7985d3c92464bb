"""The workspace: the folder archwise works in, and where its files live inside it."""

from __future__ import annotations

import os
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
            return self.root / str(self.config["adr_dir"])
        marker = self.root / ADR_DIR_FILE
        if marker.is_file():
            text = marker.read_text(encoding="utf-8").strip()
            if text:
                return self.root / text
        for candidate in ("doc/adr", "docs/adr", "docs/decisions", "doc/decisions"):
            if (self.root / candidate).is_dir():
                return self.root / candidate
        return self.root / "docs/adr"

    def kb_dirs(self, extra: list[Path] | None = None) -> list[Path]:
        """User knowledge-base folders: config, ARCHWISE_KB (os.pathsep-separated), then --kb."""
        dirs: list[Path] = [self.root / str(d) for d in self.config.get("kb_dirs") or []]
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
            return self.root / str(self.config["radar"])
        return None

    def contains(self, path: str | Path) -> bool:
        """True when path resolves inside the workspace root."""
        try:
            Path(path).resolve().relative_to(self.root.resolve())
        except ValueError:
            return False
        return True


def find_root(start: Path | None = None) -> Path:
    """Walk up from start to the folder holding archwise.yaml or .archwise/, else start itself.

    Like GIT_CEILING_DIRECTORIES, ARCHWISE_CEILING_DIRS (os.pathsep-separated) names folders the
    walk never climbs into.
    """
    env = os.environ.get("ARCHWISE_WORKSPACE")
    here = Path(env) if env else (start or Path.cwd())
    here = here.resolve()
    ceilings = {
        Path(p).resolve()
        for p in os.environ.get("ARCHWISE_CEILING_DIRS", "").split(os.pathsep)
        if p
    }
    for folder in (here, *here.parents):
        if folder != here and folder in ceilings:
            break
        if (folder / REQUIREMENTS_FILE).is_file() or (folder / STATE_DIR).is_dir():
            return folder
    return here


def open_workspace(start: Path | None = None) -> Workspace:
    """Find the workspace and read its configuration."""
    root = find_root(start)
    cfg_path = root / STATE_DIR / CONFIG_FILE
    config: dict[str, Any] = {}
    if cfg_path.is_file():
        from archwise import yamlio

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
