"""MCP benchmark: median round trip of `recommend` over stdio, and the size of the tool list.

Compares with the same recommendation run as a fresh `archwise recommend --json` process, the
way an agent without MCP would call it. Run: python benchmarks/bench_mcp.py [--calls 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mcp import Client, StdioServerParameters

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "chat-system.yaml"


async def _mcp(ws: Path, calls: int) -> tuple[list[float], int, int]:
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "archwise.cli.main", "mcp", "--workspace", str(ws)]
    )
    async with Client(params, read_timeout_seconds=300) as client:
        tools = (await client.list_tools()).tools
        listing = json.dumps([t.model_dump(mode="json", exclude_none=True) for t in tools])
        await client.call_tool("recommend", {"file": "chat-system.yaml"})  # warm caches
        times = []
        for _ in range(calls):
            t0 = time.perf_counter()
            result = await client.call_tool("recommend", {"file": "chat-system.yaml"})
            times.append(time.perf_counter() - t0)
            assert not result.is_error
        return times, len(tools), len(listing)


def _cli(ws: Path, calls: int) -> list[float]:
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "archwise.cli.main", "recommend", "chat-system.yaml", "--json"],
            cwd=ws,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        shutil.copy(EXAMPLE, ws / "chat-system.yaml")
        times, count, chars = asyncio.run(_mcp(ws, args.calls))
        cli = _cli(ws, max(3, args.calls // 4))
    med, p90 = statistics.median(times), sorted(times)[int(0.9 * (len(times) - 1))]
    cli_med = statistics.median(cli)
    print(f"tools: {count}; tool list {chars} characters = about {chars // 4} tokens (limit 4,000)")
    print(
        f"recommend over MCP stdio: median {med * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms "
        f"({len(times)} calls)"
    )
    print(f"recommend as a CLI process: median {cli_med * 1000:.1f} ms ({len(cli)} runs)")
    print(f"ratio CLI / MCP: {cli_med / med:.1f}x")


if __name__ == "__main__":
    main()
