"""Phased delivery: the spec's phases and success metrics for the chat example."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from archwise.api.plan import plan
from archwise.kb.loader import load_kb
from archwise.kb.schemas.phase import Phase
from archwise.plan.phases import parse_months, plan_phases
from archwise.requirements.loader import parse_requirements
from tests.conftest import EXAMPLES

# The evolution path of the spec's worked example, in the recommend contract's shape.
SPEC_EVOLUTION = {
    "recommendation": {
        "option": "Monolith + WebSockets + PostgreSQL",
        "evolution": [
            {
                "phase": "Monolith MVP",
                "months": "1-3",
                "trigger": "Start",
                "to": "Monolith + WebSockets + PostgreSQL",
                "actions": ["Build with Hono + WebSockets + PostgreSQL + Redis"],
                "success_metrics": ["1k concurrent users, p99 < 200ms"],
            },
            {
                "phase": "Production hardening",
                "months": "4-6",
                "trigger": "MVP validated",
                "to": "Monolith + WebSockets + PostgreSQL",
                "actions": ["Add monitoring (OpenTelemetry + Grafana)"],
                "success_metrics": ["10k concurrent users, p99 < 100ms, 99.9% uptime"],
            },
            {
                "phase": "Scale with Rust gateway",
                "months": "7+",
                "trigger": "Connection limits near (~50k concurrent on Node)",
                "to": "Rust WebSocket gateway + Hono API",
                "actions": ["Extract WebSocket handling to a Rust service"],
                "success_metrics": ["100k concurrent users, p99 < 100ms"],
            },
        ],
    }
}


def phases() -> list[Phase]:
    return [p for p in load_kb().documents("phases") if isinstance(p, Phase)]


def metrics(ph) -> dict[str, float]:
    return {m.name: m.target for m in ph.success_metrics}


def test_chat_example_reproduces_the_spec_phases() -> None:
    p = plan(EXAMPLES / "chat-system.yaml", recommendation=SPEC_EVOLUTION)
    by = {ph.name: ph for ph in p.phases}
    assert [ph.name for ph in p.phases] == ["MVP", "Beta", "Production", "Optimization"]
    assert by["MVP"].months == "1-3" and by["MVP"].stage == "Monolith MVP"
    assert metrics(by["MVP"]) == {"concurrent_users": 1000, "p99_ms": 200}
    assert by["Beta"].months == "4" and by["Production"].months == "5-6"
    assert by["Production"].stage == "Production hardening"
    assert metrics(by["Production"]) == {
        "concurrent_users": 10000,
        "p99_ms": 100,
        "uptime_percent": 99.9,
    }
    opt = by["Optimization"]
    assert opt.months == "7+" and opt.end_week is None
    assert opt.architecture == "Rust WebSocket gateway + Hono API"
    assert opt.trigger == "connection limits near (~50k concurrent on Node)"
    assert by["MVP"].trigger is None
    assert metrics(opt)["concurrent_users"] == 100000 and metrics(opt)["p99_ms"] == 100
    assert any("Rust WebSocket gateway" in x for x in by["MVP"].left_out)
    assert "Extract WebSocket handling to a Rust service" in opt.deliverables
    assert p.evolution_source == "recommendation"


def test_without_recommendation_the_kb_phases_still_give_numbers() -> None:
    p = plan(EXAMPLES / "chat-system.yaml", use_recommendation=False)
    assert [ph.months for ph in p.phases] == ["1-3", "4", "5-6", "7+"]
    assert metrics(p.phases[0]) == {"concurrent_users": 1000, "p99_ms": 200}
    assert p.phases[0].left_out and p.evolution_source == "knowledge base phases"


def test_phases_scale_with_team_and_scope_without_a_timeline() -> None:
    base = "name: x\nfunctional: {workflows: [a, b, c]}\nconstraints: {team: {engineers: %d}}\n"
    small, warned = plan_phases(parse_requirements(base % 1), phases())
    assert any("non_functional.users.concurrent" in w for w in warned)
    large, _ = plan_phases(parse_requirements(base % 16), phases())
    assert small[0].weeks is not None and large[0].weeks is not None
    assert small[0].weeks > large[0].weeks
    assert large[0].weeks == 1.5  # the midpoint 3 weeks, halved for four times the team


def test_a_tight_timeline_is_warned_about() -> None:
    req = parse_requirements(
        "name: x\nfunctional: {workflows: [a, b, c, d, e, f, g, h, i]}\n"
        "constraints: {team: {engineers: 1}, timeline: {mvp_months: 1, production_months: 1.5}}\n"
    )
    out, warnings = plan_phases(req, phases())
    assert out[0].months == "1"
    assert any("cut scope or add people" in w for w in warnings)


def test_parse_months() -> None:
    assert parse_months("1-3") == (1, 3)
    assert parse_months("Months 4-6") == (4, 6)
    assert parse_months("7+") == (7, None)
    assert parse_months("soon") is None


def test_the_real_recommendation_drives_the_phases() -> None:
    p = plan(EXAMPLES / "chat-system.yaml")
    assert p.evolution_source == "recommendation" and p.architecture
    stages = {ph.stage for ph in p.phases if ph.stage}
    assert stages and p.phases[0].stage is not None
    assert p.phases[0].months == "1-3"
    assert metrics(p.phases[0]) == {"concurrent_users": 1000, "p99_ms": 200}
    assert metrics(p.phases[2])["uptime_percent"] == 99.9
    # the spec's path: a monolith now, a Rust connection gateway from month 7 near the limit
    mvp, opt = p.phases[0], p.phases[3]
    assert mvp.architecture == p.architecture and "monolith" in mvp.architecture.lower()
    assert opt.months == "7+" and opt.architecture and "Rust" in opt.architecture
    assert opt.trigger and "connections" in opt.trigger
    assert metrics(opt)["concurrent_users"] == 100000


def test_a_user_overlay_replaces_a_phase(tmp_path, monkeypatch) -> None:
    kb = tmp_path / "kb" / "phases"
    kb.mkdir(parents=True)
    (kb / "ours.yaml").write_text(
        "name: MVP\norder: 1\nweeks_min: 1\nweeks_max: 2\nfits: mvp\n"
        "focus: Prove the riskiest assumption\ndeliverables: [A walking skeleton]\n"
        "targets: {users_fraction: 0.05, p99_factor: 3}\n"
    )
    monkeypatch.setenv("ARCHWISE_KB", str(tmp_path / "kb"))
    p = plan(EXAMPLES / "chat-system.yaml", use_recommendation=False)
    mvp = p.phases[0]
    assert mvp.focus == "Prove the riskiest assumption"
    assert mvp.deliverables == ["A walking skeleton"]
    assert metrics(mvp) == {"concurrent_users": 5000, "p99_ms": 300}


def test_phases_never_share_a_month_and_sit_inside_the_recommendation() -> None:
    """Beta and Production used to overlap in month 5; each month now has one phase."""
    from archwise.api.recommend import recommend

    chat = EXAMPLES / "chat-system.yaml"
    spans = [parse_months(ph.months) for ph in plan(chat, samples=0).phases]
    assert all(s is not None for s in spans)
    pairs = [s for s in spans if s is not None]
    for (_, a_last), (b_first, _) in pairwise(pairs):
        assert a_last is not None and a_last < b_first
    stages = [parse_months(s.months) for s in recommend(chat).recommendation.evolution]
    for first, last in pairs:
        top = last if last is not None else 10**6
        assert any(s and s[0] <= first and (s[1] is None or top <= s[1]) for s in stages)


def test_phases_shorter_than_a_month_name_their_weeks(tmp_path: Path) -> None:
    """A two-month timeline has four phases: two share month 2 and say which weeks each has."""
    req = tmp_path / "archwise.yaml"
    req.write_text(
        "name: site\n"
        "functional: {workflows: [publish a page, list events]}\n"
        "non_functional: {users: {concurrent: 20}, availability_percent: 99.0}\n"
        "constraints: {team: {engineers: 1}, timeline: {mvp_months: 1, production_months: 2}}\n"
    )
    phases = plan(req, samples=0).phases
    labels = [ph.months for ph in phases]
    for a, b in pairwise(phases):
        if parse_months(a.months) == parse_months(b.months) and not a.months.endswith("+"):
            assert "weeks" in a.months and "weeks" in b.months, labels
            wa = [int(x) for x in a.months.split("weeks ")[1].rstrip(")").split("-")]
            wb = [int(x) for x in b.months.split("weeks ")[1].rstrip(")").split("-")]
            assert wa[-1] < wb[0], labels
    assert any("weeks" in m for m in labels), labels
