"""Countries and groups of countries as people write them: names, official forms, demonyms, codes.

The gazetteer (data/places.yaml) covers every ISO 3166-1 country and territory, so a residency
rule reads "must remain in Kenya", "on Swiss servers", "within the Kingdom of Saudi Arabia" or
"kept in NZ" without a list of the countries some brief happened to name.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from pydantic import Field

from archwise.schema import Model

PLACES_FILE = Path(__file__).parent / "data" / "places.yaml"
# "the Kingdom of Saudi Arabia", "the Federal Republic of Germany": an official form before a name
OFFICIAL = (
    r"(?:(?:(?:Federal|Democratic|Islamic|Arab|United|People's|Socialist|Hashemite|Plurinational"
    r"|Bolivarian|Independent)\s+)?(?:Kingdom|Republic|Commonwealth|State|Sultanate|Emirate"
    r"|Principality|Grand\s+Duchy|Confederation|Federation)\s+of\s+(?:the\s+)?)"
)


class Place(Model):
    """A country, territory or group of countries and the words that name it."""

    code: str = Field(pattern=r"^[a-z]{2,5}$", description="the value written to the field")
    names: list[str] = Field(min_length=1, description="names, lower-case")
    demonyms: list[str] = Field(default_factory=list, description="'swiss', 'canadian'")
    codes: list[str] = Field(
        default_factory=list, description="the code written alone, matched in upper case only"
    )
    group: bool = Field(False, description="a group of countries (the EU, APAC), not one")


@functools.cache
def places() -> tuple[Place, ...]:
    """The validated entries of data/places.yaml."""
    from archwise.kb.loader import read_valid

    return read_valid(PLACES_FILE, Place, "places")


@functools.cache
def group_codes() -> frozenset[str]:
    """The codes of groups of countries ('eu', 'apac', 'latam')."""
    return frozenset(p.code for p in places() if p.group)


def region_codes() -> dict[str, str]:
    """Every name, demonym and upper-case code (lower-cased) -> the field's value."""
    out: dict[str, str] = {}
    for place in places():
        for word in (*place.names, *place.demonyms, *place.codes):
            out.setdefault(word.lower(), place.code)
    return out


def _trie(words: list[str]) -> str:
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root) or r"(?!x)x"


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(child)
        for ch, child in node.items()
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@functools.cache
def names_pattern() -> str:
    """Names of places (with an official form before them) or their upper-case codes."""
    names = [n.lower() for p in places() for n in p.names]
    codes = [c for p in places() for c in p.codes]
    return (
        rf"(?:(?<![\w]){OFFICIAL}?(?:{_trie(names)})(?![\w])"
        rf"|(?-i:(?<![\w])(?:{'|'.join(sorted(codes, key=len, reverse=True))})(?![\w])))"
    )


@functools.cache
def adjectives_pattern() -> str:
    """What can stand before 'servers' or 'soil': demonyms, names and codes ('Swiss', 'UK')."""
    words = [w.lower() for p in places() for w in (*p.names, *p.demonyms)]
    codes = [c for p in places() for c in p.codes]
    return (
        rf"(?:(?<![\w-])(?:{_trie(words)})(?![\w])"
        rf"|(?-i:(?<![\w-])(?:{'|'.join(sorted(codes, key=len, reverse=True))})(?![\w])))"
    )


@functools.cache
def _finder() -> re.Pattern[str]:
    words = [w.lower() for p in places() for w in (*p.names, *p.demonyms)]
    codes = [c for p in places() for c in p.codes]
    return re.compile(
        rf"(?<![\w])(?P<w>{_trie(words)})(?![\w])"
        rf"|(?-i:(?<![\w])(?P<c>{'|'.join(sorted(codes, key=len, reverse=True))})(?![\w]))",
        re.IGNORECASE,
    )


def codes_in(text: str) -> list[str]:
    """The places a stretch of text names, in order, each once ('Ireland or the EU': ie, eu)."""
    table = region_codes()
    out: list[str] = []
    for m in _finder().finditer(text):
        code = table.get(re.sub(r"\s+", " ", m.group(0).lower()))
        if code and code not in out:
            out.append(code)
    return out


def last_named(text: str) -> tuple[str, str] | None:
    """The last place a stretch of text names, and how it was written."""
    found = list(_finder().finditer(text))
    if not found:
        return None
    word = found[-1].group(0)
    code = region_codes().get(re.sub(r"\s+", " ", word.lower()))
    return (code, word) if code else None
