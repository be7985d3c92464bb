"""Turning a typed interview answer into a value for the requirements file (pure logic)."""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

UNKNOWN_WORDS = frozenset({"unknown", "don't know", "dont know", "not sure", "?", "n/a"})
SKIP_WORDS = frozenset({"skip", "later", "s"})
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}
_NUMBER = re.compile(
    r"^(?:about |around |~|<|under |sub-?|below |up to |<=)?\s*\$?\s*"
    r"(?P<num>\d+(?:[.,]\d+)*)\s*(?P<scale>k|m|b|thousand|million|billion)?\s*"
    r"(?P<unit>%|percent|ms|milliseconds?|months?|days?|gb|usd|dollars?|engineers?|people|"
    r"users?|rps|/s|/month|a month|per month)?\s*$",
    re.IGNORECASE,
)
_BOOL = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


def is_unknown(raw: str) -> bool:
    """True when the answer says the user does not know."""
    return raw.strip().lower() in UNKNOWN_WORDS


def is_skip(raw: str) -> bool:
    """True when the answer asks to come back to the question later."""
    return raw.strip().lower() in SKIP_WORDS or not raw.strip()


def parse_number(raw: str) -> float | None:
    """A number written the way people write them ('100k', '$5k', '99.9%', 'sub-100ms', '1,000')."""
    m = _NUMBER.match(raw.strip())
    if not m:
        return None
    digits = m.group("num").replace(",", "")
    if digits.count(".") > 1:
        return None
    value = float(digits)
    scale = (m.group("scale") or "").lower()
    return value * _SCALE.get(scale, 1.0)


def parse_answer(raw: str, kind: str = "any") -> Any:
    """The value an answer stands for, given the kind the field expects.

    kind is "text", "list", "mapping", "number", "bool" or "any"; numbers may be written the way
    people write them, lists as "a, b" or YAML, mappings as YAML ("{typescript: strong}").
    """
    text = raw.strip()
    if kind == "text":
        return text
    lowered = text.lower()
    if lowered in _BOOL and kind in {"bool", "any"}:
        return _BOOL[lowered]
    number = parse_number(text)
    if number is not None and kind in {"number", "any"}:
        return int(number) if number.is_integer() else number
    if text[:1] in "[{":
        try:
            return YAML(typ="safe").load(text)
        except YAMLError:
            return text
    if kind == "mapping" and ":" in text:
        try:
            return YAML(typ="safe").load("{" + text + "}")
        except YAMLError:
            return text
    if kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    return text
