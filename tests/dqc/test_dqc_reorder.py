"""Commutation-aware reordering keeps the unitary and the packets, and shortens copies."""

from __future__ import annotations

from dqc_strategies import circuits
from hypothesis import given, settings
from hypothesis import strategies as st
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qonnect.dqc.assignment import assign_gates, static_locator
from qonnect.dqc.distribution import Distribution
from qonnect.dqc.model import CircuitModel
from qonnect.dqc.reorder import commuting_order, reorder_model
from qonnect.dqc.target import Target


@settings(max_examples=60)
@given(circuits(min_qubits=2, max_qubits=5, max_gates=30), st.integers(2, 3), st.data())
def test_reordering_keeps_the_unitary_and_the_packets(
    qc: QuantumCircuit, k: int, data: st.DataObject
) -> None:
    m = CircuitModel.from_circuit(qc)
    placement = tuple(
        data.draw(st.lists(st.integers(0, k - 1), min_size=m.num_qubits, max_size=m.num_qubits))
    )
    served = assign_gates(m, k, static_locator(placement))
    order = commuting_order(m, placement, served)
    assert sorted(order) == list(range(len(m.ops)))
    m2, served2 = reorder_model(m, order, served)
    assert Operator(m2.to_circuit()).equiv(Operator(m.to_circuit()))
    # the packets are the same sets of gates (as original op indices)
    before = sorted((p.qubit, tuple(sorted(p.gates))) for p in m.packets)
    after = sorted((p.qubit, tuple(sorted(order[g] for g in p.gates))) for p in m2.packets)
    assert before == after
    assert all(served2[j] == served[i] for j, i in enumerate(order))


def test_layer_of_commuting_gates_needs_one_comm_qubit_after_reordering() -> None:
    # qubits 0-3 on QPU 0, 4-7 on QPU 1; each of 0..3 talks to all of 4..7 in one commuting
    # layer, interleaved so that in the original order all four copies are alive at once.
    qc = QuantumCircuit(8)
    for b in range(4, 8):
        for a in range(4):
            qc.rzz(0.1 * (a + b), a, b)
    m = CircuitModel.from_circuit(qc)
    t = Target.all_to_all(2, 4, comm_qubits=1)
    placement = (0, 0, 0, 0, 1, 1, 1, 1)
    served = tuple(op.qubits[0] for op in m.ops)  # serve every gate with a copy of 0..3
    plain = Distribution(m, t, placement, served)
    m2, served2 = reorder_model(m, commuting_order(m, placement, served), served)
    grouped = Distribution(m2, t, placement, served2)
    assert grouped.cost().ebits == 4 and grouped.cost().evictions == 0
    assert plain.cost().ebits > 4  # interleaved copies thrash one comm qubit
