"""Sweep throughput: store appends (fsync), point preparation, and points/s with 1 worker, a
local pool and a Dask LocalCluster, for cheap (closed-form link) and heavier (network Monte
Carlo) points. Prints figures; asserts nothing about time.

    .venv/bin/python bench/bench_sweep.py [--workers 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from qonnect.api.grid import grid_points, parse_grid
from qonnect.api.scenario import scenario_from_data
from qonnect.api.store import PointRecord, ResultStore
from qonnect.api.sweep import run_sweep
from qonnect.api.sweep_point import make_points

NET: dict[str, Any] = {
    "name": "bench-net",
    "seed": 1,
    "network": {
        "duration_s": 40.0,
        "nodes": [{"id": "a"}, {"id": "b"}],
        "edges": [{"a": "a", "b": "b", "length_km": 10}],
        "requests": [{"id": "r", "source": "a", "destination": "b"}],
    },
}


def bench_store(n: int) -> None:
    with tempfile.TemporaryDirectory() as d, ResultStore(d) as st:
        t = time.perf_counter()
        for i in range(n):
            st.append(
                PointRecord(
                    key=f"{i:064x}",
                    index=i,
                    params={"x": i},
                    seed=i,
                    metrics={"link.rate_hz": float(i), "link.fidelity": 0.9},
                    wall_s=0.0,
                )
            )
        dt = time.perf_counter() - t
    print(f"store append+fsync: {n / dt:,.0f} records/s ({dt / n * 1e3:.2f} ms each)")


def bench_points(n: int) -> None:
    base = scenario_from_data({"name": "x"})
    t = time.perf_counter()
    make_points(base, grid_points([parse_grid(f"transducer.efficiency=0.01:0.5:{n}")]))
    dt = time.perf_counter() - t
    print(f"make_points (validate, hash, seed): {n / dt:,.0f} points/s")


def bench_sweep(label: str, data: dict[str, Any], grid: str, **kw: Any) -> float:
    base = scenario_from_data(data)
    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        r = run_sweep(base, [parse_grid(grid)], Path(d), **kw)
        dt = time.perf_counter() - t
    cpu = sum(rec.wall_s for rec in r.records)
    print(
        f"{label:<34} {len(r.records):>4} points in {dt:6.2f} s = {len(r.records) / dt:8.1f}/s"
        f"  (evaluation {cpu / len(r.records) * 1e3:7.2f} ms/point)"
    )
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    bench_store(2000)
    bench_points(2000)
    link = {"name": "bench-link"}
    bench_sweep(
        "link, 1 worker (in process)", link, "transducer.efficiency=0.01:0.5:400", workers=1
    )
    bench_sweep(
        f"link, pool of {args.workers}",
        link,
        "transducer.efficiency=0.01:0.5:400",
        workers=args.workers,
    )
    grid = "transducer.efficiency=0.2:0.5:40"
    one = bench_sweep("network MC, 1 worker", NET, grid, workers=1)
    pool = bench_sweep(f"network MC, pool of {args.workers}", NET, grid, workers=args.workers)
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=args.workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        dask = bench_sweep(
            f"network MC, Dask {args.workers} workers",
            NET,
            grid,
            scheduler=cluster.scheduler_address,
        )
    print(f"speed-up over 1 worker: pool {one / pool:.2f}x, Dask {one / dask:.2f}x")


if __name__ == "__main__":
    main()
