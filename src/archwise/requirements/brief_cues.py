"""Numbers bound to fields by the cue words around them, for what no phrase rule read.

A brief says "Registered citizens | up to 3.5 million" in a table, "Daily around 60 thousand
customers are logging in", or answers "Q: Uptime?" with "99.9 percent". The phrase rules of
brief_rules miss what they were not written for; this pass reads every number that no rule used,
with its unit (a count, a rate per second, a duration, a percentage, a size, an amount of money),
and binds it to the field whose cue word (data/brief_cues.yaml) stands nearest in the same clause,
or else in the question or heading the clause answers. A clause about the past, a hypothetical or
a negation ("used to handle", "if we ever", "do not need") gives nothing. Every value keeps the
phrase from its cue to its number, and says it was read from a cue.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from archwise.regex_store import compiled
from archwise.requirements import brief_rules as rules
from archwise.requirements.quantities import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    QUANTITY,
    SECONDS_PER_UNIT,
    currency_note,
    parse_quantity,
    significant_digits,
    whole,
)
from archwise.schema import Model

CUES_FILE = Path(__file__).parent / "data" / "brief_cues.yaml"
Kind = Literal["count", "rate", "duration", "percent", "size", "money"]


class Cue(Model):
    """Cue words that bind a number of one kind to one field."""

    field: str = Field(description="dotted requirements field the number goes to")
    kind: Kind
    cues: list[str] = Field(min_length=1, description="phrases; a trailing * matches any ending")
    unless: list[str] = Field(default_factory=list, description="phrases that rule the field out")
    noun: bool = Field(False, description="the cue must name what the number counts")
    unit: Literal["ms", "minutes", "days"] | None = None
    min: float | None = None
    max: float | None = None
    note: str | None = None
    per: Literal["day"] | None = Field(
        None, description="a count stated per this period is one ('600 use it every day')"
    )
    fallback: bool = Field(
        False, description="used for a number only when no other entry's cue binds it"
    )
    scope: Literal["near", "clause"] = Field(
        "near", description="near: the nearest cue wins; clause: a cue anywhere in the clause"
    )
    unless_scope: Literal["near", "after", "clause"] = Field(
        "near",
        description="near: the words in `unless` rule the field out next to the number only; "
        "after: also anywhere after it in its clause with no other number between ('700 "
        "drivers are expected to use the System simultaneously' is no total); clause: anywhere "
        "in its clause ('deleted accounts are purged after 30 days' is no retention)",
    )
    horizon: bool = Field(
        False,
        description="only in a clause, or under a label, that names a horizon ('Target in 2 "
        "year: ... online same time maybe 5.000')",
    )
    counts_not: list[str] = Field(
        default_factory=list,
        description="nouns that, right after a count, say it counts something else "
        "('2,600 broker firms', '310 homes connected')",
    )

    @field_validator("field")
    @classmethod
    def _known_field(cls, value: str) -> str:
        from archwise.requirements.schema import field_specs

        if value not in field_specs():
            raise ValueError(f"unknown requirements field {value!r}")
        return value


@dataclass(frozen=True)
class Bound:
    """A number bound to a field by a cue."""

    field: str
    value: float | int
    start: int
    end: int
    note: str
    digits: int


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in phrase.rstrip("*").split())
        tail = r"[\w-]{0,12}" if phrase.endswith("*") else ""
        lead = r"(?<![A-Za-z0-9])" if phrase[:1].isalnum() else ""
        end = r"(?![A-Za-z0-9])" if (phrase.endswith("*") or phrase[-1:].isalnum()) else ""
        parts.append(lead + body + tail + end)
    return compiled("|".join(parts), re.IGNORECASE)


@dataclass(frozen=True)
class _Entry:
    cue: Cue
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None


@functools.cache
def lexicon() -> tuple[_Entry, ...]:
    """The validated cue entries of data/brief_cues.yaml, in file order."""
    from archwise.kb.loader import read_valid

    entries = []
    for doc in read_valid(CUES_FILE, Cue, "brief cues"):
        pattern = _phrase_pattern(doc.cues)
        assert pattern is not None
        entries.append(_Entry(doc, pattern, _phrase_pattern(doc.unless)))
    return tuple(entries)


@functools.cache
def _counts_not(field: str) -> re.Pattern[str] | None:
    nouns = [n for e in lexicon() if e.cue.field == field for n in e.cue.counts_not]
    return _phrase_pattern(nouns)


# the words right after a count that name what it counts: "2,600 registered broker firms",
# "| fridges + reefer trucks" (a table's next cell)
_COUNTED = re.compile(r"[ \t]*\|?[ \t]*((?:[A-Za-z-]{2,20}[ \t]{1,3}){0,2}[A-Za-z-]{2,20})")


# a noun of an act or a thing by its ending: "collections", "inspections", "appointments",
# "bookings", "attendances" are no people, whatever the lexicon lists
# (sessions, connections, subscriptions and registrations stand for the people who hold them)
_THING_ENDING = re.compile(
    r"\b(?!(?:sessions|connections|subscriptions|registrations)\b)[A-Za-z-]{2,20}"
    r"(?:tion|sion|ment|ance|ence|ing)s\b",
    re.IGNORECASE,
)


# people named first after a count are what it counts, whatever follows: "90 customers placing
# orders at the same time" counts customers, not orders
_PEOPLE_FIRST = re.compile(
    r"[ \t]*(?:users|people|persons|customers|members|visitors|students|pupils|patients|players"
    r"|drivers|riders|clients|subscribers|employees|workers|agents|buyers|shoppers|guests|citizens"
    r"|residents|tenants|learners|parents|teachers|fans|viewers|listeners|readers|volunteers"
    r"|nurses|doctors|technicians|operators|traders|owners|farmers|growers)\b"
    r"(?![ \t]*(?:'|’|\bof\b))",
    re.IGNORECASE,
)


def counts_other(field: str, text: str, end: int) -> bool:
    """Whether the words right after a count at end say it counts no thing the field counts."""
    pattern = _counts_not(field)
    if pattern is None:
        return False
    if field.startswith("non_functional.users.") and _PEOPLE_FIRST.match(text, end):
        return False
    words = _COUNTED.match(text, end)
    if words and field.startswith("non_functional.users.") and _THING_ENDING.search(words.group(1)):
        return True
    return bool(words and pattern.search(words.group(1)))


@functools.cache
def cue_pattern(field: str) -> re.Pattern[str]:
    """The cue words of a field's entries that need no noun after the number, as one pattern."""
    cues = [c for e in lexicon() if e.cue.field == field and not e.cue.noun for c in e.cue.cues]
    pattern = _phrase_pattern(cues)
    return pattern if pattern is not None else re.compile(r"(?!x)x")


# the rule pass's unit tables, keyed by the spellings the quantity pattern below captures
_TIME_UNITS = {
    **{u: ("ms", float(f)) for u, f in rules.MS_UNITS.items()},
    "second": ("ms", 1000.0),
    **{
        u: ("minutes", float(rules.MINUTE_UNITS[base]))
        for u, base in (("min", "minute"), ("minute", "minute"), ("h", "hour"), ("hr", "hour"))
    },
    "hour": ("minutes", float(rules.MINUTE_UNITS["hour"])),
    **{
        u: ("days", float(rules.DAY_UNITS[base]))
        for u, base in (("yr", "year"), *((d, d) for d in rules.DAY_UNITS))
    },
}
_MS = {"ms": 1.0, "minutes": 60_000.0, "days": 86_400_000.0}
_SIZES = {unit[0]: float(f) for unit, f in rules.SIZE_UNITS.items()}
_MONTH = 30.4375  # days in a month, as the timeline rules count
_PER_WORD = r"(?:per[ \t]{1,3}|/[ \t]{0,3}|(?:a|an|each|every)[ \t]{1,3})"
_QUANTITY = compiled(
    # a currency before the amount: a sign or a code ("NOK 4 000", "CHF 2'400", rand's "R32 000")
    r"(?P<cur>A\$|AU\$|NZ\$|C\$|CA\$|S\$|HK\$|US\$|R\$|\$|€|£|¥|₽|₦|₫|₹|(?-i:CHF|SEK|NOK|DKK|ISK|JPY"
    r"|BRL|PLN|INR|EUR|GBP|USD)\b|zł|Kč|(?<![A-Za-z])(?-i:R)(?=\d)|"
    + CURRENCY_BEFORE
    + r")?[ \t]{0,2}"
    rf"(?P<q>{QUANTITY})"
    # "fifteen (15) minutes", "five (5) years": the figure repeated in brackets
    r"(?:[ \t]{0,2}\([ \t]?\d{1,4}[ \t]?\))?"
    r"(?:[ \t]{0,3}(?P<unit>%|percent\b|per[ \t]?cent\b"
    r"|(?P<size>[MGTP])B\b|(?:mega|giga|tera|peta)bytes?\b|(?:gig|tera|meg)s?\b"
    r"|(?P<time>ms|msec|milliseconds?|s|secs?|seconds?|minutes?|mins?|hours?|hrs?|h|days?"
    r"|weeks?|months?|years?|yrs?|quarters?)(?![\w/])"
    r"|(?P<money>USD|dollars|bucks|EUR|euros?|GBP|pounds|yen|JPY|r[ou]{1,2}bles?|RUB|naira|NGN"
    r"|VND|dong)\b|" + CURRENCY_AFTER + r"))?"
    r"(?P<half>[ \t]{1,3}and[ \t]{1,3}a[ \t]{1,3}half\b)?"
    rf"(?P<rate>[ \t]{{0,3}}(?P<noun>(?:[A-Za-z-]{{2,15}}[ \t]{{1,3}}){{0,2}}?[A-Za-z-]{{2,15}})?"
    rf"[ \t]{{0,3}}{_PER_WORD}(?P<per>second|sec|s|minute|min|hour|hr|h|day|d)\b)?",
    re.IGNORECASE,
)
# a clause about the past, a hypothetical or a negation states no requirement
MOOT = re.compile(
    r"\b(?:used\s+to|previously|formerly|in\s+the\s+past"
    r"|if\s+we\s+ever|if\s+we\s+(?:get|reach|grow)|would\s+(?:need|have)|fell\s+over"
    r"|topped\s+out|tops\s+out|maxe[sd]\s+out|(?:do|does|did)\s+not\s+need|(?:don't|doesn't|didn't)\s+need"
    r"|not\s+(?:needed|required|necessary)|no\s+need|was\s+mentioned|were\s+mentioned"
    r"|competitors?|waiting\s+list|wait\s*list|(?:product|vendor|platform|they|it)\s+claims?"
    r"|(?:vendor|supplier|provider)\s+(?:reports?|says|states)"
    r"|claimed\s+to|their\s+(?:product|platform|system|service|tool|app|vendor))\b",
    re.IGNORECASE,
)
_REPEATED = re.compile(r"^[ \t]{0,2}\([ \t]?\d{1,4}[ \t]?\)")
_PAREN = re.compile(r"\([^()\n]{0,200}\)")


def moot_parts(text: str, a: int, b: int) -> tuple[bool, list[tuple[int, int]]]:
    """Whether a stretch is moot as a whole, and the bracketed asides in it that are.

    "SLA stays at 99.9 (the 99.99 some competitors advertise isn't real)": the aside about
    competitors is moot, the clause around it is not.
    """
    parens = [m.span() for m in _PAREN.finditer(text, a, b)]
    asides: list[tuple[int, int]] = []
    for m in MOOT.finditer(text, a, b):
        inside = next((p for p in parens if p[0] <= m.start() < p[1]), None)
        if inside is None:
            return True, []
        asides.append(inside)
    return False, asides


_CLAUSE_END = re.compile(r"[.!?;](?=\s|$)")
_LINE = re.compile(r"[^\n]*")
_LEAD_LINE = re.compile(r"^\s*(?:#{1,6}\s+.*|(?:Q\s*[:.]|>).*|.*\?\s*\**\s*|[^|:\n]{2,60}:\s*)$")
_LABEL = re.compile(
    r"^\s*(?:[-*+•]\s+)?(?:\*\*)?([A-Za-z][^:\n]{1,60}?)(?:\*\*)?\s*:\s*\S"
    # "Reliability. We promised 99.5%", "Clause 5. Availability. 99.95%": a heading of one to
    # three words run into its paragraph
    r"|^\s*(?:(?:Clause|Section|§)\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
    r"((?-i:[A-Z])[A-Za-z&/-]{2,20}(?:\s[A-Za-z&/-]{2,20}){0,2})\.\s+\S"
)
_CLOCK = re.compile(
    r"\s{0,2}(?:am|pm|a\.m\.|p\.m\.|[:h]\d\d)\b|\s{0,2}(?:-|to)\s{0,2}\d{1,2}\s{0,2}(?:am|pm)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMBERING = re.compile(r"^\s*(?:[A-Z]{1,2}\s?)?\d{1,3}(?:\.\d{1,2})*[.:)]\s")
_NOUN_WINDOW = 40
# a comma or semicolon and a conjunction: the words after it make another statement
_NEW_STATEMENT = re.compile(
    r"[,;]\s*(?:and|but|while|whereas|which|of\s+whom|though|although)\b", re.IGNORECASE
)
# a noun cue, a colon or nothing and a hedge before the number ("buyer logins: about 2,300")
_INLINE_LABEL = re.compile(
    r"\s{0,2}:?\s{0,3}(?:(?:about|around|roughly|approx\.?|approximately|some|circa|ca\.?|~)"
    r"\s{0,3})?",
    re.IGNORECASE,
)
_COUNT_WORDS = re.compile(
    r"(?:\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
    r"|thirty|forty|fifty|hundred|dozen)\b)(?=[ \t]+([A-Za-z-]{2,20}))",
    re.IGNORECASE,
)


def _other_counts(field: str, between: str) -> str:
    """The words between a number and its noun, counts of things the field skips blanked."""
    pattern = _counts_not(field)
    if pattern is None:
        return between
    out = between
    for m in _COUNT_WORDS.finditer(between):
        if pattern.fullmatch(m.group(1)):
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


_UNLESS_WINDOW = 30
_DIGIT = re.compile(r"\d")
_CHANGED_FROM = re.compile(r"\bfrom\s+[~$€£]?[\d.,]+\s*[A-Za-z%/]{0,8}\s+to\s*$", re.IGNORECASE)
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|thousand|dozen)\b",
    re.IGNORECASE,
)
# the period an amount of money is for, in the words after it
_PERIOD = re.compile(
    r"[^.;\n\d]{0,40}?\b(?:(?P<year>(?:a|per|each|every|/)\s*year|annual(?:ly)?|yearly"
    r"|for\s+the\s+(?:whole\s+|entire\s+|full\s+)?year)|(?:a|per|each|every|/)\s*mo(?:nth)?)\b",
    re.IGNORECASE,
)
# "a couple of dozen customers", "a few": too vague to bind without a phrase rule
_VAGUE = re.compile(r"^(?:an?|(?:a\s+)?(?:couple|few|dozen)\b.*)$", re.IGNORECASE)
_NUMBERISH = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|half|couple)\b",
    re.IGNORECASE,
)


_STARTS_LINE = re.compile(
    r"[ \t]*(?:(?=\n|\Z)|[-*+•][ \t]|\d{1,3}[.)/][ \t]|\||#|>|(?:Q|A)\s*[:.]|\*\*"
    r"|(?:Clause|Section|Article|§)[ \t]*\d"
    r"|[\w .'-]{1,30}:[ \t])"
)


# a table row: "| a | b |", or "Label | value" as a CSV brief becomes (brief._csv_as_table)
_ROW = re.compile(r"[ \t]*\||[^|\n]{1,60}\|(?!\|)")


def _logical_lines(text: str) -> list[tuple[int, int]]:
    """Lines with their wrapped continuations joined: a bullet or a sentence over two lines."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        a, b = line.span()
        if a == b and out and out[-1][1] == a and a < len(text):
            continue  # the empty match finditer gives after each line
        previous = text[out[-1][0] : out[-1][1]] if out else ""
        joins = (
            out
            and previous.strip()
            and not _STARTS_LINE.match(text, a)
            and not previous.rstrip().endswith((":", "?"))
            and not previous.lstrip().startswith(("|", "#"))
            and not _ROW.match(previous)
            and not _ROW.match(text, a)
        )
        if joins:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_PAIR_SPLIT = re.compile(r"[ \t]+/[ \t]+")


def _paired(text: str, clause: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """'Data volume today / growth:' answered by '60 GB / about 2 GB per month': pair by place."""
    a, b, la, lb = clause
    if lb <= la:
        return [clause]
    lead_cuts = list(_PAIR_SPLIT.finditer(text, la, lb))
    cuts = list(_PAIR_SPLIT.finditer(text, a, b))
    if not lead_cuts or len(cuts) != len(lead_cuts):
        return [clause]
    lead_parts = list(
        zip([la, *(m.end() for m in lead_cuts)], [*(m.start() for m in lead_cuts), lb], strict=True)
    )
    parts = list(zip([a, *(m.end() for m in cuts)], [*(m.start() for m in cuts), b], strict=True))
    return [(pa, pb, qa, qb) for (pa, pb), (qa, qb) in zip(parts, lead_parts, strict=True)]


def _clauses(text: str) -> list[tuple[int, int, int, int]]:
    """Clauses with their leads; a lead of parallel parts pairs with its answer's parts."""
    return [part for clause in _plain_clauses(text) for part in _paired(text, clause)]


def _plain_clauses(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, lead start, lead end) per clause: a sentence, a bullet or a table row.

    The lead is what a clause answers: the question or heading above it (until the paragraph
    after it ends), the label before a colon ("Uptime: 99.9%"), or the cells of its table row
    without a number ("Registered citizens | up to 3.5 million"); (0, 0) when there is none.
    """
    out: list[tuple[int, int, int, int]] = []
    lead = (0, 0)
    answered = False
    speakers = _speakers(text)
    question = (0, 0)  # the question the previous line of a chat ended with
    for a, b in _logical_lines(text):
        body = text[a:b]
        if not body.strip():
            if answered:
                lead, answered = (0, 0), False
            continue
        said = _SPEAKER.match(body)
        if said is not None and (said.group("nick") or said.group("name")) in speakers:
            # a chat line: the speaker is no label; the line answers the question before it
            own = question
            start = a + said.end()
            for stop in _CLAUSE_END.finditer(body, said.end()):
                out.append((start, a + stop.end(), *own))
                start = a + stop.end()
            if start < b:
                out.append((start, b, *own))
            question = _last_question(text, a + said.end(), b)
            continue
        question = (0, 0)
        if _ROW.match(body):
            cells = [m for m in re.finditer(r"[^|]+", body) if m.group(0).strip()]
            label = [c for c in cells if not re.search(r"\d", c.group(0))] or cells[:1]
            row = (a + label[0].start(), a + label[-1].end()) if label else lead
            out.append((a, b, *row))
            continue
        # "Q1. Number of registered patrons?": a question's own number is no figure
        asked = _NUMBERING.sub("", body.split(":", 1)[-1], count=1)
        if _LEAD_LINE.match(body) and not re.search(r"\d", asked):
            lead, answered = (a, b), False
            continue
        answered = True
        named = _LABEL.match(body)
        group = 1 if named and named.group(1) else 2
        own = (a + named.start(group), a + named.end(group)) if named else lead
        start = a
        for stop in _CLAUSE_END.finditer(body):
            out.append((start, a + stop.end(), *own))
            start = a + stop.end()
        if start < b:
            out.append((start, b, *own))
    return out


# "Olu: 99.9.", "[14:04] <kaz> ...", "**Maja K.** 9:02": who speaks in a chat or transcript
_SPEAKER = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?:<(?P<nick>[\w.-]{1,20})>"
    r"|(?P<name>(?-i:[A-Z])[\w.-]{1,20}(?:[ \t](?-i:[A-Z])[\w.]{0,20})?)[ \t]*"
    r"(?:\([^)\n]{1,30}\))?[ \t]*:)[ \t]+",
    re.IGNORECASE,
)


def _speakers(text: str) -> set[str]:
    """Names that start three lines or more: the speakers of a chat, not labels of fields."""
    counts: dict[str, int] = {}
    for line in _LINE.finditer(text):
        m = _SPEAKER.match(line.group(0))
        if m is not None:
            who = m.group("nick") or m.group("name")
            counts[who] = counts.get(who, 0) + 1
    return {who for who, n in counts.items() if n >= 3}


def _last_question(text: str, a: int, b: int) -> tuple[int, int]:
    """The last sentence of a chat line when it is a question, as the lead of the next line."""
    body = text[a:b].rstrip()
    if not body.endswith("?"):
        return (0, 0)
    stops = [m.end() for m in _CLAUSE_END.finditer(body) if m.end() < len(body)]
    start = stops[-1] if stops else 0
    return (a + start, a + len(body))


_UNIT_PRICE = re.compile(
    r"[ \t]*(?:per|/|each|a|an)[ \t]*(?!(?:month|mo|year|yr|annum|week|day)s?\b)[A-Za-z]{2,15}\b",
    re.IGNORECASE,
)


def _number(match: re.Match[str]) -> float | None:
    try:
        return parse_quantity(match.group("q"))[0]
    except (ValueError, KeyError):
        return None


def _value(
    match: re.Match[str], cue: Cue, number: float, label_per: str | None = None
) -> float | None:
    """The number in the unit of the cue's field, or None when the kinds differ.

    label_per is the period a label before the number names ("Orders per minute (peak) | 600").
    """
    unit = (match.group("unit") or "").lower()
    if match.group("half"):
        number += 0.5
    kind = cue.kind
    if kind == "percent":
        if match.group("rate"):
            return None
        if unit.startswith(("%", "per")):
            return number
        # "uptime: 99.99", "inside those we need 99.95": nines written without the sign
        bare = not unit and "." in match.group("q") and 90 <= number < 100
        return number if bare else None
    if kind == "size":
        months = 1.0
        if match.group("rate"):
            per = (match.group("per") or "").lower()
            # "~2 GB/day of uploads": a daily amount, in a month
            if not cue.field.endswith("per_month") or per[:1] not in {"d", "h"}:
                return None
            months = _MONTH / (1.0 if per[:1] == "d" else 1 / 24)
        letter = (match.group("size") or unit[:1]).lower()
        sized = match.group("size") or "byte" in unit or unit.startswith(("gig", "tera", "meg"))
        return number * _SIZES[letter] * months if sized else None
    if kind == "money":
        if _UNIT_PRICE.match(match.string, match.end()):
            return None  # "$14 per hire": a price of one thing, not a monthly amount
        return number if match.group("cur") or match.group("money") else None
    if kind == "rate":
        per = (match.group("per") or "").lower()
        if not per and not unit and not match.group("cur"):
            per = label_per or ""
        if not per or unit:
            return None
        return number / SECONDS_PER_UNIT[per]
    per = (match.group("per") or "").lower()
    if kind == "count" and match.group("rate") and cue.per is not None and per[:1] == cue.per[0]:
        return None if unit else number
    if match.group("cur") or match.group("money") or match.group("rate"):
        return None
    if kind == "duration":
        time = (match.group("time") or "").lower()
        if not time or match.group("rate"):
            return None
        base = time.rstrip("s") if len(time) > 2 else time
        found = _TIME_UNITS.get(base) or _TIME_UNITS.get(time)
        if found is None or cue.unit is None:
            return None
        scale, factor = found
        return number * factor * _MS[scale] / _MS[cue.unit]
    if unit or match.group("rate"):
        return None
    return number


@dataclass
class _Found:
    """The cue matches of one entry in one clause and its lead, and the words ruling it out."""

    unless: list[tuple[int, int]]
    inside: list[tuple[int, int]]
    lead: tuple[int, int] | None


def _find(entry: _Entry, text: str, clause: tuple[int, int, int, int]) -> _Found:
    a, b, la, lb = clause
    unless = [m.span() for m in entry.unless.finditer(text, a, b)] if entry.unless else []
    inside = [m.span() for m in entry.pattern.finditer(text, a, b)]
    lead = entry.pattern.search(text, la, lb) if lb > la else None
    return _Found(unless, inside, lead.span() if lead else None)


def _nearest(
    entry: _Entry, found: _Found, text: str, span: tuple[int, int], lead: tuple[int, int]
) -> tuple[int, int, int] | None:
    """Distance to the nearest cue of an entry, with the cue's span; None when there is none.

    span is the number's own; the words ruling the entry out count only next to the number
    ("1.5 TB per month" is no size today, though the clause may name a size too).
    """
    for s, e in found.unless:
        if entry.cue.unless_scope == "clause":
            return None
        after = entry.cue.unless_scope == "after" and s >= span[1]
        near = after or (span[0] - _UNLESS_WINDOW <= s and e <= span[1] + _UNLESS_WINDOW)
        gap = text[min(e, span[1]) : max(s, span[0])]
        # "a daily audience of about 7,000 visitors, with peaks of several hundred simultaneous
        # users": the words ruling it out belong to the other number, in digits or words
        if near and not _DIGIT.search(gap) and not (after and _NUMBER_WORD.search(gap)):
            if after and s >= span[1] and _NEW_STATEMENT.search(gap):
                continue  # "48,000 members, and that online banking ...": another statement
            if s < span[0] and "\n" in gap:
                continue  # "... are registered\n And up to 450 of them ...": the line before
            return None
    best: tuple[int, int, int] | None = None
    for s, e in found.inside:
        # a noun cue names what is counted: it follows the number within a few words
        # "buyer logins: about 2,300": or the noun is the label the number follows
        if (
            entry.cue.noun
            and (s < span[1] or s - span[1] > _NOUN_WINDOW)
            and not (e <= span[0] and _INLINE_LABEL.fullmatch(text, e, span[0]))
        ):
            continue
        # "lowered from 400 ms to 150 ms": the old value before 'to' stands in no one's way
        between = _CHANGED_FROM.sub(" ", text[min(e, span[1]) : max(s, span[0])])
        if s >= span[1]:
            between = _REPEATED.sub(" ", between, count=1)  # "fifteen (15) minutes ... lost"
            if entry.cue.noun and entry.cue.counts_not:
                # "260 staff across the three plants have accounts": a count of other things
                # between the number and its noun stands in no one's way
                between = _other_counts(entry.cue.field, between)
        if _DIGIT.search(between) or _NUMBER_WORD.search(between):
            continue  # another number stands nearer to this cue ("eight visits a day")
        distance = 0 if entry.cue.scope == "clause" else max(s - span[1], span[0] - e, 0)
        if best is None or distance < best[0]:
            best = (distance, s, e)
    if best is None and found.lead is not None and not (lead[0] <= span[0] < lead[1]):
        best = (1000, *found.lead)
    return best


def bind(
    text: str, taken: list[tuple[int, int]], known: set[str], this_year: int | None = None
) -> list[Bound]:
    """Numbers no rule used, bound to fields not yet known by the nearest cue word."""
    entries = [e for e in lexicon() if e.cue.field not in known]
    out: list[Bound] = []
    if not entries:
        return out
    taken = _merged(taken)
    starts = [s for s, _ in taken]
    past = past_spans(text, this_year)
    for clause in _clauses(text):
        a, b = clause[0], clause[1]
        if not _NUMBERISH.search(text, a, b):
            continue
        quantities = [m for m in _QUANTITY.finditer(text, a, b) if _usable(m, text, taken, starts)]
        if not quantities:
            continue
        moot, asides = moot_parts(text, a, b)
        if moot or (clause[3] > clause[2] and MOOT.search(text, *clause[2:])):
            continue
        quantities = [m for m in quantities if not any(p <= m.start() < q for p, q in asides)]
        if any(pa <= a < pb for pa, pb in past):
            continue  # a paragraph of history headed by an earlier year
        cache: dict[int, _Found] = {}
        options: list[tuple[int, int, int, _Entry, float, int, int]] = []
        for i, match in enumerate(quantities):
            number = _number(match)
            if number is None:
                continue
            label_per = _label_period(text, clause, match.start())
            for order, entry in enumerate(entries):
                cue = entry.cue
                value = _value(match, cue, number, label_per)
                if value is None or (cue.min is not None and value < cue.min):
                    continue
                if cue.counts_not and counts_other(cue.field, text, match.end("q")):
                    continue  # "310 homes connected": homes, not people
                if cue.max is not None and value > cue.max:
                    continue
                if cue.horizon and not _has_horizon(text, clause):
                    continue
                if order not in cache:
                    cache[order] = _find(entry, text, clause)
                near = _nearest(entry, cache[order], text, match.span("q"), clause[2:])
                if near is not None and near[1] <= match.start("q") < near[2]:
                    continue  # "at any one time": the number is part of the cue
                if near is not None:
                    # a fallback entry ranks after every other cue for the number
                    rank = near[0] + (10_000 if cue.fallback else 0)
                    options.append((rank, order, i, entry, value, near[1], near[2]))
        # nearest pairs first; a number binds once, and a cue word serves one number of a field
        used_numbers: set[int] = set()
        used_cues: set[tuple[str, int]] = set()
        for distance, order, i, entry, value, cs, ce in sorted(options, key=lambda o: o[:3]):
            key = (entry.cue.field, cs)
            if i in used_numbers or (key in used_cues and distance % 10_000 < 1000):
                continue
            used_numbers.add(i)
            used_cues.add(key)
            out.append(_bound(text, quantities[i], (distance, order, entry, value, cs, ce)))
    return out


_HORIZON = re.compile(rules.HORIZON, re.IGNORECASE)


def _has_horizon(text: str, clause: tuple[int, int, int, int]) -> bool:
    """Whether a clause or its lead names a horizon ('within two years', 'Target in 2 year:')."""
    a, b, la, lb = clause
    return bool(_HORIZON.search(text, a, b) or (lb > la and _HORIZON.search(text, la, lb)))


_LABEL_PERIOD = re.compile(
    r"(?:\bper|/|\ba|\ban|\beach)\s*(?P<per>second|sec|s|minute|min|hour|hr|h|day)\b(?![^\d]*\d)",
    re.IGNORECASE,
)


_ATTACHED = re.compile(r"\d[\d.,]*\s*[kKmMbB]?\s*(?:[A-Za-z-]{2,15}\s*){0,2}$")


def _label_period(text: str, clause: tuple[int, int, int, int], at: int) -> str | None:
    """The period a label before a number names: no number before the label or between.

    "Peak requests per second: 1,200" gives second; "20M requests/day on average, three times
    that" gives none to "three": the period belongs to 20M.
    """
    a, _, la, lb = clause
    before = _LABEL_PERIOD.search(text, max(a, at - 80), at)
    if before is not None and _ATTACHED.search(text, max(a, before.start() - 40), before.start()):
        before = None  # "20M requests/day": the period is that number's
    if before is None and la < lb <= at and not _DIGIT.search(text, la, lb):
        before = _LABEL_PERIOD.search(text, la, lb)
    return before.group("per").lower() if before else None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans merged into sorted, disjoint ones."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# "quick one for the dashboard", "no one knows", "this one": 'one' as a pronoun
_PRONOUN_ONE = re.compile(
    r"\b(?:quick|this|that|the|no|any|which|another|last|next|big|new|old|same)\s+$",
    re.IGNORECASE,
)
_PRONOUN_AFTER = re.compile(r"\s*(?:[,.;:!?)]|(?:for|of|who|that|which|here|there)\b)", re.I)
_SECTION = re.compile(r"\d{1,2}(?:\.\d{1,3}){1,3}\.?")
_SECTION_LEAD = re.compile(r"(?:^|\n)[ \t#*>|]*$")
_VERSION_LEAD = re.compile(r"\b(?:version|release|v|rev|revision|firmware|iOS|Android)\s*$", re.I)
# "Clause 2.", "Section 4", "Article 12", "§ 3", "Slide 4", "Q4." (a question's number), "C2.",
# "AC1:", "R2." numbers a part of the document, not a quantity
_PART_LEAD = re.compile(
    r"(?:\b(?:Clause|Section|Article|Art\.|Slide|Step|Phase|Item|Annex|Appendix|Chapter|Part)"
    r"[ \t]*|§[ \t]*|(?P<letters>(?:^|\n)[ \t#*>|-]*(?-i:[A-Z]{1,2})))$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"[.:)]?(?:[ \t]|$)")
_LETTERS_AFTER = re.compile(r"[.:)](?:[ \t]|$)")


_NAME_DASH = re.compile(r"([A-Za-z]{1,15})-$")
_DASH_PREFIXES = frozenset(
    {
        "sub",
        "under",
        "over",
        "up",
        "low",
        "high",
        "ultra",
        "mid",
        "near",
        "non",
        "pre",
        "post",
        "top",
        "x",
        "about",
        "approx",
        "ca",
    }
)


def not_a_quantity(match: re.Match[str], text: str) -> bool:
    """Whether the number read is a section number, a version or the pronoun 'one'."""
    try:
        at = match.start("q")
    except IndexError:
        return False
    if at < 0:
        return False
    q_text = match.group("q").strip()
    if _VERSION_LEAD.search(text, max(0, at - 12), at):
        return True
    if q_text.lower() == "one" and _PRONOUN_ONE.search(text, max(0, at - 12), at):
        return _PRONOUN_AFTER.match(text, at + 3) is not None
    part = _PART_LEAD.search(text, max(0, at - 12), at) if q_text.isdigit() else None
    if part is not None:
        after = _LETTERS_AFTER if part.group("letters") else _PART_AFTER
        return after.match(text, match.end("q")) is not None
    named = _NAME_DASH.search(text, max(0, at - 20), at)
    if named is not None and named.group(1).lower() not in _DASH_PREFIXES:
        return True  # "us-east-1", "NFR-01": a name, not a quantity ("sub-100ms" is one)
    return bool(_SECTION.fullmatch(q_text) and _SECTION_LEAD.search(text, max(0, at - 12), at))


# a paragraph headed by a year or by "now": "**2024** — 120k registered", "Now (December 2026) —"
_DATED_HEAD = re.compile(
    r"(?m)^[ \t>*#_-]{0,8}(?P<head>(?:19|20)\d\d|now|today|currently)\b(?P<rest>[^\n]{0,30}?)"
    r"[*_ \t]*(?:—|–|-|:)",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


def past_spans(text: str, this_year: int | None = None) -> list[tuple[int, int]]:
    """Paragraphs of a history headed by a year before the present one.

    The present is the brief's own year (this_year) or the year a "Now (December 2026)" heading
    names; a paragraph headed by an earlier year ("**2024** — peaks of 1,100 concurrent") states
    no requirement. Without a present, nothing is taken as past.
    """
    heads = list(_DATED_HEAD.finditer(text))
    present = this_year
    for m in heads:
        if not m.group("head")[0].isdigit():
            year = _ANY_YEAR.search(m.group("rest"))
            present = present or (int(year.group(0)) if year else None)
    if present is None:
        return []
    out: list[tuple[int, int]] = []
    for m in heads:
        if m.group("head")[0].isdigit() and int(m.group("head")) < present:
            end = text.find("\n\n", m.start())
            out.append((m.start(), len(text) if end < 0 else end))
    return out


def _usable(
    match: re.Match[str], text: str, taken: list[tuple[int, int]], starts: list[int]
) -> bool:
    """Whether a number is free: not used by a rule, no year, no identifier ("NFR-01")."""
    q = match.group("q").strip()
    if match.end() == match.start() or _VAGUE.match(q):
        return False
    s0, e0 = match.span("q")
    i = bisect.bisect_left(starts, e0)  # the spans that start before the number ends
    if i and taken[i - 1][1] > s0:
        return False
    if _YEAR.match(q) and not match.group("unit"):
        return False
    if _CLOCK.match(text, e0):
        return False  # "between 6 and 7am", "at 18:00": a time of day
    if not_a_quantity(match, text):
        return False
    return not (s0 > 1 and text[s0 - 1] == "-" and text[s0 - 2].isalpha())


def _bound(
    text: str, match: re.Match[str], choice: tuple[int, int, _Entry, float, int, int]
) -> Bound:
    distance, _, entry, value, cue_start, cue_end = choice
    distance %= 10_000
    start, end = min(cue_start, match.start()), max(cue_end, match.end())
    if distance >= 1000:
        start, end = match.start(), match.end()
    while start < end and text[start].isspace():
        start += 1
    cue_text = " ".join(text[cue_start:cue_end].split())
    note = f"read from the cue {cue_text!r} near the number"
    if distance >= 1000:
        note = f"read from {cue_text!r}, which the line answers"
    if entry.cue.note:
        note = f"{entry.cue.note}; {note}"
    if entry.cue.kind == "money":
        money_note = currency_note(match.group("cur") or match.group("money") or "")
        if money_note is not None:
            note += f"; {money_note}"
        period = _PERIOD.match(text, match.end(), min(len(text), match.end() + 60))
        if period is not None and period.group("year"):
            value = value / 12
            note += f"; {' '.join(period.group(0).split())!r}: a yearly amount divided by 12"
    return Bound(
        entry.cue.field,
        whole(round(value, 3)),
        start,
        end,
        note,
        significant_digits(match.group("q")),
    )
