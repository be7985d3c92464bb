"""Tables of the decision registry: repositories, their ADRs and stacks, the radar and its moves.

The migration `0003_registry` creates exactly these tables. The store owns every table, so it never
imports a feature package; once shipped, change them only through a new migration.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

repositories = sa.Table(
    "registry_repositories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("adr_count", sa.Integer, nullable=False),
    sa.Column("stack_count", sa.Integer, nullable=False),
    sa.Column("summary", sa.JSON, nullable=False),
)

adrs = sa.Table(
    "registry_adrs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "repository_id",
        sa.Integer,
        sa.ForeignKey("registry_repositories.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("repository", sa.String(200), nullable=False),
    sa.Column("path", sa.String(500), nullable=False),
    sa.Column("number", sa.Integer),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("status", sa.String(40)),
    sa.Column("date", sa.String(40)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("search", sa.Text, nullable=False),
    sa.UniqueConstraint("repository_id", "path", name="uq_registry_adrs_repo_path"),
)
sa.Index("ix_registry_adrs_status", adrs.c.status)
# The ADR list is ordered by repository name, number and path: read in index order, no sort.
sa.Index("ix_registry_adrs_order", adrs.c.repository, adrs.c.number, adrs.c.path)

stack = sa.Table(
    "registry_stack",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "repository_id",
        sa.Integer,
        sa.ForeignKey("registry_repositories.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("technology", sa.String(200), nullable=False),
    sa.Column("category", sa.String(64), nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.UniqueConstraint("repository_id", "key", name="uq_registry_stack_repo_key"),
)
sa.Index("ix_registry_stack_key", stack.c.key)

radar = sa.Table(
    "registry_radar",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(200), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("ring", sa.String(16), nullable=False),
    sa.Column("quadrant", sa.String(100), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("is_new", sa.Boolean, nullable=False),
    sa.Column("date", sa.String(32), nullable=False),
    sa.Column("source", sa.String(200), nullable=False),
)

radar_moves = sa.Table(
    "registry_radar_moves",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("ring", sa.String(16), nullable=False),
    sa.Column("from_ring", sa.String(16)),
    sa.Column("date", sa.String(32), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("source", sa.String(200), nullable=False),
    sa.UniqueConstraint("key", "date", "ring", name="uq_registry_radar_moves"),
)


def create_tables(conn: sa.Connection) -> None:
    """Create the registry tables (the body of migration 0002_registry)."""
    metadata.create_all(conn)
