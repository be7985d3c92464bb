"""Status words: what a record's status text means on the lifecycle, through a vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

LIFECYCLE: tuple[str, ...] = ("proposed", "accepted", "rejected", "deprecated", "superseded")
# The lifecycle words and the spelling adr-tools used for years; projects add their own words.
DEFAULT_VOCABULARY: dict[str, str] = {word: word for word in LIFECYCLE} | {
    "superceded": "superseded"
}
SUPERSEDED_BY = ("superseded by", "superceded by")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKUP = re.compile(r"[*_`~]+")
LEADING_JUNK = re.compile(r"^[^\w]+")
CLAUSE_END = re.compile(r"[.;,:(\[]|\s[-–—]\s")
WORD = re.compile(r"[^\W\d_][\w'-]*|\d+")
MAX_PHRASE_WORDS = 4


def normalise(status: str) -> str:
    """Status text lower-cased, without Markdown markup, links reduced to their text."""
    text = MD_LINK.sub(r"\1", status)
    text = MARKUP.sub("", text)
    text = LEADING_JUNK.sub("", text)
    return " ".join(text.lower().split())


def vocabulary(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The default vocabulary with a project's own words (normalised) added."""
    vocab = dict(DEFAULT_VOCABULARY)
    for word, canonical in (extra or {}).items():
        vocab[normalise(word)] = canonical
    return vocab


def state(
    status: str | None, link_kinds: Iterable[str] = (), vocab: Mapping[str, str] | None = None
) -> str | None:
    """The canonical status of a record, or its status's first clause when no word is known.

    The longest run of leading words found in the vocabulary wins, so `Accepted, see [notes](x)`
    is accepted and `Partly superseded` is not superseded.
    """
    words = vocab if vocab is not None else DEFAULT_VOCABULARY
    if status:
        text = normalise(status)
        if text in words:
            return words[text]
        tokens = WORD.findall(text)
        listed = "|" in text or "/" in text or text.count(",") > 1
        if listed and len({t for t in tokens if t in words}) > 1:
            # A template's choice left in place: `[proposed | accepted | rejected]`.
            return text
        for n in range(min(MAX_PHRASE_WORDS, len(tokens)), 0, -1):
            phrase = " ".join(tokens[:n])
            if phrase in words and text.startswith(phrase):
                return words[phrase]
        first = CLAUSE_END.split(text, maxsplit=1)[0].strip()
        return first or text or None
    if any(kind.lower().startswith(SUPERSEDED_BY) for kind in link_kinds):
        return "superseded"
    return None
