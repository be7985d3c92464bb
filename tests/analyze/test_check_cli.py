"""`archwise analyze` and `archwise check` end to end: rules, baseline ratchet, ADR drift."""

from __future__ import annotations

import json
from pathlib import Path

from tests.analyze.repos import KB_FIXTURE, write
from tests.conftest import invoke

APP = {
    "requirements.txt": "psycopg2-binary==2.9.9\nfastapi\n",
    "app/__init__.py": "",
    "app/api/__init__.py": "",
    "app/api/views.py": "from app.persistence import db\n\n\ndef show():\n    return db.get()\n",
    "app/domain/__init__.py": "",
    "app/domain/order.py": "class Order:\n    pass\n",
    "app/persistence/__init__.py": "",
    "app/persistence/db.py": "from app.domain.order import Order\n\n\ndef get():\n    return Order()\n",
    "docs/adr/0001-use-postgresql.md": """
        # 1. Use PostgreSQL for orders

        Date: 2026-01-10

        ## Status

        Accepted

        ## Decision

        We store orders in PostgreSQL.

        ```archwise
        uses PostgreSQL
        does not use MongoDB
        ```
    """,
    "docs/adr/0002-use-couchdb.md": """
        ---
        status: superseded by ADR-0001
        archwise:
          - uses CouchDB
        ---
        # Use CouchDB
    """,
}

RULES = """
name: shop
architecture:
  layers:
    - {name: api, modules: [app.api]}
    - {name: persistence, modules: [app.persistence]}
    - {name: domain, modules: [app.domain]}
  forbidden:
    - {from: [app.api], to: [app.persistence], reason: go through the domain}
  acyclic: true
"""


def _repo(tmp_path: Path) -> Path:
    repo = write(tmp_path / "repo", APP)
    # a workspace of its own, whatever folders above the temporary directory hold
    (repo / ".archwise").mkdir()
    return repo


def test_drift_adr_says_postgresql_code_adds_mongodb(tmp_path: Path, cli) -> None:
    repo = _repo(tmp_path)
    ok = invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--json")
    assert ok.exit_code == 0, ok.stdout
    assert json.loads(ok.stdout)["adrs"]["counted"] == 1
    # the code now adds a MongoDB driver
    (repo / "requirements.txt").write_text("psycopg2-binary==2.9.9\nfastapi\npymongo>=4\n")
    bad = invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE))
    assert bad.exit_code == 1
    out = " ".join(bad.stdout.split())
    assert "Use PostgreSQL for orders" in out and "MongoDB" in out and "PostgreSQL" in out
    assert "requirements.txt:3" in out
    doc = json.loads(invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--json").stdout)
    assert [(d["adr"], d["target"], d["file"], d["line"]) for d in doc["drift"]] == [
        ("docs/adr/0001-use-postgresql.md", "MongoDB", "requirements.txt", 3)
    ]
    # the superseded ADR (uses CouchDB) does not count
    assert doc["adrs"]["ignored"] == [
        {"file": "docs/adr/0002-use-couchdb.md", "status": "superseded by ADR-0001"}
    ]


def test_drift_when_promised_database_disappears(tmp_path: Path, cli) -> None:
    repo = _repo(tmp_path)
    (repo / "requirements.txt").write_text("pymongo\n")
    doc = json.loads(invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--json").stdout)
    msgs = [d["message"] for d in doc["drift"]]
    assert any("PostgreSQL is not detected; the code uses MongoDB instead" in m for m in msgs)
    assert doc["passed"] is False


def test_rules_violations_with_file_and_line_and_baseline(tmp_path: Path, cli) -> None:
    repo = _repo(tmp_path)
    (repo / "archwise.yaml").write_text(RULES)
    res = invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--json")
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    assert [(v["rule"], v["file"], v["line"]) for v in doc["violations"]] == [
        ("forbidden", "app/api/views.py", 1)
    ]
    # adopt: accept today's violations, then the check passes
    assert (
        invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--update-baseline").exit_code == 0
    )
    assert (repo / "archwise-baseline.json").is_file()
    assert invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE)).exit_code == 0
    # a new violation (the domain now reaches up into the api) fails despite the baseline
    (repo / "app/domain/order.py").write_text(
        "from app.api import views\n\n\nclass Order:\n    pass\n"
    )
    doc = json.loads(invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--json").stdout)
    rules = sorted((v["rule"], v["file"], v["line"]) for v in doc["violations"])
    assert ("layers", "app/domain/order.py", 1) in rules
    assert ("acyclic", "app/domain/order.py", 1) in rules or any(r[0] == "acyclic" for r in rules)
    assert doc["baseline"]["accepted"] == 1
    # fixing the accepted one is reported so the baseline can ratchet down
    (repo / "app/domain/order.py").write_text("class Order:\n    pass\n")
    (repo / "app/api/views.py").write_text("def show():\n    return None\n")
    doc = json.loads(invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--json").stdout)
    assert doc["passed"] and len(doc["baseline"]["fixed"]) == 1


def test_bad_rules_file_is_located(tmp_path: Path, cli) -> None:
    repo = _repo(tmp_path)
    (repo / "rules.yaml").write_text("architecture:\n  layerz: []\n")
    res = invoke(cli, "check", str(repo), "--rules", str(repo / "rules.yaml"))
    assert res.exit_code == 2
    assert "rules.yaml:2" in res.stderr and "layerz" in res.stderr


def test_analyze_json_snapshot_and_diff(tmp_path: Path, cli, monkeypatch) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    first = json.loads(invoke(cli, "analyze", ".", "--kb", str(KB_FIXTURE), "--json").stdout)
    assert first["snapshot"] >= 1
    assert [s["name"] for s in first["stack"] if s["category"] == "database"] == ["PostgreSQL"]
    (repo / "requirements.txt").write_text("psycopg2-binary\nredis\n")
    second = json.loads(
        invoke(cli, "analyze", ".", "--kb", str(KB_FIXTURE), "--diff", "--json").stdout
    )
    assert "Redis" in second["diff"]["stack"]["added"]
    assert "FastAPI" in second["diff"]["stack"]["removed"]
    human = invoke(cli, "analyze", ".", "--kb", str(KB_FIXTURE), "--no-save")
    assert human.exit_code == 0 and "Stack" in human.stdout


def test_analyze_missing_folder_is_bad_input(tmp_path: Path, cli) -> None:
    res = invoke(cli, "analyze", str(tmp_path / "nope"), "--no-save")
    assert res.exit_code == 2 and "no such folder" in res.stderr


def test_drift_layers_services_cycles_and_unreadable(tmp_path: Path, cli) -> None:
    repo = _repo(tmp_path)
    write(
        repo,
        {
            "archwise.yaml": RULES.replace("  acyclic: true\n", ""),
            "docs/adr/0003-boundaries.md": """
                ---
                status: accepted
                title: Boundaries and telemetry
                archwise:
                  - layer api may not import persistence
                  - all services export OpenTelemetry traces
                  - no import cycles
                  - the moon is made of cheese
                ---
                # Boundaries and telemetry
            """,
            "svc/Dockerfile": "FROM python:3.12\n",
            "svc/requirements.txt": "opentelemetry-sdk\n",
            "worker/Dockerfile": "FROM python:3.12\n",
            "docker-compose.yml": (
                "services:\n  svc:\n    build: ./svc\n  worker:\n    build: ./worker\n"
            ),
        },
    )
    doc = json.loads(invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--json").stdout)
    drift = [(d["adr"], d["file"], d["line"], d["source"]) for d in doc["drift"]]
    # the app at the root (requirements.txt, app/) is a service of its own, without telemetry
    assert drift == [
        ("docs/adr/0003-boundaries.md", "app/api/views.py", 1, "app.api.views"),
        ("docs/adr/0003-boundaries.md", "docs/adr/0003-boundaries.md", 6, "repo"),
        ("docs/adr/0003-boundaries.md", "docker-compose.yml", 4, "worker"),
    ]
    assert "service worker does not use OpenTelemetry" in doc["drift"][2]["message"]
    assert doc["adrs"]["unreadable_assertions"] == [
        {
            "adr": "docs/adr/0003-boundaries.md",
            "line": 8,
            "assertion": "the moon is made of cheese",
            "why": "not a known assertion form",
        }
    ]


def test_allowed_technologies_and_radar_hold(tmp_path: Path, cli) -> None:
    repo = _repo(tmp_path)
    (repo / "rules.yaml").write_text(
        "allowed_technologies: [python, PostgreSQL]\nrespect_radar: true\n"
    )
    (repo / "radar.yaml").write_text(
        "title: Org radar\ndate: 2026-11-01\nentries:\n"
        "  - {name: FastAPI, ring: hold, reason: we standardise on Django}\n"
    )
    res = invoke(
        cli,
        "check",
        str(repo),
        "--rules",
        str(repo / "rules.yaml"),
        "--radar",
        str(repo / "radar.yaml"),
        "--kb",
        str(KB_FIXTURE),
        "--json",
    )
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    assert [(v["rule"], v["target"], v["file"], v["line"]) for v in doc["violations"]] == [
        ("radar", "FastAPI", "requirements.txt", 2),
        ("technology", "FastAPI", "requirements.txt", 2),
    ]


def test_rules_file_without_architecture_section(tmp_path: Path, cli) -> None:
    repo = _repo(tmp_path)
    (repo / "req.yaml").write_text("name: shop\nsystem: {type: web}\n")
    res = invoke(cli, "check", str(repo), "--rules", str(repo / "req.yaml"))
    assert res.exit_code == 2
    assert "req.yaml:1" in res.stderr and "architecture" in res.stderr


def test_adr_readme_and_template_are_not_decisions(tmp_path: Path, cli) -> None:
    repo = _repo(tmp_path)
    write(repo, {"docs/adr/README.md": "# Decisions\n\n```archwise\nuses CouchDB\n```\n"})
    doc = json.loads(invoke(cli, "check", str(repo), "--kb", str(KB_FIXTURE), "--json").stdout)
    assert doc["passed"] and doc["adrs"]["read"] == 2
