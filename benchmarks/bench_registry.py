"""Load benchmark of the web's ADR lists: 5,000 records at 20 clients, registry or workspace.

Registry (default): generates ADR files for a few repositories, ingests them with `archwise
registry ingest` (SQLite, or PostgreSQL with --db), starts `archwise serve` on 127.0.0.1 and
loads the ADR list JSON, the ADR list page and full-text search. Workspace (--workspace): the
same records in one workspace's docs/adr, loading /api/adrs, /adr and their search.

The load is bounded (a duration per endpoint, a fixed number of clients, each sending its next
request when the last answer arrived): wrk when installed, else a small asyncio HTTP/1.1
keep-alive client (--tool httpx uses httpx instead; it costs the shared CPU more). Prints median
and p99 latency, throughput and non-2xx answers, and the targets (list p99 <= 50 ms, search
p99 <= 100 ms). There is no peer tool serving the same records, so no ratio is shown.

Run: python benchmarks/bench_registry.py [--workspace] [--records 5000] [--repos 5]
     [--seconds 12] [--clients 20] [--db postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STATUSES = ("Accepted", "Proposed", "Superseded", "Deprecated", "Rejected")
TOPICS = ("PostgreSQL", "Kafka", "Redis", "React", "gRPC", "Kubernetes", "MongoDB", "OAuth")


def make_repos(root: Path, records: int, repos: int) -> list[Path]:
    """Write `repos` repositories with `records` ADRs in all (Nygard format) and a manifest."""
    paths = []
    per = records // repos
    for r in range(repos):
        repo = root / f"service-{r:02d}"
        adr = repo / "docs" / "adr"
        adr.mkdir(parents=True)
        (repo / "requirements.txt").write_text("django==4.2\npsycopg2==2.9\nredis==5\n")
        for n in range(1, per + 1):
            topic = TOPICS[(n + r) % len(TOPICS)]
            (adr / f"{n:04d}-use-{topic.lower()}-for-part-{n}.md").write_text(
                f"# {n}. Use {topic} for part {n}\n\nDate: 2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
                f"\n\n## Status\n\n{STATUSES[n % len(STATUSES)]}\n\n## Context\n\n"
                f"Part {n} of service {r} needs {topic}. "
                * 8
                + f"\n\n## Decision\n\nWe will use {topic}.\n\n## Consequences\n\nMore to run.\n",
                encoding="utf-8",
            )
        paths.append(repo)
    return paths


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, seconds: float = 60) -> None:
    """Wait until the server answers its health check."""
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used, from /proc (0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(load: Any, pid: int, url: str, clients: int, seconds: int) -> dict[str, float]:
    """The load's figures plus the server's CPU milliseconds per request (load-independent)."""
    before = cpu_seconds(pid)
    result: dict[str, float] = load(url, clients, seconds)
    used = cpu_seconds(pid) - before
    result["cpu_ms"] = used * 1000 / max(1.0, result["rps"] * seconds)
    return result


def run_wrk(url: str, clients: int, seconds: int) -> dict[str, float]:
    """Median, p99 (ms) and requests/s from wrk --latency."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    p50 = re.search(r"50%\s+(\S+)", out)
    p99 = re.search(r"99%\s+(\S+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    assert p50 and p99 and rps, out
    return {
        "p50_ms": _ms(p50.group(1)),
        "p99_ms": _ms(p99.group(1)),
        "rps": float(rps.group(1)),
        "errors": float(errors.group(1)) if errors else 0.0,
    }


def run_httpx(url: str, clients: int, seconds: int) -> dict[str, float]:
    """The same measure with an asyncio httpx client (when wrk is not installed)."""
    import httpx

    latencies: list[float] = []
    errors = 0

    async def worker(client: httpx.AsyncClient, stop: float) -> None:
        nonlocal errors
        while time.monotonic() < stop:
            start = time.perf_counter()
            response = await client.get(url)
            latencies.append((time.perf_counter() - start) * 1000)
            errors += response.status_code != 200

    async def main() -> float:
        limits = httpx.Limits(max_connections=clients)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            began = time.monotonic()
            await asyncio.gather(*(worker(client, began + seconds) for _ in range(clients)))
            return time.monotonic() - began

    elapsed = asyncio.run(main())
    latencies.sort()
    return {
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
        "rps": len(latencies) / elapsed,
        "errors": float(errors),
    }


def run_raw(url: str, clients: int, seconds: int) -> dict[str, float]:
    """The same measure with a minimal asyncio HTTP/1.1 keep-alive client (gzip accepted).

    A URL containing {n} is a family: each request fills in the next number, so every request
    asks something new (a search no cache has seen).
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    head_tail = f" HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept-Encoding: gzip\r\n\r\n"
    latencies: list[float] = []
    errors = 0
    sent = 0

    def next_request() -> bytes:
        nonlocal sent
        sent += 1
        return ("GET " + target.replace("{n}", str(sent)) + head_tail).encode()

    async def worker(stop: float) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        while time.monotonic() < stop:
            start = time.perf_counter()
            writer.write(next_request())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = re.search(rb"(?i)content-length: *(\d+)", head)
            if length:
                await reader.readexactly(int(length.group(1)))
            else:  # chunked
                while True:
                    size = int((await reader.readline()).strip(), 16)
                    await reader.readexactly(size + 2)
                    if size == 0:
                        break
            latencies.append((time.perf_counter() - start) * 1000)
            errors += not 200 <= status < 400
        writer.close()

    async def main() -> float:
        began = time.monotonic()
        await asyncio.gather(*(worker(began + seconds) for _ in range(clients)))
        return time.monotonic() - began

    elapsed = asyncio.run(main())
    latencies.sort()
    return {
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[max(0, int(len(latencies) * 0.99) - 1)],
        "rps": len(latencies) / elapsed,
        "errors": float(errors),
    }


def make_workspace_adrs(ws: Path, records: int) -> None:
    """Write records ADRs (Nygard format) into one workspace's docs/adr."""
    adr = ws / "docs" / "adr"
    adr.mkdir(parents=True)
    for n in range(1, records + 1):
        topic = TOPICS[n % len(TOPICS)]
        (adr / f"{n:04d}-use-{topic.lower()}-for-part-{n}.md").write_text(
            f"# {n}. Use {topic} for part {n}\n\nDate: 2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
            f"\n\n## Status\n\n{STATUSES[n % len(STATUSES)]}\n\n## Context\n\n"
            f"Part {n} needs {topic}. "
            * 8
            + f"\n\n## Decision\n\nWe will use {topic}.\n\n## Consequences\n\nMore to run.\n",
            encoding="utf-8",
        )


def main() -> None:
    """Generate, ingest, serve, load and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--repos", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--db", default=None, help="database URL (default: SQLite in a temp dir)")
    parser.add_argument("--tool", choices=("auto", "wrk", "raw", "httpx"), default="auto")
    parser.add_argument(
        "--workspace", action="store_true", help="serve the records from a workspace's docs/adr"
    )
    args = parser.parse_args()
    tool = args.tool
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "raw"
    load = {"wrk": run_wrk, "raw": run_raw, "httpx": run_httpx}[tool]
    if args.workspace:
        workspace_main(args, tool, load)
        return

    with tempfile.TemporaryDirectory(prefix="archwise-bench-registry-") as tmp:
        root = Path(tmp)
        ws = root / "ws"
        (ws / ".archwise").mkdir(parents=True)
        db = args.db or f"sqlite:///{ws / '.archwise' / 'archwise.db'}"
        repos = make_repos(root / "repos", args.records, args.repos)
        found = shutil.which("archwise")
        cli = (
            [found]
            if found
            else [sys.executable, "-c", "from archwise.cli.main import main; main()"]
        )
        env = {**os.environ, "ARCHWISE_WORKSPACE": str(ws)}
        began = time.perf_counter()
        subprocess.run(
            [*cli, "registry", "ingest", *map(str, repos), "--db", db, "--json"],
            cwd=ws,
            env=env,
            check=True,
            capture_output=True,
        )
        ingest_s = time.perf_counter() - began
        began = time.perf_counter()
        subprocess.run(
            [*cli, "registry", "ingest", *map(str, repos), "--db", db, "--json"],
            cwd=ws,
            env=env,
            check=True,
            capture_output=True,
        )
        reingest_s = time.perf_counter() - began
        port = free_port()
        server = subprocess.Popen(
            [*cli, "serve", str(ws), "--port", str(port), "--db", db],
            cwd=ws,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_up(base)
            import httpx

            total = httpx.get(base + "/api/registry/adrs?limit=1").json()["total"]
            results = {}
            for label, path in (
                ("ADR list JSON (/api/registry/adrs, 100 per page)", "/api/registry/adrs"),
                ("ADR list page (/registry/adrs, 100 per page)", "/registry/adrs"),
                ("ADR search JSON (/api/registry/search?q=kafka)", "/api/registry/search?q=kafka"),
                (
                    "ADR search JSON, a new query each time (q=part+N)",
                    "/api/registry/search?q=part+{n}",
                ),
            ):
                if "{n}" in path and tool != "raw":
                    continue
                httpx.get(base + path.replace("{n}", "0"), timeout=30)
                results[label] = measured(load, server.pid, base + path, args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)

    backend = db.split(":", 1)[0]
    print(f"registry: {total} ADRs in {args.repos} repositories ({backend}); load tool: {tool}")
    print(f"ingest {ingest_s:.1f} s (first), {reingest_s:.1f} s (again, idempotent)")
    report(args, results)


def report(args: argparse.Namespace, results: dict[str, dict[str, float]]) -> None:
    """Print each endpoint's figures against its target."""
    print(f"{args.clients} concurrent clients, {args.seconds} s per endpoint, loopback")
    for label, r in results.items():
        target = 100.0 if "search" in label else 50.0
        verdict = "meets" if r["p99_ms"] <= target and not r["errors"] else "MISSES"
        print(
            f"{label}: median {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
            f"{r['rps']:.0f} req/s, server CPU {r['cpu_ms']:.2f} ms/request, "
            f"non-2xx {int(r['errors'])} ({verdict} p99 <= {target:.0f} ms)"
        )


def workspace_main(args: argparse.Namespace, tool: str, load: Any) -> None:
    """The workspace variant: records in docs/adr, served by `archwise serve`."""
    with tempfile.TemporaryDirectory(prefix="archwise-bench-workspace-") as tmp:
        ws = Path(tmp) / "ws"
        (ws / ".archwise").mkdir(parents=True)
        make_workspace_adrs(ws, args.records)
        found = shutil.which("archwise")
        cli = (
            [found]
            if found
            else [sys.executable, "-c", "from archwise.cli.main import main; main()"]
        )
        port = free_port()
        server = subprocess.Popen(
            [*cli, "serve", str(ws), "--port", str(port)],
            cwd=ws,
            env={**os.environ, "ARCHWISE_WORKSPACE": str(ws)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        results = {}
        try:
            wait_up(base)
            import httpx

            began = time.perf_counter()
            total = httpx.get(base + "/api/adrs?limit=1", timeout=120).json()["total"]
            first_s = time.perf_counter() - began
            for label, path in (
                ("ADR list JSON (/api/adrs, 100 per page)", "/api/adrs?limit=100"),
                ("ADR list page (/adr, 50 per page)", "/adr"),
                ("ADR search JSON (/api/adrs?q=kafka)", "/api/adrs?q=kafka&limit=100"),
                ("ADR search page (/adr?q=kafka)", "/adr?q=kafka"),
                ("ADR search JSON, a new query each time (q=part+N)", "/api/adrs?q=part+{n}"),
            ):
                if "{n}" in path and tool != "raw":
                    continue
                httpx.get(base + path.replace("{n}", "0"), timeout=60)
                results[label] = measured(load, server.pid, base + path, args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"workspace: {total} ADRs in docs/adr; first list (parse) {first_s:.1f} s; tool: {tool}")
    report(args, results)


if __name__ == "__main__":
    main()
