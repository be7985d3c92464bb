"""Two processes ingesting the same repository at once: no duplicates, nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from archwise.api import registry

WORKER = """
import json, sys, time
from pathlib import Path
from archwise.api import registry
url, shared, own, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
load = lambda f: registry.RepositoryPayload.model_validate_json(Path(f).read_text())
shared, own = load(shared), load(own)
with registry.open_registry(url, workspace=Path(sys.argv[5])) as reg:
    while time.time() < start:
        time.sleep(0.005)
    attempts = []
    for round in range(6):
        fresh = shared.model_copy(update={"name": f"fresh-{round}", "adrs": shared.adrs[:50]})
        attempts += [r.attempts for r in registry.ingest_payloads(reg, [fresh, shared, own])]
print(json.dumps(attempts))
"""


def _payload(name: str, count: int) -> registry.RepositoryPayload:
    return registry.RepositoryPayload(
        name=name,
        location=f"/repos/{name}",
        adrs=[
            {
                "path": f"docs/adr/{i:04d}-decision-{i}.md",
                "number": i,
                "title": f"Decision {i} of {name}",
                "status": "accepted",
                "date": "2026-01-01",
                "text": f"# {i}. Decision {i}\n\nPostgreSQL for part {i} of {name}.\n" * 5,
            }
            for i in range(1, count + 1)
        ],
        stack=[{"name": "PostgreSQL", "category": "database"}, {"name": "Redis"}],
        summary={"adrs": count},
    )


def test_concurrent_ingests(db_url: str, tmp_path: Path) -> None:
    files = {}
    for name, count in (("shared", 300), ("own-a", 40), ("own-b", 60)):
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(_payload(name, count).model_dump_json(), encoding="utf-8")
    with registry.open_registry(db_url, workspace=tmp_path):
        pass  # create and migrate before the race, as `archwise registry` would on first use
    start = time.time() + 3.0
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                db_url,
                str(files["shared"]),
                str(files[own]),
                str(start),
                str(tmp_path),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for own in ("own-a", "own-b")
    ]
    outputs = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert len(json.loads(out)) == 18
    with registry.open_registry(db_url, workspace=tmp_path) as reg:
        counts = {r.name: r.adrs for r in registry.list_repositories(reg)}
        fresh = {f"fresh-{i}": 50 for i in range(6)}
        assert counts == {"shared": 300, "own-a": 40, "own-b": 60, **fresh}
        for name, expected in counts.items():
            page = reg.adrs(repository=name, limit=1_000)
            assert page.total == expected
            assert len({r.path for r in page.records}) == expected
        assert reg.adrs(limit=1_000).total == 700
        users = reg.usage()["postgresql"][1]
        assert sorted(u["repository"] for u in users) == sorted(counts)
