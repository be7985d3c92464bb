"""`archwise agent install/uninstall` into a repository: idempotent, never clobbering, reversible."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke

TARGETS = ("claude", "cursor", "codex", "agents-md")

# Files a user already has, which the install must leave as they were (JSON compared as data).
USER_FILES = {
    "README.md": "# Shop\n",
    ".mcp.json": '{"mcpServers": {"db": {"command": "pg-mcp"}}}\n',
    ".cursor/rules/style.mdc": "---\ndescription: house style\n---\nUse tabs.\n",
    ".codex/config.toml": 'model = "o4"\n',
    "AGENTS.md": "# Agents\n\nRun `make test` before committing.\n",
}

EXPECTED = {
    "claude": [".claude/skills/archwise/SKILL.md", ".claude/commands/archwise/design-system.md"],
    "cursor": [".cursor/rules/archwise.mdc", ".cursor/rules/archwise/reference/tools.md"],
    "codex": [".codex/skills/archwise/SKILL.md"],
    "agents-md": [".agents/skills/archwise/SKILL.md"],
}


def _tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _content(root: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for rel, (data, _) in _tree(root).items():
        out[rel] = json.loads(data) if rel.endswith(".json") else data
    return out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for rel, text in USER_FILES.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("target", TARGETS)
def test_install_twice_edit_refused_uninstall_leaves_only_user_files(
    repo: Path, cli: CliRunner, target: str
) -> None:
    before = _content(repo)
    first = invoke(cli, "agent", "install", "--for", target, str(repo))
    assert first.exit_code == 0, first.output
    for rel in EXPECTED[target]:
        assert (repo / rel).is_file(), rel
    installed = _tree(repo)

    second = invoke(cli, "agent", "install", "--for", target, str(repo), "--json")
    assert second.exit_code == 0, second.output
    doc = json.loads(second.stdout)
    assert {s["action"] for s in doc["outcome"]["steps"]} == {"unchanged"}
    assert _tree(repo) == installed, "the second run changed files"

    edited = repo / EXPECTED[target][0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOur own note.\n", encoding="utf-8")
    after_edit = _tree(repo)
    refused = invoke(cli, "agent", "install", "--for", target, str(repo))
    assert refused.exit_code == 1
    assert "changed since archwise wrote it" in refused.output
    assert _tree(repo) == after_edit, "a refused install wrote something"

    edited_text = edited.read_text(encoding="utf-8")
    removed = invoke(cli, "agent", "uninstall", str(repo))
    assert removed.exit_code == 1  # the edited file is kept, and that is said
    assert edited.read_text(encoding="utf-8") == edited_text
    edited.unlink()
    remaining = _content(repo)
    remaining.pop(".archwise/agent-install.json", None)
    assert remaining == before

    assert invoke(cli, "agent", "uninstall", str(repo)).exit_code == 0
    assert _content(repo) == before
    assert not (repo / ".archwise").exists()


def test_uninstall_of_an_untouched_install_restores_the_repository(
    repo: Path, cli: CliRunner
) -> None:
    before = _content(repo)
    for target in TARGETS:
        assert invoke(cli, "agent", "install", "--for", target, str(repo)).exit_code == 0
    mcp = json.loads((repo / ".mcp.json").read_text(encoding="utf-8"))
    assert set(mcp["mcpServers"]) == {"db", "archwise"}
    assert "Run `make test`" in (repo / "AGENTS.md").read_text(encoding="utf-8")
    assert 'model = "o4"' in (repo / ".codex/config.toml").read_text(encoding="utf-8")
    out = invoke(cli, "agent", "uninstall", str(repo), "--json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["kept"] == 0
    assert _content(repo) == before


def test_a_file_archwise_never_wrote_is_not_overwritten(tmp_path: Path, cli: CliRunner) -> None:
    own = tmp_path / ".claude/skills/archwise/SKILL.md"
    own.parent.mkdir(parents=True)
    own.write_text("my own skill\n", encoding="utf-8")
    res = invoke(cli, "agent", "install", "--for", "claude", str(tmp_path))
    assert res.exit_code == 1
    assert "not written by archwise" in res.output
    assert own.read_text(encoding="utf-8") == "my own skill\n"
    assert not (tmp_path / ".mcp.json").exists()


def test_dry_run_shows_and_writes_nothing(tmp_path: Path, cli: CliRunner) -> None:
    res = invoke(cli, "agent", "install", "--for", "cursor", str(tmp_path), "--dry-run")
    assert res.exit_code == 0
    assert ".cursor/rules/archwise.mdc" in res.output
    assert list(tmp_path.iterdir()) == []


def test_codex_block_is_valid_toml_next_to_the_users_settings(repo: Path, cli: CliRunner) -> None:
    import tomllib

    assert invoke(cli, "agent", "install", "--for", "codex", str(repo)).exit_code == 0
    data = tomllib.loads((repo / ".codex/config.toml").read_text(encoding="utf-8"))
    assert data["model"] == "o4"
    assert data["mcp_servers"]["archwise"]["command"] == "archwise"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agent", "install", "--for", "vim"], "unknown agent 'vim'"),
        (["agent", "install", "--for", "claude", "no/such/folder"], "does not exist"),
        (["agent", "uninstall", "--for", "emacs"], "unknown agent 'emacs'"),
    ],
)
def test_bad_input_is_exit_2_and_writes_nothing(
    workspace: Path, cli: CliRunner, args: list[str], message: str
) -> None:
    res = invoke(cli, *args)
    assert res.exit_code == 2
    assert message in res.output
    assert list(workspace.iterdir()) == []


def test_a_symlink_out_of_the_repository_is_refused(tmp_path: Path, cli: CliRunner) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir()
    outside.mkdir()
    os.symlink(outside, repo / ".claude")
    res = invoke(cli, "agent", "install", "--for", "claude", str(repo))
    assert res.exit_code == 2
    assert "outside the repository" in res.output
    assert list(outside.iterdir()) == []
