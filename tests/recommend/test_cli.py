"""The recommend, explain, compare and evaluate commands, end to end."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import invoke
from tests.recommend.conftest import CHAT


def test_recommend_report_shows_the_star_first(cli: CliRunner) -> None:
    result = invoke(cli, "recommend", str(CHAT))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("★ Recommended") < out.index("Options") < out.index("why not now")
    assert "Evolution path" in out


def test_recommend_one_topic_with_weights(cli: CliRunner, tmp_path: Path) -> None:
    result = invoke(cli, "recommend", str(CHAT), "--topic", "database", "-w", "cost=5", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert list(doc["decisions"]) == ["database"]
    assert doc["weights_override"] == {"cost": 5.0}
    weights = tmp_path / "w.yaml"
    weights.write_text("maturity: 4\ncost: 0\n", encoding="utf-8")
    result = invoke(cli, "recommend", str(CHAT), "--weights", str(weights), "--json")
    assert json.loads(result.stdout)["weights_override"] == {"maturity": 4.0, "cost": 0.0}


def test_bad_input_exits_2_with_a_located_message(cli: CliRunner, tmp_path: Path) -> None:
    result = invoke(cli, "recommend", str(CHAT), "--weights", "speed=3", "--json")
    assert result.exit_code == 2
    assert "unknown criterion 'speed'" in json.loads(result.stdout)["error"]["message"]
    result = invoke(cli, "recommend", str(CHAT), "--topic", "databse")
    assert result.exit_code == 2 and "valid:" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nnon_functional:\n  consistncy: strong\n", encoding="utf-8")
    result = invoke(cli, "recommend", str(bad))
    assert result.exit_code == 2
    assert "bad.yaml:3" in result.stderr and "consistency" in result.stderr
    assert invoke(cli, "recommend", str(tmp_path / "missing.yaml")).exit_code == 2


def test_explain_gives_the_full_trace(cli: CliRunner) -> None:
    result = invoke(cli, "explain", str(CHAT), "--topic", "database", "--json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["chosen"] == "PostgreSQL"
    assert any(w["rule"] == "weight.strong-consistency" for w in d["weight_trace"])
    assert all(c["reason"] for r in d["ranked"] for c in r["criteria"])
    assert d["sensitivity"]
    text = invoke(cli, "explain", str(CHAT), "--topic", "database").stdout
    assert "How the requirements set the weights" in text and "Sensitivity" in text


def test_compare_side_by_side(cli: CliRunner) -> None:
    result = invoke(
        cli, "compare", "Kafka", "RabbitMQ", "NATS", "--for", "messaging", "-r", str(CHAT), "--json"
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc["totals"]) == {"Kafka", "RabbitMQ", "NATS"}
    assert doc["winner"] in doc["totals"]
    assert all(set(v) == {"Kafka", "RabbitMQ", "NATS"} for v in doc["criteria"].values())
    table = invoke(cli, "compare", "postgres", "MySQL", "--for", "database")
    assert table.exit_code == 0 and "PostgreSQL" in table.stdout
    assert invoke(cli, "compare", "Kafka", "PostgreSQL", "--for", "messaging").exit_code == 2


def test_evaluate_proven_and_novel(cli: CliRunner) -> None:
    doc = json.loads(invoke(cli, "evaluate", "PostgreSQL", "--json").stdout)
    assert doc["verdict"] == "proven" and doc["red_flags"] == []
    doc = json.loads(invoke(cli, "evaluate", "Valkey", "--json").stdout)
    assert doc["verdict"] == "novel"
    assert any("3+ years" in f for f in doc["red_flags"])
    result = invoke(cli, "evaluate", "Postgre")
    assert result.exit_code == 2 and "did you mean" in result.stderr
