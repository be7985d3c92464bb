"""Shared helpers of the hostile-input tests: in-process MCP calls, timed runs, FIFO clean-up."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mcp import Client

CALL_TIMEOUT_S = 30.0


def within(seconds: float, fn: Callable[[], Any]) -> Any:
    """fn() run in a thread; fails the test (instead of hanging it) when it takes too long."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the test thread below
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds:.0f} s (blocked or unbounded)"
    if "error" in box:
        raise box["error"]
    return box.get("value")


def release_fifos(root: Path) -> None:
    """Open every FIFO under root for writing and close it, so a blocked reader sees EOF."""
    for path in root.rglob("*"):
        if path.is_fifo():
            with contextlib.suppress(OSError):
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


@contextlib.contextmanager
def fifo(path: Path) -> Iterator[Path]:
    """A FIFO at path, released (and removed) afterwards."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    try:
        yield path
    finally:
        release_fifos(path.parent)
        path.unlink(missing_ok=True)


async def _call(client: Client, tool: str, args: dict[str, Any]) -> tuple[bool, str]:
    result = await asyncio.wait_for(client.call_tool(tool, args), CALL_TIMEOUT_S)
    text = " ".join(getattr(c, "text", "") for c in result.content or [])
    return bool(result.is_error), text


async def _read(client: Client, uri: str) -> tuple[bool, str]:
    try:
        result = await asyncio.wait_for(client.read_resource(uri), CALL_TIMEOUT_S)
    except TimeoutError:
        raise
    except Exception as exc:  # the SDK raises the server's resource error
        return True, str(exc)
    return False, " ".join(getattr(c, "text", "") for c in result.contents)


def mcp_session(root: Path, steps: list[tuple[str, str, dict[str, Any]]]) -> list[tuple[bool, str]]:
    """Run ("tool"|"resource", name, args) steps against one in-process server for root."""
    from archwise.mcp.server import build_server

    async def main() -> list[tuple[bool, str]]:
        out = []
        async with Client(build_server(root)) as client:
            for kind, name, args in steps:
                if kind == "tool":
                    out.append(await _call(client, name, args))
                else:
                    out.append(await _read(client, name))
        return out

    return asyncio.run(main())
