"""The store on real SQLite and real PostgreSQL: migrations, snapshots, sessions, concurrent events."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archwise.errors import InputError, NotFoundError
from archwise.store import StaleSessionError, open_store
from archwise.store.migrations import MIGRATIONS
from archwise.workspace import Workspace


def _open(url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return open_store(url, workspace=Workspace(tmp_path))


def test_migrations_are_recorded_once(db_url: str, tmp_path: Path) -> None:
    with _open(db_url, tmp_path) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
        assert store.migrate() == []
    with _open(db_url, tmp_path) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]


def test_snapshots_are_versioned(db_url: str, tmp_path: Path) -> None:
    with _open(db_url, tmp_path) as store:
        assert store.latest_snapshot("recommendation", "chat") is None
        first = store.save_snapshot("recommendation", "chat", {"option": "a", "n": [1, 2]})
        second = store.save_snapshot("recommendation", "chat", {"option": "b"})
        store.save_snapshot("recommendation", "other", {"option": "c"})
        store.save_snapshot("analysis", "chat", {"files": 3})
        assert second > first
        latest = store.latest_snapshot("recommendation", "chat")
        assert latest is not None
        assert (latest.id, latest.kind, latest.subject) == (second, "recommendation", "chat")
        assert latest.payload == {"option": "b"}
        assert latest.created_at.endswith("Z")
        assert [s.payload["option"] for s in store.list_snapshots("recommendation", "chat")] == [
            "b",
            "a",
        ]
        assert len(store.list_snapshots("recommendation")) == 3
        assert len(store.list_snapshots("recommendation", limit=1)) == 1
        assert store.get_snapshot(first).payload == {"option": "a", "n": [1, 2]}
        with pytest.raises(NotFoundError):
            store.get_snapshot(10_000)


def test_sessions_and_events(db_url: str, tmp_path: Path) -> None:
    with _open(db_url, tmp_path) as store:
        row = store.create_session("Chat", actor="ana", data={"title": "Chat"}, phase="discovery")
        assert store.get_session(row.id[:5]).id == row.id
        with pytest.raises(NotFoundError):
            store.get_session("zzzz-not-there")
        ev = store.append_event(row.id, "note", "agent:claude", {"text": "hi"}, phase="discovery")
        assert ev.seq == 2
        with pytest.raises(StaleSessionError):
            store.append_event(row.id, "advanced", "ana", {}, expected_seq=1)
        store.append_event(row.id, "advanced", "ana", {"to": "x"}, expected_seq=2, phase="x")
        events = store.events(row.id)
        assert [(e.seq, e.kind, e.actor) for e in events] == [
            (1, "started", "ana"),
            (2, "note", "agent:claude"),
            (3, "advanced", "ana"),
        ]
        assert store.events(row.id, after_seq=2)[0].data == {"to": "x"}
        header = store.get_session(row.id)
        assert (header.last_seq, header.phase) == (3, "x")
        assert [s.id for s in store.list_sessions()] == [row.id]
        with pytest.raises(NotFoundError):
            store.append_event("nope", "note", "ana", {})


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from archwise.store import open_store
    from archwise.workspace import Workspace
    url, sid, who, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = open_store(url, workspace=Workspace(Path.cwd()))
    for i in range(n):
        store.append_event(sid, "note", who, {"i": i})
    store.close()
    """
)


def test_two_processes_append_without_losing_events(db_url: str, tmp_path: Path) -> None:
    n = 150
    with _open(db_url, tmp_path) as store:
        sid = store.create_session("race", actor="t", data={}, phase="discovery").id
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db_url, sid, who, str(n)],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("p1", "p2")
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with _open(db_url, tmp_path) as store:
        events = store.events(sid)
        assert [e.seq for e in events] == list(range(1, 2 * n + 2))
        for who in ("p1", "p2"):
            assert [e.data["i"] for e in events if e.actor == who] == list(range(n))
        assert store.get_session(sid).last_seq == 2 * n + 1


def test_default_sqlite_is_created_atomically_by_racing_processes(tmp_path: Path) -> None:
    code = (
        "from archwise.store import open_store\n"
        "from archwise.workspace import open_workspace\n"
        "s = open_store(); print(s.applied_migrations()); s.close()\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code], cwd=tmp_path, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len({o.strip() for o in outs}) == 1
    db = tmp_path / ".archwise" / "archwise.db"
    assert db.is_file()
    assert not list(db.parent.glob(".archwise.db.*.tmp"))


def test_bad_urls_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unsupported database"):
        open_store("mysql://x@y/z", workspace=Workspace(tmp_path))
    with pytest.raises(InputError, match="not a database URL"):
        open_store("::::", workspace=Workspace(tmp_path))


def test_env_var_selects_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "elsewhere.db"
    monkeypatch.setenv("ARCHWISE_DB", f"sqlite:///{other}")
    with open_store(workspace=Workspace(tmp_path)) as store:
        store.save_snapshot("k", "s", {})
    assert other.is_file()
    assert not (tmp_path / ".archwise").exists()


def test_public_store_api(db_url: str, tmp_path: Path) -> None:
    from archwise.api.store import latest_snapshot, list_snapshots, store_info

    info = store_info(db_url, workspace=tmp_path)
    assert info.applied == info.known == [m.name for m in MIGRATIONS]
    assert info.backend in {"sqlite", "postgresql"}
    assert latest_snapshot("analyze", "x", db=db_url, workspace=tmp_path) is None
    with _open(db_url, tmp_path) as store:
        store.save_snapshot("analyze", "x", {"v": 1})
        store.save_snapshot("analyze", "x", {"v": 2})
    latest = latest_snapshot("analyze", "x", db=db_url, workspace=tmp_path)
    assert latest is not None and latest.payload == {"v": 2}
    assert [s.payload["v"] for s in list_snapshots("analyze", db=db_url, workspace=tmp_path)] == [
        2,
        1,
    ]


def test_a_new_migration_is_applied_once_on_the_next_open(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlalchemy as sa

    from archwise.store import migrations

    with _open(db_url, tmp_path) as store:
        store.save_snapshot("k", "s", {"kept": True})

    def add_column(conn: sa.Connection) -> None:
        conn.execute(sa.text("ALTER TABLE snapshots ADD COLUMN note TEXT"))

    extra = migrations.Migration("0002_snapshot_note", add_column)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, extra])
    monkeypatch.setattr("archwise.store.db.MIGRATIONS", migrations.MIGRATIONS)
    with _open(db_url, tmp_path) as store:
        assert store.applied_migrations()[-1] == "0002_snapshot_note"
        latest = store.latest_snapshot("k", "s")
        assert latest is not None and latest.payload == {"kept": True}
        assert store.migrate() == []


def test_events_are_append_only_in_the_database(db_url: str, tmp_path: Path) -> None:
    import sqlalchemy as sa
    from sqlalchemy.exc import DBAPIError

    with _open(db_url, tmp_path) as store:
        sid = store.create_session("audit", actor="ana", data={}, phase="discovery").id
        store.append_event(sid, "note", "ana", {"text": "kept"})
        for statement in (
            "UPDATE events SET actor = 'mallory'",
            "DELETE FROM events",
        ):
            with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
                conn.execute(sa.text(statement))
        assert [e.actor for e in store.events(sid)] == ["ana", "ana"]


def test_unusable_databases_are_input_errors(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_text("garbage\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="file is not a database"):
        open_store(f"sqlite:///{bad}", workspace=Workspace(tmp_path))
    with pytest.raises(InputError, match="cannot use the database"):
        open_store("postgresql://nobody@127.0.0.1:1/x", workspace=Workspace(tmp_path))
