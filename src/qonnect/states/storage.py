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
    a = memory_a if memory_a is not None else Memory()
    b = memory_b if memory_b is not None else Memory()

    def keep(tau: float) -> npt.NDArray[np.float64]:
        return np.ones_like(t) if math.isinf(tau) else np.exp(-t / tau)

    dep = keep(a.t_depolarizing_s) * keep(b.t_depolarizing_s)
    k1a, k1b = keep(a.t1_s), keep(b.t1_s)
    k2 = keep(a.t2_s) * keep(b.t2_s)
    cx, cy, cz = correlations(state)
    # depolarizing first (scales all correlations), then T1/T2 as in `store`
    cx_t = dep * cx * k2
    cy_t = dep * cy * k2
    cz_t = k1a * k1b * dep * cz + (1 - k1a) * (1 - k1b)
    return np.asarray((1 + cx_t - cy_t + cz_t) / 4, dtype=np.float64)
