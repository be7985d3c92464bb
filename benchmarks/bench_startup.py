"""Benchmark: `archwise --help` against a bare interpreter start, `python -c pass`, in one run.

Run: python benchmarks/bench_startup.py [--runs 15]
Both commands run as fresh processes, alternating, with the same interpreter; wall time and the
children's CPU time are taken per run and the medians compared. `archwise --help` is timed warm,
replayed from the help cache (ADR-0023), and cold: the first run after installing, with the
bytecode pip compiled at install but no help cache, so it builds the Typer app from the outline
of the verbs and renders the help with Rich (ADR-0027). Bytecode is never dropped: a user never
runs archwise without it. The target, at most 6x the bare start, holds for both.
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


def timed(
    cmd: list[str], env: dict[str, str], *, cwd: str | None = None, show_errors: bool = False
) -> tuple[float, float]:
    """Wall and CPU seconds of one run of cmd as a child process (a failure raises)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    stderr = None if show_errors else subprocess.DEVNULL
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr, check=True)
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
    for name, label in (("archwise --help", "warm"), ("archwise --help, cache off", "cold")):
        wall_ratio = statistics.median(w for w, _ in runs[name]) / base_wall
        cpu_ratio = statistics.median(c for _, c in runs[name]) / max(base_cpu, 1e-9)
        print(
            f"ratio archwise --help ({label}) / python -c pass: {wall_ratio:.2f}x wall, "
            f"{cpu_ratio:.2f}x cpu (target <= 6x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
