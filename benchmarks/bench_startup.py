"""Benchmark: `archwise --help` against a bare interpreter start, `python -c pass`, in one run.

Run: python benchmarks/bench_startup.py [--runs 15]
Both commands run as fresh processes, alternating, with the same interpreter; wall time and the
children's CPU time are taken per run and the medians compared. `archwise --help` is timed with
its help cache warm (the usual case: ADR-0023) and, for reference, with the cache off, which
builds the Typer app and renders the help with Rich. The target is at most 6x the bare start.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of cmd as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    script = shutil.which("archwise", path=os.path.dirname(sys.executable)) or shutil.which(
        "archwise"
    )
    if script is None:
        print("the archwise console script is not installed next to this python", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ARCHWISE_CACHE_DIR": cache, "COLUMNS": "100"}
        off = {**env, "ARCHWISE_CACHE_DIR": "off"}
        commands = {
            "python -c pass": ([sys.executable, "-c", "pass"], env),
            "archwise --help": ([script, "--help"], env),
            "archwise --help, cache off": ([script, "--help"], off),
        }
        timed([script, "--help"], env)  # fills the cache, as the first run on a machine does
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (cmd, cmd_env) in commands.items():
                runs[name].append(timed(cmd, cmd_env))
    base_wall = statistics.median(w for w, _ in runs["python -c pass"])
    base_cpu = statistics.median(c for _, c in runs["python -c pass"])
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} alternating runs each")
    for name, values in runs.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(
            f"{name:28} wall {wall * 1000:7.1f} ms ({wall / base_wall:4.1f}x)   "
            f"cpu {cpu * 1000:7.1f} ms ({cpu / max(base_cpu, 1e-9):4.1f}x)"
        )
    ratio = statistics.median(w for w, _ in runs["archwise --help"]) / base_wall
    print(f"ratio archwise --help / python -c pass: {ratio:.2f}x (target <= 6x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
