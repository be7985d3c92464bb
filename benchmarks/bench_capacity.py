"""Benchmark: archwise's FCFS M/G/c simulator against SimPy on the same model, and JTL import.

Run: python benchmarks/bench_capacity.py [--customers 1000000] [--servers 8] [--rho 0.9]
     [--jtl-rows 1000000] [--seed 1]

Both simulators get the same model (M/M/c, Poisson arrivals, exponential service, FCFS), the
same number of customers and the same warm-up, so their statistical accuracy is the same; the
p99 response time of each is printed beside the Erlang C closed form.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import tempfile
import time
from pathlib import Path

import numpy as np


def simpy_mmc(rate: float, mean_s: float, servers: int, customers: int, seed: int) -> np.ndarray:
    """M/M/c in SimPy: a Resource of c servers, one process per customer."""
    import simpy

    rng = random.Random(seed)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=servers)
    resp = np.empty(customers)

    def customer(i: int) -> object:
        arrive = env.now
        with server.request() as req:
            yield req
            yield env.timeout(rng.expovariate(1.0 / mean_s))
        resp[i] = env.now - arrive

    def source() -> object:
        for i in range(customers):
            yield env.timeout(rng.expovariate(rate))
            env.process(customer(i))

    env.process(source())
    env.run()
    return resp


def bench_simulation(customers: int, servers: int, rho: float, seed: int) -> dict[str, float]:
    from archwise.capacity.queueing import ServiceTime, Station
    from archwise.capacity.simulate import simulate_station

    mean = 1.0
    rate = rho * servers / mean
    formula = Station(rate, ServiceTime(mean), servers).response_percentile(0.99)

    t0 = time.perf_counter()
    ours = simulate_station(rate, ServiceTime(mean), servers, customers=customers, seed=seed)
    t_ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    resp = simpy_mmc(rate, mean, servers, customers, seed)
    t_simpy = time.perf_counter() - t0
    warm = int(customers * 0.05)
    simpy_p99 = float(np.quantile(resp[warm:], 0.99))
    return {
        "formula_p99": formula,
        "archwise_p99": ours.response_s["p99"],
        "simpy_p99": simpy_p99,
        "archwise_s": t_ours,
        "simpy_s": t_simpy,
    }


JTL_HEADER = (
    "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
    "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect"
)


def write_jtl(path: Path, rows: int, seed: int) -> None:
    """A JMeter CSV JTL of rows samples: a ramp of 10 thread levels."""
    rng = np.random.default_rng(seed)
    elapsed = rng.exponential(40.0, rows).astype(np.int64) + 1
    start = 1_795_600_000_000 + np.sort(rng.integers(0, rows // 20, rows))
    threads = 1 + (np.arange(rows) * 10 // rows) * 4
    ok = rng.random(rows) > 0.01
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(JTL_HEADER + "\n")
        for ts, el, th, good in zip(start, elapsed, threads, ok, strict=True):
            code, msg, flag = ("200", "OK", "true") if good else ("503", "Unavailable", "false")
            fh.write(
                f"{ts},{el},GET /,{code},{msg},Thread Group 1-1,text,{flag},,187,118,"
                f"{th},{th},http://127.0.0.1:8080/,{el},0,0\n"
            )


def naive_jtl(path: Path) -> tuple[list[float], list[float], int]:
    """The obvious reader: csv.DictReader with a float per needed field, one row at a time."""
    start: list[float] = []
    elapsed: list[float] = []
    failures = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            start.append(float(row["timeStamp"]))
            elapsed.append(float(row["elapsed"]))
            failures += row["success"] != "true"
    return start, elapsed, failures


def bench_jtl(rows: int, seed: int) -> dict[str, float]:
    from archwise.capacity.files import read_loadtest

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.jtl"
        write_jtl(path, rows, seed)
        size_mb = os.path.getsize(path) / 1_048_576
        t0 = time.perf_counter()
        lt = read_loadtest(path)
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        naive_jtl(path)
        t_naive = time.perf_counter() - t0
    return {
        "rows": float(lt.requests or 0),
        "levels": float(len(lt.levels)),
        "size_mb": size_mb,
        "archwise_s": t_ours,
        "dictreader_s": t_naive,
    }


def main() -> None:
    """Run both benchmarks and print the ratios."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--servers", type=int, default=8)
    ap.add_argument("--rho", type=float, default=0.9)
    ap.add_argument("--jtl-rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    s = bench_simulation(args.customers, args.servers, args.rho, args.seed)
    print(f"M/M/{args.servers} at rho {args.rho}, {args.customers:,} customers, seed {args.seed}")
    print(f"  p99 closed form (Erlang C) {s['formula_p99']:.4f}")
    print(
        f"  archwise  {s['archwise_s']:7.2f} s  p99 {s['archwise_p99']:.4f} "
        f"({(s['archwise_p99'] / s['formula_p99'] - 1) * 100:+.2f}%)"
    )
    print(
        f"  SimPy     {s['simpy_s']:7.2f} s  p99 {s['simpy_p99']:.4f} "
        f"({(s['simpy_p99'] / s['formula_p99'] - 1) * 100:+.2f}%)"
    )
    print(f"  ratio     {s['simpy_s'] / s['archwise_s']:.1f}x faster than SimPy")

    j = bench_jtl(args.jtl_rows, args.seed)
    print(f"JMeter JTL import, {int(j['rows']):,} rows ({j['size_mb']:.0f} MiB)")
    print(f"  archwise  {j['archwise_s']:7.2f} s ({int(j['levels'])} concurrency levels found)")
    print(f"  csv.DictReader loop {j['dictreader_s']:7.2f} s")
    print(f"  ratio     {j['dictreader_s'] / j['archwise_s']:.1f}x")


if __name__ == "__main__":
    main()
