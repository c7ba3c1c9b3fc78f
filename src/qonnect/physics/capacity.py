"""Quantum capacities of the transducer channel (thermal attenuator) and its practical rate.

physics.md section 1.3, with h(x) = (x + 1) log2(x + 1) - x log2 x (the entropy of a thermal
state of mean x):

* one-way, pure loss (exact): Q = max(0, log2(eta/(1 - eta))), needs eta > 1/2
  (Wolf, Perez-Garcia, Giedke, PRL 98, 130501 (2007));
* one-way, thermal loss, lower bound: max(0, log2(eta/(1 - eta)) - h(n_E))
  (Holevo & Werner, PRA 63, 032312 (2001));
* two-way, lower bound (reverse coherent information): -log2(1 - eta) - h(n_E)
  (Garcia-Patron et al., PRL 102, 210501 (2009));
* two-way, upper bound (PLOB): -log2[(1 - eta) eta^n_E] - h(n_E) for n_E < eta/(1 - eta),
  else 0 (Pirandola et al., Nat. Commun. 8, 15043 (2017));
* practical rate (Urmey et al., arXiv:2507.09873): (pi Theta/ln 2)(1 - N + N ln N) qubits/s
  for N = N_add < 1, Theta = eta B D the throughput.

All capacities are per channel use (per mode) and clipped at 0 from below.

Examples:
    >>> entropy_h(0.0)
    0.0
    >>> round(entropy_h(1.0), 12)
    2.0
    >>> round(pure_loss_one_way_capacity(0.8), 12)
    2.0
"""

from __future__ import annotations

from typing import overload

import numpy as np
import numpy.typing as npt

from qonnect.physics._arrays import FloatArray, checked, checked_probability, scalar_or_array

_LN2 = float(np.log(2.0))


def _h(x: FloatArray) -> FloatArray:
    """h(x) on a checked array (x >= 0), with x log2 x -> 0 at x = 0."""
    safe = np.where(x > 0.0, x, 1.0)
    out: FloatArray = ((x + 1.0) * np.log1p(x) - np.where(x > 0.0, x * np.log(safe), 0.0)) / _LN2
    return out


def _log2_ratio(e: FloatArray) -> FloatArray:
    """log2(eta/(1 - eta)), -inf at eta = 0 and +inf at eta = 1."""
    with np.errstate(divide="ignore"):
        out: FloatArray = (np.log(e) - np.log1p(-e)) / _LN2
    return out


@overload
def entropy_h(x: float) -> float: ...
@overload
def entropy_h(x: npt.ArrayLike) -> FloatArray: ...
def entropy_h(x: npt.ArrayLike) -> float | FloatArray:
    """Entropy h(x) = (x + 1) log2(x + 1) - x log2 x, in bits, of a thermal state of mean x.

    Args:
        x: mean photon number (>= 0).

    Examples:
        >>> round(entropy_h(0.5), 6)  # 1.5 log2 1.5 + 0.5
        1.377444
    """
    return scalar_or_array(_h(checked("entropy_h.x", x, lo=0.0)))


@overload
def pure_loss_one_way_capacity(eta: float) -> float: ...
@overload
def pure_loss_one_way_capacity(eta: npt.ArrayLike) -> FloatArray: ...
def pure_loss_one_way_capacity(eta: npt.ArrayLike) -> float | FloatArray:
    """One-way quantum capacity max(0, log2(eta/(1 - eta))) of the pure-loss channel.

    Args:
        eta: transmissivity in [0, 1]; zero capacity for eta <= 1/2, inf at eta = 1.

    Examples:
        >>> pure_loss_one_way_capacity(0.5)
        0.0
    """
    e = checked_probability("pure_loss_one_way_capacity.eta", eta)
    return scalar_or_array(np.maximum(0.0, _log2_ratio(e)))


@overload
def thermal_loss_one_way_lower(eta: float, n_e: float) -> float: ...
@overload
def thermal_loss_one_way_lower(eta: npt.ArrayLike, n_e: npt.ArrayLike) -> FloatArray: ...
def thermal_loss_one_way_lower(eta: npt.ArrayLike, n_e: npt.ArrayLike) -> float | FloatArray:
    """Lower bound max(0, log2(eta/(1 - eta)) - h(n_E)) on the thermal-loss one-way capacity.

    Args:
        eta: transmissivity in [0, 1].
        n_e: mean thermal occupation of the environment (>= 0); see `thermal_occupation`.

    Examples:
        >>> thermal_loss_one_way_lower(0.8, 0.0) == pure_loss_one_way_capacity(0.8)
        True
    """
    e = checked_probability("thermal_loss_one_way_lower.eta", eta)
    n = checked("thermal_loss_one_way_lower.n_e", n_e, lo=0.0)
    return scalar_or_array(np.maximum(0.0, _log2_ratio(e) - _h(n)))


@overload
def reverse_coherent_information(eta: float, n_e: float = ...) -> float: ...
@overload
def reverse_coherent_information(eta: npt.ArrayLike, n_e: npt.ArrayLike = ...) -> FloatArray: ...
def reverse_coherent_information(
    eta: npt.ArrayLike, n_e: npt.ArrayLike = 0.0
) -> float | FloatArray:
    """Two-way lower bound max(0, -log2(1 - eta) - h(n_E)) (reverse coherent information).

    For n_E = 0 it equals the PLOB bound, which it therefore attains for pure loss.

    Args:
        eta: transmissivity in [0, 1].
        n_e: mean thermal occupation of the environment (>= 0); default 0 (pure loss).

    Examples:
        >>> round(reverse_coherent_information(0.5), 12)
        1.0
    """
    e = checked_probability("reverse_coherent_information.eta", eta)
    n = checked("reverse_coherent_information.n_e", n_e, lo=0.0)
    with np.errstate(divide="ignore"):
        rci = -np.log1p(-e) / _LN2 - _h(n)
    return scalar_or_array(np.maximum(0.0, rci))


@overload
def thermal_loss_plob_upper(eta: float, n_e: float) -> float: ...
@overload
def thermal_loss_plob_upper(eta: npt.ArrayLike, n_e: npt.ArrayLike) -> FloatArray: ...
def thermal_loss_plob_upper(eta: npt.ArrayLike, n_e: npt.ArrayLike) -> float | FloatArray:
    """PLOB upper bound -log2[(1 - eta) eta^n_E] - h(n_E) on the thermal-loss two-way capacity.

    Zero when n_E >= eta/(1 - eta) (the channel is then entanglement-breaking); the expression
    itself vanishes at that threshold, so the bound is continuous.

    Args:
        eta: transmissivity in [0, 1].
        n_e: mean thermal occupation of the environment (>= 0).

    Examples:
        >>> round(thermal_loss_plob_upper(0.5, 0.0), 12)  # pure loss: PLOB
        1.0
        >>> thermal_loss_plob_upper(0.5, 1.0)  # n_E = eta/(1 - eta): entanglement-breaking
        0.0
    """
    e = checked_probability("thermal_loss_plob_upper.eta", eta)
    n = checked("thermal_loss_plob_upper.n_e", n_e, lo=0.0)
    e, n = np.broadcast_arrays(e, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        threshold = np.where(e < 1.0, e / np.where(e < 1.0, 1.0 - e, 1.0), np.inf)
        n_log_eta = np.where(n > 0.0, n * np.log(np.where(e > 0.0, e, 1.0)), 0.0) / _LN2
        value = -np.log1p(-e) / _LN2 - n_log_eta - _h(n)
    out = np.where(n < threshold, np.maximum(0.0, value), 0.0)
    return scalar_or_array(out)


@overload
def practical_transducer_capacity(throughput_hz: float, added_noise: float) -> float: ...
@overload
def practical_transducer_capacity(
    throughput_hz: npt.ArrayLike, added_noise: npt.ArrayLike
) -> FloatArray: ...
def practical_transducer_capacity(
    throughput_hz: npt.ArrayLike, added_noise: npt.ArrayLike
) -> float | FloatArray:
    """Practical quantum capacity (pi Theta/ln 2)(1 - N + N ln N) in qubits/s (Urmey 2025).

    Args:
        throughput_hz: Theta = eta B D in Hz (>= 0); see `Transducer.throughput_hz`.
        added_noise: input-referred added noise N (>= 0); zero capacity for N >= 1.

    Examples:
        >>> round(practical_transducer_capacity(7e3, 0.0) / 1e3, 3)  # pi * 7 kHz / ln 2
        31.727
        >>> practical_transducer_capacity(7e3, 1.5)
        0.0
    """
    theta = checked("practical_transducer_capacity.throughput_hz", throughput_hz, lo=0.0)
    n = checked("practical_transducer_capacity.added_noise", added_noise, lo=0.0)
    safe = np.where(n > 0.0, n, 1.0)
    factor = 1.0 - n + np.where(n > 0.0, n * np.log(safe), 0.0)
    return scalar_or_array(np.where(n < 1.0, np.pi * theta / _LN2 * factor, 0.0))
