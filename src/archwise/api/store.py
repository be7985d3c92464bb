"""Public API of the store: where it is, which migrations it has, and its snapshots."""

from __future__ import annotations

from pathlib import Path

from archwise.schema import Model
from archwise.store import Snapshot, display_url, open_store
from archwise.store.migrations import MIGRATIONS
from archwise.workspace import open_workspace

__all__ = ["Snapshot", "StoreInfo", "latest_snapshot", "list_snapshots", "store_info"]


class StoreInfo(Model):
    """The store in use: URL (password hidden), backend and migrations applied and known."""

    url: str
    backend: str
    applied: list[str]
    known: list[str]


def store_info(db: str | None = None, *, workspace: Path | None = None) -> StoreInfo:
    """Open (creating and migrating as needed) the store and describe it."""
    with open_store(db, workspace=open_workspace(workspace)) as store:
        return StoreInfo(
            url=display_url(store.url),
            backend=store.backend,
            applied=store.applied_migrations(),
            known=[m.name for m in MIGRATIONS],
        )


def list_snapshots(
    kind: str,
    subject: str | None = None,
    *,
    limit: int = 20,
    db: str | None = None,
    workspace: Path | None = None,
) -> list[Snapshot]:
    """Versions of a kind of document (optionally of one subject), newest first."""
    with open_store(db, workspace=open_workspace(workspace)) as store:
        return store.list_snapshots(kind, subject, limit)


def latest_snapshot(
    kind: str, subject: str, *, db: str | None = None, workspace: Path | None = None
) -> Snapshot | None:
    """The newest version of kind/subject, or None."""
    with open_store(db, workspace=open_workspace(workspace)) as store:
        return store.latest_snapshot(kind, subject)
