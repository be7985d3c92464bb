"""Consistency read from what a brief forbids or tolerates, when it never names consistency.

"The same slot can't go to two people", "stock count has to be exact" and "overbooking must
never happen" ask for strong consistency; "if the map is some minutes behind it is fine" and
"no need for the standings to be exact" settle for eventual. A sentence is read from the
vocabulary in data/brief_consistency.yaml: a word that forbids followed closely by a second
holder, a counted thing said to be exact, a double booking ruled out, or a lag said to be fine.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from archwise.requirements.brief_realtime import phrase_pattern, sentences
from archwise.schema import Model

CONSISTENCY_FILE = Path(__file__).parent / "data" / "brief_consistency.yaml"


class ConsistencyLexicon(Model):
    """The words that make a sentence ask for strong consistency or settle for eventual."""

    never: list[str] = Field(min_length=1, description="words that forbid")
    twice: list[str] = Field(min_length=1, description="words of a second holder")
    max_gap_words: int = Field(ge=0, le=8, description="words allowed between the two")
    counted: list[str] = Field(min_length=1, description="things that are counted")
    exact: list[str] = Field(min_length=1, description="regular expressions: is exact")
    ruled_out_after: list[str] = Field(
        default_factory=list, description="regular expressions: a double booking ruled out"
    )
    eventual_said: list[str] = Field(
        default_factory=list, description="regular expressions: eventual is enough"
    )
    lag: list[str] = Field(min_length=1, description="words of data being behind")
    fine: list[str] = Field(min_length=1, description="words that accept it")


@dataclass(frozen=True)
class ConsistencyHit:
    """A sentence that asks for strong consistency or settles for eventual."""

    value: str
    start: int
    end: int
    note: str
    sentence: tuple[int, int]


@dataclass(frozen=True)
class _Compiled:
    once: re.Pattern[str]
    counted: re.Pattern[str]
    exact: re.Pattern[str]
    ruled_out: re.Pattern[str] | None
    eventual: re.Pattern[str] | None
    lag: re.Pattern[str]
    fine: re.Pattern[str]


def _either(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@functools.cache
def _compiled() -> _Compiled:
    from archwise.kb.loader import read_valid

    lex = read_valid(CONSISTENCY_FILE, ConsistencyLexicon, "brief consistency")[0]
    gap = rf"(?:\s+[\w'’-]+){{0,{lex.max_gap_words}}}?\s+"
    once = rf"(?:{phrase_pattern(lex.never)}){gap}(?:{phrase_pattern(lex.twice)})"
    exact = _either(lex.exact)
    assert exact is not None  # min_length=1
    return _Compiled(
        once=re.compile(once, re.IGNORECASE),
        counted=re.compile(phrase_pattern(lex.counted), re.IGNORECASE),
        exact=exact,
        ruled_out=_either(lex.ruled_out_after),
        eventual=_either(lex.eventual_said),
        lag=re.compile(phrase_pattern(lex.lag), re.IGNORECASE),
        fine=re.compile(phrase_pattern(lex.fine), re.IGNORECASE),
    )


def consistency_hits(text: str) -> list[ConsistencyHit]:
    """Sentences that forbid a unit going to two holders, or accept data being behind."""
    c = _compiled()
    out: list[ConsistencyHit] = []
    for a, b in sentences(text):
        sentence = text[a:b]
        said = c.eventual.search(sentence) if c.eventual else None
        if said:
            out.append(_hit("eventual", a, said, "eventual is said to be enough", (a, b)))
            continue
        found = c.once.search(sentence)
        if found:
            out.append(_hit("strong", a, found, "a unit may not go to two holders", (a, b)))
            continue
        found = c.ruled_out.search(sentence) if c.ruled_out else None
        if found:
            out.append(_hit("strong", a, found, "a double booking is ruled out", (a, b)))
            continue
        exact = c.exact.search(sentence)
        if exact and c.counted.search(sentence):
            out.append(_hit("strong", a, exact, "a count must be exact", (a, b)))
            continue
        lag = c.lag.search(sentence)
        fine = c.fine.search(sentence) if lag else None
        if lag and fine:
            lo, hi = min(lag.start(), fine.start()), max(lag.end(), fine.end())
            phrase = sentence[lo:hi]
            if len(phrase) <= 120:
                out.append(
                    ConsistencyHit(
                        "eventual", a + lo, a + hi, "data behind is said to be fine", (a, b)
                    )
                )
    return out


def _hit(
    value: str, at: int, m: re.Match[str], why: str, sentence: tuple[int, int]
) -> ConsistencyHit:
    return ConsistencyHit(value, at + m.start(), at + m.end(), f"{why}: {value}", sentence)
