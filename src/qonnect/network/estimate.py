"""Planning estimates of a route's delivered fidelity, with and without purification.

The estimate composes the hops' heralded states through the repeaters' noisy swaps (eq. 6.2)
and lets the end-to-end pair wait in the end memories for the classical signalling delay
(section 6.3: the ends learn the Pauli frame only then) plus, in the controller, the mean
extra wait of the early links for the slowest one. It is a planning figure, not a bound: the
controller refuses a request whose estimate is below its minimum fidelity, and the simulator
still checks every delivered pair and discards those below it.

Examples:
    >>> from qonnect.network.pair_state import MemoryRates, from_bell
    >>> from qonnect.states import BellDiagonal
    >>> w = from_bell(BellDiagonal.werner(0.9))
    >>> ideal = MemoryRates()
    >>> round(route_fidelity([w, w], [(0.0, 0.0)], 0.0, ideal, ideal), 6)
    0.813333
    >>> round(purified(w, w, 1, "bbpssw", "pumping")[0], 6)  # fidelity after one round
    0.926396
"""

from __future__ import annotations

from collections.abc import Sequence

from qonnect.network import pair_state as ps
from qonnect.network.pair_state import Corr, MemoryRates
from qonnect.states.operations import purify


def compose(hops: Sequence[Corr], swaps: Sequence[tuple[float, float]]) -> Corr:
    """Swap hop states left to right; `swaps[i]` = (p_g, p_m) of the i-th repeater."""
    c = hops[0]
    for h, (pg, pm) in zip(hops[1:], swaps, strict=True):
        c = ps.swap(c, h, pg, pm)
    return c


def route_fidelity(
    hops: Sequence[Corr],
    swaps: Sequence[tuple[float, float]],
    signalling_s: float,
    end_a: MemoryRates,
    end_b: MemoryRates,
) -> float:
    """Fidelity after swapping and waiting `signalling_s` in the end memories."""
    return ps.fidelity(ps.decay(compose(hops, swaps), signalling_s, end_a, end_b))


def purified(
    state: Corr, fresh: Corr, rounds: int, protocol: str, scheme: str
) -> tuple[float, Corr]:
    """(fidelity, correlations) after `rounds` successful purification rounds.

    Pumping purifies the kept pair with `fresh` each round; recurrence with a copy of itself.
    """
    c = state
    for _ in range(rounds):
        other = fresh if scheme == "pumping" else c
        out, _p = purify(ps.to_bell(c), ps.to_bell(other), protocol)
        c = ps.from_bell(out)
    return ps.fidelity(c), c
