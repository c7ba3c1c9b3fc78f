"""Seam noise: what a two-qubit gate suffers when its qubits sit in different modules.

Two models, chosen by type:

- `DepolarizingSeam(p_seam)`: the crossing gate's `DEPOLARIZE2(p_2q)` is *replaced* by
  `DEPOLARIZE2(p_seam)`. p_seam is the total error of a remote gate on the same scale as the
  bulk p_2q, so p_seam = p_2q is exactly the unsplit code. It plays the part of the
  "interface error" of Ramette et al., npj Quantum Inf. 10 (2024),
  doi:10.1038/s41534-024-00855-4 (interface threshold ~10x the bulk's; their interface
  model is not identical to this one). NOTE: we do not read p_seam as a Werner pair of
  fidelity 1 - p_seam because that pair only produces X_t, Z_c and X_t Z_c (physics.md
  eq. 8.1), a channel that equals the bulk depolarizing one for no value of p_seam, so
  "split == unsplit" could not even be stated.
- `TelegateSeam(pair, ...)`: the gate is a telegate (Eisert et al., PRA 62, 052317 (2000))
  consuming one Bell pair. The local operations keep the bulk `DEPOLARIZE2(p_2q)` and the pair
  adds a `PAULI_CHANNEL_2` (physics.md section 8): for a remote CX, a Pauli on the pair's second
  qubit b maps as X_b -> X_t, Z_b -> Z_c, Y_b -> Z_c X_t; for a remote CZ, X_b -> Z_t,
  Z_b -> Z_c, Y_b -> Z_c Z_t. Before use the pair may wait in memories (T1/T2 on both
  halves, `qonnect.states.decay_t1t2`).

Examples:
    >>> from qonnect.states import BellDiagonal
    >>> ch = telegate_pauli_channel(BellDiagonal.werner(0.97), TwoQubitGate.CX)
    >>> {k: round(v, 6) for k, v in ch.items()}
    {'IX': 0.01, 'ZX': 0.01, 'ZI': 0.01}
    >>> telegate_pauli_channel(BellDiagonal(0.9, 0.0, 0.0, 0.1), TwoQubitGate.CZ)
    {'ZI': 0.1}
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass

from qonnect.core.validate import check_non_negative, check_positive, check_probability
from qonnect.states.bell_diagonal import BellDiagonal
from qonnect.states.decay import decay_t1t2


class TwoQubitGate(enum.Enum):
    """A two-qubit Clifford a telegate can implement (targets ordered control, target)."""

    CX = "CX"
    CZ = "CZ"


PAULI_CHANNEL_2_ORDER: tuple[str, ...] = tuple(
    a + b for a in "IXYZ" for b in "IXYZ" if a + b != "II"
)
"""The 15 two-qubit Paulis in the argument order of stim's PAULI_CHANNEL_2 (first letter on
the first target, i.e. the control)."""

# Pauli error on the pair's qubit b (index I, X, Y, Z) -> error after the remote gate.
_TELEGATE_MAP: dict[TwoQubitGate, tuple[str, str, str]] = {
    TwoQubitGate.CX: ("IX", "ZX", "ZI"),  # X_b -> X_t, Y_b -> Z_c X_t, Z_b -> Z_c
    TwoQubitGate.CZ: ("IZ", "ZZ", "ZI"),  # X_b -> Z_t, Y_b -> Z_c Z_t, Z_b -> Z_c
}


def telegate_pauli_channel(pair: BellDiagonal, gate: TwoQubitGate) -> dict[str, float]:
    """The two-qubit Pauli channel a telegate adds after the ideal gate (physics.md section 8).

    Args:
        pair: the Bell pair consumed, Bell-diagonal (Pauli I, X, Y, Z on its qubit b).
        gate: the remote gate, `TwoQubitGate.CX` or `TwoQubitGate.CZ`.

    Returns:
        Non-zero probabilities keyed by two-qubit Pauli (control letter first), in the order
        X, Y, Z of the pair error.
    """
    _, px, py, pz = pair.coefficients
    out: dict[str, float] = {}
    for label, p in zip(_TELEGATE_MAP[gate], (px, py, pz), strict=True):
        if p > 0.0:
            out[label] = out.get(label, 0.0) + p
    return out


def pauli_channel_2_args(probabilities: Mapping[str, float]) -> tuple[float, ...]:
    """The 15 arguments of stim's PAULI_CHANNEL_2 for probabilities keyed by Pauli label.

    Examples:
        >>> args = pauli_channel_2_args({"IX": 0.1, "ZZ": 0.2})
        >>> args[0], args[-1], sum(args)
        (0.1, 0.2, 0.30000000000000004)
    """
    unknown = set(probabilities) - set(PAULI_CHANNEL_2_ORDER)
    if unknown:
        raise ValueError(f"not two-qubit Pauli labels: {sorted(unknown)!r}")
    return tuple(float(probabilities.get(k, 0.0)) for k in PAULI_CHANNEL_2_ORDER)


@dataclass(frozen=True, slots=True)
class DepolarizingSeam:
    """A crossing gate's two-qubit depolarizing error p_seam, in place of the bulk p_2q.

    Args:
        p_seam: `DEPOLARIZE2` probability of each gate across the seam.
    """

    p_seam: float

    def __post_init__(self) -> None:
        check_probability("DepolarizingSeam.p_seam", self.p_seam)


@dataclass(frozen=True, slots=True)
class TelegateSeam:
    """A crossing gate done by telegate with a Bell pair from the link, optionally stored.

    Args:
        pair: the heralded pair as delivered (Bell-diagonal).
        storage_time_s: how long both halves wait before the gate (s), default 0.
        memory_t1_s: T1 of the memories holding the halves (s; math.inf for none).
        memory_t2_s: T2 of those memories (s; math.inf for none).
    """

    pair: BellDiagonal
    storage_time_s: float = 0.0
    memory_t1_s: float = math.inf
    memory_t2_s: float = math.inf

    def __post_init__(self) -> None:
        check_non_negative("TelegateSeam.storage_time_s", self.storage_time_s)
        check_positive("TelegateSeam.memory_t1_s", self.memory_t1_s, allow_inf=True)
        check_positive("TelegateSeam.memory_t2_s", self.memory_t2_s, allow_inf=True)

    @property
    def used_pair(self) -> BellDiagonal:
        """The pair when the gate consumes it: both halves stored for `storage_time_s`.

        `qonnect.states.decay_t1t2`, the exact Bell-diagonal projection of T1/T2 decay on both
        halves (physics.md eq. 5.1); the Bell twirl is what the Pauli-frame telegate sees.

        Examples:
            >>> s = TelegateSeam(BellDiagonal.perfect(), 10e-6, math.inf, 100e-6).used_pair
            >>> round(s.fidelity, 9) == round((1 + math.exp(-2 * 10e-6 / 100e-6)) / 2, 9)
            True
        """
        return decay_t1t2(
            self.pair, self.storage_time_s, t1_a_s=self.memory_t1_s, t2_a_s=self.memory_t2_s
        )


SeamModel = DepolarizingSeam | TelegateSeam
"""Either seam model."""


def crossing_gate_noise(
    seam: SeamModel, gate: TwoQubitGate, p_2q: float
) -> list[tuple[str, tuple[float, ...]]]:
    """The stim noise instructions (name, args) that follow one gate across the seam.

    Args:
        seam: the seam model.
        gate: the gate (decides the telegate error map).
        p_2q: the bulk two-qubit depolarizing probability of the noise model.

    Returns:
        Instructions with non-zero probability, to apply to the gate's (control, target).

    Examples:
        >>> crossing_gate_noise(DepolarizingSeam(0.05), TwoQubitGate.CX, 1e-3)
        [('DEPOLARIZE2', (0.05,))]
        >>> from qonnect.states import BellDiagonal
        >>> [name for name, _ in crossing_gate_noise(
        ...     TelegateSeam(BellDiagonal.werner(0.99)), TwoQubitGate.CX, 1e-3)]
        ['DEPOLARIZE2', 'PAULI_CHANNEL_2']
    """
    out: list[tuple[str, tuple[float, ...]]] = []
    match seam:
        case DepolarizingSeam(p_seam=p_seam):
            if p_seam > 0.0:
                out.append(("DEPOLARIZE2", (p_seam,)))
        case TelegateSeam():
            if p_2q > 0.0:
                out.append(("DEPOLARIZE2", (p_2q,)))
            channel = telegate_pauli_channel(seam.used_pair, gate)
            if channel:
                out.append(("PAULI_CHANNEL_2", pauli_channel_2_args(channel)))
    return out
