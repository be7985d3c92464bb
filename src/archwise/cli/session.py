"""CLI verbs: `archwise session ...` (the guided workflow) and `archwise discover` (interview)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from archwise.cli._common import (
    ForceOpt,
    JsonOpt,
    console,
    emit_json,
    err_console,
    esc,
    handle_errors,
    real_console,
)

if TYPE_CHECKING:
    from archwise.api.session import SessionView

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store URL (sqlite:///PATH or postgresql+psycopg://...); default ARCHWISE_DB, "
        "then .archwise/archwise.db.",
    ),
]
ActorOpt = Annotated[
    str | None,
    typer.Option(
        "--actor", help="Who takes this step: a person, or agent:<name>. Default: login name."
    ),
]
SessionArg = Annotated[
    str | None, typer.Argument(help="Session id or prefix; default: the current session.")
]
SessionOpt = Annotated[
    str | None,
    typer.Option("--session", "-s", help="Session id or prefix; default: the current session."),
]

STATUS_MARK = {"completed": "[green]✔[/]", "in_progress": "[yellow]▶[/]", "pending": "[dim]·[/]"}


def _render(view: SessionView, *, headline: str | None = None) -> None:
    if headline:
        console.print(headline, markup=True)
    console.print(
        f"[bold]{escape(view.title)}[/]  [dim]session {esc(view.id)} · {escape(view.store)}[/]",
        markup=True,
    )
    for todo in view.todos:
        form = f" [dim]({escape(todo.active_form)})[/]" if todo.status == "in_progress" else ""
        note = f" [dim]— {escape(todo.note)}[/]" if todo.note else ""
        console.print(
            f"  {STATUS_MARK[todo.status]} {escape(todo.content)}{form}{note}", markup=True
        )
    for skipped in view.skipped:
        console.print(f"  [dim]– skipped: {escape(skipped)}[/]", markup=True)
    if view.status == "done":
        console.print("[green]The session is complete.[/]", markup=True)
        return
    if view.blockers:
        console.print(f"[bold]Blocking {esc(view.phase_name)}:[/]", markup=True)
        for b in view.blockers:
            console.print(
                f"  - {escape(b.message)}\n    [dim]fix: {escape(b.fix)}[/]",
                soft_wrap=True,
                markup=True,
            )
    else:
        console.print(
            f"[green]{esc(view.phase_name)} can be completed:[/] archwise session advance",
            markup=True,
        )


def _show(view: SessionView, json_output: bool, headline: str | None = None) -> None:
    if json_output:
        emit_json(view)
    else:
        _render(view, headline=headline)


def register(app: typer.Typer) -> None:
    """Add `session` and `discover` to the app."""
    session = typer.Typer(
        help="The guided architecture workflow: phases, todos and an audit trail.",
        no_args_is_help=True,
    )
    app.add_typer(session, name="session")

    @session.command("start")
    @handle_errors
    def start(
        *,
        title: Annotated[str, typer.Argument(help="What the session decides.")],
        requirements: Annotated[
            Path | None, typer.Option("--requirements", "-r", help="The requirements file.")
        ] = None,
        codebase: Annotated[
            Path | None,
            typer.Option("--codebase", help="The existing codebase (adds Codebase Analysis)."),
        ] = None,
        small: Annotated[
            bool,
            typer.Option("--small", help="A small question: go straight to Solution Design."),
        ] = False,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Start a session (Discovery in progress) and make it the current one."""
        from archwise.api.session import start_session

        view = start_session(
            title, requirements=requirements, codebase=codebase, small=small, actor=actor, db=db
        )
        _show(view, json_output, f"Started session [bold]{esc(view.id)}[/].")

    @session.command("status")
    @handle_errors
    def status(ref: SessionArg = None, db: DbOpt = None, json_output: JsonOpt = False) -> None:
        """Show the phases, todos and what blocks the next phase."""
        from archwise.api.session import session_status

        _show(session_status(ref, db=db), json_output)

    @session.command("show")
    @handle_errors
    def show(ref: SessionArg = None, db: DbOpt = None, json_output: JsonOpt = False) -> None:
        """Show a session with its audit trail."""
        from archwise.api.session import session_events, session_status

        view = session_status(ref, db=db)
        events = session_events(view.id, db=db)
        if json_output:
            emit_json({"session": view, "events": events})
            return
        _render(view)
        console.print("[bold]Trail:[/]", markup=True)
        for e in events:
            console.print(
                f"  {e.seq:>3} {e.at} {escape(e.actor)}: {escape(e.summary)}", soft_wrap=True
            )

    @session.command("advance")
    @handle_errors
    def advance(
        *,
        ref: SessionArg = None,
        note: Annotated[
            str | None, typer.Option("--note", help="Why the phase is complete.")
        ] = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Move to the next phase when the current phase's exit condition holds."""
        from archwise.api.session import advance_session

        view = advance_session(ref, actor=actor, note=note, db=db)
        _show(view, json_output, f"Now in [bold]{esc(view.phase_name)}[/].")

    @session.command("review")
    @handle_errors
    def review(
        *,
        feedback: Annotated[str, typer.Argument(help="The feedback on the design.")],
        session_ref: SessionOpt = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Record feedback: inserts Review & Refinement before Documentation."""
        from archwise.api.session import review_session

        view = review_session(feedback, session_ref, actor=actor, db=db)
        _show(view, json_output, "Feedback recorded.")

    @session.command("waive")
    @handle_errors
    def waive(
        *,
        field: Annotated[str, typer.Argument(help="Dotted requirements field, or 'requirements'.")],
        reason: Annotated[str, typer.Option("--reason", help="Why it may stay unknown.")],
        session_ref: SessionOpt = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Leave a requirement unknown on purpose, with the reason."""
        from archwise.api.session import waive_requirement

        view = waive_requirement(field, reason, session_ref, actor=actor, db=db)
        _show(view, json_output, f"Waived {esc(field)}.")

    @session.command("attach")
    @handle_errors
    def attach(
        *,
        requirements: Annotated[Path, typer.Argument(help="The requirements file.")],
        session_ref: SessionOpt = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Attach a requirements file to the session."""
        from archwise.api.session import attach_requirements

        view = attach_requirements(requirements, session_ref, actor=actor, db=db)
        _show(view, json_output, f"Attached {esc(requirements)}.")

    @session.command("record-options")
    @handle_errors
    def record_options_cmd(
        *,
        source: Annotated[
            Path | None,
            typer.Argument(
                help="`archwise recommend --json` output; default: run recommend on the "
                "session's requirements."
            ),
        ] = None,
        session_ref: SessionOpt = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Record the options (with pros and cons) of Solution Design."""
        from archwise.api.session import record_options

        view = record_options(source, session_ref, actor=actor, db=db)
        _show(view, json_output, f"Recorded {len(view.options)} options.")

    @session.command("record-analysis")
    @handle_errors
    def record_analysis_cmd(
        *,
        source: Annotated[
            Path | None, typer.Option("--from", help="`archwise analyze --json` output.")
        ] = None,
        summary: Annotated[
            str | None, typer.Option("--summary", help="What the analysis found.")
        ] = None,
        session_ref: SessionOpt = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Record the codebase analysis (default: run `archwise analyze` on the codebase)."""
        from archwise.api.session import record_analysis

        view = record_analysis(session_ref, source=source, summary=summary, actor=actor, db=db)
        _show(view, json_output, "Recorded the analysis.")

    @session.command("record-adr")
    @handle_errors
    def record_adr_cmd(
        *,
        path: Annotated[Path, typer.Argument(help="The ADR file.")],
        session_ref: SessionOpt = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Record the ADR that documents the decision."""
        from archwise.api.session import record_adr

        view = record_adr(path, session_ref, actor=actor, db=db)
        _show(view, json_output, f"Recorded {esc(path)}.")

    @session.command("skip-adr")
    @handle_errors
    def skip_adr_cmd(
        *,
        reason: Annotated[str, typer.Option("--reason", help="Why no ADR is needed.")],
        session_ref: SessionOpt = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Say this decision needs no ADR (Documentation may then complete)."""
        from archwise.api.session import skip_adr

        view = skip_adr(reason, session_ref, actor=actor, db=db)
        _show(view, json_output, "ADR skipped.")

    @session.command("note")
    @handle_errors
    def note_cmd(
        *,
        text: Annotated[str, typer.Argument(help="The note.")],
        session_ref: SessionOpt = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Add a note to the trail (e.g. how feedback was resolved)."""
        from archwise.api.session import add_note

        _show(add_note(text, session_ref, actor=actor, db=db), json_output, "Noted.")

    @session.command("list")
    @handle_errors
    def list_cmd(db: DbOpt = None, json_output: JsonOpt = False) -> None:
        """List the sessions, most recent first."""
        from archwise.api.session import list_sessions

        rows = list_sessions(db=db)
        if json_output:
            emit_json({"sessions": rows})
            return
        if not rows:
            console.print("No sessions yet: archwise session start TITLE")
        for r in rows:
            mark = "*" if r.current else " "
            console.print(f"{mark} {r.id}  {r.phase:<22} {r.updated_at}  {escape(r.title)}")

    @session.command("resume")
    @handle_errors
    def resume(
        *,
        ref: Annotated[str, typer.Argument(help="Session id or prefix.")],
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Make a session the current one again."""
        from archwise.api.session import resume_session

        view = resume_session(ref, actor=actor, db=db)
        _show(view, json_output, f"Resumed session [bold]{esc(view.id)}[/].")

    @session.command("todos")
    @handle_errors
    def todos(
        *,
        ref: SessionArg = None,
        fmt: Annotated[
            str, typer.Option("--format", help="text, or todowrite (the TodoWrite tool's JSON).")
        ] = "text",
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Show the todos; --format todowrite prints them as TodoWrite JSON."""
        from archwise.api.session import session_todos
        from archwise.errors import InputError

        if fmt not in {"text", "todowrite"}:
            raise InputError(f"unknown format '{fmt}'; use text or todowrite", field="format")
        doc = session_todos(ref, db=db)
        if json_output or fmt == "todowrite":
            emit_json(doc)
            return
        for t in doc["todos"]:
            console.print(f"{STATUS_MARK[t['status']]} {escape(t['content'])}", markup=True)

    @session.command("export")
    @handle_errors
    def export(
        *,
        ref: SessionArg = None,
        fmt: Annotated[str, typer.Option("--format", help="json or markdown.")] = "json",
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write to this file.")
        ] = None,
        db: DbOpt = None,
        force: ForceOpt = False,
        json_output: JsonOpt = False,
    ) -> None:
        """Export the session and its audit trail as JSON or Markdown."""
        from archwise.api.session import export_session

        text = export_session(ref, fmt="json" if json_output else fmt, db=db)  # type: ignore[arg-type]
        if output is None:
            sys.stdout.write(text)
            return
        from archwise.api.session import write_text

        write_text(output, text, force=force)
        if json_output:
            emit_json({"file": str(output)})
        else:
            err_console.print(f"wrote {escape(str(output))}")

    _register_discover(app)


def _register_discover(app: typer.Typer) -> None:
    @app.command("discover")
    @handle_errors
    def discover(
        *,
        file: Annotated[
            Path | None, typer.Argument(help="The requirements file (default archwise.yaml).")
        ] = None,
        answers: Annotated[
            Path | None,
            typer.Option("--answers", help="YAML of answers (field or question id: value)."),
        ] = None,
        brief: Annotated[
            Path | None, typer.Option("--from", help="A free-text brief to extract from first.")
        ] = None,
        name: Annotated[
            str | None, typer.Option("--name", help="System name when creating the file.")
        ] = None,
        actor: ActorOpt = None,
        db: DbOpt = None,
        json_output: JsonOpt = False,
    ) -> None:
        """Interview: ask the open requirement questions, most decisive first; saves each answer."""
        from archwise.api import session as api

        path = api.prepare_requirements(file, name=name, actor=actor, db=db)
        report: dict[str, Any] = {"file": str(path), "extracted": [], "answered": []}
        if brief is not None:
            found = api.extract_into(path, brief, actor=actor, db=db)
            report["extracted"] = found
            if not json_output:
                _print_extracted(found)
        if answers is not None:
            report["answered"] = api.apply_answers(path, answers, actor=actor, db=db)
        elif not json_output:
            _interview(api, path, actor, db)
        report["open"] = [q.model_dump() for q in api.interview_questions(path, db=db)]
        if json_output:
            emit_json(report)
            return
        if answers is not None:
            for a in report["answered"]:
                console.print(f"  {a['field']} = {escape(repr(a['value']))}")
        n = len(report["open"])
        console.print(f"{escape(str(path))}: {n} question{'s' if n != 1 else ''} still open.")


def _print_extracted(found: list[dict[str, Any]]) -> None:
    if not found:
        console.print("Understood nothing from the brief.")
        return
    console.print("[bold]Understood from the brief:[/]", markup=True)
    for f in found:
        mark = "[green]✔[/]" if f["written"] else "[dim]–[/]"
        value = escape(repr(f["value"]))
        phrase = escape(" ".join(str(f["phrase"]).split()))  # a wrapped phrase on one line
        line = f'  {mark} {escape(f["field"])} = {value}  [dim]← "{phrase}"'
        if f.get("note"):
            line += f" ({escape(str(f['note']))})"
        console.print(line + "[/]", soft_wrap=True, markup=True)


def _interview(api: Any, path: Path, actor: str | None, db: str | None) -> None:
    saved = 0
    try:
        saved = _ask_all(api, path, actor, db)
    except EOFError:
        if not sys.stdin.isatty():
            console.print(f"\nend of input: {escape(str(path))} holds every answer given")
            return
        _stopped(path)
    except KeyboardInterrupt:
        _stopped(path)
    console.print(f"\n{saved} answer{'s' if saved != 1 else ''} saved in {escape(str(path))}.")


def _stopped(path: Path) -> None:
    err_console.print(
        f"\nstopped: every answer given so far is saved in {escape(str(path))}; "
        "run `archwise discover` again to continue"
    )
    raise typer.Exit(130)


def _ask_all(api: Any, path: Path, actor: str | None, db: str | None) -> int:
    from rich.prompt import Prompt

    asked: set[str] = set()
    saved = 0
    while True:
        pending = [q for q in api.interview_questions(path, db=db) if q.field not in asked]
        if not pending:
            return saved
        q = pending[0]
        asked.add(q.field)
        console.print(
            f"\n[bold]{escape(q.question)}[/]  [dim]({esc(q.field)})[/]",
            soft_wrap=True,
            markup=True,
        )
        console.print(f"[dim]why: {escape(q.why)}[/]", soft_wrap=True, markup=True)
        console.print(
            f"[dim]answer: {escape(q.hint)}; or 'unknown' or 'skip'[/]", soft_wrap=True, markup=True
        )
        while True:
            raw = Prompt.ask(
                "answer", console=real_console(console), default="skip", show_default=False
            )
            if raw.strip().lower() in {"", "skip", "later"}:
                break
            try:
                result = api.answer_question(path, q.field, raw, actor=actor, db=db)
            except api.AnswerError as exc:
                err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True, markup=True)
                continue
            if result["unknown"]:
                console.print(f"left {q.field} unknown", soft_wrap=True)
            else:
                saved += 1
                console.print(
                    f"[green]saved[/] {esc(q.field)} = {escape(repr(result['value']))}",
                    soft_wrap=True,
                    markup=True,
                )
            break
