"""Parse rates ("1000/s", "60k/min") and durations ("50ms", "2s") given on the command line."""

from __future__ import annotations

import re

from archwise.errors import InputError

_SCALE = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9}
_PER = {
    "s": 1.0,
    "sec": 1.0,
    "second": 1.0,
    "min": 60.0,
    "minute": 60.0,
    "h": 3600.0,
    "hr": 3600.0,
    "hour": 3600.0,
    "d": 86400.0,
    "day": 86400.0,
}
_DUR = {
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "sec": 1.0,
    "min": 60.0,
    "m": 60.0,
    "h": 3600.0,
}
# Far beyond any real system, yet small enough that the queueing arithmetic stays finite.
MAX_RATE_PER_S = 1e12
MAX_DURATION_S = 1e7
_RATE_RE = re.compile(
    r"^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([kmg]?)\s*(?:(?:rps|req|requests)?\s*/\s*([a-z]+))?\s*$",
    re.IGNORECASE,
)
_DUR_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([a-zµ]*)\s*$", re.IGNORECASE)


def parse_rate(text: str, *, field: str = "rate") -> float:
    """Return a rate in events per second from text such as 1000/s, 1.5k/s, 60000/min or 250."""
    m = _RATE_RE.match(text)
    if not m:
        raise InputError(
            f"cannot read rate {text!r}; write it like 1000/s, 1.5k/s or 60000/min", field=field
        )
    value = float(m.group(1)) * _SCALE[m.group(2).lower()]
    per = (m.group(3) or "s").lower()
    if per not in _PER:
        raise InputError(
            f"unknown time unit {per!r} in rate {text!r}; use /s, /min, /h or /day", field=field
        )
    if value <= 0:
        raise InputError(f"rate must be positive, got {text!r}", field=field)
    if not value / _PER[per] <= MAX_RATE_PER_S:
        raise InputError(
            f"rate {text!r} is out of range; at most {MAX_RATE_PER_S:g}/s", field=field
        )
    return value / _PER[per]


def parse_duration(text: str, *, field: str = "duration") -> float:
    """Return seconds from text such as 50ms, 0.2s, 250us or 1.5 (seconds)."""
    m = _DUR_RE.match(text)
    if not m:
        raise InputError(f"cannot read duration {text!r}; write it like 50ms or 0.2s", field=field)
    unit = (m.group(2) or "s").lower()
    if unit not in _DUR:
        raise InputError(
            f"unknown unit {unit!r} in duration {text!r}; use us, ms, s, min or h", field=field
        )
    value = float(m.group(1)) * _DUR[unit]
    if value <= 0:
        raise InputError(f"duration must be positive, got {text!r}", field=field)
    if not value <= MAX_DURATION_S:
        raise InputError(
            f"duration {text!r} is out of range; at most {MAX_DURATION_S:g} s", field=field
        )
    return value
