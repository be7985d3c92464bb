"""A scripted agent follows the skill's workflow, call by call, over MCP with the official client.

The agent reads the phases and calls from SKILL.md itself: it only supplies the values the
skill leaves to the agent (the `<...>` placeholders) from a scenario, the way a model would from
its conversation with the user. A skill step that names a tool, action or argument the server
lacks, or a workflow the session refuses, fails here.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mcp import Client, StdioServerParameters

from archwise import yamlio
from tests.agent import skilldoc
from tests.conftest import EXAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
SKIP = object()


@dataclass
class Scenario:
    """What the scripted user brings: a name, maybe a brief, answers, feedback, code, tasks."""

    title: str
    brief: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    feedback: str | None = None
    feedback_values: dict[str, Any] = field(default_factory=dict)
    tasks: str | None = None
    code: dict[str, str] = field(default_factory=dict)


@dataclass
class Agent:
    """The scripted agent's memory of the conversation so far."""

    client: Client
    scenario: Scenario
    ws: Path
    log: list[str] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    recommendation: dict[str, Any] | None = None
    adr_file: str | None = None
    report_file: str | None = None
    phases: list[str] = field(default_factory=list)
    in_review: bool = False

    async def call(self, tool: str, args: dict[str, Any]) -> dict[str, Any]:
        result = await self.client.call_tool(tool, args)
        text = result.content[0].text if result.content else ""  # type: ignore[union-attr]
        self.log.append(
            f"{tool} {json.dumps(args)[:120]} -> {'error' if result.is_error else 'ok'}"
        )
        assert not result.is_error, f"the skill's step `{tool} {args}` failed: {text}"
        assert result.structured_content is not None
        phase = result.structured_content.get("phase_name") if tool == "session" else None
        if phase and (not self.phases or self.phases[-1] != phase):
            self.phases.append(phase)
        return result.structured_content

    async def status(self) -> dict[str, Any]:
        return await self.call("session", {"action": "status"})


def _answers_for(agent: Agent) -> dict[str, Any]:
    asked = {q["field"] for q in agent.questions}
    if agent.in_review:
        return dict(agent.scenario.feedback_values)
    return {k: v for k, v in agent.scenario.answers.items() if k in asked}


def _names(agent: Agent, n: int) -> list[str]:
    assert agent.recommendation is not None, "the skill asks about candidates before recommending"
    ranked = agent.recommendation["decisions"]["database"]["ranked"]
    return [r["name"] for r in ranked[:n]]


# How the agent fills each placeholder the workflow leaves to it; SKIP leaves the step out (the
# situation it is for did not arise). A placeholder missing here fails the test: the skill and
# this agent must stay in step.
FILL: dict[str, Callable[[Agent], Any]] = {
    "<system name>": lambda a: a.scenario.title,
    "<the user's brief>": lambda a: a.scenario.brief if a.scenario.brief else SKIP,
    '<{"name": system name}>': lambda a: {"name": a.scenario.title},
    "<{dotted.key: value}>": lambda a: _answers_for(a) or SKIP,
    "<{...}>": lambda a: _answers_for(a) or SKIP,
    "<dotted.key>": lambda a: SKIP,  # waivers are driven by the blockers, see _waive
    "<why it stays open>": lambda a: "the client will decide after the pilot",
    "<topic>": lambda a: "database",
    '<["Name"]>': lambda a: _names(a, 1),
    '<["A", "B"]>': lambda a: _names(a, 2),
    "<their words>": lambda a: a.scenario.feedback if a.in_review else SKIP,
    "<decision title>": lambda a: f"Architecture of {a.scenario.title}",
    "<the ADR file>": lambda a: a.adr_file or SKIP,
    "<why>": lambda a: SKIP,  # the scenarios want their ADR
    "<tasks.yaml>": lambda a: a.scenario.tasks or SKIP,
    "<YYYY-MM-DD>": lambda a: "2027-01-04",
}


def _has_rules(ws: Path) -> bool:
    req = ws / "archwise.yaml"
    text = req.read_text(encoding="utf-8") if req.is_file() else ""
    return "\narchitecture:" in f"\n{text}" or (ws / "docs" / "adr").is_dir()


async def _waive(agent: Agent, call: skilldoc.Call) -> None:
    reason = FILL[call.args["reason"]](agent)
    for blocker in (await agent.status())["blockers"]:
        if blocker.get("field"):
            await agent.call(
                "session", {"action": "waive", "field": blocker["field"], "reason": reason}
            )


async def _run_call(agent: Agent, call: skilldoc.Call) -> None:
    if call.tool == "session" and call.action == "waive":
        await _waive(agent, call)
        return
    args: dict[str, Any] = {}
    for key, raw in call.args.items():
        if raw.startswith("<"):
            assert raw in FILL, f"the scripted agent cannot fill {raw} ({call.source})"
            value = FILL[raw](agent)
            if value is SKIP:
                return
            args[key] = value
        elif raw in {"true", "false"}:
            args[key] = raw == "true"
        else:
            args[key] = raw
    if call.tool == "session" and call.action == "start" and agent.scenario.code:
        args["codebase"] = "."
    if call.tool == "session" and call.action == "review" and not agent.in_review:
        return
    if call.tool == "codebase" and call.action == "check" and not _has_rules(agent.ws):
        return  # the skill runs the check only where there are rules to check
    creating = call.action == "set" and "name" in args.get("values", {})
    if creating and (agent.scenario.brief or (agent.ws / "archwise.yaml").exists()):
        return
    result = await agent.call(call.tool, args)
    if call.tool == "requirements" and call.action in {"questions", "brief"}:
        agent.questions = result.get("questions", {}).get("questions", [])
    if call.tool == "recommend" and "explain" not in args:
        agent.recommendation = result
    if call.tool == "adr" and call.action == "from_recommendation":
        agent.adr_file = result["file"]
        assert result["record"] and result["record"]["title"], result
    if call.tool == "report":
        agent.report_file = result["file"]


async def _follow_skill(agent: Agent) -> dict[str, Any]:
    phases = {p.name: p for p in skilldoc.workflow()}
    discovery = phases["Discovery"]
    # Before the session exists, Discovery's first steps build the requirements file.
    for call in discovery.calls:
        await _run_call(agent, call)
        if call.tool == "session" and call.action == "start":
            break
    status = await agent.status()
    started = False
    for _ in range(12):
        if status["status"] == "done" or status["phase_name"] == "Done":
            break
        phase = phases[status["phase_name"]]
        calls = phase.calls
        if phase.name == "Discovery" and not started:
            idx = next(i for i, c in enumerate(calls) if c.action == "start")
            calls = calls[idx + 1 :]
            started = True
        if phase.name == "Documentation" and agent.scenario.feedback and not agent.in_review:
            # The user reacted to the options: the skill's Review & Refinement phase.
            agent.in_review = True
            for call in phases["Review & Refinement"].calls:
                await _run_call(agent, call)
            agent.in_review = False
            agent.scenario.feedback = None
            status = await agent.status()
            continue
        for call in calls:
            await _run_call(agent, call)
        status = await agent.status()
    return status


def _workspace(tmp: Path, scenario: Scenario) -> Path:
    ws = tmp / "repo"
    ws.mkdir()
    for rel, text in scenario.code.items():
        p = ws / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return ws


def _drive(ws: Path, scenario: Scenario) -> tuple[Agent, dict[str, Any]]:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "archwise.cli.main", "mcp", "--workspace", str(ws)],
        cwd=str(ws),
        env={**os.environ, "ARCHWISE_ACTOR": "agent:scripted"},
    )

    async def main() -> tuple[Agent, dict[str, Any]]:
        async with Client(params, read_timeout_seconds=180) as client:
            agent = Agent(client, scenario, ws)
            return agent, await _follow_skill(agent)

    return asyncio.run(main())


def _check_outcome(ws: Path, agent: Agent, status: dict[str, Any]) -> None:
    order = [p.name for p in skilldoc.workflow()]
    visited = [p for p in agent.phases if p in order]
    # Review & Refinement is situational: it is inserted before Documentation when feedback comes.
    core = [p for p in visited if p != "Review & Refinement"]
    core = [p for i, p in enumerate(core) if i == 0 or core[i - 1] != p]
    assert core == sorted(core, key=order.index), agent.phases
    if "Review & Refinement" in visited:
        assert visited[-1] == "Documentation", agent.phases
        assert visited.index("Review & Refinement") < len(visited) - 1
    assert status["status"] == "done" or status["phase_name"] == "Done", "\n".join(agent.log)
    assert agent.adr_file and (ws / agent.adr_file).is_file()
    adr = (ws / agent.adr_file).read_text(encoding="utf-8")
    assert "## Alternatives Considered" in adr or "Alternatives" in adr
    assert agent.report_file and (ws / agent.report_file).is_file()
    assert status["adr"], "the ADR is attached to the session"


def test_scripted_agent_follows_the_skill_on_the_chat_example(tmp_path: Path) -> None:
    scenario = Scenario(
        title="Real-time chat",
        answers={
            "non_functional.throughput.peak_rps": 20000,
            "non_functional.throughput.writes_per_second": 5000,
            "functional.transactions": "single-service",
        },
        tasks="tasks.yaml",
    )
    ws = _workspace(tmp_path, scenario)
    shutil.copyfile(EXAMPLES / "chat-system.yaml", ws / "archwise.yaml")
    shutil.copyfile(EXAMPLES / "chat-tasks.yaml", ws / "tasks.yaml")
    agent, status = _drive(ws, scenario)
    _check_outcome(ws, agent, status)
    assert agent.phases[0] == "Discovery"
    assert agent.recommendation is not None
    assert agent.recommendation["decisions"]["database"]["chosen"] == "PostgreSQL"
    assert any("plan" in line and "tasks.yaml" in line for line in agent.log)


def test_scripted_agent_follows_the_skill_from_our_own_brief(tmp_path: Path) -> None:
    answers = yamlio.to_plain(yamlio.parse((FIXTURES / "clinic-booking-answers.yaml").read_text()))
    scenario = Scenario(
        title="Clinic booking",
        brief=(FIXTURES / "clinic-booking-brief.md").read_text(encoding="utf-8"),
        answers=answers,
        feedback="Finance cut the hosting budget: plan for $900 a month.",
        feedback_values={"constraints.budget.infra_usd_per_month": 900},
        code={
            "booking/__init__.py": "",
            "booking/models.py": "from booking import rules\n\nSLOT_MINUTES = 30\n",
            "booking/rules.py": "def overlaps(a, b):\n    return a[0] < b[1] and b[0] < a[1]\n",
            "booking/api.py": "from booking.models import SLOT_MINUTES\n",
            "requirements.txt": "django>=4.2\npsycopg[binary]>=3.1\ncelery>=5.3\n",
        },
    )
    ws = _workspace(tmp_path, scenario)
    agent, status = _drive(ws, scenario)
    _check_outcome(ws, agent, status)
    assert "Codebase Analysis" in agent.phases
    assert "Review & Refinement" in agent.phases, "\n".join(agent.log + agent.phases)
    written = yamlio.to_plain(yamlio.parse((ws / "archwise.yaml").read_text(encoding="utf-8")))
    assert written["constraints"]["budget"]["infra_usd_per_month"] == 900
    assert written["non_functional"]["users"]["concurrent"] == 600
    assert any(line.startswith("requirements") and '"brief"' in line for line in agent.log)


def test_every_placeholder_of_the_workflow_is_understood() -> None:
    for phase in skilldoc.workflow():
        for call in phase.calls:
            for raw in call.placeholders().values():
                assert raw in FILL, f"{phase.name}: the scripted agent cannot fill {raw}"


@pytest.mark.parametrize("phase", [p.name for p in skilldoc.workflow()])
def test_each_phase_ends_by_advancing(phase: str) -> None:
    calls = {p.name: p.calls for p in skilldoc.workflow()}[phase]
    assert (calls[-1].tool, calls[-1].action) == ("session", "advance")
