"""Validation of the split code (issue 6): equivalence, sub-threshold scaling, seam tolerance.

Statistical checks use fixed seeds and bounds from the binomial variance: a two-proportion
z-test |z| < 4.5 (false failure probability ~7e-6 for equal rates) for "equal", z > 4.5 for
"different", and disjoint 95 % Wilson intervals on per-round rates for "smaller".
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from qonnect.qec import (
    Basis,
    DepolarizingSeam,
    LogicalErrorEstimate,
    MemoryExperiment,
    NoiseModel,
    SamplingBudget,
    SweepParameter,
    estimate,
    run_sweep,
)


def _z(a: LogicalErrorEstimate, b: LogicalErrorEstimate) -> float:
    """Two-proportion z statistic of b - a (per shot)."""
    pooled = (a.errors + b.errors) / (a.shots + b.shots)
    se = math.sqrt(pooled * (1 - pooled) * (1 / a.shots + 1 / b.shots))
    return (b.logical_error_rate - a.logical_error_rate) / se


def _run(exp: MemoryExperiment, shots: int, seed: int) -> LogicalErrorEstimate:
    return estimate(
        exp.circuit(), exp.rounds, SamplingBudget(shots), rng=np.random.default_rng(seed)
    )


def test_split_with_p_seam_equal_to_p_bulk_matches_unsplit() -> None:
    # Definition (qonnect.qec.seam): p_seam replaces the crossing gate's DEPOLARIZE2(p_2q), so
    # p_seam = p_bulk is the unsplit model; the split code is built by a different path (the
    # seam branch of the noise pass) and sampled with another seed.
    p = 5e-3
    unsplit = _run(MemoryExperiment(5, 5, Basis.Z, NoiseModel.uniform(p)), 60_000, 1)
    split = _run(
        MemoryExperiment(5, 5, Basis.Z, NoiseModel.uniform(p), 2, DepolarizingSeam(p)), 60_000, 2
    )
    assert unsplit.errors > 300  # enough events for the normal approximation
    assert abs(_z(unsplit, split)) < 4.5
    # Power: a seam five times noisier is detected by the same test.
    noisy = _run(
        MemoryExperiment(5, 5, Basis.Z, NoiseModel.uniform(p), 2, DepolarizingSeam(5 * p)),
        60_000,
        3,
    )
    assert _z(unsplit, noisy) > 4.5


def _per_round_decreasing(ests: list[LogicalErrorEstimate]) -> bool:
    return all(
        big.ci95_per_round[1] < small.ci95_per_round[0] for small, big in itertools.pairwise(ests)
    )


def test_below_threshold_logical_error_falls_with_distance() -> None:
    p = 3e-3  # ~ 0.4 x the bulk threshold
    ests = [
        _run(MemoryExperiment(d, d, Basis.Z, NoiseModel.uniform(p)), 40_000, 10 + d)
        for d in (3, 5, 7)
    ]
    assert _per_round_decreasing(ests)
    # Also for the split code with a seam ten times the bulk.
    split = [
        _run(
            MemoryExperiment(d, d, Basis.X, NoiseModel.uniform(p), 2, DepolarizingSeam(10 * p)),
            40_000,
            20 + d,
        )
        for d in (3, 5, 7)
    ]
    assert _per_round_decreasing(split)


def test_seam_tolerates_far_more_noise_than_the_bulk() -> None:
    # Bulk at p = 0.015: above threshold, the larger code is worse.
    bulk = [
        _run(MemoryExperiment(d, d, Basis.Z, NoiseModel.uniform(0.015)), 20_000, 30 + d)
        for d in (3, 5)
    ]
    per_round_z = (
        bulk[1].logical_error_rate_per_round - bulk[0].logical_error_rate_per_round
    ) / math.hypot(
        (bulk[0].ci95_per_round[1] - bulk[0].ci95_per_round[0]) / 3.92,
        (bulk[1].ci95_per_round[1] - bulk[1].ci95_per_round[0]) / 3.92,
    )
    assert per_round_z > 4.0
    # Seam at 0.15 (10x that) with the bulk at 1e-3, in the harder orientation (Z memory: the
    # seam runs along the logical X operator): still below threshold, the larger code wins.
    seam = [
        _run(
            MemoryExperiment(d, d, Basis.Z, NoiseModel.uniform(1e-3), 2, DepolarizingSeam(0.15)),
            30_000,
            40 + d,
        )
        for d in (3, 5, 7)
    ]
    assert _per_round_decreasing(seam)
    # So seam threshold > 0.15 = 10 x 0.015 > 10 x bulk threshold.


def test_bulk_sweep_locates_a_crossing_near_the_known_threshold() -> None:
    sweep = run_sweep(
        SweepParameter.P_BULK,
        [0.004, 0.007, 0.012, 0.02],
        [3, 5],
        SamplingBudget(20_000, 2_000),
        modules=1,
        rng=np.random.default_rng(50),
    )
    [crossing] = sweep.crossings
    assert (crossing.distance_small, crossing.distance_large) == (3, 5)
    # Circuit-level depolarizing noise with matching: d = 3/5 curves cross near 1 %.
    assert 0.006 < crossing.value < 0.016
    assert sweep.threshold == crossing.value
