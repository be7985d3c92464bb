"""Public API of the decision registry: ingest repositories, search ADRs, radar and push."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from archwise.errors import InputError, NotFoundError
from archwise.registry.db import Registry, key_of
from archwise.registry.formats import FORMATS, Format, check_format, detect_format, parse, render
from archwise.registry.models import (
    AdrDoc,
    AdrPage,
    AdrRow,
    IngestRequest,
    IngestResult,
    RadarImport,
    RadarItem,
    RadarMove,
    RadarView,
    RepositoryPayload,
    RepositoryRow,
    StackItem,
    TechUse,
)
from archwise.registry.radar import build_view
from archwise.workspace import Workspace, open_workspace

__all__ = [
    "FORMATS",
    "AdrPage",
    "AdrRow",
    "Format",
    "IngestRequest",
    "IngestResult",
    "RadarView",
    "Registry",
    "RepositoryPayload",
    "RepositoryRow",
    "TechUse",
    "check_format",
    "collect",
    "export_radar",
    "import_radar",
    "ingest",
    "ingest_payloads",
    "list_repositories",
    "open_registry",
    "push",
    "radar_view",
    "search",
    "sync_org_radar",
    "uses",
]

ORG_RADAR_SOURCE = "org radar"
# Where adr-tools, log4brains and MADR put records when a repository has no archwise config.
ADR_FOLDERS = ("doc/adr", "docs/adr", "docs/decisions", "docs/architecture/decisions")


def open_registry(db: str | None = None, *, workspace: Path | None = None) -> Registry:
    """Open the registry in the store (default: SQLite in the workspace's .archwise/)."""
    from archwise.store import open_store

    return Registry(open_store(db, workspace=open_workspace(workspace)))


def _validated(data: dict[str, Any], where: str) -> RepositoryPayload:
    try:
        return RepositoryPayload.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{first['msg']}", file=where, field=field) from None


def collect(path: str | Path, *, name: str | None = None) -> RepositoryPayload:
    """Read a repository: its ADRs (full text), detected stack and analysis summary."""
    from archwise.api import adr
    from archwise.api.analyze import analyze
    from archwise.fileio import read_bytes

    root = Path(path).expanduser()
    if not root.is_dir():
        raise InputError("not a folder", file=root, field="PATH")
    root = root.resolve()
    folder = _adr_folder(root)
    docs: list[dict[str, Any]] = []
    if folder is not None:
        for summary in adr.list_records(None, folder):
            file = folder / summary.path
            text = read_bytes(file, what="ADR").decode("utf-8", errors="replace")
            docs.append(
                AdrDoc(
                    path=file.relative_to(root).as_posix(),
                    number=summary.number,
                    title=summary.title[:2_000],
                    status=(summary.status or None) and str(summary.status)[:40],
                    date=(summary.date or None) and str(summary.date)[:40],
                    text=text[:200_000],
                ).model_dump()
            )
    doc = analyze(root, save=False)
    stack = [
        StackItem(
            name=s["name"], category=s.get("category", ""), evidence=s.get("evidence", [])[:50]
        ).model_dump()
        for s in doc.get("stack") or []
    ]
    return _validated(
        {
            "name": name or root.name,
            "location": str(root),
            "adrs": docs,
            "stack": stack,
            "summary": _summary(doc, len(docs)),
        },
        str(root),
    )


def _adr_folder(root: Path) -> Path | None:
    """The repository's own ADR folder: as configured or found by adr-tools, else a usual one."""
    from archwise.api import adr

    found = adr.find_dir(None, root).resolve()
    if found.is_dir() and found.is_relative_to(root):
        return found
    for rel in ADR_FOLDERS:
        if (root / rel).is_dir():
            return root / rel
    return None


def _summary(doc: dict[str, Any], adr_count: int) -> dict[str, Any]:
    totals = doc.get("totals") or {}
    checks = [i for items in (doc.get("observability") or {}).values() for i in items]
    languages = sorted(doc.get("languages") or [], key=lambda lang: -int(lang.get("code", 0)))
    return {
        "analysed_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": totals.get("files", 0),
        "code_lines": totals.get("code", 0),
        "languages": [lang["language"] for lang in languages[:5]],
        "services": len(doc.get("services") or []),
        "styles": [s.get("style") for s in doc.get("style") or []],
        "cycles": len((doc.get("graph") or {}).get("cycles") or []),
        "observability": {
            "present": sum(1 for i in checks if i.get("present")),
            "required": sum(1 for i in checks if i.get("required")),
        },
        "notes": len(doc.get("notes") or []),
        "adrs": adr_count,
    }


def _kb(workspace: Path | None) -> Any:
    from archwise.api import kb as kb_api

    return kb_api.open_kb(workspace=_ws(workspace))


def _ws(workspace: Path | None) -> Workspace:
    return open_workspace(workspace)


def _org_radar(kb: Any) -> RadarImport | None:
    from archwise.api import kb as kb_api

    try:
        view = kb_api.radar(kb)
    except InputError:
        return None
    items = [
        RadarItem(
            name=row.canonical,
            ring=row.ring,
            quadrant=(row.quadrant or row.category or "")[:100],
            description=row.reason or "",
            date=view.date,
        )
        for row in view.entries
    ]
    moves = [
        RadarMove(
            name=row.canonical,
            ring=row.ring,
            from_ring=row.moved_from,
            date=view.date,
            description=row.reason or "",
            source=ORG_RADAR_SOURCE,
        )
        for row in view.entries
        if row.moved_from
    ]
    return RadarImport(title=view.title, items=items, moves=moves)


def sync_org_radar(registry: Registry, *, workspace: Path | None = None) -> dict[str, int]:
    """Bring the workspace's organisation radar into the registry radar (moves recorded)."""
    radar = _org_radar(_kb(workspace))
    if radar is None:
        return {}
    return registry.apply_radar(radar, ORG_RADAR_SOURCE)


def ingest_payloads(
    registry: Registry, payloads: Sequence[RepositoryPayload]
) -> list[IngestResult]:
    """Store already-collected repositories (as `archwise push` sends them)."""
    return [registry.ingest(p) for p in payloads]


def ingest(
    paths: Sequence[Path],
    *,
    name: str | None = None,
    db: str | None = None,
    workspace: Path | None = None,
) -> list[IngestResult]:
    """Collect each repository and store it in the registry; re-ingesting replaces, never adds."""
    if not paths:
        raise InputError("give at least one repository folder", field="PATH")
    if name and len(paths) > 1:
        raise InputError("--name names one repository; give one PATH with it", field="--name")
    payloads = [collect(p, name=name) for p in paths]
    with open_registry(db, workspace=workspace) as registry:
        results = ingest_payloads(registry, payloads)
        sync_org_radar(registry, workspace=workspace)
    return results


def list_repositories(registry: Registry) -> list[RepositoryRow]:
    """Every repository in the registry, by name."""
    return registry.repositories()


def search(
    registry: Registry,
    query: str,
    *,
    repository: str | None = None,
    status: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> AdrPage:
    """ADRs of every repository containing all the words of query (title or text)."""
    if not query.strip():
        raise InputError("give at least one word to search for", field="QUERY")
    return registry.adrs(q=query, repository=repository, status=status, offset=offset, limit=limit)


def uses(registry: Registry, technology: str, *, workspace: Path | None = None) -> TechUse:
    """Which repositories use a technology (name or alias), and its ring."""
    if not technology.strip():
        raise InputError("give a technology name", field="TECHNOLOGY")
    kb = _kb(workspace)
    entry = kb.find(technology)
    name = entry.name if entry is not None else technology.strip()
    usage = registry.usage()
    found = usage.get(key_of(name))
    if found is None and entry is None:
        known = sorted(tech for tech, _ in usage.values())
        raise NotFoundError(
            f"no repository uses {technology!r}"
            + (f"; technologies in use: {', '.join(known[:30])}" if known else "")
        )
    view = radar_view(registry, workspace=workspace, sync=False)
    ring = next((b.ring for b in view.blips if key_of(b.name) == key_of(name)), None)
    return TechUse(technology=name, ring=ring, repositories=found[1] if found else [])


def radar_view(
    registry: Registry, *, workspace: Path | None = None, sync: bool = True
) -> RadarView:
    """The registry radar with users per technology, on-hold-but-used flags and moves."""
    kb = _kb(workspace)
    if sync:
        radar = _org_radar(kb)
        if radar is not None:
            registry.apply_radar(radar, ORG_RADAR_SOURCE)
    return build_view(registry.radar_items(), registry.radar_moves(), registry.usage(), kb.ring)


def _canonical(kb: Any, radar: RadarImport) -> RadarImport:
    def canon(name: str) -> str:
        entry = kb.find(name)
        return str(entry.name) if entry is not None else name

    return RadarImport(
        title=radar.title,
        items=[i.model_copy(update={"name": canon(i.name)}) for i in radar.items],
        moves=[m.model_copy(update={"name": canon(m.name)}) for m in radar.moves],
    )


def import_radar(
    registry: Registry,
    file: Path,
    *,
    fmt: str | None = None,
    date: str | None = None,
    workspace: Path | None = None,
) -> dict[str, int]:
    """Merge a ThoughtWorks CSV/JSON or Backstage radar file into the registry radar."""
    from archwise.fileio import read_text

    text = read_text(file, what="radar file")
    day = date or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise InputError("the date must be YYYY-MM-DD", field="--date") from None
    kind = check_format(fmt) if fmt else detect_format(file.name, text)
    radar = _canonical(_kb(workspace), parse(text, kind, file=str(file), date=day))
    return registry.apply_radar(radar, f"{kind}:{file.name}")


def export_radar(
    registry: Registry,
    fmt: str,
    *,
    title: str = "archwise registry",
    output: Path | None = None,
    force: bool = False,
) -> str:
    """The registry radar as ThoughtWorks CSV/JSON or Backstage JSON (also written to output)."""
    from archwise.fileio import check_target, write_output

    protected = [open_workspace().requirements_file]
    if output is not None:
        check_target(output, inputs=protected, force=force)
    text = render(registry.radar_items(), registry.radar_moves(), check_format(fmt), title=title)
    if output is not None:
        write_output(output, text, inputs=protected, force=force)
    return text


def push(
    url: str,
    paths: Sequence[Path],
    *,
    token: str,
    name: str | None = None,
    timeout: float = 120.0,
) -> dict[str, Any]:
    """Collect repositories here and send them to a running server's registry."""
    import httpx

    if not url.startswith(("http://", "https://")):
        raise InputError("the server URL must start with http:// or https://", field="URL")
    if not token:
        raise InputError("a write token is needed: --token or ARCHWISE_TOKEN", field="--token")
    if name and len(paths) > 1:
        raise InputError("--name names one repository; give one PATH with it", field="--name")
    request = IngestRequest(repositories=[collect(p, name=name) for p in paths])
    endpoint = url.rstrip("/") + "/api/registry/ingest"
    try:
        response = httpx.post(
            endpoint,
            json=request.model_dump(mode="json"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
        )
    except httpx.HTTPError as exc:
        raise InputError(f"cannot reach {endpoint}: {exc}", field="URL") from None
    try:
        body: dict[str, Any] = response.json()
    except ValueError:
        body = {"text": response.text[:500]}
    if response.status_code != 200:
        message = body.get("error", {}).get("message") if isinstance(body, dict) else None
        raise InputError(
            f"{endpoint} answered {response.status_code}: {message or body}", field="URL"
        )
    return body
