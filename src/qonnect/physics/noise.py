"""Gate-noise conversions: randomized-benchmarking error <-> depolarizing parameter <-> fidelities.

Conventions of physics.md section 0. The depolarizing channel on dimension d is
D_p(rho) = (1 - p) rho + p I/d (p is the replacement probability); its entanglement (process)
fidelity is F_e = 1 - p (d^2 - 1)/d^2 and its average gate fidelity F_avg = (d F_e + 1)/(d + 1)
(Horodecki et al., PRA 60, 1888 (1999); Nielsen, PLA 303, 249 (2002)). An RB average error
r = 1 - F_avg (IBM's `gate_error`) therefore corresponds to p = r d/(d - 1): p_1q = 2 r,
p_2q = 4 r/3.

Examples:
    >>> depolarizing_from_rb(1e-3, 1)
    0.002
    >>> round(depolarizing_from_rb(1.5e-3, 2), 12)
    0.002
    >>> round(average_gate_fidelity(entanglement_fidelity(0.002, 2), 2), 12)
    0.999
"""

from __future__ import annotations

from typing import overload

import numpy as np
import numpy.typing as npt

from qonnect.core.errors import UnphysicalParameterError
from qonnect.core.validate import check_positive_int
from qonnect.physics._arrays import FloatArray, checked_probability, scalar_or_array


def _dimension(field: str, d: int) -> int:
    check_positive_int(field, d)
    if d < 2:
        raise UnphysicalParameterError(f"{field}: a dimension must be >= 2, got {d!r}")
    return d


@overload
def depolarizing_from_rb(error: float, n_qubits: int = ...) -> float: ...
@overload
def depolarizing_from_rb(error: npt.ArrayLike, n_qubits: int = ...) -> FloatArray: ...
def depolarizing_from_rb(error: npt.ArrayLike, n_qubits: int = 1) -> float | FloatArray:
    """Depolarizing parameter p = r d/(d - 1), d = 2^n, of an RB average gate error r.

    The result is capped at 1: an error above (d - 1)/d has no depolarizing equivalent and is
    treated as full depolarization.

    Args:
        error: RB average gate error r = 1 - F_avg in [0, 1].
        n_qubits: number of qubits the gate acts on (>= 1).

    Returns:
        The replacement probability p of D_p on d = 2^n_qubits dimensions.

    Examples:
        >>> depolarizing_from_rb(0.6, 1)
        1.0
    """
    r = checked_probability("depolarizing_from_rb.error", error)
    check_positive_int("depolarizing_from_rb.n_qubits", n_qubits)
    d = 2.0**n_qubits
    return scalar_or_array(np.minimum(1.0, r * d / (d - 1.0)))


@overload
def rb_error_from_depolarizing(p: float, n_qubits: int = ...) -> float: ...
@overload
def rb_error_from_depolarizing(p: npt.ArrayLike, n_qubits: int = ...) -> FloatArray: ...
def rb_error_from_depolarizing(p: npt.ArrayLike, n_qubits: int = 1) -> float | FloatArray:
    """The RB average error r = p (d - 1)/d of a depolarizing channel D_p, d = 2^n.

    Examples:
        >>> rb_error_from_depolarizing(0.002, 1)
        0.001
    """
    pp = checked_probability("rb_error_from_depolarizing.p", p)
    check_positive_int("rb_error_from_depolarizing.n_qubits", n_qubits)
    d = 2.0**n_qubits
    return scalar_or_array(pp * (d - 1.0) / d)


@overload
def entanglement_fidelity(p: float, d: int = ...) -> float: ...
@overload
def entanglement_fidelity(p: npt.ArrayLike, d: int = ...) -> FloatArray: ...
def entanglement_fidelity(p: npt.ArrayLike, d: int = 2) -> float | FloatArray:
    """Entanglement (process) fidelity F_e = 1 - p (d^2 - 1)/d^2 of the depolarizing channel D_p.

    Args:
        p: replacement probability in [0, 1].
        d: Hilbert-space dimension (>= 2); 2 for one qubit, 4 for two.

    Examples:
        >>> entanglement_fidelity(1.0, 2)  # full depolarization: F_e = 1/d^2
        0.25
    """
    pp = checked_probability("entanglement_fidelity.p", p)
    dd = float(_dimension("entanglement_fidelity.d", d))
    return scalar_or_array(1.0 - pp * (dd * dd - 1.0) / (dd * dd))


@overload
def average_gate_fidelity(f_e: float, d: int = ...) -> float: ...
@overload
def average_gate_fidelity(f_e: npt.ArrayLike, d: int = ...) -> FloatArray: ...
def average_gate_fidelity(f_e: npt.ArrayLike, d: int = 2) -> float | FloatArray:
    """Average gate fidelity F_avg = (d F_e + 1)/(d + 1) of a channel of entanglement fidelity F_e.

    Args:
        f_e: entanglement fidelity in [0, 1].
        d: Hilbert-space dimension (>= 2).

    Examples:
        >>> round(average_gate_fidelity(0.25, 2), 12)  # full depolarization: 1/d
        0.5
    """
    fe = checked_probability("average_gate_fidelity.f_e", f_e)
    dd = float(_dimension("average_gate_fidelity.d", d))
    return scalar_or_array((dd * fe + 1.0) / (dd + 1.0))
