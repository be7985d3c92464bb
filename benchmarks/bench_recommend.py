"""Benchmark: `archwise recommend examples/chat-system.yaml --json`, in-process and as a process.

Times, in the same run:

- in-process, cold: import, knowledge-base load, rules and prices, requirements, the engine
  (12 decisions, 3 options with costs, checks, sensitivity, questions) and the JSON dump;
- in-process, warm: the same call again (the knowledge base is cached per process);
- as a process: the whole command, start-up included, as a user or CI runs it, with the per-user
  cache of validated inputs warm (every run after the first) and cold (a new cache folder per run);
- the floor: `archwise --version` as a process (interpreter and CLI start-up), and the peer:
  `python -c "import yaml, json"` loading and dumping the requirements file the way a
  hand-written script would (the least any tool that reads the file must spend).

With --instructions (needs valgrind), it also counts the instructions each process executes: a
figure that, unlike time, does not move with the load of a shared machine.

Run: python benchmarks/bench_recommend.py [--repeat 5] [--file examples/chat-system.yaml]
     [--instructions]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_process(args: list[str]) -> float:
    """Seconds one command takes, start-up included (fails loudly on a non-zero exit)."""
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def process_cpu(args: list[str], repeat: int) -> float:
    """Median CPU seconds (user + system) of a command; robust on a busy shared machine."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def instructions(args: list[str]) -> int:
    """Instructions a command executes, counted by valgrind (the same on every run)."""
    out = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{out.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def median_of(repeat: int, fn: object) -> float:
    """Median seconds of repeat calls of fn."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--file", default=str(ROOT / "examples" / "chat-system.yaml"))
    parser.add_argument("--instructions", action="store_true", help="count with valgrind")
    args = parser.parse_args()
    exe = [sys.executable, "-m", "archwise.cli.main"]
    # Every run reads compiled bytecode, as an installed tool does after its first run (some
    # machines set PYTHONDONTWRITEBYTECODE, which would make each run compile the sources).
    compileall.compile_dir(ROOT / "src" / "archwise", quiet=1)
    scratch = Path(tempfile.mkdtemp(prefix="bench-recommend-"))
    os.environ["ARCHWISE_CACHE_DIR"] = str(scratch / "warm")
    run_process([*exe, "recommend", args.file, "--json"])  # fills the warm cache
    fresh = iter(range(1_000_000))

    def cold_cache() -> None:
        env = {**os.environ, "ARCHWISE_CACHE_DIR": str(scratch / f"cold-{next(fresh)}")}
        subprocess.run(
            [*exe, "recommend", args.file, "--json"], check=True, capture_output=True, env=env
        )

    start, cpu = time.perf_counter(), time.process_time()
    from archwise.api.recommend import recommend

    imported = time.perf_counter() - start
    imported_cpu = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    first = json.dumps(recommend(args.file).model_dump(mode="json"))
    cold = time.perf_counter() - start
    cold_cpu = time.process_time() - cpu

    def warm_call() -> None:
        json.dumps(recommend(args.file).model_dump(mode="json"))

    warm = median_of(args.repeat, warm_call)
    cpu = time.process_time()
    warm_call()
    warm_cpu = time.process_time() - cpu
    again = json.dumps(recommend(args.file).model_dump(mode="json"))
    assert first == again, "recommendation is not deterministic"

    cmd = median_of(args.repeat, lambda: run_process([*exe, "recommend", args.file, "--json"]))
    cmd_cpu = process_cpu([*exe, "recommend", args.file, "--json"], args.repeat)
    cmd_cold = median_of(args.repeat, cold_cache)
    floor = median_of(args.repeat, lambda: run_process([*exe, "--version"]))
    floor_cpu = process_cpu([*exe, "--version"], args.repeat)
    peer_code = (
        "import json, sys, yaml; json.dumps(yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader))"
    )
    peer = median_of(args.repeat, lambda: run_process([sys.executable, "-c", peer_code, args.file]))

    print(f"file: {args.file}; load average {os.getloadavg()[0]:.1f}")
    rows = [
        ("in-process import of archwise.api.recommend", imported, imported_cpu),
        ("in-process first call (KB load + engine)", cold, cold_cpu),
        (f"in-process warm call (median of {args.repeat})", warm, warm_cpu),
        ("process `archwise recommend --json`", cmd, cmd_cpu),
        ("  the same with an empty cache (first run)", cmd_cold, None),
        ("process `archwise --version` (floor)", floor, floor_cpu),
        ("process yaml+json script (peer)", peer, None),
    ]
    print(f"{'':46} {'wall ms':>8} {'cpu ms':>8}")
    for label, wall, used in rows:
        shown = f"{used * 1000:8.0f}" if used is not None else f"{'':8}"
        print(f"{label:46} {wall * 1000:8.0f} {shown}")
    print(f"ratio recommend / archwise start-up:         {cmd / floor:7.2f}")
    print(f"ratio recommend / yaml+json script:          {cmd / peer:7.2f}")
    if args.instructions:
        rec = instructions([*exe, "recommend", args.file, "--json"]) / 1e6
        version = instructions([*exe, "--version"]) / 1e6
        bare = instructions([sys.executable, "-c", "pass"]) / 1e6
        print(f"instructions, millions: recommend {rec:,.0f}; archwise --version {version:,.0f};")
        print(f"  python -c pass {bare:,.0f}; above the floor {rec - version:,.0f}")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
