"""Reading and writing the registry tables through the store, safe under concurrent writers."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.exc import DBAPIError

from archwise.errors import InputError, NotFoundError
from archwise.registry.models import (
    AdrPage,
    AdrRow,
    IngestResult,
    RadarImport,
    RadarItem,
    RadarMove,
    RepositoryPayload,
    RepositoryRow,
)
from archwise.registry.search import index_tokens, like_pattern, search_text, snippet, words
from archwise.store import Store, display_url
from archwise.store import registry_tables as t
from archwise.store.db import now_iso

T = TypeVar("T")
ATTEMPTS = 60
MAX_PAGE = 1_000
# Above this many matches a search page is read in index order; below, matches are sorted.
WALK_INDEX_ABOVE = 300
RETRY_WORDS = ("locked", "busy", "deadlock", "could not serialize", "duplicate key", "unique")


def key_of(name: str) -> str:
    """The case-insensitive key of a technology or repository name."""
    return name.strip().casefold()


class Registry:
    """The registry of one store: repositories, their ADRs and stacks, and the radar."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine
        self.read_engine = _reader(store)
        self._index: str | bool | None = False  # False: not looked up yet

    def close(self) -> None:
        """Release the store's connections."""
        if self.read_engine is not self.engine:
            self.read_engine.dispose()
        self.store.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close()
        if exc_type is not None:
            self.store.discard_created()

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return display_url(self.store.url)

    # --- transactions -------------------------------------------------------------------------
    def _write(self, work: Callable[[sa.Connection], T]) -> tuple[T, int]:
        """Run work in one transaction, retrying lost races; return its result and attempts."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.engine.begin() as conn:
                    return work(conn), attempt
            except DBAPIError as exc:
                text = str(exc.orig).lower()
                retry = isinstance(exc, sa.exc.IntegrityError) or any(
                    w in text for w in RETRY_WORDS
                )
                if not retry or attempt == ATTEMPTS:
                    raise InputError(
                        f"cannot write to the registry in {self.url}: {exc.orig}", field="db"
                    ) from None
                time.sleep(random.uniform(0.005, 0.05) * (1 + attempt / 10))
        raise InputError("the registry stayed busy", field="db")  # pragma: no cover

    def _read(self, work: Callable[[sa.Connection], T]) -> T:
        try:
            with self.read_engine.connect() as conn:
                return work(conn)
        except DBAPIError as exc:
            raise InputError(
                f"cannot read the registry in {self.url}: {exc.orig}", field="db"
            ) from None

    # --- repositories -------------------------------------------------------------------------
    def ingest(self, payload: RepositoryPayload) -> IngestResult:
        """Store a repository's ADRs, stack and summary, replacing what it had; idempotent."""
        seen: set[str] = set()
        docs = []
        for doc in payload.adrs:
            if doc.path in seen:
                raise InputError(f"ADR path {doc.path!r} sent twice", field="adrs")
            seen.add(doc.path)
            docs.append(doc)
        stack: dict[str, Any] = {}
        for item in payload.stack:
            stack.setdefault(key_of(item.name), item)

        def work(conn: sa.Connection) -> bool:
            repos = t.repositories
            row = conn.execute(
                sa.select(repos.c.id).where(repos.c.name == payload.name).with_for_update()
            ).first()
            values = {
                "location": payload.location,
                "ingested_at": now_iso(),
                "adr_count": len(docs),
                "stack_count": len(stack),
                "summary": payload.summary,
            }
            if row is None:
                result = conn.execute(repos.insert().values(name=payload.name, **values))
                key = result.inserted_primary_key
                assert key is not None
                repo_id, created = int(key[0]), True
            else:
                repo_id, created = int(row[0]), False
                conn.execute(repos.update().where(repos.c.id == repo_id).values(**values))
            conn.execute(t.adrs.delete().where(t.adrs.c.repository_id == repo_id))
            conn.execute(t.stack.delete().where(t.stack.c.repository_id == repo_id))
            if docs:
                conn.execute(
                    t.adrs.insert(),
                    [
                        {
                            "repository_id": repo_id,
                            "repository": payload.name,
                            "path": d.path,
                            "number": d.number,
                            "title": d.title,
                            "status": d.status,
                            "date": d.date,
                            "text": d.text,
                            "search": search_text(d.title, d.text),
                        }
                        for d in docs
                    ],
                )
            if stack:
                conn.execute(
                    t.stack.insert(),
                    [
                        {
                            "repository_id": repo_id,
                            "key": k,
                            "technology": s.name,
                            "category": s.category,
                            "evidence": s.evidence,
                        }
                        for k, s in stack.items()
                    ],
                )
            return created

        created, attempts = self._write(work)
        return IngestResult(
            name=payload.name, created=created, adrs=len(docs), stack=len(stack), attempts=attempts
        )

    def version(self) -> tuple[int, str | None]:
        """What changes whenever a repository is ingested: their count and latest ingest time."""
        r = t.repositories
        query = sa.select(sa.func.count(), sa.func.max(r.c.ingested_at))
        row = self._read(lambda conn: conn.execute(query).one())
        return int(row[0]), row[1]

    def repositories(self) -> list[RepositoryRow]:
        """Every repository with its technologies, by name."""

        def work(conn: sa.Connection) -> list[RepositoryRow]:
            techs: dict[int, list[str]] = {}
            for rid, tech in conn.execute(
                sa.select(t.stack.c.repository_id, t.stack.c.technology).order_by(
                    t.stack.c.technology
                )
            ):
                techs.setdefault(int(rid), []).append(tech)
            rows = conn.execute(sa.select(t.repositories).order_by(t.repositories.c.name))
            return [
                RepositoryRow(
                    name=r.name,
                    location=r.location,
                    ingested_at=r.ingested_at,
                    adrs=r.adr_count,
                    technologies=techs.get(int(r.id), []),
                    summary=dict(r.summary or {}),
                )
                for r in rows
            ]

        return self._read(work)

    def repository(self, name: str) -> RepositoryRow:
        """One repository by name."""
        for row in self.repositories():
            if row.name == name:
                return row
        raise NotFoundError(f"no repository {name!r} in the registry; `archwise registry list`")

    # --- ADRs ---------------------------------------------------------------------------------
    def adrs(
        self,
        *,
        q: str | None = None,
        repository: str | None = None,
        status: str | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> AdrPage:
        """ADRs across repositories (filtered by words, repository and status), a page at a time."""
        if offset < 0 or not 0 < limit <= MAX_PAGE:
            raise InputError(f"limit must be 1-{MAX_PAGE} and offset 0 or more", field="limit")
        terms = words(q or "")
        a = t.adrs
        conds: list[Any] = self._index_conditions(terms)
        # The index matches a plain word as the start of a word in the text. A word with other
        # characters (event-driven, 100%) is looked up by its parts, then checked as written.
        indexed = bool(conds)
        conds += [
            a.c.search.like(like_pattern(w), escape="\\")
            for w in terms
            if not indexed or index_tokens(w) != [w]
        ]
        if repository:
            conds.append(a.c.repository == repository)
        if status:
            conds.append(a.c.status == status.strip().lower())
        cols = [a.c.id, a.c.repository, a.c.path, a.c.number, a.c.title, a.c.status, a.c.date]
        if terms:  # the text, for snippets: read with the page's rows only, not every match
            cols.append(a.c.text)
        query = (
            sa.select(*cols)
            .where(*conds)
            .order_by(a.c.repository, a.c.number, a.c.path)
            .offset(offset)
            .limit(limit)
        )
        count = sa.select(sa.func.count()).select_from(a).where(*conds)
        page: Any = query
        few: Any = query
        if indexed and len(conds) == 1 and self.search_index() == "fts5":
            # The match alone: FTS5 counts it without reading a row of the table. When it matches
            # many rows, the page walks the ordering index looking rows up in the match set (and
            # stops at the page) rather than reading every matching row to sort them; when it
            # matches few, only their sort keys are sorted and the page's rows read after.
            fts = _fts_expr(terms)
            few = sa.text(
                "SELECT id, repository, path, number, title, status, date, text FROM registry_adrs "
                "WHERE id IN (SELECT b.id FROM registry_adrs b WHERE b.id IN "
                f"(SELECT rowid FROM {t.SQLITE_FTS} WHERE {t.SQLITE_FTS} MATCH :fts) "
                "ORDER BY b.repository, b.number, b.path LIMIT :limit OFFSET :offset) "
                "ORDER BY repository, number, path"
            ).bindparams(fts=fts, limit=limit, offset=offset)
            count = (
                sa.select(sa.func.count())
                .select_from(sa.table(t.SQLITE_FTS))
                .where(sa.text(f"{t.SQLITE_FTS} MATCH :fts").bindparams(fts=fts))
            )
            page = sa.text(
                "SELECT id, repository, path, number, title, status, date, text FROM registry_adrs "
                "INDEXED BY ix_registry_adrs_order WHERE id IN "
                f"(SELECT rowid FROM {t.SQLITE_FTS} WHERE {t.SQLITE_FTS} MATCH :fts) "
                "ORDER BY repository, number, path LIMIT :limit OFFSET :offset"
            ).bindparams(fts=fts, limit=limit, offset=offset)

        def work(conn: sa.Connection) -> AdrPage:
            total = int(conn.execute(count).scalar_one())
            rows = list(conn.execute(page if total > WALK_INDEX_ABOVE else few)) if total else []
            records = [
                AdrRow(
                    repository=row.repository,
                    path=row.path,
                    number=row.number,
                    title=row.title,
                    status=row.status,
                    date=row.date,
                    snippet=snippet(row.text, terms) if terms else "",
                )
                for row in rows
            ]
            return AdrPage(total=total, offset=offset, limit=limit, records=records)

        return self._read(work)

    def search_index(self) -> str | None:
        """The full-text index in use: 'fts5' (SQLite), 'tsvector' (PostgreSQL) or None (a scan)."""
        if self._index is False:
            self._index = self._read(t.search_index)
        return self._index if isinstance(self._index, str) else None

    def _index_conditions(self, terms: list[str]) -> list[Any]:
        tokens = list(dict.fromkeys(tok for w in terms for tok in index_tokens(w)))
        if not tokens:
            return []
        index = self.search_index()
        if index == "fts5":
            expr = _fts_expr(terms)
            return [
                sa.text(
                    f"registry_adrs.id IN (SELECT rowid FROM {t.SQLITE_FTS} "
                    f"WHERE {t.SQLITE_FTS} MATCH :fts)"
                ).bindparams(fts=expr)
            ]
        if index == "tsvector":
            expr = " & ".join(f"{tok}:*" for tok in tokens)
            return [
                sa.text(f"registry_adrs.{t.PG_TSV} @@ to_tsquery('simple', :tsq)").bindparams(
                    tsq=expr
                )
            ]
        return []

    def adr(self, repository: str, path: str) -> AdrRow:
        """One ADR with its full text."""
        a, r = t.adrs, t.repositories
        query = (
            sa.select(r.c.name, a.c.path, a.c.number, a.c.title, a.c.status, a.c.date, a.c.text)
            .select_from(a.join(r, a.c.repository_id == r.c.id))
            .where(r.c.name == repository, a.c.path == path)
        )
        row = self._read(lambda conn: conn.execute(query).first())
        if row is None:
            raise NotFoundError(f"no ADR {path!r} in repository {repository!r}")
        return AdrRow(
            repository=row.name,
            path=row.path,
            number=row.number,
            title=row.title,
            status=row.status,
            date=row.date,
            text=row.text,
        )

    # --- stacks -------------------------------------------------------------------------------
    def usage(self) -> dict[str, tuple[str, list[dict[str, Any]]]]:
        """For each technology key: its name and the repositories using it (with evidence)."""
        s, r = t.stack, t.repositories
        query = (
            sa.select(s.c.key, s.c.technology, s.c.category, s.c.evidence, r.c.name)
            .select_from(s.join(r, s.c.repository_id == r.c.id))
            .order_by(s.c.key, r.c.name)
        )
        out: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        for key, tech, category, evidence, repo in self._read(lambda c: list(c.execute(query))):
            entry = out.setdefault(key, (tech, []))
            entry[1].append({"repository": repo, "category": category, "evidence": evidence})
        return out

    # --- radar --------------------------------------------------------------------------------
    def radar_items(self) -> list[RadarItem]:
        """The registry radar's blips."""
        rows = self._read(lambda c: list(c.execute(sa.select(t.radar))))
        return [
            RadarItem(
                name=r.name,
                ring=r.ring,
                quadrant=r.quadrant,
                description=r.description,
                is_new=bool(r.is_new),
                date=r.date,
            )
            for r in rows
        ]

    def radar_moves(self) -> list[RadarMove]:
        """Every recorded move, oldest first."""
        m = t.radar_moves
        query = sa.select(m).order_by(m.c.date, m.c.id)
        return [
            RadarMove(
                name=r.name,
                ring=r.ring,
                from_ring=r.from_ring,
                date=r.date,
                description=r.description,
                source=r.source,
            )
            for r in self._read(lambda c: list(c.execute(query)))
        ]

    def apply_radar(self, radar: RadarImport, source: str) -> dict[str, int]:
        """Merge blips into the radar: newer placements win and each change of ring is a move."""

        def work(conn: sa.Connection) -> dict[str, int]:
            counts = {"added": 0, "moved": 0, "unchanged": 0, "older": 0, "history": 0}
            for move in radar.moves:
                counts["history"] += _add_move(conn, move, source)
            for item in radar.items:
                k = key_of(item.name)
                row = conn.execute(
                    sa.select(t.radar).where(t.radar.c.key == k).with_for_update()
                ).first()
                values = {
                    "name": item.name,
                    "ring": item.ring,
                    "quadrant": item.quadrant,
                    "description": item.description,
                    "is_new": item.is_new,
                    "date": item.date,
                    "source": source,
                }
                if row is None:
                    conn.execute(t.radar.insert().values(key=k, **values))
                    _add_move(conn, _move(item, None, source), source)
                    counts["added"] += 1
                elif item.date < row.date:
                    counts["older"] += 1
                elif item.ring != row.ring:
                    conn.execute(t.radar.update().where(t.radar.c.key == k).values(**values))
                    _add_move(conn, _move(item, row.ring, source), source)
                    counts["moved"] += 1
                else:
                    if not item.quadrant:
                        values["quadrant"] = row.quadrant
                    if any(getattr(row, f) != v for f, v in values.items() if f != "source"):
                        conn.execute(t.radar.update().where(t.radar.c.key == k).values(**values))
                    counts["unchanged"] += 1
            return counts

        return self._write(work)[0]


def _fts_expr(terms: list[str]) -> str:
    """An FTS5 query: every token of every word as a prefix, all required."""
    tokens = dict.fromkeys(tok for w in terms for tok in index_tokens(w))
    return " AND ".join(f'"{tok}"*' for tok in tokens)


def _reader(store: Store) -> sa.Engine:
    """An engine for reads: on SQLite, plain WAL readers that never queue for the write lock."""
    if store.backend != "sqlite":
        return store.engine
    engine = sa.create_engine(store.url, connect_args={"timeout": 30})

    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA query_only=ON")
        cur.close()

    return engine


def _move(item: RadarItem, from_ring: str | None, source: str) -> RadarMove:
    return RadarMove(
        name=item.name,
        ring=item.ring,
        from_ring=from_ring,
        date=item.date,
        description=item.description,
        source=source,
    )


def _add_move(conn: sa.Connection, move: RadarMove, source: str) -> int:
    m = t.radar_moves
    k = key_of(move.name)
    exists = conn.execute(
        sa.select(m.c.id).where(m.c.key == k, m.c.date == move.date, m.c.ring == move.ring)
    ).first()
    if exists is not None:
        return 0
    conn.execute(
        m.insert().values(
            key=k,
            name=move.name,
            ring=move.ring,
            from_ring=move.from_ring,
            date=move.date,
            description=move.description,
            source=move.source or source,
        )
    )
    return 1


def open_registry(store: Store) -> Registry:
    """The registry kept in an open store."""
    return Registry(store)
