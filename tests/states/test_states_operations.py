"""Swapping, purification and pumping: closed forms against exact circuits and references."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.validation import case

from qonnect.core import InfeasibleError
from qonnect.states import (
    BellDiagonal,
    depolarize,
    pump,
    purify,
    purify_exact,
    purify_until,
    swap,
    swap_exact,
)


def _random_pairs(seed: int, n: int) -> list[tuple[BellDiagonal, BellDiagonal]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        a = BellDiagonal.from_coefficients(rng.dirichlet(np.ones(4)))
        b = BellDiagonal.from_coefficients(rng.dirichlet(np.ones(4)))
        out.append((a, b))
    return out


def test_werner_swap_reference_value() -> None:
    c = case("werner-swap")
    a = BellDiagonal.werner(c["inputs"]["F1"])
    b = BellDiagonal.werner(c["inputs"]["F2"])
    assert swap(a, b).fidelity == pytest.approx(c["expected"]["F"], abs=c["tolerance"])


@pytest.mark.parametrize(("p_g", "p_m"), [(0.0, 0.0), (0.05, 0.0), (0.0, 0.03), (0.1, 0.02)])
def test_swap_matches_exact_bell_measurement_circuit(p_g: float, p_m: float) -> None:
    for a, b in _random_pairs(7, 6):
        fast = swap(a, b, gate_depolarizing=p_g, measurement_flip=p_m)
        exact = swap_exact(
            a.to_density_matrix(),
            b.to_density_matrix(),
            gate_depolarizing=p_g,
            measurement_flip=p_m,
        )
        # the exact output is Bell-diagonal: no off-diagonal weight in the Bell basis
        np.testing.assert_allclose(
            BellDiagonal.from_density_matrix(exact).to_density_matrix(), exact, atol=1e-12
        )
        np.testing.assert_allclose(
            BellDiagonal.from_density_matrix(exact).as_array(), fast.as_array(), atol=1e-12
        )


def test_noisy_swap_closed_form_eq_6_2() -> None:
    f1, f2, p_g, p_m = 0.93, 0.88, 0.02, 0.01
    w = (1 - p_g) * ((4 * f1 - 1) / 3) * ((4 * f2 - 1) / 3)
    expected = w * (1 - p_m) ** 2 + (1 - w) / 4
    out = swap(
        BellDiagonal.werner(f1),
        BellDiagonal.werner(f2),
        gate_depolarizing=p_g,
        measurement_flip=p_m,
    )
    assert out.fidelity == pytest.approx(expected, abs=1e-12)


def test_bbpssw_two_rounds_reference() -> None:
    c = case("bbpssw-two-rounds")
    state = BellDiagonal.werner(c["inputs"]["F"])
    for key in ("round1", "round2"):
        state, p = purify(state, state, protocol="bbpssw")
        assert state.fidelity == pytest.approx(c["expected"][key]["F"], abs=c["tolerance"])
        assert p == pytest.approx(c["expected"][key]["p_success"], abs=c["tolerance"])


@pytest.mark.parametrize("protocol", ["dejmps", "bbpssw"])
def test_purification_matches_exact_four_qubit_circuit(protocol: str) -> None:
    for a, b in _random_pairs(11, 6):
        fast, p_fast = purify(a, b, protocol)
        exact, p_exact = purify_exact(a.to_density_matrix(), b.to_density_matrix(), protocol)
        assert p_fast == pytest.approx(p_exact, abs=1e-12)
        np.testing.assert_allclose(
            BellDiagonal.from_density_matrix(exact).as_array(), fast.as_array(), atol=1e-12
        )


def test_dejmps_identical_inputs_letters() -> None:
    # physics.md eq. 6.4 with identical inputs, letters A=Phi+, B=Psi-, C=Psi+, D=Phi-
    s = BellDiagonal(0.7, 0.12, 0.1, 0.08)
    a_, c_, b_, d_ = s.coefficients
    n = (a_ + b_) ** 2 + (c_ + d_) ** 2
    out, p = purify(s, s, "dejmps")
    assert p == pytest.approx(n)
    assert out.phi_plus == pytest.approx((a_**2 + b_**2) / n)
    assert out.psi_minus == pytest.approx(2 * c_ * d_ / n)
    assert out.psi_plus == pytest.approx((c_**2 + d_**2) / n)
    assert out.phi_minus == pytest.approx(2 * a_ * b_ / n)


def test_dejmps_and_bbpssw_agree_on_round_one_and_differ_later() -> None:
    w = BellDiagonal.werner(0.75)
    d1, _ = purify(w, w, "dejmps")
    b1, _ = purify(w, w, "bbpssw")
    assert d1.fidelity == pytest.approx(b1.fidelity, abs=1e-12)
    d2, _ = purify(d1, d1, "dejmps")
    b2, _ = purify(b1, b1, "bbpssw")
    assert d2.fidelity > b2.fidelity + 1e-3  # DEJMPS keeps the non-Werner structure


def test_pumping_converges_below_one() -> None:
    fresh = BellDiagonal.werner(0.8)
    fids = [pump(fresh, fresh, k)[0].fidelity for k in range(1, 30)]
    assert all(b >= a - 1e-12 for a, b in itertools.pairwise(fids))
    assert fids[-1] < 1.0 - 1e-3
    assert fids[-1] - fids[-2] < 1e-6  # reached its fixed point


def test_purify_until_reaches_target_and_counts_pairs() -> None:
    state, rounds, cost = purify_until(BellDiagonal.werner(0.8), 0.95)
    assert state.fidelity >= 0.95
    assert rounds >= 2
    assert cost >= 2**rounds  # at least 2^k input pairs, more with failures


def test_purify_until_refuses_undistillable_input() -> None:
    with pytest.raises(InfeasibleError, match="cannot reach"):
        purify_until(BellDiagonal.werner(0.45), 0.9)


bd = (
    st.lists(st.floats(0, 1), min_size=4, max_size=4)
    .filter(lambda v: sum(v) > 1e-3)
    .map(lambda v: BellDiagonal.from_coefficients(np.array(v) / sum(v)))
)
prob = st.floats(0, 1)


@given(bd, bd, prob, prob)
def test_swap_properties(a: BellDiagonal, b: BellDiagonal, p_g: float, p_m: float) -> None:
    out = swap(a, b, gate_depolarizing=p_g, measurement_flip=p_m)
    assert sum(out.coefficients) == pytest.approx(1.0)
    assert all(0 <= x <= 1 for x in out.coefficients)
    assert swap(b, a).as_array() == pytest.approx(swap(a, b).as_array())
    assert swap(a, BellDiagonal.perfect()).as_array() == pytest.approx(a.as_array())


@given(bd, bd, st.sampled_from(["dejmps", "bbpssw"]))
def test_purify_properties(a: BellDiagonal, b: BellDiagonal, protocol: str) -> None:
    out, p = purify(a, b, protocol)
    assert 0 <= p <= 1 + 1e-12
    assert sum(out.coefficients) == pytest.approx(1.0)
    out_ba, p_ba = purify(b, a, protocol)
    assert p_ba == pytest.approx(p)  # keeping either pair of a symmetric protocol: same odds
    if p > 1e-9:
        assert out_ba.as_array() == pytest.approx(out.as_array(), abs=1e-9)


@given(bd, prob)
def test_depolarize_is_mixture_with_identity(a: BellDiagonal, p: float) -> None:
    out = depolarize(a, p)
    assert out.fidelity == pytest.approx((1 - p) * a.fidelity + p / 4)
