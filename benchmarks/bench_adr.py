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
import json
import os
import resource
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    cmd: list[str], cwd: Path, timeout: float, repeat: int
) -> tuple[float | None, float | None]:
    """Median wall time and CPU time (user+sys of the whole process tree); None on timeout.

    CPU time is reported too because wall time on a shared machine mostly measures the
    other tenants; adr-tools' CPU time includes the hundreds of processes it forks.
    """
    env = {**os.environ, "ADR_DATE": "2024-06-01", "PAGER": "cat", "LC_ALL": "C.UTF-8"}
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        cpu0 = _children_cpu()
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return None, None
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()[:500]}")
    return statistics.median(walls), statistics.median(cpus)


def fmt(seconds: float | None, timeout: float) -> str:
    """A time for the table."""
    return f"> {timeout:.0f} s" if seconds is None else f"{seconds:.2f} s"


IN_PROCESS = """
import json, sys, time
from archwise.api import adr
from archwise.jsonable import to_jsonable as jsonable
ops = {
    "list": lambda: json.dumps(jsonable(adr.list_records())),
    "lint": adr.lint,
    "index": adr.index,
    "graph": adr.graph,
}
out = {}
for name, op in ops.items():
    best = None
    for _ in range(int(sys.argv[1])):
        w, c = time.perf_counter(), time.process_time()
        op()
        w, c = time.perf_counter() - w, time.process_time() - c
        best = (w, c) if best is None or c < best[1] else best
    out[name] = best
print(json.dumps(out))
"""


def in_process(cwd: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Wall and CPU time of each library call once Python and archwise are loaded."""
    env = {**os.environ, "ADR_DATE": "2024-06-01"}
    proc = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(repeat)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, list[float]] = json.loads(proc.stdout)
    return {k: (v[0], v[1]) for k, v in data.items()}


def ratio(theirs: float | None, ours: float | None, timeout: float | None) -> str:
    """How many times faster archwise is ("> Nx" when adr-tools hit the timeout)."""
    if not ours:
        return "-"
    if theirs is None:
        return f"> {timeout / ours:.0f}x" if timeout else "-"
    return f"{theirs / ours:.0f}x"


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
    columns = ["records", "command", "archwise wall", "archwise CPU"]
    columns += ["adr-tools wall", "adr-tools CPU", "ratio (wall)", "ratio (CPU)"]
    print("| " + " | ".join(columns) + " |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
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
                w_ours, c_ours = timed(ours, root, args.timeout, args.repeat)
                cells = [fmt(w_ours, args.timeout), fmt(c_ours, args.timeout)]
                if theirs is not None and have_tools:
                    w_theirs, c_theirs = timed(theirs, root, args.timeout, 1)
                    # A killed run's CPU time is not collected, so it is shown as unknown.
                    cpu_cell = fmt(c_theirs, args.timeout) if w_theirs is not None else "killed"
                    cells += [fmt(w_theirs, args.timeout), cpu_cell]
                    cells += [ratio(w_theirs, w_ours, args.timeout), ratio(c_theirs, c_ours, None)]
                elif theirs is not None:
                    cells += ["not installed", "-", "-", "-"]
                else:
                    cells += ["-", "-", "-", "-"]
                print(f"| {size} | {label} | " + " | ".join(cells) + " |", flush=True)
            for name, (wall, cpu) in in_process(root, args.repeat).items():
                cells = [f"{wall:.2f} s", f"{cpu:.2f} s", "-", "-", "-", "-"]
                print(f"| {size} | {name} (in process) | " + " | ".join(cells) + " |", flush=True)
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
