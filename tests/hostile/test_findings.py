"""The hostile-input pass's findings (issue 21), one named regression test each.

Findings 5 (brief extraction time) and 8 (the numbering lock) have their own tests with the
brief and ADR code.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from archwise.web.app import create_app
from tests.conftest import EXAMPLES, invoke
from tests.hostile.helpers import fifo, mcp_session, release_fifos, within
from tests.web.conftest import make_workspace

SECRET = "TOPSECRET-41f3"
LOOPBACK = "http://127.0.0.1"


def _repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / "chat-system.yaml", root / "archwise.yaml")
    return root


@pytest.fixture
def web_workspace(tmp_path: Path) -> Path:
    """The web tests' workspace: requirements, tasks, three ADRs, a radar and config."""
    return make_workspace(tmp_path)


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


# --- 1. MCP walked above its workspace -------------------------------------------------------


def test_f01_mcp_never_walks_above_its_workspace(tmp_path: Path) -> None:
    parent = _repo(tmp_path / "parent")
    (parent / "docs" / "adr").mkdir(parents=True)
    (parent / "docs" / "adr" / "0001-parent.md").write_text(
        "# 1. Parent\n\nDate: 2026-01-01\n\n## Status\n\nProposed\n\n## Context\n\nx\n",
        encoding="utf-8",
    )
    child = parent / "child"
    child.mkdir()
    before = (parent / "docs" / "adr" / "0001-parent.md").read_bytes()
    results = mcp_session(
        child,
        [
            ("tool", "adr", {"action": "new", "title": "Child decision"}),
            ("tool", "adr", {"action": "status", "ref": "1", "status": "accepted"}),
            ("tool", "session", {"action": "start", "title": "Child session"}),
        ],
    )
    assert not results[0][0], results[0]
    assert sorted(p.name for p in (parent / "docs" / "adr").iterdir()) == ["0001-parent.md"]
    assert (parent / "docs" / "adr" / "0001-parent.md").read_bytes() == before
    assert list((child / "docs" / "adr").glob("0001-*.md")), "the ADR lands in the workspace"
    assert not (parent / ".archwise").exists(), "the session store stays in the workspace"
    assert (child / ".archwise").is_dir()


# --- 2. .adr-dir pointing out of the repository -----------------------------------------------


def test_f02_adr_dir_cannot_point_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: CliRunner
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".adr-dir").write_text("../outside/adr\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    for var in ("EDITOR", "VISUAL"):
        monkeypatch.delenv(var, raising=False)
    result = invoke(cli, "adr", "new", "Escape")
    assert result.exit_code == 2, result.output
    assert ".adr-dir" in result.output and "outside" in result.output
    from archwise.api.adr import adr_tools_main

    assert adr_tools_main(["new", "Escape"]) == 2
    ((error, text),) = mcp_session(repo, [("tool", "adr", {"action": "new", "title": "Escape"})])
    assert error and ".adr-dir" in text
    assert not (tmp_path / "outside").exists()


# --- 3. outputs replaced special files ----------------------------------------------------------


def test_f03_outputs_never_replace_special_files(workspace: Path, cli: CliRunner) -> None:
    _repo(workspace)
    shutil.copy(EXAMPLES / "chat-tasks.yaml", workspace / "tasks.yaml")
    with fifo(workspace / "report.fifo") as report, fifo(workspace / "plan.ics") as ics:
        result = invoke(cli, "report", "--no-recommend", "--output", str(report))
        assert result.exit_code == 2, result.output
        assert "FIFO" in result.output
        result = invoke(
            cli,
            "plan",
            "--tasks",
            "tasks.yaml",
            "--start",
            "2026-01-05",
            "--no-recommend",
            "--samples",
            "0",
            "--ics",
            str(ics),
        )
        assert result.exit_code == 2, result.output
        assert stat.S_ISFIFO(report.lstat().st_mode) and stat.S_ISFIFO(ics.lstat().st_mode)
    assert not [p for p in workspace.iterdir() if p.name.endswith(".tmp")]


# --- 4. reads followed symlinks out of the workspace ---------------------------------------


def _leaky(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"# 2. Leak\n\n{SECRET}\n", encoding="utf-8")
    (outside / "secret.yaml").write_text(f"name: {SECRET}\n", encoding="utf-8")
    ws = tmp_path / "ws"
    (ws / "docs" / "adr").mkdir(parents=True)
    (ws / "docs" / "architecture").mkdir(parents=True)
    (ws / "docs" / "adr" / "0002-leak.md").symlink_to(outside / "secret.md")
    (ws / "docs" / "architecture" / "architecture.md").symlink_to(outside / "secret.md")
    (ws / "archwise.yaml").symlink_to(outside / "secret.yaml")
    return ws


def test_f04_reads_never_follow_symlinks_out_of_the_workspace(tmp_path: Path) -> None:
    ws = _leaky(tmp_path)
    results = mcp_session(
        ws,
        [
            ("resource", "archwise://report", {}),
            ("tool", "adr", {"action": "show", "ref": "2"}),
            ("resource", "archwise://adr/2", {}),
            ("tool", "requirements", {"action": "check"}),
        ],
    )
    for _error, text in results:
        assert SECRET not in text
    assert "outside the workspace" in results[0][1]
    client = TestClient(create_app(ws), base_url=LOOPBACK)
    for url in ("/api/requirements", "/api/adrs/2", "/requirements", "/adr/2"):
        response = client.get(url)
        assert response.status_code < 500, url
        assert SECRET not in response.text, url


# --- 6. special files blocked readers forever -------------------------------------------------


def test_f06_special_files_never_block_the_cli(workspace: Path, cli: CliRunner) -> None:
    _repo(workspace)
    (workspace / "docs" / "adr").mkdir(parents=True)
    with fifo(workspace / "input.yaml") as pipe, fifo(workspace / "docs" / "adr" / "0002-x.md"):
        try:
            result = within(20, lambda: invoke(cli, "check-requirements", str(pipe)))
            assert result.exit_code == 2 and "FIFO" in result.output, result.output
            for args in (
                ("adr", "list"),
                ("adr", "lint"),
                ("adr", "show", "2"),
                ("adr", "index"),
                ("check", "."),
                ("registry", "ingest", "."),
            ):
                result = within(20, lambda a=args: invoke(cli, *a))  # type: ignore[misc]
                assert result.exit_code in {0, 1, 2}, (args, result.output)
        finally:
            release_fifos(workspace)


def test_f06_special_files_never_stall_the_servers(web_workspace: Path) -> None:
    with fifo(web_workspace / "docs" / "adr" / "0009-pipe.md"):
        try:
            client = TestClient(create_app(web_workspace), base_url=LOOPBACK)

            def browse() -> list[int]:
                return [client.get("/adr").status_code for _ in range(50)]

            assert set(within(60, browse)) == {200}
            assert within(10, lambda: client.get("/static/app.css").status_code) == 200
            steps = [("tool", "adr", {"action": "list"})] * 45 + [
                ("resource", "archwise://adr", {})
            ]
            results = within(60, lambda: mcp_session(web_workspace, steps))  # type: ignore[arg-type]
            assert not any(error for error, _ in results)
        finally:
            release_fifos(web_workspace)


# --- 7. foreign Host headers ---------------------------------------------------------------------


def test_f07_foreign_host_headers_get_400(web_workspace: Path) -> None:
    app = create_app(web_workspace)
    evil = TestClient(app, base_url="http://evil.example")
    for url in ("/api/requirements", "/", "/api/adrs", "/static/app.css"):
        response = evil.get(url)
        assert response.status_code == 400, url
        assert "chat" not in response.text.lower()
    for base in ("http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000"):
        assert TestClient(app, base_url=base).get("/api/requirements").status_code == 200, base
    allowed = TestClient(
        create_app(web_workspace, hosts=["arch.internal"]), base_url="http://arch.internal"
    )
    assert allowed.get("/api/requirements").status_code == 200


# --- 9. a rejected write had already happened ------------------------------------------------------


def test_f09_rejected_requirements_set_writes_nothing(tmp_path: Path) -> None:
    ws = _repo(tmp_path / "ws")
    before = (ws / "archwise.yaml").read_bytes()
    results = mcp_session(
        ws,
        [
            ("tool", "requirements", {"action": "set", "values": {"summary": "x" * 3_000_000}}),
            ("tool", "requirements", {"action": "check"}),
        ],
    )
    assert results[0][0] and "nothing was written" in results[0][1]
    assert (ws / "archwise.yaml").read_bytes() == before
    assert not results[1][0], "later calls still work"


# --- 10. unbounded numeric options -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        (
            "capacity",
            "size",
            "--rate",
            "100/s",
            "--service",
            "50ms",
            "--p99",
            "1s",
            "--n-plus",
            "1000000000",
        ),
        ("capacity", "latency", "--rate", "100/s", "--service", "10ms", "--servers", "1000000000"),
        ("capacity", "fit", "run.csv", "--bootstrap", "1000000000"),
        ("plan", "--samples", "1000000000"),
    ],
    ids=["n-plus", "servers", "bootstrap", "samples"],
)
def test_f10_numeric_options_are_bounded(
    workspace: Path, cli: CliRunner, args: tuple[str, ...]
) -> None:
    _repo(workspace)
    result = within(20, lambda: invoke(cli, *args))
    assert result.exit_code == 2, result.output
    assert re.search(r"--[a-z-]+", result.output)


# --- 11. tracebacks instead of located errors ---------------------------------------------------------


def _hostile_tree(root: Path) -> None:
    _repo(root)
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    (root / "afile").write_text("x\n", encoding="utf-8")
    (root / "afolder").mkdir()


LONG = "n" * 300
LOCATED = [
    ("capacity", "size", "--rate", "1e309/s", "--service", "50ms", "--p99", "200ms"),
    (
        "capacity",
        "latency",
        "--rate",
        "100/s",
        "--service",
        "10ms",
        "--servers",
        "2",
        "--scv",
        "nan",
    ),
    (
        "capacity",
        "latency",
        "--rate",
        "100/s",
        "--service",
        "10ms",
        "--servers",
        "2",
        "--seed",
        "-1",
    ),
    ("plan", "--seed", "-1"),
    ("analyze", ".", "--max-file-mb", "nan"),
    ("analyze", ".", "--max-file-mb", "inf"),
    ("report", "--no-recommend", "--start", "9999-12-31"),
    ("adr", "new", "--date", "9999-12-31", "Far future"),
    ("recommend", "archwise.yaml", "--kb", "loop1"),
    ("recommend", "archwise.yaml", "--radar", "loop1"),
    ("check-requirements", "loop1"),
    ("check-requirements", f"{LONG}.yaml"),
    ("report", "--no-recommend", "--output", f"{LONG}.md"),
    ("report", "--no-recommend", "--output", "afolder"),
    ("report", "--no-recommend", "--output", "afile/report.md"),
    ("adr", "list", "--dir", "afile"),
]


@pytest.mark.parametrize("args", LOCATED, ids=[" ".join(a)[:60] for a in LOCATED])
def test_f11_bad_values_are_located_errors(
    workspace: Path, cli: CliRunner, args: tuple[str, ...]
) -> None:
    _hostile_tree(workspace)
    before = _files(workspace)
    result = invoke(cli, *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert _files(workspace) == before, "nothing is written on exit 2"


def test_f11_non_utf8_file_names_keep_json_clean(workspace: Path, cli: CliRunner) -> None:
    name = os.fsdecode(b"req-\xff.yaml")
    shutil.copy(EXAMPLES / "chat-system.yaml", workspace / name)
    for args in (
        ("check-requirements", name, "--json"),
        ("check-requirements", name + "x", "--json"),
    ):
        result = invoke(cli, *args)
        assert result.exit_code in {0, 2}, result.output
        json.loads(result.stdout)


# --- 12. malformed cookies and CSRF fields -----------------------------------------------------------


def test_f12_malformed_cookie_or_csrf_is_never_a_500(web_workspace: Path) -> None:
    client = TestClient(create_app(web_workspace, token="t0ken-0123456789"), base_url=LOOPBACK)
    for cookie in (
        b"archwise_session=\xc3\xa9.\xc3\xa9",
        b"archwise_session=x.\xff",
        b"archwise_session=.",
    ):
        response = client.get("/", headers={"Cookie": cookie})  # type: ignore[dict-item]
        assert response.status_code == 200, cookie
        posted = client.post(
            "/adr/1/status", data={"status": "accepted"}, headers={"Cookie": cookie}
        )  # type: ignore[dict-item]
        assert posted.status_code == 403, cookie
    assert (
        client.post(
            "/login", data={"token": "t0ken-0123456789"}, follow_redirects=False
        ).status_code
        == 303
    )
    for token in ("é", "\u2603" * 64, "\x00"):
        response = client.post("/adr/1/status", data={"status": "accepted", "csrf_token": token})
        assert response.status_code == 403, token
    response = client.get("/api/adrs", headers={"Authorization": b"Bearer \xc3\xa9"})  # type: ignore[dict-item]
    assert response.status_code == 200


# --- 13. MCP output '.' and over-long names -------------------------------------------------------------


def test_f13_mcp_output_folder_and_long_names_are_tool_errors(tmp_path: Path) -> None:
    ws = _repo(tmp_path / "ws")
    before = _files(tmp_path)
    results = mcp_session(
        ws,
        [
            ("tool", "report", {"output": "."}),
            ("tool", "report", {"output": f"{'r' * 300}.md"}),
            ("tool", "requirements", {"action": "check", "file": f"{'q' * 300}.yaml"}),
            ("tool", "requirements", {"action": "check"}),
        ],
    )
    assert results[0][0] and "folder" in results[0][1]
    for error, text in results[1:3]:
        assert error and "255" in text, text
    assert not results[3][0], "the server still answers"
    assert _files(tmp_path) == before, "nothing was written, in the workspace or above it"


# --- 14. outputs overwrote their own input ------------------------------------------------------------


OVERWRITES = [
    ("report", "--no-recommend", "--output", "archwise.yaml"),
    ("plan", "--no-recommend", "--tasks", "tasks.yaml", "--samples", "0", "--csv", "archwise.yaml"),
    ("plan", "--no-recommend", "--tasks", "tasks.yaml", "--samples", "0", "--csv", "tasks.yaml"),
    ("export", "structurizr", "--no-recommend", "--output", "archwise.yaml"),
    ("session", "export", "--output", "archwise.yaml"),
    ("registry", "radar", "export", "--output", "archwise.yaml"),
]


@pytest.mark.parametrize(
    "args", OVERWRITES, ids=[" ".join(a[:2]) + " " + a[-1] for a in OVERWRITES]
)
def test_f14_outputs_never_overwrite_their_inputs_unforced(
    workspace: Path, cli: CliRunner, args: tuple[str, ...]
) -> None:
    _repo(workspace)
    shutil.copy(EXAMPLES / "chat-tasks.yaml", workspace / "tasks.yaml")
    if args[0] == "session":
        assert invoke(cli, "session", "start", "Hostile").exit_code == 0
    target = workspace / args[-1]
    before = target.read_bytes()
    result = invoke(cli, *args)
    assert result.exit_code == 2, result.output
    assert "--force" in result.output
    assert target.read_bytes() == before
    forced = invoke(cli, *args, "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() != before
