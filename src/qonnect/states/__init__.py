"""Entangled pair states: the Bell-diagonal fast path and the density-matrix exact path."""

from qonnect.states.bell_diagonal import BELL_NAMES, BELL_VECTORS, BellDiagonal
from qonnect.states.circuits import (
    RemoteGate,
    purify_exact,
    swap_exact,
    telegate_choi_exact,
    telegate_process_fidelity_exact,
    teleport_choi_exact,
)
from qonnect.states.decay import (
    correlations,
    decay_dephasing,
    decay_depolarizing,
    decay_t1t2,
    from_correlations,
    t1t2_pauli_channel,
)
from qonnect.states.operations import (
    Protocol,
    apply_pauli_channel,
    depolarize,
    pump,
    purify,
    purify_until,
    swap,
)
from qonnect.states.storage import store, stored_fidelity, stored_fidelity_terms
from qonnect.states.teleport import (
    telegate_average_fidelity,
    telegate_error_channel,
    telegate_process_fidelity,
    teleportation_average_fidelity,
    teleportation_channel,
    teleportation_process_fidelity,
)

__all__ = [
    "BELL_NAMES",
    "BELL_VECTORS",
    "BellDiagonal",
    "Protocol",
    "RemoteGate",
    "apply_pauli_channel",
    "correlations",
    "decay_dephasing",
    "decay_depolarizing",
    "decay_t1t2",
    "depolarize",
    "from_correlations",
    "pump",
    "purify",
    "purify_exact",
    "purify_until",
    "store",
    "stored_fidelity",
    "stored_fidelity_terms",
    "swap",
    "swap_exact",
    "t1t2_pauli_channel",
    "telegate_average_fidelity",
    "telegate_choi_exact",
    "telegate_error_channel",
    "telegate_process_fidelity",
    "telegate_process_fidelity_exact",
    "teleport_choi_exact",
    "teleportation_average_fidelity",
    "teleportation_channel",
    "teleportation_process_fidelity",
]
