"""Read the skill's Markdown the way an agent does: its tool calls, phases, prompts and resources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT

SKILL_DIR = ROOT / "src" / "archwise" / "agent" / "assets" / "skills" / "archwise"
COMMANDS_DIR = ROOT / "src" / "archwise" / "agent" / "assets" / "commands"

_SPAN = re.compile(r"`([^`\n]+)`")
_ARG = re.compile(r'(\w+)=("[^"]*"|<[^>]*>|\S+)')
_CALL = re.compile(r'^([a-z_]+)((?:\s+\w+=(?:"[^"]*"|<[^>]*>|\S+))+)\s*$')


@dataclass
class Call:
    """One tool call as the skill writes it: `TOOL key=value ...`."""

    tool: str
    args: dict[str, str]
    source: str

    @property
    def action(self) -> str | None:
        """The action argument, when the tool takes one."""
        return self.args.get("action")

    def placeholders(self) -> dict[str, str]:
        """The arguments whose value the agent supplies (written <...>)."""
        return {k: v for k, v in self.args.items() if v.startswith("<")}


@dataclass
class Phase:
    """A phase section of the workflow and its calls, in order."""

    name: str
    calls: list[Call] = field(default_factory=list)


def documents() -> dict[str, str]:
    """Every Markdown file an agent reads: the skill, its references and the slash commands."""
    files = [SKILL_DIR / "SKILL.md", *sorted((SKILL_DIR / "reference").glob("*.md"))]
    files += sorted(COMMANDS_DIR.glob("*.md"))
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in files}


def spans(text: str) -> list[str]:
    """Every inline code span of a Markdown text."""
    return [m.group(1).strip() for m in _SPAN.finditer(text)]


def parse_call(span: str, source: str = "") -> Call | None:
    """The call a code span writes, or None when the span is not a call."""
    m = _CALL.match(span)
    if not m:
        return None
    args = {k: v.strip('"') if v.startswith('"') else v for k, v in _ARG.findall(m.group(2))}
    return Call(m.group(1), args, source)


def calls(text: str, source: str = "") -> list[Call]:
    """The tool calls of a text, in order."""
    return [c for s in spans(text) if (c := parse_call(s, source)) is not None]


def workflow(skill: str | None = None) -> list[Phase]:
    """The workflow's phases (### Phase: NAME under ## The workflow) with their calls."""
    text = skill if skill is not None else (SKILL_DIR / "SKILL.md").read_text(encoding="utf-8")
    section = text.split("\n## The workflow", 1)[1].split("\n## ", 1)[0]
    phases = []
    for chunk in section.split("\n### Phase: ")[1:]:
        name, _, body = chunk.partition("\n")
        phases.append(Phase(name.strip(), calls(body, f"phase {name.strip()}")))
    return phases


def prompts(text: str) -> list[str]:
    """Prompt names the text refers to (`prompt:NAME`)."""
    return [s.removeprefix("prompt:") for s in spans(text) if s.startswith("prompt:")]


def resources(text: str) -> list[str]:
    """Resource URIs or templates the text refers to."""
    return [s for s in spans(text) if s.startswith("archwise://")]


def cli_commands(text: str) -> list[str]:
    """`archwise ...` command lines the text shows."""
    return [s for s in spans(text) if s.startswith("archwise ")]


def skill_lines() -> int:
    """Length of SKILL.md in lines."""
    return len((SKILL_DIR / "SKILL.md").read_text(encoding="utf-8").splitlines())


def files_in(folder: Path) -> list[Path]:
    """Files under a folder, sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file())
