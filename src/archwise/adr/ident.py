"""Who a record is: its number or id from file names and titles, and a collection's naming scheme.

Kept free of pydantic so that the `adr` drop-in shares it and still starts fast.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

# `0001-x`, `adr-001-x`, `adr001-x`, `ADR-0001-x`, `0001_x`: an optional `adr` prefix, then digits.
# A bare number needs two digits: `4-day-work-week` is a slug, `04-x` and `0004-x` are numbered.
NAME_NUMBER = re.compile(
    r"^(?:(?P<prefix>adr[-_ ]?)(?P<adr_digits>\d+)|(?P<digits>\d{2,}))(?=[-_. ]|$)", re.I
)
# `20210104-x` and `2021-01-04-x`: a date, which names a record without numbering it.
NAME_DATE = re.compile(r"^(?P<y>\d{4})(?P<sep>-?)(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?=[-_. ]|$)")
# `# ADR 025 Commit`, `# ADR-12 Title`, `# ADR 3: Title`, `# ADR001: Title`.
ADR_TITLE = re.compile(r"^ADR[-_ #]?\s*0*(\d+)\b\s*[:.\-–—)]?\s*(.*)$", re.I)
# `# 1. Title`, `# 12: Title`, `# 3 - Title` (a bare number needs punctuation after it).
NUMBER_TITLE = re.compile(r"^0*(\d+)(?:\s*[.:)]|\s+[-–—])\s+(\S.*)$")
INDEX_NAMES = frozenset(
    {"readme.md", "index.md", "toc.md", "_index.md", "_sidebar.md", "summary.md", "adr-log.md"}
)
RECORD_FOLDER_FILES = ("index.md", "README.md", "readme.md")
TEMPLATE_WORDS = frozenset({"template", "templates"})
# Words that may stand beside "template" in a template's name (`adr-template`, `template-madr`).
TEMPLATE_QUALIFIERS = frozenset(
    {"adr", "madr", "decision", "record", "records", "nygard", "short", "long", "bare", "minimal"}
    | {"full", "default", "lite", "example", "new", "blank", "empty"}
)


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        day = dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day if 1970 <= day.year <= 2200 else None


def name_date(name: str) -> str | None:
    """The ISO date a file name starts with (`20210104-x.md` -> 2021-01-04), if any."""
    m = NAME_DATE.match(name)
    if not m:
        return None
    day = _date(m.group("y"), m.group("m"), m.group("d"))
    return day.isoformat() if day else None


def name_parts(name: str) -> tuple[str, str] | None:
    """The prefix (`adr-`, or "") and digits a numbered name starts with; None for dates."""
    if not name or not (name[0].isdigit() or name[0] in "aA"):
        return None
    if name_date(name):
        return None
    m = NAME_NUMBER.match(name)
    if not m:
        return None
    if m.group("adr_digits") is not None:
        return m.group("prefix"), m.group("adr_digits")
    return "", m.group("digits")


def name_number(name: str) -> int | None:
    """The record number a file or folder name starts with, in any common form."""
    parts = name_parts(name)
    return int(parts[1]) if parts else None


def title_number(title: str) -> tuple[int | None, str]:
    """The number a title carries (`ADR 025 Commit` -> 25, `Commit`), and the title without it."""
    if not title or not (title[0].isdigit() or title[0] in "aA"):
        return None, title
    m = ADR_TITLE.match(title) or NUMBER_TITLE.match(title)
    if m and m.group(2).strip():
        return int(m.group(1)), m.group(2).strip()
    return None, title


def stem(name: str) -> str:
    """A file name without its Markdown extension(s)."""
    low = name.lower()
    for ext in (".md.md", ".markdown", ".mdx", ".md"):
        if low.endswith(ext):
            return name[: -len(ext)]
    return name


def record_name(rel: str) -> str:
    """The name that identifies a record: its folder for `NNNN-title/index.md`, else its file."""
    if "/" not in rel and "\\" not in rel:
        return rel
    parts = rel.replace("\\", "/").split("/")
    if len(parts) > 1 and parts[-1] in RECORD_FOLDER_FILES:
        return parts[-2]
    return parts[-1]


def slug(name: str) -> str:
    """The words of a record's name, without its number or date prefix."""
    base = stem(name)
    m = NAME_DATE.match(base)
    if m and name_date(base):
        return base[m.end() :].lstrip("-_. ")
    m = NAME_NUMBER.match(base)
    if m:
        return base[m.end() :].lstrip("-_. ")
    return base


def is_template_name(name: str) -> bool:
    """True for template files (`template.md`, `0000-TEMPLATE.md`, `adr000-template.md`)."""
    words = re.split(r"[-_. ]+", slug(name).lower())
    return any(w in TEMPLATE_WORDS for w in words) and all(
        w in TEMPLATE_WORDS or w in TEMPLATE_QUALIFIERS for w in words
    )


def record_id(rel: str, number: int | None) -> str:
    """A record's id: its number when it has one, else its name (which holds any date)."""
    if number is not None:
        return str(number)
    return stem(record_name(rel))


@dataclass(frozen=True)
class Scheme:
    """How a collection names its records: prefix, digits, next number, or dates."""

    prefix: str = ""
    width: int = 4
    next_number: int = 1
    dated: bool = False
    date_sep: str = ""
    # `index.md` or `README.md` when the collection keeps one folder per record.
    folder_file: str = ""

    def file_name(self, number: int, words: str, ext: str = ".md") -> str:
        """`{prefix}{number padded}-{words}{ext}` in this collection's style."""
        return f"{self.prefix}{number:0{self.width}d}-{words}{ext}"

    def record_path(self, name: str) -> str:
        """Where a record named `name` (`0003-x.md`) goes: itself, or `0003-x/index.md`."""
        return f"{stem(name)}/{self.folder_file}" if self.folder_file else name

    def dated_name(self, day: dt.date, words: str, ext: str = ".md") -> str:
        """`{date}-{words}{ext}` in this collection's date style."""
        fmt = "%Y-%m-%d" if self.date_sep else "%Y%m%d"
        return f"{day.strftime(fmt)}-{words}{ext}"


def scheme(names: list[str], folders: dict[str, str] | None = None) -> Scheme:
    """The naming scheme the entries of a folder follow (adr-tools' `NNNN-` when it is empty).

    `folders` maps the entries that are record folders to their record file (`index.md`).
    """
    prefixes: Counter[str] = Counter()
    widths: Counter[tuple[str, int]] = Counter()
    dated = 0
    seps: Counter[str] = Counter()
    best = 0
    for name in names:
        if name.startswith(".") or is_template_name(name):
            continue
        if name_date(name):
            dated += 1
            m = NAME_DATE.match(name)
            seps[m.group("sep") if m else ""] += 1
            continue
        parts = name_parts(name)
        if parts is None:
            continue
        prefix, digits = parts
        prefixes[prefix] += 1
        widths[(prefix, len(digits))] += 1
        best = max(best, int(digits))
    numbered = sum(prefixes.values())
    if dated > numbered:
        return Scheme(dated=True, date_sep=seps.most_common(1)[0][0])
    if not numbered:
        return Scheme()
    prefix = prefixes.most_common(1)[0][0]
    width = Counter({w: c for (p, w), c in widths.items() if p == prefix}).most_common(1)[0][0]
    inside = Counter((folders or {}).values())
    folder_file = inside.most_common(1)[0][0] if sum(inside.values()) * 2 > numbered else ""
    return Scheme(prefix=prefix, width=width, next_number=best + 1, folder_file=folder_file)
