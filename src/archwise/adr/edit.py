"""Text-level edits of a record (status, links) that leave the rest of the file untouched."""

from __future__ import annotations

import re

from archwise.adr import adrtools as at
from archwise.adr.model import Format

FRONT = re.compile(r"\A((?:\s*<!--.*?-->)*\s*?)---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)


def heading_text(text: str) -> str:
    """The record's title line without `# ` (what adr-tools uses as link text)."""
    body = text
    m = FRONT.match(text)
    if m:
        body = text[m.end() :]
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _nygard_status(text: str, status: str) -> str:
    """Replace the non-link lines of the Status section with `status`."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if line != "## Status":
            continue
        section: list[str] = []
        while i < len(lines) and not lines[i].startswith("#"):
            section.append(lines[i])
            i += 1
        links = [s for s in section if s.strip() and at.LINK_RE.match(s.strip())]
        body = [status, *links] if status else links
        out.append("")
        for item in body:
            out += [item, ""]
        if not body:
            out.append("")
        if i >= len(lines) and out and out[-1] == "":
            out.pop()
    return "\n".join(out)


def _replace_header(text: str, pattern: str, line: str) -> str | None:
    rx = re.compile(pattern, re.M | re.I)
    if rx.search(text):
        return rx.sub(lambda _: line, text, count=1)
    return None


def _insert_after_title(text: str, line: str) -> str:
    lines = text.split("\n")
    for i, current in enumerate(lines):
        if current.startswith("# "):
            lines[i + 1 : i + 1] = ["", line]
            return "\n".join(lines)
    return line + "\n" + text


def set_status(text: str, fmt: Format, status: str) -> str:
    """Set the status line of a record in its own format."""
    if fmt == "nygard":
        if "\n## Status" not in "\n" + text:
            return _append_section(text, "## Status", status)
        return _nygard_status(text, status)
    if fmt == "spec":
        new = f"**Status**: {status}"
        return _replace_header(text, r"^\*\*Status:?\*\*:?.*$", new) or _insert_after_title(
            text, new
        )
    if fmt in {"madr2", "log4brains"}:
        bullet = "-" if fmt == "log4brains" else "*"
        new = f"{bullet} Status: {status}"
        return _replace_header(text, r"^[*-] Status:.*$", new) or _insert_after_title(text, new)
    m = FRONT.match(text)
    value = f'"{status}"' if ("[" in status or ":" in status) else status
    if m:
        front = m.group(2)
        if re.search(r"^status\s*:", front, re.M):
            front = re.sub(
                r"^status\s*:.*$", lambda _: f"status: {value}", front, count=1, flags=re.M
            )
        else:
            front = f"status: {value}\n{front}"
        return f"{m.group(1)}---\n{front}\n---\n" + text[m.end() :]
    return f"---\nstatus: {value}\n---\n" + text


def _append_section(text: str, heading: str, body: str) -> str:
    return text.rstrip("\n") + f"\n\n{heading}\n\n{body}\n"


def add_link(text: str, fmt: Format, kind: str, title: str, href: str) -> str:
    """Add a link line: in the Status section (Nygard) or a `## Links` list (other formats)."""
    line = f"{kind} [{title}]({href})"
    if fmt == "nygard":
        if re.search(r"^## Status$", text, re.M):
            lines = text.rstrip("\n").split("\n")
            idx = lines.index("## Status")
            nxt = next((j for j in range(idx + 1, len(lines)) if lines[j].startswith("##")), None)
            if nxt is not None:
                return at.add_link(text, kind, href, title)
            return text.rstrip("\n") + f"\n\n{line}\n"
        return _append_section(text, "## Status", line)
    bullet = "*" if fmt.startswith("madr") else "-"
    item = f"{bullet} {line}"
    lines = text.rstrip("\n").split("\n")
    if "## Links" in lines:
        idx = lines.index("## Links")
        end = next((j for j in range(idx + 1, len(lines)) if lines[j].startswith("#")), len(lines))
        insert = end
        while insert > idx + 1 and not lines[insert - 1].strip():
            insert -= 1
        lines[insert:insert] = [item] if insert > idx + 1 else ["", item]
        return "\n".join(lines) + "\n"
    return _append_section(text, "## Links", item)


def supersede(text: str, fmt: Format, title: str, href: str, by: str = "Superseded by") -> str:
    """Mark a record superseded by the record `title` at `href` (`by` is the link's wording)."""
    if fmt == "nygard":
        linked = add_link(text, fmt, by, title, href)
        for line in at.status_lines(text):
            if not at.LINK_RE.match(line):
                linked = at.remove_status(linked, line)
        return linked
    if fmt == "spec":
        return set_status(text, fmt, f"{by} [{title}]({href})")
    return set_status(text, fmt, f"{by.lower()} [{title}]({href})")
