"""The geometric-skipping Monte Carlo agrees with the exact expectations within 3 sigma."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qonnect.core import RandomStreams
from qonnect.link import LinkPerformance, expected_link, simulate_link
from qonnect.link.montecarlo import success_cycles
from qonnect.physics import Memory
from qonnect.states import BellDiagonal, store

PERF = LinkPerformance(2e-3, 50e-6, BellDiagonal(0.93, 0.03, 0.02, 0.02), modes=3)
MEMORY = Memory(t1_s=300e-6, t2_s=250e-6)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rate_at_herald_within_3_sigma(seed: int) -> None:
    sim = simulate_link(PERF, 20.0, RandomStreams(seed).generator("link"))
    assert sim.expected_rate_hz == pytest.approx(PERF.rate_hz, rel=1e-6)
    assert abs(sim.rate_hz - sim.expected_rate_hz) < 3 * sim.rate_stderr_hz
    assert sim.fidelity_mean == pytest.approx(PERF.fidelity)
    assert sim.attempts_represented == round(20.0 / 50e-6) * 3


@pytest.mark.parametrize("consume_period_s", [1e-3, 3.3e-3, 20e-3])
def test_decay_while_waiting_within_3_sigma(consume_period_s: float) -> None:
    sim = simulate_link(
        PERF,
        30.0,
        RandomStreams(11).generator("link"),
        memory=MEMORY,
        consume_period_s=consume_period_s,
    )
    rate, fid = expected_link(PERF, 30.0, memory=MEMORY, consume_period_s=consume_period_s)
    assert abs(sim.rate_hz - rate) < 3 * sim.rate_stderr_hz
    assert abs(sim.fidelity_mean - fid) < 3 * sim.fidelity_stderr
    assert fid < PERF.fidelity  # waiting costs fidelity
    assert sim.pairs_generated >= sim.pairs


def test_expectation_matches_a_direct_window_formula() -> None:
    # one window of K whole cycles: P(pair) = 1 - q^K, ages (i + 0) T for i = 0..K-1
    perf = LinkPerformance(0.01, 1e-4, BellDiagonal.werner(0.97))
    k = 20
    rate, fid = expected_link(perf, 1.0, memory=MEMORY, consume_period_s=k * 1e-4)
    p, q = perf.p_cycle, 1 - perf.p_cycle
    assert rate == pytest.approx((1 - q**k) / (k * 1e-4), rel=1e-9)
    num = sum(p * q**i * store(perf.state, i * 1e-4, MEMORY, MEMORY).fidelity for i in range(k))
    assert fid == pytest.approx(num / (1 - q**k), rel=1e-9)


def test_geometric_skipping_is_the_bernoulli_process() -> None:
    # gaps between successes: mean 1/p and variance (1-p)/p^2 within 4 sigma
    p = 0.01
    idx = success_cycles(p, 5_000_000, np.random.default_rng(5))
    gaps = np.diff(idx)
    n = len(gaps)
    assert abs(gaps.mean() - 1 / p) < 4 * math.sqrt((1 - p) / p**2 / n)
    assert idx.max() <= 5_000_000 and idx.min() >= 1
    assert abs(len(idx) - 5e4) < 4 * math.sqrt(5e6 * p * (1 - p))


def test_same_seed_same_result_and_different_seed_differs() -> None:
    a = simulate_link(
        PERF, 5.0, RandomStreams(7).generator("x"), memory=MEMORY, consume_period_s=2e-3
    )
    b = simulate_link(
        PERF, 5.0, RandomStreams(7).generator("x"), memory=MEMORY, consume_period_s=2e-3
    )
    c = simulate_link(
        PERF, 5.0, RandomStreams(8).generator("x"), memory=MEMORY, consume_period_s=2e-3
    )
    assert a == b
    assert a != c


def test_bad_duration() -> None:
    with pytest.raises(ValueError, match="duration_s"):
        simulate_link(PERF, -1.0, np.random.default_rng(0))
