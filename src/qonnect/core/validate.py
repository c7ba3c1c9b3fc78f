"""Checks for values crossing a boundary; each error names the field and the bad value.

Examples:
    >>> check_probability("Detector.efficiency", 1.5)
    Traceback (most recent call last):
    ...
    qonnect.core.errors.UnphysicalParameterError: Detector.efficiency: not (0 <= 1.5 <= 1)
"""

from __future__ import annotations

import math

from qonnect.core.errors import UnphysicalParameterError


def _finite(field: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UnphysicalParameterError(f"{field}: expected a number, got {value!r}")
    if not math.isfinite(value):
        raise UnphysicalParameterError(f"{field}: must be finite, got {value!r}")
    return float(value)


def check_probability(field: str, value: float) -> float:
    """Return `value` if 0 <= value <= 1, else raise naming `field`."""
    v = _finite(field, value)
    if not 0.0 <= v <= 1.0:
        raise UnphysicalParameterError(f"{field}: not (0 <= {value!r} <= 1)")
    return v


def check_non_negative(field: str, value: float) -> float:
    """Return `value` if it is finite and >= 0, else raise naming `field`."""
    v = _finite(field, value)
    if v < 0.0:
        raise UnphysicalParameterError(f"{field}: must be >= 0, got {value!r}")
    return v


def check_positive(field: str, value: float, *, allow_inf: bool = False) -> float:
    """Return `value` if it is > 0 (and finite unless `allow_inf`), else raise naming `field`."""
    if allow_inf and isinstance(value, (int, float)) and value == math.inf:
        return math.inf
    v = _finite(field, value)
    if v <= 0.0:
        raise UnphysicalParameterError(f"{field}: must be > 0, got {value!r}")
    return v


def check_positive_int(field: str, value: int) -> int:
    """Return `value` if it is an int >= 1, else raise naming `field`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UnphysicalParameterError(f"{field}: must be an integer >= 1, got {value!r}")
    return value
