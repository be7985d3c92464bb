"""The architecture workflow as a state machine folded from a session's events (pure logic)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

TodoStatus = Literal["pending", "in_progress", "completed"]

DISCOVERY = "discovery"
CODEBASE = "codebase-analysis"
CONSTRAINTS = "constraint-evaluation"
DESIGN = "solution-design"
REVIEW = "review-refinement"
DOCUMENTATION = "documentation"
DONE = "done"


@dataclass(frozen=True)
class PhaseInfo:
    """A phase of the workflow: its display name and the TodoWrite activeForm."""

    key: str
    name: str
    active_form: str


# The spec's phases (Progress Tracking): name and activeForm of each.
PHASES: dict[str, PhaseInfo] = {
    p.key: p
    for p in (
        PhaseInfo(DISCOVERY, "Discovery", "Gathering requirements"),
        PhaseInfo(CODEBASE, "Codebase Analysis", "Analyzing codebase"),
        PhaseInfo(CONSTRAINTS, "Constraint Evaluation", "Evaluating constraints"),
        PhaseInfo(DESIGN, "Solution Design", "Designing solutions"),
        PhaseInfo(REVIEW, "Review & Refinement", "Refining architecture"),
        PhaseInfo(DOCUMENTATION, "Documentation", "Documenting architecture"),
    )
}

# The spec's "never skip constraint analysis (budget, timeline, team, existing systems)" plus
# "evaluate team expertise": the requirements Constraint Evaluation needs known or waived.
CONSTRAINT_FIELDS: dict[str, str] = {
    "constraints.team.engineers": "How many engineers build and run it?",
    "constraints.team.expertise": "What is the team strong in?",
    "constraints.timeline.mvp_months": "When must the first version ship (months)?",
    "constraints.budget.infra_usd_per_month": "What may the infrastructure cost per month (USD)?",
    "constraints.existing_systems": "Which existing systems must it live with or replace?",
}
REQUIREMENTS_FIELD = "requirements"
MIN_OPTIONS = 2


@dataclass
class Todo:
    """One phase of the session as a todo, as the TodoWrite tool has them."""

    phase: str
    content: str
    status: TodoStatus
    active_form: str
    started_seq: int | None = None
    note: str | None = None

    def todowrite(self) -> dict[str, str]:
        """The todo as a TodoWrite item."""
        return {"content": self.content, "status": self.status, "activeForm": self.active_form}


@dataclass(frozen=True)
class Waiver:
    """A requirement explicitly left unknown, with the reason and who decided it."""

    field: str
    reason: str
    actor: str
    at: str


@dataclass(frozen=True)
class OpenItem:
    """A requirement that is still unknown: its dotted field, the question and why it matters."""

    field: str
    question: str
    why: str = ""
    id: str | None = None
    impact: float | None = None


@dataclass(frozen=True)
class Blocker:
    """One reason the current phase cannot be left yet, and the command that would fix it."""

    message: str
    fix: str
    field: str | None = None


@dataclass
class Review:
    """Feedback that opened a Review & Refinement round."""

    feedback: str
    seq: int
    actor: str
    at: str


@dataclass
class SessionState:
    """Everything the events of one session add up to."""

    id: str
    title: str = ""
    requirements: str | None = None
    codebase: str | None = None
    small: bool = False
    created_at: str = ""
    created_by: str = ""
    todos: list[Todo] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    waivers: dict[str, Waiver] = field(default_factory=dict)
    options: list[dict[str, Any]] = field(default_factory=list)
    options_seq: int = 0
    options_source: str | None = None
    analysis: dict[str, Any] | None = None
    adr: dict[str, Any] | None = None
    adr_skipped: str | None = None
    reviews: list[Review] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    seq: int = 0

    @property
    def current(self) -> Todo | None:
        """The todo in progress, or None when the session is done."""
        return next((t for t in self.todos if t.status == "in_progress"), None)

    @property
    def phase(self) -> str:
        """Key of the current phase, or 'done'."""
        cur = self.current
        return cur.phase if cur else DONE

    def waived(self, item: OpenItem) -> Waiver | None:
        """The waiver covering this item (its field, a parent field, or its question id)."""
        for key, waiver in self.waivers.items():
            if key in {item.field, item.id} or item.field.startswith(key + "."):
                return waiver
        return None


def initial_todos(*, codebase: bool, small: bool) -> tuple[list[Todo], list[str]]:
    """The planned phases of a new session and the phases left out with the reason."""
    keys = [DISCOVERY]
    skipped: list[str] = []
    if small:
        skipped.append(f"{PHASES[CODEBASE].name} and {PHASES[CONSTRAINTS].name}: small question")
    else:
        if codebase:
            keys.append(CODEBASE)
        else:
            skipped.append(f"{PHASES[CODEBASE].name}: no codebase yet")
        keys.append(CONSTRAINTS)
    keys += [DESIGN, DOCUMENTATION]
    todos = [Todo(k, PHASES[k].name, "pending", PHASES[k].active_form) for k in keys]
    todos[0].status = "in_progress"
    todos[0].started_seq = 1
    if small:
        todos[0].status = "completed"
        todos[0].note = "small question: straight to Solution Design"
        todos[1].status = "in_progress"
        todos[1].started_seq = 1
    return todos, skipped


def apply(
    state: SessionState, kind: str, data: dict[str, Any], *, seq: int, actor: str, at: str
) -> None:
    """Fold one event into the state."""
    state.seq = seq
    if kind == "started":
        state.title = str(data["title"])
        state.requirements = data.get("requirements")
        state.codebase = data.get("codebase")
        state.small = bool(data.get("small"))
        state.created_at, state.created_by = at, actor
        state.todos, state.skipped = initial_todos(
            codebase=state.codebase is not None, small=state.small
        )
    elif kind == "advanced":
        _advance(state, seq, str(data.get("note") or "") or None)
    elif kind == "review":
        _insert_review(state, str(data["feedback"]), seq, actor, at)
    elif kind == "waived":
        f = str(data["field"])
        state.waivers[f] = Waiver(f, str(data["reason"]), actor, at)
    elif kind == "options_recorded":
        state.options = list(data.get("options") or [])
        state.options_seq = seq
        state.options_source = data.get("source")
    elif kind == "analysis_recorded":
        state.analysis = dict(data)
    elif kind == "adr_recorded":
        state.adr = dict(data)
        state.adr_skipped = None
    elif kind == "adr_skipped":
        state.adr_skipped = str(data["reason"])
        state.adr = None
    elif kind == "note":
        state.notes.append({"seq": seq, "phase": state.phase, "text": data.get("text", "")})
    elif kind == "requirements_attached":
        state.requirements = data.get("requirements")


def replay(
    session_id: str, events: Iterable[tuple[str, dict[str, Any], int, str, str]]
) -> SessionState:
    """The state of a session from its events (kind, data, seq, actor, at) in order."""
    state = SessionState(id=session_id)
    for kind, data, seq, actor, at in events:
        apply(state, kind, data, seq=seq, actor=actor, at=at)
    return state


def _advance(state: SessionState, seq: int, note: str | None) -> None:
    cur = state.current
    if cur is None:
        return
    cur.status = "completed"
    if note:
        cur.note = note
    nxt = next((t for t in state.todos if t.status == "pending"), None)
    if nxt is not None:
        nxt.status = "in_progress"
        nxt.started_seq = seq


def _insert_review(state: SessionState, feedback: str, seq: int, actor: str, at: str) -> None:
    state.reviews.append(Review(feedback, seq, actor, at))
    short = feedback if len(feedback) <= 60 else feedback[:57] + "..."
    todo = Todo(REVIEW, f"{PHASES[REVIEW].name}: {short}", "pending", PHASES[REVIEW].active_form)
    doc_index = max(
        (i for i, t in enumerate(state.todos) if t.phase == DOCUMENTATION), default=len(state.todos)
    )
    state.todos.insert(doc_index, todo)
    cur = state.current
    if cur is None or cur.phase == DOCUMENTATION:
        # Feedback on a documented (or finished) design reopens it: refine, then document again.
        if cur is not None:
            cur.status = "pending"
            cur.started_seq = None
        for t in state.todos[doc_index + 1 :]:
            t.status = "pending"
            t.note = None
        state.adr = None
        state.adr_skipped = None
        todo.status = "in_progress"
        todo.started_seq = seq


def review_refusal(state: SessionState) -> str | None:
    """Why feedback cannot open a review now, or None when it can."""
    if state.phase in {DESIGN, REVIEW, DOCUMENTATION, DONE}:
        return None
    return (
        f"the session is in {PHASES[state.phase].name}: Review & Refinement reviews a design, "
        "so it opens once Solution Design has started"
    )


def options_with_tradeoffs(options: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The options that name at least one pro and one con."""
    return [o for o in options if o.get("pros") and o.get("cons")]


def blockers(
    state: SessionState,
    *,
    discovery_open: Sequence[OpenItem] = (),
    constraints_open: Sequence[OpenItem] = (),
    requirements_error: str | None = None,
) -> list[Blocker]:
    """What keeps the current phase from being left; empty when advance may proceed."""
    phase = state.phase
    if phase == DONE:
        return [Blocker("the session is complete", "archwise session review FEEDBACK reopens it")]
    if phase in {DISCOVERY, CONSTRAINTS}:
        return _requirement_blockers(
            state,
            discovery_open if phase == DISCOVERY else constraints_open,
            requirements_error,
            phase,
        )
    if phase == CODEBASE:
        if state.analysis is None:
            return [
                Blocker(
                    f"the codebase {state.codebase} has not been analysed",
                    "archwise session record-analysis (runs the analysis or reads its --json)",
                )
            ]
        return []
    if phase == DESIGN:
        return _design_blockers(state)
    if phase == REVIEW:
        cur = state.current
        start = (cur.started_seq or 0) if cur else 0
        refined = state.options_seq > start or any(n["seq"] > start for n in state.notes)
        if refined:
            return []
        feedback = state.reviews[-1].feedback if state.reviews else ""
        return [
            Blocker(
                f"the feedback '{feedback}' has not been addressed",
                "archwise session record-options (refined options) or "
                "archwise session note 'how it was resolved'",
            )
        ]
    if state.adr is None and state.adr_skipped is None:
        return [
            Blocker(
                "no ADR written for this decision",
                "archwise adr new TITLE, then archwise session record-adr PATH; "
                "or archwise session skip-adr --reason WHY",
            )
        ]
    return []


def _requirement_blockers(
    state: SessionState, items: Sequence[OpenItem], error: str | None, phase: str
) -> list[Blocker]:
    if state.requirements is None and phase == CONSTRAINTS:
        if any(n["phase"] == CONSTRAINTS for n in state.notes) or state.waivers.get("constraints"):
            return []
        return [
            Blocker(
                "no constraints recorded (budget, timeline, team, existing systems)",
                "archwise session attach FILE with a constraints section, or "
                "archwise session note 'the constraints ...'",
                "constraints",
            )
        ]
    if state.requirements is None:
        if state.waivers.get(REQUIREMENTS_FIELD):
            return []
        return [
            Blocker(
                "no requirements file is attached",
                "archwise session attach FILE (or archwise discover), or "
                "archwise session waive requirements --reason WHY",
                REQUIREMENTS_FIELD,
            )
        ]
    if error:
        return [Blocker(f"the requirements do not load: {error}", "fix the file", None)]
    out: list[Blocker] = []
    for item in items:
        if state.waived(item):
            continue
        why = f" ({item.why})" if item.why else ""
        out.append(
            Blocker(
                f"{item.field} is unknown: {item.question}{why}",
                f"archwise discover, or archwise session waive {item.field} --reason WHY",
                item.field,
            )
        )
    return out


def _design_blockers(state: SessionState) -> list[Blocker]:
    good = options_with_tradeoffs(state.options)
    if len(good) >= MIN_OPTIONS:
        return []
    have = f"{len(good)} option{'s' if len(good) != 1 else ''} with tradeoffs recorded"
    return [
        Blocker(
            f"{have}; Solution Design needs at least {MIN_OPTIONS} options, "
            "each with pros and cons",
            "archwise session record-options [RECOMMEND.json]",
        )
    ]


def next_phase(state: SessionState) -> str:
    """Key of the phase advance would move to, or 'done'."""
    nxt = next((t for t in state.todos if t.status == "pending"), None)
    return nxt.phase if nxt else DONE


def missing_constraints(values: dict[str, Any]) -> list[OpenItem]:
    """The constraint fields of CONSTRAINT_FIELDS absent from plain requirements data."""
    out = []
    for dotted, question in CONSTRAINT_FIELDS.items():
        node: Any = values
        for part in dotted.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            out.append(OpenItem(dotted, question, "a constraint the options must respect"))
    return out
