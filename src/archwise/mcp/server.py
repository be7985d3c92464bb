"""`archwise mcp`: a small set of well-described tools, resources and prompts over archwise.api."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, ParamSpec, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from pydantic import Field

from archwise import __version__
from archwise.errors import ArchwiseError, InputError
from archwise.jsonable import to_jsonable, to_object

P = ParamSpec("P")
R = TypeVar("R")

INSTRUCTIONS = (
    "archwise is an architect's toolbox. Follow the workflow: start a session (Discovery), "
    "record requirements and answer the open questions before proposing anything, analyse the "
    "codebase if there is one, then recommend (2-3 options with tradeoffs), record the decision "
    "as an ADR, and plan the delivery. Every number archwise returns comes from a stated model; "
    "quote its reasons rather than inventing your own. Paths are relative to the workspace."
)


class Guard:
    """The workspace boundary of the server: tool paths resolve inside it, calls run confined."""

    def __init__(self, root: Path) -> None:
        from archwise.fileio import resolve

        self.root = resolve(root, what="workspace")

    def path(self, value: str, *, field: str, must_exist: bool = True) -> Path:
        """Return value resolved against the workspace, refusing paths that leave it."""
        from archwise.fileio import inside

        if not value or "\x00" in value:
            raise InputError("a path is required", field=field)
        p = Path(value)
        try:
            resolved = inside(
                p if p.is_absolute() else self.root / p,
                self.root,
                what=field,
                rule="only paths inside it are allowed",
            )
        except InputError as exc:
            raise InputError(f"'{value}': {exc.problems[0].message}", field=field) from None
        if must_exist and not resolved.exists():
            raise InputError(f"'{value}' does not exist in the workspace", field=field)
        return resolved

    def rel(self, p: Path) -> str:
        """Show a path relative to the workspace."""
        try:
            return str(p.resolve().relative_to(self.root))
        except ValueError:
            return str(p)

    def tool(self, fn: Callable[P, R]) -> Callable[P, R]:
        """Run a tool confined to the workspace; archwise errors become MCP tool errors."""
        return self._confine(fn, ToolError)

    def resource(self, fn: Callable[P, R]) -> Callable[P, R]:
        """Read a resource confined to the workspace; archwise errors become resource errors."""
        return self._confine(fn, ResourceError)

    def _confine(self, fn: Callable[P, R], error: type[Exception]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            from archwise.fileio import confined

            try:
                with confined(self.root):
                    return fn(*args, **kwargs)
            except ArchwiseError as exc:
                raise error(str(exc)) from None
            except RecursionError:
                raise error("input nested too deeply") from None
            except OSError as exc:
                # Whatever the file system refuses (a name too long, a full disk) is the
                # caller's to see, not a bare "Error executing tool".
                name = f": {exc.filename}" if exc.filename else ""
                raise error(f"{exc.strerror or exc}{name}") from None

        return wrapper


def _need(value: Any, name: str, action: str) -> Any:
    if value is None or value in ("", []):
        raise InputError(f"action '{action}' needs '{name}'", field=name)
    return value


def build_server(workspace: Path) -> MCPServer:
    """Create the archwise MCP server for one workspace folder."""
    guard = Guard(workspace)
    root = guard.root
    server = MCPServer(
        name="archwise",
        title="archwise: architecture guidance",
        version=__version__,
        instructions=INSTRUCTIONS,
        log_level="WARNING",
    )
    _session_tools(server, guard)
    _requirements_tools(server, guard)
    _decision_tools(server, guard)
    _capacity_tools(server, guard)
    _code_tools(server, guard)
    _adr_tools(server, guard)
    _delivery_tools(server, guard)
    _resources(server, guard)
    _prompts(server)
    del root
    return server


# --- session ---------------------------------------------------------------------------------


def _session_tools(server: MCPServer, guard: Guard) -> None:
    @server.tool(
        name="session",
        description=(
            "Drive the architecture workflow (Discovery, Codebase Analysis, Constraint "
            "Evaluation, Solution Design, Review & Refinement, Documentation). Actions: start "
            "(title; optional requirements file, codebase folder), status, advance (refused with "
            "the blockers when the phase's exit condition does not hold), review (feedback: "
            "inserts Review & Refinement), waive (field, reason), skip_adr (reason), "
            "record_options (runs recommend, or takes its JSON file), record_analysis (runs "
            "analyze on the session's codebase, or takes its JSON file), record_adr (ADR file), "
            "list, resume (session_id). Returns the phase, the todos in TodoWrite form and what "
            "blocks the next phase. The session is shared with the CLI and the web UI."
        ),
    )
    @guard.tool
    def session(
        action: Literal[
            "start",
            "status",
            "advance",
            "review",
            "waive",
            "skip_adr",
            "record_options",
            "record_adr",
            "record_analysis",
            "list",
            "resume",
        ],
        title: Annotated[str | None, Field(description="session title (start)")] = None,
        requirements: Annotated[str | None, Field(description="requirements file")] = None,
        codebase: Annotated[str | None, Field(description="codebase folder (start)")] = None,
        feedback: Annotated[str | None, Field(description="review feedback")] = None,
        field: Annotated[str | None, Field(description="dotted requirement (waive)")] = None,
        reason: Annotated[str | None, Field(description="why (waive, skip_adr)")] = None,
        file: Annotated[str | None, Field(description="file (record_options, record_adr)")] = None,
        session_id: Annotated[str | None, Field(description="default: the current one")] = None,
    ) -> dict[str, Any]:
        from archwise.api import session as api

        actor = "agent:mcp"
        ws = guard.root
        if action == "start":
            view = api.start_session(
                _need(title, "title", action),
                requirements=guard.path(requirements, field="requirements")
                if requirements
                else None,
                codebase=guard.path(codebase, field="codebase") if codebase else None,
                actor=actor,
                workspace=ws,
            )
        elif action == "status":
            view = api.session_status(session_id, workspace=ws)
        elif action == "advance":
            view = api.advance_session(session_id, actor=actor, workspace=ws)
        elif action == "review":
            view = api.review_session(
                _need(feedback, "feedback", action), session_id, actor=actor, workspace=ws
            )
        elif action == "waive":
            view = api.waive_requirement(
                _need(field, "field", action),
                _need(reason, "reason", action),
                session_id,
                actor=actor,
                workspace=ws,
            )
        elif action == "skip_adr":
            view = api.skip_adr(
                _need(reason, "reason", action), session_id, actor=actor, workspace=ws
            )
        elif action == "record_options":
            src = guard.path(file, field="file") if file else None
            view = api.record_options(src, session_id, actor=actor, workspace=ws)
        elif action == "record_analysis":
            src = guard.path(file, field="file") if file else None
            view = api.record_analysis(session_id, source=src, actor=actor, workspace=ws)
        elif action == "record_adr":
            src = guard.path(_need(file, "file", action), field="file")
            view = api.record_adr(src, session_id, actor=actor, workspace=ws)
        elif action == "resume":
            view = api.resume_session(_need(session_id, "session_id", action), workspace=ws)
        else:
            return {"sessions": to_jsonable(api.list_sessions(workspace=ws))}
        out: dict[str, Any] = to_jsonable(view)
        out["todowrite"] = api.session_todos(view.id, workspace=ws)
        return out


# --- requirements ------------------------------------------------------------------------------


def _requirements_tools(server: MCPServer, guard: Guard) -> None:
    @server.tool(
        name="requirements",
        description=(
            "Read and record the requirements file (archwise.yaml). Actions: check (validate; "
            "errors name line and key), questions (what is still unknown, most decisive first, "
            "with why each matters), set (values: {dotted.key: value}; keeps the file's comments; "
            "creates the file when missing, with values['name']), brief (text: a free-text brief, "
            "values['name'] names a new file; "
            "extracts e.g. '100k concurrent users, p99 under 100 ms, team of 5' with the phrase "
            "each came from, writes them, returns the open questions), schema (JSON Schema)."
        ),
    )
    @guard.tool
    def requirements(
        action: Literal["check", "questions", "set", "brief", "schema"],
        file: Annotated[str, Field(description="requirements file")] = "archwise.yaml",
        values: Annotated[dict[str, Any] | None, Field(description="{dotted.key: value}")] = None,
        text: Annotated[str | None, Field(description="free-text brief (brief)")] = None,
    ) -> dict[str, Any]:
        from archwise.api import requirements as api

        if action == "schema":
            return api.requirements_schema()
        path = guard.path(file, field="file", must_exist=action in {"check", "questions"})
        out: dict[str, Any] = {"file": guard.rel(path)}
        if action == "set":
            vals = _need(values, "values", action)
            if path.exists():
                api.set_values(path, vals)
            else:
                api.new_requirements(path, vals)
        elif action == "brief":
            if not path.exists() and values and values.get("name"):
                api.new_requirements(path, {"name": values["name"]})
            out["understood"] = to_jsonable(api.apply_brief(path, _need(text, "text", action)))
        if action == "check":
            out.update(to_jsonable(api.check_requirements(path)))
            return out
        out["questions"] = to_jsonable(api.open_questions(path))
        return out


# --- decisions -------------------------------------------------------------------------------


def _decision_tools(server: MCPServer, guard: Guard) -> None:
    @server.tool(
        name="recommend",
        description=(
            "Recommend an architecture for a requirements file: first the feasibility verdict "
            "(conflicting requirements with numbers and ways out) and the workload archetypes "
            "matched with their hard problems and what addresses them; per topic (language, "
            "database, cache, messaging, backend_framework, frontend_framework, deployment, "
            "decomposition, communication, data_patterns, patterns, realtime) whether it is "
            "needed (with the trigger when not), the ranked candidates with scores and reasons "
            "and the excluded ones with the missing capability; 2-3 whole-system options, each "
            "in one provider, with pros, cons, monthly cost and how far each scales; the "
            "recommended option with its evolution path (numeric triggers, success "
            "metrics); principle checks; open questions. explain=true with a topic returns the "
            "full scoring trace. Deterministic."
        ),
    )
    @guard.tool
    def recommend(
        file: Annotated[str, Field(description="requirements file")] = "archwise.yaml",
        topic: Annotated[str | None, Field(description="limit to one topic")] = None,
        weights: Annotated[
            dict[str, float] | None, Field(description="criterion weight overrides")
        ] = None,
        explain: Annotated[bool, Field(description="scoring trace of topic")] = False,
    ) -> dict[str, Any]:
        from archwise.api import recommend as api

        path = guard.path(file, field="file")
        if explain:
            decision, found = api.explanation(
                path, _need(topic, "topic", "explain"), weights=weights
            )
            return {**to_object(decision), "archetypes": [to_object(a) for a in found]}
        return to_object(api.recommend(path, topic=topic, weights=weights))

    @server.tool(
        name="technology",
        description=(
            "Look up the knowledge base. Actions: show (all facts of one technology or pattern, "
            "with sources), evaluate (proven-over-novel assessment with red flags), compare (2-3 "
            "names side by side for a topic, criterion by criterion; optional requirements file), "
            "list (entries, filtered by category or topic)."
        ),
    )
    @guard.tool
    def technology(
        action: Literal["show", "evaluate", "compare", "list"],
        names: Annotated[list[str] | None, Field(description="technology or pattern names")] = None,
        topic: Annotated[str | None, Field(description="decision topic (compare, list)")] = None,
        category: Annotated[str | None, Field(description="category (list)")] = None,
        requirements: Annotated[str | None, Field(description="requirements file")] = None,
    ) -> dict[str, Any]:
        from archwise.api import kb as kb_api
        from archwise.api import recommend as api

        if action == "list":
            kb = kb_api.open_kb(workspace=_ws(guard))
            rows = kb_api.list_entries(kb, category=category, topic=topic)
            rows += kb_api.list_entries(kb, topic=topic, patterns=True) if topic else []
            return {"entries": to_jsonable(rows)}
        items = _need(names, "names", action)
        if action == "show":
            kb = kb_api.open_kb(workspace=_ws(guard))
            return {"entries": [to_jsonable(kb_api.show(kb, n)) for n in items]}
        if action == "evaluate":
            return {"assessments": [to_jsonable(api.evaluate(n)) for n in items]}
        req = guard.path(requirements, field="requirements") if requirements else None
        return to_object(api.compare(items, _need(topic, "topic", action), requirements_file=req))


# --- capacity --------------------------------------------------------------------------------


def _capacity_tools(server: MCPServer, guard: Guard) -> None:
    @server.tool(
        name="capacity",
        description=(
            "Capacity math with stated models. Actions: size (rate e.g. '1000/s', service time "
            "e.g. '50ms', target percentile latency e.g. '250ms': instances from M/M/c or M/G/c, "
            "then headroom and N+k redundancy, each shown; impossible targets say why), fit "
            "(load-test file from k6, Locust, JMeter, Gatling, vegeta, hey or wrk: Universal "
            "Scalability Law fit, peak and knee), plan (capacity model YAML or requirements "
            "file: nodes, growth dates, and every tier of the design sized and priced on its "
            "provider, the same tiers and totals as recommend), diagnose (metrics YAML: ranked "
            "bottlenecks with evidence)."
        ),
    )
    @guard.tool
    def capacity(
        action: Literal["size", "fit", "plan", "diagnose"],
        rate: Annotated[str | None, Field(description="arrival rate, e.g. 1000/s")] = None,
        service: Annotated[str | None, Field(description="mean service time, e.g. 50ms")] = None,
        target: Annotated[str | None, Field(description="latency target, e.g. 250ms")] = None,
        percentile: Annotated[float, Field(gt=0, lt=1)] = 0.99,
        headroom: Annotated[float, Field(ge=0, lt=1)] = 0.3,
        n_plus: Annotated[int, Field(ge=0, le=10)] = 1,
        file: Annotated[str | None, Field(description="input file (fit, plan, diagnose)")] = None,
        provider: Annotated[
            str | None, Field(description="plan: price on this provider (aws, gcp, azure, ...)")
        ] = None,
    ) -> dict[str, Any]:
        from archwise.api import capacity as api

        if action == "size":
            return to_object(
                api.size(
                    _need(rate, "rate", action),
                    _need(service, "service", action),
                    _need(target, "target", action),
                    percentile=percentile,
                    headroom=headroom,
                    n_plus=n_plus,
                )
            )
        path = guard.path(_need(file, "file", action), field="file")
        if action == "fit":
            return to_object(api.fit_loadtests([path]))
        if action == "plan":
            return to_object(api.plan_capacity(path, provider=provider))
        return to_object(api.diagnose_metrics(path))


# --- codebase --------------------------------------------------------------------------------


def _code_tools(server: MCPServer, guard: Guard) -> None:
    @server.tool(
        name="codebase",
        description=(
            "Read a repository inside the workspace. Actions: analyze (languages and lines, the "
            "detected stack with the file and line that proved each technology, module graph, "
            "cycles, coupling metrics, architecture style, observability checklist; diff=true "
            "compares with the last snapshot), check (the architecture rules of archwise.yaml and "
            "decision drift: accepted ADRs the code contradicts; passed=false lists violations)."
        ),
    )
    @guard.tool
    def codebase(
        action: Literal["analyze", "check"],
        path: Annotated[str, Field(description="folder to read")] = ".",
        diff: Annotated[bool, Field(description="compare with the last analysis")] = False,
    ) -> dict[str, Any]:
        from archwise.api import analyze as api

        folder = guard.path(path, field="path")
        if action == "analyze":
            return api.analyze(folder, diff=diff)
        return api.check(folder)


# --- ADRs ------------------------------------------------------------------------------------


def _adr_tools(server: MCPServer, guard: Guard) -> None:
    @server.tool(
        name="adr",
        description=(
            "Architecture Decision Records of the workspace (spec template by default; Nygard, "
            "MADR and log4brains read too). Actions: new (title; optional supersede numbers, "
            "links 'N:Type:Reverse', format), from_recommendation (title + requirements file: an "
            "ADR pre-filled with context, decision, each alternative's pros, cons and why not "
            "chosen, consequences, success metrics, review date), status (ref, status), list "
            "(optional status filter), show (ref), lint (missing sections, broken links, "
            "duplicates, superseded without successor, future dates)."
        ),
    )
    @guard.tool
    def adr(
        action: Literal["new", "from_recommendation", "status", "list", "show", "lint"],
        title: Annotated[str | None, Field(description="record title (new)")] = None,
        ref: Annotated[str | None, Field(description="record number or file")] = None,
        status: Annotated[str | None, Field(description="proposed, accepted, ...")] = None,
        supersede: Annotated[list[int] | None, Field(description="numbers it supersedes")] = None,
        links: Annotated[list[str] | None, Field(description="'N:Type:Reverse' links")] = None,
        requirements: Annotated[str | None, Field(description="requirements file")] = None,
        format: Annotated[
            str | None, Field(description="spec, nygard, madr2-4, log4brains")
        ] = None,
    ) -> dict[str, Any]:
        from archwise.api import adr as api

        folder = api.find_dir(None, guard.root)
        if action in {"new", "from_recommendation"}:
            req = None
            if action == "from_recommendation":
                req = guard.path(_need(requirements, "requirements", action), field="requirements")
            path = api.new(
                _need(title, "title", action),
                supersede=supersede or (),
                links=links or (),
                fmt=format,
                requirements=req,
                adr_dir=folder,
            )
            summary = next(
                (
                    r
                    for r in api.list_records(None, folder)
                    if (Path(folder) / r.path).resolve() == path.resolve()
                ),
                None,
            )
            return {"file": guard.rel(path), "record": to_jsonable(summary)}
        if action == "status":
            path = api.set_status(
                _need(ref, "ref", action), _need(status, "status", action), folder
            )
            return {"file": guard.rel(path), "status": status}
        if action == "show":
            return {"record": to_jsonable(api.show(_need(ref, "ref", action), adr_dir=folder))}
        if action == "lint":
            findings = to_jsonable(api.lint(folder))
            return {"findings": findings, "passed": not findings}
        return {"records": to_jsonable(api.list_records(status, folder))}


# --- delivery --------------------------------------------------------------------------------


def _delivery_tools(server: MCPServer, guard: Guard) -> None:
    @server.tool(
        name="plan",
        description=(
            "Delivery plan for a requirements file: phases (MVP, Beta, Production, Optimization) "
            "with deliverables, numeric success metrics and what is left out, following the "
            "recommendation's evolution path; with a task graph file (YAML: tasks, durations or "
            "three-point estimates, depends_on, role) the critical path, slack, resource "
            "conflicts and the completion probability for a target date (YYYY-MM-DD); risks=true "
            "adds the risk register by exposure."
        ),
    )
    @guard.tool
    def plan(
        file: Annotated[str, Field(description="requirements file")] = "archwise.yaml",
        tasks: Annotated[str | None, Field(description="task graph YAML")] = None,
        start: Annotated[str | None, Field(description="start date YYYY-MM-DD")] = None,
        target: Annotated[str | None, Field(description="target date YYYY-MM-DD")] = None,
        risks: Annotated[bool, Field(description="include the risk register")] = False,
    ) -> dict[str, Any]:
        from archwise.api import plan as api

        path = guard.path(file, field="file")
        task_file = guard.path(tasks, field="tasks") if tasks else None
        result = api.plan(
            path, tasks=task_file, start=_date(start, "start"), target=_date(target, "target")
        )
        out: dict[str, Any] = to_jsonable(result)
        if risks:
            out["risks"] = to_jsonable(api.risk_register(path))
        return out

    @server.tool(
        name="report",
        description=(
            "Assemble the architecture document of the workspace: requirements and open "
            "questions, options matrix, recommendation and reasons, evolution path, capacity, "
            "codebase analysis, plan and critical path, risks, ADRs. format md (GitHub-ready "
            "with Mermaid), html (one self-contained offline file) or json; written to output "
            "(default docs/architecture/architecture.<ext>); returns the path and, for md/json, "
            "the text."
        ),
    )
    @guard.tool
    def report(
        file: Annotated[str, Field(description="requirements file")] = "archwise.yaml",
        format: Literal["md", "html", "json"] = "md",
        output: Annotated[str | None, Field(description="where to write it")] = None,
    ) -> dict[str, Any]:
        from archwise.api import report as api

        path = guard.path(file, field="file")
        dest = guard.path(
            output or f"docs/architecture/architecture.{format}", field="output", must_exist=False
        )
        text = api.report(path, fmt=format, output=dest, force=False)
        out: dict[str, Any] = {"file": guard.rel(dest), "format": format, "bytes": len(text)}
        if format != "html":
            out["text"] = text
        return out


def _date(value: str | None, field: str) -> Any:
    from archwise.bounds import parse_date

    if not value:
        return None
    return parse_date(value, field=field)


def _ws(guard: Guard) -> Any:
    from archwise.workspace import open_workspace

    return open_workspace(guard.root)


# --- resources and prompts -------------------------------------------------------------------


def _resources(server: MCPServer, guard: Guard) -> None:
    @server.resource(
        "archwise://adr",
        name="adrs",
        description="Every ADR of the workspace: number, title, status, date, file.",
        mime_type="application/json",
    )
    @guard.resource
    def adrs() -> str:
        from archwise.api import adr as api

        folder = api.find_dir(None, guard.root)
        return json.dumps(to_jsonable(api.list_records(None, folder)), indent=2)

    @server.resource(
        "archwise://adr/{ref}",
        name="adr",
        description="One ADR as Markdown, by number.",
        mime_type="text/markdown",
    )
    @guard.resource
    def adr(ref: str) -> str:
        from archwise.api import adr as api

        folder = api.find_dir(None, guard.root)
        return api.render_text(api.show(ref, adr_dir=folder), None)

    @server.resource(
        "archwise://kb",
        name="knowledge-base",
        description="Index of the knowledge base: technologies and patterns with their topics.",
        mime_type="application/json",
    )
    @guard.resource
    def kb_index() -> str:
        from archwise.api import kb as api

        kb = api.open_kb(workspace=_ws(guard))
        rows = api.list_entries(kb) + api.list_entries(kb, patterns=True)
        return json.dumps(to_jsonable(rows), indent=2)

    @server.resource(
        "archwise://kb/{name}",
        name="knowledge-base-entry",
        description="All facts of one technology or pattern, with sources.",
        mime_type="application/json",
    )
    @guard.resource
    def kb_entry(name: str) -> str:
        from archwise.api import kb as api

        kb = api.open_kb(workspace=_ws(guard))
        return json.dumps(to_jsonable(api.show(kb, name)), indent=2)

    @server.resource(
        "archwise://session",
        name="session",
        description="The current session: phase, todos, blockers, options, reviews.",
        mime_type="application/json",
    )
    @guard.resource
    def session_state() -> str:
        from archwise.api import session as api

        return json.dumps(to_jsonable(api.session_status(None, workspace=guard.root)), indent=2)

    @server.resource(
        "archwise://report",
        name="report",
        description="The latest architecture document written in docs/architecture/ (Markdown).",
        mime_type="text/markdown",
    )
    @guard.resource
    def latest_report() -> str:
        from archwise.fileio import read_text

        folder = guard.root / "docs" / "architecture"
        found = (
            sorted(folder.glob("*.md"), key=lambda p: p.lstat().st_mtime) if folder.is_dir() else []
        )
        if not found:
            raise ResourceError("no report yet: call the report tool first")
        return read_text(found[-1], what="report")


def _prompts(server: MCPServer) -> None:
    @server.prompt(
        name="design-new-system",
        description="The spec's workflow for a new system, from Discovery to an ADR.",
    )
    def design_new_system(brief: str) -> str:
        return (
            "Design the system described below with archwise's tools, following the workflow.\n"
            "1. requirements action=brief with the brief (values={'name': ...} names a new "
            "file), then session action=start with requirements=archwise.yaml (Discovery is "
            "now in progress).\n"
            "2. Ask the user the open questions (requirements action=questions), most decisive "
            "first, and record the answers with requirements action=set. Never "
            "propose a design before latency, scale, availability, consistency and team are "
            "known or explicitly waived.\n"
            "3. If there is a codebase, codebase action=analyze; then session action=advance.\n"
            "4. Evaluate constraints (budget, timeline, team, existing systems); advance.\n"
            "5. capacity action=plan for the tiers and costs; recommend: lead with the "
            "feasibility verdict and the hard problems, then the 2-3 options with their "
            "tradeoffs and costs (saying when a cost is one provider's list prices shown as a "
            "reference: cost_usd_per_month.reference), the recommended one and its evolution "
            "path, quoting archwise's reasons; a decision with needed=false is not added.\n"
            "6. adr action=from_recommendation; session action=record_adr; advance.\n"
            "7. plan, then report.\n\n"
            f"Brief:\n{brief}"
        )

    @server.prompt(
        name="evaluate-option",
        description="Assess a technology against the principles before adopting it.",
    )
    def evaluate_option(technology: str, topic: str, alternatives: str = "") -> str:
        others = alternatives or "the top candidates from recommend"
        return (
            f"Evaluate {technology} for the '{topic}' decision. Call technology action=evaluate "
            "for the proven-over-novel assessment and its red flags, then technology "
            f"action=compare with {technology} and the alternatives ({others}) and, if there "
            "is a requirements file, pass it. Report "
            "what it would cost to operate, who can be hired, and what would make it the wrong "
            "choice. Prefer proven over novel unless the requirements demand otherwise."
        )

    @server.prompt(
        name="write-adr",
        description="Record a decision as an ADR in the spec's template.",
    )
    def write_adr(decision: str) -> str:
        return (
            "Record this decision as an ADR. If it came from a recommendation, use adr "
            "action=from_recommendation with the requirements file; otherwise adr action=new "
            "and fill every section: context, decision, alternatives considered (pros, cons, "
            "why not chosen), consequences (positive, negative, neutral), implementation notes, "
            "success metrics, review date. Then adr action=lint and fix what it reports.\n\n"
            f"Decision:\n{decision}"
        )


def serve(workspace: Path, *, http_port: int | None = None, host: str = "127.0.0.1") -> None:
    """Serve over stdio, or streamable HTTP on host:http_port."""
    server = build_server(workspace)
    if http_port is None:
        server.run("stdio")
    else:
        server.run("streamable-http", host=host, port=http_port)


__all__ = ["build_server", "serve"]
