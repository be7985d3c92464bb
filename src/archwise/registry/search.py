"""Full-text search helpers: normalised text, query words, index tokens, LIKE patterns, snippets."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence

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


class TextIndex:
    """Word-prefix search over texts held in memory, matching as the registry's indexes do.

    Each token maps to the set of texts holding it as a bit set (a Python int), so a query is a
    few big-integer ORs and ANDs instead of a scan of every text.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = [t.casefold() for t in texts]
        holders: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts):
            for tok in set(_TOKEN.findall(text)):
                holders.setdefault(tok, []).append(i)
        self._vocab = sorted(holders)
        self._sets = {tok: bitset(ids) for tok, ids in holders.items()}
        self.everything = (1 << len(self.texts)) - 1
        self._prefixes: dict[str, int] = {}

    def prefix(self, token: str) -> int:
        """The texts holding a token that starts with `token`."""
        found = self._prefixes.get(token)
        if found is None:
            found, vocab = 0, self._vocab
            at = bisect.bisect_left(vocab, token)
            while at < len(vocab) and vocab[at].startswith(token):
                found |= self._sets[vocab[at]]
                at += 1
            if len(self._prefixes) > 4096:
                self._prefixes.clear()
            self._prefixes[token] = found
        return found

    @staticmethod
    def set_of(ids: Iterable[int]) -> int:
        """Positions of texts as a bit set."""
        return bitset(ids)

    def members(self, found: int, offset: int = 0, limit: int | None = None) -> list[int]:
        """The positions of the texts in a bit set, in order, from offset, at most limit."""
        return members(found, offset, limit)

    def match(self, query: str, within: int | None = None) -> int:
        """The texts (a bit set) holding every word of the query, within a set when given.

        A plain word matches the start of a word; one with other characters (event-driven,
        100%) is looked up by its parts, then checked as written.
        """
        found = self.everything if within is None else within
        checked = []
        for word in words(query):
            tokens = index_tokens(word)
            for tok in tokens:
                found &= self.prefix(tok)
            if tokens != [word]:
                checked.append(word)
        if checked and found:
            found = bitset(i for i in members(found) if all(w in self.texts[i] for w in checked))
        return found


def bitset(ids: Iterable[int]) -> int:
    """A set of small non-negative integers as the bits of one int."""
    ids = list(ids)
    if not ids:
        return 0
    packed = bytearray(max(ids) // 8 + 1)
    for i in ids:
        packed[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(packed, "little")


_ONE = re.compile("1")


def members(found: int, offset: int = 0, limit: int | None = None) -> list[int]:
    """The members of a bit set in increasing order, from offset, at most limit of them."""
    bits = format(found, "b")[::-1]
    hits = (m.start() for m in _ONE.finditer(bits))
    return list(itertools.islice(hits, offset, None if limit is None else offset + limit))
