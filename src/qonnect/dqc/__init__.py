"""Distributed quantum circuits: partition a circuit over QPUs with few Bell pairs.

Pipeline: `to_native` -> `CircuitModel` (packets) -> placement (Mt-KaHyPar / METIS / naive)
-> `local_search` -> `assign_gates` (exact, König) -> `choose_moves` (teledata) ->
`build_program` (cat-entangler trees) -> `Distribution` (cost, circuits, checks).
"""

from qonnect.dqc.circuit_io import load_circuit, parse_qasm
from qonnect.dqc.circuits import combined_circuit, qpu_circuits, to_qasm3
from qonnect.dqc.distribute import DistributionReport, distribute
from qonnect.dqc.distribution import Cost, Distribution
from qonnect.dqc.model import CircuitModel, Op, Packet
from qonnect.dqc.move import Move
from qonnect.dqc.native import Axis, to_native
from qonnect.dqc.program import Program, build_program
from qonnect.dqc.protocol import BellPairUse, Protocol
from qonnect.dqc.target import Target
from qonnect.dqc.verify import branch_fidelities, is_equivalent

__all__ = [
    "Axis",
    "BellPairUse",
    "CircuitModel",
    "Cost",
    "Distribution",
    "DistributionReport",
    "Move",
    "Op",
    "Packet",
    "Program",
    "Protocol",
    "Target",
    "branch_fidelities",
    "build_program",
    "combined_circuit",
    "distribute",
    "is_equivalent",
    "load_circuit",
    "parse_qasm",
    "qpu_circuits",
    "to_native",
    "to_qasm3",
]
