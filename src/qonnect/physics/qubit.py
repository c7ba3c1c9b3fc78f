"""`Qubit`: the noise parameters of a superconducting processor's qubits (physics.md section 2).

A frozen, validated value: coherence times, randomized-benchmarking gate errors and durations,
readout error and duration. Gate errors are converted to depolarizing parameters with
p_1q = 2 r and p_2q = 4 r/3 (section 0); idle qubits undergo amplitude damping (T1) and pure
dephasing with 1/T_phi = 1/T2 - 1/(2 T1) (section 2.2).

Examples:
    >>> q = Qubit(300e-6, 300e-6, 2e-4, 32e-9, 1.5e-3, 68e-9, 5e-3, 2.5e-6)
    >>> q.p_depolarizing_1q, round(q.p_depolarizing_2q, 12)
    (0.0004, 0.002)
    >>> round(q.t_phi_s * 1e6, 6)
    600.0
    >>> Qubit(100e-6, 300e-6, 2e-4, 32e-9, 1.5e-3, 68e-9, 5e-3, 2.5e-6)
    Traceback (most recent call last):
    ...
    qonnect.core.errors.UnphysicalParameterError: Qubit: not (T2 <= 2*T1): t2_s=0.0003, t1_s=0.0001
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from qonnect.core.validate import check_non_negative, check_positive, check_probability
from qonnect.physics._checks import check_name, check_t2_within_2t1


@dataclasses.dataclass(frozen=True, slots=True)
class Qubit:
    """Noise parameters of the qubits of one processor (chip medians).

    Args:
        t1_s: energy-relaxation time T1 in s (> 0; inf for none).
        t2_s: coherence time T2 in s (Hahn-echo, as IBM reports; > 0, inf allowed, T2 <= 2 T1).
        gate_error_1q: RB average error r of a single-qubit gate (sx), in [0, 1].
        gate_duration_1q_s: duration of a single-qubit gate in s (>= 0).
        gate_error_2q: RB average error of the two-qubit gate (cz), in [0, 1].
        gate_duration_2q_s: duration of the two-qubit gate in s (>= 0).
        readout_error: symmetric assignment error P(0|1) = P(1|0), in [0, 1].
        readout_duration_s: readout duration in s (>= 0).
        name: preset name, "custom" for a hand-made value.
        source: where the numbers come from.

    Raises:
        UnphysicalParameterError: (a ValueError) naming the field and the bad value.
    """

    t1_s: float
    t2_s: float
    gate_error_1q: float
    gate_duration_1q_s: float
    gate_error_2q: float
    gate_duration_2q_s: float
    readout_error: float
    readout_duration_s: float
    name: str = "custom"
    source: str = ""

    def __post_init__(self) -> None:
        # NOTE: durations may be 0 (virtual gates, idealised nodes); T1 and T2 must be > 0.
        check_positive("Qubit.t1_s", self.t1_s, allow_inf=True)
        check_positive("Qubit.t2_s", self.t2_s, allow_inf=True)
        check_probability("Qubit.gate_error_1q", self.gate_error_1q)
        check_non_negative("Qubit.gate_duration_1q_s", self.gate_duration_1q_s)
        check_probability("Qubit.gate_error_2q", self.gate_error_2q)
        check_non_negative("Qubit.gate_duration_2q_s", self.gate_duration_2q_s)
        check_probability("Qubit.readout_error", self.readout_error)
        check_non_negative("Qubit.readout_duration_s", self.readout_duration_s)
        check_t2_within_2t1("Qubit", self.t1_s, self.t2_s)
        check_name("Qubit", self.name, self.source)

    @property
    def p_depolarizing_1q(self) -> float:
        """Depolarizing parameter of a single-qubit gate, 2 r (capped at 1)."""
        return min(1.0, 2.0 * self.gate_error_1q)

    @property
    def p_depolarizing_2q(self) -> float:
        """Two-qubit depolarizing parameter of the two-qubit gate, 4 r/3 (capped at 1)."""
        return min(1.0, 4.0 * self.gate_error_2q / 3.0)

    @property
    def t_phi_s(self) -> float:
        """Pure-dephasing time: 1/T_phi = 1/T2 - 1/(2 T1); inf when that rate is <= 0."""
        rate = 1.0 / self.t2_s - 1.0 / (2.0 * self.t1_s)
        return math.inf if rate <= 0.0 else 1.0 / rate

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for listing and JSON)."""
        return dataclasses.asdict(self)
