"""`Transducer`: a microwave-to-optical converter at a processor's network port (physics.md 1).

Figures of merit (section 1.1): total (fibre-coupled) efficiency eta_t, input-referred added
noise N_add (output noise eta_t N_add per mode), conversion bandwidth B, maximum pump
repetition rate, and optionally the pump-heating model of section 1.4 (`PumpHeating`).

Examples:
    >>> t = Transducer(0.5, 1e-3, 10e6, 1e6)
    >>> t.output_noise(), round(t.thermal_occupation(), 12), t.throughput_hz(0.1)
    (0.0005, 0.001, 500000.0)
    >>> Transducer(1.5, 0.1, 1e6, 1e3)
    Traceback (most recent call last):
    ...
    qonnect.core.errors.UnphysicalParameterError: Transducer.efficiency: not (0 <= 1.5 <= 1)
"""

from __future__ import annotations

import dataclasses
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from qonnect.core.errors import UnphysicalParameterError
from qonnect.core.validate import check_non_negative, check_positive, check_probability
from qonnect.physics._arrays import FloatArray, checked, scalar_or_array
from qonnect.physics._checks import check_name
from qonnect.physics.heating import PumpHeating
from qonnect.physics.transduction import thermal_occupation

# NOTE: tolerance for pulse spacings and rates computed in floating point (1/f_max, k/f).
_REL_TOL = 1e-9


@dataclasses.dataclass(frozen=True, slots=True)
class Transducer:
    """A microwave-to-optical transducer.

    Args:
        efficiency: total external conversion efficiency eta_t in [0, 1] (not the internal one).
        added_noise: input-referred added noise N_add in photons (>= 0), the cold value N_0
            when `heating` is given.
        bandwidth_hz: conversion bandwidth B in Hz (> 0).
        max_repetition_rate_hz: highest pump-pulse (attempt) rate in Hz (> 0).
        heating: pump-heating model (section 1.4), or None when N_add already includes the
            steady-state heating (continuous devices).
        name: preset name, "custom" for a hand-made value.
        source: where the numbers come from.

    Raises:
        UnphysicalParameterError: (a ValueError) naming the field and the bad value.
    """

    efficiency: float
    added_noise: float
    bandwidth_hz: float
    max_repetition_rate_hz: float
    heating: PumpHeating | None = None
    name: str = "custom"
    source: str = ""

    def __post_init__(self) -> None:
        check_probability("Transducer.efficiency", self.efficiency)
        check_non_negative("Transducer.added_noise", self.added_noise)
        check_positive("Transducer.bandwidth_hz", self.bandwidth_hz)
        check_positive("Transducer.max_repetition_rate_hz", self.max_repetition_rate_hz)
        if self.heating is not None and not isinstance(self.heating, PumpHeating):
            raise UnphysicalParameterError(
                f"Transducer.heating: expected a PumpHeating or None, got {self.heating!r}"
            )
        check_name("Transducer", self.name, self.source)

    def output_noise(self) -> float:
        """Noise photons per mode at the optical output, eta_t * N_add."""
        return float(self.efficiency * self.added_noise)

    def thermal_occupation(self) -> float:
        """Environment occupation n_E = eta N_add/(1 - eta) of the equivalent attenuator (1.1)."""
        return thermal_occupation(float(self.efficiency), float(self.added_noise))

    @overload
    def added_noise_at(self, t_s: float, pulse_times_s: npt.ArrayLike) -> float: ...
    @overload
    def added_noise_at(self, t_s: npt.ArrayLike, pulse_times_s: npt.ArrayLike) -> FloatArray: ...
    def added_noise_at(
        self, t_s: npt.ArrayLike, pulse_times_s: npt.ArrayLike
    ) -> float | FloatArray:
        """N_add(t) = N_0 + Delta N sum_{t_k <= t} exp(-(t - t_k)/tau_h) (section 1.4).

        Args:
            t_s: time(s) in s.
            pulse_times_s: pump-pulse times in s; consecutive pulses must be at least
                1/max_repetition_rate_hz apart.

        Returns:
            The added noise at `t_s` (just `added_noise` without a heating model).

        Raises:
            UnphysicalParameterError: pulses closer than 1/max_repetition_rate_hz.

        Examples:
            >>> h = PumpHeating(0.1, 1e-3)
            >>> t = Transducer(0.1, 0.01, 1e6, 1e3, heating=h)
            >>> round(t.added_noise_at(2e-3, [0.0, 1e-3, 2e-3]), 6)  # 0.01 + 0.1 (1 + e^-1 + e^-2)
            0.160321
        """
        t = checked("Transducer.added_noise_at.t_s", t_s)
        pulses = np.sort(checked("Transducer.added_noise_at.pulse_times_s", pulse_times_s).ravel())
        min_gap = 1.0 / self.max_repetition_rate_hz
        gaps = np.diff(pulses)
        close = gaps < min_gap * (1.0 - _REL_TOL)
        if close.any():
            raise UnphysicalParameterError(
                "Transducer.added_noise_at.pulse_times_s: pulses "
                f"{float(gaps[close][0])!r} s apart, closer than 1/max_repetition_rate_hz="
                f"{min_gap!r} s"
            )
        if self.heating is None:
            return scalar_or_array(np.full(t.shape, float(self.added_noise)))
        return scalar_or_array(self.added_noise + self.heating.excess_noise_at(t, pulses))

    def steady_state_added_noise(self, repetition_rate_hz: float) -> float:
        """N_add just before a pulse of a long periodic pulse train at `repetition_rate_hz`.

        N_0 + Delta N x/(1 - x), x = exp(-1/(f tau_h)): the limit of the sum of
        `added_noise_at` over infinitely many earlier pulses; `added_noise` without heating.

        Raises:
            UnphysicalParameterError: a rate <= 0 or above max_repetition_rate_hz.

        Examples:
            >>> t = Transducer(0.1, 0.01, 1e6, 1e3, heating=PumpHeating(0.1, 1e-3))
            >>> round(t.steady_state_added_noise(1e3), 6)  # 0.01 + 0.1/(e - 1)
            0.068198
        """
        f = check_positive(
            "Transducer.steady_state_added_noise.repetition_rate_hz", repetition_rate_hz
        )
        if f > self.max_repetition_rate_hz * (1.0 + _REL_TOL):
            raise UnphysicalParameterError(
                f"Transducer.steady_state_added_noise.repetition_rate_hz: {repetition_rate_hz!r} "
                f"exceeds max_repetition_rate_hz={self.max_repetition_rate_hz!r}"
            )
        if self.heating is None:
            return float(self.added_noise)
        return float(self.added_noise) + self.heating.steady_state_excess_noise(f)

    def throughput_hz(self, duty_cycle: float = 1.0) -> float:
        """Throughput Theta = eta_t B D in Hz (Urmey et al., arXiv:2507.09873).

        Args:
            duty_cycle: fraction D in [0, 1] of the time the pump is on; 1 for CW devices.
        """
        d = check_probability("Transducer.throughput_hz.duty_cycle", duty_cycle)
        return float(self.efficiency * self.bandwidth_hz * d)

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (heating as a nested dict or None)."""
        return dataclasses.asdict(self)
