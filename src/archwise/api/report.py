"""Public API of the architecture document: gather what archwise knows, render it, export C4."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from archwise import __version__
from archwise.errors import ArchwiseError, InputError
from archwise.fileio import check_target, write_output
from archwise.report import c4
from archwise.report.build import build_document, c4_model
from archwise.report.document import Document, ReportData
from archwise.report.html import render_html
from archwise.report.markdown import render_markdown

__all__ = [
    "Document",
    "ReportData",
    "export_structurizr",
    "gather",
    "render",
    "report",
    "structurizr_workspace",
]

Format = Literal["md", "html", "json"]
FORMATS: tuple[str, ...] = ("md", "html", "json")
# Other capabilities' public functions, tried in order; the first that exists fills the section.
CAPACITY_FUNCTIONS = ("plan_capacity", "capacity_report", "capacity")
ADR_FUNCTIONS = ("list_adrs", "adr_list", "list_records")


def _dump(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(obj, list):
        return [_dump(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _dump(v) for k, v in obj.items()}
    if hasattr(obj, "__dataclass_fields__"):
        from dataclasses import asdict

        return json.loads(json.dumps(asdict(obj), default=str))
    return obj


def _provider(module: str, names: tuple[str, ...]) -> Callable[..., Any] | None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


def _call_capacity(fn: Callable[..., Any], path: Path, start: dt.date | None) -> Any:
    """Call the capacity plan with the report's start date when it takes one."""
    import inspect

    if start is not None and "start" in inspect.signature(fn).parameters:
        return fn(path, start=start)
    return fn(path)


def _latest_analysis(requirements: str | Path | None, db: str | None) -> dict[str, Any] | None:
    """The latest `archwise analyze` snapshot of this workspace, without creating a store."""
    from archwise.api.plan import store_exists
    from archwise.workspace import open_workspace

    try:
        mod = importlib.import_module("archwise.api.analyze")
    except ImportError:
        return None
    kind = str(getattr(mod, "SNAPSHOT_KIND", "analyze"))
    ws = open_workspace(Path(requirements).resolve().parent if requirements else None, walk=True)
    if not store_exists(db):
        return None
    from archwise.store import open_store

    with open_store(db, workspace=ws) as store:
        snap = store.latest_snapshot(kind, str(ws.root.resolve()))
    return dict(snap.payload) if snap is not None else None


def gather(
    requirements: str | Path | None,
    *,
    tasks: str | Path | None = None,
    start: dt.date | None = None,
    target: dt.date | None = None,
    db: str | None = None,
    recommendation: dict[str, Any] | None = None,
    use_recommendation: bool = True,
    samples: int = 2_000,
) -> ReportData:
    """Collect every section from the other capabilities; note what is missing and why."""
    from archwise.api import plan as plan_api

    missing: dict[str, str] = {}
    data: dict[str, Any] = {}
    title = "Architecture"

    def attempt(key: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except ArchwiseError as exc:
            missing[key] = str(exc).splitlines()[0]
        except ImportError as exc:
            missing[key] = f"the capability is not installed ({exc.name})"
        except (ValueError, TypeError, KeyError, AttributeError, LookupError, OSError) as exc:
            # another capability's defect must cost one section, not the whole document
            missing[key] = f"failed with {type(exc).__name__}: {exc}"
        return None

    if requirements is None:
        for key in ("requirements", "recommendation", "plan", "risks"):
            missing[key] = "no requirements file (archwise.yaml) given"
    else:
        from archwise.api import requirements as req_api

        req = attempt("requirements", lambda: req_api.load_requirements(requirements))
        if req is None:
            raise InputError(
                missing.get("requirements", "cannot read the requirements"), file=requirements
            )
        title = req.name
        data["requirements"] = _dump(req)
        qs = attempt("open_questions", lambda: req_api.open_questions(requirements))
        if qs is not None:
            data["open_questions"] = _dump(qs.questions)
        if recommendation is None and use_recommendation:
            recommendation = attempt(
                "recommendation", lambda: plan_api.recommendation_for(requirements)
            )
            if recommendation is None and "recommendation" not in missing:
                missing["recommendation"] = (
                    "no recommendation: archwise.api.recommend is not available"
                )
        elif recommendation is None:
            missing["recommendation"] = "left out (--no-recommend)"
        data["recommendation"] = recommendation
        cap = _provider("archwise.api.capacity", CAPACITY_FUNCTIONS)
        if cap is None:
            missing["capacity"] = "no capacity plan: archwise.api.capacity is not available"
        else:
            result = attempt("capacity", lambda: _call_capacity(cap, Path(requirements), start))
            data["capacity"] = _dump(result) if result is not None else None
        risks = attempt(
            "risks",
            lambda: plan_api.risk_register(
                requirements,
                db=db,
                recommendation=recommendation,
                use_recommendation=False,
                save=False,
            ),
        )
        if risks is not None:
            data["risks"] = _dump(risks.risks)
    if tasks is None:
        missing["tasks"] = "no task graph given (--tasks FILE) for the critical path"
    plan = (
        attempt(
            "plan",
            lambda: plan_api.plan(
                requirements,
                tasks=tasks,
                start=start,
                target=target,
                samples=samples,
                recommendation=recommendation,
                use_recommendation=False,
            ),
        )
        if (requirements is not None or tasks is not None)
        else None
    )
    if plan is not None:
        data["plan"] = plan.model_dump(mode="json")
    result = attempt("analysis", lambda: _latest_analysis(requirements, db))
    if result is None and "analysis" not in missing:
        missing["analysis"] = "no analysis recorded for this repository: run `archwise analyze`"
    data["analysis"] = result
    adr = _provider("archwise.api.adr", ADR_FUNCTIONS)
    if adr is None:
        missing["adrs"] = "no ADR listing: archwise.api.adr has no list function"
    else:
        result = attempt("adrs", adr)
        data["adrs"] = _dump(result) if result is not None else None
    return ReportData(
        title=title,
        requirements_file=str(requirements) if requirements is not None else None,
        missing=missing,
        generated_by=f"archwise {__version__}",
        **data,
    )


def render(data: ReportData, fmt: Format = "md") -> str:
    """The document in one format: Markdown, self-contained HTML, or JSON."""
    if fmt == "json":
        return json.dumps(data.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    doc = build_document(data)
    if fmt == "md":
        return render_markdown(doc)
    if fmt == "html":
        return render_html(doc)
    raise InputError(
        f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", field="format"
    )


def report(
    requirements: str | Path | None = None,
    *,
    fmt: Format = "md",
    output: str | Path | None = None,
    force: bool = False,
    **options: Any,
) -> str:
    """Gather and render the document; write it atomically when output is given.

    The output never replaces one of the report's inputs (requirements, tasks) unless forced.
    """
    if fmt not in FORMATS:
        raise InputError(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", field="format"
        )
    inputs = [requirements, options.get("tasks"), _workspace_requirements()]
    if output is not None:
        check_target(output, inputs=inputs, force=force)
    text = render(gather(requirements, **options), fmt)
    if output is not None:
        write_output(output, text, inputs=inputs, force=force)
    return text


def _workspace_requirements() -> Path | None:
    """The current workspace's archwise.yaml, which outputs never replace unasked."""
    from archwise.workspace import open_workspace

    try:
        return open_workspace().requirements_file
    except ArchwiseError:
        return None


def structurizr_workspace(data: ReportData) -> str:
    """The C4 model of the chosen option as a Structurizr DSL workspace."""
    req = data.requirements or {}
    return c4.structurizr(c4_model(data), description=str(req.get("summary") or ""))


def export_structurizr(
    requirements: str | Path,
    output: str | Path | None = None,
    *,
    recommendation: dict[str, Any] | None = None,
    use_recommendation: bool = True,
    force: bool = False,
) -> str:
    """Write (or return) the Structurizr DSL workspace of a requirements file."""
    from archwise.api import plan as plan_api
    from archwise.api import requirements as req_api

    inputs = [requirements, _workspace_requirements()]
    if output is not None:
        check_target(output, inputs=inputs, force=force)
    req = req_api.load_requirements(requirements)
    if recommendation is None and use_recommendation:
        try:
            recommendation = plan_api.recommendation_for(requirements)
        except ArchwiseError:
            recommendation = None
    data = ReportData(
        title=req.name,
        requirements=_dump(req),
        recommendation=recommendation,
        generated_by=f"archwise {__version__}",
    )
    text = structurizr_workspace(data)
    if output is not None:
        write_output(output, text, inputs=inputs, force=force)
    return text
