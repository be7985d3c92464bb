"""adr-tools' behaviour, byte for byte: discovery, numbering, slugs, templates, links, toc, graph.

Kept free of pydantic so the `adr` drop-in starts as fast as a shell script.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from archwise.adr import ident

ENC = "utf-8"
ERRS = "surrogateescape"
# adr-tools lists `NNNN-*.md`; `adr-NNN-*.md` and `ADR-NNNN-*.md` collections are listed too.
LIST_NAME = re.compile(r"^(?:adr[-_]?)?[0-9]+-.*\.md", re.I)
SLUG_DROP = re.compile(rb"[^A-Za-z0-9]+")
LINK_RE = re.compile(r"^(.+) \[.*\]\(0*([1-9][0-9]*).*\)")
UPGRADE_DATE = re.compile(r"Date: ([0-9]{2})/([0-9]{2})/([0-9]{4})")
BLANK = re.compile(r"^[ \t\n\r\f\v]*$")
# The longest file name most file systems accept, in bytes.
NAME_MAX = 255
PLACEHOLDERS = ("NUMBER", "TITLE", "DATE", "STATUS")


class AdrToolsError(Exception):
    """A failure reported the way adr-tools reports it: a message and an exit status."""

    def __init__(self, message: str, status: int = 1, *, stdout: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.stdout = stdout


def decode(data: bytes) -> str:
    """Bytes to text, keeping undecodable bytes so they are written back unchanged."""
    return data.decode(ENC, ERRS)


def encode(text: str) -> bytes:
    """Text back to the exact bytes it came from."""
    return text.encode(ENC, ERRS)


def template_text(name: str) -> str:
    """A template shipped with archwise (`nygard.md`, `init.md`, `spec.md`, ...)."""
    return resources.files("archwise.adr").joinpath("templates", name).read_text(encoding=ENC)


def template_dir() -> Path:
    """Folder of the templates shipped with archwise."""
    return Path(str(resources.files("archwise.adr").joinpath("templates")))


def find_adr_dir(cwd: Path | None = None) -> str:
    """The ADR folder as adr-tools finds it: `.adr-dir` or `doc/adr` here or in a parent."""
    here = Path(cwd or Path.cwd()).resolve()
    if here == here.parent:
        return "doc/adr"
    for k, folder in enumerate((here, *here.parents)):
        reldir = "." + "/.." * k
        marker = folder / ".adr-dir"
        if marker.exists():
            from archwise.fileio import inside, read_bytes

            name = decode(read_bytes(marker, limit=4096, what=".adr-dir")).rstrip("\n")
            inside(
                folder / name,
                folder,
                what="the folder named in .adr-dir",
                rule="the ADR folder must stay inside the repository that names it",
            )
            return _mkrel(reldir, name)
        if (folder / "doc" / "adr").is_dir():
            return _mkrel(reldir, "doc/adr")
    return "doc/adr"


def _mkrel(reldir: str, name: str) -> str:
    d = f"{reldir}/{name}"
    return d[2:] if d.startswith("./") else d


def list_records(adr_dir: str, cwd: Path | None = None) -> list[str]:
    """`adr list`: the record paths (relative to cwd, as given), sorted like `sort` in C.UTF-8."""
    base = Path(cwd or Path.cwd()) / adr_dir
    if not base.is_dir():
        raise AdrToolsError(f"The {adr_dir} directory does not exist", stdout=True)
    out: list[str] = []
    with os.scandir(base) as it:
        for entry in it:
            if LIST_NAME.match(entry.name):
                out.append(f"{adr_dir}/{entry.name}")
                if entry.is_dir(follow_symlinks=False):
                    for root, dirs, files in os.walk(entry.path):
                        rel = os.path.relpath(root, base)
                        out += [f"{adr_dir}/{rel}/{n}" for n in (*dirs, *files)]
    return sorted(out, key=encode)


def folder_scheme(dstdir: Path) -> ident.Scheme:
    """How the folder names its records (adr-tools' `NNNN-` when it is empty or missing)."""
    if not dstdir.is_dir():
        return ident.Scheme()
    names: list[str] = []
    folders: dict[str, str] = {}
    with os.scandir(dstdir) as it:
        for entry in it:
            names.append(entry.name)
            if ident.name_number(entry.name) is not None and entry.is_dir():
                for inner in ident.RECORD_FOLDER_FILES:
                    if os.path.isfile(os.path.join(entry.path, inner)):
                        folders[entry.name] = inner
                        break
    return ident.scheme(names, folders)


def scheme_file_name(scheme: ident.Scheme, number: int, title: str, ext: str = ".md") -> str:
    """The record's file name in the folder's scheme, never longer than a file system allows."""
    prefix = scheme.file_name(number, "", "")
    return prefix + slugify(title, NAME_MAX - len(prefix) - len(ext)) + ext


# Upstream adr-tools writes "Supercedes"/"Superceded by"; Debian's package "Supersedes".
WORDINGS = {
    "supersede": ("Superseded by", "Supersedes"),
    "supercede": ("Superceded by", "Supercedes"),
}
SPELLING_ENV = "ADR_SUPERSEDE_SPELLING"
SUPERSEDE_LINK = re.compile(r"^(Super[sc]eded by|Super[sc]edes) \[", re.M | re.I)


def supersede_wording(kinds: Iterable[str]) -> tuple[str, str]:
    """The (reverse, forward) supersede wording the collection's links already use.

    A collection without supersede links gets $ADR_SUPERSEDE_SPELLING (`supersede` or
    `supercede`), else "Superseded by" / "Supersedes".
    """
    counts = {"supersede": 0, "supercede": 0}
    for kind in kinds:
        low = kind.strip().lower()
        if low in {"superseded by", "supersedes"}:
            counts["supersede"] += 1
        elif low in {"superceded by", "supercedes"}:
            counts["supercede"] += 1
    if counts["supercede"] > counts["supersede"]:
        return WORDINGS["supercede"]
    if counts["supersede"]:
        return WORDINGS["supersede"]
    return WORDINGS.get(os.environ.get(SPELLING_ENV, "").strip().lower(), WORDINGS["supersede"])


def text_wording(texts: Iterable[str]) -> tuple[str, str]:
    """The supersede wording used in the Status sections of these record texts."""
    return supersede_wording(k for text in texts for k in SUPERSEDE_LINK.findall(text))


def slugify(title: str, limit: int | None = None) -> str:
    """adr-tools' slug: every run of bytes outside [A-Za-z0-9] becomes `-`, lower-cased, trimmed."""
    slug = SLUG_DROP.sub(b"-", encode(title)).lower().strip(b"-")
    if limit is not None and len(slug) > limit:
        slug = slug[:limit].rstrip(b"-")
    return slug.decode("ascii")


def clean_title(title: str) -> str:
    """A title with control characters (newlines, escapes) replaced by spaces."""
    return "".join(" " if (ord(c) < 32 and c != "\t") or 127 <= ord(c) < 160 else c for c in title)


def fill_template(
    template: str, number: int, title: str, date: str, status: str = "Accepted"
) -> str:
    """adr-tools' sed: on each line, replace the first NUMBER, TITLE, DATE and STATUS, in order.

    Placeholders are swapped for tokens first, so a title containing `DATE` stays intact.
    """
    values = (str(number), title, date, status)
    tokens = [f"\x00{i}\x00" for i in range(len(PLACEHOLDERS))]
    out: list[str] = []
    for raw in template.split("\n"):
        line = raw
        for placeholder, token in zip(PLACEHOLDERS, tokens, strict=True):
            line = line.replace(placeholder, token, 1)
        for token, value in zip(tokens, values, strict=True):
            line = line.replace(token, value)
        out.append(line)
    return "\n".join(out)


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def title_of(path: Path) -> str:
    """`head -1 FILE | cut -c 3-`: the first line without its first two bytes."""
    from archwise.fileio import read_bytes

    first = read_bytes(path, what="ADR").split(b"\n", 1)[0]
    return decode(first.rstrip(b"\n")[2:])


def add_link(text: str, link_type: str, target_name: str, target_title: str) -> str:
    """Add `TYPE [TITLE](FILE)` at the end of the Status section (before the next `##`)."""
    out: list[str] = []
    in_status = False
    for line in _lines(text):
        if line.startswith("##"):
            if in_status:
                out.append(f"{link_type} [{target_title}]({target_name})")
                out.append("")
            in_status = False
        if line == "## Status":
            in_status = True
        out.append(line)
    return "\n".join(out) + "\n"


def remove_status(text: str, current: str) -> str:
    """Drop the status line `current` from the Status section, collapsing blank lines."""
    out: list[str] = []
    in_status = False
    after_blank = False
    for line in _lines(text):
        if line.startswith("##"):
            in_status = False
        if line == "## Status":
            in_status = True
        if in_status and BLANK.match(line):
            if not after_blank:
                out.append(line)
            after_blank = True
            continue
        if in_status and line == current:
            continue
        if in_status:
            after_blank = False
        out.append(line)
    return "\n".join(out) + "\n"


def status_lines(text: str) -> list[str]:
    """The non-blank, non-heading lines of the Status section (adr-tools' `_adr_status`)."""
    out: list[str] = []
    in_range = False
    for line in _lines(text):
        if not in_range and line.startswith("## Status"):
            in_range = True
            continue
        if in_range:
            if line.startswith("#") and not line.startswith("## Status"):
                in_range = False
                continue
            if not (line.startswith("#") or BLANK.match(line)):
                out.append(line)
    return out


def links_of(text: str) -> list[tuple[int, str]]:
    """(target number, link label) for each link line in the Status section."""
    out: list[tuple[int, str]] = []
    for line in status_lines(text):
        m = LINK_RE.match(line)
        if m:
            out.append((int(m.group(2)), m.group(1) + line[m.end() :]))
    return out


def index_of(path: str) -> str:
    """The record number of a path as adr-tools computes it (`0012-x.md` -> `12`)."""
    base = os.path.basename(path)
    head = base.split("-", 1)[0]
    if not head.isdigit():
        # `adr-012-x.md`, `ADR012-x.md`: collections adr-tools itself cannot number.
        number = ident.name_number(base)
        return str(number) if number is not None else head
    return head.lstrip("0")


def toc(
    paths: list[str],
    titles: list[str],
    *,
    intro: str | None = None,
    outro: str | None = None,
    prefix: str = "",
) -> str:
    """`adr generate toc`: a Markdown list of the records, with optional intro and outro text."""
    parts = ["# Architecture Decision Records\n\n"]
    if intro:
        parts.append(intro + "\n")
    parts += [
        f"* [{t}]({prefix}{os.path.basename(p)})\n" for p, t in zip(paths, titles, strict=True)
    ]
    if outro:
        parts.append("\n" + outro)
    return "".join(parts)


def graph(
    paths: list[str],
    titles: list[str],
    links: list[list[tuple[int, str]]],
    *,
    prefix: str = "",
    extension: str = ".html",
) -> str:
    """`adr generate graph`: Graphviz of the records, in order, and their forward links."""
    out = ["digraph {", "  node [shape=plaintext];", "  subgraph {"]
    for p, t in zip(paths, titles, strict=True):
        n = index_of(p)
        stem = os.path.basename(p)
        stem = stem[:-3] if stem.endswith(".md") else stem
        out.append(f'    _{n} [label="{t}"; URL="{prefix}{stem}{extension}"];')
        if n.isdigit() and int(n) > 1:
            out.append(f'    _{int(n) - 1} -> _{n} [style="dotted", weight=1];')
    out.append("  }")
    for p, record_links in zip(paths, links, strict=True):
        n = index_of(p)
        for target, label in record_links:
            if label.endswith(" by"):
                continue
            out.append(f'  _{n} -> _{target} [label="{label}", weight=0]')
    out.append("}")
    return "\n".join(out) + "\n"


def upgrade(text: str) -> str:
    """Rewrite `Date: DD/MM/YYYY` as ISO 8601 (the first on each line)."""
    return "\n".join(
        UPGRADE_DATE.sub(r"Date: \3-\2-\1", line, count=1) for line in text.split("\n")
    )


@dataclass(frozen=True)
class Record:
    """A record file found in the ADR folder."""

    path: str
    number: int | None


def resolve(ref: str, paths: list[str]) -> str:
    """The record a reference names: its number, else the first path containing the text.

    A number means that record (in any naming form), never a file whose name contains the digits.
    """
    if ref.isdigit():
        for p in paths:
            if ident.name_number(os.path.basename(p)) == int(ref):
                return p
        if not any(os.path.basename(p).startswith(ref) for p in paths):
            raise AdrToolsError(f"adr: no decision record matches '{ref}'")
    pattern = _bre(ref)
    for p in paths:
        if pattern.search(p):
            return p
    raise AdrToolsError(f"adr: no decision record matches '{ref}'")


def _bre(expr: str) -> re.Pattern[str]:
    """Translate a grep basic regular expression into a Python one (as `grep PATTERN` reads it)."""
    out: list[str] = []
    i = 0
    while i < len(expr):
        c = expr[i]
        if c == "\\" and i + 1 < len(expr):
            nxt = expr[i + 1]
            out.append(nxt if nxt in "(){}|+?" else re.escape(nxt))
            i += 2
            continue
        out.append("\\" + c if c in "(){}|+?" else c)
        i += 1
    try:
        return re.compile("".join(out))
    except re.error:
        return re.compile(re.escape(expr))


def iter_titles(paths: list[str], cwd: Path) -> Iterator[str]:
    """The title of each path, read from its first line."""
    for p in paths:
        yield title_of(cwd / p)
