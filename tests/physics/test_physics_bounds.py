"""PLOB, TGW, repeater chains and the thermal-loss capacity bounds: limits and identities."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qonnect.physics import (
    entropy_h,
    equally_spaced_chain_bound,
    fiber_transmissivity,
    plob_bound,
    practical_transducer_capacity,
    pure_loss_one_way_capacity,
    repeater_chain_bound,
    reverse_coherent_information,
    tgw_bound,
    thermal_loss_one_way_lower,
    thermal_loss_plob_upper,
)

ETAS = np.concatenate([np.geomspace(1e-6, 0.5, 25), np.linspace(0.5, 0.999, 25)])


def test_plob_small_eta_is_eta_over_ln2() -> None:
    for eta in (1e-6, 1e-4, 1e-3):
        # -log2(1 - eta) = (eta + eta^2/2 + ...)/ln 2: relative deviation ~ eta/2
        assert plob_bound(eta) / eta == pytest.approx(1.0 / math.log(2.0), rel=eta)
        assert tgw_bound(eta) / eta == pytest.approx(2.0 / math.log(2.0), rel=eta)


def test_plob_exact_values_and_edges() -> None:
    assert plob_bound(0.5) == pytest.approx(1.0)
    assert plob_bound(0.75) == pytest.approx(2.0)
    assert plob_bound(0.0) == 0.0
    assert plob_bound(1.0) == math.inf
    assert tgw_bound(1.0) == math.inf
    # 100 km of SMF-28: eta = 0.01 -> 0.0145 ebits per use
    assert plob_bound(fiber_transmissivity(100.0)) == pytest.approx(-math.log2(0.99))


def test_tgw_is_weaker_than_plob() -> None:
    assert np.all(tgw_bound(ETAS) >= plob_bound(ETAS))


def test_repeater_chain_is_its_worst_segment() -> None:
    etas = [0.9, 0.3, 0.7]
    assert repeater_chain_bound(etas) == pytest.approx(plob_bound(0.3))
    assert repeater_chain_bound(np.array(etas)) == pytest.approx(plob_bound(0.3))
    # ideal repeaters beat the direct link over the whole length
    assert repeater_chain_bound(etas) > plob_bound(float(np.prod(etas)))
    with pytest.raises(ValueError, match=r"repeater_chain_bound\.etas"):
        repeater_chain_bound([])
    with pytest.raises(ValueError, match=r"repeater_chain_bound\.etas"):
        repeater_chain_bound([0.5, 1.2])


@pytest.mark.parametrize("n", [1, 2, 3, 8])
def test_equally_spaced_chain_equals_chain_of_equal_segments(n: int) -> None:
    eta_segment = fiber_transmissivity(200.0 / n)
    eta_total = eta_segment**n
    assert equally_spaced_chain_bound(eta_total, n) == pytest.approx(
        repeater_chain_bound([eta_segment] * n), rel=1e-9
    )
    assert equally_spaced_chain_bound(eta_total, 1) == pytest.approx(plob_bound(eta_total))


def _thermal_entropy_explicit(x: float) -> float:
    """-sum_k p_k log2 p_k of the geometric photon-number distribution of mean x."""
    if x == 0.0:
        return 0.0
    k = np.arange(0, 20000)
    log_p = k * np.log(x / (1.0 + x)) - np.log1p(x)
    p = np.exp(log_p)
    return float(-(p * log_p).sum() / math.log(2.0))


@pytest.mark.parametrize("x", [0.0, 1e-4, 0.16, 1.0, 3.2, 20.0])
def test_entropy_h_is_thermal_state_entropy(x: float) -> None:
    assert entropy_h(x) == pytest.approx(_thermal_entropy_explicit(x), rel=1e-9, abs=1e-15)


def test_thermal_upper_bound_tends_to_plob_as_n_e_vanishes() -> None:
    for eta in (1e-3, 0.1, 0.5, 0.9):
        assert thermal_loss_plob_upper(eta, 0.0) == pytest.approx(plob_bound(eta))
        gaps = [plob_bound(eta) - thermal_loss_plob_upper(eta, n) for n in (1e-2, 1e-4, 1e-6, 1e-8)]
        assert all(g >= 0 for g in gaps)
        assert gaps == sorted(gaps, reverse=True)
        assert gaps[-1] < 1e-6


def test_thermal_upper_bound_vanishes_at_entanglement_breaking_threshold() -> None:
    for eta in (0.01, 0.3, 0.5, 0.8):
        threshold = eta / (1.0 - eta)
        assert thermal_loss_plob_upper(eta, threshold) == 0.0
        assert thermal_loss_plob_upper(eta, 2.0 * threshold) == 0.0
        # continuous at the threshold: the expression itself goes to 0 there
        assert thermal_loss_plob_upper(eta, threshold * (1.0 - 1e-6)) < 1e-5


def test_reverse_coherent_information_is_below_the_upper_bound() -> None:
    etas, n_es = np.meshgrid(ETAS, np.geomspace(1e-6, 10.0, 30))
    lower = reverse_coherent_information(etas, n_es)
    upper = thermal_loss_plob_upper(etas, n_es)
    assert np.all(lower <= upper + 1e-12)
    # pure loss: the lower bound attains PLOB
    np.testing.assert_allclose(reverse_coherent_information(ETAS), plob_bound(ETAS), rtol=1e-12)


def test_one_way_capacities() -> None:
    assert pure_loss_one_way_capacity(0.5) == 0.0
    assert pure_loss_one_way_capacity(0.3) == 0.0
    assert pure_loss_one_way_capacity(0.8) == pytest.approx(2.0)
    assert pure_loss_one_way_capacity(1.0) == math.inf
    # one-way <= two-way; thermal noise only lowers the one-way bound
    assert np.all(pure_loss_one_way_capacity(ETAS) <= plob_bound(ETAS) + 1e-12)
    etas, n_es = np.meshgrid(ETAS, [0.0, 1e-3, 0.1, 1.0])
    assert np.all(
        thermal_loss_one_way_lower(etas, n_es) <= pure_loss_one_way_capacity(etas) + 1e-12
    )
    assert thermal_loss_one_way_lower(0.9, 0.01) == pytest.approx(
        math.log2(9.0) - _thermal_entropy_explicit(0.01), rel=1e-9
    )


def test_practical_transducer_capacity() -> None:
    theta = 7e3  # Urmey 2025
    for n in (0.0, 0.1, 0.5, 0.9):
        expected = math.pi * theta / math.log(2.0) * (1.0 - n + (n * math.log(n) if n else 0.0))
        assert practical_transducer_capacity(theta, n) == pytest.approx(expected)
    assert practical_transducer_capacity(theta, 1.0) == 0.0
    assert practical_transducer_capacity(theta, 3.2) == 0.0
    # continuous at N -> 1 and decreasing in N
    assert practical_transducer_capacity(theta, 1.0 - 1e-6) < 1e-6
    ns = np.linspace(0.0, 0.999, 50)
    assert np.all(np.diff(practical_transducer_capacity(theta, ns)) < 0)
