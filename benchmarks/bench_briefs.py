"""Benchmark: fields read from free-text briefs against what an expert reads from them.

Run: python benchmarks/bench_briefs.py [FOLDER ...] [--show-wrong] [--json]
Each FOLDER holds NAME.md briefs with NAME.expected.yaml beside them (format in
benchmarks/briefs/README.md); the default is the corpus in benchmarks/briefs. A held-out set is
scored the same way: pass its folder. A mapping field is scored entry by entry; a field listed as
absent is right when nothing is extracted for it. Prints precision and recall per field, the share
of fields right overall, and every wrong or missing value with the phrase it came from.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from archwise import yamlio
from archwise.requirements.brief import default_vocabulary, extract_brief

CORPUS = Path(__file__).parent / "briefs"
TOLERANCE = 0.03


# fields whose numbers are compared exactly: 99.99% is not 99.9% (ten times less downtime)
EXACT = frozenset({"non_functional.availability_percent"})


def same(got: Any, want: Any, field: str = "") -> bool:
    """Values equal as an expert would count them: numbers within 3%, lists in any order."""
    if isinstance(want, bool) or isinstance(got, bool):
        return got is want
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        if field in EXACT:
            return abs(got - want) <= 1e-9
        return abs(got - want) <= TOLERANCE * max(abs(want), 1e-9) + 1e-9
    if isinstance(want, list) and isinstance(got, list):
        # names in a list compare as names do elsewhere: "MongoDB" is "mongodb"
        return sorted(str(g).lower() for g in got) == sorted(str(w).lower() for w in want)
    if isinstance(want, str) and isinstance(got, str):
        return got.strip().lower() == want.strip().lower()
    return bool(got == want)


def flatten(values: dict[str, Any]) -> dict[str, Any]:
    """Field -> value, with mapping fields spread into one entry per key."""
    out: dict[str, Any] = {}
    for field, value in values.items():
        if isinstance(value, dict):
            for key, item in value.items():
                out[f"{field}.{str(key).lower()}"] = item
        else:
            out[field] = value
    return out


def score_case(
    md: Path, vocabulary: dict[str, str]
) -> tuple[list[tuple[str, str, Any, Any, str]], dict[str, Any]]:
    """Rows (field, verdict, got, want, phrase) for one brief, and the spec read."""
    spec = yamlio.to_plain(yamlio.load(md.with_suffix(".expected.yaml"))) or {}
    expected = flatten(spec.get("expected") or {})
    absent = list(spec.get("absent") or [])
    found = extract_brief(md.read_text(encoding="utf-8"), vocabulary).values
    got_values = flatten({k: v.value for k, v in found.items()})
    phrase_of: dict[str, str] = {}
    for key, item in found.items():
        phrase_of[key] = item.phrase
        if isinstance(item.value, dict):
            for sub in item.value:
                phrase_of[f"{key}.{str(sub).lower()}"] = item.phrase
    rows: list[tuple[str, str, Any, Any, str]] = []
    for field, want in expected.items():
        if field not in got_values:
            rows.append((field, "missing", None, want, ""))
        elif same(got_values[field], want, field):
            rows.append((field, "right", got_values[field], want, phrase_of.get(field, "")))
        else:
            rows.append((field, "wrong", got_values[field], want, phrase_of.get(field, "")))
    # a mapping entry nobody expected, inside a mapping field that was expected, is wrong too
    mapping_fields = {k for k, v in (spec.get("expected") or {}).items() if isinstance(v, dict)}
    for field, value in got_values.items():
        parent = field.rsplit(".", 1)[0]
        if parent in mapping_fields and field not in expected:
            rows.append((field, "extra", value, None, phrase_of.get(field, "")))
    for field in absent:
        present = [k for k in got_values if k == field or k.startswith(field + ".")]
        if present:
            rows.append((field, "invented", got_values.get(field), None, phrase_of.get(field, "")))
        else:
            rows.append((field, "right-absent", None, None, ""))
    return rows, spec


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[CORPUS])
    parser.add_argument("--show-wrong", action="store_true", help="list every wrong value")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    vocabulary = default_vocabulary()
    cases = sorted(
        p for folder in args.folders for p in folder.glob("*.md") if p.name != "README.md"
    )
    cases = [p for p in cases if p.with_suffix(".expected.yaml").is_file()]
    if not cases:
        print("no briefs with expectations found", file=sys.stderr)
        return 2
    per_field: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    problems: list[str] = []
    total = right = 0
    t0 = time.perf_counter()
    for md in cases:
        rows, _ = score_case(md, vocabulary)
        for field, verdict, got, want, phrase in rows:
            key = field.split(".expertise.")[0] + ".expertise" if ".expertise." in field else field
            key = key.split(".roles.")[0] + ".roles" if ".roles." in key else key
            counts = per_field[key]
            total += 1
            if verdict in {"right", "right-absent"}:
                right += 1
            counts[verdict] += 1
            if verdict not in {"right", "right-absent"}:
                problems.append(
                    f"{md.stem}: {field}: {verdict}: got {got!r}, want {want!r}"
                    + (f"  <- {phrase!r}" if phrase else "")
                )
    elapsed = time.perf_counter() - t0
    table = []
    for field in sorted(per_field):
        c = per_field[field]
        extracted = c["right"] + c["wrong"] + c["extra"] + c["invented"]
        expected = c["right"] + c["wrong"] + c["missing"]
        precision = c["right"] / extracted if extracted else 1.0
        recall = c["right"] / expected if expected else 1.0
        table.append((field, expected, c["right"], precision, recall))
    score = {
        "briefs": len(cases),
        "fields": total,
        "right": right,
        "percent": round(100 * right / total, 1),
        "seconds": round(elapsed, 2),
        "per_field": [
            {
                "field": f,
                "expected": e,
                "right": r,
                "precision": round(p, 3),
                "recall": round(rc, 3),
            }
            for f, e, r, p, rc in table
        ],
        "problems": problems,
    }
    if args.json:
        print(json.dumps(score, indent=2))
        return 0
    print(f"{'field':52} {'expected':>8} {'right':>6} {'precision':>9} {'recall':>7}")
    for field, expected, got_right, precision, recall in table:
        print(f"{field:52} {expected:8d} {got_right:6d} {precision:9.2f} {recall:7.2f}")
    print(
        f"\n{len(cases)} briefs, {total} fields: {right} right = {score['percent']}% "
        f"({len(problems)} wrong, missing or invented; {elapsed:.2f} s)"
    )
    if args.show_wrong or problems:
        print("\n".join(problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())
