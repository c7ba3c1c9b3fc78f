"""Decay of a stored Bell pair in waiting memories (physics.md section 5).

Two memory models:

* depolarizing with time constant T per qubit: each stored half multiplies the Werner
  parameter w = (4F - 1)/3 by exp(-t/T), so w(t) = w0 exp(-t/T_A) exp(-t/T_B) (T = inf for a
  half that is not stored);
* T1/T2 (amplitude damping gamma = 1 - exp(-t/T1) and coherence exp(-t/T2) on each stored
  qubit) acting on Phi+, eq. 5.1:

      both stored:  F(t) = [1 + gamma^2 + (1 - gamma)^2]/4 + exp(-2t/T2)/2
      one stored:   F(t) = (2 - gamma)/4 + exp(-t/T2)/2

  The resulting state is not Bell-diagonal (damping biases it towards |00>).

Examples:
    >>> round(fidelity_after_storage_t1t2(0.0, 300e-6, 300e-6), 12)
    1.0
    >>> round(werner_parameter_after_storage(1.0, 1e-3, 1e-3, float("inf")), 6)
    0.367879
"""

from __future__ import annotations

from typing import overload

import numpy as np
import numpy.typing as npt

from qonnect.core.errors import UnphysicalParameterError
from qonnect.physics._arrays import FloatArray, checked, checked_probability, scalar_or_array


@overload
def werner_parameter_from_fidelity(fidelity: float) -> float: ...
@overload
def werner_parameter_from_fidelity(fidelity: npt.ArrayLike) -> FloatArray: ...
def werner_parameter_from_fidelity(fidelity: npt.ArrayLike) -> float | FloatArray:
    """Werner parameter w = (4F - 1)/3 of a Werner state of fidelity F (physics.md section 0).

    Examples:
        >>> round(werner_parameter_from_fidelity(0.25), 12)
        0.0
    """
    f = checked_probability("werner_parameter_from_fidelity.fidelity", fidelity)
    return scalar_or_array((4.0 * f - 1.0) / 3.0)


@overload
def fidelity_from_werner_parameter(w: float) -> float: ...
@overload
def fidelity_from_werner_parameter(w: npt.ArrayLike) -> FloatArray: ...
def fidelity_from_werner_parameter(w: npt.ArrayLike) -> float | FloatArray:
    """Fidelity F = (1 + 3w)/4 of a Werner state with parameter w in [-1/3, 1].

    Examples:
        >>> fidelity_from_werner_parameter(1.0)
        1.0
    """
    ww = checked("fidelity_from_werner_parameter.w", w, lo=-1.0 / 3.0 - 1e-12, hi=1.0)
    return scalar_or_array(np.clip((1.0 + 3.0 * ww) / 4.0, 0.0, 1.0))


@overload
def werner_parameter_after_storage(
    w0: float, duration_s: float, t_a_s: float, t_b_s: float
) -> float: ...
@overload
def werner_parameter_after_storage(
    w0: npt.ArrayLike, duration_s: npt.ArrayLike, t_a_s: npt.ArrayLike, t_b_s: npt.ArrayLike
) -> FloatArray: ...
def werner_parameter_after_storage(
    w0: npt.ArrayLike, duration_s: npt.ArrayLike, t_a_s: npt.ArrayLike, t_b_s: npt.ArrayLike
) -> float | FloatArray:
    """Werner parameter w(t) = w0 exp(-t/T_A) exp(-t/T_B) after both halves wait t (section 5).

    Args:
        w0: initial Werner parameter in [-1/3, 1].
        duration_s: storage time t in seconds (>= 0).
        t_a_s: depolarizing time constant of A's memory in s (> 0; inf = perfect or not stored).
        t_b_s: the same for B's memory.

    Examples:
        >>> round(werner_parameter_after_storage(0.9, 1e-3, 2e-3, 2e-3), 6)  # 0.9 e^-1
        0.331091
    """
    w = checked("werner_parameter_after_storage.w0", w0, lo=-1.0 / 3.0 - 1e-12, hi=1.0)
    t = checked("werner_parameter_after_storage.duration_s", duration_s, lo=0.0)
    ta = checked(
        "werner_parameter_after_storage.t_a_s", t_a_s, lo=0.0, lo_open=True, allow_inf=True
    )
    tb = checked(
        "werner_parameter_after_storage.t_b_s", t_b_s, lo=0.0, lo_open=True, allow_inf=True
    )
    return scalar_or_array(w * np.exp(-t / ta - t / tb))


@overload
def fidelity_after_storage_depolarizing(
    fidelity: float, duration_s: float, t_a_s: float, t_b_s: float
) -> float: ...
@overload
def fidelity_after_storage_depolarizing(
    fidelity: npt.ArrayLike,
    duration_s: npt.ArrayLike,
    t_a_s: npt.ArrayLike,
    t_b_s: npt.ArrayLike,
) -> FloatArray: ...
def fidelity_after_storage_depolarizing(
    fidelity: npt.ArrayLike,
    duration_s: npt.ArrayLike,
    t_a_s: npt.ArrayLike,
    t_b_s: npt.ArrayLike,
) -> float | FloatArray:
    """Fidelity of a Werner pair of fidelity F0 after waiting in two depolarizing memories.

    F(t) = (1 + 3 w(t))/4 with w(t) of `werner_parameter_after_storage` and w0 = (4 F0 - 1)/3.

    Examples:
        >>> round(fidelity_after_storage_depolarizing(1.0, 1e9, 1.0, 1.0), 12)  # fully mixed
        0.25
    """
    w0 = werner_parameter_from_fidelity(
        checked_probability("fidelity_after_storage_depolarizing.fidelity", fidelity)
    )
    w = werner_parameter_after_storage(w0, duration_s, t_a_s, t_b_s)
    return scalar_or_array(np.clip((1.0 + 3.0 * np.asarray(w)) / 4.0, 0.0, 1.0))


@overload
def fidelity_after_storage_t1t2(
    duration_s: float, t1_s: float, t2_s: float, both_stored: bool = ...
) -> float: ...
@overload
def fidelity_after_storage_t1t2(
    duration_s: npt.ArrayLike, t1_s: npt.ArrayLike, t2_s: npt.ArrayLike, both_stored: bool = ...
) -> FloatArray: ...
def fidelity_after_storage_t1t2(
    duration_s: npt.ArrayLike,
    t1_s: npt.ArrayLike,
    t2_s: npt.ArrayLike,
    both_stored: bool = True,
) -> float | FloatArray:
    """Fidelity with Phi+ of a perfect Phi+ pair after T1/T2 storage (physics.md eq. 5.1).

    Each stored qubit undergoes amplitude damping gamma = 1 - exp(-t/T1) and pure dephasing
    with 1/T_phi = 1/T2 - 1/(2 T1), so its coherence decays as exp(-t/T2).

    Args:
        duration_s: storage time t in seconds (>= 0).
        t1_s: energy-relaxation time in s (> 0, inf allowed).
        t2_s: coherence time in s (> 0, inf allowed, T2 <= 2 T1).
        both_stored: True if both halves wait (default), False if only one does.

    Returns:
        F(t) in [0, 1].

    Raises:
        UnphysicalParameterError: a negative time, a non-positive T1 or T2, or T2 > 2 T1.

    Examples:
        >>> round(fidelity_after_storage_t1t2(300e-6, 300e-6, 300e-6, both_stored=False), 6)
        0.52591
    """
    t = checked("fidelity_after_storage_t1t2.duration_s", duration_s, lo=0.0)
    t1 = checked("fidelity_after_storage_t1t2.t1_s", t1_s, lo=0.0, lo_open=True, allow_inf=True)
    t2 = checked("fidelity_after_storage_t1t2.t2_s", t2_s, lo=0.0, lo_open=True, allow_inf=True)
    t1b, t2b = np.broadcast_arrays(t1, t2)
    bad = t2b > 2.0 * t1b
    if bad.any():
        raise UnphysicalParameterError(
            "fidelity_after_storage_t1t2: not (T2 <= 2*T1): "
            f"t2_s={float(t2b[bad].flat[0])!r}, t1_s={float(t1b[bad].flat[0])!r}"
        )
    gamma = -np.expm1(-t / t1)
    if both_stored:
        f = (1.0 + gamma**2 + (1.0 - gamma) ** 2) / 4.0 + np.exp(-2.0 * t / t2) / 2.0
    else:
        f = (2.0 - gamma) / 4.0 + np.exp(-t / t2) / 2.0
    return scalar_or_array(np.clip(f, 0.0, 1.0))
