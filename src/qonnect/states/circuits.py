"""Exact density-matrix circuits of the pair protocols (swap, purification, teleportation,
telegate), with optional local noise. Tests use them to check every Bell-diagonal closed form;
the execution layer uses the telegate for noisy remote gates.

Examples:
    >>> out = swap_exact(bell_pair_dm(0), bell_pair_dm(0))
    >>> bool(np.allclose(out, bell_pair_dm(0)))
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from qonnect.core.validate import check_probability
from qonnect.states.bell_diagonal import BellDiagonal
from qonnect.states.density import (
    CNOT,
    CZ,
    H,
    Matrix,
    X,
    Z,
    apply_kraus,
    apply_operator,
    bell_pair_dm,
    depolarizing_kraus,
    fidelity_with_pure,
    measure_and_correct,
    partial_trace,
    projector,
    rx,
    tensor,
)

__all__ = [
    "RemoteGate",
    "bell_pair_dm",
    "fidelity_with_pure",
    "purify_exact",
    "swap_exact",
    "telegate_choi_exact",
    "telegate_process_fidelity_exact",
    "teleport_choi_exact",
]


class RemoteGate(StrEnum):
    """Two-qubit gates a telegate can apply across QPUs."""

    CX = "cx"
    CZ = "cz"


@dataclass(frozen=True)
class _controlled:
    """Classically controlled correction: apply `pauli` to `target` when the bit is 1."""

    pauli: Matrix
    target: int
    n: int

    def __call__(self, rho: Matrix, bit: int) -> Matrix:
        return apply_operator(rho, self.pauli, [self.target], self.n) if bit else rho


def swap_exact(
    rho_a: Matrix,
    rho_b: Matrix,
    *,
    gate_depolarizing: float = 0.0,
    measurement_flip: float = 0.0,
) -> Matrix:
    """Swap pairs (A, B1) and (B2, C) by a Bell measurement on B1, B2; return rho_AC.

    Noise model of physics.md eq. 6.2: two-qubit depolarizing on (B1, B2) before an ideal
    Bell measurement, and each recorded bit flipped with probability `measurement_flip`.
    """
    check_probability("gate_depolarizing", gate_depolarizing)
    n = 4
    rho = tensor(rho_a, rho_b)
    rho = apply_kraus(rho, depolarizing_kraus(gate_depolarizing, 2), [1, 2], n)
    rho = apply_operator(rho, CNOT, [1, 2], n)
    rho = apply_operator(rho, H, [1], n)
    rho = measure_and_correct(rho, 1, n, _controlled(Z, 3, n), flip=measurement_flip)
    rho = measure_and_correct(rho, 2, n, _controlled(X, 3, n), flip=measurement_flip)
    return partial_trace(rho, [0, 3], n)


def purify_exact(rho_a: Matrix, rho_b: Matrix, protocol: str = "dejmps") -> tuple[Matrix, float]:
    """One recurrence round on pairs (A1, B1) kept and (A2, B2) sacrificed.

    DEJMPS: R_x(pi/2) on Alice's qubits, R_x(-pi/2) on Bob's, bilateral CNOT, Z-measure the
    sacrificed pair, keep on agreement. BBPSSW: both inputs twirled to Werner states, no
    rotation, and the output twirled.

    Returns:
        (normalised kept state, success probability).
    """
    if protocol == "bbpssw":
        rho_a = BellDiagonal.from_density_matrix(rho_a).twirl().to_density_matrix()
        rho_b = BellDiagonal.from_density_matrix(rho_b).twirl().to_density_matrix()
    elif protocol != "dejmps":
        raise ValueError(f"unknown protocol {protocol!r}")
    n = 4  # order: A1, B1, A2, B2
    rho = tensor(rho_a, rho_b)
    if protocol == "dejmps":
        for q, angle in ((0, np.pi / 2), (2, np.pi / 2), (1, -np.pi / 2), (3, -np.pi / 2)):
            rho = apply_operator(rho, rx(angle), [q], n)
    rho = apply_operator(rho, CNOT, [0, 2], n)
    rho = apply_operator(rho, CNOT, [1, 3], n)
    kept = np.zeros_like(rho)
    for outcome in (0, 1):
        pa, ta = projector(2, outcome, n)
        pb, tb = projector(3, outcome, n)
        kept = kept + apply_operator(apply_operator(rho, pa, ta, n), pb, tb, n)
    p = float(np.real(np.trace(kept)))
    out = partial_trace(kept, [0, 1], n) / p
    if protocol == "bbpssw":
        out = BellDiagonal.from_density_matrix(out).twirl().to_density_matrix()
    return out, p


def teleport_choi_exact(pair: Matrix) -> Matrix:
    """Choi state (reference R, output B) of teleporting one qubit through `pair` (A, B)."""
    n = 4  # R, Q, A, B
    rho = tensor(bell_pair_dm(0), pair)
    rho = apply_operator(rho, CNOT, [1, 2], n)
    rho = apply_operator(rho, H, [1], n)
    rho = measure_and_correct(rho, 1, n, _controlled(Z, 3, n))
    rho = measure_and_correct(rho, 2, n, _controlled(X, 3, n))
    return partial_trace(rho, [0, 3], n)


def telegate_choi_exact(
    pair: Matrix,
    gate: RemoteGate | str = RemoteGate.CX,
    *,
    p_2q: float = 0.0,
    p_meas: float = 0.0,
) -> Matrix:
    """Choi state on (R_c, R_t, c, t) of a remote CNOT/CZ by cat-entangler/disentangler.

    Eisert, Jacobs, Papadopoulos, Plenio, PRA 62, 052317 (2000); physics.md section 8. The
    pair (a, b) has a with the control c and b with the target t. Local noise: depolarizing
    `p_2q` after both local two-qubit gates, and each measured bit flipped with `p_meas`.
    """
    g = RemoteGate(gate)
    check_probability("p_2q", p_2q)
    n = 6  # Rc, Rt, c, a, b, t
    phi = bell_pair_dm(0)
    rho = tensor(phi, phi, pair)  # (Rc, c), (Rt, t), (a, b): reorder below
    # tensor order is Rc, c, Rt, t, a, b -> bring to Rc, Rt, c, a, b, t
    rho = _permute(rho, [0, 2, 1, 4, 5, 3], n)
    dep = depolarizing_kraus(p_2q, 2)
    # cat-entangler
    rho = apply_operator(rho, CNOT, [2, 3], n)
    rho = apply_kraus(rho, dep, [2, 3], n)
    rho = measure_and_correct(rho, 3, n, _controlled(X, 4, n), flip=p_meas)
    # the gate, controlled by b
    rho = apply_operator(rho, CNOT if g is RemoteGate.CX else CZ, [4, 5], n)
    rho = apply_kraus(rho, dep, [4, 5], n)
    # cat-disentangler: X-measure b, Z on c
    rho = apply_operator(rho, H, [4], n)
    rho = measure_and_correct(rho, 4, n, _controlled(Z, 2, n), flip=p_meas)
    return partial_trace(rho, [0, 1, 2, 5], n)


def ideal_gate_choi(gate: RemoteGate | str = RemoteGate.CX) -> Matrix:
    """Choi state of the ideal CNOT/CZ on (R_c, R_t, c, t)."""
    u = CNOT if RemoteGate(gate) is RemoteGate.CX else CZ
    phi2 = _permute(tensor(bell_pair_dm(0), bell_pair_dm(0)), [0, 2, 1, 3], 4)
    return apply_operator(phi2, u, [2, 3], 4)


def telegate_process_fidelity_exact(
    pair: BellDiagonal | Matrix,
    gate: RemoteGate | str = RemoteGate.CX,
    *,
    p_2q: float = 0.0,
    p_meas: float = 0.0,
) -> float:
    """Process (entanglement) fidelity of the telegate against the ideal gate, exactly."""
    rho_pair = pair.to_density_matrix() if isinstance(pair, BellDiagonal) else pair
    choi = telegate_choi_exact(rho_pair, gate, p_2q=p_2q, p_meas=p_meas)
    ideal = ideal_gate_choi(gate)
    # the ideal Choi state is pure: F = <psi|choi|psi> = Tr(ideal * choi)
    return float(np.real(np.trace(ideal @ choi)))


def _permute(rho: Matrix, order: list[int], n: int) -> Matrix:
    """Reorder qubits: new qubit i is old qubit order[i]."""
    t = rho.reshape((2,) * (2 * n))
    t = np.transpose(t, order + [n + q for q in order])
    return np.asarray(t.reshape(2**n, 2**n), dtype=np.complex128)
