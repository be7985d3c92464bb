"""Install the archwise skill, commands and MCP entry for a coding agent into a repository."""

from __future__ import annotations

from pathlib import Path

from archwise.agent.install import Outcome, Step
from archwise.agent.install import install as _install
from archwise.agent.install import uninstall as _uninstall
from archwise.agent.targets import TARGETS, artifacts, command_files, skill_files


def install(target: str, root: Path, *, dry_run: bool = False) -> Outcome:
    """Write what the agent needs; nothing at all when a file the user changed is in the way."""
    return _install(target, root, dry_run=dry_run)


def uninstall(
    root: Path, targets: list[str] | None = None, *, dry_run: bool = False
) -> list[Outcome]:
    """Remove only what install wrote and nobody changed since."""
    return _uninstall(root, targets, dry_run=dry_run)


__all__ = [
    "TARGETS",
    "Outcome",
    "Step",
    "artifacts",
    "command_files",
    "install",
    "skill_files",
    "uninstall",
]
