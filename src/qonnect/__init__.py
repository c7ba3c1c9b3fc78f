"""qonnect: simulate networked superconducting quantum computers end to end.

The curated public API; everything else is internal and may move.

Examples:
    >>> import qonnect
    >>> w = qonnect.BellDiagonal.werner(0.9)
    >>> round(qonnect.swap(w, w).fidelity, 6)
    0.813333
    >>> round(qonnect.plob_bound(0.5), 6)
    1.0
    >>> qonnect.Scenario.__name__
    'Scenario'
"""

import importlib
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from qonnect.api.run import RunResult, run_scenario
    from qonnect.api.scenario import Scenario, load_scenario
    from qonnect.network import NetworkSimulation, NetworkSpec

# The heavier layers (network simulation, scenarios, circuits) load on first use, so that
# `import qonnect` stays light.
_LAZY = {
    "NetworkSimulation": "qonnect.network",
    "NetworkSpec": "qonnect.network",
    "Scenario": "qonnect.api.scenario",
    "load_scenario": "qonnect.api.scenario",
    "run_scenario": "qonnect.api.run",
    "RunResult": "qonnect.api.run",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'qonnect' has no attribute {name!r}")


__all__ = [
    "BellDiagonal",
    "Detector",
    "Fiber",
    "HeraldedLink",
    "LinkPerformance",
    "LinkReport",
    "Memory",
    "NetworkSimulation",
    "NetworkSpec",
    "QonnectError",
    "Qubit",
    "RandomStreams",
    "RunResult",
    "Scenario",
    "Scheme",
    "Transducer",
    "__version__",
    "get_detector",
    "get_fiber",
    "get_memory",
    "get_qubit",
    "get_transducer",
    "load_scenario",
    "plob_bound",
    "purify",
    "run_scenario",
    "simulate_link",
    "swap",
]
