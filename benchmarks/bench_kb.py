"""Benchmark: loading and validating the built-in knowledge base, archwise against jsonschema.

Run: python benchmarks/bench_kb.py [--repeat 5]
archwise parses with libyaml and validates with pydantic, re-parsing with ruamel's round-trip
loader only when a file fails. The peer validates the same entries with the jsonschema library
against the JSON Schema pydantic exports (what a generic YAML-schema checker does). The
round-trip-everything variant shows what the fast path saves. The cache of validated files
(ADR-017) is off for the comparison; a last row shows a warm cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema

from archwise import yamlio
from archwise.fileio import read_text
from archwise.kb.loader import DATA_DIR, _build, fast_parse
from archwise.kb.schemas.pattern import Pattern
from archwise.kb.schemas.technology import Technology

KINDS = {"technologies": Technology, "patterns": Pattern}


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def files() -> list[tuple[Path, str]]:
    return [(p, kind) for kind in KINDS for p in sorted((DATA_DIR / kind).glob("*.yaml"))]


def archwise_load() -> int:
    kb, problems = _build((), None)
    assert not problems
    return len(kb.technologies) + len(kb.patterns)


def roundtrip_load() -> int:
    n = 0
    for path, kind in files():
        data = yamlio.to_plain(yamlio.parse(read_text(path), file=path))
        for item in data:
            KINDS[kind].model_validate(item)
            n += 1
    return n


def jsonschema_load() -> int:
    validators = {
        kind: jsonschema.Draft202012Validator(model.model_json_schema())
        for kind, model in KINDS.items()
    }
    n = 0
    for path, kind in files():
        for item in fast_parse(read_text(path)):
            # JSON Schema knows no dates: the peer sees them as the strings YAML files hold.
            item["sources"] = [{**s, "checked": str(s["checked"])} for s in item["sources"]]
            validators[kind].validate(item)
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    # The comparison is of the work itself: parsing and validating every file each time.
    os.environ["ARCHWISE_CACHE_DIR"] = "off"
    entries = archwise_load()
    assert entries == roundtrip_load() == jsonschema_load()
    a = timed(archwise_load, args.repeat)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["ARCHWISE_CACHE_DIR"] = cache
        archwise_load()  # fills the cache of validated files
        cached = timed(archwise_load, args.repeat)
    r = timed(roundtrip_load, args.repeat)
    j = timed(jsonschema_load, args.repeat)
    print(f"entries: {entries} ({len(files())} files)")
    print(f"archwise load_kb (libyaml + pydantic, merge, aliases): {a * 1000:.1f} ms")
    print(f"archwise with its cache of validated files warm:     {cached * 1000:.1f} ms")
    print(f"ruamel round-trip parse + pydantic:                  {r * 1000:.1f} ms")
    print(f"libyaml parse + jsonschema Draft 2020-12 (peer):     {j * 1000:.1f} ms")
    print(f"ratio archwise / jsonschema: {a / j:.2f}")
    print(f"ratio archwise / round-trip: {a / r:.2f}")


if __name__ == "__main__":
    main()
