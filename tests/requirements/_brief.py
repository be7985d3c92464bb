"""Helpers the brief-reader tests share."""

from __future__ import annotations

from archwise.requirements.brief import extract_brief


def values(text: str) -> dict[str, object]:
    """The values the brief reader takes from a text, by field path."""
    return extract_brief(text).as_values()


def near(got: object, want: float) -> bool:
    """Whether a number is within 2% of the one wanted."""
    return isinstance(got, (int, float)) and abs(got - want) <= 0.02 * want
