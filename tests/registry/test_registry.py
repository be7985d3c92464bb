"""The registry on SQLite and on PostgreSQL: ingest, search, uses, radar and its history."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.api import registry
from archwise.errors import InputError, NotFoundError


def _counts(reg: registry.Registry) -> dict[str, int]:
    return {r.name: r.adrs for r in registry.list_repositories(reg)}


def test_collect_reads_adrs_stack_and_summary(payloads: list) -> None:
    billing = payloads[0]
    assert billing.name == "billing"
    assert [a.number for a in billing.adrs] == [1, 2, 3]
    assert billing.adrs[1].title == "Use PostgreSQL for invoices"
    assert billing.adrs[1].status == "accepted"
    assert "strong consistency" in billing.adrs[1].text
    assert billing.adrs[1].path == "docs/adr/0002-use-postgresql-for-invoices.md"
    assert {"PostgreSQL", "Redis", "Django"} <= {s.name for s in billing.stack}
    assert billing.summary["adrs"] == 3 and billing.summary["files"] >= 4
    assert "Python" in billing.summary["languages"]


def test_ingest_is_idempotent(reg: registry.Registry, payloads: list) -> None:
    before = _counts(reg)
    assert before == {"billing": 3, "storefront": 2, "worker": 1}
    again = registry.ingest_payloads(reg, payloads)
    assert [r.created for r in again] == [False, False, False]
    assert _counts(reg) == before
    assert reg.adrs(limit=100).total == 6


def test_reingest_replaces_the_repository(reg: registry.Registry, payloads: list) -> None:
    changed = payloads[0].model_copy(deep=True)
    changed.adrs = changed.adrs[:2]
    changed.adrs[1].title = "Use PostgreSQL for every ledger"
    changed.stack = [s for s in changed.stack if s.name != "Redis"]
    registry.ingest_payloads(reg, [changed])
    rows = reg.adrs(repository="billing").records
    assert [r.title for r in rows] == [
        "Record architecture decisions",
        "Use PostgreSQL for every ledger",
    ]
    assert "Redis" not in reg.repository("billing").technologies
    assert reg.adrs().total == 5


def test_search_across_repositories(reg: registry.Registry) -> None:
    found = registry.search(reg, "invoices")
    assert {(r.repository, r.number) for r in found.records} == {("billing", 2), ("worker", 1)}
    both = registry.search(reg, "INVOICES consistency")
    assert [(r.repository, r.number) for r in both.records] == [("billing", 2)]
    assert "consistency" in both.records[0].snippet.lower()
    assert registry.search(reg, "invoices", status="superseded").total == 1
    assert registry.search(reg, "catalogue", repository="storefront").total == 1
    assert registry.search(reg, "catalogue", repository="billing").total == 0
    assert registry.search(reg, "100%_").total == 0
    with pytest.raises(InputError):
        registry.search(reg, "   ")


def test_adr_list_pages_and_full_text(reg: registry.Registry) -> None:
    first = reg.adrs(limit=4)
    second = reg.adrs(offset=4, limit=4)
    assert first.total == second.total == 6
    keys = [(r.repository, r.path) for r in first.records + second.records]
    assert len(set(keys)) == 6
    one = reg.adr("storefront", "docs/adr/0002-keep-the-catalogue-in-mongodb.md")
    assert one.text is not None and "document shaped" in one.text
    with pytest.raises(NotFoundError):
        reg.adr("storefront", "nope.md")
    with pytest.raises(InputError):
        reg.adrs(limit=0)


def test_uses_resolves_aliases(reg: registry.Registry, org_dir: Path) -> None:
    pg = registry.uses(reg, "postgres", workspace=org_dir)
    assert pg.technology == "PostgreSQL" and pg.ring == "adopt"
    assert [u["repository"] for u in pg.repositories] == ["billing"]
    mongo = registry.uses(reg, "mongodb", workspace=org_dir)
    assert mongo.ring == "hold" and [u["repository"] for u in mongo.repositories] == ["storefront"]
    with pytest.raises(NotFoundError):
        registry.uses(reg, "no-such-technology-anywhere", workspace=org_dir)


def test_radar_flags_on_hold_but_used(reg: registry.Registry, org_dir: Path) -> None:
    view = registry.radar_view(reg, workspace=org_dir)
    by_name = {b.name: b for b in view.blips}
    assert view.flagged == ["MongoDB"]
    assert by_name["MongoDB"].on_hold_but_used and by_name["MongoDB"].users == ["storefront"]
    assert not by_name["PostgreSQL"].on_hold_but_used
    assert by_name["React"].users == ["storefront"]
    assert {"Django", "Express", "Go"} <= {b.name for b in view.unplaced}
    redis = by_name["Redis"].history
    assert [(m.from_ring, m.ring) for m in redis] == [("assess", "trial")]


def test_radar_moves_are_recorded(reg: registry.Registry, org_dir: Path, tmp_path: Path) -> None:
    registry.radar_view(reg, workspace=org_dir)
    newer = tmp_path / "q3.csv"
    newer.write_text(
        "name,ring,quadrant,isNew,description\n"
        "MongoDB,trial,data,FALSE,back on trial for search\n"
        "Kafka,assess,platforms,TRUE,event streaming\n",
        encoding="utf-8",
    )
    counts = registry.import_radar(reg, newer, date="2026-09-01", workspace=org_dir)
    assert counts["moved"] == 1 and counts["added"] == 1
    older = tmp_path / "old.csv"
    older.write_text("name,ring,quadrant\nMongoDB,adopt,data\n", encoding="utf-8")
    assert registry.import_radar(reg, older, date="2025-01-01", workspace=org_dir)["older"] == 1
    again = registry.import_radar(reg, newer, date="2026-09-01", workspace=org_dir)
    assert again["moved"] == 0 and again["added"] == 0
    view = registry.radar_view(reg, workspace=org_dir)
    mongo = next(b for b in view.blips if b.name == "MongoDB")
    assert mongo.ring == "trial" and not mongo.on_hold_but_used
    assert [(m.from_ring, m.ring, m.date) for m in mongo.history] == [
        (None, "hold", "2026-06-01"),
        ("hold", "trial", "2026-09-01"),
    ]
    assert view.flagged == []
    assert view.moves[0].date == "2026-09-01"


@pytest.mark.parametrize("fmt", ["thoughtworks-csv", "thoughtworks-json", "backstage"])
def test_radar_round_trips(
    reg: registry.Registry, org_dir: Path, tmp_path: Path, db_url: str, fmt: str
) -> None:
    registry.radar_view(reg, workspace=org_dir)
    extra = tmp_path / "extra.json"
    extra.write_text(
        '[{"name": "Kafka", "ring": "assess", "quadrant": "platforms", "isNew": "TRUE",'
        ' "description": "streams, \\"quoted\\", with commas"}]',
        encoding="utf-8",
    )
    registry.import_radar(reg, extra, date="2026-07-01", workspace=org_dir)
    first = registry.export_radar(reg, fmt)
    file = tmp_path / ("radar.csv" if fmt == "thoughtworks-csv" else "radar.json")
    file.write_text(first, encoding="utf-8")
    other = tmp_path / "other-ws"
    other.mkdir()
    fresh_url = f"sqlite:///{tmp_path / 'fresh.db'}" if db_url.startswith("sqlite") else db_url
    with registry.open_registry(fresh_url, workspace=other) as fresh:
        if not db_url.startswith("sqlite"):
            _clear_radar(fresh)
        registry.import_radar(fresh, file, date="2026-07-01", workspace=other)
        second = registry.export_radar(fresh, fmt)
    assert second == first
    assert "Kafka" in first and "MongoDB" in first


def _clear_radar(reg: registry.Registry) -> None:
    from sqlalchemy import text

    with reg.engine.begin() as conn:
        conn.execute(text("DELETE FROM registry_radar_moves"))
        conn.execute(text("DELETE FROM registry_radar"))


def test_collect_a_repository_of_documents_only(tmp_path: Path) -> None:
    from tests.registry.conftest import make_repo

    repo = make_repo(tmp_path, "decisions", {}, [(1, "Adopt ADRs", "Accepted", "2026-01-01", "x")])
    payload = registry.collect(repo, name="team-decisions")
    assert payload.name == "team-decisions" and [a.title for a in payload.adrs] == ["Adopt ADRs"]
    assert payload.stack == [] and payload.summary["cycles"] == 0
    with pytest.raises(InputError):
        registry.collect(tmp_path / "missing")


def test_nul_characters_behave_alike_on_both_stores(reg: registry.Registry) -> None:
    odd = registry.RepositoryPayload(
        name="odd", adrs=[{"path": "a.md", "title": "T\x00", "text": "kafka\x00streams"}]
    )
    registry.ingest_payloads(reg, [odd])
    assert reg.adr("odd", "a.md").text == "kafka\ufffdstreams"
    assert registry.search(reg, "streams\x00kafka", repository="odd").total == 1


def test_a_failed_command_removes_the_store_it_created(tmp_path: Path) -> None:
    (tmp_path / "archwise.yaml").write_text("name: t\n", encoding="utf-8")
    with pytest.raises(NotFoundError), registry.open_registry(workspace=tmp_path) as reg:
        registry.uses(reg, "no-such-technology")
    assert not (tmp_path / ".archwise").exists()
    (tmp_path / ".archwise").mkdir()
    (tmp_path / ".archwise" / "keep").write_text("x", encoding="utf-8")
    with pytest.raises(NotFoundError), registry.open_registry(workspace=tmp_path) as reg:
        registry.uses(reg, "no-such-technology")
    assert [p.name for p in (tmp_path / ".archwise").iterdir()] == ["keep"]
    with registry.open_registry(workspace=tmp_path) as reg:  # a successful run keeps its store
        registry.search(reg, "x")
    assert (tmp_path / ".archwise" / "archwise.db").is_file()
