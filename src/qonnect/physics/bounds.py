"""Fundamental rate limits of lossy channels and repeater chains (physics.md section 7).

* PLOB (Pirandola, Laurenza, Ottaviani, Banchi, Nat. Commun. 8, 15043 (2017)): the two-way
  assisted capacity of the pure-loss channel of transmissivity eta is -log2(1 - eta) ebits per
  channel use (~1.44 eta for small eta).
* TGW (Takeoka, Guha, Wilde, Nat. Commun. 5, 5235 (2014)): the squashed-entanglement bound
  log2[(1 + eta)/(1 - eta)] (~2.89 eta for small eta), weaker than PLOB.
* A linear chain with ideal repeaters (Pirandola, Commun. Phys. 2, 51 (2019)) has capacity
  min_i -log2(1 - eta_i); N equally spaced segments give -log2(1 - eta^(1/N)).

Examples:
    >>> round(plob_bound(0.5), 12)
    1.0
    >>> round(tgw_bound(0.5), 6)
    1.584963
    >>> round(equally_spaced_chain_bound(0.01, 2), 6)
    0.152003
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import overload

import numpy as np
import numpy.typing as npt

from qonnect.core.errors import UnphysicalParameterError
from qonnect.core.validate import check_positive_int
from qonnect.physics._arrays import FloatArray, checked_probability, scalar_or_array


@overload
def plob_bound(eta: float) -> float: ...
@overload
def plob_bound(eta: npt.ArrayLike) -> FloatArray: ...
def plob_bound(eta: npt.ArrayLike) -> float | FloatArray:
    """PLOB bound -log2(1 - eta) in ebits per channel use (per mode) of a pure-loss channel.

    Args:
        eta: end-to-end transmissivity in [0, 1].

    Returns:
        The two-way assisted capacity; inf at eta = 1.

    Examples:
        >>> plob_bound(0.0)
        0.0
        >>> round(plob_bound(1e-3) / 1e-3, 3)  # ~ eta / ln 2 for small eta
        1.443
    """
    e = checked_probability("plob_bound.eta", eta)
    with np.errstate(divide="ignore"):
        return scalar_or_array(-np.log1p(-e) / np.log(2.0))


@overload
def tgw_bound(eta: float) -> float: ...
@overload
def tgw_bound(eta: npt.ArrayLike) -> FloatArray: ...
def tgw_bound(eta: npt.ArrayLike) -> float | FloatArray:
    """TGW squashed-entanglement bound log2[(1 + eta)/(1 - eta)] in ebits per channel use.

    Args:
        eta: transmissivity in [0, 1].

    Returns:
        The bound; inf at eta = 1. Always >= `plob_bound(eta)`.

    Examples:
        >>> round(tgw_bound(1e-3) / 1e-3, 3)  # ~ 2 eta / ln 2
        2.885
    """
    e = checked_probability("tgw_bound.eta", eta)
    with np.errstate(divide="ignore"):
        return scalar_or_array((np.log1p(e) - np.log1p(-e)) / np.log(2.0))


def repeater_chain_bound(etas: Iterable[float]) -> float:
    """Capacity min_i -log2(1 - eta_i) of a linear chain of segments joined by ideal repeaters.

    Args:
        etas: transmissivity of every segment, each in [0, 1] (at least one).

    Returns:
        The chain's capacity in ebits per use: the PLOB bound of its worst segment.

    Raises:
        UnphysicalParameterError: an empty chain or a transmissivity outside [0, 1].

    Examples:
        >>> round(repeater_chain_bound([0.5, 0.1, 0.9]), 6)
        0.152003
    """
    values = np.asarray(list(etas), dtype=np.float64).ravel()
    if values.size == 0:
        raise UnphysicalParameterError("repeater_chain_bound.etas: need >= 1 segment, got []")
    e = checked_probability("repeater_chain_bound.etas", values)
    return float(np.min(plob_bound(e.ravel())))


@overload
def equally_spaced_chain_bound(eta_total: float, n_segments: int) -> float: ...
@overload
def equally_spaced_chain_bound(eta_total: npt.ArrayLike, n_segments: int) -> FloatArray: ...
def equally_spaced_chain_bound(eta_total: npt.ArrayLike, n_segments: int) -> float | FloatArray:
    """Capacity -log2(1 - eta^(1/N)) of N equal segments of total transmissivity eta.

    Args:
        eta_total: end-to-end transmissivity in [0, 1].
        n_segments: number of equal segments N (>= 1); N = 1 is PLOB itself.

    Examples:
        >>> equally_spaced_chain_bound(0.25, 1) == plob_bound(0.25)
        True
    """
    e = checked_probability("equally_spaced_chain_bound.eta_total", eta_total)
    n = check_positive_int("equally_spaced_chain_bound.n_segments", n_segments)
    return plob_bound(scalar_or_array(e ** (1.0 / n)))
