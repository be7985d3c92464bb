"""The demo: archwise's main job end to end on the bundled real-time chat example."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from archwise.errors import InputError
from archwise.jsonable import to_jsonable


def bundled_example(name: str) -> Path:
    """Path of a bundled example file (chat-system.yaml, chat-tasks.yaml, ...)."""
    ref = resources.files("archwise") / "data" / "examples" / name
    with resources.as_file(ref) as p:
        if not p.is_file():
            raise InputError(f"bundled example '{name}' is missing from the installation")
        return Path(p)


def run_demo(
    write_to: Path | None = None, *, start: dt.date | None = None, report: bool | None = None
) -> dict[str, Any]:
    """Run requirements, recommendation, capacity, plan and ADR on the chat example.

    With write_to, the folder becomes a workspace to explore (archwise.yaml, tasks.yaml,
    docs/adr/, docs/architecture/); otherwise everything happens in a temporary folder.
    """
    from archwise.api import adr, capacity, plan, recommend, requirements

    if write_to is not None:
        if write_to.exists() and any(write_to.iterdir()):
            raise InputError("folder is not empty; choose a new one", file=write_to)
        write_to.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="archwise-demo-") as tmp:
        ws = (write_to or Path(tmp)).resolve()
        req = ws / "archwise.yaml"
        tasks = ws / "tasks.yaml"
        shutil.copyfile(bundled_example("chat-system.yaml"), req)
        shutil.copyfile(bundled_example("chat-tasks.yaml"), tasks)
        if write_to is not None:
            # A radar and a registry holding this workspace, so the web's pages have content.
            shutil.copyfile(bundled_example("chat-radar.yaml"), ws / "radar.yaml")
            (ws / ".archwise").mkdir(exist_ok=True)
            (ws / ".archwise" / "config.yaml").write_text("radar: radar.yaml\n", encoding="utf-8")
        checked = requirements.check_requirements(req)
        questions = requirements.open_questions(req)
        rec = recommend.recommend(req)
        cap = capacity.plan_capacity(req, start=start)
        delivery = plan.plan(req, tasks=tasks, start=start, use_recommendation=True)
        adr_dir = ws / "docs" / "adr"
        adr_path = adr.new(
            f"Architecture of {rec.requirements.name}", requirements=req, adr_dir=adr_dir
        )
        adr_text = adr_path.read_text(encoding="utf-8")
        written: list[str] = []
        if write_to is not None and report is not False:
            from archwise.api import report as report_api

            out = ws / "docs" / "architecture" / "architecture.html"
            report_api.report(req, fmt="html", output=out, tasks=tasks)
            written = [
                str(p.relative_to(ws))
                for p in sorted(ws.rglob("*"))
                if p.is_file() and ".archwise" not in p.parts
            ]
        if write_to is not None:
            from archwise.api import registry

            registry.ingest([ws], workspace=ws)
        return {
            "example": "Real-time chat (the spec's worked example)",
            "workspace": str(write_to) if write_to is not None else None,
            "requirements": to_jsonable(checked),
            "questions": to_jsonable(questions),
            "recommendation": to_jsonable(rec),
            "capacity": to_jsonable(cap),
            "plan": to_jsonable(delivery),
            "adr": {"file": str(adr_path.relative_to(ws)), "text": adr_text},
            "written": written,
        }
