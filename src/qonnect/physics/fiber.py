"""`Fiber`: an optical fibre span (length, attenuation, group index; physics.md section 3).

Examples:
    >>> f = Fiber(10.0)
    >>> round(f.transmissivity, 6), round(f.delay_s * 1e6, 3)
    (0.630957, 48.974)
    >>> f.with_length(50.0).transmissivity == Fiber(50.0).transmissivity
    True
    >>> Fiber(-1.0)
    Traceback (most recent call last):
    ...
    qonnect.core.errors.UnphysicalParameterError: Fiber.length_km: must be >= 0, got -1.0
"""

from __future__ import annotations

import dataclasses
from typing import Any

from qonnect.core.errors import UnphysicalParameterError
from qonnect.core.validate import check_non_negative, check_positive
from qonnect.physics._checks import check_name
from qonnect.physics.optics import (
    SMF28_GROUP_INDEX,
    SMF28_LOSS_DB_PER_KM,
    fiber_delay_s,
    fiber_transmissivity,
    group_velocity_m_per_s,
)


@dataclasses.dataclass(frozen=True, slots=True)
class Fiber:
    """A fibre span.

    Args:
        length_km: length in km (>= 0).
        loss_db_per_km: attenuation in dB/km (>= 0); default 0.2 (SMF-28 at 1550 nm).
        group_index: group index n_g (>= 1); default 1.4682 (SMF-28 at 1550 nm).
        name: preset name, "custom" for a hand-made value.
        source: where the numbers come from.

    Raises:
        UnphysicalParameterError: (a ValueError) naming the field and the bad value.
    """

    length_km: float
    loss_db_per_km: float = SMF28_LOSS_DB_PER_KM
    group_index: float = SMF28_GROUP_INDEX
    name: str = "custom"
    source: str = ""

    def __post_init__(self) -> None:
        check_non_negative("Fiber.length_km", self.length_km)
        check_non_negative("Fiber.loss_db_per_km", self.loss_db_per_km)
        check_positive("Fiber.group_index", self.group_index)
        if self.group_index < 1.0:
            raise UnphysicalParameterError(
                f"Fiber.group_index: must be >= 1, got {self.group_index!r}"
            )
        check_name("Fiber", self.name, self.source)

    @property
    def transmissivity(self) -> float:
        """Transmissivity 10^(-loss * length / 10) of the whole span."""
        return fiber_transmissivity(float(self.length_km), float(self.loss_db_per_km))

    @property
    def group_velocity_m_per_s(self) -> float:
        """Group velocity c / n_g in m/s."""
        return group_velocity_m_per_s(float(self.group_index))

    @property
    def delay_s(self) -> float:
        """One-way propagation delay over the span in s."""
        return fiber_delay_s(float(self.length_km), float(self.group_index))

    def with_length(self, length_km: float) -> Fiber:
        """The same fibre type with another length (name and source kept)."""
        return dataclasses.replace(self, length_km=length_km)

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for listing and JSON)."""
        return dataclasses.asdict(self)
