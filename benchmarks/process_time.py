"""Shared body of the per-file process benchmarks: `archwise COMMAND FILE --json` timed.

Each round runs `python -c pass` and then the command on every file, alternating, so a shared
machine's load falls on both alike; the per-user cache is warm (one run per file first). With an
older `archwise` (--before), the same files also run with it in the same rounds.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_startup import timed as run_timed

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of cmd in the project folder (errors shown, then raised)."""
    return run_timed(cmd, env, cwd=str(ROOT), show_errors=True)


def compare(command: str, files: list[Path], rounds: int, before: str | None, noun: str) -> int:
    """Time `archwise command FILE --json` on files (and before's, if given); print medians."""
    script = shutil.which("archwise", path=os.path.dirname(sys.executable))
    if script is None:
        print("the archwise console script is not installed next to this python", file=sys.stderr)
        return 2
    bare = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ARCHWISE_CACHE_DIR": cache}
        commands = {"python -c pass": bare}
        for path in files:
            commands[path.stem] = [script, command, str(path.resolve()), "--json"]
            if before:
                commands[f"{path.stem} (before)"] = [before, command, str(path.resolve()), "--json"]
        for cmd in commands.values():
            timed(cmd, env)  # warms the cache and the page cache, as a second run finds them
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, cmd in commands.items():
                runs[name].append(timed(cmd, env))
    wall = {name: statistics.median(w for w, _ in got) for name, got in runs.items()}
    cpu = {name: statistics.median(c for _, c in got) for name, got in runs.items()}
    width = max(len(name) for name in commands) + 2
    print(f"{rounds} rounds; load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':{width}} {'wall ms':>8} {'cpu ms':>8} {'cpu / bare':>10}")
    for name in commands:
        ratio = cpu[name] / cpu["python -c pass"]
        print(f"{name:{width}} {wall[name] * 1000:8.0f} {cpu[name] * 1000:8.0f} {ratio:10.1f}")
    for label, suffix in (("", ""), ("before: ", " (before)")):
        names = [p.stem + suffix for p in files if p.stem + suffix in commands]
        if not names:
            continue
        print(
            f"{label}median over {noun}: wall"
            f" {statistics.median(wall[n] for n in names) * 1000:.0f} ms, cpu"
            f" {statistics.median(cpu[n] for n in names) * 1000:.0f} ms"
            f" ({statistics.median(cpu[n] for n in names) / cpu['python -c pass']:.1f}x"
            f" python -c pass); worst cpu {max(cpu[n] for n in names) * 1000:.0f} ms"
        )
    if before:
        ratios = [cpu[p.stem] / cpu[f"{p.stem} (before)"] for p in files]
        print(f"cpu after / before, median over {noun}: {statistics.median(ratios):.2f}")
    return 0
