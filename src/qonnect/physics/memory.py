"""`Memory`: how a stored qubit decoheres while it waits (physics.md section 5).

Either a T1/T2 memory (amplitude damping and dephasing; eq. 5.1) or a depolarizing memory with
time constant T (a Werner pair's parameter decays as exp(-t/T) per stored half), or both.
Infinite times mean no decay of that kind.

Examples:
    >>> Memory(t_depolarizing_s=1e-3).is_depolarizing
    True
    >>> Memory(t1_s=300e-6, t2_s=317e-6).is_depolarizing
    False
    >>> Memory(t1_s=1e-3, t2_s=3e-3)
    Traceback (most recent call last):
    ...
    qonnect.core.errors.UnphysicalParameterError: Memory: not (T2 <= 2*T1): t2_s=0.003, t1_s=0.001
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from qonnect.core.validate import check_positive
from qonnect.physics._checks import check_name, check_t2_within_2t1
from qonnect.physics.qubit import Qubit


@dataclasses.dataclass(frozen=True, slots=True)
class Memory:
    """A quantum memory's decoherence times.

    Args:
        t1_s: energy-relaxation time T1 in s (> 0; default inf).
        t2_s: coherence time T2 in s (> 0; default inf; T2 <= 2 T1).
        t_depolarizing_s: depolarizing time constant T in s (> 0; default inf).
        name: preset name, "custom" for a hand-made value.
        source: where the numbers come from.

    Raises:
        UnphysicalParameterError: (a ValueError) naming the field and the bad value.
    """

    t1_s: float = math.inf
    t2_s: float = math.inf
    t_depolarizing_s: float = math.inf
    name: str = "custom"
    source: str = ""

    def __post_init__(self) -> None:
        check_positive("Memory.t1_s", self.t1_s, allow_inf=True)
        check_positive("Memory.t2_s", self.t2_s, allow_inf=True)
        check_positive("Memory.t_depolarizing_s", self.t_depolarizing_s, allow_inf=True)
        check_t2_within_2t1("Memory", self.t1_s, self.t2_s)
        check_name("Memory", self.name, self.source)

    @classmethod
    def from_qubit(cls, qubit: Qubit) -> Memory:
        """The T1/T2 memory of a processor's own qubits (name and source kept).

        Examples:
            >>> q = Qubit(300e-6, 317e-6, 2e-4, 32e-9, 1.5e-3, 88e-9, 4.5e-3, 2.6e-6, name="q")
            >>> Memory.from_qubit(q)
            Memory(t1_s=0.0003, t2_s=0.000317, t_depolarizing_s=inf, name='q', source='')
        """
        return cls(t1_s=qubit.t1_s, t2_s=qubit.t2_s, name=qubit.name, source=qubit.source)

    @property
    def is_depolarizing(self) -> bool:
        """True if the memory has a finite depolarizing time constant."""
        return math.isfinite(self.t_depolarizing_s)

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for listing and JSON)."""
        return dataclasses.asdict(self)
