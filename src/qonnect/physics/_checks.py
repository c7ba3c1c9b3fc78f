"""Private checks shared by the physics values (T2 <= 2 T1, names)."""

from __future__ import annotations

from qonnect.core.errors import UnphysicalParameterError


def check_t2_within_2t1(owner: str, t1_s: float, t2_s: float) -> None:
    """Raise unless T2 <= 2 T1 (the physical limit of coherence); the error names both values."""
    if t2_s > 2.0 * t1_s:
        raise UnphysicalParameterError(f"{owner}: not (T2 <= 2*T1): t2_s={t2_s!r}, t1_s={t1_s!r}")


def check_name(owner: str, name: str, source: str) -> None:
    """Raise unless `name` and `source` are strings (`name` non-empty)."""
    if not isinstance(name, str) or not name:
        raise UnphysicalParameterError(f"{owner}.name: expected a non-empty string, got {name!r}")
    if not isinstance(source, str):
        raise UnphysicalParameterError(f"{owner}.source: expected a string, got {source!r}")
