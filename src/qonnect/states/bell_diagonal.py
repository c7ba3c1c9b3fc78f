"""`BellDiagonal`: a two-qubit state diagonal in the Bell basis, the fast path of qonnect.

Convention (physics.md section 0): the four coefficients are in the order
(Phi+, Psi+, Psi-, Phi-), which is the order of the Pauli error (I, X, Y, Z) applied to the
second qubit of Phi+: rho = sum_P lambda_P (I x P)|Phi+><Phi+|(I x P)^dagger.

Examples:
    >>> w = BellDiagonal.werner(0.85)
    >>> w
    BellDiagonal(0.85, 0.05, 0.05, 0.05)
    >>> round(w.werner_parameter, 6)
    0.8
    >>> BellDiagonal.perfect().fidelity
    1.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from qonnect.core.errors import UnphysicalParameterError

_TOL = 1e-9

# Bell states as vectors in the computational basis |q0 q1>, in the order (Phi+, Psi+, Psi-, Phi-).
_S = 1.0 / math.sqrt(2.0)
BELL_VECTORS: npt.NDArray[np.complex128] = np.array(
    [
        [_S, 0, 0, _S],  # Phi+  = (I x I)|Phi+>
        [0, _S, _S, 0],  # Psi+  = (I x X)|Phi+>
        [0, -_S, _S, 0],  # Psi- ~ (I x Y)|Phi+>  (up to a global phase)
        [_S, 0, 0, -_S],  # Phi-  = (I x Z)|Phi+>
    ],
    dtype=np.complex128,
)
"""Rows are the Bell vectors in the order (Phi+, Psi+, Psi-, Phi-)."""

BELL_NAMES: tuple[str, str, str, str] = ("Phi+", "Psi+", "Psi-", "Phi-")


@dataclass(frozen=True, slots=True)
class BellDiagonal:
    """A Bell-diagonal two-qubit state, frozen and validated.

    Args:
        phi_plus: weight of Phi+ (no error).
        psi_plus: weight of Psi+ (an X error on the second qubit).
        psi_minus: weight of Psi- (a Y error).
        phi_minus: weight of Phi- (a Z error).

    Raises:
        UnphysicalParameterError: if a weight lies outside [0, 1] or they do not sum to 1
            (within 1e-9; tiny rounding drift is renormalised away).
    """

    phi_plus: float
    psi_plus: float
    psi_minus: float
    phi_minus: float

    def __post_init__(self) -> None:
        values = (self.phi_plus, self.psi_plus, self.psi_minus, self.phi_minus)
        for name, v in zip(BELL_NAMES, values, strict=True):
            if isinstance(v, bool) or not isinstance(v, (int, float, np.floating)):
                raise UnphysicalParameterError(f"BellDiagonal.{name}: not a number: {v!r}")
            if not math.isfinite(v) or not -_TOL <= v <= 1.0 + _TOL:
                raise UnphysicalParameterError(f"BellDiagonal.{name}: not (0 <= {v!r} <= 1)")
        total = math.fsum(values)
        if abs(total - 1.0) > 1e-7:
            raise UnphysicalParameterError(
                f"BellDiagonal: coefficients must sum to 1, got sum={total!r} for {values!r}"
            )
        clipped = [min(max(float(v), 0.0), 1.0) for v in values]
        s = math.fsum(clipped)
        for field, v in zip(
            ("phi_plus", "psi_plus", "psi_minus", "phi_minus"), clipped, strict=True
        ):
            object.__setattr__(self, field, v / s)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_coefficients(cls, coefficients: Iterable[float]) -> BellDiagonal:
        """Build from 4 numbers in the order (Phi+, Psi+, Psi-, Phi-) = Pauli (I, X, Y, Z)."""
        c = [float(x) for x in coefficients]
        if len(c) != 4:
            raise UnphysicalParameterError(f"BellDiagonal needs 4 coefficients, got {len(c)}")
        return cls(c[0], c[1], c[2], c[3])

    @classmethod
    def werner(cls, fidelity: float) -> BellDiagonal:
        """The Werner state F*Phi+ + (1-F)/3*(Psi+ + Psi- + Phi-).

        Raises:
            UnphysicalParameterError: if not 0 <= fidelity <= 1.
        """
        if not isinstance(fidelity, (int, float)) or not 0.0 <= fidelity <= 1.0:
            raise UnphysicalParameterError(f"BellDiagonal.werner: not (0 <= F={fidelity!r} <= 1)")
        e = (1.0 - fidelity) / 3.0
        return cls(float(fidelity), e, e, e)

    @classmethod
    def from_werner_parameter(cls, w: float) -> BellDiagonal:
        """The Werner state w*Phi+ + (1-w)*I/4, for -1/3 <= w <= 1."""
        if not -1.0 / 3.0 - _TOL <= w <= 1.0 + _TOL:
            raise UnphysicalParameterError(f"BellDiagonal: not (-1/3 <= w={w!r} <= 1)")
        return cls.werner((3.0 * w + 1.0) / 4.0)

    @classmethod
    def perfect(cls) -> BellDiagonal:
        """The pure Phi+ state."""
        return cls(1.0, 0.0, 0.0, 0.0)

    @classmethod
    def maximally_mixed(cls) -> BellDiagonal:
        """I/4: no entanglement left."""
        return cls(0.25, 0.25, 0.25, 0.25)

    @classmethod
    def from_density_matrix(cls, rho: npt.ArrayLike) -> BellDiagonal:
        """Project a 4x4 density matrix onto the Bell basis (its Bell twirl)."""
        m = np.asarray(rho, dtype=np.complex128)
        if m.shape != (4, 4):
            raise UnphysicalParameterError(f"expected a 4x4 density matrix, got shape {m.shape}")
        diag = np.real(np.einsum("ki,ij,kj->k", BELL_VECTORS.conj(), m, BELL_VECTORS))
        return cls.from_coefficients(diag)

    # ------------------------------------------------------------------ views
    @property
    def coefficients(self) -> tuple[float, float, float, float]:
        """(Phi+, Psi+, Psi-, Phi-) = Pauli (I, X, Y, Z) probabilities."""
        return (self.phi_plus, self.psi_plus, self.psi_minus, self.phi_minus)

    def as_array(self) -> npt.NDArray[np.float64]:
        """The coefficients as a numpy array of shape (4,)."""
        return np.array(self.coefficients, dtype=np.float64)

    @property
    def fidelity(self) -> float:
        """Fidelity with Phi+, <Phi+|rho|Phi+>."""
        return self.phi_plus

    @property
    def werner_parameter(self) -> float:
        """w = (4F - 1)/3 of the Werner state with the same fidelity."""
        return (4.0 * self.phi_plus - 1.0) / 3.0

    @property
    def is_entangled(self) -> bool:
        """A Bell-diagonal state is entangled iff its largest coefficient exceeds 1/2."""
        return max(self.coefficients) > 0.5

    def to_density_matrix(self) -> npt.NDArray[np.complex128]:
        """The 4x4 density matrix in the computational basis |q0 q1>."""
        lam = self.as_array()
        return np.einsum("k,ki,kj->ij", lam, BELL_VECTORS, BELL_VECTORS.conj())

    def twirl(self) -> BellDiagonal:
        """The Werner state with the same fidelity (a depolarizing twirl)."""
        return BellDiagonal.werner(self.phi_plus)

    def __repr__(self) -> str:
        c = ", ".join(f"{v:.6g}" for v in self.coefficients)
        return f"BellDiagonal({c})"
