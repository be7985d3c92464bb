"""Whose value is it, and is it a target: the words around a value saying it is no requirement.

A brief names values it does not ask for: a regime ruled out or handed to someone else ("PCI is
Stripe's problem", "HIPAA ... does not apply"), an availability that is a vendor's promise or a past
figure ("Your datasheet claims 99.9%", "ran at 99.9% per his hosting company"), a count of things
that are not people ("90 units issued per day (units, not users)"), a one-off amount beside a
monthly budget ("investment for turnstiles hardware 210 000 EUR ... (one time)"). The stances are
data, `data/brief_stance.yaml`: patterns searched in the sentence before the value, after it to
the end of its part, or in the answer when the value is asked in a question. This module only
judges one value at a time; `brief.py` drops what it judges and frees the field for the cue binder.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, field_validator

from archwise.schema import Model

STANCE_FILE = Path(__file__).parent / "data" / "brief_stance.yaml"


class Stance(Model):
    """One way a brief says a value of some fields is not the requirement."""

    name: str = Field(description="what the stance says, shown in notes")
    fields: list[str] = Field(min_length=1, description="dotted requirements fields it judges")
    before: str | None = Field(
        None, description="regular expression searched in the value's sentence before it"
    )
    before_near: str | None = Field(
        None, description="regular expression that must end right before the value"
    )
    after: str | None = Field(
        None,
        description="regular expression searched after the value to the end of its part (the "
        "sentence, cut at 'but' or at the next value of the field), and in a short following "
        "sentence that comments on it ('That's cars, not people.')",
    )
    answered_no: bool = Field(
        False, description="a value asked in a question ('Do we need SOC 2?') answered no"
    )
    unless_period: bool = Field(
        False, description="not when the value's own phrase gives a period ('per month')"
    )
    sticky: bool = Field(
        False,
        description="a value judged so in one place is dropped everywhere, unless another "
        "mention matches `affirm`",
    )
    affirm: str | None = Field(
        None, description="regular expression around a mention that states the value is required"
    )

    @field_validator("before", "before_near", "after", "affirm")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value, re.VERBOSE)
            except re.error as exc:
                raise ValueError(f"not a regular expression: {exc}") from exc
        return value

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: list[str]) -> list[str]:
        from archwise.requirements.schema import field_specs

        unknown = [f for f in value if f not in field_specs()]
        if unknown:
            raise ValueError(f"unknown requirements fields {unknown}")
        return value


@dataclass(frozen=True)
class _Compiled:
    stance: Stance
    before: re.Pattern[str] | None
    before_near: re.Pattern[str] | None
    after: re.Pattern[str] | None
    affirm: re.Pattern[str] | None


def _compile(pattern: str | None, suffix: str = "") -> re.Pattern[str] | None:
    # verbose: a pattern folded over lines in YAML keeps no stray spaces (write a space as \s)
    return re.compile(f"(?:{pattern}){suffix}", re.IGNORECASE | re.VERBOSE) if pattern else None


@functools.cache
def stances() -> tuple[_Compiled, ...]:
    """The validated stances of data/brief_stance.yaml, in file order."""
    from archwise.kb.loader import read_valid

    return tuple(
        _Compiled(
            doc,
            _compile(doc.before),
            _compile(doc.before_near, r"\s*\Z"),
            _compile(doc.after),
            _compile(doc.affirm),
        )
        for doc in read_valid(STANCE_FILE, Stance, "brief stances")
    )


@functools.cache
def stance_fields() -> frozenset[str]:
    """Every field some stance judges."""
    return frozenset(f for s in stances() for f in s.stance.fields)


# a sentence ends at . ! ? before a space, or at a line break
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_QUESTION_END = re.compile(r"\?")
_DIGIT = re.compile(r"(?<![\w.])\d")
_PART_CUT = re.compile(r"\b(?:but|however|whereas|while)\b", re.IGNORECASE)
# a short sentence that comments on the one before: "That's cars, not people."
_COMMENT = re.compile(
    r"""[\s"'“”—–-]*(?:(?:response|answer|reply|a)\s*[:.-]\s*)?\(?(?:that|this|these|those|it)"""
    r"(?:'s|\s+is|\s+are|\s+was|\s+were)\b[^.!?\n]{0,60}",
    re.IGNORECASE,
)
# an answer that says no: "Response: No.", "— nope", "... so no."
_ANSWER_LEAD = re.compile(
    r"""[\s"'“”»«—–:-]*(?:(?:response|answer|reply|a)\s*[:.-]\s*)?[\s"'“”—–-]*"""
    r"(?:no|nope|nah|not\s+(?:needed|required|applicable|really)|n/?a)\b",
    re.IGNORECASE,
)
_ANSWER_LAST = re.compile(r"\b(?:so|then|answer\s+is)\s+no\b[^\w]*$", re.IGNORECASE)
_PERIOD = re.compile(
    r"/\s*(?:mo|month|yr|year)\b|\b(?:per|a|an|each|every)\s+(?:month|year)\b|\bmonthly\b"
    r"|\bp\.?\s?m\b|\bannual\w*|\byearly\b",
    re.IGNORECASE,
)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)]
    a = starts[-1] if starts else max(0, start - 300)
    stop = _SENTENCE_END.search(text, end)
    return a, stop.start() if stop else len(text)


def _after(text: str, end: int, stop: int, others: list[int]) -> str:
    """The value's part after it: to its sentence's end, cut at 'but' or the field's next value."""
    cut = _PART_CUT.search(text, end, stop)
    limit = cut.start() if cut else stop
    number = _DIGIT.search(text, end, limit)  # another number starts another statement
    limit = number.start() if number else limit
    later = [o for o in others if end < o < limit]
    if later:  # "GDPR applies; we do not need HIPAA": the words before the next value are its
        seps = [m.start() for m in re.finditer(r"[;,—–]", text[end : min(later)])]
        limit = end + seps[-1] if seps else min(later)
    part = text[end:limit]
    comment = (
        _COMMENT.match(text, stop + 1)
        if stop < len(text) and not later and not cut and not number
        else None
    )
    if comment is not None and _DIGIT.search(comment.group(0)):
        comment = None
    return part + (" " + comment.group(0) if comment else "")


def _since(text: str, a: int, start: int, others: list[int], seps: str = r"[;—–]") -> int:
    """Where the words before a value begin: after the field's last value and the last break."""
    a = max([a] + [o for o in others if o < start])
    cuts = [m.end() for m in re.finditer(seps, text[a:start])]
    return a + (cuts[-1] if cuts else 0)


def _answered_no(text: str, end: int) -> bool:
    """Whether the value is asked in a question whose answer, on the same line, says no."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    question = _QUESTION_END.search(text, end, line_end)
    if question is None or re.search(r"[.!]\s", text[end : question.start()]):
        return False
    answer_end = line_end
    if answer_end - question.end() < 3:  # the answer on the next line ("Q: ...?\nA: No.")
        nxt = text.find("\n", line_end + 1)
        answer_end = len(text) if nxt < 0 else nxt
    answer = text[question.end() : answer_end]
    return bool(_ANSWER_LEAD.match(answer) or _ANSWER_LAST.search(answer))


@dataclass(frozen=True)
class Judged:
    """Why one value is not the requirement."""

    stance: Stance
    sticky: bool


def judge(
    text: str, field: str, start: int, end: int, phrase: str, others: list[int]
) -> Judged | None:
    """The stance that says the value at start..end is not the requirement, if any.

    `others` are the starts of the field's other values, where this value's part ends.
    """
    a, stop = _sentence(text, start, end)
    a = _since(text, a, start, others)
    # a phrase may begin before its number ("Uptime: their SLA is 99.95%"): its lead is before it
    number = _DIGIT.search(phrase)
    lead = number.start() if number and text[start : start + len(phrase)] == phrase else 0
    for entry in stances():
        stance = entry.stance
        if field not in stance.fields:
            continue
        if stance.unless_period and _PERIOD.search(phrase):
            continue
        before = text[a : start + lead]
        if (
            (entry.before is not None and entry.before.search(before))
            or (entry.before_near is not None and entry.before_near.search(before))
            or (entry.after is not None and entry.after.search(_after(text, end, stop, others)))
            or (stance.answered_no and _answered_no(text, end))
        ):
            return Judged(stance, stance.sticky)
    return None


def affirmed(text: str, field: str, start: int, end: int, others: list[int]) -> bool:
    """Whether a mention is stated as required ('GDPR applies', 'must be PCI compliant')."""
    a, stop = _sentence(text, start, end)
    a = _since(text, a, start, others, r"[;,—–]")
    around = text[a:start] + " " + _after(text, end, stop, others)
    return any(
        entry.affirm is not None and field in entry.stance.fields and entry.affirm.search(around)
        for entry in stances()
    )
