"""`UniformDraws`: uniform [0, 1) numbers drawn in blocks, for cheap Bernoulli trials.

Examples:
    >>> import numpy as np
    >>> u = UniformDraws(np.random.default_rng(3))
    >>> hits = sum(u.bernoulli(0.64) for _ in range(20000))
    >>> abs(hits / 20000 - 0.64) < 0.02
    True
    >>> u.bernoulli(1.0), u.bernoulli(0.0)
    (True, False)
"""

from __future__ import annotations

import numpy as np


class UniformDraws:
    """Block-buffered uniform draws from one generator."""

    __slots__ = ("_block", "_buf", "_i", "_rng")

    def __init__(self, rng: np.random.Generator, block: int = 256) -> None:
        self._rng = rng
        self._block = block
        self._buf: list[float] = []
        self._i = 0

    def next(self) -> float:
        """The next uniform number in [0, 1)."""
        if self._i >= len(self._buf):
            self._buf = self._rng.random(self._block).tolist()
            self._i = 0
        x: float = self._buf[self._i]
        self._i += 1
        return x

    def bernoulli(self, p: float) -> bool:
        """True with probability `p` (no draw is spent when p is 0 or 1)."""
        if p >= 1.0:
            return True
        if p <= 0.0:
            return False
        return self.next() < p
