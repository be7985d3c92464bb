"""The workflow state machine as pure logic: plans, exit conditions, review loops, answers."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from archwise.session import audit
from archwise.session import workflow as wf
from archwise.session.answers import is_skip, is_unknown


class Machine:
    """Feeds events to a state the way the store would number them."""

    def __init__(self, **started: Any) -> None:
        self.state = wf.SessionState(id="s1")
        self.events: list[dict[str, Any]] = []
        self.add("started", {"title": "T", **started})

    def add(self, kind: str, data: dict[str, Any], actor: str = "ana") -> None:
        seq = self.state.seq + 1
        at = f"2026-01-01T00:00:{seq:02d}Z"
        wf.apply(self.state, kind, data, seq=seq, actor=actor, at=at)
        self.events.append({"seq": seq, "at": at, "actor": actor, "kind": kind, "data": data})

    def statuses(self) -> list[tuple[str, str]]:
        return [(t.phase, t.status) for t in self.state.todos]


TWO_OPTIONS = {
    "options": [
        {"name": "Monolith", "pros": ["simple"], "cons": ["scales as one"]},
        {"name": "Services", "pros": ["scale apart"], "cons": ["ops burden"]},
    ]
}


def test_start_plans_phases_and_skips_codebase_analysis_without_codebase() -> None:
    m = Machine()
    assert m.statuses() == [
        ("discovery", "in_progress"),
        ("constraint-evaluation", "pending"),
        ("solution-design", "pending"),
        ("documentation", "pending"),
    ]
    assert m.state.skipped == ["Codebase Analysis: no codebase yet"]
    assert m.state.todos[0].todowrite() == {
        "content": "Discovery",
        "status": "in_progress",
        "activeForm": "Gathering requirements",
    }


def test_codebase_adds_analysis_and_small_questions_go_straight_to_design() -> None:
    assert [t.phase for t in Machine(codebase="src").state.todos][:3] == [
        "discovery",
        "codebase-analysis",
        "constraint-evaluation",
    ]
    small = Machine(small=True)
    assert small.statuses() == [
        ("discovery", "completed"),
        ("solution-design", "in_progress"),
        ("documentation", "pending"),
    ]


def test_discovery_blocks_on_unknown_decisive_fields_until_waived() -> None:
    m = Machine(requirements="archwise.yaml")
    items = [
        wf.OpenItem("non_functional.latency.p99_ms", "What p99?", "sizes everything", "p99"),
        wf.OpenItem("constraints.cloud", "Which cloud?", "", "cloud"),
    ]
    blockers = wf.blockers(m.state, discovery_open=items)
    assert [b.field for b in blockers] == ["non_functional.latency.p99_ms", "constraints.cloud"]
    assert "What p99? (sizes everything)" in blockers[0].message
    assert "session waive non_functional.latency.p99_ms" in blockers[0].fix
    m.add("waived", {"field": "non_functional.latency", "reason": "no SLO yet"})
    m.add("waived", {"field": "cloud", "reason": "any"})
    assert wf.blockers(m.state, discovery_open=items) == []


def test_requirements_errors_and_missing_file_block() -> None:
    assert wf.blockers(Machine().state)[0].field == "requirements"
    m = Machine(requirements="x.yaml")
    assert "do not load: bad" in wf.blockers(m.state, requirements_error="bad")[0].message


def test_constraints_need_a_record() -> None:
    m = Machine()
    m.add("waived", {"field": "requirements", "reason": "spike"})
    m.add("advanced", {})
    assert m.state.phase == "constraint-evaluation"
    assert wf.blockers(m.state)[0].field == "constraints"
    m.add("note", {"text": "budget 2k, 2 engineers, 6 weeks"})
    assert wf.blockers(m.state) == []
    with_req = Machine(requirements="r.yaml")
    with_req.add("advanced", {})
    missing = wf.missing_constraints({"constraints": {"team": {"engineers": 3}}})
    assert "constraints.team.engineers" not in [i.field for i in missing]
    assert "constraints.budget.infra_usd_per_month" in [i.field for i in missing]
    assert len(wf.blockers(with_req.state, constraints_open=missing)) == len(missing)


def _to_design(m: Machine) -> None:
    while m.state.phase != "solution-design":
        m.add("advanced", {})


def test_solution_design_needs_two_options_with_tradeoffs() -> None:
    m = Machine()
    _to_design(m)
    assert "0 options with tradeoffs" in wf.blockers(m.state)[0].message
    m.add(
        "options_recorded",
        {"options": [{"name": "A", "pros": ["x"], "cons": []}, *TWO_OPTIONS["options"][:1]]},
    )
    assert "1 option with tradeoffs" in wf.blockers(m.state)[0].message
    m.add("options_recorded", TWO_OPTIONS)
    assert wf.blockers(m.state) == []


def test_review_loops_insert_before_documentation_as_often_as_needed() -> None:
    m = Machine()
    assert wf.review_refusal(m.state) is not None
    _to_design(m)
    m.add("options_recorded", TWO_OPTIONS)
    assert wf.review_refusal(m.state) is None
    m.add("review", {"feedback": "what about cost?"})
    m.add("advanced", {})
    assert m.state.phase == "review-refinement"
    assert "has not been addressed" in wf.blockers(m.state)[0].message
    m.add("review", {"feedback": "and multi-region?"})
    m.add("options_recorded", TWO_OPTIONS)
    assert wf.blockers(m.state) == []
    m.add("advanced", {})
    assert m.state.phase == "review-refinement"
    assert wf.blockers(m.state) != []
    m.add("note", {"text": "single region is enough for 2 years"})
    m.add("advanced", {})
    assert m.state.phase == "documentation"
    assert [t.phase for t in m.state.todos][-3:] == [
        "review-refinement",
        "review-refinement",
        "documentation",
    ]
    assert m.state.todos[-2].content == "Review & Refinement: and multi-region?"
    assert m.state.todos[-2].active_form == "Refining architecture"


def test_documentation_needs_an_adr_or_a_skip_and_feedback_reopens_it() -> None:
    m = Machine()
    _to_design(m)
    m.add("options_recorded", TWO_OPTIONS)
    m.add("advanced", {})
    assert "no ADR" in wf.blockers(m.state)[0].message
    m.add("adr_skipped", {"reason": "reversible choice"})
    assert wf.blockers(m.state) == []
    m.add("adr_recorded", {"path": "docs/adr/0001-x.md", "title": "X"})
    m.add("advanced", {})
    assert m.state.phase == "done"
    assert "complete" in wf.blockers(m.state)[0].message
    m.add("review", {"feedback": "security review says no"})
    assert m.state.phase == "review-refinement"
    assert m.state.adr is None
    assert m.statuses()[-1] == ("documentation", "pending")


def test_feedback_during_documentation_moves_back_to_review() -> None:
    m = Machine()
    _to_design(m)
    m.add("options_recorded", TWO_OPTIONS)
    m.add("advanced", {})
    m.add("review", {"feedback": "x" * 80})
    assert m.state.phase == "review-refinement"
    assert m.state.todos[-2].content.endswith("...")
    assert m.statuses()[-1] == ("documentation", "pending")


def test_audit_markdown_lists_every_event() -> None:
    m = Machine(requirements="r.yaml")
    m.add("waived", {"field": "constraints.cloud", "reason": "any | all"}, actor="agent:claude")
    m.add("advance_refused", {"phase": "discovery", "blockers": [{"message": "m", "fix": "f"}]})
    _to_design(m)
    m.add("options_recorded", TWO_OPTIONS)
    text = audit.markdown(m.state, m.events)
    assert "# Architecture session: T" in text
    assert (
        "| 2 | 2026-01-01T00:00:02Z | agent:claude | waived constraints.cloud: any \\| all |"
        in text
    )
    assert "advance from Discovery refused: m" in text
    assert "### Monolith" in text and "- con: ops burden" in text
    assert text.count("\n| ") == len(m.events) + 1


def test_answer_words() -> None:
    assert is_unknown("Unknown") and is_unknown("not sure") and not is_unknown("5")
    assert is_skip("skip") and is_skip("  ") and not is_skip("5")


COMMANDS = ["advance", "review", "options", "note", "adr", "skip", "waive"]


@settings(max_examples=200, deadline=None)
@given(
    codebase=st.booleans(),
    small=st.booleans(),
    steps=st.lists(st.sampled_from(COMMANDS), max_size=40),
)
def test_any_sequence_of_steps_keeps_the_workflow_sound(
    codebase: bool, small: bool, steps: list[str]
) -> None:
    m = Machine(codebase="src" if codebase else None, small=small)
    for cmd in steps:
        before = m.state.phase
        if cmd == "advance":
            if wf.blockers(m.state):
                continue
            m.add("advanced", {"from": before})
        elif cmd == "review":
            if wf.review_refusal(m.state):
                continue
            m.add("review", {"feedback": f"feedback {m.state.seq}"})
        elif cmd == "options":
            m.add("options_recorded", TWO_OPTIONS)
        elif cmd == "note":
            m.add("note", {"text": "n"})
        elif cmd == "adr":
            m.add("adr_recorded", {"path": "a.md", "title": "A"})
        elif cmd == "skip":
            m.add("adr_skipped", {"reason": "r"})
        else:
            m.add("waived", {"field": "requirements", "reason": "r"})
        todos = m.state.todos
        in_progress = [t for t in todos if t.status == "in_progress"]
        assert len(in_progress) == (0 if m.state.phase == "done" else 1)
        assert todos[0].phase == "discovery" and todos[-1].phase == "documentation"
        statuses = [t.status for t in todos]
        # Completed phases come first, then the one in progress, then pending ones.
        order = {"completed": 0, "in_progress": 1, "pending": 2}
        assert [order[s] for s in statuses] == sorted(order[s] for s in statuses)
        reviews = [i for i, t in enumerate(todos) if t.phase == "review-refinement"]
        design = next(i for i, t in enumerate(todos) if t.phase == "solution-design")
        assert all(design < i < len(todos) - 1 for i in reviews)
        assert len(reviews) == len(m.state.reviews)
        if m.state.phase == "done":
            assert m.state.adr is not None or m.state.adr_skipped is not None
