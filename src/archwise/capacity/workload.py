"""The workload a design carries, now and at the horizon, from requirements and assumptions."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

SECONDS_PER_MONTH = 2_628_000.0  # 730 hours, the month every price table uses
HORIZON_MONTHS = 24

# Defaults for the assumption keys of the requirements file (`assumptions:`), each with why.
# Archetype defaults (knowledge base) and the file's own values replace them, in that order.
DEFAULTS: dict[str, tuple[float, str]] = {
    "service_time_ms": (10.0, "CPU time of a typical API request (parse, a few queries, render)"),
    "response_kb": (5.0, "a JSON API response"),
    "egress_mbps_per_viewer": (0.0, "no streaming unless the archetype or file says so"),
    "cdn_hit_ratio": (0.9, "static files and media cache well at the edge"),
    "fanout_per_message": (1.0, "one recipient per message (direct messages)"),
    "messages_per_user_per_minute": (0.2, "a connected user sends a message every 5 minutes"),
    "connections_per_node": (10000.0, "a conservative ceiling for long-lived connections"),
    "read_write_ratio": (3.0, "a balanced workload (read-heavy 10, write-heavy 0.5)"),
    "cache_hit_ratio": (0.8, "a cache in front of the hottest reads"),
    "working_set_fraction": (0.1, "a tenth of the data is hot"),
    "events_per_request": (0.0, "no broker events unless a broker is in the design"),
    "event_kb": (1.0, "a small event or message"),
    "object_kb": (500.0, "an image, a document or a media segment"),
    "requests_per_user_per_minute": (0.6, "a concurrent user makes a request every 100 s"),
    "average_to_peak": (0.3, "monthly volume runs at 30% of the peak rate on average"),
    "blob_fraction": (0.8, "with files, most of the stated data is files"),
    "db_service_ms": (1.0, "an indexed query or a single-row write"),
    "broker_retention_days": (7.0, "a week of events kept for replay"),
    "search_index_fraction": (0.3, "the index is about a third of the indexed data"),
    "concurrent_per_daily_active": (
        0.1,
        "a tenth of the day's active users are online at the peak hour (when concurrent users "
        "are not stated)",
    ),
    "daily_active_per_user": (
        0.2,
        "a fifth of the registered users are active on a given day (when neither concurrent nor "
        "daily active users are stated)",
    ),
}
WORKLOAD_RATIO = {"read-heavy": 10.0, "balanced": 3.0, "write-heavy": 0.5}


@dataclass
class Load:
    """The demand at one moment: the numbers every tier is sized and priced from."""

    users: float
    peak_rps: float  # the rate nodes are sized for (the spike peak when traffic is spiky)
    normal_peak_rps: float
    requests_month: float
    writes: float
    reads: float
    events: float
    events_month: float
    data_gb: float  # in the database
    blob_gb: float  # in object storage
    blob_growth_gb: float  # object storage added a month
    api_egress_gb: float
    media_egress_gb: float
    realtime_messages_month: float

    def scaled(self, k: float) -> Load:
        """This load times k (a cell's share, or the launch fraction); stored data too."""
        return Load(**{f: getattr(self, f) * k for f in self.__dataclass_fields__})


@dataclass
class Workload:
    """Load now and at the horizon, the assumptions used, and where each number came from."""

    now: Load
    horizon: Load
    horizon_months: int
    values: dict[str, float]
    realtime: bool
    files: bool
    search: bool
    latency_p99_ms: float | None
    availability_percent: float | None
    budget_usd: float | None
    cells: int
    cell_reason: str | None
    spike: str | None
    storage_stated: bool
    notes: list[str] = field(default_factory=list)

    def at(self, k: float) -> Workload:
        """The same workload at a fraction of its load (the low end of a cost range)."""
        return replace(self, now=self.now.scaled(k), horizon=self.horizon.scaled(k))


def _get(req: Mapping[str, Any], path: str) -> Any:
    node: Any = req
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _num(req: Mapping[str, Any], path: str) -> float | None:
    v = _get(req, path)
    return None if v is None or isinstance(v, bool) else float(v)


def assumption_values(
    req: Mapping[str, Any], archetype: Mapping[str, float] | None = None
) -> tuple[dict[str, float], dict[str, str]]:
    """Each assumption's value and where it came from: the file, an archetype, or the default."""
    values = {k: v for k, (v, _) in DEFAULTS.items()}
    origin = {k: f"default: {why}" for k, (_, why) in DEFAULTS.items()}
    ratio = WORKLOAD_RATIO.get(str(_get(req, "non_functional.workload")))
    if ratio is not None:
        values["read_write_ratio"] = ratio
        origin["read_write_ratio"] = "from non_functional.workload"
    for k, v in (archetype or {}).items():
        if k in values:
            values[k], origin[k] = float(v), "archetype default"
    stated = _get(req, "assumptions") or {}
    for k, v in stated.items():
        if v is not None and k in values:
            values[k], origin[k] = float(v), "stated in assumptions"
    return values, origin


def concurrent_users(req: Mapping[str, Any], a: Mapping[str, float]) -> tuple[float | None, str]:
    """Concurrent users now: stated, else derived from daily active or total users, or rates."""
    stated = _num(req, "non_functional.users.concurrent")
    if stated is not None:
        return stated, "non_functional.users.concurrent"
    dau = _num(req, "non_functional.users.daily_active")
    total = _num(req, "non_functional.users.total")
    k = a["concurrent_per_daily_active"]
    if dau:
        return dau * k, (
            f"concurrent users: not stated, so derived: {dau:,.0f} daily active users x {k:g} "
            f"(concurrent_per_daily_active) = {dau * k:,.0f} (an assumption; state "
            "non_functional.users.concurrent to replace it)"
        )
    if total:
        d = a["daily_active_per_user"]
        return total * d * k, (
            f"concurrent users: not stated, so derived: {total:,.0f} registered users x {d:g} "
            f"(daily_active_per_user) x {k:g} (concurrent_per_daily_active) = "
            f"{total * d * k:,.0f} (an assumption; state non_functional.users.concurrent to "
            "replace it)"
        )
    if _get(req, "functional.realtime"):  # connected users follow from the stated rates
        peak = _num(req, "non_functional.throughput.peak_rps")
        events = _num(req, "non_functional.throughput.events_per_second")
        rpm, mpm = a["requests_per_user_per_minute"], a["messages_per_user_per_minute"]
        if peak and rpm:
            return peak * 60.0 / rpm, (
                f"concurrent users: not stated, so derived: {peak:,.0f} requests/s x 60 / "
                f"{rpm:g} requests a user a minute (requests_per_user_per_minute) = "
                f"{peak * 60.0 / rpm:,.0f} (an assumption; state non_functional.users.concurrent "
                "to replace it)"
            )
        if events and mpm:
            return events * 60.0 / mpm, (
                f"concurrent users: not stated, so derived: {events:,.0f} messages/s x 60 / "
                f"{mpm:g} messages a user a minute (messages_per_user_per_minute) = "
                f"{events * 60.0 / mpm:,.0f} (an assumption; state non_functional.users.concurrent "
                "to replace it)"
            )
    return None, "no user numbers stated"


def derive_workload(
    req: Mapping[str, Any],
    archetype: Mapping[str, float] | None = None,
    *,
    connections_per_node: float | None = None,
) -> Workload:
    """The workload of a requirements file (as plain data): stated numbers first, then bounds."""
    a, origin = assumption_values(req, archetype)
    if connections_per_node and origin["connections_per_node"].startswith("default"):
        a["connections_per_node"] = connections_per_node
        origin["connections_per_node"] = "the design's connection holder (knowledge base)"
    notes: list[str] = []
    users, users_from = concurrent_users(req, a)
    derived_users = users is not None and not users_from.startswith("non_functional")
    if derived_users:
        notes.append(users_from)
    users_h = _num(req, "non_functional.users.concurrent_in_2_years")
    growth = users_h / users if users and users_h else 1.0
    if users and users_h:
        notes.append(
            f"growth: {users:,.0f} to {users_h:,.0f} concurrent users in {HORIZON_MONTHS} months "
            "(non_functional.users); every rate grows with it"
        )
    else:
        notes.append("growth: no concurrent_in_2_years, so the load is held flat to the horizon")
    peak = _num(req, "non_functional.throughput.peak_rps")
    if peak is None:
        base_users = users if users is not None else 1000.0
        rpm = a["requests_per_user_per_minute"]
        peak = base_users * rpm / 60.0
        who = f"{users:,.0f} concurrent users" if users is not None else "1,000 users (assumed)"
        notes.append(
            f"peak requests: derived, {who} x {rpm:g} requests a minute = {peak:,.1f}/s "
            "(state non_functional.throughput.peak_rps to replace it)"
        )
    else:
        notes.append(f"peak requests: {peak:,.0f}/s (non_functional.throughput.peak_rps)")
    avg_rps = _num(req, "non_functional.throughput.average_rps")
    avg = min(1.0, avg_rps / peak) if avg_rps and peak else a["average_to_peak"]
    if avg_rps and peak:
        origin["average_to_peak"] = "average_rps / peak_rps"
        a["average_to_peak"] = avg
    spike_text = None
    multiple = _num(req, "non_functional.spike.multiple") or 1.0
    duration = _num(req, "non_functional.spike.duration_minutes")
    if _get(req, "non_functional.traffic") == "spiky" and multiple > 1:
        lasting = f" for {duration:g} minutes" if duration else ""
        spike_text = (
            f"spiky traffic: nodes are sized for the spike peak ({multiple:g} x "
            f"{peak:,.0f}/s{lasting}), not as growth; pre-scale before known spikes "
            "(scheduled scaling) and put admission control (a queue or a rate limit) in front "
            "for unannounced ones, since new nodes take minutes to join"
        )
        notes.append(spike_text)
    writes = _num(req, "non_functional.throughput.writes_per_second")
    rwr = a["read_write_ratio"]
    if writes is None:
        writes = peak / (1.0 + rwr)
        notes.append(
            f"database writes: derived, peak / (1 + {rwr:g} reads per write) = {writes:,.1f}/s"
        )
    reads = writes * rwr
    realtime = bool(_get(req, "functional.realtime"))
    events = _num(req, "non_functional.throughput.events_per_second")
    if events is None:
        if realtime:
            events = (users or 1000.0) * a["messages_per_user_per_minute"] / 60.0
            notes.append(
                f"events: derived, {a['messages_per_user_per_minute']:g} messages per connected "
                f"user a minute = {events:,.1f}/s"
            )
        else:
            events = peak * a["events_per_request"]
    files = bool(_get(req, "functional.data.files")) or "blob" in _data_models(req)
    size = _num(req, "functional.data.size_gb")
    grow = _num(req, "functional.data.growth_gb_per_month")
    stated = size is not None
    blob_share = a["blob_fraction"] if files else 0.0
    if size is not None:
        total_h = size + (grow or 0.0) * HORIZON_MONTHS
        notes.append(
            f"storage: {size:,.0f} GB now (functional.data.size_gb)"
            + (
                f" growing {grow:,.0f} GB a month (growth_gb_per_month) to {total_h:,.0f} GB"
                if grow
                else ", no growth stated"
            )
            + (f"; {blob_share:.0%} of it files in object storage" if files else "")
        )
        data_now, data_h = size * (1 - blob_share), total_h * (1 - blob_share)
        blob_now, blob_h = size * blob_share, total_h * blob_share
        blob_growth = (grow or 0.0) * blob_share
    else:
        retention = _num(req, "functional.data.retention_days")
        keep = retention if retention else 365.0
        data_now = writes * avg * 86400.0 * keep * a["event_kb"] / 1e6
        data_h = data_now * growth
        notes.append(
            f"storage: not stated, so an upper bound: {writes:,.1f} writes/s x {avg:g} average "
            f"x {a['event_kb']:g} KB kept {keep:g} days = {data_now:,.0f} GB (state "
            "functional.data.size_gb and growth_gb_per_month to replace it)"
        )
        blob_now = (users or 1000.0) * 0.01 if files else 0.0
        blob_h = blob_now * growth
        blob_growth = (blob_h - blob_now) / HORIZON_MONTHS
        if files:
            notes.append(
                f"files: not sized in the requirements, so 10 MB per concurrent user = "
                f"{blob_now:,.0f} GB (a derived bound)"
            )
    requests_month = peak * avg * SECONDS_PER_MONTH
    api_gb = requests_month * a["response_kb"] / 1e6
    stream_gb = (users or 0.0) * a["egress_mbps_per_viewer"] * avg * SECONDS_PER_MONTH / 8000.0
    media_gb = stream_gb + blob_now  # each stored file downloaded about once a month
    if stream_gb:
        notes.append(
            f"streaming: {users:,.0f} viewers x {a['egress_mbps_per_viewer']:g} Mbit/s x "
            f"{avg:g} average = {stream_gb / 1e6:,.2f} PB a month"
        )
    events_month = events * avg * SECONDS_PER_MONTH
    rt_month = events_month * (1.0 + a["fanout_per_message"]) if realtime else 0.0
    if realtime:  # each message goes out to its recipients
        api_gb += events_month * a["fanout_per_message"] * a["event_kb"] / 1e6
    now = Load(
        users=users or 0.0,
        peak_rps=peak * multiple,
        normal_peak_rps=peak,
        requests_month=requests_month,
        writes=writes,
        reads=reads,
        events=events,
        events_month=events_month,
        data_gb=data_now,
        blob_gb=blob_now,
        blob_growth_gb=blob_growth,
        api_egress_gb=api_gb,
        media_egress_gb=media_gb,
        realtime_messages_month=rt_month,
    )
    hz = now.scaled(growth)
    hz.data_gb, hz.blob_gb, hz.blob_growth_gb = data_h, blob_h, blob_growth
    hz.media_egress_gb = stream_gb * growth + blob_h
    cells, why = _cells(req)
    if cells > 1:
        notes.append(f"{why}: {cells} cells, each carrying 1/{cells} of the load")
    return Workload(
        now=now,
        horizon=hz,
        horizon_months=HORIZON_MONTHS,
        values=a,
        realtime=realtime,
        files=files,
        search=bool(_get(req, "functional.search")),
        latency_p99_ms=_num(req, "non_functional.latency.p99_ms"),
        availability_percent=_num(req, "non_functional.availability_percent"),
        budget_usd=_num(req, "constraints.budget.infra_usd_per_month"),
        cells=cells,
        cell_reason=why,
        spike=spike_text,
        storage_stated=stated,
        notes=notes
        + [
            f"{k} = {a[k]:g} ({origin[k]})"
            for k in sorted(a)
            if k in _used(a, realtime, files, derived_users)
        ],
    )


def _data_models(req: Mapping[str, Any]) -> list[str]:
    model = _get(req, "functional.data.model")
    also = _get(req, "functional.data.also") or []
    return [str(m) for m in [model, *also] if m]


def _cells(req: Mapping[str, Any]) -> tuple[int, str | None]:
    """Regions the design runs in: one cell per residency region, or per region when multi."""
    residency = _get(req, "non_functional.data_residency") or []
    regions = _get(req, "non_functional.regions") or []
    if len(residency) > 1:
        return len(residency), f"data residency in {', '.join(map(str, residency))}"
    if _get(req, "non_functional.multi_region") and len(regions) > 1:
        return len(regions), f"multi-region across {', '.join(map(str, regions))}"
    if _get(req, "non_functional.multi_region"):
        return 2, "multi-region with no regions named (two assumed)"
    return 1, None


def _used(a: Mapping[str, float], realtime: bool, files: bool, derived_users: bool) -> set[str]:
    keys = {
        "service_time_ms",
        "response_kb",
        "read_write_ratio",
        "average_to_peak",
        "db_service_ms",
        "working_set_fraction",
        "cache_hit_ratio",
    }
    if realtime:
        keys |= {"messages_per_user_per_minute", "fanout_per_message", "connections_per_node"}
    if files:
        keys |= {"blob_fraction", "object_kb", "cdn_hit_ratio"}
    if derived_users:
        keys |= {"concurrent_per_daily_active", "daily_active_per_user"}
    if a.get("egress_mbps_per_viewer"):
        keys |= {"egress_mbps_per_viewer", "cdn_hit_ratio"}
    return keys


def ceil_div(a: float, b: float) -> int:
    """ceil(a / b) that forgives floating-point dust."""
    return max(0, math.ceil(a / b - 1e-9))
