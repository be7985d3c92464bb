"""archwise records its own decisions with archwise: the project's ADRs lint clean."""

from __future__ import annotations

import json

from tests.conftest import ROOT, invoke


def test_project_adrs_lint_clean(cli) -> None:
    result = invoke(cli, "adr", "lint", "--dir", str(ROOT / "docs" / "adr"), "--json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["findings"] == []


def test_project_adrs_are_accepted_and_numbered(cli) -> None:
    result = invoke(cli, "adr", "list", "--dir", str(ROOT / "docs" / "adr"), "--json")
    records = json.loads(result.stdout)
    records = records["records"] if isinstance(records, dict) else records
    numbers = [r["number"] for r in records]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(r["status"].lower() == "accepted" for r in records)
