"""End-to-end: the `archwise adr` verbs on real folders, and ADRs from a recommendation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archwise.adr.parse import parse
from tests.conftest import EXAMPLES, invoke

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "chat-recommendation.json"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADR_DATE", "2026-01-10")
    monkeypatch.setenv("VISUAL", "true")


def test_lifecycle_in_spec_format(cli, workspace: Path) -> None:
    r = invoke(cli, "adr", "new", "--format", "spec", "Use", "PostgreSQL")
    assert r.exit_code == 0, r.output
    first = workspace / "docs/adr/0001-use-postgresql.md"
    assert first.read_text().startswith("# ADR-001: Use PostgreSQL\n\n**Status**: Proposed\n")
    assert invoke(cli, "adr", "new", "Use MySQL", "--supersede", "1").exit_code == 0
    assert (
        invoke(cli, "adr", "new", "Add read replicas", "--link", "2:Amends:Amended by").exit_code
        == 0
    )
    old = parse(first.read_text(), first.name)
    assert old.lifecycle_status == "superseded" and old.links[0].target == 2
    listed = json.loads(invoke(cli, "adr", "list", "--json").stdout)
    assert [(x["number"], x["status"]) for x in listed] == [
        (1, "superseded"),
        (2, "proposed"),
        (3, "proposed"),
    ]
    assert invoke(cli, "adr", "status", "2", "accepted").exit_code == 0
    accepted = json.loads(invoke(cli, "adr", "list", "--status", "accepted", "--json").stdout)
    assert [x["number"] for x in accepted] == [2]
    shown = json.loads(invoke(cli, "adr", "show", "2", "--json").stdout)
    assert shown["status"] == "Accepted"
    assert {(lk["kind"], lk["target"]) for lk in shown["links"]} == {
        ("Supersedes", 1),
        ("Amended by", 3),
    }
    r = invoke(cli, "adr", "lint", "--json")
    assert r.exit_code == 0, r.stdout
    assert json.loads(r.stdout)["count"] == 0


def test_status_rejects_words_outside_the_lifecycle(cli, workspace: Path) -> None:
    invoke(cli, "adr", "new", "--format", "madr4", "X")
    r = invoke(cli, "adr", "status", "1", "maybe")
    assert r.exit_code == 2
    assert "proposed, accepted, rejected, deprecated, superseded" in r.stderr


def test_lint_exits_one_on_the_messy_corpus(cli, workspace: Path) -> None:
    shutil.copytree(HERE / "corpus" / "messy", workspace / "doc" / "adr")
    r = invoke(cli, "adr", "lint", "--json")
    assert r.exit_code == 1
    codes = {f["code"] for f in json.loads(r.stdout)["findings"]}
    assert {"duplicate-number", "broken-link", "future-date", "unknown-status"} <= codes


def test_index_graph_due_convert_export(cli, workspace: Path) -> None:
    shutil.copytree(HERE / "corpus" / "spec", workspace / "docs" / "adr")
    readme = workspace / "docs/adr/README.md"
    readme.write_text(
        "# Our decisions\n\nIntro.\n\n<!-- adrlog -->\nold\n<!-- adrlogstop -->\n\nFooter.\n"
    )
    assert invoke(cli, "adr", "index").exit_code == 0
    text = readme.read_text()
    assert text.startswith("# Our decisions\n\nIntro.\n") and text.endswith("Footer.\n")
    assert "old" not in text and "| 3 | [Keep a modular monolith for the MVP](0003-" in text
    assert invoke(cli, "adr", "index").stdout and readme.read_text() == text
    mermaid = invoke(cli, "adr", "graph").stdout
    assert mermaid.startswith("flowchart TD") and 'adr1["1. Use Redis PubSub' in mermaid
    dot = invoke(cli, "adr", "graph", "--format", "dot").stdout
    assert dot.startswith("digraph adr {")
    r = invoke(cli, "adr", "due", "--json")
    assert r.exit_code == 1
    due = {d["number"] for d in json.loads(r.stdout)}
    assert due == {3}
    r = invoke(cli, "adr", "convert", "--to", "madr4", "2", "--json")
    assert r.exit_code == 0
    report = json.loads(r.stdout)
    assert "success_metrics" in report["dropped"]["0002-use-hono-for-the-rest-api.md"]
    assert (
        (workspace / "docs/adr/0002-use-hono-for-the-rest-api.md")
        .read_text()
        .startswith("---\nstatus: Accepted")
    )
    exported = json.loads(invoke(cli, "adr", "export").stdout)["records"]
    assert len(exported) == 7 and exported[1]["format"] == "madr4"


def test_init_uses_adr_tools_layout(cli, workspace: Path) -> None:
    r = invoke(cli, "adr", "init", "decisions")
    assert r.exit_code == 0
    assert (workspace / ".adr-dir").read_text() == "decisions\n"
    first = workspace / "decisions/0001-record-architecture-decisions.md"
    assert first.read_text().startswith("# 1. Record architecture decisions\n\nDate: 2026-01-10\n")
    assert invoke(cli, "adr", "new", "Next").exit_code == 0
    assert (workspace / "decisions/0002-next.md").read_text().startswith("# 2. Next")


def test_from_recommendation_fixture_gives_the_spec_template(cli, workspace: Path) -> None:
    shutil.copy(EXAMPLES / "chat-system.yaml", workspace / "archwise.yaml")
    r = invoke(
        cli, "adr", "new", "--from-recommendation", str(FIXTURE), "--requirements", "archwise.yaml"
    )
    assert r.exit_code == 0, r.output
    path = workspace / "docs/adr/0001-use-monolith-mvp-for-real-time-chat.md"
    text = path.read_text()
    adr = parse(text, path.name)
    assert text.startswith(
        "# ADR-001: Use Monolith MVP for Real-time chat\n\n**Status**: Proposed\n**Date**: 2026-01-10\n"
    )
    assert "100,000 concurrent users (1,000,000 within two years)" in adr.context
    assert "p99 latency under 100 ms" in adr.context and "a team of 5 engineers" in adr.context
    assert adr.decision.startswith("Adopt Monolith MVP: One Hono service")
    assert [o.name for o in adr.alternatives] == [
        "Event-driven microservices",
        "Serverless + managed services",
    ]
    assert adr.alternatives[1].why_not == "Cold starts put the p99 < 100 ms target at risk"
    assert adr.alternatives[1].pros == [
        "Zero ops, auto-scaling",
        "Pay per use (cheap at low scale)",
    ]
    assert adr.consequences.positive[0] == "Simple to develop and debug"
    assert "Node.js connection limits (~50k per server)" in adr.consequences.negative
    assert "Estimated infrastructure cost: $2,000 per month" in adr.consequences.neutral
    assert (
        "Phase 3: Scale with Rust gateway: 100k concurrent users, p99 < 100ms"
        in adr.success_metrics
    )
    assert adr.review_date.startswith(
        "2026-04-10 (3 months after the decision), or earlier when: MVP validated"
    )
    for heading in (
        "## Decision",
        "## Alternatives Considered",
        "## Consequences",
        "## Implementation Notes",
        "## Success Metrics",
        "## Review Date",
    ):
        assert f"\n{heading}\n" in text
    assert "- **Why not chosen**: Too complex for the MVP" in text
    assert invoke(cli, "adr", "lint").exit_code == 0


def test_from_recommendation_rejects_other_json(cli, workspace: Path) -> None:
    bad = workspace / "x.json"
    bad.write_text('{"hello": 1}')
    r = invoke(cli, "adr", "new", "--from-recommendation", str(bad))
    assert r.exit_code == 2 and "not a recommendation" in r.stderr


def test_chat_example_adr_end_to_end_from_the_recommendation_engine(cli, workspace: Path) -> None:
    """The chat example: requirements -> archwise's recommendation -> ADR-001 in the spec's template."""
    shutil.copy(EXAMPLES / "chat-system.yaml", workspace / "archwise.yaml")
    r = invoke(cli, "adr", "new", "--requirements", "archwise.yaml", "--format", "spec")
    assert r.exit_code == 0, r.output
    path = Path(r.stdout.strip())
    adr = parse(path.read_text(), path.name)
    from archwise.api.recommend import recommend

    rec = recommend(workspace / "archwise.yaml").model_dump(mode="json")
    chosen = rec["recommendation"]["option"]
    assert adr.number == 1 and adr.format == "spec"
    assert adr.title == f"Use {chosen} for Real-time chat"
    others = [o for o in rec["options"] if o["name"] != chosen]
    assert [o.name for o in adr.alternatives] == [o["name"] for o in others]
    assert all(a.why_not for a in adr.alternatives)
    assert adr.consequences.positive and adr.consequences.negative
    assert adr.success_metrics and adr.review_date and "Real-time chat" in adr.context


@pytest.mark.parametrize("fmt", ["spec", "madr3", "log4brains"])
def test_native_new_makes_untrusted_titles_safe(cli, workspace: Path, fmt: str) -> None:
    title = "../../etc/passwd \x1b[31m\u202e" + "y" * 10_000
    r = invoke(cli, "adr", "new", "--format", fmt, title)
    assert r.exit_code == 0, r.output
    path = Path(r.stdout.strip())
    assert path.parent == workspace / "docs" / "adr"
    assert len(path.name.encode()) <= 255 and path.name.isascii() and "/" not in path.name
    assert "\x1b" not in path.read_text()
    assert not (workspace / "etc").exists()


def test_missing_title_is_a_usage_error(cli, workspace: Path) -> None:
    r = invoke(cli, "adr", "new")
    assert r.exit_code == 2 and "title" in r.stderr


def test_from_recommendation_uses_the_spec_template_in_a_nygard_folder(
    cli, workspace: Path
) -> None:
    assert invoke(cli, "adr", "init").exit_code == 0
    r = invoke(cli, "adr", "new", "--from-recommendation", str(FIXTURE))
    assert r.exit_code == 0, r.output
    text = Path(r.stdout.strip()).read_text()
    assert text.startswith("# ADR-002: Use Monolith MVP for Real-time chat\n")
    assert "## Alternatives Considered" in text


def test_supersede_and_link_across_formats(cli, workspace: Path) -> None:
    for fmt, title in (
        ("madr2", "Use JUnit"),
        ("madr4", "Use Kotest"),
        ("nygard", "Use Gradle"),
        ("spec", "Use Bazel"),
    ):
        assert invoke(cli, "adr", "new", "--format", fmt, title).exit_code == 0
    assert invoke(cli, "adr", "supersede", "1", "2").exit_code == 0
    assert invoke(cli, "adr", "link", "4", "Amends", "3", "Amended by").exit_code == 0
    assert invoke(cli, "adr", "supersede", "3", "4").exit_code == 0
    folder = workspace / "docs" / "adr"
    recs = {int(p.name[:4]): parse(p.read_text(), p.name) for p in folder.glob("*.md")}
    assert recs[1].lifecycle_status == "superseded"
    assert recs[1].links[0].kind == "Superseded by" and recs[1].links[0].target == 2
    assert ("Supersedes", 1) in {(lk.kind, lk.target) for lk in recs[2].links}
    assert recs[3].lifecycle_status == "superseded"
    assert {(lk.kind, lk.target) for lk in recs[3].links} == {
        ("Amended by", 4),
        ("Superseded by", 4),
    }
    assert {(lk.kind, lk.target) for lk in recs[4].links} == {("Amends", 3), ("Supersedes", 3)}
    assert [r.format for _, r in sorted(recs.items())] == ["madr2", "madr4", "nygard", "spec"]
    r = invoke(cli, "adr", "lint", "--json")
    assert r.exit_code == 0, r.stdout


def test_native_new_is_safe_under_concurrency(workspace: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from archwise.api.adr import new\n"
        "for i in range(6):\n"
        "    new(f'P{sys.argv[1]} n{i}', fmt='madr4', adr_dir='docs/adr')\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(p)], cwd=workspace) for p in range(4)
    ]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    names = sorted(p.name for p in (workspace / "docs/adr").glob("*.md"))
    assert [int(n[:4]) for n in names] == list(range(1, 25))
