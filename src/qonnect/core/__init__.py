"""Units, errors and random streams shared by every layer."""

from qonnect.core.errors import (
    CircuitError,
    ConfigurationError,
    InfeasibleError,
    QonnectError,
    UnphysicalParameterError,
)
from qonnect.core.streams import RandomStreams
from qonnect.core.units import (
    PS_PER_S,
    SPEED_OF_LIGHT_M_PER_S,
    db_to_transmissivity,
    ps_to_seconds,
    seconds_to_ps,
    transmissivity_to_db,
)
from qonnect.core.validate import (
    check_non_negative,
    check_positive,
    check_positive_int,
    check_probability,
)

__all__ = [
    "PS_PER_S",
    "SPEED_OF_LIGHT_M_PER_S",
    "CircuitError",
    "ConfigurationError",
    "InfeasibleError",
    "QonnectError",
    "RandomStreams",
    "UnphysicalParameterError",
    "check_non_negative",
    "check_positive",
    "check_positive_int",
    "check_probability",
    "db_to_transmissivity",
    "ps_to_seconds",
    "seconds_to_ps",
    "transmissivity_to_db",
]
