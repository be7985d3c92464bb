"""The session suite through the CLI (in-process), once on SQLite and once on PostgreSQL."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, invoke

DATA = Path(__file__).parent / "data"


@pytest.fixture
def ws(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace holding the chat example, using the backend under test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARCHWISE_DB", db_url)
    monkeypatch.setenv("ARCHWISE_ACTOR", "ana")
    shutil.copy(EXAMPLES / "chat-system.yaml", tmp_path / "archwise.yaml")
    shutil.copy(DATA / "options.json", tmp_path / "options.json")
    return tmp_path


def run(cli, *args: str, code: int = 0):  # type: ignore[no-untyped-def]
    result = invoke(cli, *args)
    assert result.exit_code == code, (args, result.stdout, result.stderr)
    return result


def doc(cli, *args: str, code: int = 0):  # type: ignore[no-untyped-def]
    return json.loads(run(cli, *args, code=code).stdout)


def todos(cli) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    out = doc(cli, "session", "todos", "--format", "todowrite")
    assert set(out) == {"todos"}
    for t in out["todos"]:
        assert set(t) == {"content", "status", "activeForm"}
    return [(t["content"], t["status"]) for t in out["todos"]]


DECISIVE = [
    "non_functional.throughput.peak_rps",
    "functional.transactions",
    "constraints.technologies.in_use",
    "non_functional.throughput.writes_per_second",
]


def test_chat_session_from_start_to_documentation(cli, ws: Path) -> None:
    view = doc(
        cli, "session", "start", "Real-time chat", "--requirements", "archwise.yaml", "--json"
    )
    assert view["phase"] == "discovery"
    assert todos(cli) == [
        ("Discovery", "in_progress"),
        ("Constraint Evaluation", "pending"),
        ("Solution Design", "pending"),
        ("Documentation", "pending"),
    ]
    assert view["skipped"] == ["Codebase Analysis: no codebase yet"]

    refused = run(cli, "session", "advance", code=2)
    assert "cannot leave Discovery yet" in refused.stderr
    for field in DECISIVE:
        assert field in refused.stderr
    status = doc(cli, "session", "status", "--json")
    assert [b["field"] for b in status["blockers"]] == DECISIVE
    assert status["can_advance"] is False

    bad = run(cli, "session", "waive", "non_functional.latncy", "--reason", "x", code=2)
    assert "did you mean 'non_functional.latency'" in bad.stderr
    view = doc(cli, "session", "waive", "peak-rps", "--reason", "MVP: measure first", "--json")
    assert view["waivers"][0]["field"] == DECISIVE[0]
    for field in DECISIVE[1:]:
        run(cli, "session", "waive", field, "--reason", "MVP: measure first")
    run(cli, "session", "advance", "--actor", "agent:claude")
    assert todos(cli)[:2] == [("Discovery", "completed"), ("Constraint Evaluation", "in_progress")]

    run(cli, "session", "advance")
    assert todos(cli)[2] == ("Solution Design", "in_progress")
    refused = run(cli, "session", "advance", code=2)
    assert "0 options with tradeoffs recorded" in refused.stderr

    view = doc(cli, "session", "record-options", "options.json", "--json")
    assert [o["name"] for o in view["options"]][:2] == [
        "Modular monolith",
        "TypeScript API with a Rust gateway",
    ]
    run(cli, "session", "review", "What does the Rust gateway cost us in hiring?")
    assert todos(cli) == [
        ("Discovery", "completed"),
        ("Constraint Evaluation", "completed"),
        ("Solution Design", "in_progress"),
        ("Review & Refinement: What does the Rust gateway cost us in hiring?", "pending"),
        ("Documentation", "pending"),
    ]
    run(cli, "session", "advance")
    assert todos(cli)[3][1] == "in_progress"
    refused = run(cli, "session", "advance", code=2)
    assert "has not been addressed" in refused.stderr
    run(cli, "session", "note", "Gateway only after 50k connections; hire one Rust engineer then")
    run(cli, "session", "advance")
    assert todos(cli)[-1] == ("Documentation", "in_progress")

    refused = run(cli, "session", "advance", code=2)
    assert "no ADR written" in refused.stderr
    adr = ws / "docs" / "adr" / "0001-modular-monolith-for-chat.md"
    adr.parent.mkdir(parents=True)
    adr.write_text(
        "# 1. Modular monolith for chat\n\nDate: 2026-11-25\n\n## Status\n\nAccepted\n\n"
        "## Context\n\n100k concurrent users, a TypeScript team of five.\n\n"
        "## Decision\n\nA modular monolith on PostgreSQL and Redis.\n\n"
        "## Consequences\n\nA Rust gateway later, past 50k connections per node.\n",
        encoding="utf-8",
    )
    not_adr = ws / "empty.md"
    not_adr.write_text("no heading here\n", encoding="utf-8")
    assert "not an ADR" in run(cli, "session", "record-adr", str(not_adr), code=2).stderr
    run(cli, "session", "record-adr", str(adr))
    done = doc(cli, "session", "advance", "--json")
    assert done["status"] == "done"
    assert done["adr"]["path"] == "docs/adr/0001-modular-monolith-for-chat.md"
    assert (done["adr"]["title"], done["adr"]["number"]) == ("Modular monolith for chat", 1)
    assert all(status == "completed" for _, status in todos(cli))

    export = json.loads(run(cli, "session", "export", "--format", "json").stdout)
    kinds = [e["kind"] for e in export["events"]]
    assert kinds.count("advance_refused") == 4
    assert kinds.count("advanced") == 5
    assert [e["seq"] for e in export["events"]] == list(range(1, len(kinds) + 1))
    assert {e["actor"] for e in export["events"]} == {"ana", "agent:claude"}
    md = run(cli, "session", "export", "--format", "markdown").stdout
    assert "# Architecture session: Real-time chat" in md
    assert "| agent:claude | advanced Discovery → Constraint Evaluation |" in md
    assert "What does the Rust gateway cost us in hiring?" in md
    out = ws / "trail.md"
    run(cli, "session", "export", "--format", "markdown", "--output", str(out))
    assert out.read_text(encoding="utf-8") == md
    assert json.loads(run(cli, "session", "export", "--json").stdout)["events"] == export["events"]


def test_list_show_resume_and_current_session(cli, ws: Path) -> None:
    first = doc(cli, "session", "start", "First", "--small", "--json")
    assert first["phase"] == "solution-design"
    second = doc(cli, "session", "start", "Second", "--json")
    assert second["requirements"] == "archwise.yaml"
    rows = doc(cli, "session", "list", "--json")["sessions"]
    assert [(r["title"], r["current"]) for r in rows] == [("Second", True), ("First", False)]
    run(cli, "session", "resume", first["id"][:6])
    assert doc(cli, "session", "status", "--json")["id"] == first["id"]
    shown = doc(cli, "session", "show", second["id"], "--json")
    assert shown["session"]["title"] == "Second"
    assert shown["events"][0]["summary"] == "started session 'Second' (requirements archwise.yaml)"
    text = run(cli, "session", "show").stdout
    assert "resumed the session" in text
    assert "Solution Design" in run(cli, "session", "status").stdout
    missing = run(cli, "session", "status", "nosuchid", code=2)
    assert "no session 'nosuchid'" in missing.stderr


def test_small_question_and_skipped_adr(cli, ws: Path) -> None:
    run(cli, "session", "start", "Which queue for emails?", "--small")
    run(cli, "session", "record-options", "options.json")
    run(cli, "session", "advance")
    run(cli, "session", "skip-adr", "--reason", "a reversible library choice")
    view = doc(cli, "session", "advance", "--json")
    assert view["status"] == "done"
    assert view["adr_skipped"] == "a reversible library choice"


def test_codebase_analysis_phase(cli, ws: Path) -> None:
    (ws / "src").mkdir()
    (ws / "archwise.yaml").unlink()
    view = doc(cli, "session", "start", "Split the monolith?", "--codebase", "src", "--json")
    assert view["requirements"] is None
    assert [t["phase"] for t in view["todos"]][:2] == ["discovery", "codebase-analysis"]
    run(cli, "session", "waive", "requirements", "--reason", "the code is the spec")
    run(cli, "session", "advance")
    refused = run(cli, "session", "advance", code=2)
    assert "src has not been analysed" in refused.stderr
    analysis = ws / "analysis.json"
    analysis.write_text('{"languages": {"python": 1200}}', encoding="utf-8")
    run(cli, "session", "record-analysis", "--from", str(analysis))
    run(cli, "session", "advance")
    refused = run(cli, "session", "advance", code=2)
    assert "no constraints recorded" in refused.stderr


def test_bad_input_is_reported_not_raised(cli, ws: Path) -> None:
    run(cli, "session", "status", code=2)
    run(cli, "session", "start", "  ", code=2)
    run(cli, "session", "start", "x", "--requirements", "nope.yaml", code=2)
    run(cli, "session", "start", "x")
    (ws / "bad.json").write_text("{not json", encoding="utf-8")
    err = run(cli, "session", "record-options", "bad.json", code=2)
    assert "bad.json:1" in err.stderr
    run(cli, "session", "waive", "requirements", "--reason", " ", code=2)
    run(cli, "session", "review", "too early", code=2)
    run(cli, "session", "todos", "--format", "yaml", code=2)
    run(cli, "session", "export", "--format", "pdf", code=2)
    err = doc(cli, "session", "advance", "--json", code=2)
    assert err["error"]["type"] == "ConflictError"


RACER = textwrap.dedent(
    """
    import sys
    from archwise.api.session import add_note
    for i in range(int(sys.argv[2])):
        add_note(f"{sys.argv[1]} {i}", actor=sys.argv[1])
    """
)


def test_two_processes_on_one_session_lose_nothing(cli, ws: Path) -> None:
    (ws / "archwise.yaml").unlink()
    run(cli, "session", "start", "Concurrent")
    n = 20
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, who, str(n)], cwd=ws, stderr=subprocess.PIPE, text=True
        )
        for who in ("p1", "p2")
    ]
    for p in procs:
        _, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
    events = doc(cli, "session", "show", "--json")["events"]
    assert [e["seq"] for e in events] == list(range(1, 2 * n + 2))
    for who in ("p1", "p2"):
        assert [e["data"]["text"] for e in events if e["actor"] == who] == [
            f"{who} {i}" for i in range(n)
        ]


def test_discover_attaches_its_file_to_the_current_session(cli, ws: Path) -> None:
    (ws / "archwise.yaml").unlink()
    view = doc(cli, "session", "start", "New system", "--json")
    assert view["requirements"] is None
    err = run(cli, "session", "record-options", code=2)
    assert "no requirements file to recommend from" in err.stderr
    (ws / "answers.yaml").write_text("peak-rps: 1.5k\nfunctional.realtime: yes\n", encoding="utf-8")
    report = doc(cli, "discover", "--answers", "answers.yaml", "--name", "Shop", "--json")
    assert [a["field"] for a in report["answered"]] == [
        "non_functional.throughput.peak_rps",
        "functional.realtime",
    ]
    assert report["open"][0]["impact"] >= report["open"][-1]["impact"]
    text = (ws / "archwise.yaml").read_text(encoding="utf-8")
    assert 'name: "Shop"' in text or "name: Shop" in text
    assert "peak_rps: 1500" in text
    view = doc(cli, "session", "status", "--json")
    assert view["requirements"] == "archwise.yaml"
    assert view["blockers"] and all(b["field"] != "requirements" for b in view["blockers"])
    (ws / "bad.yaml").write_text("peak-rps: lots\n", encoding="utf-8")
    err = run(cli, "discover", "--answers", "bad.yaml", code=2)
    assert "bad.yaml:1" in err.stderr and "cannot use 'lots'" in err.stderr
    (ws / "typo.yaml").write_text("peak-rpz: 5\n", encoding="utf-8")
    err = run(cli, "discover", "--answers", "typo.yaml", code=2)
    assert "typo.yaml:1: peak-rpz" in err.stderr


BRIEF = """\
A chat product: about 100k concurrent users, p99 under 100 ms, 99.9% uptime,
a team of 5 strong in TypeScript, 3 months to MVP, $5k a month.
"""


def test_discover_from_a_brief_shows_phrases_keeps_the_file_and_asks_the_rest(
    cli, ws: Path
) -> None:
    (ws / "archwise.yaml").write_text(
        "# ours\nname: Chat  # the product\nconstraints:\n  team:\n    engineers: 4  # hired one\n",
        encoding="utf-8",
    )
    (ws / "brief.md").write_text(BRIEF, encoding="utf-8")
    (ws / "answers.yaml").write_text("non_functional.consistency: strong\n", encoding="utf-8")
    run(cli, "session", "start", "Chat")
    report = doc(cli, "discover", "--from", "brief.md", "--answers", "answers.yaml", "--json")
    got = {e["field"]: e for e in report["extracted"]}
    assert got["non_functional.users.concurrent"]["value"] == 100_000
    assert got["non_functional.users.concurrent"]["phrase"] == "about 100k concurrent users"
    assert got["non_functional.latency.p99_ms"]["written"] is True
    assert got["constraints.team.engineers"]["written"] is False
    assert "kept" in got["constraints.team.engineers"]["note"]
    assert report["answered"] == [
        {"field": "non_functional.consistency", "value": "strong", "unknown": False}
    ]
    text = (ws / "archwise.yaml").read_text(encoding="utf-8")
    assert text.startswith("# ours\nname: Chat  # the product\n")
    assert "engineers: 4  # hired one" in text
    assert "p99_ms: 100" in text
    human = run(cli, "discover", "--from", "brief.md", "--answers", "answers.yaml").stdout
    assert '← "p99 under 100 ms"' in human
    trail = doc(cli, "session", "show", "--json")["events"]
    assert any(e["kind"] == "brief_extracted" for e in trail)


def test_a_decision_taken_on_stale_state_is_taken_again(
    cli, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process advances between our check and our write: we re-check, not double-advance."""
    from archwise.api import session as api
    from archwise.errors import ConflictError
    from archwise.session import workflow as wf
    from archwise.store import open_store

    (ws / "archwise.yaml").unlink()
    sid = doc(cli, "session", "start", "Race", "--json")["id"]
    run(cli, "session", "waive", "requirements", "--reason", "spike")
    real = wf.blockers
    calls: list[str] = []

    def racing_blockers(state, **kw):  # type: ignore[no-untyped-def]
        calls.append(state.phase)
        if len(calls) == 1:
            with open_store() as store:
                store.append_event(sid, "advanced", "other", {"from": "discovery"}, phase="x")
        return real(state, **kw)

    monkeypatch.setattr(wf, "blockers", racing_blockers)
    with pytest.raises(ConflictError, match="no constraints recorded"):
        api.advance_session()
    assert calls[:2] == ["discovery", "constraint-evaluation"]
    events = doc(cli, "session", "show", "--json")["events"]
    assert [e["kind"] for e in events[-2:]] == ["advanced", "advance_refused"]
    assert [e["actor"] for e in events if e["kind"] == "advanced"] == ["other"]


def test_db_option_selects_the_store(cli, ws: Path, db_url: str, monkeypatch) -> None:
    monkeypatch.delenv("ARCHWISE_DB")
    (ws / "archwise.yaml").unlink()
    if db_url.startswith("sqlite"):
        db_url = f"sqlite:///{ws / 'elsewhere.db'}"
    view = doc(cli, "session", "start", "Elsewhere", "--db", db_url, "--json")
    assert view["store"].split(":", maxsplit=1)[0] == db_url.split(":", maxsplit=1)[0]
    assert doc(cli, "session", "status", "--db", db_url, "--json")["id"] == view["id"]
    # The default store of the workspace does not have that session.
    err = run(cli, "session", "status", code=2)
    assert f"no session '{view['id']}'" in err.stderr
