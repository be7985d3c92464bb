"""`archwise demo`: the main job on the bundled chat example, in the terminal and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, invoke


def test_bundled_examples_match_the_project_examples() -> None:
    for name in ("chat-system.yaml", "chat-tasks.yaml", "requirements-reference.yaml"):
        bundled = ROOT / "src" / "archwise" / "data" / "examples" / name
        assert bundled.read_bytes() == (ROOT / "examples" / name).read_bytes(), name


def test_demo_json_carries_every_step(cli, workspace: Path) -> None:
    result = invoke(cli, "demo", "--json", "--start", "2027-01-04")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rec = data["recommendation"]
    assert len(rec["options"]) >= 2
    assert rec["recommendation"]["option"] == rec["options"][0]["name"] or any(
        o["name"] == rec["recommendation"]["option"] for o in rec["options"]
    )
    assert data["capacity"]["demand_horizon"] == 1_000_000
    assert data["plan"]["schedule"]["finish_date"] >= "2027-01-04"
    assert data["adr"]["text"].startswith("# ADR-001:")
    assert list(workspace.iterdir()) == [], "the demo must not write into the current folder"


def test_demo_terminal_output(cli, workspace: Path) -> None:
    result = invoke(cli, "demo")
    assert result.exit_code == 0, result.output
    for heading in ("1. Requirements", "2. Recommendation", "3. Capacity", "4. Delivery", "5. ADR"):
        assert heading in result.stdout
    # nothing is written without --write, and the ADR line says so
    adr_line = next(line for line in result.stdout.splitlines() if "5. ADR" in line)
    assert "not written" in adr_line
    assert not any(workspace.iterdir())


def test_demo_write_refuses_a_non_empty_folder(cli, workspace: Path) -> None:
    (workspace / "taken").mkdir()
    (workspace / "taken" / "file.txt").write_text("x")
    result = invoke(cli, "demo", "--write", "taken")
    assert result.exit_code == 2
    assert "not empty" in result.stderr


def test_demo_workspace_has_a_radar_and_a_registry(tmp_path: Path) -> None:
    from archwise.api import demo, kb, registry
    from archwise.workspace import open_workspace

    ws = tmp_path / "demo"
    demo.run_demo(ws, report=False)
    radar = kb.radar(kb.open_kb(workspace=open_workspace(ws)))
    assert len(radar.entries) >= 8 and any(e.moved_from for e in radar.entries)
    with registry.open_registry(workspace=ws) as reg:
        assert [r.name for r in registry.list_repositories(reg)] == ["demo"]
        assert reg.adrs().total == 1
        view = registry.radar_view(reg, workspace=ws)
        assert {b.name for b in view.blips} >= {"PostgreSQL", "MongoDB"}


def test_demo_leads_with_the_ranked_hard_problems_and_names_the_rest(
    cli, workspace: Path, monkeypatch
) -> None:
    # The terminal shows the recommendation's lead (numbered, in its order) and, as the CLI's
    # opening line does, the matched kinds of system none of whose problems lead.
    from archwise.api import demo

    result = demo.run_demo()
    rec = result["recommendation"]
    rec["archetypes"].append(
        {
            "id": "search",
            "name": "Full-text search",
            "why": ["mentions 'search'"],
            "hard_problems": [{"problem": "Relevance tuning", "addressed_by": ["OpenSearch"]}],
        }
    )
    monkeypatch.setattr(demo, "run_demo", lambda *a, **k: result)
    out = invoke(cli, "demo").stdout
    flat = " ".join(out.split())
    lead = rec["hard_problems"]
    assert 0 < len(lead) <= 6
    positions = [flat.index(f"{n}. {hp['problem']}") for n, hp in enumerate(lead, 1)]
    assert positions == sorted(positions)
    assert "Also worth a look: Full-text search" in flat
    assert "Relevance tuning" not in flat
    led = {hp["problem"] for hp in lead}
    left_out = [
        hp["problem"]
        for a in rec["archetypes"]
        for hp in a["hard_problems"]
        if hp["problem"] not in led
    ]
    assert all(p not in flat for p in left_out)
