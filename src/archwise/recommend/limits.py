"""Feasibility families read from the requirements' own sentences: a partner's rate limit against a
batch window, two retention rules for the same records, people's hours against per-item checks."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from archwise.kb.schemas.concept import Concept
from archwise.recommend.models import Conflict
from archwise.recommend.rulebook import RuleBook
from archwise.requirements.quantities import NUMBER, SECONDS_PER_UNIT, parse_quantity

# A clause: split at sentence ends and semicolons, never inside a decimal ("2.5 minutes").
_CLAUSE = re.compile(r"(?:[^.;!?\n]|(?<=\d)\.(?=\d))+")
_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
_FILLER = r"(?:about|around|roughly|approximately|some|up\s+to|over|nearly|almost)\s+"


def _clauses(req: Mapping[str, Any]) -> list[str]:
    """The requirements' sentences (workflows, critical features, summary), clause by clause."""
    functional = req.get("functional") or {}
    texts = [
        *(functional.get("workflows") or []),
        *(functional.get("critical_features") or []),
        req.get("summary") or "",
    ]
    return [c.strip() for t in texts for c in _CLAUSE.findall(str(t)) if c.strip()]


def _number(text: str) -> float | None:
    try:
        return parse_quantity(text)[0]
    except (ValueError, KeyError):
        return None


@cache
def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternatives})", re.IGNORECASE)


def _says(concept: Concept | None, text: str) -> bool:
    return concept is not None and bool(_words_re(tuple(concept.words)).search(text))


# --- a partner's rate limit against the window the work must fit in

_RATE = re.compile(
    rf"(?P<n>{NUMBER})\s+(?:[a-z-]+\s+)?(?:requests?|calls?|queries|lookups|api\s+calls|hits)\s+"
    r"(?:per|a|an|each|every|/)\s*(?P<u>second|sec|s|minute|min|hour|day)\b",
    re.IGNORECASE,
)
_BATCH = re.compile(
    rf"(?P<n>{NUMBER})\s+(?:[a-z-]+\s+){{0,2}}?(?:per|in\s+each|with\s+each|each)\s+(?:request|call|response|page)\b",
    re.IGNORECASE,
)
_TIME = r"(?:midnight|noon|\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?)"
_BETWEEN = re.compile(rf"\bbetween\s+(?P<a>{_TIME})\s+and\s+(?P<b>{_TIME})", re.IGNORECASE)
_SPAN_UNIT = r"(?:hours?|minutes?|days?|weeks?)"
_WINDOW = re.compile(
    rf"(?:(?P<n>{NUMBER})[- ](?P<u>{_SPAN_UNIT})\s+window"
    rf"|window\s+of\s+(?P<n2>{NUMBER})\s+(?P<u2>{_SPAN_UNIT})"
    rf"|\b(?:within|in|over)\s+(?:an?\s+|the\s+next\s+|the\s+first\s+)?(?P<n3>{NUMBER})\s+(?:calendar\s+|working\s+|business\s+)?(?P<u3>{_SPAN_UNIT})\b)",
    re.IGNORECASE,
)
_SPAN_HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0}
_COUNT = re.compile(rf"(?P<n>{NUMBER})\s+(?:[a-z-]+\s+){{0,2}}?(?P<noun>[a-z]+s)\b", re.IGNORECASE)
_NOT_ITEMS = frozenset(
    {
        "hours",
        "minutes",
        "seconds",
        "days",
        "weeks",
        "months",
        "years",
        "requests",
        "calls",
        "times",
        "engineers",
        "people",
        "users",
        "ms",
        "gbs",
        "tbs",
        "mbs",
        "kbs",
    }
)


def _clock_hours(text: str) -> float | None:
    """Hours of the day a clock time names ('midnight', '6 am', '18:30')."""
    t = text.lower().replace(".", "").strip()
    if t == "midnight":
        return 0.0
    if t == "noon":
        return 12.0
    m = re.match(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", t)
    if not m:
        return None
    hour = int(m.group(1)) % 12 if m.group(3) else int(m.group(1))
    if m.group(3) == "pm":
        hour += 12
    return hour + (int(m.group(2)) / 60 if m.group(2) else 0.0)


def _window_hours(clause: str) -> float | None:
    m = _BETWEEN.search(clause)
    if m:
        a, b = _clock_hours(m.group("a")), _clock_hours(m.group("b"))
        if a is not None and b is not None and a != b:
            return (b - a) % 24
    m = _WINDOW.search(clause)
    if not m:
        return None
    n = m.group("n") or m.group("n2") or m.group("n3")
    unit = (m.group("u") or m.group("u2") or m.group("u3") or "").lower()
    value = _number(n) if n else None
    if value is None:
        return None
    return value * _SPAN_HOURS[unit.rstrip("s")]


def _items(clause: str) -> float | None:
    """The largest count of things a clause says must be handled ('9 million invoices')."""
    found = [
        v
        for m in _COUNT.finditer(clause)
        if m.group("noun").lower() not in _NOT_ITEMS and (v := _number(m.group("n"))) is not None
    ]
    return max(found) if found else None


def quota_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """Work that must pass through a rate-limited outside service within a window it cannot fit."""
    clauses = _clauses(req)
    limit = book.concepts.get("stated-rate-limit")
    rates = [
        (value / SECONDS_PER_UNIT[m.group("u").lower()], clause)
        for clause in clauses
        if _says(limit, clause)
        for m in _RATE.finditer(clause)
        if (value := _number(m.group("n"))) is not None and value > 0
    ]
    if not rates:
        return []
    rate, rate_clause = min(rates, key=lambda r: r[0])
    batch = max(
        [v for m in _BATCH.finditer(rate_clause) if (v := _number(m.group("n"))) is not None]
        or [1.0]
    )
    out: list[Conflict] = []
    for clause in clauses:
        hours, items = _window_hours(clause), _items(clause)
        if hours is None or items is None or hours <= 0:
            continue
        capacity = rate * batch * hours * 3600
        if items <= capacity:
            continue
        needed_rate = items / batch / (hours * 3600)
        needed_hours = items / batch / rate / 3600
        out.append(
            Conflict(
                requirements=["functional.workflows"],
                why=f"about {items:,.0f} items must pass through an outside service limited to "
                f"{rate:g} requests a second, {batch:g} a request, within {hours:g} hours: at that "
                f"limit they take about {needed_hours:,.0f} hours, "
                f"{items / capacity:,.1f} times the window",
                numbers={
                    "items": float(items),
                    "requests_per_second": float(round(rate, 4)),
                    "items_per_request": float(batch),
                    "window_hours": float(round(hours, 2)),
                    "hours_needed": float(round(needed_hours, 1)),
                    "needed_requests_per_second": float(round(needed_rate, 1)),
                },
                relax=[
                    "a higher limit from the provider: about "
                    f"{math.ceil(needed_rate):,} requests a second for this window",
                    "a bulk export or batch endpoint (a file a day, many items a request) "
                    "instead of one call an item",
                    "pull continuously through the period (as items appear) so the window only "
                    "handles the last ones",
                    f"a window of at least {math.ceil(needed_hours):,} hours",
                ],
            )
        )
        break
    return out


# --- two retention rules for the same records

_UNIT = r"(?P<u>years?|months?|weeks?|days?)"
_KEEP = re.compile(
    rf"\b(?:kept|retained|stored|archived|keep|retain|held)\s+(?:for\s+)?(?P<q>at\s+least\s+|a\s+minimum\s+of\s+"
    rf"|no\s+more\s+than\s+|no\s+longer\s+than\s+|at\s+most\s+|a\s+maximum\s+of\s+|up\s+to\s+)?"
    rf"(?P<n>{NUMBER})\s+{_UNIT}",
    re.IGNORECASE,
)
_DELETE = re.compile(
    rf"\b(?:deleted|erased|purged|destroyed|removed|delete|erase|purge|destroy)\s+"
    rf"(?:after|within|at\s+the\s+latest\s+after|no\s+later\s+than)\s+(?:at\s+most\s+)?(?P<n>{NUMBER})\s+{_UNIT}",
    re.IGNORECASE,
)
_EXCEPT = re.compile(
    r"\b(?:unless|except|anonymi[sz]|pseudonymi[sz]|redact|legal hold)", re.IGNORECASE
)
_WORD = re.compile(r"[a-z]{4,}", re.IGNORECASE)
_NOT_SUBJECT = frozenset(
    {
        "must",
        "should",
        "shall",
        "will",
        "says",
        "said",
        "require",
        "requires",
        "required",
        "have",
        "that",
        "this",
        "these",
        "those",
        "their",
        "there",
        "with",
        "from",
        "every",
        "each",
        "after",
        "within",
        "least",
        "also",
        "only",
        "then",
        "when",
        "they",
        "them",
        "kept",
        "retained",
        "stored",
        "deleted",
        "erased",
        "keep",
        "retain",
        "delete",
        "erase",
        "purged",
        "destroyed",
        "removed",
        "archived",
        "held",
        "been",
        "being",
        "years",
        "months",
        "days",
        "weeks",
        "agreement",
        "regulator",
        "regulators",
        "policy",
        "rule",
        "rules",
        "under",
        "according",
        "where",
        "which",
        "what",
        "were",
        "into",
        "more",
        "than",
        "longer",
        "most",
        "maximum",
        "minimum",
        "period",
        "automatically",
        "permanently",
    }
)


def _subject(clause: str, start: int) -> set[str]:
    """The content words before a retention verb: what the rule is about."""
    return {w.lower() for w in _WORD.findall(clause[:start]) if w.lower() not in _NOT_SUBJECT}


def _span(days: float) -> str:
    """A period as people say it: years from a year on, else days."""
    return f"{days / 365.25:.3g} years" if days >= 365 else f"{days:,.0f} days"


def _days(n: str, unit: str) -> float | None:
    value = _number(n)
    return None if value is None else value * _DAYS[unit.lower().rstrip("s")]


def retention_conflict(req: Mapping[str, Any]) -> list[Conflict]:
    """Records that one rule says to keep longer than another rule lets them exist."""
    keep: list[tuple[float, set[str], str]] = []
    drop: list[tuple[float, set[str], str]] = []
    for clause in _clauses(req):
        for m in _KEEP.finditer(clause):
            days = _days(m.group("n"), m.group("u"))
            if days is None:
                continue
            at_most = (m.group("q") or "").lower().split()[:2] in (
                ["no", "more"],
                ["no", "longer"],
                ["at", "most"],
                ["a", "maximum"],
                ["up", "to"],
            )
            (drop if at_most else keep).append((days, _subject(clause, m.start()), clause))
        if _EXCEPT.search(clause):
            continue
        for m in _DELETE.finditer(clause):
            days = _days(m.group("n"), m.group("u"))
            if days is not None:
                drop.append((days, _subject(clause, m.start()), clause))
    for kept, what, _ in sorted(keep, key=lambda k: -k[0]):
        for limit, other, _ in sorted(drop, key=lambda d: d[0]):
            shared = what & other
            if not shared or kept <= limit:
                continue
            about = " ".join(sorted(shared))
            return [
                Conflict(
                    requirements=["functional.workflows"],
                    why=f"one rule keeps the same records ({about}) for {_span(kept)} and another "
                    f"deletes them after {_span(limit)}: no design does both",
                    numbers={
                        "keep_days": float(round(kept)),
                        "delete_after_days": float(round(limit)),
                    },
                    relax=[
                        "ask which rule prevails (legal advice): a statutory duty to keep usually "
                        "overrides an agreement to delete, with access restricted meanwhile",
                        "keep only what the longer rule needs (a redacted or anonymised copy, "
                        f"or the records it names) and delete the rest after {_span(limit)}",
                        "change the agreement that sets the shorter period",
                    ],
                )
            ]
    return []


# --- people's hours against a per-item step they must do

_PER_DAY = re.compile(
    rf"(?P<n>{NUMBER})\s+(?:[a-z-]+\s+){{0,2}}?(?:a|per|each|every)\s+(?:working\s+)?day\b",
    re.IGNORECASE,
)
_TAKES = re.compile(
    rf"\b(?:takes?|taking|needs?|lasts?)\s+(?:{_FILLER})?(?P<n>{NUMBER})\s*(?P<u>minutes?|mins?|hours?|seconds?)\b",
    re.IGNORECASE,
)
_SHIFT = re.compile(rf"(?P<n>{NUMBER})[- ]hours?\s+(?:shift|working\s+day|day)\b", re.IGNORECASE)


@cache
def _staff_re(words: tuple[str, ...]) -> re.Pattern[str]:
    roles = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?P<n>{NUMBER})\s+(?:[a-z-]+\s+)?(?P<role>{roles})\b", re.IGNORECASE)


def _staff(clause: str, roles: Concept | None) -> tuple[float, str] | None:
    """How many people of a checking role a clause counts ('3 pharmacists', '12 technicians')."""
    if roles is None:
        return None
    m = _staff_re(tuple(roles.words)).search(clause)
    if not m:
        return None
    value = _number(m.group("n"))
    return None if value is None or value <= 0 else (value, m.group("role").lower())


def staffing_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """A step people must do for every item, against the hours the stated people have a day."""
    clauses = _clauses(req)
    check, roles = book.concepts.get("person-check"), book.concepts.get("checking-staff")
    minutes = [
        v
        * (
            60
            if m.group("u").lower().startswith("h")
            else 1 / 60
            if m.group("u").lower().startswith("s")
            else 1
        )
        for clause in clauses
        if _says(check, clause)
        for m in _TAKES.finditer(clause)
        if (v := _number(m.group("n"))) is not None
    ]
    staff = [s for clause in clauses if (s := _staff(clause, roles)) is not None]
    daily = [
        v
        for clause in clauses
        for m in _PER_DAY.finditer(clause)
        if (v := _number(m.group("n"))) is not None
    ]
    if not minutes or not staff or not daily:
        return []
    per_item, (people, role), items = min(minutes), max(staff), max(daily)
    shifts = [
        v
        for clause in clauses
        for m in _SHIFT.finditer(clause)
        if (v := _number(m.group("n"))) is not None
    ]
    shift = max(shifts) if shifts else book.setting("feasibility.shift_hours", 8.0)
    needed, available = items * per_item / 60, people * shift
    if needed <= available:
        return []
    return [
        Conflict(
            requirements=["functional.workflows"],
            why=f"{items:,.0f} items a day each need about {per_item:g} minutes of a person's "
            "time, "
            f"{needed:,.0f} hours a day, but {people:g} {role} on {shift:g}-hour shifts give "
            f"{available:,.0f}",
            numbers={
                "items_per_day": float(items),
                "minutes_per_item": float(per_item),
                "people": float(people),
                "shift_hours": float(shift),
                "hours_needed": float(round(needed, 1)),
                "hours_available": float(round(available, 1)),
            },
            relax=[
                f"about {math.ceil(needed / shift):,} {role} a day (more people or more shifts)",
                "software does the routine part so people check only the exceptions it flags "
                "(where the law allows)",
                f"a check of at most {available * 60 / items:.2g} minutes (pre-filled, batched or "
                "sampled checks)",
                f"a longer turnaround: the work takes about {math.ceil(needed / available):,} days "
                "with today's people",
            ],
        )
    ]


def stated_limit_conflicts(req: Mapping[str, Any], book: RuleBook) -> Sequence[Conflict]:
    """Every conflict between limits the requirements state in words."""
    return [*quota_conflict(req, book), *retention_conflict(req), *staffing_conflict(req, book)]
