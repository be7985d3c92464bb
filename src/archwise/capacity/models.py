"""The capacity model file and the metrics file, as validated pydantic models."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archwise.schema import Model

Pos = Annotated[float, Field(gt=0)]
NonNeg = Annotated[float, Field(ge=0)]
Pct = Annotated[float, Field(ge=0, le=100)]


class _Strict(Model):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- metrics (diagnose)


class CpuMetrics(_Strict):
    """Processor metrics at the time of the problem."""

    utilisation_percent: Pct | None = None
    run_queue_per_core: NonNeg | None = None
    throttled_percent: Pct | None = None
    steal_percent: Pct | None = None
    iowait_percent: Pct | None = None


class MemoryMetrics(_Strict):
    """Memory and garbage-collection metrics."""

    used_percent: Pct | None = None
    oom_kills: NonNeg | None = None
    gc_time_percent: Pct | None = None
    gc_pause_p99_ms: NonNeg | None = None
    swap_used_percent: Pct | None = None
    growth_percent_per_hour: float | None = None


class PoolMetrics(_Strict):
    """A connection pool (database or upstream)."""

    in_use: NonNeg | None = None
    size: Pos | None = None
    use_percent: Pct | None = None
    wait_p99_ms: NonNeg | None = None
    timeouts_per_minute: NonNeg | None = None


class DatabaseMetrics(_Strict):
    """Database server and query metrics."""

    query_latency_p50_ms: NonNeg | None = None
    query_latency_p99_ms: NonNeg | None = None
    slow_queries_per_minute: NonNeg | None = None
    cpu_percent: Pct | None = None
    connections_percent: Pct | None = None
    replication_lag_s: NonNeg | None = None
    lock_wait_percent: Pct | None = None


class DiskMetrics(_Strict):
    """Storage device metrics."""

    queue_depth: NonNeg | None = None
    utilisation_percent: Pct | None = None
    read_latency_ms: NonNeg | None = None
    write_latency_ms: NonNeg | None = None
    iops: NonNeg | None = None
    iops_limit: Pos | None = None
    iops_use_percent: Pct | None = None


class NetworkMetrics(_Strict):
    """Network interface metrics."""

    throughput_mbps: NonNeg | None = None
    capacity_mbps: Pos | None = None
    use_percent: Pct | None = None
    retransmit_percent: Pct | None = None
    transfer_p99_ms: NonNeg | None = None
    dropped_packets_per_second: NonNeg | None = None


class ErrorMetrics(_Strict):
    """Error rates seen by clients."""

    rate_percent: Pct | None = None
    timeouts_percent: Pct | None = None
    status_5xx_percent: Pct | None = None


class SaturationMetrics(_Strict):
    """Queues and pools in front of the work."""

    request_queue_depth: NonNeg | None = None
    worker_use_percent: Pct | None = None


class LatencyMetrics(_Strict):
    """End-to-end latency against its target."""

    p50_ms: NonNeg | None = None
    p99_ms: NonNeg | None = None
    target_p99_ms: Pos | None = None


class MetricsFile(_Strict):
    """Observed metrics of one service during the window that hurt."""

    service: str | None = None
    window: str | None = Field(None, description="when the metrics were taken")
    cpu: CpuMetrics | None = None
    memory: MemoryMetrics | None = None
    connection_pool: PoolMetrics | None = None
    database: DatabaseMetrics | None = None
    disk: DiskMetrics | None = None
    network: NetworkMetrics | None = None
    errors: ErrorMetrics | None = None
    saturation: SaturationMetrics | None = None
    latency: LatencyMetrics | None = None

    def flat(self) -> dict[str, float]:
        """Dotted metric -> value, with derived percentages filled in where inputs allow."""
        out: dict[str, float] = {}
        for section in type(self).model_fields:
            block = getattr(self, section)
            if isinstance(block, BaseModel):
                for key, value in block.model_dump().items():
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        out[f"{section}.{key}"] = float(value)
        derived = (
            ("connection_pool.use_percent", "connection_pool.in_use", "connection_pool.size"),
            ("network.use_percent", "network.throughput_mbps", "network.capacity_mbps"),
            ("disk.iops_use_percent", "disk.iops", "disk.iops_limit"),
        )
        for target, num, den in derived:
            if target not in out and num in out and den in out and out[den] > 0:
                out[target] = 100.0 * out[num] / out[den]
        return out


def metric_names() -> set[str]:
    """Every dotted metric name the metrics file accepts."""
    names: set[str] = set()
    for section, f in MetricsFile.model_fields.items():
        inner = f.annotation
        for arg in getattr(inner, "__args__", (inner,)):
            fields = getattr(arg, "model_fields", None)
            if fields:
                names |= {f"{section}.{k}" for k in fields}
    return names


# ---------------------------------------------------------------- capacity model (plan)


class ForecastPoint(_Strict):
    """Demand expected at a month from the start."""

    month: Annotated[float, Field(gt=0)]
    value: Pos


class Demand(_Strict):
    """How much demand there is now and how it grows."""

    unit: str = Field("concurrent users", min_length=1)
    now: Pos
    growth_percent_per_month: float | None = Field(None, gt=-100)
    forecast: list[ForecastPoint] | None = None

    @model_validator(mode="after")
    def _one_growth(self) -> Demand:
        if self.growth_percent_per_month is not None and self.forecast:
            raise ValueError("give growth_percent_per_month or forecast, not both")
        return self


class Option(_Strict):
    """One way to run a resource: a technology, its per-node ceiling and its price."""

    name: str = Field(min_length=1)
    technology: str | None = Field(
        None, description="KB technology; its max_connections_per_node is the default ceiling"
    )
    per_node: Pos | None = Field(None, description="demand units one node holds at most")
    per_node_source: str | None = Field(None, description="where per_node comes from")
    price: str | None = Field(None, description="KB price key of one node")
    usd_per_node_month: NonNeg | None = Field(None, description="price when not in the KB")


class Resource(_Strict):
    """A resource whose capacity is a count per node (connections, sessions, GB)."""

    name: str = Field(min_length=1)
    per_demand: Pos = Field(1.0, description="resource units per demand unit")
    options: list[Option] = Field(min_length=1, description="first = what runs today")
    provisioned_nodes: Annotated[int, Field(ge=1)] | None = Field(
        None, description="nodes deployed today; default: sized for today's demand"
    )


class StationSpec(_Strict):
    """A queueing station (service, database, load balancer) sized for a latency target."""

    name: str = Field(min_length=1)
    rate_rps: Pos | None = Field(None, description="peak request rate today")
    rate_per_demand: Pos | None = Field(None, description="requests per second per demand unit")
    visit_probability: Annotated[float, Field(gt=0, le=1)] = 1.0
    service_ms: Pos
    service_scv: NonNeg = 1.0
    workers_per_node: Annotated[int, Field(ge=1)] = 1
    servers: Annotated[int, Field(ge=1)] | None = Field(
        None, description="fixed worker count (simulate); default: sized for the target"
    )
    target_p99_ms: Pos | None = None
    price: str | None = None
    usd_per_node_month: NonNeg | None = None
    bytes_per_request: Pos | None = Field(None, description="stored bytes per request (storage)")
    retention_days: Pos | None = Field(None, description="how long stored data is kept")
    storage_price: str | None = Field(None, description="KB price key per GB-month")
    scaling: Literal["horizontal", "vertical"] = Field(
        "horizontal", description="horizontal: more nodes; vertical: a bigger node (+ spares)"
    )
    sizes: list[str] = Field(
        default_factory=list, description="vertical: KB price keys of node sizes (vCPUs known)"
    )

    @model_validator(mode="after")
    def _rate(self) -> StationSpec:
        if self.rate_rps is None and self.rate_per_demand is None:
            raise ValueError("give rate_rps or rate_per_demand")
        return self


class CapacityModel(_Strict):
    """A capacity model: demand, growth, resources, stations, targets and prices."""

    name: str = Field(min_length=1)
    start: dt.date | None = Field(None, description="date of 'now' (month 0)")
    horizon_months: Annotated[int, Field(ge=1, le=240)] = 24
    headroom: Annotated[float, Field(ge=0, lt=1)] = 0.3
    n_plus: Annotated[int, Field(ge=0, le=10)] = 1
    target_p99_ms: Pos | None = None
    budget_usd_per_month: NonNeg | None = None
    demand: Demand
    resources: list[Resource] = Field(default_factory=list)
    stations: list[StationSpec] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list, description="stated in the output")
    mode: Literal["plan"] = "plan"
