"""`archwise serve`: server-rendered pages and a JSON API over archwise.api, for one workspace."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Body, FastAPI, Form, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import Field
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from archwise import __version__
from archwise.errors import ArchwiseError, ConflictError, InputError, NotFoundError
from archwise.jsonable import to_jsonable
from archwise.schema import BodyModel
from archwise.web import forms, markdown, views
from archwise.web.assets import Assets
from archwise.web.responses import ResponseCache
from archwise.web.security import CSRF_FIELD, SESSION_COOKIE, Confined, Guard, allowed_hosts

if TYPE_CHECKING:
    from archwise.api.adr import TextIndex

HERE = Path(__file__).resolve().parent
STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
CACHE_SECONDS = 30.0
ADR_PAGE = 50
ADR_RECHECK = 2.0
SIDEBAR = 60
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Fixed confirmations shown after a redirect: the query names one, no user text is reflected.
NOTICES = {
    "status": "The status was changed and the record's file rewritten.",
    "adr": "The ADR was written.",
    "requirements": "archwise.yaml was saved.",
    "created": "archwise.yaml was written.",
    "session": "The session was started.",
    "advanced": "The session moved to its next phase.",
    "review": "The review comment was added.",
    "answer": "The answer was written into archwise.yaml.",
    "signed-out": "You are signed out.",
}


@dataclass
class Cache:
    """Results of expensive api calls, reused while the stamp of their own input is unchanged.

    One thread computes a missing value while the others wait for it (no stampede).
    """

    entries: dict[str, tuple[float, Any, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    building: dict[str, threading.Lock] = field(default_factory=dict)

    def _fresh(self, key: str, stamp: Any, ttl: float | None) -> tuple[bool, Any]:
        with self.lock:
            hit = self.entries.get(key)
        if hit and hit[1] == stamp and (ttl is None or time.monotonic() - hit[0] < ttl):
            return True, hit[2]
        return False, None

    def get(
        self, key: str, stamp: Any, compute: Callable[[], Any], ttl: float | None = CACHE_SECONDS
    ) -> Any:
        """Return the cached value for key while stamp is unchanged and (with a ttl) fresh."""
        ok, value = self._fresh(key, stamp, ttl)
        if ok:
            return value
        with self.lock:
            gate = self.building.setdefault(key, threading.Lock())
        with gate:
            ok, value = self._fresh(key, stamp, ttl)
            if ok:
                return value
            began = time.monotonic()
            value = compute()
            with self.lock:
                self.entries[key] = (began, stamp, value)
            return value

    def put(self, key: str, stamp: Any, value: Any) -> None:
        """Store a value computed elsewhere (a finished analysis run)."""
        with self.lock:
            self.entries[key] = (time.monotonic(), stamp, value)

    def forget(self, *keys: str) -> None:
        """Forget the results derived from one input (after a write to it)."""
        with self.lock:
            for key in keys:
                self.entries.pop(key, None)

    def clear(self) -> None:
        """Forget everything."""
        with self.lock:
            self.entries.clear()


REQUIREMENT_KEYS = ("questions", "recommend", "capacity", "capacity.svg", "plan")


def _file_stamp(path: Path | None) -> tuple[int, int]:
    if path is None:
        return (0, 0)
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


@dataclass
class Workspace:
    """The folder served, and what the pages read from it."""

    root: Path
    cache: Cache = field(default_factory=Cache)
    _adr_stamp: tuple[str, float, tuple[Any, ...]] | None = None
    _adr_folder: tuple[float, Path] | None = None
    on_adr_change: list[Callable[[], None]] = field(default_factory=list)

    @property
    def requirements(self) -> Path | None:
        """The workspace's requirements file, if there is one."""
        p = self.root / "archwise.yaml"
        return p if p.is_file() else None

    @property
    def tasks(self) -> Path | None:
        """The workspace's task graph, if there is one."""
        names = (self.root / "tasks.yaml", self.root / "archwise-tasks.yaml")
        return next((p for p in names if p.is_file()), None)

    def adr_dir(self) -> Path:
        """The ADR folder of the workspace, looked for at most every ADR_RECHECK seconds."""
        from archwise.api import adr

        now = time.monotonic()
        with self.cache.lock:
            last = self._adr_folder
        if last is not None and now - last[0] < ADR_RECHECK:
            return last[1]
        folder = adr.find_dir(None, self.root)
        with self.cache.lock:
            self._adr_folder = (now, folder)
        return folder

    def requirements_stamp(self) -> tuple[int, int]:
        """Stamp of archwise.yaml alone: what recommendation, capacity and questions read."""
        return _file_stamp(self.requirements)

    def plan_stamp(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """Stamp of archwise.yaml and the task graph."""
        return (_file_stamp(self.requirements), _file_stamp(self.tasks))

    def adr_stamp(self) -> tuple[Any, ...]:
        """Stamp of the ADR folder and its files, looked at most every ADR_RECHECK seconds.

        The folder's own time changes when a record is added, removed or renamed into place;
        the newest file time catches an edit in place.
        """
        folder = self.adr_dir()
        now = time.monotonic()
        with self.cache.lock:
            last = self._adr_stamp
        if last is not None and last[0] == str(folder) and now - last[1] < ADR_RECHECK:
            return last[2]
        newest, count = 0, 0
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".md"):
                        count += 1
                        newest = max(newest, entry.stat().st_mtime_ns)
        except OSError:
            pass
        stamp = (str(folder), _file_stamp(folder), newest, count)
        with self.cache.lock:
            self._adr_stamp = (str(folder), now, stamp)
        return stamp

    def adrs_changed(self) -> None:
        """A write through the server: look at the folder again on the next request."""
        with self.cache.lock:
            self._adr_stamp = self._adr_folder = None
        self.cache.forget("adrs")
        for listener in self.on_adr_change:
            listener()


@dataclass(frozen=True)
class AdrIndex:
    """The workspace's records in order, each also as JSON, with a search index of their texts."""

    rows: list[dict[str, Any]]
    encoded: list[str]
    search: TextIndex
    by_status: dict[str, int]

    @classmethod
    def of(cls, rows: list[dict[str, Any]], texts: list[str]) -> AdrIndex:
        """Index rows and their texts (title and body)."""
        from archwise.api import adr

        statuses: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            statuses.setdefault(str(row["status"]), []).append(i)
        search = adr.text_index(texts)
        return cls(
            rows=rows,
            encoded=[json.dumps(row, ensure_ascii=False) for row in rows],
            search=search,
            by_status={k: search.set_of(v) for k, v in statuses.items()},
        )

    def matching(self, status: str | None, q: str | None) -> int:
        """The records (a bit set of positions) with the status and every word of q."""
        within = self.by_status.get(status.lower(), 0) if status else None
        return self.search.match(q or "", within)


@dataclass
class AnalysisRun:
    """A codebase analysis running in the background, with its progress."""

    running: bool = False
    done: int = 0
    total: int = 0
    stage: str = ""
    error: str = ""
    finished_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def view(self) -> dict[str, Any]:
        """The run's state as JSON."""
        with self.lock:
            return {
                "running": self.running,
                "done": self.done,
                "total": self.total,
                "stage": self.stage,
                "error": self.error,
                "finished": self.finished_at > 0 and not self.running,
            }


class StatusChange(BodyModel):
    """A new lifecycle status for an ADR."""

    status: Literal["proposed", "accepted", "rejected", "deprecated", "superseded"]


class Answers(BodyModel):
    """Answers to open questions: dotted requirement keys and their values."""

    values: dict[str, Any] = Field(min_length=1)


class Review(BodyModel):
    """A review comment on the current session."""

    feedback: str = Field(min_length=1, max_length=10_000)


class NewSession(BodyModel):
    """A session to start in this workspace."""

    title: str = Field(min_length=1, max_length=200)


class NewAdr(BodyModel):
    """A new ADR: a title, and whether to fill it from the workspace's recommendation."""

    title: str = Field(min_length=1, max_length=200)
    from_recommendation: bool = False


class _ForbiddenError(Exception):
    """A write without the right token, session or CSRF token."""


def create_app(
    root: Path,
    *,
    token: str | None = None,
    db: str | None = None,
    hosts: Sequence[str] = (),
) -> FastAPI:
    """Build the web app for one workspace; writes need token, none means read-only.

    Requests must name a loopback host or one of hosts (400 otherwise); every request is
    confined to the workspace.
    """
    ws = Workspace(root.resolve())
    guard = Guard(token)
    run = AnalysisRun()
    assets = Assets(HERE / "static")
    # Finished ADR lists, kept while the ADR folder's stamp holds (it is re-read every 2 s).
    adr_responses = ResponseCache(ws.adr_stamp, recheck=0.0)
    ws.on_adr_change.append(adr_responses.invalidate)
    app = FastAPI(
        title="archwise",
        version=__version__,
        description="Decisions, options, capacity, plans and ADRs of one archwise workspace.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.globals["asset"] = assets.url
    templates.env.filters.update(views.FILTERS)

    def _clean(text: str) -> str:
        """An error message without the server's absolute paths."""
        text = text.replace(str(ws.root) + "/", "").replace(str(ws.root), ".")
        return re.sub(r"(?<![\w.])/(?:[^\s/:'\"]+/)+([^\s/:'\"]+)", r"\1", text)

    def _write_refusal(request: Request) -> Response | None:
        """Refuse a write before its body is read: token for /api, a signed-in session for forms."""
        if request.method in SAFE_METHODS:
            return None
        path = request.url.path
        if path.startswith("/api/"):
            if not guard.writable:
                message = "this server is read-only: start it with --token to allow writes"
                return JSONResponse({"error": {"message": message}}, status_code=403)
            presented = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not guard.token_ok(presented):
                message = "a valid bearer token is required for writes"
                return JSONResponse({"error": {"message": message}}, status_code=403)
            return None
        if path == "/login":
            return None
        if not guard.writable:
            return _error_page(request, 403, "This server is read-only.", "Start it with --token.")
        if not guard.session_ok(request.cookies.get(SESSION_COOKIE)):
            return _error_page(request, 403, "Sign in first.", "Writes need the write token.")
        return None

    def _error_page(request: Request, status: int, title: str, message: str) -> Response:
        return templates.TemplateResponse(
            request,
            "error.html",
            _ctx(request, title=title, message=_clean(message)),
            status_code=status,
        )

    @app.exception_handler(ArchwiseError)
    async def archwise_error(request: Request, exc: ArchwiseError) -> Response:
        status = (
            404
            if isinstance(exc, NotFoundError)
            else 409
            if isinstance(exc, ConflictError)
            else 400
        )
        if request.url.path.startswith("/api/"):
            data = exc.to_dict()
            data["message"] = _clean(str(data.get("message", "")))
            for p in data.get("problems", []):
                if p.get("file"):
                    p["file"] = _clean(p["file"])
            return JSONResponse({"error": data}, status_code=status)
        title = "Not found" if status == 404 else "That did not work"
        return _error_page(request, status, title, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        if exc.status_code == 404:
            where = f"Nothing here at {request.url.path}."
            return _error_page(request, 404, "Page not found", where)
        return _error_page(request, exc.status_code, "That did not work", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
            for e in exc.errors()
        ]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": to_jsonable(exc.errors())}, status_code=422)
        return _error_page(request, 400, "That address is not valid", "; ".join(problems))

    def _ctx(request: Request, **extra: Any) -> dict[str, Any]:
        session = request.cookies.get(SESSION_COOKIE)
        signed_in = guard.session_ok(session)
        notice = NOTICES.get(request.query_params.get("done", ""), "")
        return {
            "workspace": ws.root.name or str(ws.root),
            "writable": guard.writable,
            "signed_in": signed_in,
            "csrf": guard.csrf_for(session) if signed_in else "",
            "csrf_field": CSRF_FIELD,
            "path": request.url.path,
            "notice": notice,
            "diagrams": False,
            **extra,
        }

    def _page(request: Request, name: str, *, http_status: int = 200, **extra: Any) -> Response:
        return templates.TemplateResponse(
            request, name, _ctx(request, **extra), status_code=http_status
        )

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
        return _error_page(request, 403, "Not allowed", str(exc))

    def _done(url: str, what: str) -> Response:
        sep = "&" if "?" in url else "?"
        return RedirectResponse(f"{url}{sep}done={what}", status_code=303)

    # --- data ------------------------------------------------------------------------------

    def store_exists() -> bool:
        """False while the default SQLite store is not created (reading must not create it)."""
        url = _workspace().db_url(None)
        return not url.startswith("sqlite:///") or Path(url[len("sqlite:///") :]).is_file()

    def session_data() -> dict[str, Any] | None:
        from archwise.api import session

        if not store_exists():
            return None
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
        try:
            return ws.cache.get(  # type: ignore[no-any-return]
                "questions",
                ws.requirements_stamp(),
                lambda: to_jsonable(requirements.open_questions(req)),
            )
        except InputError:
            return None

    def requirements_data() -> dict[str, Any] | None:
        from archwise.api import requirements

        req = ws.requirements
        if req is None:
            return None
        from archwise.fileio import read_text

        text = read_text(req, what="requirements file")
        try:
            check = to_jsonable(requirements.check_requirements(req))
            problems: list[str] = []
        except InputError as exc:
            check = None
            problems = [_clean(str(p)) for p in exc.problems]
        return {"file": req.name, "text": text, "check": check, "problems": problems}

    def recommendation_data() -> dict[str, Any] | None:
        from archwise.api import recommend

        req = ws.requirements
        if req is None:
            return None
        return ws.cache.get(  # type: ignore[no-any-return]
            "recommend", ws.requirements_stamp(), lambda: to_jsonable(recommend.recommend(req))
        )

    def capacity_data() -> dict[str, Any] | None:
        from archwise.api import capacity

        req = ws.requirements
        if req is None:
            return None
        return ws.cache.get(  # type: ignore[no-any-return]
            "capacity", ws.requirements_stamp(), lambda: to_jsonable(capacity.plan_capacity(req))
        )

    def plan_data() -> dict[str, Any] | None:
        from archwise.api import plan

        req = ws.requirements
        if req is None:
            return None
        tasks = ws.tasks
        result = ws.cache.get("plan", ws.plan_stamp(), lambda: plan.plan(req, tasks=tasks))
        out: dict[str, Any] = to_jsonable(result)
        out["gantt"] = plan.gantt_mermaid(result) if tasks else None
        return out

    def analysis_data() -> dict[str, Any]:
        from archwise.api import analyze
        from archwise.api import store as store_api

        def latest() -> dict[str, Any]:
            # The newest saved run (`archwise analyze` or the Run button) when there is one;
            # otherwise one scan. archwise.yaml is not an input, so editing it changes nothing.
            snap = None
            if store_exists():
                try:
                    snap = store_api.latest_snapshot("analyze", str(ws.root), workspace=ws.root)
                except ArchwiseError:
                    snap = None
            if snap is not None:
                return {**snap.payload, "snapshot": snap.id, "saved_at": snap.created_at}
            return analyze.analyze(ws.root, save=False, diagram="mermaid")

        return ws.cache.get("analysis", "code", latest, ttl=600.0)  # type: ignore[no-any-return]

    def start_analysis() -> bool:
        from archwise.api import analyze

        with run.lock:
            if run.running:
                return False
            run.running, run.done, run.total, run.stage, run.error = True, 0, 0, "starting", ""

        def progress(done: int, total: int, stage: str) -> None:
            with run.lock:
                run.done, run.total, run.stage = done, total, stage

        def work() -> None:
            try:
                doc = analyze.analyze(ws.root, progress=progress, save=True, diagram="mermaid")
                ws.cache.put("analysis", "code", doc)
                error = ""
            except ArchwiseError as exc:
                error = _clean(str(exc))
            with run.lock:
                run.running, run.error, run.finished_at = False, error, time.time()
                run.stage = "failed" if error else "finished"

        threading.Thread(target=work, name="archwise-analysis", daemon=True).start()
        return True

    def adr_index() -> AdrIndex:
        """Every record's row, its JSON and a search index, kept while the folder is unchanged.

        A write through the server renames a file into the folder, which changes its stamp; an
        edit in place elsewhere shows within ADR_RECHECK seconds.
        """
        from archwise.api import adr

        folder = ws.adr_dir()
        if not folder.is_dir():
            return AdrIndex.of([], [])

        def build() -> AdrIndex:
            rows: list[dict[str, Any]] = [to_jsonable(r) for r in adr.list_records(None, folder)]
            rows.sort(key=lambda r: (r["number"] is None, r["number"] or 0, r["path"]))
            texts = [row["title"] + "\n" + _read_inside(folder / row["path"]) for row in rows]
            return AdrIndex.of(rows, texts)

        return ws.cache.get("adrs", ws.adr_stamp(), build, ttl=None)  # type: ignore[no-any-return]

    def adr_rows(status: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
        index = adr_index()
        found = index.matching(status, q)
        return [index.rows[i] for i in index.search.members(found)]

    def _read_inside(path: Path) -> str:
        resolved = (path if path.is_absolute() else ws.root / path).resolve()
        try:
            resolved.relative_to(ws.root)
        except ValueError:
            return ""
        from archwise.fileio import read_bytes

        try:
            return read_bytes(resolved, what="ADR").decode("utf-8", errors="replace")
        except InputError:
            return ""

    def adr_record(number: int) -> dict[str, Any]:
        from archwise.api import adr

        folder = ws.adr_dir()
        record = adr.show(number, adr_dir=folder)
        data: dict[str, Any] = to_jsonable(record)
        text = _read_inside(folder / record.path) if record.path else ""
        if not text:
            text = adr.render_text(record)
        data["html"] = markdown.render(markdown.field_lines(text))
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

    # --- static files ----------------------------------------------------------------------

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(request: Request, name: str) -> Response:
        return assets.response(name, request)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon(request: Request) -> Response:
        return assets.response("favicon.svg", request)

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        return _page(request, "api_docs.html", openapi=app.openapi())

    # --- pages -----------------------------------------------------------------------------

    def _overview(request: Request, status: int = 200, **extra: Any) -> Response:
        return _page(
            request,
            "overview.html",
            http_status=status,
            session=session_data(),
            questions=questions_data(),
            qfields={f.key: f for f in forms.requirement_fields()},
            adrs=adr_rows()[-5:],
            requirements_file=ws.requirements.name if ws.requirements else None,
            **extra,
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> Response:
        return _overview(request)

    @app.get("/requirements", response_class=HTMLResponse, include_in_schema=False)
    def requirements_page(request: Request) -> Response:
        return _page(
            request, "requirements.html", data=requirements_data(), questions=questions_data()
        )

    def _requirements_form(
        request: Request,
        *,
        creating: bool,
        values: dict[str, Any],
        problems: dict[str, str],
        general: list[str],
        status: int = 200,
    ) -> Response:
        fields = forms.requirement_fields()
        groups: dict[str, list[forms.FormField]] = {}
        for f in fields:
            groups.setdefault(f.group, []).append(f)
        return _page(
            request,
            "requirements_form.html",
            http_status=status,
            creating=creating,
            groups=groups,
            rows_shown=forms.rows_shown,
            dom_id=forms.dom_id,
            values=values,
            problems=problems,
            general=general,
        )

    def _loaded_mapping() -> Any:
        from archwise import yamlio

        req = ws.requirements
        if req is None:
            return {}
        try:
            return yamlio.load(req, what="requirements file") or {}
        except InputError:
            return {}

    @app.get("/requirements/edit", response_class=HTMLResponse, include_in_schema=False)
    def requirements_edit_page(request: Request) -> Response:
        if ws.requirements is None:
            return RedirectResponse("/requirements/new", status_code=303)
        fields = forms.requirement_fields()
        values = forms.current_values(_loaded_mapping(), fields)
        return _requirements_form(request, creating=False, values=values, problems={}, general=[])

    @app.get("/requirements/new", response_class=HTMLResponse, include_in_schema=False)
    def requirements_new_page(request: Request) -> Response:
        if ws.requirements is not None:
            return RedirectResponse("/requirements/edit", status_code=303)
        fields = forms.requirement_fields()
        return _requirements_form(
            request, creating=True, values=forms.current_values({}, fields), problems={}, general=[]
        )

    async def _save_requirements(request: Request, creating: bool) -> Response:
        from archwise.api import requirements

        form = await request.form()
        _require_form(request, _text(form.get(CSRF_FIELD)))
        fields = forms.requirement_fields()
        names = {k: [_text(v) for v in form.getlist(k)] for k in form}
        sent = forms.read_form(names, fields)
        problems, general = sent.problems, []
        if not problems:
            try:
                if creating:
                    if ws.requirements is not None:
                        raise InputError("archwise.yaml already exists; edit it instead")
                    requirements.new_requirements(ws.root / "archwise.yaml", sent.values)
                else:
                    req = ws.requirements
                    if req is None:
                        raise NotFoundError("no archwise.yaml in this workspace")
                    current = forms.current_values(_loaded_mapping(), fields)
                    before = forms.read_form(forms.as_form(current, fields), fields).values
                    changed = {k: v for k, v in sent.values.items() if before.get(k) != v}
                    cleared = [k for k in sent.cleared if k in before]
                    if changed or cleared:
                        requirements.set_values(req, changed, cleared)
            except InputError as exc:
                for p in exc.problems:
                    if p.field and (p.field in names or p.field in sent.shown):
                        problems[str(p.field)] = _clean(p.message)
                    else:
                        general.append(_clean(str(p)))
        if problems or general:
            base = {} if creating else _loaded_mapping()
            shown = forms.current_values(base, fields) | sent.shown
            return _requirements_form(
                request,
                creating=creating,
                values=shown,
                problems=problems,
                general=general,
                status=400,
            )
        ws.cache.forget(*REQUIREMENT_KEYS)
        return _done("/requirements", "created" if creating else "requirements")

    @app.post("/requirements/edit", include_in_schema=False)
    async def requirements_edit(request: Request) -> Response:
        return await _save_requirements(request, creating=False)

    @app.post("/requirements/new", include_in_schema=False)
    async def requirements_new(request: Request) -> Response:
        return await _save_requirements(request, creating=True)

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
            return capacity.growth_chart_bytes(capacity.plan_capacity(req), "svg")

        svg = ws.cache.get("capacity.svg", ws.requirements_stamp(), draw)
        return Response(svg, media_type="image/svg+xml")

    @app.get("/analysis", response_class=HTMLResponse, include_in_schema=False)
    def analysis_page(request: Request) -> Response:
        state = run.view()
        if state["running"]:
            return _page(request, "analysis.html", analysis=None, run=state)
        data = analysis_data()
        return _page(
            request, "analysis.html", analysis=data, run=state, diagrams=bool(data.get("diagram"))
        )

    @app.post("/analysis/run", include_in_schema=False)
    def analysis_run_form(
        request: Request, csrf_token: Annotated[str | None, Form()] = None
    ) -> Response:
        _require_form(request, csrf_token)
        start_analysis()
        return RedirectResponse("/analysis", status_code=303)

    @app.get("/plan", response_class=HTMLResponse, include_in_schema=False)
    def plan_page(request: Request) -> Response:
        data = plan_data()
        return _page(request, "plan.html", plan=data, diagrams=bool(data and data.get("gantt")))

    @app.get("/adr", response_class=HTMLResponse, include_in_schema=False)
    async def adr_list_page(
        request: Request,
        status: Annotated[str | None, Query(max_length=20)] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> Response:
        def build() -> tuple[bytes, str]:
            body = bytes(adr_list_response(request, status, q, page).body)
            return body, "text/html; charset=utf-8"

        cacheable = SESSION_COOKIE not in request.cookies
        return await adr_responses.respond(request, build, cacheable=cacheable)

    def adr_list_response(
        request: Request, status: str | None, q: str | None, page: int
    ) -> Response:
        rows = adr_rows(status or None, q)
        pages = max(1, -(-len(rows) // ADR_PAGE))
        page = min(page, pages)
        shown = rows[(page - 1) * ADR_PAGE : page * ADR_PAGE]
        timeline = sorted((r for r in shown if r.get("date")), key=lambda r: r["date"])
        graph = adr_graph() if len(rows) <= 200 and not q and not status else ""
        return _page(
            request,
            "adr_list.html",
            rows=shown,
            total=len(rows),
            page=page,
            pages=pages,
            status=status or "",
            q=q or "",
            statuses=STATUSES,
            timeline=timeline,
            graph=graph,
            diagrams=bool(graph),
        )

    @app.get("/adr/new", response_class=HTMLResponse, include_in_schema=False)
    def adr_new_page(request: Request) -> Response:
        return _page(request, "adr_new.html", title="", problem="")

    @app.post("/adr/new", include_in_schema=False)
    def adr_new_form(
        request: Request,
        title: Annotated[str, Form(max_length=200)] = "",
        csrf_token: Annotated[str | None, Form()] = None,
    ) -> Response:
        from archwise.api import adr

        _require_form(request, csrf_token)
        try:
            path = adr.new(title, fmt="spec", adr_dir=ws.adr_dir())
        except InputError as exc:
            return _page(
                request, "adr_new.html", http_status=400, title=title, problem=_clean(str(exc))
            )
        ws.adrs_changed()
        return _done(f"/adr/{_number_of(path)}", "adr")

    @app.post("/adr/from-recommendation", include_in_schema=False)
    def adr_from_recommendation(
        request: Request,
        title: Annotated[str, Form(max_length=200)] = "",
        csrf_token: Annotated[str | None, Form()] = None,
    ) -> Response:
        from archwise.api import adr

        _require_form(request, csrf_token)
        req = ws.requirements
        if req is None:
            raise NotFoundError("no archwise.yaml in this workspace")
        path = adr.new(title, requirements=req, adr_dir=ws.adr_dir())
        ws.adrs_changed()
        return _done(f"/adr/{_number_of(path)}", "adr")

    @app.get("/adr/{number}", response_class=HTMLResponse, include_in_schema=False)
    def adr_page(request: Request, number: int) -> Response:
        record = adr_record(number)
        everything = adr_rows()
        numbers = [r["number"] for r in everything]
        here = numbers.index(number) if number in numbers else -1
        prev = everything[here - 1] if here > 0 else None
        nxt = everything[here + 1] if 0 <= here < len(everything) - 1 else None
        return _page(
            request,
            "adr_record.html",
            adr=record,
            statuses=STATUSES,
            # The sidebar shows the records around this one (all of them in a small folder).
            records=everything[max(0, here - SIDEBAR) : max(0, here) + SIDEBAR + 1],
            total_records=len(everything),
            prev=prev,
            next=nxt,
            diagrams='class="mermaid"' in record["html"],
        )

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
        ws.adrs_changed()
        return _done(f"/adr/{number}", "status")

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
        known = {f.key: f for f in forms.requirement_fields() if f.kind not in forms.ROWS}
        if field in known:
            typed, problems = forms.read_values({field: value}, [known[field]])
            if problems:
                return _overview(
                    request,
                    400,
                    answer_error={"field": field, "value": value, "message": problems[field]},
                )
            parsed = typed.get(field, value)
        else:
            parsed = _parse_value(value)
        try:
            requirements.set_values(req, {field: parsed})
        except InputError as exc:
            return _overview(
                request,
                400,
                answer_error={"field": field, "value": value, "message": _clean(str(exc))},
            )
        ws.cache.forget(*REQUIREMENT_KEYS)
        return _done("/", "answer")

    @app.post("/session/start", include_in_schema=False)
    def session_start_form(
        request: Request,
        title: Annotated[str, Form(max_length=200)] = "",
        csrf_token: Annotated[str | None, Form()] = None,
    ) -> Response:
        from archwise.api import session

        _require_form(request, csrf_token)
        try:
            session.start_session(title, actor="web", workspace=ws.root)
        except InputError as exc:
            return _overview_error(request, "session_error", _clean(str(exc)), title)
        return _done("/", "session")

    @app.post("/session/advance", include_in_schema=False)
    def session_advance_form(
        request: Request, csrf_token: Annotated[str | None, Form()] = None
    ) -> Response:
        from archwise.api import session

        _require_form(request, csrf_token)
        try:
            session.advance_session(None, actor="web", workspace=ws.root)
        except (ConflictError, InputError) as exc:
            return _overview_error(request, "session_error", _clean(str(exc)), "")
        return _done("/", "advanced")

    def _overview_error(request: Request, key: str, message: str, kept: str) -> Response:
        return _overview(request, 409, **{key: {"message": message, "value": kept}})

    @app.post("/session/review", include_in_schema=False)
    def review_form(
        request: Request,
        feedback: Annotated[str, Form(min_length=1, max_length=10_000)],
        csrf_token: Annotated[str | None, Form()] = None,
    ) -> Response:
        from archwise.api import session

        _require_form(request, csrf_token)
        session.review_session(feedback, None, actor="web", workspace=ws.root)
        return _done("/", "review")

    @app.get("/radar", response_class=HTMLResponse, include_in_schema=False)
    def radar_page(request: Request) -> Response:
        from archwise.web.radar import draw

        data = radar_data()
        blips = [
            {
                "name": row.get("canonical") or row.get("name", ""),
                "ring": row.get("ring", ""),
                "quadrant": row.get("quadrant") or "",
                "category": row.get("category") or "",
                "description": row.get("reason") or row.get("description") or "",
                "moved": bool(row.get("moved_from")),
                "moved_from": row.get("moved_from"),
                "used": (row.get("canonical") or row.get("name")) in data["used"],
                "href": "",
            }
            for row in ((data["radar"] or {}).get("entries") or [])
        ]
        return _page(request, "radar.html", data=data, chart=draw(blips))

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

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> Response:
        _require_form(request, csrf_token)
        response = _done("/login", "signed-out")
        response.delete_cookie(SESSION_COOKIE)
        return response

    # --- JSON API --------------------------------------------------------------------------

    @app.get("/api/session", tags=["workspace"])
    def api_session() -> dict[str, Any]:
        """The current session: phase, todos, blockers (null when none)."""
        return {"session": session_data()}

    @app.post("/api/session", tags=["workspace"])
    def api_session_start(
        new: Annotated[NewSession, Body()],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Start a session in this workspace and make it the current one (needs the token)."""
        from archwise.api import session

        view = session.start_session(new.title, actor="web", workspace=ws.root)
        return {"session": to_jsonable(view)}

    @app.post("/api/session/advance", tags=["workspace"])
    def api_session_advance(
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Move the current session to its next phase, if nothing blocks it (needs the token)."""
        from archwise.api import session

        view = session.advance_session(None, actor="web", workspace=ws.root)
        return {"session": to_jsonable(view)}

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

        req = ws.requirements
        if req is None:
            raise NotFoundError("no archwise.yaml in this workspace")
        requirements.set_values(req, answers.values)
        ws.cache.forget(*REQUIREMENT_KEYS)
        return {"questions": questions_data()}

    @app.post("/api/session/review", tags=["workspace"])
    def api_review(
        review: Annotated[Review, Body()],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Add a review comment to the current session (needs the token)."""
        from archwise.api import session

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

    @app.post("/api/analysis/run", tags=["code"])
    def api_analysis_run(authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Start a fresh analysis in the background, saved as a snapshot (needs the token)."""
        started = start_analysis()
        return {"started": started, "progress": run.view()}

    @app.get("/api/analysis/progress", tags=["code"])
    def api_analysis_progress() -> dict[str, Any]:
        """How far the background analysis is."""
        return {"progress": run.view()}

    @app.get("/api/adrs", tags=["adr"])
    async def api_adrs(
        request: Request,
        status: Annotated[
            Literal["proposed", "accepted", "rejected", "deprecated", "superseded"] | None,
            Query(),
        ] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=1_000)] = 1_000,
    ) -> Response:
        """ADRs, filtered by status and full-text search words; paged."""

        def build() -> tuple[bytes, str]:
            index = adr_index()
            found = index.matching(status, q)
            shown = index.search.members(found, offset, limit)
            records = ",".join(index.encoded[i] for i in shown)
            body = f'{{"total": {found.bit_count()}, "records": [{records}]}}'
            return body.encode(), "application/json"

        return await adr_responses.respond(request, build)

    @app.post("/api/adrs", tags=["adr"])
    def api_adr_new(
        new: Annotated[NewAdr, Body()],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Write a new ADR (spec template, or filled from the recommendation; needs the token)."""
        from archwise.api import adr

        if new.from_recommendation:
            req = ws.requirements
            if req is None:
                raise NotFoundError("no archwise.yaml in this workspace")
            path = adr.new(new.title, requirements=req, adr_dir=ws.adr_dir())
        else:
            path = adr.new(new.title, fmt="spec", adr_dir=ws.adr_dir())
        ws.adrs_changed()
        return {"record": adr_record(_number_of(path))}

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

        adr.set_status(number, change.status, ws.adr_dir())
        ws.adrs_changed()
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
    app.add_middleware(Protect, refuse=_write_refusal)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    # Outermost: a foreign Host is refused first, and everything inside runs confined.
    app.add_middleware(Confined, root=ws.root)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(None, hosts))
    return app


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


class Protect:
    """ASGI middleware: refuse writes before their body is read; add the security headers."""

    def __init__(self, app: ASGIApp, refuse: Callable[[Request], Response | None]) -> None:
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
            await send(message)

        refusal = self.refuse(Request(scope))
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _text(value: Any) -> str:
    """A form value as text (an upload or a missing field is empty)."""
    return value if isinstance(value, str) else ""


def _number_of(path: Path) -> int:
    """The record number at the start of an ADR file name."""
    match = re.match(r"(\d+)", path.name)
    if match is None:
        raise InputError("the new record has no number in its file name", field="title")
    return int(match.group(1))


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
    hosts: Sequence[str] = (),
) -> None:
    """Run the web server until interrupted; requests must name a loopback host, host or hosts."""
    import uvicorn

    app = create_app(root, token=token, db=db, hosts=[host, *hosts])
    uvicorn.run(app, host=host, port=port, log_level="warning")
