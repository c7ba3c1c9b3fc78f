"""qonnect: simulate networked superconducting quantum computers end to end.

The curated public API; everything else is internal and may move.

Examples:
    >>> import qonnect
    >>> w = qonnect.BellDiagonal.werner(0.9)
    >>> round(qonnect.swap(w, w).fidelity, 6)
    0.813333
    >>> round(qonnect.plob_bound(0.5), 6)
    1.0
"""

from qonnect.core import QonnectError, RandomStreams
from qonnect.link import HeraldedLink, LinkPerformance, LinkReport, Scheme, simulate_link
from qonnect.physics import (
    Detector,
    Fiber,
    Memory,
    Qubit,
    Transducer,
    get_detector,
    get_fiber,
    get_memory,
    get_qubit,
    get_transducer,
    plob_bound,
)
from qonnect.states import BellDiagonal, purify, swap

__version__ = "0.1.0"

__all__ = [
    "BellDiagonal",
    "Detector",
    "Fiber",
    "HeraldedLink",
    "LinkPerformance",
    "LinkReport",
    "Memory",
    "QonnectError",
    "Qubit",
    "RandomStreams",
    "Scheme",
    "Transducer",
    "__version__",
    "get_detector",
    "get_fiber",
    "get_memory",
    "get_qubit",
    "get_transducer",
    "plob_bound",
    "purify",
    "simulate_link",
    "swap",
]
