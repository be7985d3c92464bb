"""The store: sessions, their append-only events and versioned snapshots (SQLite or PostgreSQL)."""

from __future__ import annotations

import contextlib
import os
import random
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from archwise.errors import ConflictError, InputError, MissingExtraError, NotFoundError
from archwise.store.migrations import MIGRATIONS
from archwise.workspace import Workspace, open_workspace

MIGRATIONS_TABLE = "archwise_migrations"
BUSY_TIMEOUT_MS = 30_000
APPEND_ATTEMPTS = 60

_md = sa.MetaData()
sessions_t = sa.Table(
    "sessions",
    _md,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("created_at", sa.String(32)),
    sa.Column("updated_at", sa.String(32)),
    sa.Column("last_seq", sa.Integer),
    sa.Column("phase", sa.String(64)),
)
events_t = sa.Table(
    "events",
    _md,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("session_id", sa.String(32)),
    sa.Column("seq", sa.Integer),
    sa.Column("at", sa.String(32)),
    sa.Column("actor", sa.String(200)),
    sa.Column("kind", sa.String(64)),
    sa.Column("data", sa.JSON),
)
snapshots_t = sa.Table(
    "snapshots",
    _md,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(64)),
    sa.Column("subject", sa.Text),
    sa.Column("created_at", sa.String(32)),
    sa.Column("payload", sa.JSON),
)
migrations_t = sa.Table(
    MIGRATIONS_TABLE,
    _md,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("applied_at", sa.String(32), nullable=False),
)


class StaleSessionError(ConflictError):
    """The session moved on since it was read: another process appended an event first."""


@dataclass(frozen=True)
class Snapshot:
    """A versioned JSON document of some kind about some subject."""

    id: int
    kind: str
    subject: str
    created_at: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class SessionRow:
    """A session's header: identity, title, when, how many events and its current phase."""

    id: str
    title: str
    created_at: str
    updated_at: str
    last_seq: int
    phase: str


@dataclass(frozen=True)
class Event:
    """One recorded step of a session: its sequence number, time, actor, kind and data."""

    session_id: str
    seq: int
    at: str
    actor: str
    kind: str
    data: dict[str, Any]


def now_iso() -> str:
    """The current UTC time as ISO 8601 with microseconds and a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise_url(url: str) -> str:
    """Map plain postgresql:// URLs to the psycopg 3 driver and reject unknown schemes."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix) :]
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(
            "not a database URL; expected sqlite:///PATH or postgresql+psycopg://USER@HOST/DB",
            field="db",
        ) from None
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise InputError(
            f"unsupported database '{parsed.get_backend_name()}'; use sqlite or postgresql",
            field="db",
        )
    return url


def display_url(url: str) -> str:
    """The URL with any password hidden."""
    return make_url(url).render_as_string(hide_password=True)


class Store:
    """A connection to the archwise database with the operations the features need."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        # files and folders this process created to open the store (removed if it then fails)
        self.created: list[Path] = []
        parsed = make_url(self.url)
        self.backend = parsed.get_backend_name()
        self.engine = _make_engine(self.url)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close()
        if exc_type is not None:
            self.discard_created()

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def discard_created(self) -> None:
        """Remove the store this process created, so a failed command leaves nothing behind."""
        for path in self.created:
            if path.is_dir():
                with contextlib.suppress(OSError):
                    path.rmdir()  # only if empty: never another file
            else:
                for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    p.unlink(missing_ok=True)
        self.created = []

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise InputError(
                f"cannot use the database {display_url(self.url)}: {exc.orig}", field="db"
            ) from None

    def migrate(self) -> list[str]:
        """Apply the pending migrations in order; return the names applied now."""
        applied_now: list[str] = []
        with self._tx() as conn:
            if self.backend == "postgresql":
                # One migrator at a time across processes; released at commit.
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7254011)"))
            migrations_t.create(conn, checkfirst=True)
            done = {r[0] for r in conn.execute(sa.select(migrations_t.c.name))}
            for migration in MIGRATIONS:
                if migration.name in done:
                    continue
                migration.apply(conn)
                conn.execute(
                    migrations_t.insert().values(name=migration.name, applied_at=now_iso())
                )
                applied_now.append(migration.name)
        return applied_now

    def applied_migrations(self) -> list[str]:
        """Names of the migrations recorded in the database, in the order applied."""
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(migrations_t.c.name).order_by(
                    migrations_t.c.applied_at, migrations_t.c.name
                )
            )
            return [r[0] for r in rows]

    # --- snapshots ------------------------------------------------------------------------------
    def save_snapshot(self, kind: str, subject: str, payload: dict[str, Any]) -> int:
        """Store a new version of the document kind/subject; return its id."""
        with self._tx() as conn:
            result = conn.execute(
                snapshots_t.insert().values(
                    kind=kind, subject=subject, created_at=now_iso(), payload=payload
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def latest_snapshot(self, kind: str, subject: str) -> Snapshot | None:
        """The newest version of kind/subject, or None."""
        found = self.list_snapshots(kind, subject, limit=1)
        return found[0] if found else None

    def get_snapshot(self, snapshot_id: int) -> Snapshot:
        """One snapshot by id."""
        with self._tx() as conn:
            row = conn.execute(
                sa.select(snapshots_t).where(snapshots_t.c.id == snapshot_id)
            ).first()
        if row is None:
            raise NotFoundError(f"no snapshot {snapshot_id}")
        return _snapshot(row)

    def list_snapshots(
        self, kind: str, subject: str | None = None, limit: int = 20
    ) -> list[Snapshot]:
        """Versions of kind (optionally of one subject), newest first."""
        query = sa.select(snapshots_t).where(snapshots_t.c.kind == kind)
        if subject is not None:
            query = query.where(snapshots_t.c.subject == subject)
        query = query.order_by(snapshots_t.c.id.desc()).limit(limit)
        with self._tx() as conn:
            return [_snapshot(r) for r in conn.execute(query)]

    # --- sessions and events -------------------------------------------------------------------
    def create_session(
        self, title: str, *, actor: str, data: dict[str, Any], phase: str
    ) -> SessionRow:
        """Create a session whose first event (seq 1, kind 'started') carries data."""
        for _ in range(5):
            sid = secrets.token_hex(4)
            at = now_iso()
            try:
                with self._tx() as conn:
                    conn.execute(
                        sessions_t.insert().values(
                            id=sid,
                            title=title,
                            created_at=at,
                            updated_at=at,
                            last_seq=1,
                            phase=phase,
                        )
                    )
                    conn.execute(
                        events_t.insert().values(
                            session_id=sid, seq=1, at=at, actor=actor, kind="started", data=data
                        )
                    )
            except IntegrityError:
                continue
            return SessionRow(sid, title, at, at, 1, phase)
        raise ConflictError("could not allocate a session id")

    def get_session(self, ref: str) -> SessionRow:
        """A session by id or unique id prefix."""
        ref = ref.strip()
        if not ref:
            raise InputError("empty session id", field="session")
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(sessions_t).where(sessions_t.c.id.startswith(ref, autoescape=True))
            ).all()
        exact = [r for r in rows if r.id == ref]
        if exact:
            return _session(exact[0])
        if len(rows) == 1:
            return _session(rows[0])
        if not rows:
            raise NotFoundError(f"no session '{ref}'; `archwise session list` shows them")
        ids = ", ".join(sorted(r.id for r in rows))
        raise InputError(f"'{ref}' matches several sessions: {ids}", field="session")

    def list_sessions(self, limit: int = 50) -> list[SessionRow]:
        """Sessions, most recently updated first."""
        query = (
            sa.select(sessions_t)
            .order_by(sessions_t.c.updated_at.desc(), sessions_t.c.id)
            .limit(limit)
        )
        with self._tx() as conn:
            return [_session(r) for r in conn.execute(query)]

    def append_event(
        self,
        session_id: str,
        kind: str,
        actor: str,
        data: dict[str, Any],
        *,
        expected_seq: int | None = None,
        phase: str | None = None,
    ) -> Event:
        """Append an event at the next sequence number; with expected_seq, only if still current.

        Concurrent appenders never overwrite each other: the sequence number is unique per
        session, a lost race is retried, and with expected_seq a moved-on session raises
        StaleSessionError so the caller can re-check its decision.
        """
        for attempt in range(APPEND_ATTEMPTS):
            try:
                with self.engine.begin() as conn:
                    row = conn.execute(
                        sa.select(sessions_t.c.last_seq)
                        .where(sessions_t.c.id == session_id)
                        .with_for_update()
                    ).first()
                    if row is None:
                        raise NotFoundError(f"no session '{session_id}'")
                    last = int(row[0])
                    if expected_seq is not None and last != expected_seq:
                        raise StaleSessionError(
                            f"session {session_id} changed (event {last} > {expected_seq})"
                        )
                    seq = last + 1
                    at = now_iso()
                    conn.execute(
                        events_t.insert().values(
                            session_id=session_id, seq=seq, at=at, actor=actor, kind=kind, data=data
                        )
                    )
                    values: dict[str, Any] = {"last_seq": seq, "updated_at": at}
                    if phase is not None:
                        values["phase"] = phase
                    conn.execute(
                        sessions_t.update().where(sessions_t.c.id == session_id).values(**values)
                    )
                return Event(session_id, seq, at, actor, kind, data)
            except (IntegrityError, OperationalError, DBAPIError) as exc:
                if not _retryable(exc) or attempt == APPEND_ATTEMPTS - 1:
                    raise InputError(
                        f"cannot record the event in {display_url(self.url)}: {exc.orig}",
                        field="db",
                    ) from None
                time.sleep(random.uniform(0.005, 0.05) * (1 + attempt / 10))
        raise ConflictError("could not append the event")  # pragma: no cover

    def events(self, session_id: str, after_seq: int = 0) -> list[Event]:
        """The events of a session in sequence order."""
        query = (
            sa.select(events_t)
            .where(events_t.c.session_id == session_id, events_t.c.seq > after_seq)
            .order_by(events_t.c.seq)
        )
        with self._tx() as conn:
            return [
                Event(r.session_id, r.seq, r.at, r.actor, r.kind, dict(r.data))
                for r in conn.execute(query)
            ]


def _retryable(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    text = str(exc.orig).lower()
    return any(
        s in text for s in ("locked", "busy", "deadlock", "could not serialize", "duplicate key")
    )


def _snapshot(row: Any) -> Snapshot:
    return Snapshot(int(row.id), row.kind, row.subject, row.created_at, dict(row.payload))


def _session(row: Any) -> SessionRow:
    return SessionRow(
        row.id, row.title, row.created_at, row.updated_at, int(row.last_seq), row.phase
    )


def _make_engine(url: str) -> sa.Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise MissingExtraError("postgres", "psycopg") from None
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let us issue BEGIN IMMEDIATE ourselves: the writer lock is taken up front, so two
        # processes serialise on busy_timeout instead of failing on lock upgrade.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _sqlite_path(url: str) -> Path | None:
    db = make_url(url).database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def _create_sqlite_atomically(path: Path) -> list[Path]:
    """Create and migrate a new SQLite file under a lock at a temporary name, then rename it.

    Returns what it created (the file, its lock, the folder when it was missing), last first.
    """
    from filelock import FileLock

    made = [] if path.parent.exists() else [path.parent]
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = Path(str(path) + ".lock")
    if not lock.exists():
        made.append(lock)
    with FileLock(str(lock), timeout=60):
        if path.exists():
            return []
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        store = Store(f"sqlite:///{tmp}")
        try:
            store.migrate()
        finally:
            store.close()
        os.replace(tmp, path)
    return [path, *reversed(made)]


def open_store(url: str | None = None, *, workspace: Workspace | None = None) -> Store:
    """Open (creating and migrating as needed) the store at url, else the workspace's default."""
    ws = workspace if workspace is not None else open_workspace()
    resolved = normalise_url(ws.db_url(url))
    path = _sqlite_path(resolved) if resolved.startswith("sqlite") else None
    created = _create_sqlite_atomically(path) if path is not None and not path.exists() else []
    store = Store(resolved)
    store.created = created
    try:
        if path is not None:
            from filelock import FileLock

            with FileLock(str(path) + ".lock", timeout=60):
                store.migrate()
        else:
            store.migrate()
    except BaseException:
        store.close()
        store.discard_created()
        raise
    return store
