"""Benchmark: `archwise recommend FILE --json` as a process on scenarios, beside `python -c pass`.

Each round runs `python -c pass` and then the command on every scenario, alternating, so a
shared machine's load falls on both alike; the per-user cache of validated inputs is warm (one
run per scenario first), as on every run after a user's first. Wall and CPU (user + system)
seconds are taken per run; the medians per scenario, the median over all scenarios and the
ratio to the bare interpreter start are printed. The target: under one second per scenario.

With --before SCRIPT (an `archwise` of an older checkout, e.g. a shell script that sets
PYTHONPATH to its src), the same scenarios also run with it in the same rounds, and the ratio
after/before is printed: both see the same load.

Run: python benchmarks/bench_recommend_time.py [--rounds 5] [--before SCRIPT]
     [--scenarios benchmarks/advice-heldout7/scenarios/*.yaml ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from process_time import compare

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [
    ROOT / "benchmarks/advice-heldout7/scenarios/theremin.yaml",
    ROOT / "benchmarks/advice-heldout7/scenarios/sitar.yaml",
    ROOT / "benchmarks/advice-heldout7/scenarios/lute.yaml",
    ROOT / "benchmarks/advice-heldout7/scenarios/kalimba.yaml",
    ROOT / "benchmarks/advice-heldout7/scenarios/zither.yaml",
    ROOT / "examples/chat-system.yaml",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scenarios", nargs="+", type=Path, default=DEFAULT)
    parser.add_argument("--before", help="an older archwise to time alongside")
    args = parser.parse_args()
    return compare("recommend", args.scenarios, args.rounds, args.before, "scenarios")


if __name__ == "__main__":
    sys.exit(main())
