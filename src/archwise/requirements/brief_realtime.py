"""Realtime read from what a feature does: an update pushed to other people as it happens.

"Every other person watching that lot has to see the new price within a second", "announcements
that appear on all members' phones immediately" and "the ops map shows the whole fleet moving
live" never say "realtime". A sentence is realtime when it names an update reaching someone (a
verb), who or what receives it (people or their screens) and how soon (immediately, as it
happens, within a few seconds), from the vocabulary in data/brief_realtime.yaml; a sentence about
one's own page loading is not. A sentence that says nothing needs to be live ("No live features",
"need not update in real time") is read as false.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from archwise.schema import Model

REALTIME_FILE = Path(__file__).parent / "data" / "brief_realtime.yaml"


class RealtimeLexicon(Model):
    """The words that make a sentence state (or rule out) an update pushed as it happens."""

    shows: list[str] = Field(min_length=1, description="verbs of an update reaching someone")
    receivers: list[str] = Field(min_length=1, description="people or screens it reaches")
    immediacy: list[str] = Field(min_length=1, description="how soon: as it happens")
    within: list[str] = Field(min_length=1, description="words before a number of seconds")
    max_seconds: float = Field(gt=0, description="the most seconds still read as immediate")
    own_response: list[str] = Field(
        default_factory=list, description="words of one's own page answering, not a push"
    )
    negated: list[str] = Field(
        default_factory=list, description="regular expressions: nothing needs to be live"
    )
    deny: list[str] = Field(default_factory=list, description="words that deny what follows")
    live_words: list[str] = Field(default_factory=list, description="words of being live")
    denied_after: list[str] = Field(
        default_factory=list, description="words after being live that rule it out"
    )
    deny_gap_words: int = Field(4, ge=0, le=8, description="words allowed in between")
    asked: list[str] = Field(default_factory=list, description="words of an indirect question")
    self_updating: list[str] = Field(
        default_factory=list, description="regular expressions: updates without anyone acting"
    )
    crowd_at_once: list[str] = Field(
        default_factory=list, description="regular expressions: a crowd before 'at once'"
    )
    live_things: list[str] = Field(
        default_factory=list, description="what 'live' before it makes realtime"
    )
    batch_period: list[str] = Field(
        default_factory=list, description="regular expressions: a period of an hour or more"
    )


@dataclass(frozen=True)
class RealtimeHit:
    """A sentence that states or rules out realtime."""

    value: bool
    start: int
    end: int
    note: str
    sentence: tuple[int, int]


def phrase_pattern(words: list[str]) -> str:
    """Phrases as one alternation on word boundaries: a trailing * any ending, a * any word."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        body = r"\s+".join(
            r"[\w'-]+" if w == "*" else re.escape(w) for w in word.rstrip("*").split()
        )
        tail = r"[\w'-]{0,12}" if word.endswith("*") else ""
        if word.endswith(" *"):  # "as they are *": any one word after the phrase
            tail = r"\s+[\w'-]+"
        end = r"(?![\w'])" if (word.endswith("*") or word[-1:].isalnum()) else ""
        parts.append(r"(?<![\w'])" + body + tail + end)
    return "|".join(parts)


@dataclass(frozen=True)
class _Compiled:
    shows: re.Pattern[str]
    receivers: re.Pattern[str]
    immediacy: re.Pattern[str]
    seconds: re.Pattern[str]
    own: re.Pattern[str] | None
    negated: re.Pattern[str] | None
    max_seconds: float
    denied: re.Pattern[str] | None
    asked: re.Pattern[str] | None
    self_updating: re.Pattern[str] | None
    crowd: re.Pattern[str] | None
    live_thing: re.Pattern[str] | None
    batch: re.Pattern[str] | None


# "live" is immediacy after what moves or is seen ("moving live", "follow scores live"), not a
# launch ("go live", "must be live by June", "live in 3 months")
_LAUNCH = re.compile(
    r"(?:\b(?:go|goes|going|went|gone|be|is|are|was|were|been|being|get|gets|went)\s+live\b"
    r"|\blive\s+(?:by|in|before|on|from|at|for|next|this|when|after|until|with|within)\b"
    r"|\bgo-live\b|\blive\s+(?:date|launch)\b)",
    re.IGNORECASE,
)
# "we don't go live until June" is a launch; "does not need to be live on the website" is not
_LAUNCH_DENIED = re.compile(
    r"\b(?:go|goes|going|went|gone)\s+live\b|\bgo-live\b"
    r"|\blive\s+(?:by|in|before|from|until|till|next|this|when|after|on\s+(?:\d|the\s+\d))\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = r"(?:\d{1,2}(?:[.,]\d)?|one|two|three|four|five|six|seven|eight|nine|ten|a|a\s+few)"
# a line that opens with a bracketed stamp ("[01/12/26 08.31] Budi:", "[00:02:33]") is a message
# of its own in a chat or a transcript
_SENTENCE = re.compile(
    r"(?<=[.!?;])\s+|\n[ \t]*\n|\n(?=[ \t]*(?:[-*•→]|\d{1,2}[.)]|\(\w\)|[A-Z]\w*\d|\[\d))"
)


@functools.cache
def _compiled() -> _Compiled:
    from archwise.kb.loader import read_valid

    lex = read_valid(REALTIME_FILE, RealtimeLexicon, "brief realtime")[0]
    within = phrase_pattern(lex.within)
    seconds = (
        rf"(?:{within})\s+(?:about\s+|around\s+|~\s*)?(?P<n>{_NUMBER_WORDS})\s*"
        r"(?:s|secs?|seconds?)\b"
    )
    return _Compiled(
        shows=re.compile(phrase_pattern(lex.shows), re.IGNORECASE),
        receivers=re.compile(phrase_pattern(lex.receivers), re.IGNORECASE),
        immediacy=re.compile(phrase_pattern(lex.immediacy), re.IGNORECASE),
        seconds=re.compile(seconds, re.IGNORECASE),
        own=re.compile(phrase_pattern(lex.own_response), re.IGNORECASE)
        if lex.own_response
        else None,
        negated=re.compile("|".join(lex.negated), re.IGNORECASE) if lex.negated else None,
        max_seconds=lex.max_seconds,
        denied=_denied(lex),
        asked=re.compile(phrase_pattern(lex.asked), re.IGNORECASE) if lex.asked else None,
        self_updating=_any_of(lex.self_updating),
        crowd=_any_of(lex.crowd_at_once),
        live_thing=re.compile(
            rf"(?<![\w'])live\s+(?:{phrase_pattern(lex.live_things)})", re.IGNORECASE
        )
        if lex.live_things
        else None,
        batch=_any_of(lex.batch_period),
    )


def _any_of(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def _denied(lex: RealtimeLexicon) -> re.Pattern[str] | None:
    """A denial and a word of being live within a few words, either way round."""
    if not lex.live_words or not (lex.deny or lex.denied_after):
        return None
    gap = rf"(?:\s+[\w'’-]+){{0,{lex.deny_gap_words}}}?\s+"
    live = rf"(?P<live>{phrase_pattern(lex.live_words)})"
    parts = []
    if lex.deny:
        # "not only live scores", "not everything needs to be live", "nothing else needs to be
        # realtime": a denial that turns back, or that leaves out what was said to be live
        parts.append(
            rf"(?:{phrase_pattern(lex.deny)})(?!\s+(?:only|just|everything|all|else)\b){gap}{live}"
        )
    if lex.denied_after:
        parts.append(
            rf"{live.replace('?P<live>', '?P<live2>')}{gap}(?:{phrase_pattern(lex.denied_after)})"
        )
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


_CLAUSE = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\bbut\b", re.IGNORECASE)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for m in _CLAUSE.finditer(sentence):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(sentence)))
    return [(a, b) for a, b in spans if b > a]


def _denial(c: _Compiled, sentence: str) -> re.Match[str] | None:
    """A clause that says something need not be live (a launch 'go live' is not one)."""
    if c.denied is None:
        return None
    for a, b in _clauses(sentence):
        for m in c.denied.finditer(sentence, a, b):
            word = m.group("live") or m.group("live2") or ""
            at = m.start("live") if m.group("live") else m.start("live2")
            if word.lower() == "live" and _LAUNCH_DENIED.search(
                sentence, max(0, at - 12), min(len(sentence), at + 16)
            ):
                continue  # "we don't go live until June": a launch
            return m
    return None


def _own_clause(own: re.Pattern[str], receivers: re.Pattern[str], sentence: str, at: int) -> bool:
    """Whether the clause of the update's verb is about one's own page answering.

    "passenger opens app, says where, and the booking goes ... push to the phone of the driver
    instantly": the opening is another clause than the push.
    """
    a, b = next(((a, b) for a, b in _clauses(sentence) if a <= at < b), (0, len(sentence)))
    taken = [m.span() for m in receivers.finditer(sentence, a, b)]
    # "open" inside "every open page" names who receives it, not a page opening, as "results"
    # does in "the results boards"
    return any(
        not any(x <= m.start() < y or 0 <= x - m.end() <= 1 for x, y in taken)
        for m in own.finditer(sentence, a, b)
    )


def asked_before(text: str, pos: int) -> bool:
    """Whether the sentence holding a position reports a question up to it ('asked whether')."""
    c = _compiled()
    if c.asked is None:
        return False
    for a, b in sentences(text):
        if a <= pos < b:
            return bool(c.asked.search(text, a, pos))
    return False


_WORD_SECONDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a": 1,
}  # fmt: skip


def _seconds(word: str) -> float:
    word = re.sub(r"\s+", " ", word.lower())
    if word == "a few":
        return 3.0
    if word in _WORD_SECONDS:
        return float(_WORD_SECONDS[word])
    return float(word.replace(",", "."))


def _immediate(c: _Compiled, sentence: str) -> re.Match[str] | None:
    for m in c.immediacy.finditer(sentence):
        word = re.sub(r"\s+", " ", m.group(0).lower())
        if word == "live" and _LAUNCH.search(
            sentence, max(0, m.start() - 12), min(len(sentence), m.end() + 12)
        ):
            continue
        if word == "at once" and c.crowd and c.crowd.search(sentence, 0, m.start()):
            continue  # "everyone bids at once": a crowd, a spike of load
        return m
    if c.self_updating:
        found = c.self_updating.search(sentence)
        if found:
            return found
    for m in c.seconds.finditer(sentence):
        if _seconds(m.group("n")) <= c.max_seconds:
            return m
    return None


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences and bullets of a text (wrapped lines stay in their sentence)."""
    spans, at = [], 0
    for m in _SENTENCE.finditer(text):
        if m.start() > at:
            spans.append((at, m.start()))
        at = m.end()
    if at < len(text):
        spans.append((at, len(text)))
    return spans


def realtime_hits(text: str) -> list[RealtimeHit]:
    """Sentences that say an update reaches others as it happens, or that nothing must be live."""
    c = _compiled()
    out: list[RealtimeHit] = []
    for a, b in sentences(text):
        sentence = text[a:b]
        negated = c.negated.search(sentence) if c.negated else None
        if not negated:
            negated = _denial(c, sentence)
        if negated:
            out.append(
                RealtimeHit(
                    False,
                    a + negated.start(),
                    a + negated.end(),
                    "nothing needs to be live",
                    (a, b),
                )
            )
            continue
        thing = c.live_thing.search(sentence) if c.live_thing else None
        if thing and not _LAUNCH.search(
            sentence, max(0, thing.start() - 12), min(len(sentence), thing.start() + 16)
        ):
            out.append(
                RealtimeHit(
                    True,
                    a + thing.start(),
                    a + thing.end(),
                    f"{thing.group(0).strip()!r} is shown as it happens: realtime",
                    (a, b),
                )
            )
            continue
        shown = c.shows.search(sentence)
        if not shown or not c.receivers.search(sentence):
            continue
        soon = _immediate(c, sentence)
        if soon is None:
            continue
        # the words of how soon ("as results are declared") are no page answering
        rest = sentence[: soon.start()] + " " * (soon.end() - soon.start()) + sentence[soon.end() :]
        if c.own and _own_clause(c.own, c.receivers, rest, shown.start()):
            continue  # "the summary page loads in under 1.5 s": one's own page answering
        if c.batch and c.batch.search(sentence):
            continue  # "the dashboard updates automatically every night": a batch
        lo, hi = min(shown.start(), soon.start()), max(shown.end(), soon.end())
        out.append(
            RealtimeHit(
                True,
                a + lo,
                a + hi,
                f"an update reaches others {soon.group(0).strip()!r}: realtime",
                (a, b),
            )
        )
    return out
