"""`GeometricClock`: attempts until the next success, drawn in blocks (failed attempts skipped).

A link whose attempt (cycle) succeeds with probability p needs a Geometric(p) number of attempts
to the next success (support 1, 2, ...). Drawing them one by one from numpy costs a Python call
each; drawing blocks of them makes the per-success cost a list index.

Examples:
    >>> import numpy as np
    >>> c = GeometricClock(np.random.default_rng(1), p=0.25)
    >>> draws = [c.next_attempts() for _ in range(20000)]
    >>> min(draws) >= 1, abs(sum(draws) / len(draws) - 4.0) < 0.1
    (True, True)
    >>> GeometricClock(np.random.default_rng(1), p=1.0).next_attempts()
    1
"""

from __future__ import annotations

import numpy as np

from qonnect.core.errors import UnphysicalParameterError


class GeometricClock:
    """Source of Geometric(p) attempt counts from a given generator.

    Args:
        rng: the stream to draw from (owned by this clock).
        p: success probability per attempt, 0 < p <= 1.
        block: how many draws to make at once.
    """

    __slots__ = ("_block", "_buf", "_i", "_rng", "p")

    def __init__(self, rng: np.random.Generator, p: float, block: int = 256) -> None:
        if not 0.0 < p <= 1.0:
            raise UnphysicalParameterError(f"GeometricClock.p: not (0 < {p!r} <= 1)")
        self._rng = rng
        self.p = p
        self._block = block
        self._buf: list[int] = []
        self._i = 0

    def next_attempts(self) -> int:
        """Number of attempts up to and including the next success."""
        if self._i >= len(self._buf):
            self._buf = self._rng.geometric(self.p, size=self._block).tolist()
            self._i = 0
        n: int = self._buf[self._i]
        self._i += 1
        return n
