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


# Full-text index of registry_adrs.search (migration 0004): FTS5 on SQLite kept by triggers,
# a generated tsvector with a GIN index on PostgreSQL. The 'simple' configuration and unicode61
# tokenizer neither stem nor drop stop words, so a search word matches what it says.
SQLITE_FTS = "registry_adrs_fts"
PG_TSV = "search_tsv"
_SQLITE_SEARCH = [
    f"CREATE VIRTUAL TABLE {SQLITE_FTS} USING fts5(search, content='registry_adrs', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER registry_adrs_fts_ai AFTER INSERT ON registry_adrs BEGIN "
    f"INSERT INTO {SQLITE_FTS}(rowid, search) VALUES (new.id, new.search); END",
    f"CREATE TRIGGER registry_adrs_fts_ad AFTER DELETE ON registry_adrs BEGIN "
    f"INSERT INTO {SQLITE_FTS}({SQLITE_FTS}, rowid, search) VALUES ('delete', old.id, old.search); "
    "END",
    f"CREATE TRIGGER registry_adrs_fts_au AFTER UPDATE ON registry_adrs BEGIN "
    f"INSERT INTO {SQLITE_FTS}({SQLITE_FTS}, rowid, search) VALUES ('delete', old.id, old.search); "
    f"INSERT INTO {SQLITE_FTS}(rowid, search) VALUES (new.id, new.search); END",
    f"INSERT INTO {SQLITE_FTS}({SQLITE_FTS}) VALUES ('rebuild')",
]
_PG_SEARCH = [
    f"ALTER TABLE registry_adrs ADD COLUMN {PG_TSV} tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search)) STORED",
    f"CREATE INDEX ix_registry_adrs_{PG_TSV} ON registry_adrs USING gin ({PG_TSV})",
]


def create_search_index(conn: sa.Connection) -> None:
    """Create the full-text index of the ADR texts (the body of migration 0004)."""
    if conn.dialect.name == "postgresql":
        statements = _PG_SEARCH
    else:
        try:
            conn.exec_driver_sql("SELECT fts5_source_id()")
        except sa.exc.DBAPIError:
            return  # an SQLite built without FTS5: search falls back to a scan
        statements = _SQLITE_SEARCH
    for statement in statements:
        conn.exec_driver_sql(statement)


def search_index_direct(conn: sa.Connection) -> None:
    """Keep PostgreSQL's GIN index up to date at each write (the body of migration 0005).

    With GIN's default fast update, new entries wait in a pending list that every search scans
    linearly until a vacuum merges it: after an ingest of thousands of ADRs each search paid
    milliseconds for it. Writes are rare here and searches many, so entries go in directly.
    """
    if conn.dialect.name != "postgresql" or search_index(conn) is None:
        return
    name = f"ix_registry_adrs_{PG_TSV}"
    conn.exec_driver_sql(f"ALTER INDEX {name} SET (fastupdate = off)")
    conn.exec_driver_sql(f"SELECT gin_clean_pending_list('{name}'::regclass)")


def search_index(conn: sa.Connection) -> str | None:
    """Which full-text index the ADR table has: 'fts5', 'tsvector' or None."""
    if conn.dialect.name == "postgresql":
        found = conn.execute(
            sa.text(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'registry_adrs' AND column_name = :c"
            ),
            {"c": PG_TSV},
        ).first()
        return "tsvector" if found else None
    found = conn.execute(
        sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
        {"n": SQLITE_FTS},
    ).first()
    return "fts5" if found else None
