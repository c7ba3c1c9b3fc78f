"""Decay of a stored pair: depolarizing, dephasing and T1/T2 memories (physics.md section 5).

Bell-diagonal results are exact for depolarizing and dephasing memories. Amplitude damping
(T1) leaves the Bell-diagonal family; `decay_t1t2` returns the exact Bell-diagonal projection
of the true state, so its fidelity is exact (eq. 5.1). The exact
state is available from `qonnect.states.density`.

Examples:
    >>> s = decay_depolarizing(BellDiagonal.werner(0.9), 1e-3, 1e-2, 1e-2)
    >>> round(s.werner_parameter / BellDiagonal.werner(0.9).werner_parameter, 6)  # e^{-2t/T}
    0.818731
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from qonnect.core.validate import check_non_negative, check_positive
from qonnect.states.bell_diagonal import BellDiagonal


def _decay_factor(field: str, duration_s: float, time_constant_s: float) -> float:
    check_positive(field, time_constant_s, allow_inf=True)
    return 0.0 if math.isinf(time_constant_s) else duration_s / time_constant_s


def decay_depolarizing(
    state: BellDiagonal, duration_s: float, t_a_s: float, t_b_s: float | None = None
) -> BellDiagonal:
    """Both halves stored in depolarizing memories: w -> w e^{-t/T_A} e^{-t/T_B}.

    Args:
        state: the pair when storage began.
        duration_s: storage time (s).
        t_a_s: depolarizing time constant of the first memory (s; math.inf for none).
        t_b_s: the second memory's (default: same as the first; math.inf if only one decays).
    """
    check_non_negative("decay_depolarizing.duration_s", duration_s)
    x = _decay_factor("decay_depolarizing.t_a_s", duration_s, t_a_s)
    x += _decay_factor("decay_depolarizing.t_b_s", duration_s, t_a_s if t_b_s is None else t_b_s)
    keep = math.exp(-x)
    return BellDiagonal.from_coefficients(keep * state.as_array() + (1.0 - keep) / 4.0)


def t1t2_pauli_channel(duration_s: float, t1_s: float, t2_s: float) -> npt.NDArray[np.float64]:
    """Pauli twirl (p_I, p_X, p_Y, p_Z) of amplitude damping plus dephasing over `duration_s`.

    p_X = p_Y = gamma/4 with gamma = 1 - e^{-t/T1}; p_Z = (1 - e^{-t/T2})/2 - gamma/4.

    Examples:
        >>> t1t2_pauli_channel(0.0, 1e-4, 1e-4).tolist()
        [1.0, 0.0, 0.0, 0.0]
    """
    check_non_negative("t1t2.duration_s", duration_s)
    check_positive("t1t2.t1_s", t1_s, allow_inf=True)
    check_positive("t1t2.t2_s", t2_s, allow_inf=True)
    gamma = -math.expm1(-_decay_factor("t1t2.t1_s", duration_s, t1_s))
    coherence_loss = -math.expm1(-_decay_factor("t1t2.t2_s", duration_s, t2_s))
    px = gamma / 4.0
    pz = max(coherence_loss / 2.0 - gamma / 4.0, 0.0)
    return np.array([1.0 - 2.0 * px - pz, px, px, pz])


def correlations(state: BellDiagonal) -> npt.NDArray[np.float64]:
    """Correlation vector (<XX>, <YY>, <ZZ>) of a Bell-diagonal state.

    Examples:
        >>> correlations(BellDiagonal.perfect()).tolist()
        [1.0, -1.0, 1.0]
    """
    i, x, y, z = state.coefficients
    return np.array([i + x - y - z, -i + x - y + z, i - x - y + z])


def from_correlations(c: npt.ArrayLike) -> BellDiagonal:
    """The Bell-diagonal state with correlation vector (<XX>, <YY>, <ZZ>)."""
    cx, cy, cz = np.asarray(c, dtype=np.float64)
    return BellDiagonal.from_coefficients(
        [
            (1 + cx - cy + cz) / 4,
            (1 + cx + cy - cz) / 4,
            (1 - cx - cy - cz) / 4,
            (1 - cx + cy + cz) / 4,
        ]
    )


def decay_t1t2(
    state: BellDiagonal,
    duration_s: float,
    *,
    t1_a_s: float,
    t2_a_s: float,
    t1_b_s: float | None = None,
    t2_b_s: float | None = None,
) -> BellDiagonal:
    """Both halves stored in T1/T2 memories: the exact Bell-diagonal projection (eq. 5.1).

    Amplitude damping (gamma = 1 - e^{-t/T1}, towards |0>) plus dephasing (coherence
    e^{-t/T2}) on each half. In Pauli-transfer form the correlations become
    <XX>' = e^{-t/T2a} e^{-t/T2b} <XX> (same for YY) and
    <ZZ>' = (1 - gamma_a)(1 - gamma_b) <ZZ> + gamma_a gamma_b: the second term is why
    twirling each qubit's channel separately would be wrong when both halves decay.

    NOTE: the true state also acquires local <Z> terms (a bias towards |00>) that are not
    Bell-diagonal; they are dropped here (a Bell twirl), and kept in `qonnect.states.density`.
    Pass `t1_b_s = t2_b_s = math.inf` when only the first half is stored.

    Examples:
        >>> s = decay_t1t2(BellDiagonal.perfect(), 1e-4, t1_a_s=3e-4, t2_a_s=3e-4)
        >>> g = 1 - math.exp(-1 / 3)
        >>> round(s.fidelity - ((1 + g * g + (1 - g) ** 2) / 4 + math.exp(-2 / 3) / 2), 12)
        0.0
    """
    check_non_negative("decay_t1t2.duration_s", duration_s)
    t1_b = t1_a_s if t1_b_s is None else t1_b_s
    t2_b = t2_a_s if t2_b_s is None else t2_b_s
    keep_1a = math.exp(-_decay_factor("decay_t1t2.t1_a_s", duration_s, t1_a_s))
    keep_1b = math.exp(-_decay_factor("decay_t1t2.t1_b_s", duration_s, t1_b))
    keep_2 = math.exp(
        -_decay_factor("decay_t1t2.t2_a_s", duration_s, t2_a_s)
        - _decay_factor("decay_t1t2.t2_b_s", duration_s, t2_b)
    )
    cx, cy, cz = correlations(state)
    cz_new = keep_1a * keep_1b * cz + (1.0 - keep_1a) * (1.0 - keep_1b)
    return from_correlations([keep_2 * cx, keep_2 * cy, cz_new])


def decay_dephasing(
    state: BellDiagonal, duration_s: float, t2_a_s: float, t2_b_s: float | None = None
) -> BellDiagonal:
    """Pure dephasing memories (no T1): coherence of each half decays as e^{-t/T2}."""
    return decay_t1t2(
        state,
        duration_s,
        t1_a_s=math.inf,
        t2_a_s=t2_a_s,
        t1_b_s=math.inf,
        t2_b_s=t2_a_s if t2_b_s is None else t2_b_s,
    )
