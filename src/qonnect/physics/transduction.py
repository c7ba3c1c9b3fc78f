"""The transducer as a quantum channel: thermal attenuator, single-rail fidelity, leakage.

A beam-splitter-type (red-detuned) microwave-to-optical transducer of total efficiency eta and
input-referred added noise N_add is the thermal attenuator E_{eta, n_E}:
a_out = sqrt(eta) a_in + sqrt(1 - eta) e, with e thermal of mean n_E and (physics.md eq. 1.1)

    N_add = (1 - eta) n_E / eta    <=>    n_E = eta N_add / (1 - eta).

Examples:
    >>> round(thermal_occupation(0.5, 0.1), 12)
    0.1
    >>> round(added_noise_from_thermal_occupation(0.5, 0.1), 12)
    0.1
    >>> round(single_rail_average_fidelity(1.0), 12)
    1.0

Direct transduction (physics.md section 7) puts transducer A, the fibre and transducer B in
series; `series_thermal_loss` gives the one equivalent attenuator whose (eta, N_add) feed the
capacity bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import numpy as np
import numpy.typing as npt

from qonnect.core.errors import UnphysicalParameterError
from qonnect.physics._arrays import FloatArray, checked, checked_probability, scalar_or_array


@overload
def thermal_occupation(efficiency: float, added_noise: float) -> float: ...
@overload
def thermal_occupation(efficiency: npt.ArrayLike, added_noise: npt.ArrayLike) -> FloatArray: ...
def thermal_occupation(efficiency: npt.ArrayLike, added_noise: npt.ArrayLike) -> float | FloatArray:
    """Mean thermal occupation n_E = eta N_add/(1 - eta) of the attenuator's environment (eq. 1.1).

    Args:
        efficiency: total conversion efficiency eta in [0, 1].
        added_noise: input-referred added noise N_add in photons (>= 0).

    Returns:
        n_E; 0 when N_add = 0, and inf for eta = 1 with N_add > 0 (no attenuator can add noise
        at unit transmission).

    Examples:
        >>> round(thermal_occupation(0.087, 0.16), 6)
        0.015246
    """
    eta = checked_probability("thermal_occupation.efficiency", efficiency)
    n_add = checked("thermal_occupation.added_noise", added_noise, lo=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_e = np.where(eta < 1.0, eta * n_add / np.where(eta < 1.0, 1.0 - eta, 1.0), np.inf)
    return scalar_or_array(np.where(n_add == 0.0, 0.0, n_e))


@overload
def added_noise_from_thermal_occupation(efficiency: float, n_e: float) -> float: ...
@overload
def added_noise_from_thermal_occupation(
    efficiency: npt.ArrayLike, n_e: npt.ArrayLike
) -> FloatArray: ...
def added_noise_from_thermal_occupation(
    efficiency: npt.ArrayLike, n_e: npt.ArrayLike
) -> float | FloatArray:
    """Input-referred added noise N_add = (1 - eta) n_E/eta of a thermal attenuator (eq. 1.1).

    The inverse of `thermal_occupation` for 0 < eta < 1.

    Args:
        efficiency: transmissivity eta in [0, 1].
        n_e: mean thermal occupation of the environment (>= 0).

    Returns:
        N_add; 0 when n_E = 0, inf for eta = 0 with n_E > 0.

    Examples:
        >>> round(added_noise_from_thermal_occupation(0.25, 1.0), 12)
        3.0
    """
    eta = checked_probability("added_noise_from_thermal_occupation.efficiency", efficiency)
    n = checked("added_noise_from_thermal_occupation.n_e", n_e, lo=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_add = np.where(eta > 0.0, (1.0 - eta) * n / np.where(eta > 0.0, eta, 1.0), np.inf)
    return scalar_or_array(np.where(n == 0.0, 0.0, n_add))


@overload
def single_rail_average_fidelity(eta: float) -> float: ...
@overload
def single_rail_average_fidelity(eta: npt.ArrayLike) -> FloatArray: ...
def single_rail_average_fidelity(eta: npt.ArrayLike) -> float | FloatArray:
    """Average fidelity 1/2 + eta/6 + sqrt(eta)/3 of a single-rail qubit sent through pure loss.

    Pure loss on the photon-number qubit {|0>, |1>} is amplitude damping with gamma = 1 - eta
    (physics.md section 1.3); the value falls below the classical 2/3 for eta < 0.172.

    Args:
        eta: transmissivity in [0, 1].

    Examples:
        >>> round(single_rail_average_fidelity(0.0), 12)
        0.5
    """
    e = checked_probability("single_rail_average_fidelity.eta", eta)
    return scalar_or_array(0.5 + e / 6.0 + np.sqrt(e) / 3.0)


def thermal_loss_vacuum_populations(
    efficiency: npt.ArrayLike, added_noise: npt.ArrayLike
) -> tuple[float | FloatArray, float | FloatArray, float | FloatArray]:
    """Photon-number populations (P(0), P(1), P(>=2)) of vacuum sent through the transducer.

    Thermal loss turns vacuum into a thermal state of mean m = (1 - eta) n_E = eta N_add:
    P(0) = 1/(1 + m), P(1) = m/(1 + m)^2, P(>=2) = (m/(1 + m))^2 (leakage out of the
    single-rail qubit space; physics.md section 1.3).

    Args:
        efficiency: total conversion efficiency eta in [0, 1].
        added_noise: input-referred added noise N_add (>= 0).

    Returns:
        The three populations; they sum to 1.

    Examples:
        >>> [round(x, 6) for x in thermal_loss_vacuum_populations(0.5, 2.0)]
        [0.5, 0.25, 0.25]
    """
    eta = checked_probability("thermal_loss_vacuum_populations.efficiency", efficiency)
    n_add = checked("thermal_loss_vacuum_populations.added_noise", added_noise, lo=0.0)
    m = eta * n_add
    ratio = m / (1.0 + m)
    return (
        scalar_or_array(1.0 / (1.0 + m)),
        scalar_or_array(ratio / (1.0 + m)),
        scalar_or_array(ratio * ratio),
    )


def series_thermal_loss(
    efficiencies: Sequence[float], added_noises: Sequence[float]
) -> tuple[float, float]:
    """(eta, N_add) of thermal attenuators in series, e.g. transducer A, fibre, transducer B.

    Output noise adds up stage by stage: stage i contributes eta_i N_i at its output, then is
    attenuated by the later stages; referred to the input of the chain,
    N_add = sum_i N_i / prod_{j < i} eta_j, with eta = prod_i eta_i (physics.md section 7).
    A fibre is a stage with N = 0.

    Args:
        efficiencies: transmissivity of each stage in [0, 1] (at least one stage).
        added_noises: input-referred added noise of each stage (>= 0), same length.

    Returns:
        The end-to-end transmissivity and input-referred added noise (inf if an earlier stage
        has eta = 0 and a later one adds noise).

    Raises:
        UnphysicalParameterError: mismatched or empty sequences, or values out of range.

    Examples:
        >>> eta, n_add = series_thermal_loss([0.5, 0.1, 0.5], [1e-3, 0.0, 1e-3])
        >>> round(eta, 6), round(n_add, 6)  # 1e-3 + 1e-3 / (0.5 * 0.1)
        (0.025, 0.021)
    """
    etas = checked_probability("series_thermal_loss.efficiencies", list(efficiencies)).ravel()
    noises = checked("series_thermal_loss.added_noises", list(added_noises), lo=0.0).ravel()
    if etas.size == 0 or etas.shape != noises.shape:
        raise UnphysicalParameterError(
            "series_thermal_loss: need as many added_noises as efficiencies (>= 1), got "
            f"{etas.size} and {noises.size}"
        )
    before = np.concatenate(([1.0], np.cumprod(etas)[:-1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(noises > 0.0, noises / np.where(before > 0.0, before, 0.0), 0.0)
    return float(np.prod(etas)), float(np.sum(terms))
