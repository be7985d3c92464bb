"""Benchmark: `archwise recommend examples/chat-system.yaml --json`, in-process and as a process.

Times, in the same run:

- in-process, cold: import, knowledge-base load, rules and prices, requirements, the engine
  (12 decisions, 3 options with costs, checks, sensitivity, questions) and the JSON dump;
- in-process, warm: the same call again (the knowledge base is cached per process);
- as a process: the whole command, start-up included, as a user or CI runs it;
- the floor: `archwise --version` as a process (interpreter and CLI start-up), and the peer:
  `python -c "import yaml, json"` loading and dumping the requirements file the way a
  hand-written script would (the least any tool that reads the file must spend).

Run: python benchmarks/bench_recommend.py [--repeat 5] [--file examples/chat-system.yaml]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_process(args: list[str]) -> float:
    """Seconds one command takes, start-up included (fails loudly on a non-zero exit)."""
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


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
    args = parser.parse_args()
    exe = [sys.executable, "-m", "archwise.cli.main"]

    start = time.perf_counter()
    from archwise.api.recommend import recommend

    imported = time.perf_counter() - start
    start = time.perf_counter()
    first = json.dumps(recommend(args.file).model_dump(mode="json"))
    cold = time.perf_counter() - start

    def warm_call() -> None:
        json.dumps(recommend(args.file).model_dump(mode="json"))

    warm = median_of(args.repeat, warm_call)
    again = json.dumps(recommend(args.file).model_dump(mode="json"))
    assert first == again, "recommendation is not deterministic"

    cmd = median_of(args.repeat, lambda: run_process([*exe, "recommend", args.file, "--json"]))
    floor = median_of(args.repeat, lambda: run_process([*exe, "--version"]))
    peer_code = (
        "import json, sys, yaml; json.dumps(yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader))"
    )
    peer = median_of(args.repeat, lambda: run_process([sys.executable, "-c", peer_code, args.file]))

    print(f"file: {args.file}")
    print(f"in-process import of archwise.api.recommend: {imported * 1000:7.0f} ms")
    print(f"in-process first call (KB load + engine):    {cold * 1000:7.0f} ms")
    print(f"in-process warm call (median of {args.repeat}):       {warm * 1000:7.0f} ms")
    print(f"process `archwise recommend --json`:         {cmd * 1000:7.0f} ms")
    print(f"process `archwise --version` (floor):        {floor * 1000:7.0f} ms")
    print(f"process yaml+json script (peer):             {peer * 1000:7.0f} ms")
    print(f"ratio recommend / archwise start-up:         {cmd / floor:7.2f}")
    print(f"ratio recommend / yaml+json script:          {cmd / peer:7.2f}")


if __name__ == "__main__":
    main()
