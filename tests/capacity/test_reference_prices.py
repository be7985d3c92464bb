"""A provider-neutral option is priced on one provider's list prices, and every front end says so."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import invoke

NEUTRAL = """name: Inventory service
functional:
  data: {size_gb: 50}
non_functional:
  users: {concurrent: 500}
  latency: {p99_ms: 300}
  availability_percent: 99.9
constraints:
  technologies: {required: [Kubernetes, PostgreSQL]}
"""


def test_every_front_end_says_a_neutral_option_is_priced_as_a_reference(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from archwise.web.app import create_app

    f = tmp_path / "archwise.yaml"
    f.write_text(NEUTRAL, encoding="utf-8")
    cli = CliRunner()
    doc = json.loads(invoke(cli, "recommend", str(f), "--json").stdout)
    chosen = next(o for o in doc["options"] if o["name"] == doc["recommendation"]["option"])
    assert chosen["provider"] == "neutral"
    note = chosen["cost_usd_per_month"]["reference"]
    assert "provider-neutral" in note and "AWS" in note
    assert all(
        (o["provider"] == "neutral") == bool(o["cost_usd_per_month"].get("reference"))
        for o in doc["options"]
    )
    assert "a reference" in invoke(cli, "recommend", str(f)).stdout
    cap = json.loads(invoke(cli, "capacity", "plan", str(f), "--json").stdout)
    assert cap["reference"] == note and note in cap["warnings"]
    assert "provider-neutral" in invoke(cli, "capacity", "plan", str(f)).stdout
    assert "provider-neutral" in invoke(cli, "plan", str(f)).stdout
    report = tmp_path / "report.md"
    invoke(cli, "report", str(f), "-o", str(report))
    assert "a reference" in report.read_text(encoding="utf-8")
    web = TestClient(create_app(tmp_path), base_url="http://127.0.0.1")
    assert "provider-neutral" in web.get("/recommendation").text
    assert "provider-neutral" in web.get("/capacity").text
