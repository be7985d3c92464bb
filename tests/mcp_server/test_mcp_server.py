"""`archwise mcp` driven over stdio by the official SDK client and by the MCP Inspector CLI."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jsonschema
from mcp import Client, StdioServerParameters

from tests.conftest import ROOT, require_in_ci

CHAT_BRIEF = (
    "# Real-time chat\n\n"
    "Chat with channels, direct messages, presence and file sharing. We expect about 100k "
    "concurrent users at launch and 1M concurrent users in 2 years. Message delivery must be "
    "real-time with p99 under 100 ms and 99.9% uptime; message ordering needs strong "
    "consistency. GDPR applies. A team of 5 engineers (2 backend, 2 frontend, 1 full-stack), "
    "strong in TypeScript and learning Rust. 3 months to MVP, 6 months to production, "
    "$5k a month for infrastructure, on AWS.\n"
)

# The answers an agent gives to the open questions after reading the brief (the spec's example).
CHAT_ANSWERS: dict[str, Any] = {
    "functional.realtime": True,
    "functional.data.model": "relational",
    "functional.data.retention_days": 30,
    "functional.data.files": True,
    "functional.integrations": [],
    "non_functional.workload": "balanced",
    "non_functional.multi_region": False,
    "constraints.deployment": "cloud",
    "constraints.existing_systems": [],
}


def _params(ws: Path) -> StdioServerParameters:
    return StdioServerParameters(
        command=sys.executable,
        args=["-m", "archwise.cli.main", "mcp", "--workspace", str(ws)],
        cwd=str(ws),
        env={**os.environ, "ARCHWISE_ACTOR": "agent:test"},
    )


def _run(ws: Path, body: Callable[[Client], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        async with Client(_params(ws), read_timeout_seconds=120) as client:
            return await body(client)

    return asyncio.run(main())


async def _call(client: Client, tool: str, args: dict[str, Any]) -> dict[str, Any]:
    result = await client.call_tool(tool, args)
    text = result.content[0].text if result.content else ""  # type: ignore[union-attr]
    assert not result.is_error, f"{tool} {args} failed: {text}"
    assert result.structured_content is not None
    return result.structured_content


def test_tools_are_few_and_have_valid_schemas(tmp_path: Path) -> None:
    tools = _run(tmp_path, lambda c: c.list_tools()).tools
    names = [t.name for t in tools]
    assert 5 <= len(names) <= 12, names
    assert len(set(names)) == len(names)
    for tool in tools:
        assert tool.description and len(tool.description) > 120, tool.name
        jsonschema.Draft202012Validator.check_schema(tool.input_schema)
        assert tool.input_schema["type"] == "object"
        if tool.output_schema is not None:
            jsonschema.Draft202012Validator.check_schema(tool.output_schema)
    listing = json.dumps([t.model_dump(mode="json", exclude_none=True) for t in tools])
    assert len(listing) / 4 < 4000, f"tool list is ~{len(listing) // 4} tokens"


def test_chat_example_from_brief_to_adr_through_tools_alone(tmp_path: Path) -> None:
    async def flow(c: Client) -> dict[str, Any]:
        started = await _call(c, "session", {"action": "start", "title": "Real-time chat"})
        assert started["phase"] == "discovery"
        assert started["todowrite"]["todos"][0] == {
            "content": "Discovery",
            "status": "in_progress",
            "activeForm": "Gathering requirements",
        }
        brief = await _call(
            c,
            "requirements",
            {"action": "brief", "text": CHAT_BRIEF, "values": {"name": "Real-time chat"}},
        )
        written = brief["understood"]["written"]
        assert written["non_functional.users.concurrent"] == 100000
        assert written["non_functional.latency.p99_ms"] == 100
        assert written["constraints.team.engineers"] == 5
        await _call(c, "requirements", {"action": "set", "values": CHAT_ANSWERS})
        await _call(
            c,
            "session",
            {"action": "start", "title": "Real-time chat", "requirements": "archwise.yaml"},
        )
        # Advance until Solution Design, waiving what the brief left open on the way.
        for _ in range(8):
            status = await _call(c, "session", {"action": "status"})
            if status["phase"] == "solution-design":
                break
            if status["can_advance"]:
                status = await _call(c, "session", {"action": "advance"})
                continue
            for blocker in status["blockers"]:
                if blocker.get("field"):
                    await _call(
                        c,
                        "session",
                        {"action": "waive", "field": blocker["field"], "reason": "not known yet"},
                    )
        assert status["phase"] == "solution-design", status
        rec = await _call(c, "recommend", {"file": "archwise.yaml"})
        assert len(rec["options"]) >= 2
        assert rec["decisions"]["database"]["chosen"] == "PostgreSQL"
        await _call(c, "session", {"action": "record_options"})
        status = await _call(c, "session", {"action": "advance"})
        adr = await _call(
            c,
            "adr",
            {
                "action": "from_recommendation",
                "title": "Architecture of the real-time chat",
                "requirements": "archwise.yaml",
            },
        )
        await _call(c, "session", {"action": "record_adr", "file": adr["file"]})
        for _ in range(3):
            status = await _call(c, "session", {"action": "status"})
            if status["status"] == "done":
                break
            status = await _call(c, "session", {"action": "advance"})
        listed = await _call(c, "adr", {"action": "list"})
        return {"status": status, "adr": adr, "listed": listed}

    out = _run(tmp_path, flow)
    assert out["status"]["status"] == "done", out["status"]
    text = (tmp_path / out["adr"]["file"]).read_text(encoding="utf-8")
    assert text.startswith("# ADR-001:")
    for section in (
        "## Decision",
        "## Alternatives Considered",
        "## Consequences",
        "## Success Metrics",
        "## Review Date",
    ):
        assert section in text, section
    assert "PostgreSQL" in text
    assert len(out["listed"]["records"]) == 1


def test_resources_and_prompts(tmp_path: Path) -> None:
    (tmp_path / "docs" / "adr").mkdir(parents=True)

    async def body(c: Client) -> dict[str, Any]:
        await _call(c, "adr", {"action": "new", "title": "Use PostgreSQL for orders"})
        resources = await c.list_resources()
        templates = await c.list_resource_templates()
        kb = await c.read_resource("archwise://kb")
        pg = await c.read_resource("archwise://kb/PostgreSQL")
        adrs = await c.read_resource("archwise://adr")
        one = await c.read_resource("archwise://adr/1")
        prompts = await c.list_prompts()
        design = await c.get_prompt("design-new-system", {"brief": "a chat"})
        return {
            "resources": [str(r.uri) for r in resources.resources],
            "templates": [t.uri_template for t in templates.resource_templates],
            "kb": kb.contents[0].text,  # type: ignore[union-attr]
            "pg": pg.contents[0].text,  # type: ignore[union-attr]
            "adrs": adrs.contents[0].text,  # type: ignore[union-attr]
            "one": one.contents[0].text,  # type: ignore[union-attr]
            "prompts": [p.name for p in prompts.prompts],
            "design": design.messages[0].content.text,  # type: ignore[union-attr]
        }

    out = _run(tmp_path, body)
    assert {"archwise://adr", "archwise://kb", "archwise://session", "archwise://report"} <= set(
        out["resources"]
    )
    assert {"archwise://adr/{ref}", "archwise://kb/{name}"} <= set(out["templates"])
    assert len(json.loads(out["kb"])) >= 80
    assert json.loads(out["pg"])["name"] == "PostgreSQL"
    assert json.loads(out["adrs"])[0]["title"] == "Use PostgreSQL for orders"
    assert "Use PostgreSQL for orders" in out["one"]
    assert {"design-new-system", "evaluate-option", "write-adr"} <= set(out["prompts"])
    assert "a chat" in out["design"]


def test_bad_arguments_are_tool_errors_and_the_server_survives(tmp_path: Path) -> None:
    async def body(c: Client) -> list[tuple[bool, str]]:
        out = []
        for tool, args in [
            ("requirements", {"action": "check", "file": "../../etc/passwd"}),
            ("requirements", {"action": "check", "file": "missing.yaml"}),
            ("session", {"action": "no-such-action"}),
            ("capacity", {"action": "size", "rate": "fast", "service": "50ms", "target": "1s"}),
            ("recommend", {"file": "/etc/passwd"}),
        ]:
            result = await c.call_tool(tool, args)
            out.append((result.is_error, result.content[0].text))  # type: ignore[union-attr]
        impossible = await c.call_tool(
            "capacity", {"action": "size", "rate": "100/s", "service": "50ms", "target": "1ms"}
        )
        assert not impossible.is_error
        assert impossible.structured_content["possible"] is False  # type: ignore[index]
        assert "impossible" in impossible.structured_content["reason"]  # type: ignore[index]
        ok = await c.call_tool(
            "capacity", {"action": "size", "rate": "100/s", "service": "50ms", "target": "250ms"}
        )
        out.append((ok.is_error, "final call"))
        return out

    results = _run(tmp_path, body)
    *errors, last = results
    assert all(is_error for is_error, _ in errors), results
    assert "outside the workspace" in errors[0][1]
    assert "outside the workspace" in errors[4][1]
    assert last[0] is False


def _inspector() -> Path | None:
    env = os.environ.get("ARCHWISE_MCP_INSPECTOR")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT / ".ci" / "node" / "node_modules" / ".bin" / "mcp-inspector-cli")
    return next((p for p in candidates if p.exists()), None)


def test_driven_by_the_mcp_inspector_cli(tmp_path: Path) -> None:
    exe = _inspector()
    if exe is None:
        require_in_ci("the MCP Inspector CLI (npm @modelcontextprotocol/inspector-cli) is missing")
        return
    # inspector-cli 1.0.x reads its own package.json relative to the working directory, so it
    # must run from its build folder.
    build = exe.resolve().parent
    server = [sys.executable, "-m", "archwise.cli.main", "mcp", "--workspace", str(tmp_path)]

    def inspect(*args: str) -> dict[str, Any]:
        done = subprocess.run(
            [str(exe), "--cli", *server, *args],
            cwd=build,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return json.loads(done.stdout)

    tools = inspect("--method", "tools/list")
    assert "recommend" in {t["name"] for t in tools["tools"]}
    started = inspect(
        "--method",
        "tools/call",
        "--tool-name",
        "session",
        "--tool-arg",
        "action=start",
        "title=Chat via the inspector",
    )
    assert not started.get("isError"), started
    status = inspect(
        "--method", "tools/call", "--tool-name", "session", "--tool-arg", "action=status"
    )
    assert status["structuredContent"]["title"] == "Chat via the inspector"
    refused = inspect(
        "--method", "tools/call", "--tool-name", "session", "--tool-arg", "action=advance"
    )
    assert refused["isError"] is True
    resources = inspect("--method", "resources/list")
    assert "archwise://kb" in {r["uri"] for r in resources["resources"]}
    prompts = inspect("--method", "prompts/list")
    assert "design-new-system" in {p["name"] for p in prompts["prompts"]}


def test_a_session_started_in_the_terminal_continues_over_mcp(tmp_path: Path) -> None:
    started = subprocess.run(
        [
            sys.executable,
            "-m",
            "archwise.cli.main",
            "session",
            "start",
            "Started by a person",
            "--json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    session_id = json.loads(started.stdout)["id"]

    async def body(c: Client) -> dict[str, Any]:
        await _call(
            c,
            "session",
            {
                "action": "waive",
                "field": "non_functional.rpo_minutes",
                "reason": "agent: no DR yet",
            },
        )
        return await _call(c, "session", {"action": "status"})

    status = _run(tmp_path, body)
    assert status["id"] == session_id
    assert status["title"] == "Started by a person"
    shown = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", "session", "show", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "agent: no DR yet" in shown.stdout


def test_streamable_http_on_loopback(tmp_path: Path) -> None:
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "archwise.cli.main",
            "mcp",
            "--workspace",
            str(tmp_path),
            "--http",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)

        async def main() -> list[str]:
            async with Client(f"http://127.0.0.1:{port}/mcp", read_timeout_seconds=60) as c:
                tools = await c.list_tools()
                size = await c.call_tool(
                    "capacity",
                    {"action": "size", "rate": "500/s", "service": "20ms", "target": "100ms"},
                )
                assert not size.is_error
                return [t.name for t in tools.tools]

        names = asyncio.run(main())
        assert "recommend" in names
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _env_without_client_dirs(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"ARCHWISE_WORKSPACE", "CLAUDE_PROJECT_DIR", "WORKSPACE_FOLDER_PATHS"}
    }
    return {**env, **extra}


def test_refuses_the_file_system_root_as_an_implicit_workspace() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "archwise.cli.main", "mcp"],
        cwd="/",
        env=_env_without_client_dirs(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--workspace" in done.stderr


def test_workspace_named_by_the_client_environment(tmp_path: Path) -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "archwise.cli.main", "mcp"],
        cwd="/",
        env=_env_without_client_dirs(WORKSPACE_FOLDER_PATHS=str(tmp_path)),
    )

    async def main() -> dict[str, Any]:
        async with Client(params, read_timeout_seconds=120) as c:
            return await _call(c, "session", {"action": "start", "title": "From Cursor"})

    started = asyncio.run(main())
    assert started["title"] == "From Cursor"
    assert (tmp_path / ".archwise").is_dir(), "the session lives in the named workspace"
