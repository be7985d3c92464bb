"""The audit trail of a session: one sentence per event, and the Markdown export (pure logic)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archwise.session.workflow import PHASES, SessionState


def _phase_name(key: Any) -> str:
    info = PHASES.get(str(key))
    return info.name if info else str(key)


def describe(kind: str, data: dict[str, Any]) -> str:
    """One sentence saying what an event did."""
    if kind == "started":
        extra = []
        if data.get("requirements"):
            extra.append(f"requirements {data['requirements']}")
        if data.get("codebase"):
            extra.append(f"codebase {data['codebase']}")
        if data.get("small"):
            extra.append("small question")
        tail = f" ({', '.join(extra)})" if extra else ""
        return f"started session '{data.get('title', '')}'{tail}"
    if kind == "advanced":
        return f"advanced {_phase_name(data.get('from'))} → {_phase_name(data.get('to'))}"
    if kind == "advance_refused":
        reasons = "; ".join(b.get("message", "") for b in data.get("blockers", []))
        return f"advance from {_phase_name(data.get('phase'))} refused: {reasons}"
    if kind == "review":
        return f"feedback opened Review & Refinement: {data.get('feedback', '')}"
    if kind == "waived":
        return f"waived {data.get('field')}: {data.get('reason')}"
    if kind == "options_recorded":
        names = ", ".join(str(o.get("name")) for o in data.get("options", []))
        return f"recorded {len(data.get('options', []))} options ({names})"
    if kind == "analysis_recorded":
        return f"recorded the codebase analysis: {data.get('summary', '')}"
    if kind == "adr_recorded":
        return f"recorded ADR {data.get('path')} ({data.get('title', '')})"
    if kind == "adr_skipped":
        return f"skipped the ADR: {data.get('reason')}"
    if kind == "note":
        return f"note: {data.get('text', '')}"
    if kind == "requirements_attached":
        return f"attached requirements {data.get('requirements')}"
    if kind == "resumed":
        return "resumed the session"
    if kind == "brief_extracted":
        vals = ", ".join(f"{v.get('field')} = {v.get('value')!r}" for v in data.get("values", []))
        return f"read from the brief {data.get('brief')}: {vals}"
    if kind == "answered":
        return f"answered {data.get('field')} = {data.get('value')!r}"
    return kind


def markdown(state: SessionState, events: Sequence[dict[str, Any]]) -> str:
    """The session as a Markdown document: summary, todos, decisions and the full trail."""
    lines = [f"# Architecture session: {state.title}", ""]
    lines.append(f"- Session: `{state.id}`")
    lines.append(f"- Started: {state.created_at} by {state.created_by}")
    phase = _phase_name(state.phase) if state.phase != "done" else "done"
    lines.append(f"- Current phase: {phase}")
    if state.requirements:
        lines.append(f"- Requirements: `{state.requirements}`")
    if state.codebase:
        lines.append(f"- Codebase: `{state.codebase}`")
    lines += ["", "## Phases", ""]
    marks = {"completed": "x", "in_progress": "~", "pending": " "}
    for todo in state.todos:
        note = f" ({todo.note})" if todo.note else ""
        lines.append(f"- [{marks[todo.status]}] {todo.content}{note}")
    for skipped in state.skipped:
        lines.append(f"- skipped: {skipped}")
    if state.waivers:
        lines += ["", "## Waived requirements", ""]
        for w in state.waivers.values():
            lines.append(f"- `{w.field}`: {w.reason} ({w.actor}, {w.at})")
    if state.options:
        lines += ["", "## Options", ""]
        for o in state.options:
            lines.append(f"### {o.get('name')}")
            if o.get("summary"):
                lines += ["", str(o["summary"])]
            lines.append("")
            lines += [f"- pro: {p}" for p in o.get("pros") or []]
            lines += [f"- con: {c}" for c in o.get("cons") or []]
            lines.append("")
    if state.reviews:
        lines += ["", "## Feedback", ""]
        lines += [f"- {r.at} {r.actor}: {r.feedback}" for r in state.reviews]
    lines += ["", "## Decision record", ""]
    if state.adr:
        lines.append(f"- ADR: `{state.adr.get('path')}` {state.adr.get('title', '')}")
    elif state.adr_skipped:
        lines.append(f"- No ADR: {state.adr_skipped}")
    else:
        lines.append("- No ADR yet")
    lines += ["", "## Audit trail", "", "| # | time (UTC) | actor | what |", "|---|---|---|---|"]
    for ev in events:
        what = describe(str(ev["kind"]), ev["data"]).replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {ev['seq']} | {ev['at']} | {ev['actor']} | {what} |")
    return "\n".join(lines) + "\n"
