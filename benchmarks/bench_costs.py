"""Benchmark: archwise's tier model against hand-worked costs and sizes.

Each scenario file (benchmarks/costs/*.yaml, written and committed before archwise was run on it)
holds a requirements file, a provider, the design's components and the expected tiers worked
out by hand (Little's law, utilisation, the providers' published prices), with the arithmetic.
The benchmark prices each design with `archwise.api.capacity.design_costs` and reports, per
tier, the hand figure, archwise's figure and the ratio; a tier passes within 30%, a scenario
when every tier and the total do.

Run: python benchmarks/bench_costs.py [SCENARIO_DIR] [--tolerance 0.3] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from archwise.api.capacity import design_costs

HERE = Path(__file__).parent / "costs"


def _close(expected: float, got: float | None, tol: float) -> bool:
    if got is None:
        return False
    if expected == 0:
        return abs(got) < 1.0  # a free tier stays (nearly) free
    return abs(got - expected) <= tol * abs(expected)


def run(path: Path, tol: float) -> dict[str, Any]:
    """Price one scenario and compare every expected figure with archwise's."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        req = Path(tmp) / "archwise.yaml"
        req.write_text(yaml.safe_dump(spec["requirements"], sort_keys=False), encoding="utf-8")
        design = design_costs(req, provider=spec["provider"], components=spec["components"])
    tiers = {t.name: t for t in design.tiers}
    rows: list[dict[str, Any]] = []
    for name, want in spec["expected"]["tiers"].items():
        tier = tiers.get(name)
        got_cost = tier.cost_usd_month_now if tier else None
        row = {
            "tier": name,
            "cost_hand": want["cost_now"],
            "cost_archwise": got_cost,
            "cost_ok": _close(want["cost_now"], got_cost, tol),
        }
        if "nodes_now" in want:
            got_nodes = tier.nodes_now if tier else None
            row |= {
                "nodes_hand": want["nodes_now"],
                "nodes_archwise": got_nodes,
                "nodes_ok": _close(want["nodes_now"], got_nodes, tol),
            }
        rows.append(row)
    total_want = spec["expected"]["total_now"]
    ok = all(r["cost_ok"] and r.get("nodes_ok", True) for r in rows)
    total_ok = _close(total_want, design.total_now, tol)
    return {
        "scenario": path.stem,
        "provider": design.provider,
        "total_hand": total_want,
        "total_archwise": design.total_now,
        "total_ratio": round(design.total_now / total_want, 3) if total_want else None,
        "total_ok": total_ok,
        "tiers_ok": ok,
        "tiers": rows,
        "extra_tiers": sorted(set(tiers) - set(spec["expected"]["tiers"])),
        "warnings": design.warnings,
    }


def main() -> int:
    """Run every scenario, print a table (or JSON) and the score; exit 1 when any fails."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=HERE)
    ap.add_argument("--tolerance", type=float, default=0.3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = [run(p, args.tolerance) for p in sorted(args.folder.glob("*.yaml"))]
    tiers = [r for res in results for r in res["tiers"]]
    tier_pass = sum(1 for r in tiers if r["cost_ok"] and r.get("nodes_ok", True))
    passed = sum(1 for r in results if r["tiers_ok"] and r["total_ok"])
    score = {
        "scenarios": len(results),
        "scenarios_passed": passed,
        "tiers": len(tiers),
        "tiers_within_tolerance": tier_pass,
        "totals_within_tolerance": sum(1 for r in results if r["total_ok"]),
        "tolerance": args.tolerance,
    }
    if args.json:
        print(json.dumps({"score": score, "results": results}, indent=2))
    else:
        for res in results:
            flag = "ok " if res["tiers_ok"] and res["total_ok"] else "FAIL"
            print(
                f"{flag} {res['scenario']:34} {res['provider']:10} total hand "
                f"{res['total_hand']:>12,.2f} archwise {res['total_archwise']:>12,.2f} "
                f"ratio {res['total_ratio']}"
            )
            for r in res["tiers"]:
                mark = " " if r["cost_ok"] and r.get("nodes_ok", True) else "x"
                nodes = ""
                if "nodes_hand" in r:
                    nodes = f" nodes {r['nodes_hand']} vs {r['nodes_archwise']}"
                got = r["cost_archwise"]
                print(
                    f"   {mark} {r['tier']:16} ${r['cost_hand']:>12,.2f} vs "
                    f"{'-' if got is None else f'${got:,.2f}':>14}{nodes}"
                )
        print(
            f"\nscore: {passed}/{len(results)} scenarios, {tier_pass}/{len(tiers)} tiers and "
            f"{score['totals_within_tolerance']}/{len(results)} totals within "
            f"{args.tolerance:.0%} of the hand figures"
        )
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
