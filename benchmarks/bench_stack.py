"""Score `archwise analyze` on real repositories against ground truths written before any run.

Each PATH is a checkout of a public repository kept outside the project; its ground truth is
benchmarks/stack/<folder name>.yaml (see benchmarks/stack/README.md). Prints, per repository and
overall (micro-averaged): stack recall and precision, service names found and edges found.

Run: python benchmarks/bench_stack.py /work/repos/spring-petclinic /work/repos/mini-redis ...
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

TRUTHS = Path(__file__).parent / "stack"


def spelling(name: str) -> str:
    """A name as compared: case, spaces, dots, hyphens and underscores do not tell two names
    apart ("Factory Bot" is FactoryBot, "Symfony Maker Bundle" Symfony MakerBundle)."""
    return re.sub(r"[\s._-]+", "", name.casefold())


def _names() -> dict[str, str]:
    """Every catalogue and knowledge-base name and alias (by spelling) -> its canonical name."""
    from archwise.analyze.catalog import load_catalog, names
    from archwise.kb.loader import load_kb

    out = {spelling(k): v for k, v in names(load_catalog()).items()}
    for t in load_kb().technologies.values():
        out[spelling(t.name)] = t.name
        for a in t.aliases:
            out.setdefault(spelling(a), t.name)
    return out


_QUALIFIED = re.compile(r"^(.+) \([^()]+\)$")


def _alternatives(entry: str | list[str]) -> list[str]:
    return [entry] if isinstance(entry, str) else list(entry)


def score(truth: dict[str, Any], doc: dict[str, Any], canon: dict[str, str]) -> dict[str, Any]:
    """Stack recall/precision, services and edges of one analysis against its ground truth."""

    def c(name: str) -> str:
        return spelling(canon.get(spelling(name), name))

    found = {c(s["name"]): s["name"] for s in doc["stack"]}
    # a catalogue name qualified by its ecosystem ("Bandit (Elixir)", beside Python's Bandit) is
    # the truth's bare spelling when the bare name itself is not found
    qualified = {
        spelling(m.group(1)): spelling(s["name"])
        for s in doc["stack"]
        if (m := _QUALIFIED.match(s["name"])) and spelling(m.group(1)) not in found
    }
    expected = [
        {qualified.get(spelling(n), c(n)) for n in _alternatives(e)} for e in truth["stack"]
    ]
    hits = [e for e in expected if e & found.keys()]
    missed = [
        " / ".join(_alternatives(e))
        for e, x in zip(truth["stack"], expected, strict=True)
        if x not in hits
    ]
    wanted = set().union(*expected) if expected else set()
    extra = sorted(name for key, name in found.items() if key not in wanted)
    built = {s["name"] for s in doc["services"] if s.get("built", True)}
    want_services = [_alternatives(e) for e in truth.get("services", [])]
    svc_hits = [alts for alts in want_services if built & set(alts)]
    allowed = {n for alts in want_services for n in alts}
    edges = {(e["source"], e["target"]) for e in doc.get("service_edges", [])}
    want_edges = [tuple(e) for e in truth.get("edges", [])]
    return {
        "stack_expected": len(expected),
        "stack_found": len(found),
        "stack_hits": len(hits),
        "stack_true": len(found) - len(extra),
        "recall": len(hits) / len(expected) if expected else 1.0,
        "precision": (len(found) - len(extra)) / len(found) if found else 1.0,
        "missed": missed,
        "extra": extra,
        "services_expected": len(want_services),
        "services_hits": len(svc_hits),
        "services_extra": sorted(built - allowed),
        "services_missed": [" / ".join(a) for a in want_services if a not in svc_hits],
        "edges_expected": len(want_edges),
        "edges_hits": sum(1 for e in want_edges if e in edges),
    }


def _commit(path: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def main() -> int:
    """Analyse each repository, score it and print the table (or --json)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument(
        "--truths",
        type=Path,
        default=TRUTHS,
        help="folder of <folder name>.yaml ground truths (default: benchmarks/stack)",
    )
    args = parser.parse_args()
    from archwise.api.analyze import analyze

    canon = _names()
    rows: list[dict[str, Any]] = []
    for path in args.paths:
        truth_file = args.truths / f"{path.resolve().name}.yaml"
        if not truth_file.is_file():
            print(f"{path}: no ground truth {truth_file}", file=sys.stderr)
            return 2
        truth = yaml.safe_load(truth_file.read_text(encoding="utf-8"))
        head = _commit(path)
        if head is not None and head != truth["commit"]:
            print(f"{path}: checkout is at {head}, the ground truth at {truth['commit']}")
            return 2
        start = time.perf_counter()
        doc = analyze(path, save=False)
        seconds = time.perf_counter() - start
        row = {"repo": truth["repo"], "seconds": round(seconds, 2)}
        rows.append({**row, **score(truth, doc, canon)})
    total = {
        k: sum(r[k] for r in rows)
        for k in (
            "stack_expected",
            "stack_found",
            "stack_hits",
            "stack_true",
            "services_expected",
            "services_hits",
            "edges_expected",
            "edges_hits",
        )
    }
    total["recall"] = total["stack_hits"] / max(total["stack_expected"], 1)
    total["precision"] = total["stack_true"] / max(total["stack_found"], 1)
    if args.json:
        print(json.dumps({"repos": rows, "overall": total}, indent=2))
        return 0
    print(f"{'repository':40} {'recall':>7} {'prec.':>7} {'services':>9} {'edges':>7} {'s':>6}")
    for r in rows:
        print(
            f"{r['repo']:40} {r['recall']:7.0%} {r['precision']:7.0%} "
            f"{r['services_hits']:>4}/{r['services_expected']:<4} "
            f"{r['edges_hits']:>3}/{r['edges_expected']:<3} {r['seconds']:6.2f}"
        )
        if r["missed"]:
            print(f"    missed: {', '.join(r['missed'])}")
        if r["extra"]:
            print(f"    not in the ground truth: {', '.join(r['extra'])}")
        if r["services_missed"] or r["services_extra"]:
            print(
                f"    services missed: {', '.join(r['services_missed']) or '-'}; "
                f"extra: {', '.join(r['services_extra']) or '-'}"
            )
    print(
        f"{'overall':40} {total['recall']:7.0%} {total['precision']:7.0%} "
        f"{total['services_hits']:>4}/{total['services_expected']:<4} "
        f"{total['edges_hits']:>3}/{total['edges_expected']:<3}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
