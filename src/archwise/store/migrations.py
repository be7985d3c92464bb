"""Named, ordered schema migrations; each is applied once and recorded in archwise_migrations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa


@dataclass(frozen=True)
class Migration:
    """One schema change: a unique name and the function that applies it on a connection."""

    name: str
    apply: Callable[[sa.Connection], None]


def _initial(conn: sa.Connection) -> None:
    md = sa.MetaData()
    sa.Table(
        "sessions",
        md,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.Column("phase", sa.String(64), nullable=False),
    )
    sa.Table(
        "events",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(32),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("session_id", "seq", name="uq_events_session_seq"),
    )
    snapshots = sa.Table(
        "snapshots",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    sa.Index("ix_snapshots_kind_subject", snapshots.c.kind, snapshots.c.subject, snapshots.c.id)
    md.create_all(conn)


def _events_append_only(conn: sa.Connection) -> None:
    # The trail is evidence of how a decision was reached: the database itself refuses edits.
    if conn.dialect.name == "postgresql":
        conn.execute(
            sa.text(
                "CREATE OR REPLACE FUNCTION archwise_events_append_only() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'archwise events are append-only'; END; "
                "$$ LANGUAGE plpgsql"
            )
        )
        conn.execute(
            sa.text(
                "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
                "FOR EACH ROW EXECUTE FUNCTION archwise_events_append_only()"
            )
        )
        return
    for action in ("UPDATE", "DELETE"):
        conn.execute(
            sa.text(
                f"CREATE TRIGGER events_no_{action.lower()} BEFORE {action} ON events "
                "BEGIN SELECT RAISE(ABORT, 'archwise events are append-only'); END"
            )
        )


def _registry(conn: sa.Connection) -> None:
    from archwise.store.registry_tables import create_tables

    create_tables(conn)


def _registry_search(conn: sa.Connection) -> None:
    from archwise.store.registry_tables import create_search_index

    create_search_index(conn)


def _registry_search_direct(conn: sa.Connection) -> None:
    from archwise.store.registry_tables import search_index_direct

    search_index_direct(conn)


# Append new migrations at the end; never rename, reorder or edit one that has shipped.
MIGRATIONS: list[Migration] = [
    Migration("0001_sessions_events_snapshots", _initial),
    Migration("0002_events_append_only", _events_append_only),
    Migration("0003_registry", _registry),
    Migration("0004_registry_search", _registry_search),
    Migration("0005_registry_search_direct", _registry_search_direct),
]
