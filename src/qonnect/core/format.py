"""Compact, human formatting of numbers for tables (terminal and HTML report alike).

Examples:
    >>> [format_number(v) for v in (None, True, 12345, 0.000123456, 0.5, 2.5e7)]
    ['-', 'True', '12,345', '1.235e-04', '0.5', '2.500e+07']
"""

from __future__ import annotations

import math
from typing import Any


def format_number(v: Any) -> str:
    """Ints with thousands separators, floats to 4 significant digits (scientific outside
    [1e-3, 1e6)), None as "-", anything else as `str`."""
    if v is None:
        return "-"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v == 0 or not math.isfinite(v):
            return str(v)
        return f"{v:.4g}" if 1e-3 <= abs(v) < 1e6 else f"{v:.3e}"
    return str(v)
