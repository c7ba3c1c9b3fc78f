"""Closed forms for repeater chains (physics.md section 6.3), vectorised where it matters.

These are what the simulator is validated against: waiting times in rounds (one attempt per
absent link per round, instantaneous swaps) and the Werner parameter after waiting.

Examples:
    >>> round(expected_max_geometric(0.01, 2), 4)
    149.7487
    >>> round(two_link_cutoff_rounds(0.05, 5), 4)
    59.5985
    >>> two_link_cutoff_rounds(0.05, None) == expected_max_geometric(0.05, 2)
    True
"""

from __future__ import annotations

import math

import numpy as np

from qonnect.core.validate import check_positive_int, check_probability


def _check_p(field: str, p: float) -> float:
    v = check_probability(field, p)
    if v <= 0.0:
        raise ValueError(f"{field}: must be > 0, got {p!r}")
    return v


def expected_max_geometric(p: float, n: int) -> float:
    """E[max of n i.i.d. Geometric(p)] = sum_k (-1)^(k+1) C(n,k) / (1 - (1-p)^k) (rounds)."""
    _check_p("expected_max_geometric.p", p)
    check_positive_int("expected_max_geometric.n", n)
    q = 1.0 - p
    return math.fsum((-1) ** (k + 1) * math.comb(n, k) / (1.0 - q**k) for k in range(1, n + 1))


def max_geometric_moments(p: float, n: int, tail: float = 1e-15) -> tuple[float, float]:
    """(mean, variance) of the max of n i.i.d. Geometric(p), summed from its distribution.

    P(M <= m) = (1 - (1-p)^m)^n; the sums stop when the tail is below `tail`.

    Examples:
        >>> m, v = max_geometric_moments(0.5, 1)
        >>> round(m, 9), round(v, 9)  # Geometric(1/2): mean 2, variance (1-p)/p^2 = 2
        (2.0, 2.0)
    """
    _check_p("max_geometric_moments.p", p)
    check_positive_int("max_geometric_moments.n", n)
    q = 1.0 - p
    m_max = math.ceil(math.log(tail / n) / math.log(q)) + 2 if q > 0 else 2
    m = np.arange(1, m_max + 1, dtype=np.float64)
    cdf = (1.0 - q**m) ** n
    pmf = np.diff(np.concatenate(([0.0], cdf)))
    mean = float(np.sum(m * pmf))
    var = float(np.sum(m * m * pmf)) - mean * mean
    return mean, var


def two_link_probabilistic_swap_rounds(p: float, swap_success: float) -> float:
    """Two links, swap success a, a failure destroys both: E = (3 - 2p)/(a p (2 - p))."""
    _check_p("two_link_probabilistic_swap_rounds.p", p)
    a = _check_p("two_link_probabilistic_swap_rounds.swap_success", swap_success)
    return (3.0 - 2.0 * p) / (a * p * (2.0 - p))


def four_link_nested_rounds(p: float, swap_success: float) -> float:
    """Expected rounds for 4 links with nested (doubling) probabilistic swaps (section 6.3).

    Level-1 swaps happen in the round their second link appears; a failed one resets its two
    links; the top swap happens in the round the second segment appears and a failure resets
    everything. Exact, from the absorbing Markov chain of the two halves, each in state
    0 (no link), 1 (one link) or S (segment) (the 16-state chain lumped by symmetry).

    Examples:
        >>> e = four_link_nested_rounds(0.05, 1.0)  # deterministic swaps: E[max of 4]
        >>> abs(e - expected_max_geometric(0.05, 4)) < 1e-9
        True
    """
    _check_p("four_link_nested_rounds.p", p)
    a = _check_p("four_link_nested_rounds.swap_success", swap_success)
    q = 1.0 - p
    # one round of one half: rows from (0, 1, S) to (0, 1, S)
    half = np.array(
        [
            [q * q + p * p * (1 - a), 2 * p * q, p * p * a],
            [p * (1 - a), q, p * a],
            [0.0, 0.0, 1.0],
        ]
    )
    states = [(i, j) for i in range(3) for j in range(3) if (i, j) != (2, 2)]
    index = {st: k for k, st in enumerate(states)}
    n = len(states)
    m = np.zeros((n, n))
    for (i, j), k in index.items():
        for i2 in range(3):
            for j2 in range(3):
                prob = half[i, i2] * half[j, j2]
                if prob == 0.0:
                    continue
                if (i2, j2) == (2, 2):  # top swap this round: failure resets everything
                    m[k, index[(0, 0)]] += prob * (1 - a)
                else:
                    m[k, index[(i2, j2)]] += prob
    t = np.linalg.solve(np.eye(n) - m, np.ones(n))
    return float(t[index[(0, 0)]])


def two_link_cutoff_rounds(p: float, cutoff_rounds: int | None) -> float:
    """Eq. (6.5): E[T] = [1 + 2q(1 - q^tc)] / [1 - q^2 - 2p q^(tc+1)]; None = no cut-off."""
    _check_p("two_link_cutoff_rounds.p", p)
    if cutoff_rounds is None:
        return expected_max_geometric(p, 2)
    if cutoff_rounds < 0:
        raise ValueError(f"two_link_cutoff_rounds.cutoff_rounds: must be >= 0, got {cutoff_rounds}")
    q = 1.0 - p
    tc = cutoff_rounds
    return (1.0 + 2.0 * q * (1.0 - q**tc)) / (1.0 - q * q - 2.0 * p * q ** (tc + 1))


def two_link_expected_decay(p: float, x: float, cutoff_rounds: int | None) -> float:
    """Eq. (6.6): E[x^Delta] for the wait Delta of the early link, with or without cut-off.

    Examples:
        >>> round(two_link_expected_decay(0.1, 1.0, None), 12)
        1.0
    """
    _check_p("two_link_expected_decay.p", p)
    check_probability("two_link_expected_decay.x", x)
    q = 1.0 - p
    if cutoff_rounds is None:
        return p * (1.0 + q * x) / ((2.0 - p) * (1.0 - q * x))
    tc = cutoff_rounds
    qx = q * x
    return p * (1.0 + 2.0 * qx * (1.0 - qx**tc) / (1.0 - qx)) / (p + 2.0 * q * (1.0 - q**tc))
