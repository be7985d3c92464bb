"""Bad costs and capacity input: exit 2 with file, line and field, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, invoke

GOOD = "name: x\nnon_functional:\n  users: {concurrent: 100}\n"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("functional:\n  data: {size_gb: -5}\n", ":3: functional.data.size_gb"),
        (
            "non_functional:\n  users: {concurrent: 10}\n  traffic: spiky\n"
            "  spike: {multiple: 0.5, duration_minutes: 10}\n",
            ":5: non_functional.spike.multiple",
        ),
        ("constraints: {cloud: oracle}\n", ":2: constraints.cloud"),
        ("assumptions: {event_kb: -1}\n", ":2: assumptions.event_kb"),
    ],
)
def test_bad_requirements_exit_2_located_and_write_nothing(
    tmp_path: Path, body: str, where: str
) -> None:
    f = tmp_path / "archwise.yaml"
    f.write_text("name: x\n" + body, encoding="utf-8")
    chart = tmp_path / "growth.svg"
    result = invoke(CliRunner(), "capacity", "plan", str(f), "--chart", str(chart))
    assert result.exit_code == 2
    assert f"{f.name}{where}" in result.output
    assert not chart.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archwise.yaml"]


def test_an_unknown_provider_is_refused_by_name(tmp_path: Path) -> None:
    f = tmp_path / "archwise.yaml"
    f.write_text(GOOD, encoding="utf-8")
    result = invoke(CliRunner(), "capacity", "plan", str(f), "--provider", "oracle", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert "--provider" in error["message"] and "aws, gcp, azure" in error["message"]


def test_a_price_override_changes_only_what_it_states_and_refuses_unknown_ids(
    tmp_path: Path,
) -> None:
    cli = CliRunner()
    chat = str(EXAMPLES / "chat-system.yaml")
    base = json.loads(invoke(cli, "recommend", chat, "--json").stdout)
    cheap = tmp_path / "prices.yaml"
    cheap.write_text("- {key: aws.rds.postgresql.db.r6g.xlarge, usd: 0.01}\n", encoding="utf-8")
    doc = json.loads(invoke(cli, "recommend", chat, "--prices", str(cheap), "--json").stdout)
    assert (
        doc["options"][0]["cost_usd_per_month"]["high"]
        < (base["options"][0]["cost_usd_per_month"]["high"])
    )
    typo = tmp_path / "typo.yaml"
    typo.write_text(
        "- {key: aws.ec2.c7g.large, usd: 0.05}\n- {key: aws.ec2.c7g.xlarrge, usd: 0.2}\n",
        encoding="utf-8",
    )
    result = invoke(cli, "recommend", chat, "--prices", str(typo), "--json")
    assert result.exit_code == 2
    (problem,) = json.loads(result.stdout)["error"]["problems"]
    assert (problem["line"], problem["field"]) == (2, "key")
    assert problem["file"].endswith("typo.yaml")
    assert "unknown price id 'aws.ec2.c7g.xlarrge'" in problem["message"]
    assert "did you mean 'aws.ec2.c7g.xlarge'" in problem["message"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("- key: aws.ec2.c7g.large\n  usd: -1\n", encoding="utf-8")
    result = invoke(cli, "recommend", chat, "--prices", str(bad))
    assert result.exit_code == 2 and "bad.yaml:2: usd" in result.output
