"""`PumpHeating`: the pump-heating / cool-down model of a pulsed transducer (physics.md 1.4).

Phenomenological model [A]: each optical pump pulse at t_k raises the input-referred added noise
by Delta N, which relaxes with the cool-down time tau_h:

    N_add(t) = N_0 + Delta N * sum_{t_k <= t} exp(-(t - t_k)/tau_h).

For a periodic train at rate f, just before a pulse the sum is the geometric series
sum_{k >= 1} x^k = x/(1 - x) = 1/(exp(1/(f tau_h)) - 1), x = exp(-1/(f tau_h)).

Examples:
    >>> h = PumpHeating(delta_noise_per_pulse=0.01, cooldown_s=1e-3)
    >>> round(h.excess_noise_at(1e-3, [0.0]), 6)  # 0.01 / e
    0.003679
    >>> round(h.steady_state_excess_noise(1e3), 6)  # 0.01 / (e - 1)
    0.00582
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from qonnect.core.validate import check_non_negative, check_positive
from qonnect.physics._arrays import FloatArray, checked, scalar_or_array
from qonnect.physics._checks import check_name


@dataclasses.dataclass(frozen=True, slots=True)
class PumpHeating:
    """Heating of a transducer by its optical pump pulses.

    Args:
        delta_noise_per_pulse: Delta N, added-noise increase right after one pulse (>= 0).
        cooldown_s: cool-down time constant tau_h in s (> 0).
        name: a label, "custom" for a hand-made value.
        source: where the numbers come from.

    Raises:
        UnphysicalParameterError: (a ValueError) naming the field and the bad value.
    """

    delta_noise_per_pulse: float
    cooldown_s: float
    name: str = "custom"
    source: str = ""

    def __post_init__(self) -> None:
        check_non_negative("PumpHeating.delta_noise_per_pulse", self.delta_noise_per_pulse)
        check_positive("PumpHeating.cooldown_s", self.cooldown_s)
        check_name("PumpHeating", self.name, self.source)

    @overload
    def excess_noise_at(self, t_s: float, pulse_times_s: npt.ArrayLike) -> float: ...
    @overload
    def excess_noise_at(self, t_s: npt.ArrayLike, pulse_times_s: npt.ArrayLike) -> FloatArray: ...
    def excess_noise_at(
        self, t_s: npt.ArrayLike, pulse_times_s: npt.ArrayLike
    ) -> float | FloatArray:
        """Delta N * sum over pulses t_k <= t of exp(-(t - t_k)/tau_h).

        Args:
            t_s: time(s) at which to evaluate, in s.
            pulse_times_s: pulse times in s (any order).

        Returns:
            The heating contribution to N_add (float for a scalar `t_s`).
        """
        t = checked("PumpHeating.excess_noise_at.t_s", t_s)
        pulses = checked("PumpHeating.excess_noise_at.pulse_times_s", pulse_times_s).ravel()
        dt = t[..., np.newaxis] - pulses
        past = dt >= 0.0
        terms = np.where(past, np.exp(-np.where(past, dt, 0.0) / self.cooldown_s), 0.0)
        return scalar_or_array(self.delta_noise_per_pulse * terms.sum(axis=-1))

    def steady_state_excess_noise(self, repetition_rate_hz: float) -> float:
        """Heating contribution just before a pulse of an infinite periodic train at f.

        Delta N * x/(1 - x) with x = exp(-1/(f tau_h)), i.e. Delta N/(exp(1/(f tau_h)) - 1).
        """
        f = check_positive("PumpHeating.repetition_rate_hz", repetition_rate_hz)
        if self.delta_noise_per_pulse == 0.0:
            return 0.0
        a = 1.0 / (f * self.cooldown_s)
        denominator = -math.expm1(-a)  # 1 - x, accurate for small a; never overflows
        # NOTE: a period negligible against tau_h never cools down: the series diverges
        if denominator == 0.0:
            return math.inf
        return self.delta_noise_per_pulse * math.exp(-a) / denominator

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict."""
        return dataclasses.asdict(self)
