"""Messages print literally in every front end: square brackets in file names and values are text."""

from __future__ import annotations

import asyncio
import io
import re
import shutil
import subprocess
import sys
import tokenize
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
    client = TestClient(
        create_app(tmp_path, token="t0ken-for-tests-0123456789"), base_url="http://127.0.0.1"
    )
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


# Names that hold markup built from already escaped parts (a tick, a coloured verdict).
PREBUILT_MARKUP = {"mark", "marks", "detail", "verdict", "form", "note", "where", "line", "value"}
_TAG = re.compile(r"\[(?:/|bold|red|green|yellow|dim|cyan|magenta|blue|italic)[^\]]*\]")
_FIELD = re.compile(r"(?<!\{)\{(?!\{)([^{}:!]+?)(?:![rs])?(?::[^{}]*)?\}")


def _print_calls(path: Path) -> list[tuple[int, list[str], bool]]:
    """Each console.print call: its line, its string literals and whether it says markup=."""
    toks = list(tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline))
    calls = []
    for i, tok in enumerate(toks[2:-1], start=2):
        if not (
            tok.string == "print"
            and toks[i - 1].string == "."
            and toks[i - 2].string in {"console", "err_console"}
            and toks[i + 1].string == "("
        ):
            continue
        depth, j, strings, markup = 0, i + 1, [], False
        while True:
            t = toks[j]
            if t.string in "([{" and t.type == tokenize.OP:
                depth += 1
            elif t.string in ")]}" and t.type == tokenize.OP:
                depth -= 1
                if depth == 0:
                    break
            elif t.type == tokenize.STRING:
                strings.append(t.string)
            elif t.string == "markup" and toks[j + 1].string == "=":
                markup = True
            j += 1
        calls.append((tok.start[0], strings, markup))
    return calls


def test_every_styled_message_escapes_what_it_interpolates() -> None:
    problems = []
    for path in sorted((Path(__file__).parents[1] / "src/archwise/cli").glob("*.py")):
        for line, strings, markup in _print_calls(path):
            styled = any(_TAG.search(s) for s in strings)
            if styled and not markup:
                problems.append(f"{path.name}:{line}: styled text without markup=True")
            for s in strings if styled else []:
                if not s.lstrip("rRbB").startswith(("f", "F")):
                    continue
                for m in _FIELD.finditer(s):
                    expr = m.group(1).strip()
                    if s[m.start() - 1] == "[" or ":" in m.group(0)[len(expr) + 1 :]:
                        continue  # a style name, or a formatted number
                    if expr.startswith(("esc(", "escape(", "len(")) or expr in PREBUILT_MARKUP:
                        continue
                    problems.append(f"{path.name}:{line}: {{{expr}}} is not escaped")
    assert problems == []
