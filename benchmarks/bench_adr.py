"""Benchmark: archwise's ADR commands against adr-tools on generated collections.

Generates Nygard-format collections (400 and 5,000 records, every tenth record amending the
one before), then times, in the same run:

- archwise: `archwise adr list --json`, `lint`, `index`, `graph` (whole process, start-up included)
  and the `adr` drop-in's `generate toc` / `generate graph`;
- adr-tools (when /usr/bin/adr exists): `adr generate toc`, `adr generate graph`, capped by a
  timeout and reported as "> N s" when it does not finish.

Run: python benchmarks/bench_adr.py [--sizes 400,5000] [--timeout 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ADR_TOOLS = Path("/usr/bin/adr")


def generate(folder: Path, count: int) -> None:
    """Write `count` adr-tools style records into folder/doc/adr."""
    adr = folder / "doc" / "adr"
    adr.mkdir(parents=True)
    for i in range(1, count + 1):
        status = "Accepted"
        if i > 1 and i % 10 == 0:
            status += f"\n\nAmends [{i - 1}. Decision {i - 1}]({i - 1:04d}-decision-{i - 1}.md)"
        (adr / f"{i:04d}-decision-{i}.md").write_text(
            f"# {i}. Decision {i}\n\nDate: 2024-01-01\n\n## Status\n\n{status}\n\n"
            f"## Context\n\nContext {i}.\n\n## Decision\n\nDecision {i}.\n\n"
            f"## Consequences\n\nConsequences {i}.\n"
        )
        if i > 1 and i % 10 == 0:
            prev = adr / f"{i - 1:04d}-decision-{i - 1}.md"
            prev.write_text(
                prev.read_text().replace(
                    "Accepted\n",
                    f"Accepted\n\nAmended by [{i}. Decision {i}]({i:04d}-decision-{i}.md)\n",
                    1,
                )
            )


def timed(cmd: list[str], cwd: Path, timeout: float, repeat: int) -> float | None:
    """Median wall time of a command, or None when it exceeds the timeout."""
    env = {**os.environ, "ADR_DATE": "2024-06-01", "PAGER": "cat", "LC_ALL": "C.UTF-8"}
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return None
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()[:500]}")
    return statistics.median(times)


def fmt(seconds: float | None, timeout: float) -> str:
    """A time for the table."""
    return f"> {timeout:.0f} s" if seconds is None else f"{seconds:.2f} s"


def main() -> None:
    """Run the benchmark and print a Markdown table with ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="400,5000")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    archwise = [sys.executable, "-m", "archwise.cli.main", "adr"]
    dropin = [sys.executable, "-m", "archwise.cli.adr_tools"]
    have_tools = ADR_TOOLS.exists()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print()
    print("| records | command | archwise | adr-tools | ratio |")
    print("|---:|---|---:|---:|---:|")
    for size in [int(s) for s in args.sizes.split(",")]:
        root = Path(tempfile.mkdtemp(prefix=f"bench-adr-{size}-"))
        try:
            generate(root, size)
            rows: list[tuple[str, list[str], list[str] | None]] = [
                ("list --json", [*archwise, "list", "--json"], None),
                ("lint", [*archwise, "lint"], None),
                ("index", [*archwise, "index"], None),
                ("graph (mermaid)", [*archwise, "graph"], None),
                ("generate toc", [*dropin, "generate", "toc"], [str(ADR_TOOLS), "generate", "toc"]),
                (
                    "generate graph",
                    [*dropin, "generate", "graph"],
                    [str(ADR_TOOLS), "generate", "graph"],
                ),
            ]
            for label, ours, theirs in rows:
                t_ours = timed(ours, root, args.timeout, args.repeat)
                t_theirs = None
                theirs_text = "-"
                ratio = "-"
                if theirs is not None and have_tools:
                    t_theirs = timed(theirs, root, args.timeout, 1)
                    theirs_text = fmt(t_theirs, args.timeout)
                    if t_ours:
                        bound = t_theirs if t_theirs is not None else args.timeout
                        ratio = ("> " if t_theirs is None else "") + f"{bound / t_ours:.0f}x"
                elif theirs is not None:
                    theirs_text = "not installed"
                print(
                    f"| {size} | {label} | {fmt(t_ours, args.timeout)} | {theirs_text} | {ratio} |",
                    flush=True,
                )
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
