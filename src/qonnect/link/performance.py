"""`LinkPerformance`: what an edge's heralded link delivers, in the form the network consumes.

Examples:
    >>> from qonnect.states import BellDiagonal
    >>> lp = LinkPerformance(p_success=1e-3, attempt_period_s=50e-6,
    ...                      state=BellDiagonal.werner(0.95), modes=10)
    >>> round(lp.p_cycle, 6)
    0.009955
    >>> round(lp.rate_hz, 3)
    199.102
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qonnect.core.validate import check_positive, check_positive_int, check_probability
from qonnect.states.bell_diagonal import BellDiagonal


@dataclass(frozen=True, slots=True)
class LinkPerformance:
    """Per-attempt success probability, attempt period and heralded state of one link.

    Args:
        p_success: probability that one mode of one attempt heralds a pair.
        attempt_period_s: time between attempts (s).
        state: the heralded pair, after the Pauli-frame correction of its herald pattern.
        modes: multiplexed modes per attempt (each an independent try).
    """

    p_success: float
    attempt_period_s: float
    state: BellDiagonal
    modes: int = 1

    def __post_init__(self) -> None:
        check_probability("LinkPerformance.p_success", self.p_success)
        check_positive("LinkPerformance.attempt_period_s", self.attempt_period_s)
        check_positive_int("LinkPerformance.modes", self.modes)

    @property
    def p_cycle(self) -> float:
        """Probability that at least one of the `modes` heralds: 1 - (1 - p)^M."""
        return -math.expm1(self.modes * math.log1p(-self.p_success)) if self.p_success < 1 else 1.0

    @property
    def rate_hz(self) -> float:
        """Mean heralded pairs per second when only the first success of a cycle is kept."""
        return self.p_cycle / self.attempt_period_s

    @property
    def fidelity(self) -> float:
        """Fidelity of the heralded pair."""
        return self.state.fidelity
