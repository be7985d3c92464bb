"""Benchmark: archwise on real ADR collections, one line of counts per collection.

For each folder given, reports: Markdown files under it, records read (templates and index
pages skipped), records with an id naming them alone, records with a number, statuses given and
how many of them map to a lifecycle status, the formats detected, lint findings by kind, and
the time to read the collection (no parse cache). Keep the collections outside the project;
pass their ADR folders.

Run: python benchmarks/bench_adr_corpus.py PATH... [--json] [--records]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any


def measure(folder: Path, today: dt.date) -> dict[str, Any]:
    """The counts for one collection."""
    from archwise.adr.collection import lint, scan
    from archwise.adr.model import LIFECYCLE

    md_files = sum(
        1
        for _, dirs, files in os.walk(folder)
        for name in files
        if name.lower().endswith(".md") and not name.startswith(".")
    )
    start = time.perf_counter()
    records = scan(folder)
    elapsed = time.perf_counter() - start
    findings = lint(records, today, folder)
    ids = Counter(r.adr.id for r in records)
    statuses = [r.adr.lifecycle_status for r in records if r.adr.status or r.adr.links]
    given = [s for s in statuses if s is not None]
    return {
        "collection": str(folder),
        "files": md_files,
        "records": len(records),
        "numbered": sum(1 for r in records if r.adr.number is not None),
        # An id that names one record only: references to it resolve.
        "with_id": sum(1 for r in records if ids[r.adr.id] == 1),
        "statuses": len(given),
        "recognised": sum(1 for s in given if s in LIFECYCLE),
        "unrecognised": sorted({s for s in given if s not in LIFECYCLE}),
        "formats": dict(Counter(r.adr.format for r in records).most_common()),
        "findings": dict(Counter(f.code for f in findings).most_common()),
        "seconds": round(elapsed, 4),
        "records_detail": [
            {
                "file": r.rel,
                "id": r.adr.id,
                "number": r.adr.number,
                "title": r.adr.title,
                "status": r.adr.status,
                "state": r.adr.lifecycle_status,
                "format": r.adr.format,
            }
            for r in records
        ],
    }


def main() -> int:
    """Print the table (or JSON) for the collections given."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--json", action="store_true", help="one JSON document instead of a table")
    ap.add_argument("--records", action="store_true", help="list every record (for spot checks)")
    ap.add_argument("--today", default="2026-12-01", help="today for lint, as YYYY-MM-DD")
    args = ap.parse_args()
    # Parse every file: the per-user parse cache would hide the cost of reading.
    os.environ["ARCHWISE_CACHE_DIR"] = "off"
    today = dt.date.fromisoformat(args.today)
    rows = []
    for path in args.paths:
        if not path.is_dir():
            print(f"not a folder: {path}", file=sys.stderr)
            return 2
        rows.append(measure(path, today))
    if args.json:
        if not args.records:
            for row in rows:
                del row["records_detail"]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    head = "| collection | files | records | with id | numbered | statuses | recognised |"
    print(head + " formats | lint findings by kind | read (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---|---:|")
    for row in rows:
        formats = ", ".join(f"{k} {v}" for k, v in row["formats"].items())
        kinds = ", ".join(f"{k} {v}" for k, v in row["findings"].items()) or "none"
        print(
            f"| {row['collection']} | {row['files']} | {row['records']} | {row['with_id']} "
            f"| {row['numbered']} | {row['statuses']} | {row['recognised']} | {formats} "
            f"| {kinds} | {row['seconds']:.3f} |"
        )
    for row in rows:
        if row["unrecognised"]:
            print(f"\n{row['collection']}: statuses outside the lifecycle: {row['unrecognised']}")
    if args.records:
        for row in rows:
            print(f"\n## {row['collection']}")
            for rec in row["records_detail"]:
                print(
                    f"- {rec['file']}: id={rec['id']} number={rec['number']} "
                    f"title={rec['title']!r} status={rec['status']!r} -> {rec['state']} "
                    f"[{rec['format']}]"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
