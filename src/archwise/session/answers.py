"""The interview's control words: answers that mean "I don't know" or "ask me later"."""

from __future__ import annotations

UNKNOWN_WORDS = frozenset({"unknown", "don't know", "dont know", "not sure", "?", "n/a"})
SKIP_WORDS = frozenset({"skip", "later"})


def is_unknown(raw: str) -> bool:
    """True when the answer says the user does not know."""
    return raw.strip().lower() in UNKNOWN_WORDS


def is_skip(raw: str) -> bool:
    """True when the answer asks to come back to the question later."""
    return raw.strip().lower() in SKIP_WORDS or not raw.strip()
