"""What each coding agent needs in a repository: the skill, commands and the MCP server entry."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

TARGETS = ("claude", "cursor", "codex", "agents-md")

Kind = Literal["file", "json-key", "block"]

# The MCP server entry each agent starts; `archwise mcp` finds the project through the client's
# environment (CLAUDE_PROJECT_DIR, WORKSPACE_FOLDER_PATHS) or the folder it is started in.
MCP_ENTRY: dict[str, Any] = {"command": "archwise", "args": ["mcp", "--workspace", "."]}
CURSOR_MCP_ENTRY: dict[str, Any] = {"command": "archwise", "args": ["mcp"]}
SERVER_KEY = ("mcpServers", "archwise")

BLOCK_BEGIN = (
    "archwise >>> written by `archwise agent install`; `archwise agent uninstall` removes it"
)
BLOCK_END = "<<< archwise"


@dataclass(frozen=True)
class Artifact:
    """One thing an install writes: a whole file, a key inside a JSON file, or a marked block."""

    path: str
    kind: Kind
    content: str = ""
    key: tuple[str, ...] = ()
    value: Any = None
    comment: str = "#"

    @property
    def label(self) -> str:
        """How the artifact is named in reports."""
        if self.kind == "json-key":
            return f"{self.path} ({'.'.join(self.key)})"
        if self.kind == "block":
            return f"{self.path} (archwise block)"
        return self.path


def _asset_root() -> Any:
    return resources.files("archwise.agent") / "assets"


def skill_files() -> dict[str, str]:
    """The skill's files by path relative to the skill folder (SKILL.md, reference/*.md)."""
    root = _asset_root() / "skills" / "archwise"
    out = {"SKILL.md": (root / "SKILL.md").read_text(encoding="utf-8")}
    for entry in sorted((root / "reference").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".md"):
            out[f"reference/{entry.name}"] = entry.read_text(encoding="utf-8")
    return out


def command_files() -> dict[str, str]:
    """The slash commands by file name (design-system.md, write-adr.md, review-repo.md)."""
    root = _asset_root() / "commands"
    return {
        e.name: e.read_text(encoding="utf-8")
        for e in sorted(root.iterdir(), key=lambda e: e.name)
        if e.name.endswith(".md")
    }


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The SKILL.md front matter (name, description) and the body after it."""
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    import yaml

    meta = yaml.safe_load(m.group(1)) or {}
    return {str(k): str(v) for k, v in meta.items()}, text[m.end() :]


def _cursor_rule(skill: str) -> str:
    meta, body = split_front_matter(skill)
    body = body.replace("](reference/", "](archwise/reference/")
    description = json.dumps(meta.get("description", "").strip())
    # Cursor's rule header: an agent-requested rule (no globs, not always applied).
    return f"---\ndescription: {description}\nglobs:\nalwaysApply: false\n---\n{body}"


def _agents_block(folder: str, meta: dict[str, str]) -> str:
    return (
        "## Architecture work: archwise\n\n"
        f"{meta.get('description', '').strip()}\n\n"
        f"Before designing a system, choosing technologies, sizing capacity, writing an ADR or "
        f"reviewing this repository's architecture, read `{folder}/SKILL.md` and follow its "
        "workflow. The archwise MCP server (`archwise mcp`) or the `archwise` CLI computes the "
        "options, tradeoffs, capacity, costs and plans: never invent a number it can compute, "
        "ask the questions it ranks, and quote its reasons.\n"
    )


def artifacts(target: str) -> list[Artifact]:
    """Everything an install for one agent writes, in order."""
    skill = skill_files()
    meta, _ = split_front_matter(skill["SKILL.md"])
    if target == "claude":
        out = [Artifact(f".claude/skills/archwise/{p}", "file", t) for p, t in skill.items()]
        commands = command_files().items()
        out += [Artifact(f".claude/commands/archwise/{n}", "file", t) for n, t in commands]
        out.append(Artifact(".mcp.json", "json-key", key=SERVER_KEY, value=MCP_ENTRY))
        return out
    if target == "cursor":
        out = [Artifact(".cursor/rules/archwise.mdc", "file", _cursor_rule(skill["SKILL.md"]))]
        out += [
            Artifact(f".cursor/rules/archwise/{p}", "file", t)
            for p, t in skill.items()
            if p != "SKILL.md"
        ]
        out.append(Artifact(".cursor/mcp.json", "json-key", key=SERVER_KEY, value=CURSOR_MCP_ENTRY))
        return out
    if target == "codex":
        out = [Artifact(f".codex/skills/archwise/{p}", "file", t) for p, t in skill.items()]
        toml = '[mcp_servers.archwise]\ncommand = "archwise"\nargs = ["mcp", "--workspace", "."]\n'
        out.append(Artifact(".codex/config.toml", "block", toml, comment="#"))
        return out
    if target == "agents-md":
        folder = ".agents/skills/archwise"
        out = [Artifact(f"{folder}/{p}", "file", t) for p, t in skill.items()]
        out.append(Artifact("AGENTS.md", "block", _agents_block(folder, meta), comment="<!--"))
        return out
    raise ValueError(target)


def block_markers(comment: str) -> tuple[str, str]:
    """The begin and end lines of a marked block in a file with this comment style."""
    if comment == "<!--":
        return f"<!-- {BLOCK_BEGIN} -->", f"<!-- {BLOCK_END} -->"
    return f"{comment} {BLOCK_BEGIN}", f"{comment} {BLOCK_END}"


def find_block(text: str, comment: str) -> tuple[int, int, str] | None:
    """Start offset, end offset and inner text of the marked block in text, if present."""
    begin, end = block_markers(comment)
    i = text.find(begin + "\n")
    if i < 0:
        return None
    j = text.find(end, i)
    if j < 0:
        return None
    stop = j + len(end)
    if text[stop : stop + 1] == "\n":
        stop += 1
    return i, stop, text[i + len(begin) + 1 : j]


def render_block(content: str, comment: str) -> str:
    """The marked block as it stands in the file."""
    begin, end = block_markers(comment)
    return f"{begin}\n{content}{end}\n"


def canonical_json(value: Any) -> str:
    """A stable text of a JSON value, for hashing what was written."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
