"""Shared hypothesis strategies and helpers for the dqc tests (random circuits, targets)."""

from __future__ import annotations

from hypothesis import strategies as st
from qiskit import QuantumCircuit

from qonnect.dqc.target import Target

ONE_Q = ("h", "x", "rx", "ry", "rz", "s", "t", "sx", "y")
TWO_Q = ("cx", "cz", "cp", "crz", "rzz", "swap", "cy")
THREE_Q = ("ccx",)


@st.composite
def circuits(
    draw: st.DrawFn, min_qubits: int = 2, max_qubits: int = 7, max_gates: int = 30
) -> QuantumCircuit:
    """Random circuits over 1-, 2- and 3-qubit gates (angles in [0, 2 pi))."""
    n = draw(st.integers(min_qubits, max_qubits))
    qc = QuantumCircuit(n)
    for _ in range(draw(st.integers(1, max_gates))):
        kinds = [ONE_Q, TWO_Q] + ([THREE_Q] if n >= 3 else [])
        names = draw(st.sampled_from(kinds))
        name = draw(st.sampled_from(names))
        arity = 1 if names is ONE_Q else 2 if names is TWO_Q else 3
        qubits = draw(st.permutations(range(n)))[:arity]
        angle = draw(st.floats(0.0, 6.28, allow_nan=False))
        if name in ("rx", "ry", "rz", "cp", "crz", "rzz"):
            getattr(qc, name)(angle, *qubits)
        else:
            getattr(qc, name)(*qubits)
    return qc


@st.composite
def targets(draw: st.DrawFn, num_qubits: int, sparse: bool = False) -> Target:
    """K in 2..4 QPUs with random capacities that fit `num_qubits`; a line graph if sparse."""
    k = draw(st.integers(2, 4 if sparse else 3))
    caps = [draw(st.integers(1, num_qubits)) for _ in range(k)]
    while sum(caps) < num_qubits:
        caps[draw(st.integers(0, k - 1))] += 1
    comm_min = 2 if sparse else 1
    comm = [draw(st.integers(comm_min, 3)) for _ in range(k)]
    edges = tuple((i, i + 1, 1.0) for i in range(k - 1)) if sparse else None
    return Target(tuple(caps), tuple(comm), edges)
