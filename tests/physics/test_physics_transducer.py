"""The transducer as a channel (eq. 1.1), its heating (1.4), and noise at the detector (1.2)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qonnect.physics import (
    PumpHeating,
    Transducer,
    added_noise_from_thermal_occupation,
    dark_count_probability,
    false_click_probability,
    fiber_transmissivity,
    noise_photons_at_detector,
    series_thermal_loss,
    single_rail_average_fidelity,
    thermal_loss_vacuum_populations,
    thermal_occupation,
)


def test_eq_1_1_round_trip_and_output_noise_identity() -> None:
    for eta in (1e-3, 0.087, 0.5, 0.9):
        for n_add in (0.0, 1e-3, 0.16, 3.2):
            n_e = thermal_occupation(eta, n_add)
            assert added_noise_from_thermal_occupation(eta, n_e) == pytest.approx(n_add)
            t = Transducer(eta, n_add, 1e6, 1e3)
            # the attenuator adds (1 - eta) n_E photons at its output: = eta * N_add
            assert t.output_noise() == pytest.approx((1.0 - eta) * n_e)
            assert t.thermal_occupation() == pytest.approx(n_e)
    assert thermal_occupation(1.0, 0.1) == math.inf
    assert thermal_occupation(1.0, 0.0) == 0.0
    assert added_noise_from_thermal_occupation(0.0, 1.0) == math.inf


def _amplitude_damping(rho: np.ndarray, eta: float) -> np.ndarray:
    k0 = np.array([[1.0, 0.0], [0.0, math.sqrt(eta)]])
    k1 = np.array([[0.0, math.sqrt(1.0 - eta)], [0.0, 0.0]])
    return k0 @ rho @ k0.T + k1 @ rho @ k1.T


@pytest.mark.parametrize("eta", [0.0, 0.05, 0.172, 0.5, 1.0])
def test_single_rail_fidelity_is_the_average_over_a_2_design(eta: float) -> None:
    s = 1.0 / math.sqrt(2.0)
    states = [
        np.array([1.0, 0.0]),
        np.array([0.0, 1.0]),
        np.array([s, s]),
        np.array([s, -s]),
        np.array([s, 1j * s]),
        np.array([s, -1j * s]),
    ]  # the six Pauli eigenstates form a 2-design: their mean is the Haar mean
    fids = [
        float(np.real(psi.conj() @ _amplitude_damping(np.outer(psi, psi.conj()), eta) @ psi))
        for psi in states
    ]
    assert single_rail_average_fidelity(eta) == pytest.approx(np.mean(fids), abs=1e-12)


def test_single_rail_classical_limit_at_eta_0172() -> None:
    assert single_rail_average_fidelity(0.171) < 2.0 / 3.0 < single_rail_average_fidelity(0.173)


@pytest.mark.parametrize(("eta", "n_add"), [(0.087, 0.16), (0.47, 3.2), (0.5, 1e-3), (1.0, 0.0)])
def test_vacuum_populations_are_thermal_of_mean_eta_n_add(eta: float, n_add: float) -> None:
    m = eta * n_add
    k = np.arange(0, 4000)
    p = (1.0 / (1.0 + m)) * (m / (1.0 + m)) ** k
    p0, p1, p2 = thermal_loss_vacuum_populations(eta, n_add)
    assert (p0, p1) == pytest.approx((p[0], p[1]), abs=1e-12)
    assert p2 == pytest.approx(p[2:].sum(), abs=1e-12)
    assert p0 + p1 + p2 == pytest.approx(1.0)
    assert float(np.dot(k, p)) == pytest.approx((1.0 - eta) * thermal_occupation(eta, n_add))


def test_false_click_probability_against_sampled_thermal_light() -> None:
    # A threshold detector on a thermal field of mean m: photon number ~ Geometric on {0, 1, ...}
    # with P(0) = 1/(1+m); dark counts independent with probability p_dc.
    rng = np.random.default_rng(20261126)
    n = 400_000
    for m, p_dc in ((0.05, 0.0), (0.3, 1e-2), (2.0, 0.1)):
        photons = rng.geometric(1.0 / (1.0 + m), size=n) - 1
        dark = rng.random(n) < p_dc
        freq = float(np.mean((photons > 0) | dark))
        p = false_click_probability(p_dc, m)
        sigma = math.sqrt(p * (1.0 - p) / n)
        assert abs(freq - p) < 5.0 * sigma  # 5 sigma: false-failure probability ~6e-7 per case
        assert float(np.mean(photons)) == pytest.approx(m, rel=0.02)


def test_noise_photons_and_dark_counts() -> None:
    eta_f = fiber_transmissivity(5.0)
    m = noise_photons_at_detector(0.1, 0.01, eta_f, 0.9)
    assert m == pytest.approx(0.1 * 0.01 * eta_f * 0.9)
    # dark counts: Poisson(DCR * window) >= 1
    assert dark_count_probability(100.0, 10e-9) == pytest.approx(1.0 - math.exp(-1e-6), rel=1e-12)
    assert dark_count_probability(0.0, 1.0) == 0.0
    # no noise: eq. 1.2 reduces to the dark-count probability
    assert false_click_probability(1e-6, 0.0) == pytest.approx(1e-6)


def _direct_heating_sum(t: float, pulses: list[float], n0: float, dn: float, tau: float) -> float:
    total = n0
    for tk in pulses:
        if tk <= t:
            total += dn * math.exp(-(t - tk) / tau)
    return total


def test_heating_matches_a_direct_sum_over_irregular_pulses() -> None:
    rng = np.random.default_rng(3)
    heating = PumpHeating(delta_noise_per_pulse=0.02, cooldown_s=50e-6)
    t = Transducer(0.1, 0.01, 14.8e6, 100e3, heating=heating)
    pulses = np.cumsum(10e-6 + rng.exponential(20e-6, size=300))
    times = np.sort(rng.uniform(0.0, pulses[-1] * 1.1, size=50))
    got = t.added_noise_at(times, pulses)
    expected = [_direct_heating_sum(float(x), list(pulses), 0.01, 0.02, 50e-6) for x in times]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    # a pulse at exactly t counts; before the first pulse there is no heating
    assert t.added_noise_at(float(pulses[0]), pulses) == pytest.approx(0.03)
    assert t.added_noise_at(0.0, pulses) == pytest.approx(0.01)


def test_steady_state_is_the_limit_of_a_long_periodic_train() -> None:
    heating = PumpHeating(delta_noise_per_pulse=0.05, cooldown_s=30e-6)
    t = Transducer(0.1, 0.01, 14.8e6, 100e3, heating=heating)
    for rate in (1e3, 2e4, 1e5):
        n_pulses = 5000
        pulses = [-k / rate for k in range(1, n_pulses + 1)]  # the next pulse is at t = 0
        direct = _direct_heating_sum(-1e-15, pulses, 0.01, 0.05, 30e-6)
        assert t.steady_state_added_noise(rate) == pytest.approx(direct, rel=1e-10)
        assert t.added_noise_at(0.0, pulses) == pytest.approx(direct, rel=1e-10)
    cold = Transducer(0.1, 0.01, 14.8e6, 100e3)
    assert cold.steady_state_added_noise(1e5) == 0.01
    assert cold.added_noise_at(1.0, [0.0, 0.5]) == 0.01


def test_heating_respects_the_maximum_repetition_rate() -> None:
    t = Transducer(0.1, 0.01, 14.8e6, 100e3, heating=PumpHeating(0.01, 1e-5))
    with pytest.raises(ValueError, match="pulse_times_s"):
        t.added_noise_at(1.0, [0.0, 5e-6])
    with pytest.raises(ValueError, match=r"repetition_rate_hz: 200000\.0 exceeds"):
        t.steady_state_added_noise(2e5)
    # exactly at the maximum rate is allowed, despite float rounding of k / f
    pulses = np.arange(100) / 100e3
    assert t.added_noise_at(1e-3, pulses) > 0.01


def test_throughput() -> None:
    t = Transducer(0.4, 2.6, 20e3, 20e3)
    assert t.throughput_hz() == pytest.approx(8e3)
    assert t.throughput_hz(0.5) == pytest.approx(4e3)
    with pytest.raises(ValueError, match="duty_cycle"):
        t.throughput_hz(1.5)


def test_series_thermal_loss_matches_stage_by_stage_photon_numbers() -> None:
    # A thermal attenuator maps mean photon number n -> eta n + (1 - eta) n_E; send vacuum
    # through transducer A, 20 km of fibre and transducer B, and compare the output noise.
    etas = [0.5, fiber_transmissivity(20.0), 0.3]
    noises = [1e-3, 0.0, 0.16]
    n = 0.0
    for eta, n_add in zip(etas, noises, strict=True):
        n = eta * n + (1.0 - eta) * thermal_occupation(eta, n_add)
    eta_total, n_add_total = series_thermal_loss(etas, noises)
    assert eta_total == pytest.approx(math.prod(etas))
    assert eta_total * n_add_total == pytest.approx(n)  # output noise = eta * N_add
    assert series_thermal_loss([0.4], [2.0]) == pytest.approx((0.4, 2.0))
    with pytest.raises(ValueError, match="series_thermal_loss"):
        series_thermal_loss([0.5, 0.5], [0.1])
