"""Load-test results of k6, Locust, JMeter, Gatling, vegeta, hey and wrk in one normalised model."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from archwise.errors import InputError

FloatArray = NDArray[np.float64]

FORMATS = (
    "k6-summary",
    "k6-json",
    "locust-stats",
    "locust-history",
    "jmeter-jtl",
    "gatling-stats",
    "vegeta-json",
    "hey-csv",
    "wrk-text",
    "usl-csv",
)

QUIRKS = {
    "k6-summary": (
        "k6's summary export keeps only the trend statistics in summaryTrendStats (by default "
        "avg, min, med, max, p(90), p(95)): there is no p99 unless the test configured it"
    ),
    "k6-json": "k6 NDJSON points: concurrency is the vus gauge, sampled about once a second",
    "locust-stats": (
        "Locust rounds response times before computing percentiles: whole ms below 100 ms, "
        "10 ms below 1 s, 100 ms below 10 s, whole seconds above; its percentiles are "
        "approximate"
    ),
    "locust-history": (
        "Locust rounds response times (whole ms below 100 ms, 10 ms below 1 s, 100 ms below "
        "10 s); its Requests/s column is a rolling average, so archwise derives throughput "
        "from the Total Request Count differences instead"
    ),
    "jmeter-jtl": "JMeter JTL: concurrency is allThreads at each sample; elapsed is in ms",
    "gatling-stats": (
        "Gatling stats.json holds aggregates only (percentiles1-4 are the configured "
        "percentiles, 50/75/95/99 by default) and no concurrency"
    ),
    "vegeta-json": (
        "vegeta is an open-model (constant-rate) tool: its report has no concurrency; "
        "latencies are in nanoseconds; throughput counts successful requests only"
    ),
    "hey-csv": "hey CSV has one row per request (times in seconds) and no concurrency",
    "wrk-text": "wrk text: concurrency is the connection count; percentiles need --latency",
    "usl-csv": "plain concurrency,throughput pairs",
}


@dataclass(frozen=True)
class LoadLevel:
    """Throughput measured at one concurrency level."""

    concurrency: float
    throughput_rps: float
    seconds: int


@dataclass
class LoadTest:
    """One load-test result, normalised: totals, latency percentiles and concurrency levels."""

    tool: str
    format: str
    file: str
    requests: int | None = None
    failures: int | None = None
    duration_s: float | None = None
    throughput_rps: float | None = None
    concurrency: float | None = None
    latency_ms: dict[str, float] = field(default_factory=dict)
    levels: list[LoadLevel] = field(default_factory=list)
    quirks: list[str] = field(default_factory=list)

    @property
    def error_rate(self) -> float | None:
        """Failed requests / all requests."""
        if self.requests and self.failures is not None:
            return self.failures / self.requests
        return None

    def points(self) -> list[tuple[float, float]]:
        """(concurrency, throughput) pairs for a USL fit."""
        if self.levels:
            return [(lv.concurrency, lv.throughput_rps) for lv in self.levels]
        if self.concurrency and self.throughput_rps is not None:
            return [(self.concurrency, self.throughput_rps)]
        return []


def _bad(file: str, msg: str, line: int | None = None, fld: str | None = None) -> InputError:
    return InputError(msg, file=file, line=line, field=fld)


def sniff(head: str, name: str) -> str:
    """Guess the format from a file's first characters and its name."""
    stripped = head.lstrip()
    first = stripped.splitlines()[0] if stripped else ""
    lower = name.lower()
    if stripped.startswith("{"):
        if '"type":"Metric"' in first.replace(" ", "") or '"type":"Point"' in first.replace(
            " ", ""
        ):
            return "k6-json"
        if '"latencies"' in head and '"status_codes"' in head:
            return "vegeta-json"
        if '"numberOfRequests"' in head or '"pathFormatted"' in head:
            return "gatling-stats"
        if '"metrics"' in head:
            return "k6-summary"
    if first.startswith("Type,Name,Request Count"):
        return "locust-stats"
    if first.startswith("Timestamp,User Count"):
        return "locust-history"
    if first.startswith("response-time,DNS+dialup"):
        return "hey-csv"
    if "timeStamp" in first and "elapsed" in first:
        return "jmeter-jtl"
    if re.match(r"^\s*concurrency\s*,\s*throughput", first, re.IGNORECASE):
        return "usl-csv"
    if "Requests/sec:" in head or re.search(r"threads and \d+ connections", head):
        return "wrk-text"
    hint = ""
    if lower.endswith(".jtl") or lower.endswith(".csv"):
        hint = " (a CSV, but its header matches no known tool)"
    raise _bad(
        name,
        f"unrecognised load-test format{hint}; archwise reads k6 (--summary-export JSON, "
        "--out json NDJSON), Locust (_stats.csv, _stats_history.csv), JMeter JTL (CSV with "
        "header), Gatling js/stats.json, vegeta report -type=json, hey -o csv, wrk text and "
        "concurrency,throughput CSV",
    )


def _num(v: Any) -> float | None:
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip()
    if s in {"", "-", "N/A", "NaN"}:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def levels_from_requests(
    done_s: FloatArray, concurrency: FloatArray, *, min_seconds: int = 1
) -> list[LoadLevel]:
    """Group per-request completion times into seconds, then seconds by concurrency level."""
    if done_s.size == 0:
        return []
    sec = np.floor(done_s - done_s.min()).astype(np.int64)
    counts = np.bincount(sec)
    conc = np.zeros(counts.size)
    np.maximum.at(conc, sec, concurrency)
    # Drop the first and last (partial) seconds, and seconds with no completions.
    idx = np.arange(counts.size)
    keep = (idx > 0) & (idx < counts.size - 1) & (counts > 0) & (conc > 0)
    return _group(conc[keep], counts[keep].astype(np.float64), min_seconds)


def _group(conc: FloatArray, tput: FloatArray, min_seconds: int) -> list[LoadLevel]:
    out: list[LoadLevel] = []
    for level in np.unique(conc):
        sel = conc == level
        if int(sel.sum()) >= min_seconds:
            out.append(LoadLevel(float(level), float(tput[sel].mean()), int(sel.sum())))
    return out


def _pcts(values_ms: FloatArray) -> dict[str, float]:
    if values_ms.size == 0:
        return {}
    qs = np.quantile(values_ms, [0.5, 0.9, 0.95, 0.99, 0.999])
    return {
        "mean": float(values_ms.mean()),
        "min": float(values_ms.min()),
        "p50": float(qs[0]),
        "p90": float(qs[1]),
        "p95": float(qs[2]),
        "p99": float(qs[3]),
        "p99.9": float(qs[4]),
        "max": float(values_ms.max()),
    }


def parse_jtl_bytes(data: bytes, file: str) -> LoadTest:
    """JMeter JTL from raw bytes: a vectorised numpy path when no field is quoted, else CSV."""
    fast = _jtl_fast(data, file)
    if fast is not None:
        return fast
    return parse_jtl(io.StringIO(data.decode("utf-8-sig")), file)


_CHUNK = 250_000
_POW10 = 10 ** np.arange(19, dtype=np.int64)


def _int_fields(buf: NDArray[np.uint8], s: NDArray[np.int64], e: NDArray[np.int64]) -> Any:
    """Parse unsigned decimal integers between s and e (vectorised); None if any is not one."""
    out = np.empty(s.size, dtype=np.float64)
    for lo in range(0, s.size, _CHUNK):
        st, en = s[lo : lo + _CHUNK], e[lo : lo + _CHUNK]
        width = en - st
        if width.size == 0:
            continue
        if int(width.min()) <= 0 or int(width.max()) > 18:
            return None
        k = np.arange(int(width.max()))
        valid = k[None, :] < width[:, None]
        idx = np.minimum(st[:, None] + k[None, :], buf.size - 1)
        digits = buf[idx].astype(np.int64) - 48
        if np.any(((digits < 0) | (digits > 9)) & valid):
            return None
        power = np.where(valid, width[:, None] - 1 - k[None, :], 0)
        out[lo : lo + _CHUNK] = np.where(valid, digits * _POW10[power], 0).sum(axis=1)
    return out


def _jtl_fast(data: bytes, file: str) -> LoadTest | None:
    """Columns located by comma positions in one numpy pass (files without quoted fields)."""
    if b'"' in data:
        return None
    head_end = data.find(b"\n")
    if head_end < 0:
        return None
    header = data[:head_end].decode("utf-8-sig").strip()
    names = [h.strip() for h in header.split(",")]
    col = {n: i for i, n in enumerate(names)}
    threads = "allThreads" if "allThreads" in col else "grpThreads" if "grpThreads" in col else None
    if not all(n in col for n in ("timeStamp", "elapsed", "success")):
        return None
    buf = np.frombuffer(data, dtype=np.uint8)
    body0 = head_end + 1
    nl = np.flatnonzero(buf[body0:] == 10).astype(np.int64) + body0
    ends = nl if data.endswith(b"\n") else np.append(nl, len(data))
    starts = np.concatenate(([body0], nl[:-1] + 1)) if nl.size else np.array([body0])
    starts = starts[: ends.size]
    if ends.size == 0 or np.any(ends <= starts):
        return None
    ends = ends - (buf[ends - 1] == 13)
    ncol = len(names)
    commas = np.flatnonzero(buf[body0:] == 44).astype(np.int64) + body0
    if commas.size != ends.size * (ncol - 1):
        return None
    grid = commas.reshape(ends.size, ncol - 1) if ncol > 1 else commas.reshape(ends.size, 0)
    if ncol > 1 and (np.any(grid[:, 0] < starts) or np.any(grid[:, -1] > ends)):
        return None

    def field(name: str) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        j = col[name]
        s = starts if j == 0 else grid[:, j - 1] + 1
        e = ends if j == ncol - 1 else grid[:, j]
        return s, e

    start = _int_fields(buf, *field("timeStamp"))
    elapsed = _int_fields(buf, *field("elapsed"))
    th = _int_fields(buf, *field(threads)) if threads else None
    if start is None or elapsed is None or (threads and th is None):
        return None
    s_ok, _ = field("success")
    ok = int(np.count_nonzero((buf[s_ok] | 0x20) == ord("t")))
    return _jtl_result(file, start, elapsed, int(ends.size) - ok, th)


def _jtl_result(
    file: str,
    start: FloatArray,
    elapsed: FloatArray,
    failures: int,
    threads: FloatArray | None,
) -> LoadTest:
    done_s = (start + elapsed) / 1000.0
    duration = float(done_s.max() - start.min() / 1000.0)
    lt = LoadTest(
        tool="JMeter",
        format="jmeter-jtl",
        file=file,
        requests=int(start.size),
        failures=failures,
        duration_s=duration,
        throughput_rps=start.size / duration if duration > 0 else None,
        latency_ms=_pcts(elapsed),
        quirks=[QUIRKS["jmeter-jtl"]],
    )
    if threads is not None:
        lt.levels = levels_from_requests(done_s, threads)
        lt.concurrency = float(np.median(threads))
    return lt


def parse_jtl(lines: Iterable[str], file: str) -> LoadTest:
    """JMeter JTL in CSV with a header row; columns found by name (the csv-module path)."""
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise _bad(file, "empty JTL file") from None
    col = {name.strip(): i for i, name in enumerate(header)}
    for need in ("timeStamp", "elapsed", "success"):
        if need not in col:
            raise _bad(
                file, f"JTL header lacks the {need!r} column (save as CSV with field names)", 1
            )
    i_ts, i_el, i_ok = col["timeStamp"], col["elapsed"], col["success"]
    i_th = col.get("allThreads", col.get("grpThreads"))
    ts: list[str] = []
    el: list[str] = []
    ok: list[str] = []
    th: list[str] = []
    width = len(header)
    line_no = 1
    try:
        for line_no, row in enumerate(reader, start=2):
            if len(row) < width:
                if not row:
                    continue
                raise _bad(file, f"row has {len(row)} columns, the header {width}", line_no)
            ts.append(row[i_ts])
            el.append(row[i_el])
            ok.append(row[i_ok])
            if i_th is not None:
                th.append(row[i_th])
    except csv.Error as exc:
        raise _bad(file, f"malformed CSV: {exc}", line_no) from None
    if not ts:
        raise _bad(file, "JTL has a header but no samples")
    try:
        start = np.array(ts).astype(np.float64)
        elapsed = np.array(el).astype(np.float64)
    except ValueError:
        raise _bad(
            file, "timeStamp and elapsed must be numbers (epoch ms)", fld="timeStamp"
        ) from None
    failures = sum(1 for s in ok if s.strip().lower() != "true")
    threads = np.array(th).astype(np.float64) if th else None
    return _jtl_result(file, start, elapsed, failures, threads)


def parse_locust_stats(text: str, file: str) -> LoadTest:
    """Locust --csv PREFIX_stats.csv: the Aggregated row."""
    rows = list(csv.DictReader(io.StringIO(text)))
    agg = next((r for r in rows if (r.get("Name") or "").strip() == "Aggregated"), None)
    if agg is None:
        raise _bad(file, "no 'Aggregated' row in the Locust stats CSV", fld="Name")
    req = _num(agg.get("Request Count")) or 0.0
    lat = {
        "mean": _num(agg.get("Average Response Time")),
        "min": _num(agg.get("Min Response Time")),
        "p50": _num(agg.get("50%")),
        "p90": _num(agg.get("90%")),
        "p95": _num(agg.get("95%")),
        "p99": _num(agg.get("99%")),
        "p99.9": _num(agg.get("99.9%")),
        "max": _num(agg.get("Max Response Time")),
    }
    rps = _num(agg.get("Requests/s"))
    return LoadTest(
        tool="Locust",
        format="locust-stats",
        file=file,
        requests=int(req),
        failures=int(_num(agg.get("Failure Count")) or 0),
        throughput_rps=rps,
        duration_s=req / rps if rps else None,
        latency_ms={k: v for k, v in lat.items() if v is not None},
        quirks=[QUIRKS["locust-stats"]],
    )


def parse_locust_history(text: str, file: str) -> LoadTest:
    """Locust PREFIX_stats_history.csv: throughput per user count from request-count deltas."""
    rows = [
        r
        for r in csv.DictReader(io.StringIO(text))
        if (r.get("Name") or "").strip() == "Aggregated"
    ]
    if len(rows) < 2:
        raise _bad(file, "the Locust history has fewer than two Aggregated rows")
    t = np.array([_num(r.get("Timestamp")) or 0.0 for r in rows])
    users = np.array([_num(r.get("User Count")) or 0.0 for r in rows])
    total = np.array([_num(r.get("Total Request Count")) or 0.0 for r in rows])
    fails = _num(rows[-1].get("Total Failure Count")) or 0.0
    dt = np.diff(t)
    dn = np.diff(total)
    u = users[1:]
    # A second right after the user count changed mixes two levels: leave it out.
    steady = np.concatenate(([False], users[1:-1] == users[:-2])) if u.size > 1 else u > 0
    keep = (dt > 0) & (u > 0) & steady[: u.size]
    levels = _group(u[keep], dn[keep] / dt[keep], 1)
    last = rows[-1]
    lat = {
        "mean": _num(last.get("Total Average Response Time")),
        "p50": _num(last.get("Total Median Response Time")),
        "min": _num(last.get("Total Min Response Time")),
        "max": _num(last.get("Total Max Response Time")),
    }
    duration = float(t[-1] - t[0])
    return LoadTest(
        tool="Locust",
        format="locust-history",
        file=file,
        requests=int(total[-1]),
        failures=int(fails),
        duration_s=duration,
        throughput_rps=float(total[-1] - total[0]) / duration if duration > 0 else None,
        concurrency=float(users.max()),
        latency_ms={k: v for k, v in lat.items() if v is not None},
        levels=levels,
        quirks=[QUIRKS["locust-history"]],
    )


def _k6_values(metric: dict[str, Any]) -> dict[str, Any]:
    vals = metric.get("values")
    return vals if isinstance(vals, dict) else metric


def parse_k6_summary(text: str, file: str) -> LoadTest:
    """k6 --summary-export JSON (and the handleSummary data form with 'values')."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(file, f"invalid JSON: {exc.msg}", exc.lineno) from None
    metrics = data.get("metrics") if isinstance(data, dict) else None
    if not isinstance(metrics, dict):
        raise _bad(file, "k6 summary lacks a 'metrics' mapping", fld="metrics")
    dur = _k6_values(metrics.get("http_req_duration") or {})
    reqs = _k6_values(metrics.get("http_reqs") or {})
    failed = _k6_values(metrics.get("http_req_failed") or {})
    vus = _k6_values(metrics.get("vus_max") or metrics.get("vus") or {})
    names = {"avg": "mean", "min": "min", "med": "p50", "max": "max"}
    lat: dict[str, float] = {}
    for k, v in dur.items():
        m = re.fullmatch(r"p\((\d+(?:\.\d+)?)\)", k)
        key = names.get(k) or (f"p{m.group(1)}" if m else None)
        num = _num(v)
        if key and num is not None:
            lat[key] = num
    count = _num(reqs.get("count"))
    rate = _num(reqs.get("rate"))
    # For the Rate metric http_req_failed, "passes" counts true values: failed requests.
    fails = _num(failed.get("passes"))
    if fails is None and _num(failed.get("rate")) is not None and count:
        fails = round((_num(failed.get("rate")) or 0.0) * count)
    conc = _num(vus.get("max")) or _num(vus.get("value"))
    return LoadTest(
        tool="k6",
        format="k6-summary",
        file=file,
        requests=int(count) if count is not None else None,
        failures=int(fails) if fails is not None else None,
        throughput_rps=rate,
        duration_s=count / rate if count and rate else None,
        concurrency=conc,
        latency_ms=lat,
        quirks=[QUIRKS["k6-summary"]],
    )


def _iso_seconds(text: str) -> float:
    # k6 writes nanosecond RFC 3339 times; datetime takes microseconds at most.
    m = re.match(r"^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?$", text)
    if not m:
        raise ValueError(text)
    base, frac, tz = m.group(1), m.group(2) or "", m.group(3) or "+00:00"
    tz = "+00:00" if tz == "Z" else tz
    return datetime.fromisoformat(base + tz).timestamp() + (float(frac) if frac else 0.0)


def parse_k6_ndjson(lines: Iterable[str], file: str) -> LoadTest:
    """k6 --out json: one Metric or Point object per line."""
    req_t: list[float] = []
    dur: list[float] = []
    fail_n = 0
    vus_t: list[float] = []
    vus_v: list[float] = []
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _bad(file, f"invalid JSON line: {exc.msg}", no) from None
        if not isinstance(obj, dict) or obj.get("type") != "Point":
            continue
        metric = obj.get("metric")
        d = obj.get("data") or {}
        if metric not in {"http_reqs", "http_req_duration", "http_req_failed", "vus"}:
            continue
        try:
            t = _iso_seconds(str(d.get("time")))
            v = float(d["value"])
        except (KeyError, TypeError, ValueError):
            raise _bad(file, "a Point needs data.time (RFC 3339) and a numeric value", no) from None
        if metric == "http_reqs":
            req_t.append(t)
        elif metric == "http_req_duration":
            dur.append(v)
        elif metric == "http_req_failed":
            fail_n += int(v > 0)
        else:
            vus_t.append(t)
            vus_v.append(v)
    if not req_t:
        raise _bad(file, "no http_reqs points in the k6 JSON output")
    done = np.array(req_t)
    lt = LoadTest(
        tool="k6",
        format="k6-json",
        file=file,
        requests=done.size,
        failures=fail_n,
        latency_ms=_pcts(np.array(dur)),
        quirks=[QUIRKS["k6-json"]],
    )
    span = float(done.max() - done.min())
    lt.duration_s = span
    lt.throughput_rps = done.size / span if span > 0 else None
    if vus_t:
        order = np.argsort(vus_t)
        vt = np.array(vus_t)[order]
        vv = np.array(vus_v)[order]
        at = np.clip(np.searchsorted(vt, done, side="right") - 1, 0, vt.size - 1)
        lt.levels = levels_from_requests(done, vv[at])
        lt.concurrency = float(vv.max())
    return lt


def parse_gatling(text: str, file: str) -> LoadTest:
    """Gatling HTML report's js/stats.json (the global 'stats' block)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(file, f"invalid JSON: {exc.msg}", exc.lineno) from None
    stats = data.get("stats") if isinstance(data, dict) else None
    if not isinstance(stats, dict):
        raise _bad(file, "Gatling stats.json lacks the 'stats' block", fld="stats")

    def total(key: str) -> float | None:
        block = stats.get(key)
        return _num(block.get("total")) if isinstance(block, dict) else None

    n = total("numberOfRequests")
    ko = stats.get("numberOfRequests", {}).get("ko")
    rps = total("meanNumberOfRequestsPerSecond")
    lat = {
        "mean": total("meanResponseTime"),
        "min": total("minResponseTime"),
        "max": total("maxResponseTime"),
        "p50": total("percentiles1"),
        "p75": total("percentiles2"),
        "p95": total("percentiles3"),
        "p99": total("percentiles4"),
    }
    return LoadTest(
        tool="Gatling",
        format="gatling-stats",
        file=file,
        requests=int(n) if n is not None else None,
        failures=int(_num(ko) or 0),
        throughput_rps=rps,
        duration_s=n / rps if n and rps else None,
        latency_ms={k: v for k, v in lat.items() if v is not None},
        quirks=[QUIRKS["gatling-stats"]],
    )


def parse_vegeta(text: str, file: str) -> LoadTest:
    """vegeta report -type=json (latencies in nanoseconds)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(file, f"invalid JSON: {exc.msg}", exc.lineno) from None
    lat_ns = data.get("latencies") or {}
    names = {
        "mean": "mean",
        "min": "min",
        "50th": "p50",
        "90th": "p90",
        "95th": "p95",
        "99th": "p99",
        "max": "max",
    }
    lat = {
        names[k]: float(v) / 1e6 for k, v in lat_ns.items() if k in names and _num(v) is not None
    }
    reqs = int(_num(data.get("requests")) or 0)
    success = _num(data.get("success"))
    dur_ns = _num(data.get("duration"))
    return LoadTest(
        tool="vegeta",
        format="vegeta-json",
        file=file,
        requests=reqs,
        failures=round(reqs * (1 - success)) if success is not None else None,
        duration_s=dur_ns / 1e9 if dur_ns else None,
        throughput_rps=_num(data.get("throughput")),
        latency_ms=lat,
        quirks=[QUIRKS["vegeta-json"]],
    )


def parse_hey(text: str, file: str) -> LoadTest:
    """hey -o csv: one row per request with its response time in seconds."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise _bad(file, "hey CSV has no rows")
    try:
        rt = np.array([float(r["response-time"]) for r in rows]) * 1000.0
        offset = np.array([float(r["offset"]) for r in rows])
        status = [r.get("status-code", "") for r in rows]
    except (KeyError, ValueError):
        raise _bad(file, "hey CSV needs numeric response-time and offset columns") from None
    done = offset + rt / 1000.0
    span = float(done.max() - offset.min())
    fails = sum(1 for s in status if not s.startswith(("2", "3")))
    return LoadTest(
        tool="hey",
        format="hey-csv",
        file=file,
        requests=len(rows),
        failures=fails,
        duration_s=span,
        throughput_rps=len(rows) / span if span > 0 else None,
        latency_ms=_pcts(rt),
        quirks=[QUIRKS["hey-csv"]],
    )


_WRK_UNIT = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3_600_000.0}


def _wrk_ms(text: str) -> float:
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", text)
    if not m:
        raise ValueError(text)
    return float(m.group(1)) * _WRK_UNIT[m.group(2)]


def parse_wrk(text: str, file: str) -> LoadTest:
    """wrk's text report (with --latency for percentiles)."""
    conn = re.search(r"(\d+) threads and (\d+) connections", text)
    total = re.search(r"(\d+) requests in ([0-9.]+)(us|ms|s|m|h)", text)
    rps = re.search(r"Requests/sec:\s*([0-9.]+)", text)
    if not (total and rps):
        raise _bad(file, "wrk output lacks the 'N requests in T' or 'Requests/sec:' line")
    lat: dict[str, float] = {}
    mean = re.search(r"Latency\s+([0-9.]+(?:us|ms|s|m|h))\s+\S+\s+([0-9.]+(?:us|ms|s|m|h))", text)
    if mean:
        lat["mean"] = _wrk_ms(mean.group(1))
        lat["max"] = _wrk_ms(mean.group(2))
    for p, v in re.findall(r"^\s*(\d+(?:\.\d+)?)%\s+([0-9.]+(?:us|ms|s|m|h))\s*$", text, re.M):
        key = f"p{float(p):g}"
        lat[key] = _wrk_ms(v)
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
    if non2xx:
        errors += int(non2xx.group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if sock:
        errors += sum(int(g) for g in sock.groups())
    dur = _wrk_ms(total.group(2) + total.group(3)) / 1000.0
    return LoadTest(
        tool="wrk",
        format="wrk-text",
        file=file,
        requests=int(total.group(1)),
        failures=errors,
        duration_s=dur,
        throughput_rps=float(rps.group(1)),
        concurrency=float(conn.group(2)) if conn else None,
        latency_ms=lat,
        quirks=[QUIRKS["wrk-text"]],
    )


def parse_usl_csv(text: str, file: str) -> LoadTest:
    """A plain CSV of concurrency,throughput pairs (one measurement per row)."""
    reader = csv.reader(io.StringIO(text))
    next(reader, None)
    conc: list[float] = []
    tput: list[float] = []
    for no, row in enumerate(reader, start=2):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        try:
            conc.append(float(row[0]))
            tput.append(float(row[1]))
        except (IndexError, ValueError):
            raise _bad(file, "expected two numbers: concurrency,throughput", no) from None
    levels = [LoadLevel(c, x, 1) for c, x in zip(conc, tput, strict=True)]
    return LoadTest(
        tool="table", format="usl-csv", file=file, levels=levels, quirks=[QUIRKS["usl-csv"]]
    )


def parse(fmt: str, text_or_lines: str | Iterator[str], file: str) -> LoadTest:
    """Parse one load-test result of a known format."""
    if fmt == "jmeter-jtl":
        lines = io.StringIO(text_or_lines) if isinstance(text_or_lines, str) else text_or_lines
        return parse_jtl(lines, file)
    if fmt == "k6-json":
        lines = (
            iter(text_or_lines.splitlines()) if isinstance(text_or_lines, str) else text_or_lines
        )
        return parse_k6_ndjson(lines, file)
    text = text_or_lines if isinstance(text_or_lines, str) else "".join(text_or_lines)
    parsers = {
        "k6-summary": parse_k6_summary,
        "locust-stats": parse_locust_stats,
        "locust-history": parse_locust_history,
        "gatling-stats": parse_gatling,
        "vegeta-json": parse_vegeta,
        "hey-csv": parse_hey,
        "wrk-text": parse_wrk,
        "usl-csv": parse_usl_csv,
    }
    if fmt not in parsers:
        raise _bad(file, f"unknown format {fmt!r}; known: {', '.join(FORMATS)}", fld="format")
    return parsers[fmt](text, file)


def is_finite_number(v: float | None) -> bool:
    """True for a finite float."""
    return v is not None and math.isfinite(v)
