"""Whose count it is: an organisation's head count is not its users when only some of them use it.

"The group has ca. 25.000 employees ... The tool is only for the purchasing department: 60 buyers"
names two counts of people: the first is the size of the organisation, the second the users. A
head count ("has 1,800 employees", "employs around 9 000 people", "a company of 700") is dropped
as the number of users when the brief says that only some of the staff use the system, or that
staff are no users; the subset's own count, when the same sentence gives one, is the users' total.
A head count said to use the system ("all 300 employees will log in") stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archwise.requirements.quantities import NUMBER, parse_quantity

_APPROX = (
    r"(?:(?:about|around|approx\.?|approximately|ca\.?|c\.|some|over|more\s+than|nearly|almost"
    r"|roughly|~)\s*)?"
)
# the organisation's size: "has 1,800 employees", "employs around 9 000 people", "a company of 700"
_BEFORE = re.compile(
    r"(?:\b(?:has|have|had|employs?|employing|with|headcount\s+of|total\s+of|company\s+of"
    r"|organi[sz]ation\s+of|workforce\s+of|staff\s+of)\s+" + _APPROX + r")$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"\s*(?:(?:full-time|part-time|permanent|salaried)\s+)?(?:employees|staff|people|workers"
    r"|colleagues|FTEs?|personnel|members\s+of\s+staff)\b|\s*(?:in\s+total|overall)\b",
    re.IGNORECASE,
)
_EMPLOYS = re.compile(r"\bemploys?\s+" + _APPROX + r"$", re.IGNORECASE)
# the head count said to be the users: "all 300 employees will log in", "... who use it"
_USE = re.compile(
    r"\b(?:use|uses|using|log\s*in|logs\s+in|sign\s+in|access|will\s+all|all\s+of\s+them)\b",
    re.IGNORECASE,
)
# the brief narrows the users to some of the staff, or rules staff out
_NARROWED = re.compile(
    r"\b(?:only\s+for|is\s+for\s+the\b[^.\n]{0,60}\bonly\b|only\s+(?:the|our)\b|(?:are|is)\s+not\s+"
    r"(?:the\s+)?users|(?:will|do|does|shall|would)\s+not\s+(?:log\s*in|use|be\s+users|touch)"
    r"|(?:won't|don't|doesn't)\s+(?:log\s*in|use|touch)|not\s+(?:be\s+)?counted|keep\s+using)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n|\n(?=\s*(?:[-*+•|#]|\d{1,3}[.)]\s))")
# the subset: "for the 140 field technicians", "department: 60 buyers", "the 39 case handlers"
_SUBSET = re.compile(
    rf"(?:\bfor\s+(?:the\s+|our\s+|its\s+)?|\bonly\s+(?:the\s+|our\s+)?|:\s*)(?P<q>{NUMBER})\s+"
    r"(?P<noun>(?:[A-Za-z-]{2,20}\s+){0,2}?[A-Za-z-]{2,20}s)\b",
    re.IGNORECASE,
)
_NOT_PEOPLE = re.compile(
    r"(?:tion|sion|ment|ance|ence|ing|days|hours|weeks|months|years|sites|shops|stores|offices"
    r"|countries|branches|clinics|devices|units|items|products|orders|euros|dollars|pounds)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Subset:
    """The users' own count found in a sentence that narrows them to some of the staff."""

    value: int
    start: int
    end: int


def _sentence(text: str, at: int) -> tuple[int, int]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, at - 300), at)]
    start = ends[-1] if ends else max(0, at - 300)
    stop = _SENTENCE_END.search(text, at)
    return start, stop.start() if stop else len(text)


def is_head_count(text: str, start: int, end: int) -> bool:
    """Whether the count at start..end is the size of an organisation rather than of its users."""
    digits = re.search(r"\d", text[start:end])
    at = start + (digits.start() if digits else 0)
    number = re.match(rf"(?:{NUMBER})", text[at:end], re.IGNORECASE)
    number_end = at + (number.end() if number else 0)
    head = text[max(0, at - 60) : at]
    sentence = _sentence(text, at)
    if not (_BEFORE.search(head) and (_AFTER.match(text, number_end) or _EMPLOYS.search(head))):
        return False
    return not _USE.search(text, number_end, sentence[1])


def narrowed(text: str) -> bool:
    """Whether the brief says only some of the staff use the system, or that staff are no users."""
    return _NARROWED.search(text) is not None


def subset_count(text: str, bigger: float) -> Subset | None:
    """The count of the users in a sentence that narrows them, smaller than the head count."""
    for narrowing in _NARROWED.finditer(text):
        a, b = _sentence(text, narrowing.start())
        for m in _SUBSET.finditer(text, a, b):
            if _NOT_PEOPLE.search(m.group("noun")):
                continue
            try:
                value = parse_quantity(m.group("q"))[0]
            except ValueError:
                continue
            if 1 < value < bigger and value == int(value):
                return Subset(int(value), m.start("q"), m.end("noun"))
    return None
