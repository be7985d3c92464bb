"""Measure the library convention: what if every declared package no entry names were named?

For each PATH (a checkout with a ground truth in benchmarks/stack, as for bench_stack.py), the
packages its manifests declare that no catalogue entry names (a language's or package manager's
catch-all aside) are candidates; a candidate named by its package id (a Maven artifact without
its group) either hits a ground-truth entry the analysis missed or is an extra. Prints recall
and precision of today's catalogue-only naming, of naming every candidate, per ecosystem, and
per family prefix given as KIND:GLOB (e.g. composer:laravel/*, cargo:tokio-*).

Run: python benchmarks/bench_library_convention.py PATH... [--family cargo:tokio-* ...]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import yaml
from bench_stack import TRUTHS, _alternatives, _names

# detections that match every package of an ecosystem (Dart, pub) explain none of them
_CATCH_ALL = ("package_manager", "language", "build")


@dataclass(frozen=True)
class Candidate:
    """One declared package no entry names, and what naming it would score."""

    repo: str
    kind: str
    package: str
    name: str
    wanted: bool  # the ground truth names it (hit or not)
    new_hit: frozenset[int]  # ground-truth entries it would add as hits


def _name(kind: str, package: str) -> str | None:
    if kind == "maven":
        if package.startswith(("plugin:", "bom:")) or ":" not in package:
            return None
        return package.split(":")[1]
    if kind == "cargo" and "/" in package:
        return None  # a feature of a crate, not a crate
    return package


def candidates(path: Path, canon: dict[str, str]) -> tuple[list[Candidate], dict[str, int]]:
    """The candidates of one checkout, and its expected/hit/found/true counts today."""
    from archwise.analyze.engine import _dev_path, _repo_automation, _sample_manifest
    from archwise.analyze.manifests import PACKAGE_KINDS
    from archwise.analyze.report import to_document
    from archwise.api.analyze import _kb, _run

    def c(name: str) -> str:
        return canon.get(name.casefold(), name).casefold()

    truth = yaml.safe_load((TRUTHS / f"{path.resolve().name}.yaml").read_text(encoding="utf-8"))
    analysis = _run(path.resolve(), _kb(()), None, None, None)
    found = {c(s["name"]) for s in to_document(analysis)["stack"]}
    expected = [{c(n) for n in _alternatives(e)} for e in truth["stack"]]
    wanted = set().union(*expected) if expected else set()
    explained = {
        e.via
        for d in [*analysis.stack, *analysis.housekeeping]
        if d.category not in _CATCH_ALL
        for e in d.seen
    }
    seen: set[tuple[str, str]] = set()
    out: list[Candidate] = []
    for s in analysis.signals:
        if s.kind not in PACKAGE_KINDS or s.kind == "system" or (s.kind, s.value) in seen:
            continue
        if _dev_path(s.file) or _repo_automation(s.file) or _sample_manifest(s):
            continue
        seen.add((s.kind, s.value))
        name = _name(s.kind, s.value)
        if name is None or f"{s.kind} {s.value}" in explained:
            continue
        key = c(name)
        new = frozenset(i for i, e in enumerate(expected) if key in e and not e & found)
        out.append(Candidate(path.name, s.kind, s.value, name, key in wanted, new))
    counts = {
        "expected": len(expected),
        "hits": sum(1 for e in expected if e & found),
        "found": len(found),
        "true": len(found & wanted),
    }
    return out, counts


def _score(
    cands: list[Candidate], totals: dict[str, int], keep: Callable[[Candidate], bool]
) -> str:
    chosen = [x for x in cands if keep(x)]
    new_hits = {(x.repo, i) for x in chosen for i in x.new_hit}
    names = {(x.repo, x.name.casefold()): x for x in chosen}
    extra = sum(1 for x in names.values() if not x.wanted)
    true = sum(1 for x in names.values() if x.wanted)
    recall = (totals["hits"] + len(new_hits)) / max(totals["expected"], 1)
    precision = (totals["true"] + true) / max(totals["found"] + true + extra, 1)
    return (
        f"+{len(new_hits):4} hits {extra:5} extras  "
        f"recall {recall:6.1%}  precision {precision:6.1%}"
    )


def main() -> int:
    """Collect candidates of every path and print the scores of each naming rule."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--family", action="append", default=[], help="KIND:GLOB")
    args = parser.parse_args()
    canon = _names()
    cands: list[Candidate] = []
    totals = {"expected": 0, "hits": 0, "found": 0, "true": 0}
    for path in args.paths:
        found, counts = candidates(path, canon)
        cands += found
        for k, v in counts.items():
            totals[k] += v
    print(f"{'catalogue only':28} {_score(cands, totals, lambda x: False)}")
    print(f"{'every declared package':28} {_score(cands, totals, lambda x: True)}")
    for kind in sorted({x.kind for x in cands}):
        print(f"{kind:28} {_score(cands, totals, lambda x, k=kind: x.kind == k)}")
    for fam in args.family:
        kind, glob = fam.split(":", 1)
        print(
            f"{fam:28} "
            + _score(
                cands,
                totals,
                lambda x, k=kind, g=glob: x.kind == k and fnmatchcase(x.package.lower(), g.lower()),
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
