"""`archwise report`: sections, formats, determinism, and what it says when data is missing."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from archwise.api.report import ReportData, gather, render, report
from tests.conftest import EXAMPLES, invoke
from tests.report.fixtures import GATEWAY, MONOLITH, spec_recommendation

OPTS = {
    "tasks": EXAMPLES / "chat-tasks.yaml",
    "recommendation": spec_recommendation(),
}


@pytest.fixture(scope="module")
def chat_data() -> ReportData:
    """The chat example's report data, gathered once for this module."""
    return gather(EXAMPLES / "chat-system.yaml", start=dt.date(2027, 1, 4), **OPTS)


def test_markdown_has_every_section_and_mermaid_diagrams(chat_data: ReportData) -> None:
    md = render(chat_data, "md")
    for title in (
        "Requirements and open questions",
        "Options",
        "Recommendation",
        "Architecture (C4)",
        "Evolution path",
        "Capacity",
        "Codebase analysis",
        "Delivery plan and critical path",
        "Risks",
        "Architecture decision records",
    ):
        assert f"## {title}" in md
    blocks = re.findall(r"```mermaid\n(\w+)", md)
    assert blocks == ["C4Context", "C4Container", "gantt"]
    assert "Critical path: auth → ws → send → channels → deploy" in md
    assert f"| {MONOLITH} (chosen) |" in md
    assert "Scale with Rust gateway" in md and GATEWAY in md
    assert "1,000 concurrent users, p99 < 200ms" in md
    assert 'ContainerDb(database, "Database", "PostgreSQL"' in md
    assert "| PostgreSQL as the database choice | database |" in md


def test_same_inputs_same_bytes(chat_data: ReportData, tmp_path: Path) -> None:
    again = gather(EXAMPLES / "chat-system.yaml", start=dt.date(2027, 1, 4), **OPTS)
    for fmt in ("md", "html", "json"):
        assert render(chat_data, fmt) == render(again, fmt), fmt
    out = tmp_path / "a.html"
    text = report(
        EXAMPLES / "chat-system.yaml", fmt="html", output=out, start=dt.date(2027, 1, 4), **OPTS
    )
    assert out.read_text() == text == render(chat_data, "html")


def test_html_is_self_contained_and_printable(chat_data: ReportData) -> None:
    html = render(chat_data, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not re.search(r"url\((?!#)", html)  # no CSS url() fetches; marker refs only
    assert "default-src 'none'" in html and "@media print" in html
    sections = dict(re.findall(r'<section id="(\w+)">(.*?)</section>', html, re.S))
    svgs = {k: v.count("<svg") for k, v in sections.items()}
    assert svgs["architecture"] == 2 and svgs["options"] == 2 and svgs["plan"] == 2
    assert 'class="node person"' in html and 'class="boundary"' in html


def test_json_is_the_gathered_data(chat_data: ReportData) -> None:
    doc = json.loads(render(chat_data, "json"))
    assert doc["title"] == "Real-time chat"
    assert doc["plan"]["schedule"]["duration_days"] > 0
    assert doc["recommendation"]["recommendation"]["option"] == MONOLITH
    assert [r["exposure"] for r in doc["risks"]] == sorted(
        (r["exposure"] for r in doc["risks"]), reverse=True
    )


def test_missing_parts_are_reported_not_fatal(workspace: Path) -> None:
    data = gather(EXAMPLES / "chat-system.yaml", use_recommendation=False)
    assert "recommendation" in data.missing and "tasks" in data.missing
    md = render(data, "md")
    assert "Not available: left out (--no-recommend)" in md
    assert "The container view needs a recommendation" in md
    assert md.count("```mermaid") == 1  # the context view still renders
    bare = render(gather(None), "md")
    assert "no requirements file" in bare


def test_cli_report(cli, workspace: Path) -> None:
    shutil.copy(EXAMPLES / "chat-system.yaml", workspace / "archwise.yaml")
    shutil.copy(EXAMPLES / "chat-tasks.yaml", workspace / "tasks.yaml")
    r = invoke(cli, "report", "--no-recommend", "-f", "html", "-o", "docs/architecture/a.html")
    assert r.exit_code == 0, r.output
    html = (workspace / "docs/architecture/a.html").read_text()
    assert "Gantt chart" in html  # tasks.yaml beside archwise.yaml is picked up
    r = invoke(cli, "report", "--no-recommend", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["title"] == "Real-time chat"
    r = invoke(cli, "report", "--no-recommend")
    assert r.stdout.startswith("# Real-time chat")
    assert invoke(cli, "report", "-f", "pdf").exit_code == 2
    assert invoke(cli, "report", "missing.yaml").exit_code == 2
    assert not (workspace / ".archwise").exists()  # reading never creates the store


def test_analysis_section_reads_the_latest_analyze_snapshot(workspace: Path) -> None:
    from archwise.api.analyze import analyze

    shutil.copy(EXAMPLES / "chat-system.yaml", workspace / "archwise.yaml")
    (workspace / "app").mkdir()
    (workspace / "app" / "main.py").write_text("import json\n\n\ndef main():\n    return 1\n")
    before = gather(workspace / "archwise.yaml", use_recommendation=False)
    assert before.analysis is None and "archwise analyze" in before.missing["analysis"]
    analyze(workspace)
    data = gather(workspace / "archwise.yaml", use_recommendation=False)
    assert data.analysis is not None and "analysis" not in data.missing
    md = render(data, "md")
    section = md.split("## Codebase analysis", 1)[1].split("\n## ", 1)[0]
    assert "| Python |" in section


def test_a_failing_capability_costs_one_section(workspace: Path, monkeypatch) -> None:
    import archwise.api.capacity as capacity_api

    def broken(*args, **kwargs):
        raise KeyError("demand")

    monkeypatch.setattr(capacity_api, "plan_capacity", broken)
    data = gather(EXAMPLES / "chat-system.yaml", use_recommendation=False)
    assert data.missing["capacity"] == "failed with KeyError: 'demand'"
    assert data.requirements is not None
    assert "Not available: failed with KeyError" in render(data, "md")


def test_markdown_parses_as_commonmark_with_tables(chat_data: ReportData) -> None:
    from markdown_it import MarkdownIt

    from archwise.report.build import build_document
    from archwise.report.document import Table

    md = render(chat_data, "md")
    html = MarkdownIt("commonmark").enable("table").render(md)
    tables = sum(isinstance(b, Table) for s in build_document(chat_data).sections for b in s.blocks)
    assert html.count("<table>") == tables
    assert html.count('<code class="language-mermaid">') == 3
    assert html.count("<h2>") == len(build_document(chat_data).sections) + 1  # + contents
