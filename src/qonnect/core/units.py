"""Units and conversions.

SI floats at the public edges (seconds, metres, hertz); integer picoseconds inside the
event engine. Names carry their unit (`length_km`, `t1_s`, `rate_hz`).

Examples:
    >>> seconds_to_ps(1e-6)
    1000000
    >>> ps_to_seconds(2_500_000)
    2.5e-06
    >>> round(db_to_transmissivity(3.0), 4)
    0.5012
"""

from __future__ import annotations

import math

PS_PER_S: int = 10**12
"""Picoseconds per second."""

SPEED_OF_LIGHT_M_PER_S: float = 299_792_458.0
"""Speed of light in vacuum (exact, SI)."""

US: float = 1e-6
NS: float = 1e-9
MS: float = 1e-3
KM: float = 1e3


def seconds_to_ps(t_s: float) -> int:
    """Round a time in seconds to the nearest integer picosecond.

    Raises:
        ValueError: if `t_s` is negative or not finite.
    """
    if not math.isfinite(t_s) or t_s < 0:
        raise ValueError(f"time must be finite and >= 0 s, got t_s={t_s!r}")
    return round(t_s * PS_PER_S)


def ps_to_seconds(t_ps: int) -> float:
    """Convert integer picoseconds to seconds."""
    return t_ps / PS_PER_S


def db_to_transmissivity(loss_db: float) -> float:
    """Transmissivity eta = 10^(-dB/10) of a loss given in decibels (physics.md section 0)."""
    return float(10.0 ** (-loss_db / 10.0))


def transmissivity_to_db(eta: float) -> float:
    """Loss in decibels of a transmissivity 0 < eta <= 1."""
    if not 0.0 < eta <= 1.0:
        raise ValueError(f"not (0 < eta={eta!r} <= 1)")
    return -10.0 * math.log10(eta)
