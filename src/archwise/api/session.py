"""Public API of the workflow: sessions, their phases, todos and audit trail, and the interview."""

from __future__ import annotations

import copy
import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field

from archwise.errors import ArchwiseError, ConflictError, InputError, NotFoundError
from archwise.fileio import atomic_write, read_text
from archwise.schema import Model
from archwise.session import audit
from archwise.session import workflow as wf
from archwise.store import Event, StaleSessionError, Store, display_url, open_store
from archwise.workspace import STATE_DIR, Workspace, open_workspace

__all__ = [
    "AnswerError",
    "BlockerView",
    "EventView",
    "InterviewQuestion",
    "SessionSummary",
    "SessionView",
    "TodoView",
    "add_note",
    "advance_session",
    "answer_question",
    "apply_answers",
    "attach_requirements",
    "current_session_id",
    "default_actor",
    "export_session",
    "extract_into",
    "interview_questions",
    "list_sessions",
    "phase_names",
    "prepare_requirements",
    "record_adr",
    "record_analysis",
    "record_options",
    "resume_session",
    "review_session",
    "session_events",
    "session_status",
    "session_todos",
    "skip_adr",
    "start_session",
    "waive_requirement",
    "write_text",
]

CURRENT_FILE = "current-session"
# Questions at least this decisive must be answered or waived before Discovery ends.
DECISIVE_IMPACT = 0.6
RETRIES = 20


class TodoView(Model):
    """A todo as TodoWrite has it, plus the phase it stands for."""

    model_config = ConfigDict(populate_by_name=True)

    content: str
    status: str
    active_form: str = Field(serialization_alias="activeForm")
    phase: str
    note: str | None = None


class BlockerView(Model):
    """What keeps the current phase open and the command that would fix it."""

    message: str
    fix: str
    field: str | None = None


class EventView(Model):
    """One recorded step: sequence number, time, actor, kind, data and a sentence."""

    seq: int
    at: str
    actor: str
    kind: str
    data: dict[str, Any]
    summary: str


class SessionView(Model):
    """The state of a session as every front end shows it."""

    id: str
    title: str
    phase: str
    phase_name: str
    status: Literal["active", "done"]
    requirements: str | None
    codebase: str | None
    small: bool
    created_at: str
    created_by: str
    todos: list[TodoView]
    todowrite: dict[str, list[dict[str, str]]] = Field(
        description="the todos exactly as the TodoWrite tool takes them"
    )
    skipped: list[str]
    can_advance: bool
    next_phase: str
    blockers: list[BlockerView]
    waivers: list[dict[str, str]]
    options: list[dict[str, Any]]
    adr: dict[str, Any] | None
    adr_skipped: str | None
    reviews: list[dict[str, str]]
    events: int
    store: str


class SessionSummary(Model):
    """A line of `session list`."""

    id: str
    title: str
    phase: str
    updated_at: str
    events: int
    current: bool


@dataclass
class _Ctx:
    ws: Workspace
    store: Store


def default_actor(actor: str | None = None) -> str:
    """The actor of a step: given, else ARCHWISE_ACTOR, else the login name."""
    if actor and actor.strip():
        return actor.strip()
    env = os.environ.get("ARCHWISE_ACTOR")
    if env and env.strip():
        return env.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _open(db: str | None, workspace: Path | None) -> _Ctx:
    ws = open_workspace(workspace)
    return _Ctx(ws, open_store(db, workspace=ws))


def _open_for(db: str | None, workspace: Path | None, ref: str | None) -> _Ctx:
    """Open the store for a command on an existing session; never create a store for it."""
    ws = open_workspace(workspace)
    url = ws.db_url(db)
    prefix = "sqlite:///"
    no_store = url.startswith(prefix) and not Path(url[len(prefix) :]).is_file()
    current = _current_file(ws)
    if not ref and not current.is_file():
        raise _no_current_session()
    if no_store:
        sid = ref or read_text(current, limit=4096, what="current-session file").strip()
        if not sid:
            raise _no_current_session()
        raise NotFoundError(f"no session '{sid}': this store has no sessions yet")
    return _Ctx(ws, open_store(db, workspace=ws))


def _no_current_session() -> InputError:
    return InputError(
        "no current session in this workspace: `archwise session start TITLE` or "
        "`archwise session resume ID` (`archwise session list` shows them)",
        field="session",
    )


def _current_file(ws: Workspace) -> Path:
    return ws.root / STATE_DIR / CURRENT_FILE


def current_session_id(workspace: Path | None = None) -> str | None:
    """The id of this workspace's current session, if one was started or resumed here."""
    path = _current_file(open_workspace(workspace))
    if not path.is_file():
        return None
    text = read_text(path, limit=4096, what="current-session file").strip()
    return text or None


def _resolve(ctx: _Ctx, ref: str | None) -> str:
    if ref:
        return ctx.store.get_session(ref).id
    path = _current_file(ctx.ws)
    sid = read_text(path, limit=4096, what="current-session file").strip() if path.is_file() else ""
    if not sid:
        raise _no_current_session()
    return ctx.store.get_session(sid).id


def _remember(ctx: _Ctx, sid: str) -> None:
    atomic_write(_current_file(ctx.ws), sid + "\n")


def _load(ctx: _Ctx, sid: str) -> wf.SessionState:
    return wf.replay(sid, ((e.kind, e.data, e.seq, e.actor, e.at) for e in ctx.store.events(sid)))


def _rel(ctx: _Ctx, path: Path) -> str:
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(ctx.ws.root.resolve()))
    except ValueError:
        return str(resolved)


def _abs(ctx: _Ctx, stored: str) -> Path:
    p = Path(stored)
    return p if p.is_absolute() else ctx.ws.root / p


def _requirements_context(ctx: _Ctx, state: wf.SessionState) -> dict[str, Any]:
    """Open questions of the attached requirements, for the Discovery and Constraint checks."""
    if state.requirements is None or state.phase not in {wf.DISCOVERY, wf.CONSTRAINTS}:
        return {}
    from archwise.requirements.loader import load_requirements

    path = _abs(ctx, state.requirements)
    try:
        req = load_requirements(path)
    except InputError as exc:
        return {"requirements_error": str(exc)}
    if state.phase == wf.CONSTRAINTS:
        plain = req.model_dump(mode="json", by_alias=True, exclude_none=True)
        return {"constraints_open": wf.missing_constraints(plain)}
    try:
        return {"discovery_open": _decisive_questions(ctx, req)}
    except InputError as exc:
        return {"requirements_error": f"the knowledge base does not load: {exc}"}


def _decisive_questions(ctx: _Ctx, req: Any) -> list[wf.OpenItem]:
    from archwise.kb.loader import load_kb
    from archwise.requirements.questions import open_questions

    kb = load_kb(ctx.ws.kb_dirs(), ctx.ws.radar_file())
    # Long-lived front ends (MCP, web) ask for the same state many times: reuse the answer while
    # neither the requirements nor the knowledge base changed.
    # The entry holds the KB itself, so its id cannot be reused by another KB while cached.
    key = (req.model_dump_json(), id(kb))
    entry = _DECISIVE_CACHE.get(key)
    if entry is None or entry[0] is not kb:
        items = [
            wf.OpenItem(q.field, q.question, q.why, q.id, q.impact)
            for q in open_questions(req, kb)
            if q.field is not None and q.impact >= DECISIVE_IMPACT
        ]
        if len(_DECISIVE_CACHE) > 64:
            _DECISIVE_CACHE.clear()
        entry = _DECISIVE_CACHE[key] = (kb, items)
    return list(entry[1])


_DECISIVE_CACHE: dict[tuple[str, int], tuple[Any, list[wf.OpenItem]]] = {}


def _blockers(ctx: _Ctx, state: wf.SessionState) -> list[wf.Blocker]:
    return wf.blockers(state, **_requirements_context(ctx, state))


def _view(ctx: _Ctx, state: wf.SessionState, *, check: bool = True) -> SessionView:
    blockers = _blockers(ctx, state) if check else []
    phase = state.phase
    return SessionView(
        id=state.id,
        title=state.title,
        phase=phase,
        phase_name=wf.PHASES[phase].name if phase in wf.PHASES else "Done",
        status="done" if phase == wf.DONE else "active",
        requirements=state.requirements,
        codebase=state.codebase,
        small=state.small,
        created_at=state.created_at,
        created_by=state.created_by,
        todos=[
            TodoView(
                content=t.content,
                status=t.status,
                active_form=t.active_form,
                phase=t.phase,
                note=t.note,
            )
            for t in state.todos
        ],
        todowrite={"todos": [t.todowrite() for t in state.todos]},
        skipped=list(state.skipped),
        can_advance=check and phase != wf.DONE and not blockers,
        next_phase=wf.next_phase(state),
        blockers=[BlockerView(message=b.message, fix=b.fix, field=b.field) for b in blockers],
        waivers=[
            {"field": w.field, "reason": w.reason, "actor": w.actor, "at": w.at}
            for w in state.waivers.values()
        ],
        options=state.options,
        adr=state.adr,
        adr_skipped=state.adr_skipped,
        reviews=[{"feedback": r.feedback, "actor": r.actor, "at": r.at} for r in state.reviews],
        events=state.seq,
        store=display_url(ctx.store.url),
    )


def _append(
    ctx: _Ctx, state: wf.SessionState, kind: str, data: dict[str, Any], actor: str
) -> Event:
    """Append an event that was decided on state; StaleSessionError when state moved on."""
    after = copy.deepcopy(state)
    wf.apply(after, kind, data, seq=state.seq + 1, actor=actor, at="")
    return ctx.store.append_event(
        state.id, kind, actor, data, expected_seq=state.seq, phase=after.phase
    )


def _command(
    db: str | None,
    workspace: Path | None,
    ref: str | None,
    decide: Any,
    *,
    check: bool = True,
) -> SessionView:
    """Run decide(ctx, state) -> (kind, data, actor) | None against fresh state, retrying races."""
    ctx = _open_for(db, workspace, ref)
    try:
        sid = _resolve(ctx, ref)
        for _ in range(RETRIES):
            state = _load(ctx, sid)
            decision = decide(ctx, state)
            if decision is not None:
                kind, data, actor = decision
                try:
                    _append(ctx, state, kind, data, actor)
                except StaleSessionError:
                    continue
            return _view(ctx, _load(ctx, sid), check=check)
        raise ConflictError(f"session {sid} keeps changing under us; try again")
    finally:
        ctx.store.close()


def start_session(
    title: str,
    *,
    requirements: Path | None = None,
    codebase: Path | None = None,
    small: bool = False,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Start a session with Discovery in progress and make it this workspace's current one.

    Without requirements, the workspace's archwise.yaml is attached when it exists.
    """
    title = title.strip()
    if not title:
        raise InputError("a session needs a title", field="title")
    if requirements is not None and not requirements.is_file():
        raise InputError("requirements file not found", file=requirements, field="requirements")
    if codebase is not None and not codebase.is_dir():
        raise InputError("codebase folder not found", file=codebase, field="codebase")
    ctx = _open(db, workspace)
    if requirements is None and ctx.ws.requirements_file.is_file():
        requirements = ctx.ws.requirements_file
    try:
        data: dict[str, Any] = {
            "title": title,
            "requirements": _rel(ctx, requirements) if requirements else None,
            "codebase": _rel(ctx, codebase) if codebase else None,
            "small": small,
        }
        probe = wf.SessionState(id="")
        wf.apply(probe, "started", data, seq=1, actor="", at="")
        row = ctx.store.create_session(
            title, actor=default_actor(actor), data=data, phase=probe.phase
        )
        _remember(ctx, row.id)
        return _view(ctx, _load(ctx, row.id))
    finally:
        ctx.store.close()


def session_status(
    ref: str | None = None, *, db: str | None = None, workspace: Path | None = None
) -> SessionView:
    """The session's phases, todos and what blocks the next phase."""
    return _command(db, workspace, ref, lambda ctx, state: None)


def advance_session(
    ref: str | None = None,
    *,
    actor: str | None = None,
    note: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Complete the current phase and start the next, if its exit condition holds.

    A refusal is recorded in the trail and raised as ConflictError naming every blocker.
    """
    who = default_actor(actor)
    refusal: list[wf.Blocker] = []

    def decide(ctx: _Ctx, state: wf.SessionState) -> tuple[str, dict[str, Any], str]:
        refusal.clear()
        blockers = _blockers(ctx, state)
        if blockers:
            refusal.extend(blockers)
            return (
                "advance_refused",
                {
                    "phase": state.phase,
                    "blockers": [{"message": b.message, "fix": b.fix} for b in blockers],
                },
                who,
            )
        data: dict[str, Any] = {"from": state.phase, "to": wf.next_phase(state)}
        if note:
            data["note"] = note
        if state.phase == wf.DISCOVERY and state.waivers:
            data["waived"] = sorted(state.waivers)
        return ("advanced", data, who)

    view = _command(db, workspace, ref, decide)
    if refusal:
        name = view.phase_name
        lines = [f"cannot leave {name} yet:"]
        lines += [f"  - {b.message}\n    fix: {b.fix}" for b in refusal]
        raise ConflictError("\n".join(lines))
    return view


def review_session(
    feedback: str,
    ref: str | None = None,
    *,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Record feedback and insert a Review & Refinement phase before Documentation."""
    text = feedback.strip()
    if not text:
        raise InputError("feedback is empty", field="feedback")
    who = default_actor(actor)

    def decide(ctx: _Ctx, state: wf.SessionState) -> tuple[str, dict[str, Any], str]:
        why = wf.review_refusal(state)
        if why:
            raise ConflictError(why)
        return ("review", {"feedback": text}, who)

    return _command(db, workspace, ref, decide)


def _schema_fields() -> set[str]:
    from archwise.requirements.schema import field_specs, section_specs

    return set(field_specs()) | set(section_specs())


def waive_requirement(
    field: str,
    reason: str,
    ref: str | None = None,
    *,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Record that a requirement (dotted field or question id) stays unknown, with the reason."""
    import difflib

    field = field.strip()
    if not reason.strip():
        raise InputError("a waiver needs a reason (--reason)", field="reason")
    known = _schema_fields()
    field = _question_fields().get(field, field)
    if field != wf.REQUIREMENTS_FIELD and field not in known:
        close = difflib.get_close_matches(field, sorted(known), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise InputError(
            f"'{field}' is not a requirements field{hint} (or use 'requirements' to proceed "
            "without a requirements file)",
            field="field",
        )
    who = default_actor(actor)
    return _command(
        db,
        workspace,
        ref,
        lambda ctx, state: ("waived", {"field": field, "reason": reason.strip()}, who),
    )


def attach_requirements(
    requirements: Path,
    ref: str | None = None,
    *,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Attach (or replace) the session's requirements file."""
    if not requirements.is_file():
        raise InputError("requirements file not found", file=requirements, field="requirements")
    who = default_actor(actor)
    return _command(
        db,
        workspace,
        ref,
        lambda ctx, state: (
            "requirements_attached",
            {"requirements": _rel(ctx, requirements)},
            who,
        ),
    )


def _compact_option(o: Any, i: int, source: str) -> dict[str, Any]:
    if not isinstance(o, dict) or not o.get("name"):
        raise InputError(f"options[{i}] needs a 'name'", file=source, field=f"options[{i}]")
    out: dict[str, Any] = {"name": str(o["name"])}
    for key in ("profile", "summary", "pros", "cons", "cost_usd_per_month", "components"):
        if o.get(key) is not None:
            out[key] = o[key]
    for key in ("pros", "cons"):
        value = out.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(
                f"options[{i}].{key} must be a list of text", file=source, field=f"{key}"
            )
    return out


def record_options(
    source: Path | None = None,
    ref: str | None = None,
    *,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Record the options of Solution Design: a recommendation's JSON, or run recommend now.

    With no source, `archwise.api.recommend.recommend` runs on the session's requirements.
    The whole recommendation is kept as a 'recommendation' snapshot; the session keeps the options.
    """
    if source is not None:
        payload = _read_json(source, "recommendation JSON")
        where = str(source)
    else:
        payload = _recommend_now(ref, db, workspace)
        where = "archwise recommend"
    if not isinstance(payload.get("options"), list):
        raise InputError(
            "expected a JSON object with an 'options' list (archwise recommend --json)",
            file=source,
            field="options",
        )
    options = [_compact_option(o, i, where) for i, o in enumerate(payload["options"])]
    who = default_actor(actor)
    ctx = _open_for(db, workspace, ref)
    try:
        sid = _resolve(ctx, ref)
        subject = str((payload.get("requirements") or {}).get("name") or sid)
        snapshot_id = ctx.store.save_snapshot("recommendation", subject, payload)
    finally:
        ctx.store.close()
    chosen = (payload.get("recommendation") or {}).get("option")
    data = {"options": options, "source": where, "snapshot": snapshot_id, "recommended": chosen}
    return _command(db, workspace, sid, lambda ctx, state: ("options_recorded", data, who))


def _read_json(source: Path, what: str) -> dict[str, Any]:
    text = read_text(source, what=what)
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", file=source, line=exc.lineno) from None
    if not isinstance(payload, dict):
        raise InputError("expected a JSON object", file=source, line=1)
    return payload


def _recommend_now(ref: str | None, db: str | None, workspace: Path | None) -> dict[str, Any]:
    from archwise.api.recommend import recommend

    ctx = _open_for(db, workspace, ref)
    try:
        state = _load(ctx, _resolve(ctx, ref))
        if state.requirements is None:
            raise InputError(
                "the session has no requirements file to recommend from: "
                "give a recommendation JSON, or attach requirements",
                field="source",
            )
        path = _abs(ctx, state.requirements)
        ws = ctx.ws
    finally:
        ctx.store.close()
    rec = recommend(path, kb_dirs=ws.kb_dirs(), radar=ws.radar_file())
    payload: dict[str, Any] = rec.model_dump(mode="json")
    return payload


def record_adr(
    path: Path,
    ref: str | None = None,
    *,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Record the ADR that documents this session's decision (parsed by archwise.api.adr)."""
    from archwise.api.adr import parse_text

    text = read_text(path, what="ADR")
    adr = parse_text(text, str(path))
    if not adr.title.strip():
        raise InputError("not an ADR: it has no title", file=path)
    who = default_actor(actor)

    def decide(ctx: _Ctx, state: wf.SessionState) -> tuple[str, dict[str, Any], str]:
        data = {
            "path": _rel(ctx, path),
            "title": adr.title.strip(),
            "number": adr.number,
            "status": adr.status,
            "format": adr.format,
        }
        return ("adr_recorded", data, who)

    return _command(db, workspace, ref, decide)


def skip_adr(
    reason: str,
    ref: str | None = None,
    *,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Record that this decision needs no ADR, and why."""
    if not reason.strip():
        raise InputError("skipping the ADR needs a reason (--reason)", field="reason")
    who = default_actor(actor)
    return _command(
        db, workspace, ref, lambda ctx, state: ("adr_skipped", {"reason": reason.strip()}, who)
    )


def record_analysis(
    ref: str | None = None,
    *,
    source: Path | None = None,
    summary: str | None = None,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Record the codebase analysis: `archwise analyze --json` output and/or a summary."""
    data: dict[str, Any] = {"summary": (summary or "").strip()}
    who = default_actor(actor)
    if source is None and not data["summary"]:
        return _run_analysis(ref, who, db, workspace)
    if source is not None:
        payload = _read_json(source, "analysis JSON")
        ctx = _open_for(db, workspace, ref)
        try:
            sid = _resolve(ctx, ref)
            data["snapshot"] = ctx.store.save_snapshot("analysis", sid, payload)
        finally:
            ctx.store.close()
        data["source"] = str(source)
        if not data["summary"]:
            data["summary"] = f"from {source.name}"
        ref = sid
    return _command(db, workspace, ref, lambda ctx, state: ("analysis_recorded", data, who))


def _analysis_summary(doc: dict[str, Any]) -> str:
    totals = doc.get("totals") or {}
    langs = [str(r.get("language")) for r in doc.get("languages") or [] if isinstance(r, dict)]
    parts = []
    if totals:
        parts.append(f"{totals.get('files', 0)} files, {totals.get('code', 0)} lines of code")
    if langs:
        parts.append("languages: " + ", ".join(langs[:5]))
    return "; ".join(parts) or "analysed"


def _run_analysis(ref: str | None, who: str, db: str | None, workspace: Path | None) -> SessionView:
    """Run `archwise analyze` on the session's codebase and record its snapshot."""
    from archwise.api.analyze import analyze

    ctx = _open_for(db, workspace, ref)
    try:
        sid = _resolve(ctx, ref)
        state = _load(ctx, sid)
        if state.codebase is None:
            raise InputError(
                "the session has no codebase; give --from ANALYSIS.json or --summary",
                field="source",
            )
        codebase = _abs(ctx, state.codebase)
    finally:
        ctx.store.close()
    doc = analyze(codebase, db=db)
    data = {"summary": _analysis_summary(doc), "snapshot": doc.get("snapshot"), "source": "analyze"}
    return _command(db, workspace, sid, lambda ctx, state: ("analysis_recorded", data, who))


def add_note(
    text: str,
    ref: str | None = None,
    *,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Add a note to the trail (a decision, an answer to feedback, a constraint)."""
    if not text.strip():
        raise InputError("the note is empty", field="text")
    who = default_actor(actor)
    return _command(db, workspace, ref, lambda ctx, state: ("note", {"text": text.strip()}, who))


def resume_session(
    ref: str,
    *,
    actor: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> SessionView:
    """Make a session this workspace's current one again."""
    ctx = _open_for(db, workspace, ref or "")
    try:
        sid = ctx.store.get_session(ref).id
        _remember(ctx, sid)
    finally:
        ctx.store.close()
    who = default_actor(actor)
    return _command(db, workspace, sid, lambda ctx, state: ("resumed", {}, who))


def list_sessions(
    *, limit: int = 50, db: str | None = None, workspace: Path | None = None
) -> list[SessionSummary]:
    """The sessions of the store, most recently updated first."""
    ctx = _open(db, workspace)
    try:
        current = _current_file(ctx.ws)
        cur = (
            read_text(current, limit=4096, what="current-session file").strip()
            if current.is_file()
            else ""
        )
        return [
            SessionSummary(
                id=r.id,
                title=r.title,
                phase=r.phase,
                updated_at=r.updated_at,
                events=r.last_seq,
                current=r.id == cur,
            )
            for r in ctx.store.list_sessions(limit)
        ]
    finally:
        ctx.store.close()


def session_events(
    ref: str | None = None, *, db: str | None = None, workspace: Path | None = None
) -> list[EventView]:
    """The audit trail: every recorded step in order."""
    ctx = _open_for(db, workspace, ref)
    try:
        sid = _resolve(ctx, ref)
        return [
            EventView(
                seq=e.seq,
                at=e.at,
                actor=e.actor,
                kind=e.kind,
                data=e.data,
                summary=audit.describe(e.kind, e.data),
            )
            for e in ctx.store.events(sid)
        ]
    finally:
        ctx.store.close()


def session_todos(
    ref: str | None = None, *, db: str | None = None, workspace: Path | None = None
) -> dict[str, list[dict[str, str]]]:
    """The todos in the TodoWrite tool's JSON shape: {"todos": [{content, status, activeForm}]}."""
    return _command(db, workspace, ref, lambda ctx, state: None, check=False).todowrite


def export_session(
    ref: str | None = None,
    *,
    fmt: Literal["json", "markdown"] = "json",
    db: str | None = None,
    workspace: Path | None = None,
) -> str:
    """The whole session (state and trail) as a JSON or Markdown document."""
    if fmt not in {"json", "markdown"}:
        raise InputError(f"unknown format '{fmt}'; use json or markdown", field="format")
    ctx = _open_for(db, workspace, ref)
    try:
        sid = _resolve(ctx, ref)
        events = ctx.store.events(sid)
        state = wf.replay(sid, ((e.kind, e.data, e.seq, e.actor, e.at) for e in events))
        trail = [
            {
                "seq": e.seq,
                "at": e.at,
                "actor": e.actor,
                "kind": e.kind,
                "data": e.data,
                "summary": audit.describe(e.kind, e.data),
            }
            for e in events
        ]
        if fmt == "markdown":
            return audit.markdown(state, trail)
        view = _view(ctx, state)
        doc = {"session": view.model_dump(mode="json", by_alias=True), "events": trail}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    finally:
        ctx.store.close()


# --- the discovery interview ---------------------------------------------------------------------


class AnswerError(InputError):
    """An interview answer the requirements schema does not accept; ask again."""


class InterviewQuestion(Model):
    """One open question of the interview, with why it is asked and what an answer looks like."""

    id: str
    field: str
    question: str
    why: str
    impact: float
    answer_type: str | None
    choices: list[str] = Field(default_factory=list)
    hint: str


_KIND = {
    "text": "text",
    "integer": "number",
    "number": "number",
    "boolean": "bool",
    "choice": "text",
    "list": "list",
    "mapping": "mapping",
}


def write_text(path: Path, text: str, *, force: bool = False) -> None:
    """Write an export atomically; it never replaces the workspace's archwise.yaml unasked."""
    from archwise.fileio import write_output

    write_output(path, text, inputs=[open_workspace().requirements_file], force=force)


def prepare_requirements(
    file: Path | None,
    *,
    name: str | None = None,
    actor: str | None = None,
    db: str | None = None,
) -> Path:
    """The requirements file to interview into, created with just a name when it is missing.

    The current session, if it has no requirements file yet, gets this one attached.
    """
    ws = open_workspace()
    path = file if file is not None else ws.requirements_file
    if path.exists() and not path.is_file():
        raise InputError("expected a requirements file, got a folder", file=path)
    if not path.exists():
        _create_requirements(path, name)
    if current_session_id() is not None:
        who = default_actor(actor)

        def decide(ctx: _Ctx, state: wf.SessionState) -> tuple[str, dict[str, Any], str] | None:
            if state.requirements is not None:
                return None
            return ("requirements_attached", {"requirements": _rel(ctx, path)}, who)

        _command(db, None, None, decide, check=False)
    return path


def _create_requirements(path: Path, name: str | None) -> None:
    system = (name or path.resolve().parent.name or "system").strip()
    header = (
        "# Requirements, written by `archwise discover`: every key is optional; a missing key\n"
        "# is unknown and archwise asks about it.\n"
    )
    atomic_write(path, f"{header}name: {json.dumps(system)}\n")


def _hint(q: Any) -> str:
    if q.choices:
        return "one of " + ", ".join(q.choices)
    if q.example:
        return f"e.g. {q.example}"
    return {"integer": "a whole number", "number": "a number", "boolean": "yes or no"}.get(
        str(q.answer_type), "text"
    )


def _open_questions(path: Path) -> list[Any]:
    from archwise.kb.loader import load_kb
    from archwise.requirements.loader import load_requirements
    from archwise.requirements.questions import open_questions

    ws = open_workspace()
    req = load_requirements(path)
    return [q for q in open_questions(req, load_kb(ws.kb_dirs(), ws.radar_file())) if q.field]


def _question_fields() -> dict[str, str]:
    """Question id -> the requirements field it fills, for every question of the KB."""
    from archwise.kb.loader import load_kb
    from archwise.requirements.questions import questions_of

    ws = open_workspace()
    kb = load_kb(ws.kb_dirs(), ws.radar_file())
    return {q.id: q.field for q in questions_of(kb) if q.field}


def _waived_fields(db: str | None) -> set[str]:
    """Fields waived in this workspace's current session (they are not asked again)."""
    if current_session_id() is None:
        return set()
    try:
        view = session_status(db=db)
    except (InputError, ArchwiseError):
        return set()
    return {w["field"] for w in view.waivers}


def interview_questions(path: Path, *, db: str | None = None) -> list[InterviewQuestion]:
    """The open questions of a requirements file, most decisive first, minus waived fields."""
    waived = _waived_fields(db)
    out = []
    for q in _open_questions(path):
        if any(q.field == w or q.field.startswith(w + ".") or q.id == w for w in waived):
            continue
        out.append(
            InterviewQuestion(
                id=q.id,
                field=q.field,
                question=q.question,
                why=q.why,
                impact=q.impact,
                answer_type=q.answer_type,
                choices=list(q.choices),
                hint=_hint(q),
            )
        )
    return out


def _record_if_session(kind: str, data: dict[str, Any], actor: str | None, db: str | None) -> None:
    if current_session_id() is None:
        return
    who = default_actor(actor)
    _command(db, None, None, lambda ctx, state: (kind, data, who))


def _write_value(path: Path, field: str, value: Any, actor: str | None, db: str | None) -> None:
    from archwise.requirements.edit import set_values

    try:
        set_values(path, {field: value})
    except InputError as exc:
        raise AnswerError(problems=exc.problems) from None
    _record_if_session("answered", {"field": field, "value": value}, actor, db)


def answer_question(
    path: Path,
    field: str,
    raw: str,
    *,
    actor: str | None = None,
    db: str | None = None,
) -> dict[str, Any]:
    """Write one typed answer into the requirements file now (comments and order kept).

    'unknown' writes nothing and, in a session, waives the field with that reason.
    An answer the schema refuses raises AnswerError saying what would be valid.
    """
    from archwise.requirements.answers import parse_answer
    from archwise.session.answers import is_unknown

    value = None if is_unknown(raw) else _parse(field, raw, parse_answer)
    if value is None:
        _record_if_session(
            "waived", {"field": field, "reason": "answered 'unknown' in the interview"}, actor, db
        )
        return {"field": field, "value": None, "unknown": True}
    _write_value(path, field, value, actor, db)
    return {"field": field, "value": value, "unknown": False}


def _parse(field: str, raw: str, parse: Any) -> Any:
    try:
        return parse(field, raw)
    except InputError as exc:
        raise AnswerError(problems=exc.problems) from None


def extract_into(
    path: Path, brief: Path, *, actor: str | None = None, db: str | None = None
) -> list[dict[str, Any]]:
    """Read requirement values from a free-text brief into the file, each with its phrase.

    Values already in the file are kept (the file wins over the brief); lists and mappings are
    merged (archwise.api.requirements.apply_brief).
    """
    from archwise.api.requirements import apply_brief

    applied = apply_brief(path, read_text(brief, what="brief"))
    out: list[dict[str, Any]] = []
    for field, item in applied.extraction.values.items():
        wrote = [k for k in applied.written if k == field or k.startswith(field + ".")]
        kept = {k: v for k, v in applied.kept.items() if k == field or k.startswith(field + ".")}
        note = item.note
        if kept:
            note = "; ".join(f"{k}: {v['file']!r} in the file, kept" for k, v in kept.items())
        elif not wrote:
            note = note or "already in the file"
        out.append(
            {
                "field": field,
                "value": item.value,
                "phrase": item.phrase,
                "written": bool(wrote),
                "note": note,
            }
        )
    written = [r for r in out if r["written"]]
    if written:
        data = {
            "brief": str(brief),
            "values": [
                {"field": r["field"], "value": r["value"], "phrase": r["phrase"]} for r in written
            ],
        }
        _record_if_session("brief_extracted", data, actor, db)
    return out


def apply_answers(
    path: Path, answers: Path, *, actor: str | None = None, db: str | None = None
) -> list[dict[str, Any]]:
    """Apply a YAML file of answers (dotted field or question id: value) without a terminal."""
    from archwise import yamlio
    from archwise.requirements.schema import field_specs

    data = yamlio.load(answers, what="answers file")
    if not isinstance(data, dict):
        raise InputError(
            "the answers file must map fields (or question ids) to answers", file=answers, line=1
        )
    specs = field_specs()
    by_id = _question_fields()
    done: list[dict[str, Any]] = []
    for key, value in yamlio.to_plain(data).items():
        field = by_id.get(str(key), str(key))
        if field not in specs:
            raise InputError(
                "not a requirements field or open question id",
                file=answers,
                line=yamlio.line_of(data, (key,)),
                field=str(key),
            )
        try:
            if isinstance(value, str):
                if value.strip().lower() == "skip":
                    continue
                done.append(answer_question(path, field, value, actor=actor, db=db))
            elif value is not None:
                _write_value(path, field, value, actor, db)
                done.append({"field": field, "value": value, "unknown": False})
        except AnswerError as exc:
            raise InputError(
                str(exc), file=answers, line=yamlio.line_of(data, (key,)), field=str(key)
            ) from None
    return done


def phase_names() -> list[str]:
    """The workflow's phases by name, in their usual order."""
    return [p.name for p in wf.PHASES.values()]
