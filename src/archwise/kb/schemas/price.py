"""A dated price of one billable item, used for monthly cost ranges (730 hours a month)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from archwise.kb.schemas.technology import Provider, Source
from archwise.schema import Model

HOURS_PER_MONTH = 730

PriceUnit = Literal[
    "hour",
    "month",
    "gb-month",
    "gb-hour",
    "gb-transferred",
    "million-requests",
    "million-messages",
    "million-connection-minutes",
    "million-cpu-ms",
    "gb-second",
    "vcpu-second",
    "vcpu-hour",
]
# What an item meters, so the tier model picks the engine's own way of sizing it:
# node (an instance with vcpu/memory_gib), vcpu/memory (continuous per-vCPU and per-GB charges),
# storage, read/write (request units), request (per invocation or message), compute (function
# duration), cpu-time (edge CPU milliseconds), transfer (GB out), connection (connection
# minutes), message (realtime messages), shard (stream shards), throughput (provisioned
# throughput units of `capacity` operations/s each), base (a flat monthly fee).
Meter = Literal[
    "node",
    "vcpu",
    "memory",
    "storage",
    "read",
    "write",
    "request",
    "compute",
    "cpu-time",
    "transfer",
    "connection",
    "message",
    "shard",
    "throughput",
    "base",
]


class VolumeTier(Model):
    """One step of a volume-tiered price: this rate up to `up_to` units a month."""

    model_config = ConfigDict(extra="forbid")

    up_to: float | None = Field(None, gt=0, description="cumulative units; null: the rest")
    usd: float = Field(ge=0)


CheckStatus = Literal["verified", "corroborated", "estimated"]


class PriceCheck(Model):
    """How a price figure was checked: on the provider's page, on a dated copy, or not at all."""

    model_config = ConfigDict(extra="forbid")

    status: CheckStatus = Field(
        description="verified: read on the provider's own page or docs; corroborated: the same "
        "figure read on a dated third-party page quoting the list price; estimated: not found"
    )
    read_from: str | None = Field(
        None, pattern=r"^https://", description="the page the figure was read on"
    )
    note: str = Field(min_length=1, description="what the page says, or why it is an estimate")

    @model_validator(mode="after")
    def _read_somewhere(self) -> PriceCheck:
        if self.status != "estimated" and not self.read_from:
            raise ValueError(f"a {self.status} price names the page it was read on (read_from)")
        return self


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
    serves: list[str] = Field(
        default_factory=list,
        description="components this item prices: KB names (PostgreSQL, Redis, Cloud Run) or "
        "generic roles (compute, load-balancer, egress, cdn, object-storage, search)",
    )
    meter: Meter | None = Field(None, description="what the item bills (see Meter)")
    ha: bool = Field(False, description="the price includes a standby in another zone")
    capacity: float | None = Field(
        None, gt=0, description="operations/s (or MB/s for brokers) one unit handles"
    )
    write_capacity: float | None = Field(
        None, gt=0, description="writes/s one unit handles, when unlike its reads (capacity)"
    )
    max_nodes: int | None = Field(
        None, gt=0, description="most instances of this size one deployment may run (a tier cap)"
    )
    max_gb: float | None = Field(
        None,
        gt=0,
        description="GB one instance or node holds at most (Memorystore 300, a Spanner node's "
        "storage); more data takes more instances or nodes",
    )
    max_shards: int | None = Field(
        None,
        gt=0,
        description="shards one cluster of this node type may have; 1: the service does not "
        "cluster, so the data must fit one node or the client shards over instances",
    )
    free: float = Field(0.0, ge=0, description="units a month included free")
    per_event: float = Field(
        1.0, gt=0, description="units one message or event uses (SQS: send, receive, delete)"
    )
    tiers: list[VolumeTier] = Field(default_factory=list, description="volume-tiered rates")
    review_by: dt.date | None = Field(None, description="re-read the price page by this date")
    check: PriceCheck | None = Field(
        None, description="whether the figure was verified against a published page, and where"
    )

    @model_validator(mode="after")
    def _tiers_ascend(self) -> Price:
        ups = [t.up_to for t in self.tiers]
        if any(u is None for u in ups[:-1]) or ups != sorted(
            ups, key=lambda u: float("inf") if u is None else u
        ):
            raise ValueError("tiers must ascend by up_to, with only the last open-ended")
        return self

    def over(self, base: Price) -> Price:
        """This entry laid over a built-in one of the same key: fields it leaves out are kept."""
        return base.model_copy(update={k: getattr(self, k) for k in self.model_fields_set})

    def monthly_usd(self, quantity: float = 1.0) -> float:
        """Cost of quantity units for a month (hourly prices times 730 hours), tiers and free."""
        factor = HOURS_PER_MONTH if self.unit in {"hour", "gb-hour", "vcpu-hour"} else 1.0
        q = max(0.0, quantity - self.free)
        if not self.tiers:
            return self.usd * factor * q
        total, below = 0.0, 0.0
        for t in self.tiers:
            top = q if t.up_to is None else min(q, t.up_to)
            if top > below:
                total += (top - below) * t.usd
            if t.up_to is None or q <= t.up_to:
                break
            below = t.up_to
        return total * factor


class Unpriced(Model):
    """A component a provider's table leaves unpriced on purpose, and why."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="KB technology name of the component")
    providers: list[Provider] = Field(min_length=1, description="whose tables leave it out")
    reason: str = Field(min_length=1, description="why no price item can size it")
    source: Source
