"""Where a distributed program's Bell pairs come from: a heralded link generating without end,
or the list of pairs a network simulation delivered.

Both answer one question: for QPU pair (i, j), needing a pair at time t, with everything
generated before `since` already used, when is a pair available and in which state? Each
supply hands out the freshest pair already waiting (older ones are discarded: one memory per
link end), or else the next one to arrive. The pair then decays in memory until it is used.

Examples:
    >>> import numpy as np
    >>> from qonnect.link import LinkPerformance
    >>> from qonnect.states import BellDiagonal
    >>> s = LinkSupply({(0, 1): LinkPerformance(0.5, 1e-6, BellDiagonal.werner(0.9))},
    ...                np.random.default_rng(1))
    >>> t, state = s.take((0, 1), need_s=1e-3, since_s=0.0)
    >>> t <= 1e-3, state.fidelity
    (True, 0.9)
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from qonnect.core.errors import InfeasibleError
from qonnect.link import LinkPerformance
from qonnect.states import BellDiagonal


class PairSupply(Protocol):
    """Delivers pairs between two QPUs on demand."""

    def take(
        self, qpus: tuple[int, int], need_s: float, since_s: float
    ) -> tuple[float, BellDiagonal]:
        """(arrival time, state at arrival) of the pair used at or after `need_s`."""
        ...


def _key(qpus: tuple[int, int]) -> tuple[int, int]:
    a, b = qpus
    return (a, b) if a <= b else (b, a)


class LinkSupply:
    """Independent heralded links per QPU pair, generating from time 0 and never stopping.

    Attempts end every `attempt_period_s` and succeed with `p_cycle` (a Bernoulli process), so
    the freshest success in a window of n whole cycles is i cycles old with probability
    p q^i / (1 - q^n), drawn in O(1) by inversion, and the wait for the next one is geometric.
    """

    def __init__(
        self, links: Mapping[tuple[int, int], LinkPerformance], rng: np.random.Generator
    ) -> None:
        self._links = {_key(k): v for k, v in links.items()}
        self._rng = rng

    def take(
        self, qpus: tuple[int, int], need_s: float, since_s: float
    ) -> tuple[float, BellDiagonal]:
        key = _key(qpus)
        if key not in self._links:
            raise InfeasibleError(f"no link between QPUs {key[0]} and {key[1]}")
        perf = self._links[key]
        period, p = perf.attempt_period_s, perf.p_cycle
        if p <= 0.0:
            raise InfeasibleError(f"the link between QPUs {key} never heralds (p = 0)")
        # first cycle ending after since_s (cycle k ends at k * period, k >= 1)
        first = 1 if since_s < period else math.floor(since_s / period + 1e-12) + 1
        last = math.floor(need_s / period + 1e-12)  # last cycle ending by need_s
        n = last - first + 1
        q = 1.0 - p
        u = float(self._rng.random())
        if n > 0 and u < 1.0 - q**n:
            # freshest success among n cycles: P(age <= i) = (1 - q^(i+1)) / ... inverted
            age = math.floor(math.log1p(-u) / math.log(q)) if q > 0 else 0
            return (last - min(age, n - 1)) * period, perf.state
        wait = int(self._rng.geometric(p))
        return (max(last, first - 1) + wait) * period, perf.state


@dataclasses.dataclass
class DeliveredSupply:
    """Pairs a network simulation delivered: per QPU pair, arrival times (s) and states."""

    deliveries: Mapping[tuple[int, int], tuple[Sequence[float], Sequence[BellDiagonal]]]
    horizon_s: float

    def take(
        self, qpus: tuple[int, int], need_s: float, since_s: float
    ) -> tuple[float, BellDiagonal]:
        key = _key(qpus)
        times, states = self.deliveries.get(key, ((), ()))
        lo = bisect.bisect_right(times, since_s)
        hi = bisect.bisect_right(times, need_s)
        if hi > lo:
            return float(times[hi - 1]), states[hi - 1]
        if lo < len(times):
            return float(times[lo]), states[lo]
        raise InfeasibleError(
            f"the network delivered {len(times)} pairs between QPUs {key[0]} and {key[1]} "
            f"in {self.horizon_s:g} s, and the program needs another after "
            f"{max(need_s, since_s):.6g} s: simulate longer or add memories"
        )
