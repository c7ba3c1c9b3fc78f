"""Benchmark of qonnect.qec: sampling throughput and the time to locate a seam threshold.

Prints (never asserts):
- shots per second for a d = 5, r = 5 split memory (sinter + pymatching on 2 workers, and the
  seeded single-process path);
- the time to locate the seam threshold (p_bulk = 1e-3, Z memory, d = 3, 5, 7) and the bulk
  threshold of the same code, and their ratio.

Run: .venv/bin/python bench/bench_qec.py  (a few minutes on 2 cores)
"""

from __future__ import annotations

import time

import numpy as np

from qonnect.qec import (
    Basis,
    DepolarizingSeam,
    MemoryExperiment,
    NoiseModel,
    SamplingBudget,
    SweepParameter,
    ThresholdSweep,
    estimate,
    estimate_many,
    run_sweep,
)

WORKERS = 2


def _throughput() -> None:
    exp = MemoryExperiment(5, 5, Basis.Z, NoiseModel.uniform(1e-3), 2, DepolarizingSeam(1e-2))
    circuit = exp.circuit()
    shots = 4_000_000
    start = time.perf_counter()
    [est] = estimate_many([(circuit, 5)], SamplingBudget(shots), num_workers=WORKERS)
    wall = time.perf_counter() - start
    print(
        f"d=5 r=5 sinter/pymatching, {WORKERS} workers: {est.shots} shots in {wall:.2f} s wall "
        f"= {est.shots / wall:,.0f} shots/s (incl. worker start-up); "
        f"p_L/round = {est.logical_error_rate_per_round:.3e}"
    )
    start = time.perf_counter()
    est1 = estimate(circuit, 5, SamplingBudget(shots // 4), rng=np.random.default_rng(1))
    wall1 = time.perf_counter() - start
    print(
        f"d=5 r=5 seeded single process: {est1.shots} shots in {wall1:.2f} s "
        f"= {est1.shots / wall1:,.0f} shots/s"
    )


def _report(name: str, sweep: ThresholdSweep, seconds: float) -> float | None:
    print(f"{name}: {len(sweep.points)} points in {seconds:.1f} s wall")
    for d in sweep.distances:
        curve = ", ".join(
            f"{p.value:g}:{p.estimate.logical_error_rate_per_round:.3g}" for p in sweep.curve(d)
        )
        print(f"  d={d}: {curve}")
    for c in sweep.crossings:
        print(f"  d={c.distance_small}/{c.distance_large} cross at {c.value:.4g}")
    print(f"  threshold = {sweep.threshold}")
    return sweep.threshold


def _thresholds() -> None:
    # Near the seam threshold the per-shot rate is ~0.4-0.5 at r = d, so the per-round
    # conversion needs many errors per point to resolve the crossing.
    start = time.perf_counter()
    seam = run_sweep(
        SweepParameter.P_SEAM,
        [0.2, 0.25, 0.3, 0.35, 0.4, 0.45],
        [3, 5, 7],
        SamplingBudget(max_shots=400_000, max_errors=20_000),
        basis=Basis.Z,
        modules=2,
        p_bulk=1e-3,
        num_workers=WORKERS,
    )
    seam_t = _report(
        "seam threshold (p_bulk = 1e-3, Z memory, 2 modules)", seam, time.perf_counter() - start
    )
    start = time.perf_counter()
    bulk = run_sweep(
        SweepParameter.P_BULK,
        [0.005, 0.006, 0.007, 0.008, 0.009, 0.010, 0.012],
        [3, 5, 7],
        SamplingBudget(max_shots=1_000_000, max_errors=5_000),
        basis=Basis.Z,
        modules=1,
        num_workers=WORKERS,
    )
    bulk_t = _report("bulk threshold (unsplit, Z memory)", bulk, time.perf_counter() - start)
    if seam_t is not None and bulk_t is not None:
        print(f"seam / bulk threshold = {seam_t / bulk_t:.1f}")


if __name__ == "__main__":
    _throughput()
    _thresholds()
