"""Full-text search helpers: normalised text, query words, index tokens, LIKE patterns, snippets."""

from __future__ import annotations

import re

SNIPPET = 160


def search_text(title: str, text: str) -> str:
    """The lower-cased text an ADR is searched in."""
    return f"{title}\n{text}".casefold()


def words(query: str) -> list[str]:
    """The distinct search words of a query, lower-cased, longest first."""
    seen = {w.casefold() for w in query.replace("\x00", " ").split() if w.strip()}
    return sorted(seen, key=lambda w: (-len(w), w))[:20]


def like_pattern(word: str) -> str:
    """A LIKE pattern matching the word anywhere (with %, _ and \\ escaped)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def snippet(text: str, terms: list[str]) -> str:
    """A short extract of text around the first occurrence of any of the words."""
    folded = text.casefold()
    hits = [i for i in (folded.find(w) for w in terms) if i >= 0]
    start = max(0, min(hits) - SNIPPET // 3) if hits else 0
    piece = " ".join(text[start : start + SNIPPET].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + SNIPPET < len(text) else "")


_TOKEN = re.compile(r"[^\W_]+")


def index_tokens(word: str) -> list[str]:
    """The letters-and-digits runs of a search word, as the full-text indexes split text."""
    return _TOKEN.findall(word.casefold())
