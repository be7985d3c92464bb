"""Technology names of the stack catalogue, as plain data for readers that sit below the analyzer.

The catalogue (`archwise/analyze/data/*.yaml`, about 4,000 entries) is the analyzer's; the brief
reader needs only its names, aliases and categories, to recognise a technology a team says it
knows. `archwise.analyze` imports `archwise.requirements`, so the requirements package cannot
import the analyzer: this module reads the same files as data (one flow mapping per line, which
`tests/kb/test_stack_names.py` checks against the analyzer's own validated loader) without
importing it, and without YAML parsing, which would cost about half a second per process.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "analyze" / "data"

_ENTRY = re.compile(
    r"^[ \t]*-[ \t]*\{name:[ \t]*(?P<name>\"[^\"\n]+\"|'[^'\n]+'|[^,}\n]+?)[ \t]*,"
    r"[ \t]*category:[ \t]*(?P<category>[a-z_]+)(?P<rest>[^\n]*)$",
    re.MULTILINE,
)
_ALIASES = re.compile(r"\baliases:[ \t]*\[(?P<list>[^\]\n]*)\]")


@functools.cache
def stack_names() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(name, category, aliases) of every entry of the built-in stack catalogue."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for file in sorted(CATALOGUE_DIR.glob("*.yaml")):
        for m in _ENTRY.finditer(file.read_text(encoding="utf-8")):
            aliases = _ALIASES.search(m.group("rest"))
            names = (
                [a.strip().strip("\"'") for a in aliases.group("list").split(",")]
                if aliases
                else []
            )
            out.append(
                (m.group("name").strip("\"'"), m.group("category"), tuple(n for n in names if n))
            )
    return tuple(out)
