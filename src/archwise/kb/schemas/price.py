"""A dated price of one billable item, used for monthly cost ranges (730 hours a month)."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from archwise.kb.schemas.technology import Provider, Source
from archwise.schema import Model

HOURS_PER_MONTH = 730

PriceUnit = Literal[
    "hour",
    "month",
    "gb-month",
    "gb-transferred",
    "million-requests",
    "million-messages",
    "million-connection-minutes",
    "gb-second",
]


class Price(Model):
    """The list price of one item (an instance type, a managed service unit, storage)."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_.:+-]*$", description="e.g. aws.ec2.c7g.xlarge")
    provider: Provider
    service: str = Field(min_length=1, description="e.g. EC2, RDS for PostgreSQL, MSK")
    item: str = Field(min_length=1, description="e.g. c7g.xlarge, db.r6g.large Multi-AZ")
    unit: PriceUnit
    usd: float = Field(ge=0, description="price per unit in US dollars")
    region: str = "us-east-1"
    vcpu: float | None = Field(None, gt=0)
    memory_gib: float | None = Field(None, gt=0)
    notes: str | None = None
    source: Source

    def monthly_usd(self, quantity: float = 1.0) -> float:
        """Cost of quantity units for a month (hourly prices times 730 hours)."""
        factor = HOURS_PER_MONTH if self.unit == "hour" else 1.0
        return self.usd * factor * quantity
