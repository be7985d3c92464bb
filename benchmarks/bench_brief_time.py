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
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_startup import timed as run_timed

ROOT = Path(__file__).resolve().parents[1]
# briefs in several voices and lengths: an email, an RFP, a terse note, a transcript, a long spec
DEFAULT = [
    ROOT / "benchmarks/briefs/01-founder-email-marketplace.md",
    ROOT / "benchmarks/briefs/43-terse-team.md",
    ROOT / "benchmarks/briefs-heldout4/h03-rfp-courts.md",
    ROOT / "benchmarks/briefs-heldout11/04-zoom-transcript-ice-cream-vans.md",
    ROOT / "benchmarks/briefs-heldout8/13-si-solution-brief-interpreters.md",
]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of cmd in the project folder (errors shown, then raised)."""
    return run_timed(cmd, env, cwd=str(ROOT), show_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--briefs", nargs="+", type=Path, default=DEFAULT)
    parser.add_argument("--before", help="an older archwise to time alongside")
    args = parser.parse_args()
    script = shutil.which("archwise", path=os.path.dirname(sys.executable))
    if script is None:
        print("the archwise console script is not installed next to this python", file=sys.stderr)
        return 2
    bare = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ARCHWISE_CACHE_DIR": cache}
        commands = {"python -c pass": bare}
        for path in args.briefs:
            commands[path.stem] = [script, "brief", str(path.resolve()), "--json"]
            if args.before:
                commands[f"{path.stem} (before)"] = [
                    args.before,
                    "brief",
                    str(path.resolve()),
                    "--json",
                ]
        for cmd in commands.values():
            timed(cmd, env)  # warms the cache and the page cache, as a second run finds them
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                runs[name].append(timed(cmd, env))
    wall = {name: statistics.median(w for w, _ in got) for name, got in runs.items()}
    cpu = {name: statistics.median(c for _, c in got) for name, got in runs.items()}
    print(f"{args.rounds} rounds; load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':48} {'wall ms':>8} {'cpu ms':>8} {'cpu / bare':>10}")
    for name in commands:
        ratio = cpu[name] / cpu["python -c pass"]
        print(f"{name:48} {wall[name] * 1000:8.0f} {cpu[name] * 1000:8.0f} {ratio:10.1f}")
    for label, suffix in (("", ""), ("before: ", " (before)")):
        names = [p.stem + suffix for p in args.briefs if p.stem + suffix in commands]
        if not names:
            continue
        print(
            f"{label}median over briefs: wall"
            f" {statistics.median(wall[n] for n in names) * 1000:.0f} ms, cpu"
            f" {statistics.median(cpu[n] for n in names) * 1000:.0f} ms"
            f" ({statistics.median(cpu[n] for n in names) / cpu['python -c pass']:.1f}x"
            f" python -c pass); worst cpu {max(cpu[n] for n in names) * 1000:.0f} ms"
        )
    if args.before:
        ratios = [cpu[p.stem] / cpu[f"{p.stem} (before)"] for p in args.briefs]
        print(f"cpu after / before, median over briefs: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
