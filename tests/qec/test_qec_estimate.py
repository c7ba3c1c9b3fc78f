"""Sampling and statistics: per-round conversion, Wilson intervals, seeded and sinter paths."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binomtest

from qonnect.qec import (
    Basis,
    LogicalErrorEstimate,
    MemoryExperiment,
    NoiseModel,
    SamplingBudget,
    estimate,
    estimate_many,
    per_round_error_rate,
    wilson_interval,
)


@given(e=st.floats(0.0, 0.3), rounds=st.integers(1, 25))
def test_per_round_inverts_the_composition_of_rounds(e: float, rounds: int) -> None:
    p_shot = (1 - (1 - 2 * e) ** rounds) / 2
    # (1 - 2 p_shot) can be ~1e-4 here: a relative error of 1e-16 in p_shot becomes ~1e-12.
    assert per_round_error_rate(p_shot, rounds) == pytest.approx(e, rel=1e-9, abs=1e-12)


def test_per_round_of_one_round_is_the_shot_rate() -> None:
    assert per_round_error_rate(0.123, 1) == pytest.approx(0.123)


@given(shots=st.integers(1, 10_000), frac=st.floats(0.0, 1.0))
def test_wilson_matches_scipy(shots: int, frac: float) -> None:
    errors = round(frac * shots)
    ci = binomtest(errors, shots).proportion_ci(confidence_level=0.95, method="wilson")
    lo, hi = wilson_interval(errors, shots)
    assert lo == pytest.approx(ci.low, abs=1e-9)
    assert hi == pytest.approx(ci.high, abs=1e-9)


def test_estimate_validates_counts() -> None:
    with pytest.raises(ValueError, match=r"not \(0 <= errors=5 <= shots=3\)"):
        LogicalErrorEstimate(shots=3, errors=5, rounds=1)


def _circuit(p: float = 8e-3, d: int = 3) -> MemoryExperiment:
    return MemoryExperiment(d, d, Basis.Z, NoiseModel.uniform(p))


def test_seeded_path_is_reproducible_and_seed_dependent() -> None:
    c = _circuit().circuit()
    budget = SamplingBudget(20_000)
    a = estimate(c, 3, budget, rng=np.random.default_rng(11))
    b = estimate(c, 3, budget, rng=np.random.default_rng(11))
    other = estimate(c, 3, budget, rng=np.random.default_rng(12))
    assert (a.shots, a.errors) == (b.shots, b.errors)
    # ~1000 errors with sd ~30: another seed repeats the count with probability ~1 %; these
    # fixed seeds do not, so equality here would mean the seed is ignored.
    assert a.errors != other.errors


def test_seeded_path_stops_at_max_errors() -> None:
    c = _circuit(p=1.5e-2).circuit()
    est = estimate(c, 3, SamplingBudget(1_000_000, max_errors=100), rng=np.random.default_rng(3))
    assert est.errors >= 100
    assert est.shots < 1_000_000
    # The batch that crossed 100 errors is the last: at most one batch (<= 64k shots) more.
    assert est.shots <= 65_536 + 1024


def test_sinter_path_agrees_with_the_seeded_path() -> None:
    exp = _circuit(p=6e-3)
    c = exp.circuit()
    budget = SamplingBudget(40_000)
    seeded = estimate(c, 3, budget, rng=np.random.default_rng(5))
    [parallel] = estimate_many([(c, 3)], budget, num_workers=1)
    assert parallel.shots == 40_000
    # Two-proportion z-test; |z| < 5 fails by chance with probability < 1e-6.
    p1, p2 = seeded.logical_error_rate, parallel.logical_error_rate
    pooled = (seeded.errors + parallel.errors) / (seeded.shots + parallel.shots)
    se = math.sqrt(pooled * (1 - pooled) * (1 / seeded.shots + 1 / parallel.shots))
    assert abs(p1 - p2) / se < 5.0
