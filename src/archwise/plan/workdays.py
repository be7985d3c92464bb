"""Working-day calendar: offsets in working days to dates, skipping Saturdays and Sundays."""

from __future__ import annotations

import datetime as dt
import math


def first_workday(day: dt.date) -> dt.date:
    """The day itself, or the Monday after it when it falls on a weekend."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def add_workdays(start: dt.date, offset: int) -> dt.date:
    """The date `offset` working days after start (start counts as working day 0)."""
    day = first_workday(start)
    weeks, rest = divmod(offset, 5)
    day += dt.timedelta(weeks=weeks)
    while rest:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    return day


def workdays_until(start: dt.date, end: dt.date) -> int:
    """Working days from start through end inclusive (0 when end is before start)."""
    first = first_workday(start)
    if end < first:
        return 0
    days = (end - first).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for k in range(rest):
        if (first + dt.timedelta(days=weeks * 7 + k)).weekday() < 5:
            count += 1
    return count


def task_dates(start: dt.date, es: float, ef: float) -> tuple[dt.date, dt.date]:
    """First and last working day of a task that runs from offset es to ef (days, inclusive)."""
    first = add_workdays(start, math.floor(es + 1e-9))
    if ef - es < 1e-9:
        return first, first
    last = add_workdays(start, max(math.ceil(ef - 1e-9) - 1, math.floor(es + 1e-9)))
    return first, last
