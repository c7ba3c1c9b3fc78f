"""The frozen parameter values: validation messages, derived properties, dict round trips."""

from __future__ import annotations

import dataclasses
import math

import pytest

from qonnect.physics import Detector, Fiber, Memory, PumpHeating, Qubit, Transducer
from qonnect.physics.optics import dark_count_probability, fiber_delay_s, fiber_transmissivity

HERON = Qubit(299e-6, 317.1e-6, 1.99e-4, 32e-9, 1.54e-3, 88e-9, 4.5e-3, 2.584e-6)


def test_efficiency_above_one_names_field_and_value() -> None:
    with pytest.raises(ValueError, match=r"Transducer\.efficiency: not \(0 <= 1\.5 <= 1\)"):
        Transducer(1.5, 0.1, 1e6, 1e3)
    with pytest.raises(ValueError, match=r"Detector\.efficiency: not \(0 <= 1\.5 <= 1\)"):
        Detector(1.5, 1.0, 1e-9, 0.0)


def test_negative_length_names_field_and_value() -> None:
    with pytest.raises(ValueError, match=r"Fiber\.length_km: must be >= 0, got -3\.0"):
        Fiber(-3.0)
    with pytest.raises(ValueError, match=r"fiber_transmissivity\.length_km: .*-1\.0"):
        fiber_transmissivity([1.0, -1.0])
    with pytest.raises(ValueError, match=r"Fiber\.length_km"):
        Fiber(1.0).with_length(-1.0)


def test_t2_above_2t1_names_both_values() -> None:
    with pytest.raises(ValueError, match=r"Qubit: not \(T2 <= 2\*T1\): t2_s=0\.0005, t1_s=0\.0002"):
        dataclasses.replace(HERON, t1_s=200e-6, t2_s=500e-6)
    with pytest.raises(ValueError, match=r"Memory: not \(T2 <= 2\*T1\): t2_s=3\.0, t1_s=1\.0"):
        Memory(t1_s=1.0, t2_s=3.0)
    Memory(t1_s=1.0, t2_s=2.0)  # the limit itself is physical
    Memory(t2_s=1.0)  # T1 = inf


@pytest.mark.parametrize("field", ["gate_error_1q", "gate_error_2q", "readout_error"])
def test_probability_above_one_names_field_and_value(field: str) -> None:
    with pytest.raises(ValueError, match=rf"Qubit\.{field}: not \(0 <= 1\.2 <= 1\)"):
        dataclasses.replace(HERON, **{field: 1.2})


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: dataclasses.replace(HERON, t1_s=0.0), "Qubit.t1_s"),
        (lambda: dataclasses.replace(HERON, gate_duration_2q_s=-1e-9), "Qubit.gate_duration_2q_s"),
        (lambda: Transducer(0.1, -0.1, 1e6, 1e3), "Transducer.added_noise"),
        (lambda: Transducer(0.1, 0.1, 0.0, 1e3), "Transducer.bandwidth_hz"),
        (lambda: Transducer(0.1, 0.1, 1e6, math.inf), "Transducer.max_repetition_rate_hz"),
        (lambda: PumpHeating(-0.1, 1e-3), "PumpHeating.delta_noise_per_pulse"),
        (lambda: PumpHeating(0.1, 0.0), "PumpHeating.cooldown_s"),
        (lambda: Fiber(1.0, loss_db_per_km=-0.2), "Fiber.loss_db_per_km"),
        (lambda: Fiber(1.0, group_index=0.9), "Fiber.group_index"),
        (lambda: Detector(0.9, -1.0, 1e-9, 0.0), "Detector.dark_count_rate_hz"),
        (lambda: Detector(0.9, 1.0, 0.0, 0.0), "Detector.window_s"),
        (lambda: Memory(t_depolarizing_s=-1.0), "Memory.t_depolarizing_s"),
        (lambda: Memory(t1_s=math.nan), "Memory.t1_s"),
        (lambda: Qubit(1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, name=""), "Qubit.name"),
    ],
)
def test_every_field_is_validated(make: object, field: str) -> None:
    with pytest.raises(ValueError) as info:
        make()  # type: ignore[operator]
    assert str(info.value).startswith(field)


def test_qubit_derived_values() -> None:
    assert HERON.p_depolarizing_1q == pytest.approx(2 * 1.99e-4)
    assert HERON.p_depolarizing_2q == pytest.approx(4 * 1.54e-3 / 3)
    expected_t_phi = 1.0 / (1.0 / 317.1e-6 - 1.0 / (2 * 299e-6))
    assert HERON.t_phi_s == pytest.approx(expected_t_phi)
    # T2 = 2 T1 and T2 = inf: no pure dephasing
    assert dataclasses.replace(HERON, t2_s=598e-6).t_phi_s == math.inf
    assert Qubit(math.inf, math.inf, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0).t_phi_s == math.inf
    # the coherence decay combines both: 1/T2 = 1/(2 T1) + 1/T_phi
    assert 1.0 / (2 * HERON.t1_s) + 1.0 / HERON.t_phi_s == pytest.approx(1.0 / HERON.t2_s)


def test_fiber_and_detector_properties_agree_with_formulas() -> None:
    f = Fiber(37.0, 0.16, 1.46, name="ull")
    assert f.transmissivity == pytest.approx(fiber_transmissivity(37.0, 0.16))
    assert f.delay_s == pytest.approx(fiber_delay_s(37.0, 1.46))
    assert f.delay_s == pytest.approx(37e3 / f.group_velocity_m_per_s)
    g = f.with_length(3.0)
    assert (g.length_km, g.loss_db_per_km, g.group_index, g.name) == (3.0, 0.16, 1.46, "ull")
    assert Fiber(0.0).transmissivity == 1.0
    d = Detector(0.9, 1e3, 1e-6, 40e-9)
    assert d.dark_count_probability == pytest.approx(dark_count_probability(1e3, 1e-6))
    assert d.dark_count_probability == pytest.approx(1.0 - math.exp(-1e-3))


def test_memory_kinds() -> None:
    assert Memory().is_depolarizing is False
    assert Memory(t_depolarizing_s=1e-3).is_depolarizing is True
    m = Memory.from_qubit(dataclasses.replace(HERON, name="q", source="s"))
    assert (m.t1_s, m.t2_s, m.t_depolarizing_s, m.name, m.source) == (
        HERON.t1_s,
        HERON.t2_s,
        math.inf,
        "q",
        "s",
    )


@pytest.mark.parametrize(
    "value",
    [
        HERON,
        Transducer(0.1, 0.01, 1e6, 1e3, heating=PumpHeating(0.02, 1e-4), name="t", source="x"),
        Transducer(0.5, 1e-3, 1e7, 1e6),
        PumpHeating(0.1, 1e-3, name="h"),
        Fiber(10.0),
        Detector(0.9, 100.0, 1e-8, 4e-8),
        Memory(t1_s=1e-3, t2_s=1e-3),
    ],
)
def test_to_dict_round_trips_and_values_are_frozen(value: object) -> None:
    d = value.to_dict()  # type: ignore[attr-defined]
    assert list(d)[-2:] == ["name", "source"]
    if isinstance(d.get("heating"), dict):
        d["heating"] = PumpHeating(**d["heating"])
    assert type(value)(**d) == value
    field = dataclasses.fields(value)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, 0.5)


def test_heating_type_is_checked() -> None:
    with pytest.raises(ValueError, match=r"Transducer\.heating"):
        Transducer(0.1, 0.01, 1e6, 1e3, heating=0.1)  # type: ignore[arg-type]
