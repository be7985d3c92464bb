"""The chat example from start to Documentation through the real `archwise` command (SQLite)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

ANSWERS = """\
# answers for `archwise discover --answers`
peak-rps: 20k
functional.transactions: single-service
technologies-in-use: [postgresql, redis]
non_functional.throughput.writes_per_second: unknown
"""


def archwise(ws: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ARCHWISE_ACTOR="ana", COLUMNS="200")
    out = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", *args],
        cwd=ws,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == code, (args, out.stdout, out.stderr)
    return out


def step(ws: Path, *args: str) -> list[tuple[str, str, str]]:
    """Run a session step with --json; return its TodoWrite export (what an agent mirrors)."""
    view = json.loads(archwise(ws, *args, "--json").stdout)
    todos = view["todowrite"]["todos"]
    assert all(set(t) == {"content", "status", "activeForm"} for t in todos)
    return [(t["content"], t["status"], t["activeForm"]) for t in todos]


def todowrite(ws: Path) -> list[tuple[str, str, str]]:
    doc = json.loads(archwise(ws, "session", "todos", "--format", "todowrite").stdout)
    assert list(doc) == ["todos"]
    return [(t["content"], t["status"], t["activeForm"]) for t in doc["todos"]]


@pytest.mark.slow
def test_chat_example_start_to_documentation(tmp_path: Path) -> None:
    ws = tmp_path
    shutil.copy(EXAMPLES / "chat-system.yaml", ws / "archwise.yaml")
    (ws / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    comments = [ln for ln in (ws / "archwise.yaml").read_text().splitlines() if "#" in ln]

    todos = step(ws, "session", "start", "Real-time chat", "--requirements", "archwise.yaml")
    assert todos == [
        ("Discovery", "in_progress", "Gathering requirements"),
        ("Constraint Evaluation", "pending", "Evaluating constraints"),
        ("Solution Design", "pending", "Designing solutions"),
        ("Documentation", "pending", "Documenting architecture"),
    ]
    assert todowrite(ws) == todos
    refused = archwise(ws, "session", "advance", code=2)
    assert "cannot leave Discovery yet" in refused.stderr
    assert "non_functional.throughput.peak_rps is unknown" in refused.stderr
    assert "fix: archwise discover" in refused.stderr

    archwise(ws, "discover", "--answers", "answers.yaml")
    text = (ws / "archwise.yaml").read_text()
    assert all(c in text for c in comments)
    assert "peak_rps: 20000" in text
    assert step(ws, "session", "advance", "--actor", "agent:claude")[:2] == [
        ("Discovery", "completed", "Gathering requirements"),
        ("Constraint Evaluation", "in_progress", "Evaluating constraints"),
    ]
    assert step(ws, "session", "advance")[2] == (
        "Solution Design",
        "in_progress",
        "Designing solutions",
    )
    refused = archwise(ws, "session", "advance", code=2)
    assert "Solution Design needs at least 2 options" in refused.stderr

    view = json.loads(archwise(ws, "session", "record-options", "--json").stdout)
    assert len([o for o in view["options"] if o.get("pros") and o.get("cons")]) >= 2
    feedback = "Can five TypeScript engineers run this at 1M users?"
    assert step(ws, "session", "review", feedback)[3] == (
        f"Review & Refinement: {feedback}",
        "pending",
        "Refining architecture",
    )
    assert step(ws, "session", "advance")[3][1] == "in_progress"
    refused = archwise(ws, "session", "advance", code=2)
    assert "has not been addressed" in refused.stderr
    archwise(ws, "session", "note", "Yes with managed PostgreSQL; revisit the gateway at 50k")
    todos = step(ws, "session", "advance")
    assert todos[-1] == ("Documentation", "in_progress", "Documenting architecture")
    assert todowrite(ws) == todos

    refused = archwise(ws, "session", "advance", code=2)
    assert "no ADR written" in refused.stderr
    adr = archwise(ws, "adr", "new", "Modular", "monolith", "for", "chat").stdout.strip()
    archwise(ws, "session", "record-adr", adr.splitlines()[-1])
    todos = step(ws, "session", "advance")
    assert [s for _, s, _ in todos] == ["completed"] * 5
    assert todowrite(ws) == todos

    md = archwise(ws, "session", "export", "--format", "markdown").stdout
    assert "| agent:claude | advanced Discovery → Constraint Evaluation |" in md
    assert "answered non_functional.throughput.peak_rps = 20000" in md
    assert "waived non_functional.throughput.writes_per_second" in md
    assert md.count("refused") == 4
