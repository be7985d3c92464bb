"""Persistence: SQLite by default (.archwise/archwise.db), PostgreSQL by URL; named migrations."""

from __future__ import annotations

from archwise.store.db import (
    Event,
    SessionRow,
    Snapshot,
    StaleSessionError,
    Store,
    display_url,
    normalise_url,
    open_store,
)

__all__ = [
    "Event",
    "SessionRow",
    "Snapshot",
    "StaleSessionError",
    "Store",
    "display_url",
    "normalise_url",
    "open_store",
]
