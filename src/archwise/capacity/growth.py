"""Demand growth by a monthly rate or a forecast, and the months when it crosses a level."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from itertools import pairwise

from archwise.capacity.models import Demand

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Curve:
    """Demand over months: geometric between known points, extrapolated by the last segment."""

    points: tuple[tuple[float, float], ...]
    rate: float  # monthly growth factor after the last point

    def at(self, month: float) -> float:
        """Demand at a month from the start."""
        pts = self.points
        if month <= pts[0][0]:
            return pts[0][1]
        for (m0, v0), (m1, v1) in pairwise(pts):
            if month <= m1:
                return float(v0 * (v1 / v0) ** ((month - m0) / (m1 - m0)))
        m_last, v_last = pts[-1]
        return float(v_last * self.rate ** (month - m_last))

    def crossing(self, level: float) -> float | None:
        """First month at which demand reaches level (0 if it already has), None if never."""
        pts = self.points
        if pts[0][1] >= level:
            return 0.0
        for (m0, v0), (m1, v1) in pairwise(pts):
            if v1 >= level > v0:
                return m0 + (m1 - m0) * math.log(level / v0) / math.log(v1 / v0)
        m_last, v_last = pts[-1]
        if self.rate <= 1.0 or v_last >= level:
            return None if v_last < level else m_last
        return float(m_last + math.log(level / v_last) / math.log(self.rate))

    @property
    def monthly_growth_percent(self) -> float:
        """Average growth per month over the known points (or the given rate)."""
        (m0, v0), (m1, v1) = self.points[0], self.points[-1]
        if m1 <= m0:
            return (self.rate - 1.0) * 100.0
        return float(((v1 / v0) ** (1.0 / (m1 - m0)) - 1.0) * 100.0)


def curve_of(demand: Demand) -> Curve:
    """The growth curve a demand section describes."""
    if demand.forecast:
        pts = [(0.0, demand.now), *sorted((p.month, p.value) for p in demand.forecast)]
        (m0, v0), (m1, v1) = pts[-2], pts[-1]
        rate = (v1 / v0) ** (1.0 / (m1 - m0)) if m1 > m0 else 1.0
        return Curve(tuple(pts), rate)
    g = 1.0 + (demand.growth_percent_per_month or 0.0) / 100.0
    return Curve(((0.0, demand.now),), g)


def month_to_date(start: dt.date, month: float) -> dt.date:
    """The calendar date a fractional month after start (months of 365.25/12 days)."""
    return start + dt.timedelta(days=round(month * DAYS_PER_MONTH))
