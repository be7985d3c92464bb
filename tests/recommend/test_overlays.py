"""User overlays change the judgement without code: rules, prices, the radar; results are saved."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import invoke
from tests.recommend.conftest import CHAT


def _json(cli: CliRunner, *args: str) -> dict:  # type: ignore[type-arg]
    result = invoke(cli, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_radar_hold_excludes_with_reason(cli: CliRunner, tmp_path: Path) -> None:
    radar = tmp_path / "radar.yaml"
    radar.write_text(
        "title: Org radar\ndate: 2026-11-01\nentries:\n  - {name: PostgreSQL, ring: hold}\n",
        encoding="utf-8",
    )
    doc = _json(cli, "recommend", str(CHAT), "--topic", "database", "--radar", str(radar))
    d = doc["decisions"]["database"]
    assert d["chosen"] != "PostgreSQL"
    reasons = {e["name"]: e["reasons"] for e in d["excluded"]}
    assert any("radar" in r for r in reasons["PostgreSQL"])


def test_rules_overlay_replaces_a_rule_by_id(cli: CliRunner, tmp_path: Path) -> None:
    rules = tmp_path / "kb" / "rules"
    rules.mkdir(parents=True)
    (rules / "org.yaml").write_text(
        "- id: weight.strong-consistency\n"
        "  kind: weight\n"
        "  topics: [database]\n"
        "  when: \"non_functional.consistency == 'strong'\"\n"
        "  criterion: consistency\n"
        "  add: 7\n"
        "  because: our ledger culture\n",
        encoding="utf-8",
    )
    doc = _json(cli, "explain", str(CHAT), "--topic", "database", "--kb", str(tmp_path / "kb"))
    changes = [w for w in doc["weight_trace"] if w["rule"] == "weight.strong-consistency"]
    assert changes[0]["delta"] == 7 and changes[0]["because"] == "our ledger culture"


def test_price_overlay_changes_costs(cli: CliRunner, tmp_path: Path) -> None:
    base = _json(cli, "recommend", str(CHAT))
    prices = tmp_path / "prices.yaml"
    prices.write_text(
        "- key: aws.ec2.c7g.xlarge\n  provider: aws\n  service: EC2\n  item: c7g.xlarge (negotiated)\n"
        "  unit: hour\n  usd: 1.0\n  source: {title: our contract, checked: 2026-11-01}\n",
        encoding="utf-8",
    )
    dearer = _json(cli, "recommend", str(CHAT), "--prices", str(prices))
    assert (
        dearer["options"][0]["cost_usd_per_month"]["high"]
        > base["options"][0]["cost_usd_per_month"]["high"]
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("- key: x\n  usd: -1\n", encoding="utf-8")
    assert invoke(cli, "recommend", str(CHAT), "--prices", str(bad)).exit_code == 2


def test_save_snapshots_into_the_workspace_store(cli: CliRunner, workspace: Path) -> None:
    (workspace / ".archwise").mkdir()
    result = invoke(cli, "recommend", str(CHAT), "--save", "--json")
    assert result.exit_code == 0, result.output
    from archwise.store import open_store

    with open_store() as store:
        snap = store.latest_snapshot("recommendation", "Real-time chat")
    assert snap is not None
    assert snap.payload["recommendation"] == json.loads(result.stdout)["recommendation"]
