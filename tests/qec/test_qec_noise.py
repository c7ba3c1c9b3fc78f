"""NoiseModel: uniform model, the Qubit mapping (physics.md 2.2) and the T1/T2 idle twirl."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qonnect.core.errors import UnphysicalParameterError
from qonnect.physics import Qubit
from qonnect.physics.presets import get_qubit
from qonnect.qec import NoiseModel, idle_pauli_channel


def test_uniform_puts_p_everywhere() -> None:
    m = NoiseModel.uniform(3e-3)
    assert (m.p_1q, m.p_2q, m.p_reset, m.p_meas) == (3e-3,) * 4
    assert sum(m.idle_gate_xyz) == pytest.approx(3e-3)
    assert sum(m.idle_measure_xyz) == pytest.approx(3e-3)


def test_bad_probability_names_the_field() -> None:
    with pytest.raises(UnphysicalParameterError, match=r"NoiseModel.p_meas: not \(0 <= 1.5"):
        NoiseModel(0.0, 0.0, 0.0, 1.5)
    with pytest.raises(UnphysicalParameterError, match="idle_gate_xyz"):
        NoiseModel(0.0, 0.0, 0.0, 0.0, idle_gate_xyz=(0.5, 0.5, 0.5))


def test_from_qubit_converts_rb_errors_to_stim_probabilities() -> None:
    q = get_qubit("heron-r3")
    m = NoiseModel.from_qubit(q)
    # Replacement probability lambda -> stim probability lambda (d^2 - 1)/d^2:
    # 1q: 2r x 3/4 = 3r/2; 2q: 4r/3 x 15/16 = 5r/4 (average infidelity r = 4p/5 for 2q).
    assert m.p_1q == pytest.approx(1.5 * q.gate_error_1q)
    assert m.p_2q == pytest.approx(1.25 * q.gate_error_2q)
    assert 4 * m.p_2q / 5 == pytest.approx(q.gate_error_2q)
    assert m.p_meas == q.readout_error
    # The default cycle is the shortest one: the measure layer lasts exactly the readout.
    expected = idle_pauli_channel(q.readout_duration_s, q.t1_s, q.t2_s)
    assert m.idle_measure_xyz == pytest.approx(expected)
    assert m.idle_gate_xyz == pytest.approx(
        idle_pauli_channel(q.gate_duration_2q_s, q.t1_s, q.t2_s)
    )


def test_from_qubit_longer_cycle_idles_longer() -> None:
    q = get_qubit("heron-r3")
    short = NoiseModel.from_qubit(q)
    long = NoiseModel.from_qubit(q, cycle_time_s=10e-6)
    assert sum(long.idle_measure_xyz) > sum(short.idle_measure_xyz)
    measure_s = 10e-6 - 4 * q.gate_duration_2q_s - 2 * q.gate_duration_1q_s
    assert long.idle_measure_xyz == pytest.approx(idle_pauli_channel(measure_s, q.t1_s, q.t2_s))


def test_from_qubit_rejects_a_cycle_shorter_than_a_round() -> None:
    with pytest.raises(UnphysicalParameterError, match="cycle_time_s: 1e-06"):
        NoiseModel.from_qubit(get_qubit("heron-r3"), cycle_time_s=1e-6)


def test_target_2030_fits_a_microsecond_cycle() -> None:
    q = get_qubit("target-2030")
    shortest = 4 * q.gate_duration_2q_s + 2 * q.gate_duration_1q_s + q.readout_duration_s
    if shortest <= 1e-6:
        assert NoiseModel.from_qubit(q, cycle_time_s=1e-6).p_2q == pytest.approx(
            1.25 * q.gate_error_2q
        )
    else:
        with pytest.raises(UnphysicalParameterError):
            NoiseModel.from_qubit(q, cycle_time_s=1e-6)


@given(
    t=st.floats(0.0, 1e-3),
    t1=st.floats(1e-6, 1e-2),
    ratio=st.floats(0.05, 3.0),
)
def test_idle_twirl_matches_the_closed_form(t: float, t1: float, ratio: float) -> None:
    t2 = ratio * t1
    px, py, pz = idle_pauli_channel(t, t1, t2)
    gamma = 1 - math.exp(-t / t1)
    t2_eff = min(t2, 2 * t1)  # physics.md 2.2: clip T_phi = inf when T2 > 2 T1
    assert px == py == pytest.approx(gamma / 4, abs=1e-15)
    # Twirled coherence: 1 - 2(p_X + p_Z) equals e^{-t/T2} (the off-diagonal decay).
    assert 1 - 2 * (px + pz) == pytest.approx(math.exp(-t / t2_eff), abs=1e-12)
    # Twirled population: amplitude damping contracts <Z> by (1 - gamma) = e^{-t/T1} (plus a
    # shift the twirl drops); the twirl's contraction of <Z> is 1 - 2(p_X + p_Y).
    assert 1 - 2 * (px + py) == pytest.approx(math.exp(-t / t1), abs=1e-12)
    assert pz >= 0.0


def test_qubit_preset_type_is_the_physics_qubit() -> None:
    assert isinstance(get_qubit("heron-r3"), Qubit)
