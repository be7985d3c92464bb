"""The skill, its references and the slash commands cannot drift from the MCP server or the CLI."""

from __future__ import annotations

import asyncio
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main

from tests.agent import skilldoc


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from archwise.mcp.server import build_server

    srv = build_server(tmp_path_factory.mktemp("ws"))

    async def listing() -> dict[str, Any]:
        tools = await srv.list_tools()
        return {
            "tools": {t.name: t.input_schema for t in tools},
            "prompts": {p.name for p in await srv.list_prompts()},
            "resources": {r.uri for r in await srv.list_resources()}
            | {t.uri_template for t in await srv.list_resource_templates()},
        }

    return asyncio.run(listing())


def _all_calls() -> list[skilldoc.Call]:
    return [c for src, text in skilldoc.documents().items() for c in skilldoc.calls(text, src)]


def test_skill_has_front_matter_and_stays_short() -> None:
    from archwise.agent.targets import skill_files, split_front_matter

    meta, body = split_front_matter(skill_files()["SKILL.md"])
    assert meta["name"] == "archwise"
    assert 100 < len(meta["description"]) <= 1024
    assert skilldoc.skill_lines() < 400
    for link in ("reference/tools.md", "reference/reading-results.md", "reference/cli.md"):
        assert f"]({link})" in body
        assert (skilldoc.SKILL_DIR / link).is_file()


def test_every_call_names_a_real_tool_action_and_parameter(server: dict[str, Any]) -> None:
    calls = _all_calls()
    assert len(calls) > 40
    problems = []
    for call in calls:
        schema = server["tools"].get(call.tool)
        if schema is None:
            problems.append(f"{call.source}: no tool '{call.tool}'")
            continue
        props = schema["properties"]
        for key in call.args:
            if key not in props:
                problems.append(f"{call.source}: {call.tool} has no parameter '{key}'")
        action = call.action
        if action is not None:
            allowed = props["action"]["enum"]
            if action not in allowed:
                problems.append(f"{call.source}: {call.tool} has no action '{action}'")
        elif "action" in schema.get("required", []):
            problems.append(f"{call.source}: {call.tool} needs an action")
    assert not problems, "\n".join(problems)


def test_every_tool_and_action_of_the_server_is_taught(server: dict[str, Any]) -> None:
    calls = _all_calls()
    skill_only = skilldoc.calls((skilldoc.SKILL_DIR / "SKILL.md").read_text(encoding="utf-8"))
    for name, schema in server["tools"].items():
        assert any(c.tool == name for c in skill_only), f"SKILL.md never mentions tool '{name}'"
        actions = schema["properties"].get("action", {}).get("enum", [])
        missing = [a for a in actions if not any(c.tool == name and c.action == a for c in calls)]
        assert not missing, f"{name}: actions never mentioned: {missing}"


def test_prompts_and_resources_exist_and_are_all_named(server: dict[str, Any]) -> None:
    text = "\n".join(skilldoc.documents().values())
    named_prompts = set(skilldoc.prompts(text))
    named_resources = set(skilldoc.resources(text))
    assert named_prompts == server["prompts"]
    assert named_resources == server["resources"]


def _command(tokens: list[str]) -> tuple[Any, list[str]]:
    from archwise.cli.main import full_app

    # Typer ships its own click, so groups are recognised by their sub-commands.
    cmd: Any = typer.main.get_command(full_app())
    rest = list(tokens)
    while hasattr(cmd, "commands") and rest and rest[0] in cmd.commands:
        cmd = cmd.commands[rest.pop(0)]
    return cmd, rest


def test_cli_lines_name_real_commands_and_options() -> None:
    lines = [line for text in skilldoc.documents().values() for line in skilldoc.cli_commands(text)]
    assert len(lines) >= 15
    for line in lines:
        for part in line.split(", "):
            tokens = shlex.split(part)[1:]
            cmd, rest = _command(tokens)
            assert not hasattr(cmd, "commands"), f"'{part}' does not reach a command"
            opts = {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)}
            for tok in rest:
                if tok.startswith("-"):
                    assert tok.split("=")[0] in opts, f"'{part}': {cmd.name} has no option {tok}"


def test_workflow_phases_are_the_session_phases() -> None:
    from archwise.api.session import phase_names

    names = [p.name for p in skilldoc.workflow()]
    assert sorted(names) == sorted(phase_names())
    assert all(p.calls for p in skilldoc.workflow())


def test_commands_have_descriptions(tmp_path: Path) -> None:
    from archwise.agent.targets import command_files, split_front_matter

    files = command_files()
    assert set(files) == {"design-system.md", "write-adr.md", "review-repo.md"}
    for name, text in files.items():
        meta, body = split_front_matter(text)
        assert meta.get("description"), name
        assert "$ARGUMENTS" in body, name
