"""`archwise registry ...` end to end: ingest, list, search, uses, radar import/export, push."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import invoke


def _json(result) -> dict:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_list_search_uses_radar(
    cli: CliRunner, org_workspace: Path, repos: list[Path]
) -> None:
    out = _json(invoke(cli, "registry", "ingest", *map(str, repos), "--json"))
    assert [(r["name"], r["created"], r["adrs"]) for r in out["ingested"]] == [
        ("billing", True, 3),
        ("storefront", True, 2),
        ("worker", True, 1),
    ]
    again = _json(invoke(cli, "registry", "ingest", str(repos[0]), "--json"))
    assert again["ingested"][0]["created"] is False
    assert (org_workspace / ".archwise" / "archwise.db").is_file()

    listed = _json(invoke(cli, "registry", "list", "--json"))["repositories"]
    assert [(r["name"], r["adrs"]) for r in listed] == [
        ("billing", 3),
        ("storefront", 2),
        ("worker", 1),
    ]

    found = _json(invoke(cli, "registry", "search", "invoices", "--json"))
    assert found["total"] == 2
    plain = invoke(cli, "registry", "search", "catalogue")
    assert plain.exit_code == 0 and "Keep the catalogue in MongoDB" in plain.stdout

    uses = _json(invoke(cli, "registry", "uses", "Postgres", "--json"))
    assert uses["technology"] == "PostgreSQL" and uses["ring"] == "adopt"
    missing = invoke(cli, "registry", "uses", "no-such-tech", "--json")
    assert missing.exit_code == 2 and "error" in json.loads(missing.stdout)

    radar = _json(invoke(cli, "registry", "radar", "--json"))
    assert radar["flagged"] == ["MongoDB"]
    shown = invoke(cli, "registry", "radar")
    assert shown.exit_code == 0 and "ON HOLD BUT USED" in shown.stdout


def test_radar_import_export_and_bad_files(cli: CliRunner, workspace: Path) -> None:
    csv_file = workspace / "radar.csv"
    csv_file.write_text(
        "name,ring,quadrant,isNew,description\nKafka,trial,platforms,TRUE,streams\n",
        encoding="utf-8",
    )
    counts = _json(
        invoke(cli, "registry", "radar", "import", str(csv_file), "--date", "2026-04-01", "--json")
    )
    assert counts["added"] == 1
    out = workspace / "backstage.json"
    done = invoke(cli, "registry", "radar", "export", "--format", "backstage", "-o", str(out))
    assert done.exit_code == 0, done.output
    entry = json.loads(out.read_text())["entries"][0]
    assert entry["title"] == "Kafka" and entry["timeline"][0]["ringId"] == "trial"
    tw = invoke(cli, "registry", "radar", "export", "--format", "thoughtworks-csv")
    assert tw.stdout.splitlines() == [
        "name,ring,quadrant,isNew,description",
        "Kafka,trial,platforms,TRUE,streams",
    ]
    bad = workspace / "bad.csv"
    bad.write_text("name,ring,quadrant\nKafka,soon,tools\n", encoding="utf-8")
    failed = invoke(cli, "registry", "radar", "import", str(bad))
    assert failed.exit_code == 2 and "bad.csv:2" in failed.output and "ring" in failed.output
    wrong = invoke(cli, "registry", "radar", "export", "--format", "svg")
    assert wrong.exit_code == 2


def test_bad_input_exits_2(cli: CliRunner, workspace: Path) -> None:
    assert invoke(cli, "registry", "ingest", str(workspace / "nope")).exit_code == 2
    assert invoke(cli, "registry", "search", " ").exit_code == 2
    bad_db = invoke(cli, "registry", "list", "--db", "mysql://x/y")
    assert bad_db.exit_code == 2
    assert invoke(cli, "push", "ftp://x", "--token", "t").exit_code == 2


def test_help_texts(cli: CliRunner) -> None:
    for args in (
        ("registry",),
        ("registry", "ingest"),
        ("registry", "list"),
        ("registry", "search"),
        ("registry", "uses"),
        ("registry", "radar"),
        ("registry", "radar", "import"),
        ("registry", "radar", "export"),
        ("push",),
    ):
        result = invoke(cli, *args, "--help")
        assert result.exit_code == 0 and len(result.stdout) > 100, args
