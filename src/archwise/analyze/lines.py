"""Count code, comment and blank lines, type declarations and branches in one file's text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from archwise.analyze.languages import Language, compiled, token_regex

_WS = " \t\f\v\r"
_LINE_START = r"\n"  # a declaration regex that starts at a line (matched on "\n" + text)
# every type-declaration regex needs one of these words; a file without them has no types
_TYPE_WORDS = (
    "class",
    "interface",
    "struct",
    "trait",
    "enum",
    "record",
    "object",
    "module",
    "type",
)


@cache
def _type_words(pattern: str) -> tuple[str, ...]:
    """The declaration words a language's type regex can match (Python's: `class` only)."""
    return tuple(k for k in _TYPE_WORDS if k in pattern) or _TYPE_WORDS


@dataclass
class Counts:
    """Line counts and shape of one file."""

    lines: int = 0
    code: int = 0
    comment: int = 0
    blank: int = 0
    complexity: int = 0
    types: int = 0
    abstract_types: int = 0


def blank_lines(text: str, *, final_newline: bool | None = None) -> int:
    """Number of whitespace-only lines.

    final_newline: whether the text the lines come from ends with a newline (a stripped copy
    keeps the original's lines, but a last comment without a newline leaves a newline there).
    """
    return _lines(text, final_newline)[1]


def _lines(text: str, final_newline: bool | None = None) -> tuple[int, int]:
    """Lines and whitespace-only lines of text (see blank_lines)."""
    if not text and final_newline is None:
        return 0, 0
    lines = text.split("\n")
    if text.endswith("\n") if final_newline is None else final_newline:
        lines.pop()  # the empty piece after the last newline is not a line
    # splitting and counting in C beats a regex over every line; isspace admits more than
    # the blank characters, so those lines are checked again
    spaced = list(filter(str.isspace, lines))
    if "".join(spaced).strip(_WS):  # rare: a line of other white space (form feeds, U+00A0)
        spaced = [line for line in spaced if not line.strip(_WS)]
    return len(lines), lines.count("") + len(spaced)


def strip_comments(text: str, lang: Language) -> str:
    """Return text with every comment (and, for Python, every docstring) blanked, newlines kept."""
    rx = token_regex(lang)
    pieces: list[str] = []
    last = 0
    for m in rx.finditer(text):
        group = m.lastgroup
        if group is None:
            continue
        start, end = m.span(group)
        if group[0] == "d":
            start = _docstring_start(text, start, end)
            if start < 0:
                continue
        pieces.append(text[last:start])
        pieces.append("\n" * text.count("\n", start, end))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


_PREFIXES = frozenset({"", "r", "u", "b", "f", "rb", "br", "rf", "fr"})


def _docstring_start(text: str, start: int, end: int) -> int:
    """Start (with prefix) of a string standing alone on its lines (a docstring), else -1."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start].strip()
    if head.lower() not in _PREFIXES:
        return -1
    eol = text.find("\n", end)
    tail = text[end : eol if eol >= 0 else len(text)].strip()
    if tail and not tail.startswith("#"):
        return -1
    return start - len(head)


def count(text: str, lang: Language) -> Counts:
    """Count lines of text in a language: a line with any code is code, else comment or blank."""
    total, blank = _lines(text)
    non_blank = total - blank
    stripped = strip_comments(text, lang)
    if stripped is text:
        code = non_blank
    else:
        code = total - blank_lines(stripped, final_newline=text.endswith("\n"))
    out = Counts(
        lines=total,
        code=code,
        comment=non_blank - code,
        blank=total - non_blank,
    )
    if lang.branches:
        out.complexity = sum(stripped.count(tok) for tok in lang.branches)
    if lang.types and any(k in stripped for k in _type_words(lang.types)):
        # declarations are matched after a newline (a literal start the regex engine finds fast)
        lined = "\n" + stripped
        if lang.abstract_types and lang.types[:2] == lang.abstract_types[:2] == _LINE_START:
            # both start at a line: an abstract type is a declaration the second regex also
            # matches where the first did (one match per declaration, not a scan of the file)
            starts = [m.start() for m in compiled(lang.types).finditer(lined)]
            out.types = len(starts)
            abstract = compiled(lang.abstract_types)
            out.abstract_types = sum(1 for at in starts if abstract.match(lined, at))
        else:
            out.types = len(compiled(lang.types).findall(lined))
            if lang.abstract_types and out.types:
                found = len(compiled(lang.abstract_types).findall(lined))
                out.abstract_types = min(out.types, found)
    return out
