"""The network's correlation fast path equals the states layer's Bell-diagonal operations."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from qonnect.network import pair_state as ps
from qonnect.states import BellDiagonal
from qonnect.states.decay import decay_depolarizing, decay_t1t2
from qonnect.states.operations import swap as bd_swap

coeffs = st.lists(st.floats(0.0, 1.0), min_size=4, max_size=4).filter(lambda v: sum(v) > 1e-3)
prob = st.floats(0.0, 0.5)


def _bd(v: list[float]) -> BellDiagonal:
    s = sum(v)
    return BellDiagonal.from_coefficients([x / s for x in v])


@given(coeffs, coeffs, prob, prob)
def test_swap_equals_klein_four_convolution(
    a: list[float], b: list[float], pg: float, pm: float
) -> None:
    x, y = _bd(a), _bd(b)
    want = bd_swap(x, y, gate_depolarizing=pg, measurement_flip=pm).coefficients
    got = ps.coefficients(ps.swap(ps.from_bell(x), ps.from_bell(y), pg, pm))
    assert np.allclose(got, want, atol=1e-12)


@given(coeffs, st.floats(0.0, 5e-3), st.floats(1e-4, 1e-1), st.floats(1e-4, 1e-1))
def test_depolarizing_decay_matches_states(v: list[float], t: float, ta: float, tb: float) -> None:
    s = _bd(v)
    want = decay_depolarizing(s, t, ta, tb).coefficients
    got = ps.coefficients(
        ps.decay(
            ps.from_bell(s),
            t,
            ps.MemoryRates.of(t_depolarizing_s=ta),
            ps.MemoryRates.of(t_depolarizing_s=tb),
        )
    )
    assert np.allclose(got, want, atol=1e-12)


@given(coeffs, st.floats(0.0, 1e-3), st.floats(1e-4, 1e-2), st.floats(0.1, 2.0))
def test_t1t2_decay_matches_states(v: list[float], t: float, t1: float, ratio: float) -> None:
    s = _bd(v)
    t2 = ratio * t1
    want = decay_t1t2(s, t, t1_a_s=t1, t2_a_s=t2, t1_b_s=2 * t1, t2_b_s=t2).coefficients
    got = ps.coefficients(
        ps.decay(ps.from_bell(s), t, ps.MemoryRates.of(t1, t2), ps.MemoryRates.of(2 * t1, t2))
    )
    assert np.allclose(got, want, atol=1e-12)


def test_lazy_decay_composes_over_splits() -> None:
    """Depolarizing and dephasing storage is a semigroup: 3 ms at once = 1 ms then 2 ms.

    (With T1 the Bell-diagonal projection drops local <Z> terms, so it is not; lazy decay
    applies it once per storage interval, which is the exact projection at the time of use.)
    """
    r = ps.MemoryRates.of(t2_s=4e-3, t_depolarizing_s=0.02)
    c = ps.from_bell(BellDiagonal.werner(0.9))
    once = ps.decay(c, 3e-3, r, r)
    twice = ps.decay(ps.decay(c, 1e-3, r, r), 2e-3, r, r)
    assert np.allclose(once, twice, atol=1e-14)


def test_fidelity_and_round_trip() -> None:
    s = BellDiagonal.from_coefficients([0.7, 0.1, 0.15, 0.05])
    c = ps.from_bell(s)
    assert math.isclose(ps.fidelity(c), 0.7)
    assert np.allclose(ps.to_bell(c).coefficients, s.coefficients)
    assert ps.from_bell(BellDiagonal.perfect()) == ps.PERFECT


@given(
    coeffs, st.floats(0.0, 2e-3), st.floats(1e-4, 1e-2), st.floats(0.2, 2.0), st.floats(1e-4, 1e-1)
)
def test_mixed_memories_match_states_store(
    v: list[float], t: float, t1: float, ratio: float, td: float
) -> None:
    from qonnect.physics.memory import Memory
    from qonnect.states.storage import store

    s = _bd(v)
    ma = Memory(t1_s=t1, t2_s=ratio * t1, t_depolarizing_s=td)
    mb = Memory(t_depolarizing_s=2 * td)
    want = store(s, t, ma, mb).coefficients
    got = ps.coefficients(
        ps.decay(
            ps.from_bell(s),
            t,
            ps.MemoryRates.of(t1, ratio * t1, td),
            ps.MemoryRates.of(t_depolarizing_s=2 * td),
        )
    )
    assert np.allclose(got, want, atol=1e-12)
