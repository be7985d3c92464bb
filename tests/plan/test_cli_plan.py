"""`archwise plan` and `archwise risks` end to end, and the exports' formats."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

from archwise.plan.export import fold
from tests.conftest import EXAMPLES, invoke, require_in_ci

ARGS = ("--start", "2027-01-04", "--samples", "2000", "--no-recommend")


def setup(ws: Path) -> None:
    shutil.copy(EXAMPLES / "chat-system.yaml", ws / "archwise.yaml")
    shutil.copy(EXAMPLES / "chat-tasks.yaml", ws / "tasks.yaml")


def test_plan_json_of_the_chat_example(cli, workspace: Path) -> None:
    setup(workspace)
    r = invoke(
        cli,
        "plan",
        "archwise.yaml",
        "--tasks",
        "tasks.yaml",
        *ARGS,
        "--target",
        "2027-02-26",
        "--json",
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    s = doc["schedule"]
    assert s["finish_date"] == "2027-02-24"
    assert s["critical_paths"][0][:4] == ["auth", "ws", "send", "channels"]
    assert s["target_days"] == 40
    assert 0.9 < s["pert"]["probability"] < 1.0
    assert 0.5 < s["monte_carlo"]["probability"] <= 1.0
    assert [p["months"] for p in doc["phases"]] == ["1-3", "4", "5-6", "7+"]
    assert doc["generated_by"].startswith("archwise ")


def test_plan_table_and_exports(cli, workspace: Path) -> None:
    setup(workspace)
    r = invoke(
        cli,
        "plan",
        "--tasks",
        "tasks.yaml",
        *ARGS,
        "--gantt",
        "g.mmd",
        "--ics",
        "p.ics",
        "--csv",
        "p.csv",
    )
    assert r.exit_code == 0, r.output
    assert "Critical path: auth -> ws -> send -> channels -> deploy" in r.stdout
    mmd = (workspace / "g.mmd").read_text()
    assert mmd.startswith("gantt\n") and "excludes weekends" in mmd
    assert "Basic auth (JWT) :crit, t_auth, 2027-01-04, 5d" in mmd
    assert "MVP launch :crit, milestone, t_mvp, 2027-02-24, 0d" in mmd
    raw = (workspace / "p.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    assert lines[0] == b"BEGIN:VCALENDAR" and b"VERSION:2.0" in lines
    assert raw.count(b"BEGIN:VEVENT") == 14
    assert b"DTSTART;VALUE=DATE:20270104" in raw and b"DTEND;VALUE=DATE:20270109" in raw
    rows = list(csv.DictReader(io.StringIO((workspace / "p.csv").read_text())))
    assert rows[0]["id"] == "auth" and rows[0]["critical"] == "yes"
    assert rows[2]["depends_on"] == "auth" and rows[2]["start_date"] == "2027-01-11"
    # same input, same bytes, same UIDs
    first = hashlib.sha256(raw).hexdigest()
    invoke(cli, "plan", "--tasks", "tasks.yaml", *ARGS, "--ics", "p.ics")
    assert hashlib.sha256((workspace / "p.ics").read_bytes()).hexdigest() == first


def test_gantt_png_is_deterministic(cli, workspace: Path) -> None:
    setup(workspace)
    for name in ("a.png", "b.png"):
        r = invoke(cli, "plan", "archwise.yaml", "--tasks", "tasks.yaml", *ARGS, "--gantt", name)
        assert r.exit_code == 0, r.output
    a = (workspace / "a.png").read_bytes()
    assert a.startswith(b"\x89PNG") and a == (workspace / "b.png").read_bytes()


def test_fold_respects_utf8_octets() -> None:
    parts = fold("SUMMARY:" + "é" * 80)
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "SUMMARY:" + "é" * 80


def test_plan_errors_exit_2(cli, workspace: Path) -> None:
    (workspace / "bad.yaml").write_text(
        "tasks:\n  - {id: a, name: A, duration_days: 1, depends_on: [b]}\n"
        "  - {id: b, name: B, duration_days: 1, depends_on: [a]}\n"
    )
    r = invoke(cli, "plan", "--tasks", "bad.yaml", "--no-recommend")
    assert r.exit_code == 2
    assert "bad.yaml:2" in r.stderr and "a -> b -> a" in r.stderr
    r = invoke(cli, "plan", "--tasks", "bad.yaml", "--no-recommend", "--json")
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["problems"][0]["line"] == 2
    setup(workspace)
    nr = "--no-recommend"
    assert invoke(cli, "plan", "--tasks", "tasks.yaml", nr, "--ics", "x.ics").exit_code == 2
    assert not (workspace / "x.ics").exists()
    assert invoke(cli, "plan", "--tasks", "tasks.yaml", nr, "--start", "2027-13-01").exit_code == 2
    assert invoke(cli, "plan", "--tasks", "tasks.yaml", nr, "--gantt", "g.svg").exit_code == 2
    (workspace / "archwise.yaml").unlink()
    assert invoke(cli, "plan").exit_code == 2


def test_risks_add_update_show_list(cli, workspace: Path) -> None:
    setup(workspace)
    r = invoke(
        cli,
        "risks",
        "add",
        "--title",
        "Node hits its connection limit",
        "--likelihood",
        "3",
        "--impact",
        "4",
        "--decision",
        "realtime",
        "--answer",
        "rollback=Route new connections to a second pool",
    )
    assert r.exit_code == 0, r.output
    r = invoke(
        cli, "risks", "add", "--title", "Vendor price rise", "--likelihood", "2", "--impact", "2"
    )
    assert r.exit_code == 0
    r = invoke(cli, "risks", "list", "--no-recommend", "--json")
    reg = json.loads(r.stdout)
    assert all(x["source"] == "manual" for x in reg["risks"])
    exposures = [x["exposure"] for x in reg["risks"]]
    assert exposures[:2] == sorted(exposures[:2], reverse=True)
    ids = [x["id"] for x in reg["risks"]]
    assert "node-hits-its-connection-limit" in ids and "vendor-price-rise" in ids
    r = invoke(
        cli,
        "risks",
        "update",
        "vendor-price-rise",
        "--likelihood",
        "5",
        "--impact",
        "5",
        "--status",
        "mitigating",
        "--owner",
        "ana",
    )
    assert r.exit_code == 0, r.output
    listed = json.loads(invoke(cli, "risks", "list", "--json").stdout)["risks"]
    top = listed[0]
    assert any(x["source"] == "recommendation" for x in listed)  # drafts from the decisions
    assert top["id"] == "vendor-price-rise" and top["exposure"] == 25
    r = invoke(cli, "risks", "show", "node-hits-its-connection-limit")
    assert "What's our rollback strategy?" in r.stdout and "second pool" in r.stdout
    assert invoke(cli, "risks", "show", "nope").exit_code == 2
    assert invoke(cli, "risks", "update", "vendor-price-rise", "--impact", "9").exit_code == 2
    assert invoke(cli, "risks", "update", "vendor-price-rise", "--status", "x").exit_code == 2
    dup = invoke(
        cli, "risks", "add", "--title", "Vendor price rise", "--likelihood", "1", "--impact", "1"
    )
    assert dup.exit_code == 2


def test_ics_parses_with_a_real_icalendar_parser(cli, workspace: Path) -> None:
    try:
        import icalendar
    except ImportError:
        require_in_ci("the icalendar package (dev extra)")
        return
    setup(workspace)
    r = invoke(cli, "plan", "--tasks", "tasks.yaml", *ARGS, "--ics", "p.ics")
    assert r.exit_code == 0, r.output
    cal = icalendar.Calendar.from_ical((workspace / "p.ics").read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 14
    by = {str(e["SUMMARY"]): e for e in events}
    auth = by["Basic auth (JWT)"]
    assert auth.decoded("DTSTART").isoformat() == "2027-01-04"
    assert auth.decoded("DTEND").isoformat() == "2027-01-09"
    assert "critical path" in str(auth["DESCRIPTION"])
    assert by["Milestone: MVP launch"].decoded("DTSTART").isoformat() == "2027-02-24"
    assert len({str(e["UID"]) for e in events}) == 14
