"""The Claude Code plugin and marketplace in the repository validate and point at real files."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from archwise import __version__
from tests.agent import skilldoc
from tests.conftest import ROOT

SCHEMAS = Path(__file__).parent / "schemas"
PLUGIN = ROOT / ".claude-plugin" / "plugin.json"
MARKET = ROOT / ".claude-plugin" / "marketplace.json"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _load(p: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(p.read_text(encoding="utf-8"))
    return data


def test_plugin_manifest_validates_and_carries_the_package_version() -> None:
    manifest = _load(PLUGIN)
    _validator("plugin.schema.json").validate(manifest)
    assert manifest["name"] == "archwise"
    assert manifest["version"] == __version__
    server = manifest["mcpServers"]["archwise"]
    assert server["command"] == "archwise" and server["args"][0] == "mcp"


def test_marketplace_validates_and_lists_the_plugin_at_the_root() -> None:
    market = _load(MARKET)
    _validator("marketplace.schema.json").validate(market)
    (entry,) = market["plugins"]
    assert entry["name"] == _load(PLUGIN)["name"]
    assert entry["version"] == __version__
    root = (MARKET.parent.parent / entry["source"]).resolve()
    assert (root / ".claude-plugin" / "plugin.json").is_file()


@pytest.mark.parametrize(
    ("schema", "mutate"),
    [
        ("plugin.schema.json", lambda m: m.update(name="Arch Wise")),
        ("plugin.schema.json", lambda m: m.update(version="1.0")),
        ("plugin.schema.json", lambda m: m.update(commands="/abs/commands")),
        ("plugin.schema.json", lambda m: m.update(skills="./../outside")),
        ("plugin.schema.json", lambda m: m["mcpServers"]["archwise"].pop("command")),
        ("plugin.schema.json", lambda m: m.update(unknown_field=1)),
        ("marketplace.schema.json", lambda m: m.pop("owner")),
        ("marketplace.schema.json", lambda m: m.update(name="claude-plugins-official")),
        ("marketplace.schema.json", lambda m: m["plugins"][0].update(source="plugins/x")),
        ("marketplace.schema.json", lambda m: m["plugins"][0].pop("source")),
    ],
)
def test_the_schemas_reject_what_the_documentation_forbids(schema: str, mutate: Any) -> None:
    doc = copy.deepcopy(_load(PLUGIN if schema.startswith("plugin") else MARKET))
    mutate(doc)
    with pytest.raises(jsonschema.ValidationError):
        _validator(schema).validate(doc)


def test_default_component_folders_hold_the_packaged_skill_and_commands() -> None:
    skill = ROOT / "skills" / "archwise" / "SKILL.md"
    assert skill.is_file()
    assert skill.resolve() == (skilldoc.SKILL_DIR / "SKILL.md").resolve()
    # The folders must stay inside the plugin root, or Claude Code's plugin cache drops them.
    for folder in ("skills", "commands"):
        target = (ROOT / folder).resolve()
        assert ROOT.resolve() in target.parents
    names = {p.name for p in (ROOT / "commands").iterdir()}
    assert {"design-system.md", "write-adr.md", "review-repo.md"} <= names


def test_the_plugin_mcp_server_command_is_installed() -> None:
    assert shutil.which(_load(PLUGIN)["mcpServers"]["archwise"]["command"])


def test_the_plugin_server_entry_serves_the_project_claude_code_opens(tmp_path: Path) -> None:
    import asyncio
    import os

    from mcp import Client, StdioServerParameters

    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    entry = _load(PLUGIN)["mcpServers"]["archwise"]
    params = StdioServerParameters(
        command=shutil.which(entry["command"]) or entry["command"],
        args=entry["args"],
        cwd=str(elsewhere),
        env={**os.environ, "CLAUDE_PROJECT_DIR": str(project)},
    )

    async def main() -> list[str]:
        async with Client(params, read_timeout_seconds=60) as client:
            res = await client.call_tool(
                "requirements", {"action": "set", "values": {"name": "Plugin check"}}
            )
            assert not res.is_error, res
            return [t.name for t in (await client.list_tools()).tools]

    tools = asyncio.run(main())
    assert "recommend" in tools
    assert (project / "archwise.yaml").is_file()
    assert not (elsewhere / "archwise.yaml").exists()
