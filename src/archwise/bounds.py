"""Documented ranges of the dates every front end accepts: plans and reviews add years to them."""

from __future__ import annotations

import datetime as dt

from archwise.errors import InputError

DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)


def parse_date(value: str, *, field: str) -> dt.date:
    """A date as YYYY-MM-DD within DATE_MIN..DATE_MAX, else an InputError naming the field."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise InputError(f"expected a date as YYYY-MM-DD, got {value!r}", field=field) from None
    return check_date(day, field=field)


def check_date(day: dt.date, *, field: str) -> dt.date:
    """Refuse a date outside DATE_MIN..DATE_MAX (later arithmetic would overflow)."""
    if not DATE_MIN <= day <= DATE_MAX:
        raise InputError(
            f"date {day.isoformat()} is out of range; use {DATE_MIN} to {DATE_MAX}", field=field
        )
    return day
