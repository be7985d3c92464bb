"""Numbers as people write them: '100k', '1.5 million', 'five', '10-20k', 'four nines'."""

from __future__ import annotations

import re

WORD_NUMBERS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "a couple": 2,
    "half a": 0.5,
}
MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "hundred": 1e2,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mil": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
NINES: dict[str, float] = {
    "two": 99.0,
    "three": 99.9,
    "four": 99.99,
    "five": 99.999,
    "six": 99.9999,
    "2": 99.0,
    "3": 99.9,
    "4": 99.99,
    "5": 99.999,
}

_WORDS = "|".join(
    sorted((re.escape(w) for w in WORD_NUMBERS if w not in {"a", "an"}), key=len, reverse=True)
)
DIGITS = r"\d{1,3}(?:[,_]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
MULT = (
    r"(?:\s*(?:k|K|mm|MM|m|M|bn|b|B)(?![A-Za-z])"
    r"|\s+(?:hundred|thousand|millions?|mil|mn|billion)\b)"
)
NUMBER = rf"(?:(?:{DIGITS})(?:{MULT})?|(?:\b(?:{_WORDS})\b|\ba\b|\ban\b)(?:{MULT})?)"
# A number or a range ("10-20k", "10k to 20k", "between 5 and 8"): the caller names the group.
QUANTITY = (
    rf"(?:between\s+{NUMBER}\s+and\s+{NUMBER}"
    rf"|{NUMBER}(?:\s*(?:-|–|—|to)\s*{NUMBER})?)"
)
_RANGE = re.compile(
    rf"^(?:between\s+)?(?P<lo>{NUMBER})\s*(?:-|–|—|to|and)\s*(?P<hi>{NUMBER})$", re.IGNORECASE
)
_ONE = re.compile(rf"^(?P<num>{DIGITS}|{_WORDS}|a|an)(?P<mult>{MULT})?$", re.IGNORECASE)


def _single(text: str) -> tuple[float, str | None]:
    """Value of one number and its multiplier word (None when it has none)."""
    match = _ONE.match(text.strip())
    if not match:
        raise ValueError(text)
    raw = match.group("num").lower().replace(",", "").replace("_", "")
    value = WORD_NUMBERS[raw] if raw in WORD_NUMBERS else float(raw)
    mult = (match.group("mult") or "").strip()
    if not mult:
        return value, None
    key = mult if mult in {"M", "MM"} else mult.lower()
    return value * MULTIPLIERS[key.lower()], key.lower()


def parse_quantity(text: str) -> tuple[float, str | None]:
    """Return the number a phrase means and a note; a range gives its upper bound."""
    cleaned = " ".join(text.split())
    rng = _RANGE.match(cleaned)
    if rng:
        lo_text, hi_text = rng.group("lo"), rng.group("hi")
        hi, hi_mult = _single(hi_text)
        lo, lo_mult = _single(lo_text)
        if lo_mult is None and hi_mult is not None:
            lo *= MULTIPLIERS[hi_mult]  # "10-20k": the unit of the upper bound applies to both
        return hi, f"range {_fmt(lo)}-{_fmt(hi)}: upper bound taken"
    value, _ = _single(cleaned)
    return value, None


def whole(value: float) -> int | float:
    """An integral float as int, otherwise the float unchanged."""
    return int(value) if float(value).is_integer() else value


def _fmt(value: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size and (value / size) == int(value / size):
            return f"{int(value / size)}{suffix}"
    return f"{whole(value)}"
