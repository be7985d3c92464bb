"""The two store backends as a pytest fixture: a fresh SQLite file, a fresh PostgreSQL schema."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_in_ci

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pg_url() -> str | None:
    """The PostgreSQL server the tests may use (CI starts one and exports it)."""
    return os.environ.get("ARCHWISE_TEST_PG_URL")


def fresh_db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """Yield a URL of an empty database of the backend, removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / '.archwise' / 'archwise.db'}"
        return
    base = pg_url()
    if not base:
        require_in_ci("PostgreSQL store tests need ARCHWISE_TEST_PG_URL (set by .ci/run)")
        return
    import sqlalchemy as sa

    base = base.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"t_{secrets.token_hex(6)}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database URL, once for SQLite and once for PostgreSQL."""
    yield from fresh_db_url(str(request.param), tmp_path)
