"""Parse ADR Markdown in any format (spec, Nygard, MADR 2/3/4, log4brains) into one model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archwise.adr import ident
from archwise.adr.model import Adr, Consequences, Finding, Format, Link, Option, Section

# Front matter, possibly after HTML comments such as an SPDX licence header.
FRONT_MATTER = re.compile(
    r"\A((?:\s*<!--.*?-->)*\s*?)---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S
)
BOLD_FIELD = re.compile(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$")
BULLET_FIELD = re.compile(r"^[*-]\s+([A-Za-z][\w -]{0,40}?):\s*(.*)$")
PLAIN_FIELD = re.compile(r"^([A-Z][\w -]{0,40}?):\s+(\S.*)$")
LINK_LINE = re.compile(r"^(.+?)\s+\[(.*)\]\((.*?)\)\s*$")
LINK_ONLY = re.compile(r"\[(.*?)\]\((.*?)\)")
COMMENT = re.compile(r"<!--.*?-->")
SUPERSEDED_SENTENCE = re.compile(r"^(super[sc]eded by)\s+\[([^\]]*)\]\(([^)\s]*)\)[\s.;,]*$", re.I)
LINK_ID = re.compile(r"^ADR[-_ #]?0*(\d+)$", re.I)
URL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# A typed link line names its kind in a few words (`Superseded by`, `Amends`), not a sentence.
LINK_KIND = re.compile(r"^[^\W\d_][\w'-]*(?: [\w'-]+){0,4}$")
BULLET = re.compile(r"^\s*[*+-]\s+(.*)$")
CHOSEN = re.compile(r"^Chosen option:\s*(.+?)(?:,\s*because\b|$)", re.I | re.S)
OPTION_HEADING = re.compile(r"^Option\s+\d+\s*[:.\-–]\s*(.*)$", re.I)
ARG = re.compile(r"^(Good|Bad|Neutral),?\s+because\s+(.*)$", re.I | re.S)
GROUP = re.compile(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$")
SPEC_ARG = re.compile(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$")

HEADINGS = {level: re.compile(rf"^{'#' * level} (.*)$", re.M) for level in range(1, 7)}
SUB_HEADING = {level: re.compile(rf"^#{{{level},6}} ") for level in range(1, 7)}
CONTEXT_HEADINGS = {
    "context",
    "context and problem statement",
    "problem statement",
    "background",
    "issue",
    "problem",
}
DECISION_HEADINGS = {"decision", "decision outcome"}
ALTERNATIVES_HEADINGS = {"alternatives considered", "alternatives", "options considered"}
SECTION_KEYS = (
    {"status", "decision drivers", "considered options", "pros and cons of the options"}
    | {"consequences", "implementation notes", "success metrics", "review date", "links"}
    | {"confirmation", "validation"}
    | CONTEXT_HEADINGS
    | DECISION_HEADINGS
    | ALTERNATIVES_HEADINGS
)
MADR_SECTIONS = {
    "context and problem statement",
    "considered options",
    "decision outcome",
    "decision drivers",
    "pros and cons of the options",
}
MADR_FRONT = {"status", "date", "deciders", "decision-makers", "consulted", "informed"}


@dataclass(slots=True)
class Block:
    """A heading and the lines under it, with the line number of the heading."""

    heading: str
    level: int
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The lines under the heading, trimmed of blank lines at both ends."""
        return _trim("\n".join(self.lines))


def _trim(text: str) -> str:
    return text.strip("\n").rstrip()


def _norm(heading: str) -> str:
    return COMMENT.sub("", heading).strip().rstrip(":").strip().lower()


def split_list(value: str) -> list[str]:
    """Split a comma-separated header value (or a YAML flow list) into items."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]") and "](" not in value:
        value = value[1:-1]
    return [_unquote(v) for v in value.split(",") if v.strip()]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_link(kind: str, text: str, href: str) -> Link:
    """Build a link, reading the target number from the file name, else from the link text."""
    target = None
    path = href.split("#", 1)[0]
    if path and not URL.match(path):
        target = ident.name_number(ident.record_name(path.rstrip("/")))
    elif not path:
        m = LINK_ID.match(text.strip())
        target = int(m.group(1)) if m else ident.title_number(text.strip())[0]
    return Link(kind=kind.strip(), target=target, title=text, href=href)


def is_link_line(kind: str, href: str) -> bool:
    """True when `KIND [TITLE](HREF)` is a typed link to a record, not a sentence with a link."""
    return bool(LINK_KIND.match(kind.strip())) and not URL.match(href)


def _front_matter(
    text: str, findings: list[Finding], path: str | None
) -> tuple[dict[str, str | list[str]], str, int]:
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text, 0
    data: dict[str, str | list[str]] = {}
    current: str | None = None
    first = m.group(1).count("\n") + 2
    for i, raw in enumerate(m.group(2).splitlines(), start=first):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"^\s+-\s+(.*)$", line) or re.match(r"^-\s+(.*)$", line)
        if item and current is not None:
            prev = data.get(current)
            items = prev if isinstance(prev, list) else []
            items.append(_unquote(item.group(1)))
            data[current] = items
            continue
        kv = re.match(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$", line)
        if not kv and line[:1] in " \t" and current is not None:
            continue
        if not kv:
            findings.append(
                Finding(
                    code="front-matter",
                    severity="warning",
                    message=f"front matter line not understood: {line.strip()[:60]}",
                    file=path,
                    line=i,
                )
            )
            continue
        current = kv.group(1).lower()
        value = kv.group(2).strip()
        if " #" in value and not value.startswith(("'", '"')):
            value = value.split(" #", 1)[0].rstrip()
        if value.startswith("[") and value.endswith("]") and "](" not in value:
            data[current] = split_list(value)
        else:
            data[current] = _unquote(value) if value else []
    rest = text[m.end() :]
    above = m.group(1).strip("\n")
    if not above.strip():
        return data, rest, m.group(0).count("\n")
    # A comment above the front matter (an SPDX header) stays in the body, before the title.
    return data, f"{above}\n{rest}", m.group(0).count("\n") - above.count("\n") - 1


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else split_list(value)


def _as_text(value: str | list[str]) -> str:
    return ", ".join(value) if isinstance(value, list) else value


def _bullets(body: str) -> list[str]:
    """The items of a bullet list (continuation lines joined); prose becomes one item."""
    items: list[str] = []
    prose: list[str] = []
    for line in body.splitlines():
        m = BULLET.match(line)
        if m and not line.startswith(("  ", "\t")):
            items.append(m.group(1).strip())
        elif line.strip() and items and line.startswith((" ", "\t")):
            items[-1] += "\n" + line
        elif line.strip():
            prose.append(line)
    if prose and not items:
        return [_trim("\n".join(prose))]
    if prose:
        items.insert(0, _trim("\n".join(prose)))
    return items


def _split_inline(value: str) -> list[str]:
    value = value.strip()
    return [v.strip() for v in value.split("; ") if v.strip()] if value else []


def _blocks(
    lines: list[str], start_line: int, level: int, fences: bool = True
) -> tuple[list[str], list[Block]]:
    """Split lines into the text before the first heading of `level` and the headed blocks."""
    if level > 6:
        return lines, []
    prefix = "#" * level + " "
    head: list[str] = []
    blocks: list[Block] = []
    text = "\n".join(lines)
    if not text.startswith(prefix) and "\n" + prefix not in text:
        return lines, []
    if not fences:
        # One regex pass over the text instead of a Python loop over every line.
        matches = list(HEADINGS[level].finditer(text))
        if not matches:
            return lines, []
        head = text[: matches[0].start()].split("\n")[:-1]
        last = len(matches) - 1
        # Line numbers are counted on from the previous heading: counting from the start of the
        # text for every heading is quadratic in a file of many headings.
        line_no, counted = start_line, 0
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i < last else len(text)
            body = text[m.end() : end].split("\n")[1:]
            if i < last:
                body.pop()
            line_no += text.count("\n", counted, m.start())
            counted = m.start()
            blocks.append(Block(m.group(1).strip(), level, line_no, body))
        return head, blocks
    fence: str | None = None
    for offset, line in enumerate(lines):
        stripped = line.lstrip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif line.startswith(prefix):
            blocks.append(Block(line[len(prefix) :].strip(), level, start_line + offset))
            continue
        if blocks:
            blocks[-1].lines.append(line)
        else:
            head.append(line)
    return head, blocks


def _drop_comment_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_comment = False
    for line in lines:
        s = line.strip()
        if in_comment:
            if "-->" in s:
                in_comment = False
            continue
        if s.startswith("<!--"):
            if "-->" not in s:
                in_comment = True
                continue
            rest = COMMENT.sub("", s).strip()
            if not rest:
                continue
        out.append(line)
    return out


@dataclass
class _Draft:
    """The fields of an Adr while parsing (plain attributes are cheaper than a model's)."""

    number: int | None = None
    title: str = ""
    status: str | None = None
    date: str | None = None
    deciders: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    context: str = ""
    drivers: list[str] = field(default_factory=list)
    decision: str = ""
    chosen: Option | None = None
    alternatives: list[Option] = field(default_factory=list)
    consequences: Consequences = field(default_factory=Consequences)
    implementation_notes: str = ""
    success_metrics: list[str] = field(default_factory=list)
    confirmation: str = ""
    review_date: str = ""
    links: list[Link] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    extra_sections: list[Section] = field(default_factory=list)
    preamble: str = ""
    front_matter: dict[str, str] = field(default_factory=dict)
    format: Format = "spec"
    path: str | None = None


@dataclass
class _Header:
    fields: list[tuple[str, str, int]]
    prose: list[str]


def _header(lines: list[str], start_line: int) -> _Header:
    out: list[tuple[str, str, int]] = []
    prose: list[str] = []
    last_bold = False
    for offset, line in enumerate(lines):
        s = line.strip()
        if not s:
            last_bold = False
            if prose and prose[-1] != "":
                prose.append("")
            continue
        m = BOLD_FIELD.match(s) or BULLET_FIELD.match(s) or PLAIN_FIELD.match(s)
        if m and "](" not in m.group(1):
            out.append((m.group(1).strip(), m.group(2).strip(), start_line + offset))
            last_bold = bool(BOLD_FIELD.match(s))
            continue
        if last_bold and out:
            key, value, ln = out[-1]
            out[-1] = (key, f"{value}\n{s}" if value else s, ln)
            continue
        prose.append(line)
    return _Header(out, prose)


def _status_and_links(value: str) -> tuple[str | None, list[Link]]:
    """Read a one-line status such as `superseded by [ADR-0005](0005-example.md)`."""
    links: list[Link] = []
    m = re.match(r"^(superseded|superceded)\s+by\s+\[(.*)\]\((.*?)\)\s*$", value.strip(), re.I)
    if m:
        links.append(parse_link("Superseded by", m.group(2), m.group(3)))
        return m.group(1), links
    m = re.match(r"^(superseded|superceded)\s+by\s+(ADR[-_ #]?\d+)\s*$", value.strip(), re.I)
    if m:
        links.append(parse_link("Superseded by", m.group(2), ""))
    return (value.strip() or None), links


def _status_section(block: Block, fences: bool) -> tuple[str | None, list[Link], list[Block]]:
    """The status (its first paragraph), the typed link lines, and any sub-sections."""
    if "#" in "".join(block.lines):
        own, subs = _blocks(block.lines, block.line + 1, block.level + 1, fences)
    else:
        own, subs = block.lines, []
    sub_heading = SUB_HEADING.get(block.level + 1)
    paragraphs: list[list[str]] = [[]]
    quoted: list[str] = []
    links: list[Link] = []
    for line in own:
        s = line.strip()
        if not s:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if s[0] == "#" and sub_heading is not None and sub_heading.match(s):
            continue
        m = LINK_LINE.match(s) if "](" in s else None
        if m and is_link_line(m.group(1), m.group(3)):
            links.append(parse_link(m.group(1), m.group(2), m.group(3)))
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if s.startswith(">"):
            # Template guidance quoted above the status, e.g. "> What is the status...?"
            quoted.append(s.lstrip("> ").strip())
            continue
        paragraphs[-1].append(s)
    texts = [" ".join(p) for p in paragraphs if p]
    status = texts[0] if texts else (" ".join(q for q in quoted if q) or None)
    if status and not links:
        # `Superseded by [21. X](0021-x.md).`: a sentence, but its link names the successor.
        m = SUPERSEDED_SENTENCE.match(status)
        if m:
            links.append(parse_link(m.group(1), m.group(2), m.group(3)))
            status = None
    return status, links, subs


def _link_bullets(block: Block) -> tuple[list[Link], list[str]]:
    links: list[Link] = []
    rest: list[str] = []
    for line in block.lines:
        s = line.strip()
        if not s:
            continue
        b = BULLET.match(s)
        m = LINK_LINE.match(b.group(1) if b else s)
        if m:
            links.append(parse_link(m.group(1), m.group(2), m.group(3)))
        else:
            rest.append(line)
    return links, rest


def _consequences(body: str) -> Consequences:
    groups: dict[str, list[str]] = {}
    order: list[str] = []
    current: str | None = None
    loose: list[str] = []
    for line in body.splitlines():
        s = line.strip()
        g = GROUP.match(s)
        if g and not g.group(2):
            current = g.group(1).strip()
            groups.setdefault(current, [])
            order.append(current)
            continue
        if current is None:
            loose.append(line)
            continue
        if s:
            groups[current].append(line)
    result = Consequences()
    if groups:
        for label in order:
            items = _bullets("\n".join(groups[label]))
            key = label.lower()
            if key == "positive":
                result.positive = items
            elif key == "negative":
                result.negative = items
            elif key == "neutral":
                result.neutral = items
            else:
                result.other[label] = items
        result.text = _trim("\n".join(loose))
        return result
    items = _bullets(body)
    args = [ARG.match(i) for i in items]
    if items and all(args):
        for a in args:
            assert a is not None
            kind = a.group(1).lower()
            target = {"good": result.positive, "bad": result.negative}.get(kind, result.neutral)
            target.append(a.group(2).strip())
        return result
    result.text = _trim(body)
    return result


def _spec_option(block: Block) -> Option:
    m = OPTION_HEADING.match(block.heading)
    opt = Option(name=(m.group(1) if m else block.heading).strip())
    desc: list[str] = []
    for line in block.lines:
        s = line.strip()
        b = BULLET.match(s)
        a = SPEC_ARG.match(b.group(1)) if b else None
        if a:
            key = a.group(1).strip().lower()
            value = a.group(2).strip()
            if key in {"pros", "pro"}:
                opt.pros = _split_inline(value)
                continue
            if key in {"cons", "con"}:
                opt.cons = _split_inline(value)
                continue
            if key in {"neutral"}:
                opt.neutral = _split_inline(value)
                continue
            if key.startswith("why not"):
                opt.why_not = value
                continue
        desc.append(line)
    opt.description = _trim("\n".join(desc))
    return opt


def _madr_option(block: Block) -> Option:
    opt = Option(name=block.heading.strip())
    desc: list[str] = []
    for line in block.lines:
        b = BULLET.match(line)
        a = ARG.match(b.group(1).strip()) if b else None
        if a:
            kind = a.group(1).lower()
            target = {"good": opt.pros, "bad": opt.cons}.get(kind, opt.neutral)
            target.append(a.group(2).strip())
            continue
        desc.append(line)
    opt.description = _trim("\n".join(desc))
    return opt


def detect_format(text: str, name: str = "") -> Format:
    """Guess the format of ADR text (and its file name)."""
    return parse_adr(text, name)[0].format


def parse_adr(text: str, path: str | None = None) -> tuple[Adr, list[Finding]]:
    """Parse ADR Markdown into the model; oddities come back as lint findings, never exceptions."""
    findings: list[Finding] = []
    name = ident.record_name(path or "")
    text = text.replace("\r\n", "\n")
    front, body, fm_lines = _front_matter(text, findings, path)
    lines = body.split("\n")
    if "<!--" in body:
        lines = _drop_comment_lines(lines)
    fences = "```" in body or "~~~" in body
    adr = _Draft(path=path)
    title_style: str | None = None

    title_idx = None
    for i, line in enumerate(lines):
        if line.startswith("# "):
            title_idx = i
            break
        if line.startswith("## "):
            break
    front_title = _as_text(front["title"]).strip() if "title" in front else ""
    if title_idx is None:
        rest = lines
        title_line_no = fm_lines + 1
        raw_title = front_title
        if not raw_title:
            findings.append(
                Finding(
                    code="missing-title",
                    severity="error",
                    message="no `# Title` line and no title in the front matter",
                    file=path,
                    line=1,
                )
            )
    else:
        adr.preamble = _trim("\n".join(lines[:title_idx]))
        rest = lines[title_idx + 1 :]
        title_line_no = fm_lines + title_idx + 1
        raw_title = lines[title_idx][2:].strip()
    if raw_title:
        number, adr.title = ident.title_number(raw_title)
        if number is not None:
            adr.number = number
            title_style = "spec" if ident.ADR_TITLE.match(raw_title) else "nygard"
    if adr.number is None and "id" in front:
        fm_id = _as_text(front["id"]).strip()
        m = LINK_ID.match(fm_id)
        adr.number = int(m.group(1)) if m else None
    file_number = ident.name_number(name)
    if adr.number is None:
        adr.number = file_number
    elif file_number is not None and file_number != adr.number:
        findings.append(
            Finding(
                code="number-mismatch",
                severity="warning",
                message=f"title says {adr.number}, file name says {file_number}",
                file=path,
                line=title_line_no,
                number=adr.number,
            )
        )

    level = _section_level(rest) if "\n# " in body else 2
    head, blocks = _blocks(rest, title_line_no + 1, level, fences)
    header = _header(head, title_line_no + 1)
    has_bullet_header = False
    for key, value, _ in header.fields:
        k = key.lower().strip()
        if k == "status":
            adr.status, links = _status_and_links(value)
            adr.links.extend(links)
        elif k == "date":
            adr.date = value or None
        elif k in {"deciders", "decision-makers", "decision makers"}:
            adr.deciders = split_list(value)
        elif k == "consulted":
            adr.consulted = split_list(value)
        elif k == "informed":
            adr.informed = split_list(value)
        elif k == "tags":
            adr.tags = split_list(value)
        elif k == "context":
            adr.context = value
        elif k == "review date":
            adr.review_date = value
        else:
            adr.fields[key] = value
    dash_header = False
    bold_header = False
    for raw in head:
        stripped = raw.strip()
        if BOLD_FIELD.match(stripped):
            bold_header = True
        if not has_bullet_header and BULLET_FIELD.match(stripped):
            has_bullet_header = True
            dash_header = raw.lstrip().startswith("-")
    prose = _trim("\n".join(header.prose))
    if prose:
        adr.extra_sections.append(Section(heading="", body=prose))

    for key, val in front.items():
        if key == "status":
            adr.status, links = _status_and_links(_as_text(val))
            adr.links.extend(links)
        elif key == "date":
            adr.date = _as_text(val) or None
        elif key in {"deciders", "decision-makers"}:
            adr.deciders = _as_list(val)
        elif key == "consulted":
            adr.consulted = _as_list(val)
        elif key == "informed":
            adr.informed = _as_list(val)
        elif key == "tags":
            adr.tags = _as_list(val)
        elif key == "title" and title_idx is None:
            continue
        else:
            adr.front_matter[key] = _as_text(val)

    option_names: list[str] = []
    options: list[Option] = []
    chosen_name: str | None = None
    seen_confirmation_sub = False
    seen_validation = False
    seen_status = False
    madr_sections = False
    queue = list(blocks)
    i = 0
    while i < len(queue):
        block = queue[i]
        i += 1
        key = _norm(block.heading)
        if key in MADR_SECTIONS:
            madr_sections = True
        if key == "status":
            status, links, subs = _status_section(block, fences)
            if status is not None:
                adr.status = status
            adr.links.extend(links)
            adr.extra_sections.extend(Section(heading=s.heading, body=s.body) for s in subs)
            seen_status = True
        elif key in CONTEXT_HEADINGS:
            adr.context = block.body
        elif key == "decision drivers":
            adr.drivers = _bullets(block.body)
        elif key == "considered options":
            option_names = [COMMENT.sub("", b).strip() for b in _bullets(block.body)]
        elif key in DECISION_HEADINGS:
            own, subs = _blocks(block.lines, block.line + 1, block.level + 1, fences)
            kept: list[str] = list(own)
            for sub in subs:
                sk = _norm(sub.heading)
                if sk == "positive consequences":
                    adr.consequences.positive = _bullets(sub.body)
                elif sk == "negative consequences":
                    adr.consequences.negative = _bullets(sub.body)
                elif sk == "consequences":
                    c = _consequences(sub.body)
                    adr.consequences.positive += c.positive
                    adr.consequences.negative += c.negative
                    adr.consequences.neutral += c.neutral
                    adr.consequences.text = c.text
                elif sk == "confirmation":
                    adr.confirmation = sub.body
                    seen_confirmation_sub = True
                else:
                    kept.append(f"{'#' * sub.level} {sub.heading}")
                    kept.extend(sub.lines)
            adr.decision = _trim("\n".join(kept))
            if key == "decision outcome":
                m = CHOSEN.match(adr.decision)
                if m:
                    chosen_name = m.group(1).strip().strip("\"'“”[]{}")
        elif key in ALTERNATIVES_HEADINGS:
            _, subs = _blocks(block.lines, block.line + 1, block.level + 1, fences)
            adr.alternatives = [_spec_option(s) for s in subs]
        elif key == "pros and cons of the options":
            _, subs = _blocks(block.lines, block.line + 1, block.level + 1, fences)
            options = [_madr_option(s) for s in subs]
        elif key == "consequences":
            adr.consequences = _consequences(block.body)
        elif key == "implementation notes":
            adr.implementation_notes = block.body
        elif key == "success metrics":
            adr.success_metrics = _bullets(block.body)
        elif key == "review date":
            adr.review_date = block.body
        elif key in {"confirmation", "validation"}:
            adr.confirmation = block.body
            seen_validation = True
        elif key == "links":
            links, rest_lines = _link_bullets(block)
            adr.links.extend(links)
            if _trim("\n".join(rest_lines)):
                adr.extra_sections.append(Section(heading=block.heading, body=block.body))
        else:
            own, subs = _blocks(block.lines, block.line + 1, block.level + 1, fences)
            if subs and any(_norm(s.heading) in SECTION_KEYS for s in subs):
                # A container (`## Summary` holding `### Status`, `### Decision`): read inside.
                lead = _trim("\n".join(own))
                if lead:
                    adr.extra_sections.append(Section(heading=block.heading, body=lead))
                queue[i:i] = subs
            else:
                adr.extra_sections.append(Section(heading=block.heading, body=block.body))

    if options or option_names or chosen_name:
        by_name = {o.name.lower(): o for o in options}
        ordered: list[Option] = [by_name.get(n.lower(), Option(name=n)) for n in option_names]
        ordered += [o for o in options if o.name.lower() not in {n.lower() for n in option_names}]
        chosen = None
        if chosen_name:
            for o in ordered:
                if o.name.lower() == chosen_name.lower():
                    chosen = o
                    break
            if chosen is None:
                chosen = Option(name=chosen_name)
        adr.chosen = chosen
        adr.alternatives = [o for o in ordered if o is not chosen] or adr.alternatives

    madr_body = madr_sections or has_bullet_header or bool(option_names or options)
    madr_front = any(k in MADR_FRONT for k in front)
    fmt: Format
    if bold_header:
        fmt = "spec"
    elif madr_body:
        if front and (madr_front or not has_bullet_header):
            fmt = "madr4" if ("decision-makers" in front or seen_confirmation_sub) else "madr3"
            if seen_validation and "decision-makers" not in front:
                fmt = "madr3"
        elif ident.name_date(name) or dash_header:
            # log4brains writes `- Status:`; MADR 2 writes `* Status:`.
            fmt = "log4brains"
        else:
            fmt = "madr2"
    elif seen_status or any(k.lower() == "date" for k, _, _ in header.fields):
        fmt = "nygard"
    elif title_style is not None:
        fmt = "spec" if title_style == "spec" else "nygard"
    elif madr_front:
        fmt = "madr4" if "decision-makers" in front else "madr3"
    else:
        fmt = "spec"
    adr.format = fmt
    if adr.status is None and not any(
        lk.kind.lower().startswith(("superseded by", "superceded by")) for lk in adr.links
    ):
        findings.append(
            Finding(
                code="missing-status",
                severity="warning",
                message="no status",
                file=path,
                line=title_line_no,
                number=adr.number,
            )
        )
    return _build(adr), findings


def _section_level(lines: list[str]) -> int:
    """2, unless the sections after the title are level-1 headings (`# Status`, `# Context`)."""
    for line in lines:
        if line.startswith("# ") and _norm(line[2:]) in SECTION_KEYS:
            return 1
    return 2


def _build(draft: _Draft) -> Adr:
    """An Adr from a draft without validation: the parser already built every value typed.

    This is what `Adr.model_construct` does, minus its per-field default handling, which
    costs more than the whole parse when a folder holds thousands of records.
    """
    obj = Adr.__new__(Adr)
    data = draft.__dict__
    object.__setattr__(obj, "__dict__", data)
    object.__setattr__(obj, "__pydantic_fields_set__", set(data))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def parse(text: str, path: str | None = None) -> Adr:
    """Parse ADR Markdown into the model."""
    return parse_adr(text, path)[0]
