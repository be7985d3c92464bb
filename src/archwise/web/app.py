"""`archwise serve`: server-rendered pages and a JSON API over archwise.api, for one workspace."""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Form, Header, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import Field

from archwise import __version__
from archwise.errors import ArchwiseError, InputError, NotFoundError
from archwise.jsonable import to_jsonable
from archwise.schema import BodyModel
from archwise.web import markdown
from archwise.web.security import CSRF_FIELD, SESSION_COOKIE, Guard

HERE = Path(__file__).resolve().parent
STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
CACHE_SECONDS = 30.0


@dataclass
class Cache:
    """Results of expensive api calls, reused while their inputs are unchanged."""

    entries: dict[str, tuple[float, Any, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: str, stamp: Any, compute: Callable[[], Any]) -> Any:
        """Return the cached value for key while stamp is unchanged and it is fresh."""
        now = time.monotonic()
        with self.lock:
            hit = self.entries.get(key)
            if hit and hit[1] == stamp and now - hit[0] < CACHE_SECONDS:
                return hit[2]
        value = compute()
        with self.lock:
            self.entries[key] = (now, stamp, value)
        return value

    def clear(self) -> None:
        """Forget everything (after a write)."""
        with self.lock:
            self.entries.clear()


@dataclass
class Workspace:
    """The folder served, and what the pages read from it."""

    root: Path
    cache: Cache = field(default_factory=Cache)

    @property
    def requirements(self) -> Path | None:
        """The workspace's requirements file, if there is one."""
        p = self.root / "archwise.yaml"
        return p if p.is_file() else None

    def adr_dir(self) -> Path:
        """The ADR folder of the workspace."""
        from archwise.api import adr

        return adr.find_dir(None, self.root)

    def stamp(self) -> tuple[float, ...]:
        """Modification times that invalidate cached results."""
        req = self.requirements
        adr_dir = self.adr_dir()
        return (
            req.stat().st_mtime if req else 0.0,
            adr_dir.stat().st_mtime if adr_dir.is_dir() else 0.0,
        )


class StatusChange(BodyModel):
    """A new lifecycle status for an ADR."""

    status: Literal["proposed", "accepted", "rejected", "deprecated", "superseded"]


class Answers(BodyModel):
    """Answers to open questions: dotted requirement keys and their values."""

    values: dict[str, Any] = Field(min_length=1)


class Review(BodyModel):
    """A review comment on the current session."""

    feedback: str = Field(min_length=1, max_length=10_000)


class _ForbiddenError(Exception):
    """A write without the right token, session or CSRF token."""


def create_app(root: Path, *, token: str | None = None, db: str | None = None) -> FastAPI:
    """Build the web app for one workspace; writes need token, none means read-only."""
    ws = Workspace(root.resolve())
    guard = Guard(token)
    app = FastAPI(
        title="archwise",
        version=__version__,
        description="Decisions, options, capacity, plans and ADRs of one archwise workspace.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(ArchwiseError)
    async def archwise_error(request: Request, exc: ArchwiseError) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 400
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.to_dict()}, status_code=status)
        return templates.TemplateResponse(
            request, "error.html", _ctx(request, message=str(exc)), status_code=status
        )

    def _ctx(request: Request, **extra: Any) -> dict[str, Any]:
        session = request.cookies.get(SESSION_COOKIE)
        signed_in = guard.session_ok(session)
        return {
            "workspace": ws.root.name or str(ws.root),
            "writable": guard.writable,
            "signed_in": signed_in,
            "csrf": guard.csrf_for(session) if signed_in else "",
            "csrf_field": CSRF_FIELD,
            "path": request.url.path,
            **extra,
        }

    def _page(request: Request, name: str, **extra: Any) -> Response:
        return templates.TemplateResponse(request, name, _ctx(request, **extra))

    def _require_bearer(authorization: str | None) -> None:
        if not guard.writable:
            raise _ForbiddenError("this server is read-only: start it with --token to allow writes")
        presented = (authorization or "").removeprefix("Bearer ").strip()
        if not guard.token_ok(presented):
            raise _ForbiddenError("a valid bearer token is required for writes")

    def _require_form(request: Request, csrf: str | None) -> None:
        session = request.cookies.get(SESSION_COOKIE)
        if not guard.writable:
            raise _ForbiddenError("this server is read-only: start it with --token to allow writes")
        if not guard.session_ok(session):
            raise _ForbiddenError("sign in with the write token first")
        if not guard.csrf_ok(session, csrf):
            raise _ForbiddenError("the form's CSRF token is missing or wrong; reload the page")

    @app.exception_handler(_ForbiddenError)
    async def forbidden(request: Request, exc: _ForbiddenError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"message": str(exc)}}, status_code=403)
        return templates.TemplateResponse(
            request, "error.html", _ctx(request, message=str(exc)), status_code=403
        )

    # --- data ------------------------------------------------------------------------------

    def session_data() -> dict[str, Any] | None:
        from archwise.api import session

        try:
            view: dict[str, Any] = to_jsonable(session.session_status(None, workspace=ws.root))
        except ArchwiseError:
            return None
        return view

    def questions_data() -> dict[str, Any] | None:
        from archwise.api import requirements

        req = ws.requirements
        if req is None:
            return None
        return ws.cache.get(  # type: ignore[no-any-return]
            "questions", ws.stamp(), lambda: to_jsonable(requirements.open_questions(req))
        )

    def requirements_data() -> dict[str, Any] | None:
        from archwise.api import requirements

        req = ws.requirements
        if req is None:
            return None
        text = req.read_text(encoding="utf-8")
        try:
            check = to_jsonable(requirements.check_requirements(req))
            problems: list[str] = []
        except InputError as exc:
            check = None
            problems = [str(p) for p in exc.problems]
        return {"file": req.name, "text": text, "check": check, "problems": problems}

    def recommendation_data() -> dict[str, Any] | None:
        from archwise.api import recommend

        req = ws.requirements
        if req is None:
            return None
        return ws.cache.get(  # type: ignore[no-any-return]
            "recommend", ws.stamp(), lambda: to_jsonable(recommend.recommend(req))
        )

    def capacity_data() -> dict[str, Any] | None:
        from archwise.api import capacity

        req = ws.requirements
        if req is None:
            return None
        return ws.cache.get(  # type: ignore[no-any-return]
            "capacity", ws.stamp(), lambda: to_jsonable(capacity.plan_capacity(req))
        )

    def plan_data() -> dict[str, Any] | None:
        from archwise.api import plan

        req = ws.requirements
        if req is None:
            return None
        tasks = next(
            (p for p in (ws.root / "tasks.yaml", ws.root / "archwise-tasks.yaml") if p.is_file()),
            None,
        )
        result = ws.cache.get("plan", ws.stamp(), lambda: plan.plan(req, tasks=tasks))
        out: dict[str, Any] = to_jsonable(result)
        out["gantt"] = plan.gantt_mermaid(result) if tasks else None
        return out

    def analysis_data() -> dict[str, Any]:
        from archwise.api import analyze

        return ws.cache.get(  # type: ignore[no-any-return]
            "analysis",
            ws.stamp(),
            lambda: analyze.analyze(ws.root, save=False, diagram="mermaid"),
        )

    def adr_rows(status: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
        from archwise.api import adr

        folder = ws.adr_dir()
        if not folder.is_dir():
            return []
        rows = [to_jsonable(r) for r in adr.list_records(status, folder)]
        rows.sort(key=lambda r: (r["number"] is None, r["number"] or 0, r["path"]))
        if q:
            words = [w.lower() for w in q.split() if w]
            kept = []
            for row in rows:
                text = _read_inside(folder / row["path"]).lower()
                if all(w in text or w in row["title"].lower() for w in words):
                    kept.append(row)
            rows = kept
        return rows

    def _read_inside(path: Path) -> str:
        resolved = (path if path.is_absolute() else ws.root / path).resolve()
        try:
            resolved.relative_to(ws.root)
        except ValueError:
            return ""
        try:
            return resolved.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def adr_record(number: int) -> dict[str, Any]:
        from archwise.api import adr

        folder = ws.adr_dir()
        record = adr.show(number, adr_dir=folder)
        data: dict[str, Any] = to_jsonable(record)
        text = _read_inside(folder / record.path) if record.path else ""
        if not text:
            text = adr.render_text(record)
        data["html"] = markdown.render(text)
        data["lifecycle"] = record.lifecycle_status
        return data

    def adr_graph() -> str:
        from archwise.api import adr

        folder = ws.adr_dir()
        return adr.graph("mermaid", folder) if folder.is_dir() else ""

    def radar_data() -> dict[str, Any]:
        from archwise.api import kb as kb_api

        kb = kb_api.open_kb(workspace=_workspace())
        try:
            rows = to_jsonable(kb_api.radar(kb))
        except InputError:
            rows = None
        used: list[str] = []
        try:
            stack = analysis_data().get("stack", [])
            used = sorted({s.get("technology") or s.get("name", "") for s in stack} - {""})
        except ArchwiseError:
            used = []
        return {"radar": rows, "used": used}

    def _workspace() -> Any:
        from archwise.workspace import open_workspace

        return open_workspace(ws.root)

    # --- pages -----------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> Response:
        return _page(
            request,
            "overview.html",
            session=session_data(),
            questions=questions_data(),
            adrs=adr_rows()[-5:],
            requirements_file=ws.requirements.name if ws.requirements else None,
        )

    @app.get("/requirements", response_class=HTMLResponse, include_in_schema=False)
    def requirements_page(request: Request) -> Response:
        return _page(
            request, "requirements.html", data=requirements_data(), questions=questions_data()
        )

    @app.get("/recommendation", response_class=HTMLResponse, include_in_schema=False)
    def recommendation_page(request: Request) -> Response:
        return _page(request, "recommendation.html", rec=recommendation_data())

    @app.get("/capacity", response_class=HTMLResponse, include_in_schema=False)
    def capacity_page(request: Request) -> Response:
        return _page(request, "capacity.html", cap=capacity_data())

    @app.get("/charts/capacity.svg", include_in_schema=False)
    def capacity_chart() -> Response:
        from archwise.api import capacity

        req = ws.requirements
        if req is None:
            raise NotFoundError("no archwise.yaml in this workspace")

        def draw() -> bytes:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "growth.svg"
                capacity.plan_capacity(req, chart=out)
                return out.read_bytes()

        svg = ws.cache.get("capacity.svg", ws.stamp(), draw)
        return Response(svg, media_type="image/svg+xml")

    @app.get("/analysis", response_class=HTMLResponse, include_in_schema=False)
    def analysis_page(request: Request) -> Response:
        return _page(request, "analysis.html", analysis=analysis_data())

    @app.get("/plan", response_class=HTMLResponse, include_in_schema=False)
    def plan_page(request: Request) -> Response:
        return _page(request, "plan.html", plan=plan_data())

    @app.get("/adr", response_class=HTMLResponse, include_in_schema=False)
    def adr_list_page(
        request: Request,
        status: Annotated[str | None, Query(max_length=20)] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
    ) -> Response:
        rows = adr_rows(status or None, q)
        timeline = sorted((r for r in rows if r.get("date")), key=lambda r: r["date"])
        return _page(
            request,
            "adr_list.html",
            rows=rows,
            status=status or "",
            q=q or "",
            statuses=STATUSES,
            timeline=timeline,
            graph=adr_graph(),
        )

    @app.get("/adr/{number}", response_class=HTMLResponse, include_in_schema=False)
    def adr_page(request: Request, number: int) -> Response:
        return _page(request, "adr_record.html", adr=adr_record(number), statuses=STATUSES)

    @app.post("/adr/{number}/status", include_in_schema=False)
    def adr_status_form(
        request: Request,
        number: int,
        status: Annotated[str, Form()],
        csrf_token: Annotated[str | None, Form()] = None,
    ) -> Response:
        from archwise.api import adr

        _require_form(request, csrf_token)
        if status not in STATUSES:
            raise InputError(f"unknown status {status!r}; valid: {', '.join(STATUSES)}")
        adr.set_status(number, status, ws.adr_dir())
        ws.cache.clear()
        return RedirectResponse(f"/adr/{number}", status_code=303)

    @app.post("/questions", include_in_schema=False)
    def answer_form(
        request: Request,
        field: Annotated[str, Form(max_length=200)],
        value: Annotated[str, Form(max_length=10_000)],
        csrf_token: Annotated[str | None, Form()] = None,
    ) -> Response:
        from archwise.api import requirements

        _require_form(request, csrf_token)
        req = ws.requirements
        if req is None:
            raise NotFoundError("no archwise.yaml in this workspace")
        requirements.set_values(req, {field: _parse_value(value)})
        ws.cache.clear()
        return RedirectResponse("/", status_code=303)

    @app.post("/session/review", include_in_schema=False)
    def review_form(
        request: Request,
        feedback: Annotated[str, Form(min_length=1, max_length=10_000)],
        csrf_token: Annotated[str | None, Form()] = None,
    ) -> Response:
        from archwise.api import session

        _require_form(request, csrf_token)
        session.review_session(feedback, None, actor="web", workspace=ws.root)
        return RedirectResponse("/", status_code=303)

    @app.get("/radar", response_class=HTMLResponse, include_in_schema=False)
    def radar_page(request: Request) -> Response:
        return _page(request, "radar.html", data=radar_data())

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request) -> Response:
        return _page(request, "login.html", failed=False)

    @app.post("/login", include_in_schema=False)
    def login(request: Request, token: Annotated[str, Form(max_length=1000)]) -> Response:
        if not guard.token_ok(token):
            return templates.TemplateResponse(
                request, "login.html", _ctx(request, failed=True), status_code=403
            )
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(SESSION_COOKIE, guard.session_value(), httponly=True, samesite="strict")
        return response

    # --- JSON API --------------------------------------------------------------------------

    @app.get("/api/session", tags=["workspace"])
    def api_session() -> dict[str, Any]:
        """The current session: phase, todos, blockers (null when none)."""
        return {"session": session_data()}

    @app.get("/api/requirements", tags=["workspace"])
    def api_requirements() -> dict[str, Any]:
        """The requirements file, its validation result and open questions."""
        return {"requirements": requirements_data(), "questions": questions_data()}

    @app.post("/api/questions", tags=["workspace"])
    def api_answer(
        answers: Annotated[Answers, Body()],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Answer open questions: write the values into archwise.yaml (needs the token)."""
        from archwise.api import requirements

        _require_bearer(authorization)
        req = ws.requirements
        if req is None:
            raise NotFoundError("no archwise.yaml in this workspace")
        requirements.set_values(req, answers.values)
        ws.cache.clear()
        return {"questions": questions_data()}

    @app.post("/api/session/review", tags=["workspace"])
    def api_review(
        review: Annotated[Review, Body()],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Add a review comment to the current session (needs the token)."""
        from archwise.api import session

        _require_bearer(authorization)
        view = session.review_session(review.feedback, None, actor="web", workspace=ws.root)
        return {"session": to_jsonable(view)}

    @app.get("/api/recommendation", tags=["decisions"])
    def api_recommendation() -> dict[str, Any]:
        """The recommendation for archwise.yaml (null without one)."""
        return {"recommendation": recommendation_data()}

    @app.get("/api/capacity", tags=["decisions"])
    def api_capacity() -> dict[str, Any]:
        """The capacity plan for archwise.yaml (null without one)."""
        return {"capacity": capacity_data()}

    @app.get("/api/plan", tags=["decisions"])
    def api_plan() -> dict[str, Any]:
        """The delivery plan for archwise.yaml (null without one)."""
        return {"plan": plan_data()}

    @app.get("/api/analysis", tags=["code"])
    def api_analysis() -> dict[str, Any]:
        """The codebase analysis of the workspace folder."""
        return {"analysis": analysis_data()}

    @app.get("/api/adrs", tags=["adr"])
    def api_adrs(
        status: Annotated[
            Literal["proposed", "accepted", "rejected", "deprecated", "superseded"] | None,
            Query(),
        ] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
    ) -> dict[str, Any]:
        """ADRs, filtered by status and full-text search words."""
        return {"records": adr_rows(status, q)}

    @app.get("/api/adrs/{number}", tags=["adr"])
    def api_adr(number: Annotated[int, Field(ge=0, le=1_000_000)]) -> dict[str, Any]:
        """One ADR with its fields and sanitised HTML."""
        return {"record": adr_record(number)}

    @app.post("/api/adrs/{number}/status", tags=["adr"])
    def api_adr_status(
        number: Annotated[int, Field(ge=0, le=1_000_000)],
        change: Annotated[StatusChange, Body()],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Change an ADR's status (needs the token); the file is rewritten."""
        from archwise.api import adr

        _require_bearer(authorization)
        adr.set_status(number, change.status, ws.adr_dir())
        ws.cache.clear()
        return {"record": adr_record(number)}

    @app.get("/api/radar", tags=["radar"])
    def api_radar() -> dict[str, Any]:
        """The organisation's radar and the technologies this workspace uses."""
        return radar_data()

    @app.get("/api/health", tags=["meta"])
    def api_health() -> dict[str, Any]:
        """Liveness and whether writes are enabled."""
        return {"ok": True, "version": __version__, "writable": guard.writable}

    from archwise.web import registry

    registry.mount(app, templates, guard, context=_ctx, root=ws.root, db=db)
    return app


def _parse_value(text: str) -> Any:
    """Read a form answer as YAML so numbers, booleans and lists keep their types."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        value = YAML(typ="safe").load(text)
    except YAMLError:
        return text
    return text if value is None else value


def serve(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    db: str | None = None,
) -> None:
    """Run the web server until interrupted."""
    import uvicorn

    uvicorn.run(create_app(root, token=token, db=db), host=host, port=port, log_level="warning")
