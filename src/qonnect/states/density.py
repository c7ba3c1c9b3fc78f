"""The exact path: small density matrices and circuits, for models that leave the
Bell-diagonal family (amplitude damping) and to cross-check the fast path in tests.

Qubit 0 is the most significant bit of a basis index (|q0 q1 ...>), as in `BELL_VECTORS`.
Measurements with classically controlled corrections are applied as channels: the branches
of all outcomes are summed, which is the state averaged over outcomes after the correction.

Examples:
    >>> rho = ket_to_dm(BELL_VECTORS[0])
    >>> out = apply_kraus(rho, amplitude_damping_kraus(1.0), [1], 2)
    >>> round(float(np.real(out[0, 0])), 12)  # |00><00| half of the time, |10> the other
    0.5
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from qonnect.core.validate import check_non_negative, check_positive, check_probability
from qonnect.states.bell_diagonal import BELL_VECTORS

Matrix = npt.NDArray[np.complex128]

I2: Matrix = np.eye(2, dtype=np.complex128)
X: Matrix = np.array([[0, 1], [1, 0]], dtype=np.complex128)
Y: Matrix = np.array([[0, -1j], [1j, 0]], dtype=np.complex128)
Z: Matrix = np.array([[1, 0], [0, -1]], dtype=np.complex128)
H: Matrix = np.array([[1, 1], [1, -1]], dtype=np.complex128) / math.sqrt(2)
CNOT: Matrix = np.array(
    [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=np.complex128
)
CZ: Matrix = np.diag([1, 1, 1, -1]).astype(np.complex128)
PAULIS: tuple[Matrix, Matrix, Matrix, Matrix] = (I2, X, Y, Z)


def rx(theta: float) -> Matrix:
    """R_x(theta) = exp(-i theta X / 2)."""
    return np.asarray(math.cos(theta / 2) * I2 - 1j * math.sin(theta / 2) * X, dtype=np.complex128)


def ket_to_dm(ket: npt.ArrayLike) -> Matrix:
    """|psi><psi| of a state vector."""
    v = np.asarray(ket, dtype=np.complex128)
    return np.outer(v, v.conj())


def tensor(*ops: npt.ArrayLike) -> Matrix:
    """Kronecker product of the operators or states, first argument = most significant."""
    out: Matrix = np.array([[1.0]], dtype=np.complex128)
    for op in ops:
        out = np.asarray(np.kron(out, np.asarray(op, dtype=np.complex128)), dtype=np.complex128)
    return out


def _letters(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[:n]


def apply_operator(rho: Matrix, op: Matrix, targets: Sequence[int], n: int) -> Matrix:
    """op rho op^dagger with `op` acting on the qubits `targets` of an n-qubit matrix."""
    k = len(targets)
    t = rho.reshape((2,) * (2 * n))
    o = op.reshape((2,) * (2 * k))
    ins = list(range(k, 2 * k))
    rows = list(targets)
    cols = [n + q for q in targets]
    t = np.tensordot(o, t, axes=(ins, rows))  # op's output axes come first
    t = np.moveaxis(t, list(range(k)), rows)
    t = np.tensordot(t, o.conj(), axes=(cols, ins))  # op*'s output axes come last
    t = np.moveaxis(t, list(range(2 * n - k, 2 * n)), cols)
    return np.asarray(t.reshape(2**n, 2**n), dtype=np.complex128)


def apply_kraus(rho: Matrix, kraus: Sequence[Matrix], targets: Sequence[int], n: int) -> Matrix:
    """Apply the channel with Kraus operators `kraus` to `targets`."""
    out = np.zeros_like(rho)
    for k in kraus:
        out = out + apply_operator(rho, k, targets, n)
    return out


def amplitude_damping_kraus(gamma: float) -> list[Matrix]:
    """Kraus operators of amplitude damping towards |0> with probability `gamma`."""
    check_probability("amplitude_damping.gamma", gamma)
    k0 = np.array([[1, 0], [0, math.sqrt(1 - gamma)]], dtype=np.complex128)
    k1 = np.array([[0, math.sqrt(gamma)], [0, 0]], dtype=np.complex128)
    return [k0, k1]


def phase_flip_kraus(p: float) -> list[Matrix]:
    """Z with probability p."""
    check_probability("phase_flip.p", p)
    return [math.sqrt(1 - p) * I2, math.sqrt(p) * Z]


def pauli_kraus(probabilities: Sequence[float]) -> list[Matrix]:
    """Single-qubit Pauli channel (p_I, p_X, p_Y, p_Z)."""
    return [math.sqrt(max(p, 0.0)) * P for p, P in zip(probabilities, PAULIS, strict=True)]


def depolarizing_kraus(p: float, n_qubits: int = 1) -> list[Matrix]:
    """Depolarizing on n qubits: rho -> (1-p) rho + p I/d, as d^2 Pauli Kraus operators."""
    check_probability("depolarizing.p", p)
    d2 = 4**n_qubits
    ops: list[Matrix] = []
    for idx in range(d2):
        paulis = [PAULIS[(idx >> (2 * (n_qubits - 1 - j))) & 3] for j in range(n_qubits)]
        weight = (1 - p + p / d2) if idx == 0 else p / d2
        ops.append(math.sqrt(weight) * tensor(*paulis))
    return ops


def t1t2_kraus(duration_s: float, t1_s: float, t2_s: float) -> list[Matrix]:
    """Amplitude damping (T1) followed by pure dephasing so that coherence decays as e^{-t/T2}.

    Requires T2 <= 2 T1 (physics.md section 2.2).
    """
    check_non_negative("t1t2.duration_s", duration_s)
    check_positive("t1t2.t1_s", t1_s, allow_inf=True)
    check_positive("t1t2.t2_s", t2_s, allow_inf=True)
    gamma = 0.0 if math.isinf(t1_s) else -math.expm1(-duration_s / t1_s)
    coh_total = 0.0 if math.isinf(t2_s) else duration_s / t2_s
    coh_ad = 0.0 if math.isinf(t1_s) else duration_s / (2 * t1_s)
    if coh_total < coh_ad - 1e-12:
        raise ValueError(f"T2 > 2*T1: t2_s={t2_s!r}, t1_s={t1_s!r}")
    lam = math.exp(-(coh_total - coh_ad))  # remaining coherence factor from pure dephasing
    p_z = (1 - lam) / 2
    out: list[Matrix] = []
    for a in amplitude_damping_kraus(gamma):
        for b in phase_flip_kraus(p_z):
            out.append(b @ a)
    return out


def partial_trace(rho: Matrix, keep: Sequence[int], n: int) -> Matrix:
    """Trace out every qubit not in `keep` (kept in the given order)."""
    t = rho.reshape((2,) * (2 * n))
    row = list(_letters(n))
    col = [c.upper() for c in row]
    for q in range(n):
        if q not in keep:
            col[q] = row[q]
    out_row = "".join(row[q] for q in keep)
    out_col = "".join(col[q] for q in keep)
    res = np.einsum(f"{''.join(row)}{''.join(col)}->{out_row}{out_col}", t)
    d = 2 ** len(keep)
    return np.asarray(res.reshape(d, d), dtype=np.complex128)


def projector(qubit: int, outcome: int, n: int) -> tuple[Matrix, list[int]]:
    """The single-qubit projector |outcome><outcome| and its target list."""
    p = np.zeros((2, 2), dtype=np.complex128)
    p[outcome, outcome] = 1.0
    return p, [qubit]


def measure_and_correct(
    rho: Matrix,
    qubit: int,
    n: int,
    correction: Callable[[Matrix, int], Matrix],
    *,
    flip: float = 0.0,
) -> Matrix:
    """Z-measure `qubit`, then apply `correction(rho, recorded_bit)`; sum the branches.

    The recorded bit differs from the outcome with probability `flip` (readout error).
    """
    check_probability("measure.flip", flip)
    out = np.zeros_like(rho)
    for outcome in (0, 1):
        proj, tg = projector(qubit, outcome, n)
        branch = apply_operator(rho, proj, tg, n)
        for recorded, w in ((outcome, 1 - flip), (1 - outcome, flip)):
            if w > 0:
                out = out + w * correction(branch, recorded)
    return out


def bell_pair_dm(index: int = 0) -> Matrix:
    """Density matrix of the Bell state `index` in (Phi+, Psi+, Psi-, Phi-)."""
    return ket_to_dm(BELL_VECTORS[index])


def fidelity_with_pure(rho: Matrix, ket: npt.ArrayLike) -> float:
    """<psi|rho|psi>."""
    v = np.asarray(ket, dtype=np.complex128)
    return float(np.real(v.conj() @ rho @ v))
