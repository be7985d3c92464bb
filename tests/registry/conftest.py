"""Fixtures for the registry tests: three small repositories, an org radar and both databases."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_in_ci

PG_ENV = "ARCHWISE_TEST_PG_URL"


def _adr(number: int, title: str, status: str, date: str, body: str) -> str:
    return (
        f"# {number}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n"
        f"## Context\n\n{body}\n\n## Decision\n\nWe will {title.lower()}.\n\n"
        "## Consequences\n\nRecorded for the registry tests.\n"
    )


def make_repo(root: Path, name: str, manifests: dict[str, str], adrs: list[tuple]) -> Path:
    """A repository folder with manifests and numbered ADRs in docs/adr."""
    repo = root / name
    (repo / "docs" / "adr").mkdir(parents=True)
    for rel, text in manifests.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for number, title, status, date, body in adrs:
        slug = title.lower().replace(" ", "-")
        (repo / "docs" / "adr" / f"{number:04d}-{slug}.md").write_text(
            _adr(number, title, status, date, body), encoding="utf-8"
        )
    return repo


def make_repos(root: Path) -> list[Path]:
    """Three repositories: a Python/PostgreSQL API, a Node/MongoDB web app, a Go worker."""
    billing = make_repo(
        root,
        "billing",
        {
            "requirements.txt": "django==4.2\npsycopg2==2.9\nredis==5.0\n",
            "billing/app.py": "import os\n",
        },
        [
            (1, "Record architecture decisions", "Accepted", "2026-01-05", "We record them."),
            (
                2,
                "Use PostgreSQL for invoices",
                "Accepted",
                "2026-02-01",
                "Invoices need transactions and strong consistency.",
            ),
            (
                3,
                "Cache exchange rates in Redis",
                "Proposed",
                "2026-03-01",
                "Rates are read often and change hourly.",
            ),
        ],
    )
    storefront = make_repo(
        root,
        "storefront",
        {
            "package.json": '{"name": "storefront", "dependencies": '
            '{"react": "18.2.0", "express": "4.19.0", "mongodb": "6.3.0"}}\n',
            "src/index.js": "console.log('hi')\n",
        },
        [
            (1, "Record architecture decisions", "Accepted", "2026-01-10", "We record them."),
            (
                2,
                "Keep the catalogue in MongoDB",
                "Accepted",
                "2026-02-11",
                "The catalogue is document shaped; no joins needed.",
            ),
        ],
    )
    worker = make_repo(
        root,
        "worker",
        {"go.mod": "module example.com/worker\n\ngo 1.22\n", "main.go": "package main\n"},
        [
            (
                1,
                "Consume invoices from a queue",
                "Superseded",
                "2026-01-20",
                "Invoices arrive in bursts at month end.",
            ),
        ],
    )
    return [billing, storefront, worker]


ORG_RADAR = (
    "title: Org radar\ndate: 2026-06-01\nentries:\n"
    "  - {name: PostgreSQL, ring: adopt, quadrant: data}\n"
    "  - {name: Redis, ring: trial, quadrant: data, moved_from: assess}\n"
    "  - {name: MongoDB, ring: hold, quadrant: data, reason: one document store is enough}\n"
    "  - {name: React, ring: adopt, quadrant: frameworks}\n"
)


@pytest.fixture
def repos(tmp_path: Path) -> list[Path]:
    """Three fixture repositories."""
    return make_repos(tmp_path / "repos")


@pytest.fixture
def org_workspace(workspace: Path) -> Path:
    """The current workspace, with an organisation radar configured."""
    (workspace / "radar.yaml").write_text(ORG_RADAR, encoding="utf-8")
    (workspace / ".archwise").mkdir(exist_ok=True)
    (workspace / ".archwise" / "config.yaml").write_text("radar: radar.yaml\n", encoding="utf-8")
    return workspace


def _pg_database() -> Iterator[str]:
    url = os.environ.get(PG_ENV)
    if not url:
        require_in_ci(f"PostgreSQL: set {PG_ENV} to a server URL")
    import sqlalchemy as sa

    base = url.replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"registry_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        require_in_ci(f"PostgreSQL at {PG_ENV} not reachable: {exc.orig}")
    made = sa.engine.make_url(base).set(database=name)
    try:
        yield made.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh registry database: SQLite in a temp folder, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.db'}"
        return
    yield from _pg_database()


@pytest.fixture(scope="module")
def payloads(tmp_path_factory: pytest.TempPathFactory) -> list:
    """The three fixture repositories, collected once (ADRs, stack, analysis summary)."""
    from archwise.api import registry

    root = tmp_path_factory.mktemp("collected")
    return [registry.collect(p) for p in make_repos(root)]


@pytest.fixture
def org_dir(tmp_path: Path) -> Path:
    """A workspace folder with an organisation radar (not the current directory)."""
    ws = tmp_path / "org"
    (ws / ".archwise").mkdir(parents=True)
    (ws / "radar.yaml").write_text(ORG_RADAR, encoding="utf-8")
    (ws / ".archwise" / "config.yaml").write_text("radar: radar.yaml\n", encoding="utf-8")
    return ws


@pytest.fixture
def reg(db_url: str, org_dir: Path, payloads: list) -> Iterator:
    """A registry on db_url holding the three fixture repositories."""
    from archwise.api import registry

    with registry.open_registry(db_url, workspace=org_dir) as opened:
        registry.ingest_payloads(opened, payloads)
        yield opened
