"""Private helpers for the vectorised formulas: checked float arrays and scalar-in, scalar-out.

Every formula accepts Python floats or array-likes. Inputs are converted with `checked`, which
raises `UnphysicalParameterError` naming the argument and the first offending value, and the
result goes back through `scalar_or_array` so a float input gives a float output.

Examples:
    >>> checked("f.length_km", [1.0, 2.0], lo=0.0).tolist()
    [1.0, 2.0]
    >>> checked("f.length_km", [1.0, -2.0], lo=0.0)
    Traceback (most recent call last):
    ...
    qonnect.core.errors.UnphysicalParameterError: f.length_km: must be >= 0.0, got -2.0
    >>> scalar_or_array(np.asarray(0.5))
    0.5
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from qonnect.core.errors import UnphysicalParameterError

FloatArray = npt.NDArray[np.float64]
"""A numpy array of float64 values."""


def _first_bad(arr: FloatArray, bad: npt.NDArray[np.bool_]) -> float:
    return float(arr[bad].flat[0])


def checked(
    field: str,
    value: npt.ArrayLike,
    *,
    lo: float | None = None,
    hi: float | None = None,
    lo_open: bool = False,
    allow_inf: bool = False,
) -> FloatArray:
    """`value` as a float64 array, checked against [lo, hi] (or (lo, hi] when `lo_open`).

    NaN is always rejected; +/-inf only when `allow_inf` (and then still range-checked).

    Raises:
        UnphysicalParameterError: naming `field` and the first bad value.
    """
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise UnphysicalParameterError(f"{field}: expected a number, got {value!r}") from e
    if np.isnan(arr).any():
        raise UnphysicalParameterError(f"{field}: must be a number, got nan")
    if not allow_inf:
        inf = np.isinf(arr)
        if inf.any():
            raise UnphysicalParameterError(f"{field}: must be finite, got {_first_bad(arr, inf)}")
    if lo is not None:
        bad = arr <= lo if lo_open else arr < lo
        if bad.any():
            op = ">" if lo_open else ">="
            raise UnphysicalParameterError(
                f"{field}: must be {op} {lo}, got {_first_bad(arr, bad)}"
            )
    if hi is not None:
        bad = arr > hi
        if bad.any():
            raise UnphysicalParameterError(f"{field}: must be <= {hi}, got {_first_bad(arr, bad)}")
    return arr


def checked_probability(field: str, value: npt.ArrayLike) -> FloatArray:
    """`value` as a float64 array of probabilities; the error reads `not (0 <= x <= 1)`."""
    arr = checked(field, value)
    bad = (arr < 0.0) | (arr > 1.0)
    if bad.any():
        raise UnphysicalParameterError(f"{field}: not (0 <= {_first_bad(arr, bad)} <= 1)")
    return arr


def scalar_or_array(arr: npt.ArrayLike) -> float | FloatArray:
    """A Python float for a 0-d result, else the float64 array itself."""
    out = np.asarray(arr, dtype=np.float64)
    return float(out) if out.ndim == 0 else out
