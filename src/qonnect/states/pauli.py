"""Pauli algebra on Bell-diagonal coefficient vectors (Klein-four group).

Index order (I, X, Y, Z) = (0, 1, 2, 3). Up to phases, Paulis form the Klein four-group, so
composing two Pauli errors is a group product and combining two independent Pauli channels is
a convolution over that group.

Examples:
    >>> PAULI_NAMES[pauli_product(1, 3)]  # X * Z ~ Y
    'Y'
    >>> convolve([1, 0, 0, 0], [0.9, 0.1, 0, 0]).tolist()
    [0.9, 0.1, 0.0, 0.0]
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

PAULI_NAMES: tuple[str, str, str, str] = ("I", "X", "Y", "Z")

# (x, z) bits of I, X, Y, Z and back
_BITS = ((0, 0), (1, 0), (1, 1), (0, 1))
_INDEX = {b: i for i, b in enumerate(_BITS)}

PRODUCT_TABLE: npt.NDArray[np.int64] = np.array(
    [
        [_INDEX[(_BITS[i][0] ^ _BITS[j][0], _BITS[i][1] ^ _BITS[j][1])] for j in range(4)]
        for i in range(4)
    ],
    dtype=np.int64,
)
"""PRODUCT_TABLE[i, j] = index of the Pauli P_i P_j (up to phase)."""


def pauli_product(i: int, j: int) -> int:
    """Index of P_i * P_j up to a phase."""
    return int(PRODUCT_TABLE[i, j])


def convolve(p: npt.ArrayLike, q: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Klein-four convolution: out[k] = sum over i*j = k of p[i] q[j] (physics.md eq. 6.1)."""
    a = np.asarray(p, dtype=np.float64)
    b = np.asarray(q, dtype=np.float64)
    out = np.zeros(4, dtype=np.float64)
    outer = np.outer(a, b)
    np.add.at(out, PRODUCT_TABLE, outer)
    return out


def pauli_matrix(i: int) -> npt.NDArray[np.complex128]:
    """The 2x2 matrix of Pauli index `i` in the order (I, X, Y, Z)."""
    mats = (
        np.eye(2),
        np.array([[0, 1], [1, 0]]),
        np.array([[0, -1j], [1j, 0]]),
        np.array([[1, 0], [0, -1]]),
    )
    return np.asarray(mats[i], dtype=np.complex128)
