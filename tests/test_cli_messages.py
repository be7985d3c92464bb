"""Messages print literally in every front end: square brackets in file names and values are text."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from archwise.cli._common import handle_errors
from archwise.errors import MissingExtraError
from tests.conftest import EXAMPLES, invoke


def test_a_missing_file_with_markup_in_its_name_is_a_located_error(workspace: Path) -> None:
    # a fresh process: the console script, as a user runs it
    done = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", "recommend", "nope[/x].yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "nope[/x].yaml" in done.stderr
    assert "not found" in done.stderr
    assert "Traceback" not in done.stderr and "MarkupError" not in done.stderr


def test_a_file_name_with_a_style_tag_prints_as_written(cli: CliRunner, workspace: Path) -> None:
    shutil.copy(EXAMPLES / "chat-system.yaml", workspace / "my[bold]file.yaml")
    result = invoke(cli, "check-requirements", "my[bold]file.yaml")
    assert result.exit_code == 0, result.output
    assert "my[bold]file.yaml" in result.stdout
    missing = invoke(cli, "recommend", "my[bold]missing.yaml")
    assert missing.exit_code == 2
    assert "my[bold]missing.yaml" in missing.stderr


def test_values_with_brackets_print_in_styled_messages(cli: CliRunner, workspace: Path) -> None:
    text = (EXAMPLES / "chat-system.yaml").read_text(encoding="utf-8")
    (workspace / "archwise.yaml").write_text(
        text.replace("name: Real-time chat", "name: Chat [bold]v2[/]", 1), encoding="utf-8"
    )
    result = invoke(cli, "recommend", "archwise.yaml")
    assert result.exit_code == 0, result.output
    assert "Chat [bold]v2[/]" in result.stdout
    brief = workspace / "brief.md"
    brief.write_text("# Chat [beta]\n\np99 under 100 ms [see the SLA]\n", encoding="utf-8")
    shown = invoke(cli, "brief", "brief.md")
    assert shown.exit_code == 0, shown.output
    assert "'Chat [beta]'" in shown.stdout


def test_the_install_hint_keeps_its_extra(cli: CliRunner) -> None:
    app = typer.Typer()

    @app.command()
    @handle_errors
    def needs_web() -> None:
        raise MissingExtraError("web", "fastapi")

    result = cli.invoke(app, [])
    assert result.exit_code == 2
    assert "pip install 'archwise[web]'" in result.stderr


def test_a_bad_option_value_with_brackets_is_reported_as_given(cli: CliRunner) -> None:
    result = invoke(cli, "capacity", "size", "--rate", "x[/y]", "--service", "50ms")
    assert result.exit_code == 2
    assert "x[/y]" in result.output


def test_web_errors_show_values_with_brackets(tmp_path: Path) -> None:
    from archwise.web.app import create_app

    shutil.copy(EXAMPLES / "chat-system.yaml", tmp_path / "archwise.yaml")
    client = TestClient(create_app(tmp_path, token="t0ken-for-tests-0123456789"))
    response = client.post(
        "/api/questions",
        json={"values": {"non_functional.consistency": "str[/ong]"}},
        headers={"Authorization": "Bearer t0ken-for-tests-0123456789"},
    )
    assert response.status_code == 400, response.text
    assert "str[/ong]" in response.json()["error"]["message"]


def test_mcp_errors_show_file_names_with_brackets(tmp_path: Path) -> None:
    from mcp import Client, StdioServerParameters

    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "archwise.cli.main", "mcp", "--workspace", str(tmp_path)],
        cwd=str(tmp_path),
    )

    async def main() -> tuple[bool, str]:
        async with Client(params, read_timeout_seconds=60) as client:
            result = await client.call_tool(
                "requirements", {"action": "check", "file": "nope[/x].yaml"}
            )
            return result.is_error, result.content[0].text  # type: ignore[union-attr]

    is_error, text = asyncio.run(main())
    assert is_error
    assert "nope[/x].yaml" in text


def test_capacity_size_reports_the_bad_rate_first(cli: CliRunner) -> None:
    # only --rate given, and wrong: the rate is named, not the missing --service or target
    result = invoke(cli, "capacity", "size", "--rate", "fast")
    assert result.exit_code == 2
    assert "--rate" in result.output and "cannot read rate 'fast'" in result.output
    assert "--service" not in result.output
    service = invoke(cli, "capacity", "size", "--service", "slow", "--rate", "100/s")
    assert service.exit_code == 2
    assert "--service" in service.output and "cannot read duration 'slow'" in service.output
