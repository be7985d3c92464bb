"""Registry search through the full-text index (SQLite FTS5, PostgreSQL tsvector)."""

from __future__ import annotations

import os
from pathlib import Path

from archwise.api import adr as api_adr
from archwise.api import registry
from archwise.registry.models import AdrDoc, RepositoryPayload
from archwise.registry.search import index_tokens
from tests.conftest import require_in_ci

TEXTS = {
    "0001-kafka.md": ("Use Kafka for events", "Event-driven order flow on Kafka streams."),
    "0002-postgres.md": ("Use PostgreSQL", "Relational data_model with strong consistency."),
    "0003-cafe.md": ("Cache with Redis", "Read-heavy catalogue; kafkaesque naming is a joke."),
}


def _payload() -> RepositoryPayload:
    adrs = [
        AdrDoc(path=p, number=i + 1, title=t, status="accepted", date="2026-01-01", text=x)
        for i, (p, (t, x)) in enumerate(TEXTS.items())
    ]
    return RepositoryPayload(name="shop", location="shop", adrs=adrs)


def _urls(tmp_path: Path) -> list[str]:
    urls = [f"sqlite:///{tmp_path / 'registry.db'}"]
    pg = os.environ.get("ARCHWISE_TEST_PG_URL")
    if pg:
        urls.append(pg)
    else:
        require_in_ci("PostgreSQL: set ARCHWISE_TEST_PG_URL to a server URL")
    return urls


def test_tokens_split_like_the_indexes() -> None:
    assert index_tokens("Event-Driven") == ["event", "driven"]
    assert index_tokens("data_model") == ["data", "model"]
    assert index_tokens("100%_") == ["100"]
    assert index_tokens("%%") == []


def test_search_uses_the_index_and_keeps_word_semantics(tmp_path: Path) -> None:
    for url in _urls(tmp_path):
        with registry.open_registry(url) as reg:
            reg.ingest(_payload())
            assert reg.search_index() == ("fts5" if url.startswith("sqlite") else "tsvector")
            titles = lambda q: [r.title for r in registry.search(reg, q, repository="shop").records]  # noqa: E731
            assert titles("kafka") == ["Use Kafka for events", "Cache with Redis"]
            assert titles("kafka streams") == ["Use Kafka for events"]
            assert titles("event-driven") == ["Use Kafka for events"]
            assert titles("data_model") == ["Use PostgreSQL"]
            assert titles("POSTGRES") == ["Use PostgreSQL"]
            assert titles("100%_") == []
            # a re-ingest replaces the rows and the index follows
            reg.ingest(RepositoryPayload(name="shop", location="shop", adrs=[]))
            assert titles("kafka") == []
            reg.store.engine.dispose()


def test_a_search_with_many_matches_pages_in_order(tmp_path: Path) -> None:
    adrs = [
        AdrDoc(path=f"{n:04d}.md", number=n, title=f"Kafka part {n}", text=f"kafka {n}")
        for n in range(1, 351)
    ]
    with registry.open_registry(f"sqlite:///{tmp_path / 'many.db'}") as reg:
        reg.ingest(RepositoryPayload(name="big", location="big", adrs=list(reversed(adrs))))
        page = registry.search(reg, "kafka", offset=100, limit=50)
        assert page.total == 350
        assert [r.number for r in page.records] == list(range(101, 151))
        assert registry.search(reg, "kafka 7", limit=5).total == len(
            [n for n in range(1, 351) if str(n).startswith("7")]
        )


QUERIES = [
    "kafka",
    "kafka streams",
    "event-driven",
    "data_model",
    "POSTGRES",
    "100%_",
    "ka",
    "sql",
    "event",
    "joke redis",
    "%%",
    "strong-consistency",
    "Cache",
]


def test_the_in_memory_index_matches_as_the_database_does(tmp_path: Path) -> None:
    texts = [f"{t}\n{x}" for t, x in TEXTS.values()]
    index = api_adr.text_index(texts)
    with registry.open_registry(f"sqlite:///{tmp_path / 'registry.db'}") as reg:
        reg.ingest(_payload())
        for q in QUERIES:
            stored = [r.number - 1 for r in registry.search(reg, q, repository="shop").records]
            assert index.members(index.match(q)) == stored, q
    within = index.set_of([1, 2])
    assert index.members(index.match("kafka", within)) == [2]
    assert index.members(index.match("", within), offset=1, limit=5) == [2]


def test_postgresql_search_index_takes_entries_directly() -> None:
    pg = os.environ.get("ARCHWISE_TEST_PG_URL")
    if not pg:
        require_in_ci("PostgreSQL: set ARCHWISE_TEST_PG_URL to a server URL")
        return
    with registry.open_registry(pg) as reg, reg.engine.connect() as conn:
        options = conn.exec_driver_sql(
            "SELECT reloptions FROM pg_class WHERE relname = 'ix_registry_adrs_search_tsv'"
        ).scalar_one()
        assert "fastupdate=off" in options
