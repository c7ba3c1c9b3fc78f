"""The exception hierarchy of qonnect.

Every error that is the user's to fix (bad input, an impossible request) is a
`QonnectError` or a `ValueError`; the command line turns both into one line and exit
code 2. Anything else is a bug and exits 1.
"""

from __future__ import annotations


class QonnectError(Exception):
    """Base class of qonnect's own errors."""


class ConfigurationError(QonnectError, ValueError):
    """A scenario, topology or option is malformed or names something that does not exist."""


class UnphysicalParameterError(QonnectError, ValueError):
    """A parameter value lies outside its physical range (an efficiency of 1.5, T2 > 2*T1)."""


class InfeasibleError(QonnectError):
    """A request cannot be met: no path, a fidelity above reach, a circuit that does not fit."""


class CircuitError(QonnectError, ValueError):
    """A circuit cannot be read or contains something qonnect does not support."""
