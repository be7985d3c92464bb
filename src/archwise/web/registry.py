"""Registry pages and JSON routes: repositories, ADR search across them, technologies, radar."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Body, FastAPI, Header, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates

from archwise.api import registry as api
from archwise.web import markdown
from archwise.web.responses import ResponseCache
from archwise.web.security import SESSION_COOKIE, Guard

if TYPE_CHECKING:
    from archwise.api.registry import Registry

PAGE = 100
ExportFormat = Literal["thoughtworks-csv", "thoughtworks-json", "backstage"]
Status = Literal["proposed", "accepted", "rejected", "deprecated", "superseded"]
MEDIA = {
    "thoughtworks-csv": "text/csv; charset=utf-8",
    "thoughtworks-json": "application/json",
    "backstage": "application/json",
}


class _Holder:
    """The registry, opened on first use and kept for the life of the app."""

    def __init__(self, root: Path, db: str | None) -> None:
        self.root = root
        self.db = db
        self.lock = threading.Lock()
        self.registry: Registry | None = None

    def get(self) -> Registry:
        """The open registry."""
        with self.lock:
            if self.registry is None:
                self.registry = api.open_registry(self.db, workspace=self.root)
            return self.registry


def _dump(obj: Any) -> Any:
    return obj.model_dump(mode="json")


def mount(
    app: FastAPI,
    templates: Jinja2Templates,
    guard: Guard,
    *,
    context: Callable[..., dict[str, Any]],
    root: Path,
    db: str | None = None,
) -> None:
    """Add the /registry pages and /api/registry routes to the app."""
    holder = _Holder(root, db)
    responses = ResponseCache(lambda: holder.get().version())

    def page(request: Request, name: str, **extra: Any) -> Response:
        return templates.TemplateResponse(request, name, context(request, **extra))

    async def cached_page(
        request: Request, name: str, make: Callable[[], dict[str, Any]]
    ) -> Response:
        """A page kept while the registry is unchanged (only for visitors who are not signed in)."""

        def build() -> tuple[bytes, str]:
            body = bytes(page(request, name, **make()).body)
            return body, "text/html; charset=utf-8"

        cacheable = SESSION_COOKIE not in request.cookies
        return await responses.respond(request, build, cacheable=cacheable)

    async def cached_json(request: Request, make: Callable[[], Any]) -> Response:
        return await responses.respond(
            request, lambda: (make().model_dump_json().encode(), "application/json")
        )

    def adr_page(
        q: str | None, repository: str | None, status: str | None, offset: int, limit: int
    ) -> Any:
        return holder.get().adrs(
            q=q, repository=repository or None, status=status or None, offset=offset, limit=limit
        )

    def radar() -> Any:
        return api.radar_view(holder.get(), workspace=root)

    # --- pages -----------------------------------------------------------------------------

    @app.get("/registry", response_class=HTMLResponse, include_in_schema=False)
    def registry_page(request: Request) -> Response:
        return page(request, "registry.html", repos=api.list_repositories(holder.get()))

    @app.get("/registry/adrs", response_class=HTMLResponse, include_in_schema=False)
    async def registry_adrs_page(
        request: Request,
        q: Annotated[str | None, Query(max_length=200)] = None,
        repository: Annotated[str | None, Query(max_length=200)] = None,
        status: Annotated[str | None, Query(max_length=40)] = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        return await cached_page(
            request,
            "registry_adrs.html",
            lambda: {
                "result": adr_page(q, repository, status, offset, PAGE),
                "q": q or "",
                "repository": repository or "",
                "status": status or "",
                "heading": "Every ADR",
                "action": "/registry/adrs",
            },
        )

    @app.get("/registry/search", response_class=HTMLResponse, include_in_schema=False)
    async def registry_search_page(
        request: Request,
        q: Annotated[str | None, Query(max_length=200)] = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        return await cached_page(
            request,
            "registry_adrs.html",
            lambda: {
                "result": adr_page(q, None, None, offset, PAGE) if q and q.strip() else None,
                "q": q or "",
                "repository": "",
                "status": "",
                "heading": "Search every ADR of every repository",
                "action": "/registry/search",
            },
        )

    @app.get("/registry/repo/{name}", response_class=HTMLResponse, include_in_schema=False)
    def registry_repo_page(request: Request, name: str) -> Response:
        registry = holder.get()
        repo = registry.repository(name)
        adrs = registry.adrs(repository=name, limit=1_000)
        return page(request, "registry_repo.html", repo=repo, adrs=adrs)

    @app.get("/registry/repo/{name}/adr", response_class=HTMLResponse, include_in_schema=False)
    def registry_adr_page(
        request: Request, name: str, path: Annotated[str, Query(max_length=500)]
    ) -> Response:
        record = holder.get().adr(name, path)
        return page(
            request, "registry_adr.html", adr=record, html=markdown.render(record.text or "")
        )

    @app.get("/registry/tech/{name}", response_class=HTMLResponse, include_in_schema=False)
    def registry_tech_page(request: Request, name: str) -> Response:
        return page(request, "registry_tech.html", use=api.uses(holder.get(), name, workspace=root))

    @app.get("/registry/radar", response_class=HTMLResponse, include_in_schema=False)
    def registry_radar_page(request: Request) -> Response:
        from archwise.web.radar import draw

        view = radar()
        blips = [
            {
                "name": b.name,
                "ring": b.ring,
                "quadrant": b.quadrant,
                "description": b.description,
                "moved_from": b.history[-1].from_ring if b.history else None,
                "used": bool(b.users),
                "href": f"/registry/tech/{quote(b.name, safe='')}",
            }
            for b in view.blips
            if b.ring
        ]
        return page(request, "registry_radar.html", view=view, chart=draw(blips, "Registry radar"))

    # --- JSON ------------------------------------------------------------------------------

    @app.get("/api/registry/repositories", tags=["registry"])
    def api_repositories() -> dict[str, Any]:
        """Every repository in the registry with its technologies and analysis summary."""
        return {"repositories": [_dump(r) for r in api.list_repositories(holder.get())]}

    @app.get("/api/registry/repositories/{name}", tags=["registry"])
    def api_repository(name: str) -> dict[str, Any]:
        """One repository."""
        return {"repository": _dump(holder.get().repository(name))}

    @app.get(
        "/api/registry/adrs",
        tags=["registry"],
        response_class=Response,
        responses={200: {"model": api.AdrPage, "content": {"application/json": {}}}},
    )
    async def api_adrs(
        request: Request,
        q: Annotated[str | None, Query(max_length=200)] = None,
        repository: Annotated[str | None, Query(max_length=200)] = None,
        status: Annotated[Status | None, Query()] = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=1_000)] = PAGE,
    ) -> Response:
        """ADRs of every repository, filtered by words, repository and status; paged."""
        return await cached_json(request, lambda: adr_page(q, repository, status, offset, limit))

    @app.get("/api/registry/adr", tags=["registry"])
    def api_adr(
        repository: Annotated[str, Query(min_length=1, max_length=200)],
        path: Annotated[str, Query(min_length=1, max_length=500)],
    ) -> dict[str, Any]:
        """One ADR with its Markdown and sanitised HTML."""
        record = holder.get().adr(repository, path)
        return {"record": _dump(record), "html": markdown.render(record.text or "")}

    @app.get(
        "/api/registry/search",
        tags=["registry"],
        response_class=Response,
        responses={200: {"model": api.AdrPage, "content": {"application/json": {}}}},
    )
    async def api_search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=200)],
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=1_000)] = 50,
    ) -> Response:
        """ADRs of every repository containing all the words."""
        return await cached_json(
            request, lambda: api.search(holder.get(), q, offset=offset, limit=limit)
        )

    @app.get("/api/registry/tech/{name}", tags=["registry"])
    def api_tech(name: str) -> dict[str, Any]:
        """Which repositories use a technology, and its ring."""
        return _dump(api.uses(holder.get(), name, workspace=root))  # type: ignore[no-any-return]

    @app.get("/api/registry/radar", tags=["registry"])
    def api_radar() -> dict[str, Any]:
        """The registry radar: rings, users, on-hold-but-used flags and the history of moves."""
        return _dump(radar())  # type: ignore[no-any-return]

    @app.get("/api/registry/radar/export", tags=["registry"], response_class=PlainTextResponse)
    def api_radar_export(fmt: Annotated[ExportFormat, Query(alias="format")]) -> Response:
        """The radar as ThoughtWorks build-your-own-radar CSV/JSON or Backstage tech-radar JSON."""
        radar()
        return Response(api.export_radar(holder.get(), fmt), media_type=MEDIA[fmt])

    @app.post("/api/registry/ingest", tags=["registry"])
    def api_ingest(
        request_body: Annotated[api.IngestRequest, Body()],
        authorization: Annotated[str | None, Header()] = None,
    ) -> Response:
        """Store repositories sent by `archwise push` (needs the bearer token)."""
        if not guard.writable:
            return _forbidden("this server is read-only: start it with --token to allow writes")
        presented = (authorization or "").removeprefix("Bearer ").strip()
        if not guard.token_ok(presented):
            return _forbidden("a valid bearer token is required for writes")
        registry = holder.get()
        results = api.ingest_payloads(registry, request_body.repositories)
        api.sync_org_radar(registry, workspace=root)
        responses.invalidate()
        return JSONResponse({"ingested": [_dump(r) for r in results]})


def _json(model: Any) -> Response:
    """A model serialised by pydantic directly (no second validation pass)."""
    return Response(model.model_dump_json(), media_type="application/json")


def _forbidden(message: str) -> Response:
    return JSONResponse({"error": {"message": message}}, status_code=403)
