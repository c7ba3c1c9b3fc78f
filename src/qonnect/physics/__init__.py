"""Frozen, validated physical parameters, pure formulas and named presets."""

from qonnect.physics.bounds import (
    equally_spaced_chain_bound,
    plob_bound,
    repeater_chain_bound,
    tgw_bound,
)
from qonnect.physics.capacity import (
    entropy_h,
    practical_transducer_capacity,
    pure_loss_one_way_capacity,
    reverse_coherent_information,
    thermal_loss_one_way_lower,
    thermal_loss_plob_upper,
)
from qonnect.physics.detector import Detector
from qonnect.physics.fiber import Fiber
from qonnect.physics.heating import PumpHeating
from qonnect.physics.memory import Memory
from qonnect.physics.noise import (
    average_gate_fidelity,
    depolarizing_from_rb,
    entanglement_fidelity,
    rb_error_from_depolarizing,
)
from qonnect.physics.optics import (
    SMF28_GROUP_INDEX,
    SMF28_LOSS_DB_PER_KM,
    dark_count_probability,
    false_click_probability,
    fiber_delay_s,
    fiber_transmissivity,
    group_velocity_m_per_s,
    noise_photons_at_detector,
)
from qonnect.physics.presets import (
    DETECTORS,
    FIBERS,
    MEMORIES,
    PRESETS,
    QUBITS,
    TRANSDUCERS,
    PhysicsValue,
    PresetKind,
    get_detector,
    get_fiber,
    get_memory,
    get_qubit,
    get_transducer,
)
from qonnect.physics.qubit import Qubit
from qonnect.physics.storage import (
    fidelity_after_storage_depolarizing,
    fidelity_after_storage_t1t2,
    fidelity_from_werner_parameter,
    werner_parameter_after_storage,
    werner_parameter_from_fidelity,
)
from qonnect.physics.transducer import Transducer
from qonnect.physics.transduction import (
    added_noise_from_thermal_occupation,
    series_thermal_loss,
    single_rail_average_fidelity,
    thermal_loss_vacuum_populations,
    thermal_occupation,
)

__all__ = [
    "DETECTORS",
    "FIBERS",
    "MEMORIES",
    "PRESETS",
    "QUBITS",
    "SMF28_GROUP_INDEX",
    "SMF28_LOSS_DB_PER_KM",
    "TRANSDUCERS",
    "Detector",
    "Fiber",
    "Memory",
    "PhysicsValue",
    "PresetKind",
    "PumpHeating",
    "Qubit",
    "Transducer",
    "added_noise_from_thermal_occupation",
    "average_gate_fidelity",
    "dark_count_probability",
    "depolarizing_from_rb",
    "entanglement_fidelity",
    "entropy_h",
    "equally_spaced_chain_bound",
    "false_click_probability",
    "fiber_delay_s",
    "fiber_transmissivity",
    "fidelity_after_storage_depolarizing",
    "fidelity_after_storage_t1t2",
    "fidelity_from_werner_parameter",
    "get_detector",
    "get_fiber",
    "get_memory",
    "get_qubit",
    "get_transducer",
    "group_velocity_m_per_s",
    "noise_photons_at_detector",
    "plob_bound",
    "practical_transducer_capacity",
    "pure_loss_one_way_capacity",
    "rb_error_from_depolarizing",
    "repeater_chain_bound",
    "reverse_coherent_information",
    "series_thermal_loss",
    "single_rail_average_fidelity",
    "tgw_bound",
    "thermal_loss_one_way_lower",
    "thermal_loss_plob_upper",
    "thermal_loss_vacuum_populations",
    "thermal_occupation",
    "werner_parameter_after_storage",
    "werner_parameter_from_fidelity",
]
