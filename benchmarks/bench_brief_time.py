"""Benchmark: `archwise brief FILE --json` as a process on briefs, beside `python -c pass`.

Each round runs `python -c pass` and then the command on every brief, alternating, so a shared
machine's load falls on both alike; the per-user cache is warm (one run per brief first), as on
every run after a user's first. Wall and CPU (user + system) seconds are taken per run; the
medians per brief, the median over all briefs and the ratio to the bare interpreter start are
printed. The target: under one second of CPU per brief.

With --before SCRIPT (an `archwise` of an older checkout, e.g. a shell script that sets
PYTHONPATH to its src), the same briefs also run with it in the same rounds, and the ratio
after/before is printed: both see the same load.

Run: python benchmarks/bench_brief_time.py [--rounds 5] [--before SCRIPT]
     [--briefs benchmarks/briefs-heldout11/01-....md ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from process_time import compare

ROOT = Path(__file__).resolve().parents[1]
# briefs in several voices and lengths: an email, an RFP, a terse note, a transcript, a long spec
DEFAULT = [
    ROOT / "benchmarks/briefs/01-founder-email-marketplace.md",
    ROOT / "benchmarks/briefs/43-terse-team.md",
    ROOT / "benchmarks/briefs-heldout4/h03-rfp-courts.md",
    ROOT / "benchmarks/briefs-heldout11/04-zoom-transcript-ice-cream-vans.md",
    ROOT / "benchmarks/briefs-heldout8/13-si-solution-brief-interpreters.md",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--briefs", nargs="+", type=Path, default=DEFAULT)
    parser.add_argument("--before", help="an older archwise to time alongside")
    args = parser.parse_args()
    return compare("brief", args.briefs, args.rounds, args.before, "briefs")


if __name__ == "__main__":
    sys.exit(main())
