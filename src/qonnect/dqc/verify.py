"""Check that a distributed program computes the same state as the original circuit.

The combined circuit (ideal Bell pairs, mid-circuit measurement, feed-forward) is simulated
with qiskit-aer, one shot per branch seed. Every measured communication qubit is reset, so
for every measurement record the final state must be |psi> on the qubits' final slots and
|0> on every other slot, where |psi> is the original circuit's state. The check returns the
overlap |<psi (x) 0|phi>|^2, which is 1 up to floating-point error (~1e-12 per gate) when the
protocol is right and drops to <= 1/2 for a wrong or missing correction in the branch taken.
"""

from __future__ import annotations

import numpy as np
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector
from qiskit_aer import AerSimulator

from qonnect.dqc.circuits import combined_circuit, qubit_index
from qonnect.dqc.model import CircuitModel
from qonnect.dqc.program import Program

MAX_VERIFY_QUBITS = 24
"""Largest combined circuit (data + communication qubits) `branch_fidelities` simulates."""

FIDELITY_TOLERANCE = 1e-8
"""A branch passes when 1 - overlap <= this; float error is orders of magnitude smaller."""


def combined_width(program: Program) -> int:
    """Number of qubits in the combined circuit."""
    return sum(program.data_slots) + sum(program.comm_slots)


def branch_fidelities(
    model: CircuitModel, program: Program, seeds: tuple[int, ...] = (0, 1, 2)
) -> list[float]:
    """Overlap with the ideal output for the measurement branch drawn with each seed.

    Raises:
        ValueError: the combined circuit is wider than `MAX_VERIFY_QUBITS`.
    """
    width = combined_width(program)
    if width > MAX_VERIFY_QUBITS:
        raise ValueError(f"verify: combined circuit has {width} > {MAX_VERIFY_QUBITS} qubits")
    psi = Statevector(model.to_circuit()).data
    n = model.num_qubits
    qc: QuantumCircuit = combined_circuit(program)
    qc.save_statevector()
    sim = AerSimulator(method="statevector")
    final = [qubit_index(program, s) for s in program.final]
    out = []
    for seed in seeds:
        result = sim.run(qc, shots=1, seed_simulator=seed).result()
        phi = np.asarray(result.get_statevector(qc).data)
        # Tensor axes are in reverse qubit order (little-endian); select |0> on the rest.
        tensor = phi.reshape((2,) * width)
        index: list[int | slice] = [0] * width
        for pos in final:
            index[width - 1 - pos] = slice(None)
        sub = tensor[tuple(index)]
        # Remaining axes are the final slots in decreasing qubit-index order; reorder them to
        # logical qubits n-1 .. 0 so the flattening matches Statevector's ordering.
        kept = sorted(final, reverse=True)
        axes = [kept.index(final[q]) for q in reversed(range(n))]
        vec = np.transpose(sub, axes).reshape(-1)
        out.append(float(abs(np.vdot(psi, vec)) ** 2))
    return out


def is_equivalent(
    model: CircuitModel, program: Program, seeds: tuple[int, ...] = (0, 1, 2)
) -> bool:
    """True when every sampled branch reproduces the original state (within the tolerance)."""
    return all(1.0 - f <= FIDELITY_TOLERANCE for f in branch_fidelities(model, program, seeds))
