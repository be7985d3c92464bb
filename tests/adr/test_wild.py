"""ADR collections as they exist in the wild: identity, statuses, layouts, lint, graph, convert."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from archwise.api import adr as api
from archwise.errors import ArchwiseError, InputError
from tests.conftest import invoke

WILD = Path(__file__).parent / "wild"
EXPECTED: dict[str, Any] = yaml.safe_load((WILD / "expected.yaml").read_text())
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, workspace: Path) -> None:
    monkeypatch.setenv("ADR_DATE", "2026-01-01")
    monkeypatch.setenv("VISUAL", "true")
    monkeypatch.delenv("EDITOR", raising=False)


def _copy(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copytree(WILD / name, target)
    return target


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_records_identity_title_and_status(name: str) -> None:
    want = EXPECTED[name]
    rows = {r.path: r for r in api.list_records(adr_dir=WILD / name)}
    assert set(rows) == set(want["records"]), "records found (templates and indexes skipped)"
    for rel, exp in want["records"].items():
        row = rows[rel]
        assert row.id == exp["id"], rel
        assert row.number == exp["number"], rel
        assert row.title == exp["title"], rel
        assert row.status == exp["state"], rel
        assert api.show(rel, adr_dir=WILD / name).status == exp["status"], rel
        if "format" in want:
            assert row.format == want["format"], rel


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "lint" in EXPECTED[n]))
def test_lint_findings_are_the_real_problems(name: str) -> None:
    findings = api.lint(adr_dir=WILD / name, today=TODAY)
    got = sorted((f.file, f.code) for f in findings)
    assert got == sorted(tuple(x) for x in EXPECTED[name]["lint"])


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "next_name" in EXPECTED[n]))
def test_new_continues_the_collection_scheme(name: str, workspace: Path) -> None:
    folder = _copy(name, workspace)
    path = api.new("Next decision", adr_dir=folder)
    assert path.name == EXPECTED[name]["next_name"]
    assert api.show(path.name, adr_dir=folder).title == "Next decision"


def test_drop_in_continues_the_collection_scheme(workspace: Path) -> None:
    _copy("nygard-prefixed", workspace)
    (workspace / ".adr-dir").write_text("nygard-prefixed\n")
    assert api.adr_tools_main(["new", "Use", "Kafka"]) == 0
    made = workspace / "nygard-prefixed" / "adr-080-use-kafka.md"
    assert made.read_text().startswith("# 80. Use Kafka\n")


def test_references_resolve_exactly_never_by_substring(workspace: Path) -> None:
    folder = _copy("nygard-prefixed", workspace)
    assert api.show("25", adr_dir=folder).title == "Commit message format"
    assert api.show("025", adr_dir=folder).number == 25
    assert api.show("adr-079-ed25519-verification.md", adr_dir=folder).number == 79
    assert api.show("adr-079-ed25519-verification", adr_dir=folder).number == 79
    assert api.show("ed25519-verification", adr_dir=folder).number == 79
    with pytest.raises(ArchwiseError, match="no record 'ed25519'"):
        api.show("ed25519", adr_dir=folder)
    api.set_status("25", "deprecated", adr_dir=folder)
    assert "Deprecated" in (folder / "adr-025-commit-message-format.md").read_text()
    assert "Deprecated" not in (folder / "adr-079-ed25519-verification.md").read_text()
    api.supersede("2", "25", adr_dir=folder)
    assert "Superseded by" in (folder / "adr-002-queue-ledger-events.md").read_text()


def test_ambiguous_reference_lists_the_candidates() -> None:
    with pytest.raises(InputError) as err:
        api.show("3", adr_dir=WILD / "adr-compact")
    message = str(err.value)
    assert "adr003-avoid-default-exports.md" in message and "adr003-use-native-fetch.md" in message


def test_drop_in_numeric_reference_is_the_record_number(workspace: Path) -> None:
    _copy("nygard-prefixed", workspace)
    (workspace / ".adr-dir").write_text("nygard-prefixed\n")
    assert api.adr_tools_main(["new", "-s", "25", "Sign", "commits"]) == 0
    folder = workspace / "nygard-prefixed"
    assert "Superseded by" in (folder / "adr-025-commit-message-format.md").read_text()
    assert "Superseded by" not in (folder / "adr-079-ed25519-verification.md").read_text()


def test_status_section_ends_at_the_next_heading_and_keeps_its_subsections() -> None:
    adr = api.show("5", adr_dir=WILD / "statuses")
    assert adr.status == "Accepted"
    assert [s.heading for s in adr.extra_sections] == ["Rollout"]
    assert "Mobile next quarter" in adr.extra_sections[0].body
    top = api.show("6", adr_dir=WILD / "statuses")
    assert top.context.startswith("Nobody can tell") and top.decision.startswith("Every resource")
    linked = api.show("7", adr_dir=WILD / "statuses")
    assert linked.links == []


def test_graph_has_unique_nodes_and_edges_from_either_side() -> None:
    for name in ("log4brains", "statuses"):
        records = {r.id: r for r in api.list_records(adr_dir=WILD / name)}
        mermaid = api.graph("mermaid", adr_dir=WILD / name)
        edges = re.findall(r"^\s+(\S+) -->\|\"([^\"]+)\"\| (\S+)$", mermaid, re.M)
        nodes = dict(re.findall(r"^\s+(\S+)\[\"(?:\d+\. )?([^\"]+)\"\]$", mermaid, re.M))
        by_title = {v: k for k, v in nodes.items()}
        want = {
            (by_title[records[str(a)].title], kind, by_title[records[str(b)].title])
            for a, kind, b in EXPECTED[name]["edges"]
        }
        assert set(edges) == want, mermaid
    compact = api.graph("mermaid", adr_dir=WILD / "adr-compact")
    ids = re.findall(r"^\s+(\S+)\[\"", compact, re.M)
    assert len(ids) == 4 and len(set(ids)) == 4
    dot = api.graph("dot", adr_dir=WILD / "adr-compact")
    assert len(set(re.findall(r"^\s+(\S+) \[label=", dot, re.M))) == 4


def test_convert_reports_what_it_cannot_carry_and_invents_no_number(workspace: Path) -> None:
    folder = _copy("convert", workspace)
    out = workspace / "out"
    report = api.convert("madr4", ["1"], adr_dir=folder, out_dir=out)
    dropped = report.dropped["0001-with-preamble.md"]
    assert any("preamble" in d for d in dropped), dropped
    assert any("layout" in d for d in dropped) and any("reviewers" in d for d in dropped), dropped
    text = (out / "0001-with-preamble.md").read_text()
    assert "Rollout plan" in text
    report = api.convert("nygard", ["pick-a-css-approach"], adr_dir=folder, out_dir=out)
    first = (out / "pick-a-css-approach.md").read_text().split("\n", 1)[0]
    assert first == "# Pick a CSS approach"


def test_front_matter_title_and_nygard_body() -> None:
    adr = api.show("3", adr_dir=WILD / "docusaurus")
    assert adr.title == "Use GraphQL for the mobile API" and adr.format == "nygard"
    codes = {f.code for f in api.lint(adr_dir=WILD / "docusaurus", today=TODAY)}
    assert "missing-title" not in codes


@pytest.mark.parametrize(
    ("setup", "args", "how"),
    [
        ("", ["--dir", "nonexistent"], "--dir"),
        (".adr-dir", [], ".adr-dir"),
        ("config", [], "adr_dir"),
        ("", [], "default"),
        ("empty", ["--dir", "empty"], "--dir"),
    ],
)
def test_missing_or_empty_folder_is_bad_input(
    cli: Any, workspace: Path, setup: str, args: list[str], how: str
) -> None:
    if setup == ".adr-dir":
        (workspace / ".adr-dir").write_text("decisions\n")
    elif setup == "config":
        (workspace / ".archwise").mkdir()
        (workspace / ".archwise" / "config.yaml").write_text("adr_dir: records/adr\n")
    elif setup == "empty":
        (workspace / "empty").mkdir()
    for verb in ("lint", "list", "graph"):
        r = invoke(cli, "adr", verb, *args)
        assert r.exit_code == 2, (verb, r.output)
        assert how in r.stderr, r.stderr
        assert "no findings" not in r.stdout


def test_project_vocabulary_and_lint_tuning(workspace: Path) -> None:
    folder = _copy("statuses", workspace)
    (workspace / ".archwise").mkdir()
    (workspace / ".archwise" / "config.yaml").write_text(
        "adr:\n"
        "  statuses:\n"
        "    on hold: proposed\n"
        "    in review: proposed\n"
        "    partly superseded: accepted\n"
    )
    states = {r.number: r.status for r in api.list_records(adr_dir=folder)}
    assert (states[1], states[2], states[3]) == ("proposed", "accepted", "proposed")
    assert api.lint(adr_dir=folder, today=TODAY) == []
    (workspace / ".archwise" / "config.yaml").write_text(
        "adr:\n  lint:\n    disable: [unknown-status]\n"
    )
    assert api.lint(adr_dir=folder, today=TODAY) == []
    bad = "adr:\n  lint:\n    disable: [no-such-rule]\n"
    (workspace / ".archwise" / "config.yaml").write_text(bad)
    with pytest.raises(InputError, match="no-such-rule"):
        api.lint(adr_dir=folder, today=TODAY)


def test_common_header_fields_are_not_findings(workspace: Path) -> None:
    folder = workspace / "adr"
    folder.mkdir()
    (folder / "0001-x.md").write_text(
        "# 1. X\n\nDate: 2020-01-01\nAuthor: Kim\nReviewers: Lu\n\n## Status\n\nAccepted\n\n"
        "## Context\n\nC.\n\n## Decision\n\nD.\n\n## Consequences\n\nE.\n"
    )
    assert api.lint(adr_dir=folder, today=TODAY) == []


def test_numbering_lock_is_shared_across_temporary_folders(tmp_path: Path) -> None:
    """Two writers with different TMPDIRs (as two users or containers) still number uniquely."""
    work = tmp_path / "repo"
    (work / "doc" / "adr").mkdir(parents=True)
    code = (
        "import sys\n"
        "from archwise.api.adr import adr_tools_main, new\n"
        "p = sys.argv[1]\n"
        "for i in range(12):\n"
        "    if i % 2:\n"
        "        new(f'Api {p} {i}', fmt='nygard')\n"
        "    else:\n"
        "        assert adr_tools_main(['new', f'Dropin {p} {i}']) == 0\n"
    )
    procs = []
    for p in range(4):
        tmpdir = tmp_path / f"tmp{p}"
        tmpdir.mkdir()
        env = {**os.environ, "TMPDIR": str(tmpdir), "ADR_DATE": "2024-01-01", "VISUAL": "true"}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", code, str(p)],
                cwd=work,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    names = sorted(f.name for f in (work / "doc" / "adr").iterdir())
    assert [int(n[:4]) for n in names] == list(range(1, 49))
    assert not [n for n in os.listdir(work / "doc" / "adr") if n.startswith(".")]


def test_drop_in_writes_the_wording_the_collection_uses(
    workspace: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = workspace / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-old.md").write_text(
        "# 1. Old\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n"
        "Supercedes [0. Older](0000-older.md)\n\n## Context\n\nC.\n"
    )
    assert api.adr_tools_main(["new", "-s", "1", "Newer"]) == 0
    assert "Superceded by [2. Newer]" in (folder / "0001-old.md").read_text()
    assert "Supercedes [1. Old]" in (folder / "0002-newer.md").read_text()
    other = tmp_path_factory.mktemp("fresh")
    monkeypatch.chdir(other)
    assert api.adr_tools_main(["new", "First"]) == 0
    assert api.adr_tools_main(["new", "-s", "1", "Second"]) == 0
    assert "Superseded by [2. Second]" in (other / "doc/adr/0001-first.md").read_text()


def test_shell_completions(cli: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from archwise.cli.adr_tools import autocomplete

    assert autocomplete(["adr", "li"]) == "link list"
    assert autocomplete(["adr", "generate", "to"]) == "toc"
    assert autocomplete(["adr", "ierhir"]) == ""
    for shell, marker in (("bash", "complete -F"), ("zsh", "#compdef"), ("fish", "complete -c")):
        r = invoke(cli, "adr", "completion", shell)
        assert r.exit_code == 0 and marker in r.stdout, r.output


def test_json_list_has_ids(cli: Any) -> None:
    r = invoke(cli, "adr", "list", "--dir", str(WILD / "log4brains"), "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)[0]["id"] == "20210104-use-log4brains"


def test_lock_lives_in_the_repository_metadata_keyed_by_the_path_inside_it(
    tmp_path: Path,
) -> None:
    from archwise.adr.files import lock_path

    one, two = tmp_path / "mount-a" / "repo", tmp_path / "mount-b" / "checkout"
    for root in (one, two):
        (root / ".git").mkdir(parents=True)
        (root / "docs" / "adr").mkdir(parents=True)
    a, b = lock_path(one / "docs" / "adr"), lock_path(two / "docs" / "adr")
    assert a.parent == one / ".git" / "archwise" and a.name == b.name
    assert lock_path(one / "docs").name != a.name
    worktree = tmp_path / "wt"
    (worktree / "doc" / "adr").mkdir(parents=True)
    (worktree / ".git").write_text(f"gitdir: {one / '.git' / 'worktrees' / 'wt'}\n")
    assert (
        lock_path(worktree / "doc" / "adr").parent == one / ".git" / "worktrees" / "wt" / "archwise"
    )
    bare = tmp_path / "plain" / "doc" / "adr"
    bare.mkdir(parents=True)
    assert lock_path(bare).parent == tmp_path / "plain" / "doc" / ".archwise" / "locks"


def test_autocomplete_prints_nothing_for_a_complete_command() -> None:
    from archwise.cli.adr_tools import autocomplete

    assert autocomplete(["adr", "list"]) is None
    assert autocomplete(["adr"]) == "config generate help init link list new upgrade-repository"
    assert autocomplete(["adr generate"]) == "graph toc"


def test_new_continues_a_folder_per_record_layout(workspace: Path) -> None:
    folder = _copy("folders", workspace)
    path = api.new("Next decision", adr_dir=folder)
    assert path.parent.name == "0003-next-decision"
    assert path.name in {"index.md", "README.md"}
    assert api.show("3", adr_dir=folder).title == "Next decision"
