"""`Detector`: a single-photon detector (SNSPD) at a heralding station (physics.md section 3).

Examples:
    >>> d = Detector(0.9, 100.0, 10e-9, 40e-9)
    >>> round(d.dark_count_probability, 12)
    1e-06
    >>> Detector(1.5, 100.0, 10e-9, 40e-9)
    Traceback (most recent call last):
    ...
    qonnect.core.errors.UnphysicalParameterError: Detector.efficiency: not (0 <= 1.5 <= 1)
"""

from __future__ import annotations

import dataclasses
from typing import Any

from qonnect.core.validate import check_non_negative, check_positive, check_probability
from qonnect.physics._checks import check_name
from qonnect.physics.optics import dark_count_probability


@dataclasses.dataclass(frozen=True, slots=True)
class Detector:
    """A threshold single-photon detector.

    Args:
        efficiency: detection efficiency eta_d in [0, 1].
        dark_count_rate_hz: dark-count rate DCR in counts/s (>= 0).
        window_s: detection (gating) window in s (> 0).
        dead_time_s: recovery time after a click in s (>= 0).
        name: preset name, "custom" for a hand-made value.
        source: where the numbers come from.

    Raises:
        UnphysicalParameterError: (a ValueError) naming the field and the bad value.
    """

    efficiency: float
    dark_count_rate_hz: float
    window_s: float
    dead_time_s: float
    name: str = "custom"
    source: str = ""

    def __post_init__(self) -> None:
        check_probability("Detector.efficiency", self.efficiency)
        check_non_negative("Detector.dark_count_rate_hz", self.dark_count_rate_hz)
        check_positive("Detector.window_s", self.window_s)
        check_non_negative("Detector.dead_time_s", self.dead_time_s)
        check_name("Detector", self.name, self.source)

    @property
    def dark_count_probability(self) -> float:
        """Probability of a dark count in one window, 1 - exp(-DCR * window)."""
        return dark_count_probability(float(self.dark_count_rate_hz), float(self.window_s))

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for listing and JSON)."""
        return dataclasses.asdict(self)
