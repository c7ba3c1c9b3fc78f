"""qonnect: simulate networked superconducting quantum computers end to end.

The curated public API; everything else is internal and may move.

Examples:
    >>> import qonnect
    >>> qonnect.BellDiagonal.werner(0.9).fidelity
    0.9
"""

from qonnect.core import QonnectError, RandomStreams
from qonnect.link import LinkPerformance
from qonnect.states import BellDiagonal

__version__ = "0.1.0"

__all__ = [
    "BellDiagonal",
    "LinkPerformance",
    "QonnectError",
    "RandomStreams",
    "__version__",
]
