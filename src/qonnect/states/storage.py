"""`store`: a pair held in two memories for a while, whatever kind of memory each is.

Each half decays by its own memory: T1/T2 (exact Bell-diagonal projection) and, where set, a
depolarizing time constant. A `None` memory means that half does not wait (it is consumed or
measured at once).

Examples:
    >>> from qonnect.physics.memory import Memory
    >>> m = Memory(t_depolarizing_s=1e-3)
    >>> s = store(BellDiagonal.werner(0.9), 1e-4, m, m)
    >>> round(s.werner_parameter, 6) == round(BellDiagonal.werner(0.9).werner_parameter
    ...                                       * math.exp(-2e-4 / 1e-3), 6)
    True
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from qonnect.core.validate import check_non_negative
from qonnect.physics.memory import Memory
from qonnect.states.bell_diagonal import BellDiagonal
from qonnect.states.decay import correlations, decay_depolarizing, decay_t1t2


def store(
    state: BellDiagonal,
    duration_s: float,
    memory_a: Memory | None,
    memory_b: Memory | None = None,
) -> BellDiagonal:
    """The pair after both halves waited `duration_s` in `memory_a` and `memory_b`.

    Args:
        state: the pair when the wait began.
        duration_s: waiting time (s, >= 0).
        memory_a: memory of the first half (None: does not wait).
        memory_b: memory of the second half (None: does not wait).
    """
    check_non_negative("store.duration_s", duration_s)
    if duration_s == 0.0:
        return state
    a = memory_a if memory_a is not None else Memory()
    b = memory_b if memory_b is not None else Memory()
    if a.is_depolarizing or b.is_depolarizing:
        state = decay_depolarizing(state, duration_s, a.t_depolarizing_s, b.t_depolarizing_s)
    if any(math.isfinite(t) for t in (a.t1_s, a.t2_s, b.t1_s, b.t2_s)):
        state = decay_t1t2(
            state,
            duration_s,
            t1_a_s=a.t1_s,
            t2_a_s=a.t2_s,
            t1_b_s=b.t1_s,
            t2_b_s=b.t2_s,
        )
    return state


def stored_fidelity_terms(
    state: BellDiagonal, memory_a: Memory | None, memory_b: Memory | None = None
) -> list[tuple[float, float]]:
    """F(t) of a stored pair as a sum of exponentials: [(coefficient, rate_per_s), ...].

    F(t) = sum_k c_k exp(-r_k t). With the correlations (<XX>, <YY>, <ZZ>) and the decay of
    `store`: <XX>, <YY> decay with the depolarizing and T2 rates of both halves; <ZZ> with
    the depolarizing and T1 rates plus the amplitude-damping term (1 - e^{-t/T1a})(1 - e^{-t/T1b}).
    Sums over geometric waiting times then have closed forms (`qonnect.link.montecarlo`).
    """
    a = memory_a if memory_a is not None else Memory()
    b = memory_b if memory_b is not None else Memory()

    def rate(tau: float) -> float:
        return 0.0 if math.isinf(tau) else 1.0 / tau

    rd = rate(a.t_depolarizing_s) + rate(b.t_depolarizing_s)
    r1a, r1b = rate(a.t1_s), rate(b.t1_s)
    r2 = rate(a.t2_s) + rate(b.t2_s)
    cx, cy, cz = (float(c) for c in correlations(state))
    return [
        (0.5, 0.0),
        ((cx - cy) / 4.0, rd + r2),
        (cz / 4.0, r1a + r1b + rd),
        (-0.25, r1a),
        (-0.25, r1b),
        (0.25, r1a + r1b),
    ]


def stored_fidelity(
    state: BellDiagonal,
    durations_s: npt.ArrayLike,
    memory_a: Memory | None,
    memory_b: Memory | None = None,
) -> npt.NDArray[np.float64]:
    """Vectorised fidelity of `store(state, t, memory_a, memory_b)` for many waiting times.

    Examples:
        >>> from qonnect.physics.memory import Memory
        >>> m = Memory(t1_s=3e-4, t2_s=3e-4)
        >>> s = BellDiagonal.werner(0.95)
        >>> f = stored_fidelity(s, [0.0, 1e-4], m, m)
        >>> bool(abs(f[1] - store(s, 1e-4, m, m).fidelity) < 1e-12), round(float(f[0]), 12)
        (True, 0.95)
    """
    t = np.asarray(durations_s, dtype=np.float64)
    if np.any(t < 0) or not np.all(np.isfinite(t)):
        raise ValueError("stored_fidelity.durations_s: must be finite and >= 0")
    out = np.zeros_like(t)
    for coef, r in stored_fidelity_terms(state, memory_a, memory_b):
        out = out + coef * np.exp(-r * t)
    return out
