"""Property tests: random parameters never escape as anything but ValueError, and every
probability-valued formula stays in [0, 1]."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from qonnect.physics import (
    Detector,
    Fiber,
    Memory,
    PumpHeating,
    Qubit,
    Transducer,
    average_gate_fidelity,
    dark_count_probability,
    depolarizing_from_rb,
    entanglement_fidelity,
    false_click_probability,
    fiber_transmissivity,
    fidelity_after_storage_depolarizing,
    fidelity_after_storage_t1t2,
    noise_photons_at_detector,
    plob_bound,
    practical_transducer_capacity,
    reverse_coherent_information,
    single_rail_average_fidelity,
    tgw_bound,
    thermal_loss_plob_upper,
    thermal_loss_vacuum_populations,
)

anything = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-1.0, 2.0),
    st.floats(1e-9, 1e-2),
    st.integers(-5, 5),
    st.just(math.inf),
)
prob = st.floats(0.0, 1.0)
positive_time = st.floats(1e-9, 10.0)
non_negative = st.floats(0.0, 1e3)


def _succeeds_or_value_error(make: Callable[[], Any]) -> Any:
    try:
        return make()
    except ValueError:
        return None


def _in_unit_interval(x: float) -> bool:
    return 0.0 <= x <= 1.0


@given(st.lists(anything, min_size=8, max_size=8))
def test_qubit_constructor(args: list[float]) -> None:
    q = _succeeds_or_value_error(lambda: Qubit(*args))
    if q is not None:
        assert _in_unit_interval(q.p_depolarizing_1q) and _in_unit_interval(q.p_depolarizing_2q)
        assert q.t_phi_s > 0.0
        assert q.t2_s <= 2.0 * q.t1_s


@given(st.lists(anything, min_size=6, max_size=6))
def test_transducer_and_heating_constructors(args: list[float]) -> None:
    heating = _succeeds_or_value_error(lambda: PumpHeating(args[4], args[5]))
    t = _succeeds_or_value_error(lambda: Transducer(*args[:4], heating=heating))
    if t is not None:
        assert t.output_noise() >= 0.0
        assert t.thermal_occupation() >= 0.0
        assert t.throughput_hz() >= 0.0
        n = t.steady_state_added_noise(t.max_repetition_rate_hz)
        assert n >= t.added_noise


@given(st.lists(anything, min_size=3, max_size=3), st.lists(anything, min_size=4, max_size=4))
def test_fiber_detector_memory_constructors(a: list[float], b: list[float]) -> None:
    f = _succeeds_or_value_error(lambda: Fiber(*a))
    if f is not None:
        assert _in_unit_interval(f.transmissivity)
        assert f.delay_s >= 0.0
    d = _succeeds_or_value_error(lambda: Detector(*b))
    if d is not None:
        assert _in_unit_interval(d.dark_count_probability)
    m = _succeeds_or_value_error(lambda: Memory(*a))
    if m is not None:
        assert m.t2_s <= 2.0 * m.t1_s


@given(st.lists(anything, min_size=4, max_size=4))
def test_formulas_raise_only_value_error(x: list[float]) -> None:
    calls: list[Callable[[], Any]] = [
        lambda: fiber_transmissivity(x[0], x[1]),
        lambda: dark_count_probability(x[0], x[1]),
        lambda: false_click_probability(x[0], x[1]),
        lambda: noise_photons_at_detector(*x),
        lambda: depolarizing_from_rb(x[0], 2),
        lambda: single_rail_average_fidelity(x[0]),
        lambda: fidelity_after_storage_t1t2(x[0], x[1], x[2]),
        lambda: fidelity_after_storage_depolarizing(*x),
        lambda: plob_bound(x[0]),
        lambda: thermal_loss_plob_upper(x[0], x[1]),
        lambda: practical_transducer_capacity(x[0], x[1]),
    ]
    with np.errstate(over="ignore"):
        for call in calls:
            _succeeds_or_value_error(call)


@given(prob, prob, non_negative, prob, prob)
def test_detection_probabilities_in_unit_interval(
    eta_t: float, p_dc: float, n_add: float, eta_f: float, eta_d: float
) -> None:
    m = noise_photons_at_detector(eta_t, n_add, eta_f, eta_d)
    assert m >= 0.0
    p_e = false_click_probability(p_dc, m)
    assert _in_unit_interval(p_e) and p_e >= p_dc - 1e-15
    assert all(_in_unit_interval(p) for p in thermal_loss_vacuum_populations(eta_t, n_add))
    assert math.isclose(sum(thermal_loss_vacuum_populations(eta_t, n_add)), 1.0)


@given(non_negative, st.floats(0.0, 10.0), non_negative, st.floats(0.0, 1.0))
def test_fibre_and_dark_count_probabilities(
    length: float, loss: float, rate: float, window: float
) -> None:
    assert _in_unit_interval(fiber_transmissivity(length, loss))
    assert _in_unit_interval(dark_count_probability(rate, window))


@given(prob, st.integers(1, 4))
def test_gate_fidelities_in_unit_interval(r: float, n: int) -> None:
    p = depolarizing_from_rb(r, n)
    f_e = entanglement_fidelity(p, 2**n)
    assert _in_unit_interval(p) and _in_unit_interval(f_e)
    assert _in_unit_interval(average_gate_fidelity(f_e, 2**n))
    assert _in_unit_interval(single_rail_average_fidelity(r))


@given(st.floats(0.0, 1.0), positive_time, positive_time, st.booleans(), prob)
def test_storage_fidelities_in_unit_interval(
    t: float, t1: float, ratio: float, both: bool, f0: float
) -> None:
    t2 = min(2.0 * t1, ratio)
    assert _in_unit_interval(fidelity_after_storage_t1t2(t, t1, t2, both_stored=both))
    assert _in_unit_interval(fidelity_after_storage_depolarizing(f0, t, t1, ratio))


@given(st.floats(0.0, 0.999999), st.floats(0.0, 100.0))
def test_bounds_are_ordered(eta: float, n_e: float) -> None:
    assert 0.0 <= reverse_coherent_information(eta, n_e) <= thermal_loss_plob_upper(eta, n_e) + 1e-9
    assert thermal_loss_plob_upper(eta, n_e) <= plob_bound(eta) + 1e-9
    assert plob_bound(eta) <= tgw_bound(eta) + 1e-12
