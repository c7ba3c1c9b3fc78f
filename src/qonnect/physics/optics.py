"""Fibre propagation and photon detection: transmissivity, delay, dark counts, false clicks.

Formulas of physics.md section 3 (fibre, detectors) and section 1.5 (transducer noise reaching
a heralding detector, eq. 1.2). All functions accept floats or numpy arrays (broadcast together)
and return a float for scalar input, an array otherwise.

Examples:
    >>> round(fiber_transmissivity(50.0, 0.2), 6)
    0.1
    >>> round(fiber_delay_s(10.0) * 1e6, 3)
    48.974
    >>> round(false_click_probability(1e-6, 0.0), 9)
    1e-06
"""

from __future__ import annotations

from typing import overload

import numpy as np
import numpy.typing as npt

from qonnect.core.units import SPEED_OF_LIGHT_M_PER_S
from qonnect.physics._arrays import FloatArray, checked, checked_probability, scalar_or_array

SMF28_LOSS_DB_PER_KM: float = 0.2
"""Standard single-mode fibre loss at 1550 nm (physics.md section 3)."""

SMF28_GROUP_INDEX: float = 1.4682
"""Group index of SMF-28 at 1550 nm (physics.md section 3; v_g = 2.0419e8 m/s)."""


@overload
def fiber_transmissivity(length_km: float, loss_db_per_km: float = ...) -> float: ...
@overload
def fiber_transmissivity(
    length_km: npt.ArrayLike, loss_db_per_km: npt.ArrayLike = ...
) -> FloatArray: ...
def fiber_transmissivity(
    length_km: npt.ArrayLike, loss_db_per_km: npt.ArrayLike = SMF28_LOSS_DB_PER_KM
) -> float | FloatArray:
    """Transmissivity eta_f = 10^(-alpha_dB * L / 10) of a fibre (physics.md section 3).

    Args:
        length_km: fibre length in km (>= 0).
        loss_db_per_km: attenuation in dB/km (>= 0); default 0.2 (SMF-28 at 1550 nm).

    Returns:
        The probability that a photon entering the fibre leaves it.

    Raises:
        UnphysicalParameterError: a negative length or loss.

    Examples:
        >>> fiber_transmissivity([5.0, 10.0, 100.0], 0.2).round(6).tolist()
        [0.794328, 0.630957, 0.01]
    """
    length = checked("fiber_transmissivity.length_km", length_km, lo=0.0)
    loss = checked("fiber_transmissivity.loss_db_per_km", loss_db_per_km, lo=0.0)
    return scalar_or_array(10.0 ** (-loss * length / 10.0))


@overload
def group_velocity_m_per_s(group_index: float = ...) -> float: ...
@overload
def group_velocity_m_per_s(group_index: npt.ArrayLike = ...) -> FloatArray: ...
def group_velocity_m_per_s(group_index: npt.ArrayLike = SMF28_GROUP_INDEX) -> float | FloatArray:
    """Group velocity v_g = c / n_g in m/s.

    Args:
        group_index: the group index n_g (>= 1); default 1.4682 (SMF-28 at 1550 nm).

    Raises:
        UnphysicalParameterError: a group index below 1.

    Examples:
        >>> round(group_velocity_m_per_s(1.4682) / 1e8, 4)
        2.0419
    """
    n_g = checked("group_velocity_m_per_s.group_index", group_index, lo=1.0)
    return scalar_or_array(SPEED_OF_LIGHT_M_PER_S / n_g)


@overload
def fiber_delay_s(length_km: float, group_index: float = ...) -> float: ...
@overload
def fiber_delay_s(length_km: npt.ArrayLike, group_index: npt.ArrayLike = ...) -> FloatArray: ...
def fiber_delay_s(
    length_km: npt.ArrayLike, group_index: npt.ArrayLike = SMF28_GROUP_INDEX
) -> float | FloatArray:
    """One-way propagation delay tau = L / v_g in seconds (physics.md section 3).

    Args:
        length_km: fibre length in km (>= 0).
        group_index: the group index n_g (>= 1); default 1.4682.

    Raises:
        UnphysicalParameterError: a negative length or a group index below 1.

    Examples:
        >>> round(fiber_delay_s(1.0) * 1e6, 3)  # 4.897 us per km of SMF-28
        4.897
    """
    length = checked("fiber_delay_s.length_km", length_km, lo=0.0)
    n_g = checked("fiber_delay_s.group_index", group_index, lo=1.0)
    return scalar_or_array(length * 1e3 * n_g / SPEED_OF_LIGHT_M_PER_S)


@overload
def dark_count_probability(rate_hz: float, window_s: float) -> float: ...
@overload
def dark_count_probability(rate_hz: npt.ArrayLike, window_s: npt.ArrayLike) -> FloatArray: ...
def dark_count_probability(rate_hz: npt.ArrayLike, window_s: npt.ArrayLike) -> float | FloatArray:
    """Probability of at least one dark count in a window, p_dc = 1 - exp(-DCR * tau_w).

    Dark counts are a Poisson process of rate DCR (physics.md section 3).

    Args:
        rate_hz: dark-count rate in counts per second (>= 0).
        window_s: detection window in seconds (>= 0).

    Raises:
        UnphysicalParameterError: a negative rate or window.

    Examples:
        >>> round(dark_count_probability(100.0, 10e-9), 12)
        1e-06
    """
    rate = checked("dark_count_probability.rate_hz", rate_hz, lo=0.0)
    window = checked("dark_count_probability.window_s", window_s, lo=0.0)
    return scalar_or_array(-np.expm1(-rate * window))


@overload
def noise_photons_at_detector(
    transducer_efficiency: float,
    added_noise: float,
    fiber_transmissivity: float,
    detector_efficiency: float,
) -> float: ...
@overload
def noise_photons_at_detector(
    transducer_efficiency: npt.ArrayLike,
    added_noise: npt.ArrayLike,
    fiber_transmissivity: npt.ArrayLike,
    detector_efficiency: npt.ArrayLike,
) -> FloatArray: ...
def noise_photons_at_detector(
    transducer_efficiency: npt.ArrayLike,
    added_noise: npt.ArrayLike,
    fiber_transmissivity: npt.ArrayLike,
    detector_efficiency: npt.ArrayLike,
) -> float | FloatArray:
    """Mean thermal noise photons per window at a heralding detector, m = eta_t N_add eta_f eta_d.

    A transducer emits eta_t * N_add noise photons into the signal mode (input-referred added
    noise N_add); the arm attenuates them like the signal (physics.md section 1.5). Two equal
    independent thermal inputs on the 50:50 beam splitter leave each detector a single-mode
    thermal field of this same mean.

    Args:
        transducer_efficiency: total (fibre-coupled) efficiency eta_t in [0, 1].
        added_noise: input-referred added noise N_add in photons (>= 0).
        fiber_transmissivity: transmissivity eta_f of the arm in [0, 1].
        detector_efficiency: detector efficiency eta_d in [0, 1].

    Examples:
        >>> round(noise_photons_at_detector(0.1, 0.01, 0.794328, 0.9), 8)
        0.0007149
    """
    eta_t = checked_probability(
        "noise_photons_at_detector.transducer_efficiency", transducer_efficiency
    )
    n_add = checked("noise_photons_at_detector.added_noise", added_noise, lo=0.0)
    eta_f = checked_probability(
        "noise_photons_at_detector.fiber_transmissivity", fiber_transmissivity
    )
    eta_d = checked_probability(
        "noise_photons_at_detector.detector_efficiency", detector_efficiency
    )
    return scalar_or_array(eta_t * n_add * eta_f * eta_d)


@overload
def false_click_probability(p_dark: float, mean_noise_photons: float) -> float: ...
@overload
def false_click_probability(
    p_dark: npt.ArrayLike, mean_noise_photons: npt.ArrayLike
) -> FloatArray: ...
def false_click_probability(
    p_dark: npt.ArrayLike, mean_noise_photons: npt.ArrayLike
) -> float | FloatArray:
    """Probability p_e of a click without a signal photon (physics.md eq. 1.2).

    p_e = 1 - (1 - p_dc)(1 - m/(1+m)): a dark count or a click of the thermal noise field of
    mean m (a threshold detector clicks on a thermal field with probability m/(1+m)).

    Args:
        p_dark: dark-count probability per window in [0, 1].
        mean_noise_photons: mean thermal photons m per window at the detector (>= 0).

    Examples:
        >>> round(false_click_probability(0.0, 1.0), 6)
        0.5
        >>> round(false_click_probability(0.5, 1.0), 6)
        0.75
    """
    p_dc = checked_probability("false_click_probability.p_dark", p_dark)
    m = checked("false_click_probability.mean_noise_photons", mean_noise_photons, lo=0.0)
    return scalar_or_array(1.0 - (1.0 - p_dc) / (1.0 + m))
