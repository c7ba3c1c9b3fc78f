"""Teleportation-based remote operations from a Bell-diagonal pair (physics.md section 8).

Teledata through a Bell-diagonal pair is the Pauli channel with the pair's probabilities
(Bowen & Bose 2001); a telegate (Eisert et al. 2000) maps the pair's Pauli error on its second
half to a two-qubit Pauli error on (control, target): for CNOT X_b -> X_t, Z_b -> Z_c,
Y_b -> X_t Z_c; for CZ X_b -> Z_t, Z_b -> Z_c, Y_b -> Z_c Z_t.

Examples:
    >>> w = BellDiagonal.werner(0.9)
    >>> round(teleportation_average_fidelity(w), 6)  # (2F + 1)/3
    0.933333
    >>> round(telegate_average_fidelity(w), 6)  # (4F + 1)/5
    0.92
    >>> telegate_error_channel(BellDiagonal(0.9, 0.05, 0.03, 0.02), "cx")
    {'II': 0.9, 'IX': 0.05, 'ZX': 0.03, 'ZI': 0.02}
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from qonnect.states.bell_diagonal import BellDiagonal
from qonnect.states.circuits import RemoteGate

# Pauli on b (I, X, Y, Z) -> Pauli string on (control, target)
_TELEGATE_MAP: dict[RemoteGate, tuple[str, str, str, str]] = {
    RemoteGate.CX: ("II", "IX", "ZX", "ZI"),
    RemoteGate.CZ: ("II", "IZ", "ZZ", "ZI"),
}


def teleportation_channel(pair: BellDiagonal) -> npt.NDArray[np.float64]:
    """Pauli probabilities (p_I, p_X, p_Y, p_Z) of teleporting a qubit through `pair`."""
    return pair.as_array()


def teleportation_process_fidelity(pair: BellDiagonal) -> float:
    """Entanglement fidelity of the teleportation channel: the pair's fidelity."""
    return pair.fidelity


def teleportation_average_fidelity(pair: BellDiagonal) -> float:
    """Average fidelity (2 F_e + 1)/3 of the teleportation channel (d = 2)."""
    return (2.0 * pair.fidelity + 1.0) / 3.0


def telegate_error_channel(
    pair: BellDiagonal, gate: RemoteGate | str = RemoteGate.CX
) -> dict[str, float]:
    """Two-qubit Pauli error (on control, target) after an ideal remote gate through `pair`."""
    names = _TELEGATE_MAP[RemoteGate(gate)]
    return dict(zip(names, pair.coefficients, strict=True))


def telegate_process_fidelity(pair: BellDiagonal) -> float:
    """Process fidelity of a remote CNOT or CZ with ideal local operations: F (eq. 8.1)."""
    return pair.fidelity


def telegate_average_fidelity(pair: BellDiagonal) -> float:
    """Average gate fidelity (4 F + 1)/5 of a remote CNOT or CZ (eq. 8.1, d = 4)."""
    return (4.0 * pair.fidelity + 1.0) / 5.0
