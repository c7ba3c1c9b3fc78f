"""Error-corrected memories split over modules (stim, pymatching, sinter)."""

from qonnect.qec.budget import (
    LinkBudget,
    hardware_link_budget,
    link_budget,
    modes_needed,
    required_pair_rate_hz,
)
from qonnect.qec.estimate import (
    LogicalErrorEstimate,
    SamplingBudget,
    estimate,
    estimate_many,
    per_round_error_rate,
    wilson_interval,
)
from qonnect.qec.layout import ModuleLayout
from qonnect.qec.memory import Basis, CrossingGate, MemoryExperiment, crossing_gates
from qonnect.qec.noise import NoiseModel, idle_pauli_channel
from qonnect.qec.plot import plot_sweep
from qonnect.qec.seam import (
    DepolarizingSeam,
    SeamModel,
    TelegateSeam,
    TwoQubitGate,
    crossing_gate_noise,
    telegate_pauli_channel,
)
from qonnect.qec.threshold import (
    Crossing,
    SweepParameter,
    SweepPoint,
    ThresholdSweep,
    find_crossings,
    run_sweep,
    sweep_experiment,
)

__all__ = [
    "Basis",
    "Crossing",
    "CrossingGate",
    "DepolarizingSeam",
    "LinkBudget",
    "LogicalErrorEstimate",
    "MemoryExperiment",
    "ModuleLayout",
    "NoiseModel",
    "SamplingBudget",
    "SeamModel",
    "SweepParameter",
    "SweepPoint",
    "TelegateSeam",
    "ThresholdSweep",
    "TwoQubitGate",
    "crossing_gate_noise",
    "crossing_gates",
    "estimate",
    "estimate_many",
    "find_crossings",
    "hardware_link_budget",
    "idle_pauli_channel",
    "link_budget",
    "modes_needed",
    "per_round_error_rate",
    "plot_sweep",
    "required_pair_rate_hz",
    "run_sweep",
    "sweep_experiment",
    "telegate_pauli_channel",
    "wilson_interval",
]
