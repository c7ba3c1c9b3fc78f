"""Native rewrite, packets and circuit loading."""

from __future__ import annotations

from pathlib import Path

import pytest
from dqc_strategies import circuits
from hypothesis import given, settings
from qiskit import QuantumCircuit
from qiskit.circuit import Gate, Parameter
from qiskit.quantum_info import Operator

from qonnect.core.errors import CircuitError
from qonnect.dqc.circuit_io import load_circuit, parse_qasm
from qonnect.dqc.model import CircuitModel, Op
from qonnect.dqc.native import BASIS_GATES, NATIVE_1Q, NATIVE_2Q, to_native

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "circuits"


@settings(max_examples=40)
@given(circuits(max_qubits=5, max_gates=15))
def test_native_rewrite_is_the_same_unitary(qc: QuantumCircuit) -> None:
    native = to_native(qc)
    assert set(native.count_ops()) <= set(BASIS_GATES)
    assert Operator(native).equiv(Operator(qc))


@settings(max_examples=60)
@given(circuits(max_qubits=6, max_gates=40))
def test_packets_partition_the_gates_and_respect_their_axis(qc: QuantumCircuit) -> None:
    m = CircuitModel.from_circuit(qc)
    seen: dict[tuple[int, int], int] = {}
    for p in m.packets:
        assert list(p.gates) == sorted(p.gates)
        for g in p.gates:
            op = m.ops[g]
            side = op.qubits.index(p.qubit)
            # every gate is diagonal in the packet's axis on the packet's qubit
            assert NATIVE_2Q[op.name][side] is p.axis
            assert (g, p.qubit) not in seen
            seen[(g, p.qubit)] = p.index
        # no op on the qubit between first and last gate leaves the axis
        for i in range(p.first_op, p.last_op + 1):
            op = m.ops[i]
            if p.qubit in op.qubits:
                if len(op.qubits) == 1:
                    assert NATIVE_1Q[op.name] is p.axis
                else:
                    assert i in p.gates
    two_q = [i for i, op in enumerate(m.ops) if len(op.qubits) == 2]
    assert len(seen) == 2 * len(two_q)  # each 2q gate is in exactly one packet per qubit
    for i in two_q:
        a, b = m.ops[i].qubits
        assert m.gate_packets[i] == (seen[(i, a)], seen[(i, b)])


def test_packet_run_is_broken_by_a_hadamard_but_not_by_rz() -> None:
    ops = [
        Op("cz", (0, 1)),
        Op("rz", (0,), (0.3,)),
        Op("cp", (0, 2), (0.2,)),
        Op("h", (0,)),
        Op("cz", (0, 1)),
    ]
    m = CircuitModel.from_ops(3, ops)
    packets_of_0 = [p.gates for p in m.packets if p.qubit == 0]
    assert packets_of_0 == [(0, 2), (4,)]


def test_cx_targets_form_x_packets() -> None:
    ops = [Op("cx", (1, 0)), Op("rx", (0,), (0.5,)), Op("cx", (2, 0))]
    m = CircuitModel.from_ops(3, ops)
    (p0,) = [p for p in m.packets if p.qubit == 0]
    assert p0.axis.name == "X" and p0.gates == (0, 2)


def test_model_round_trip() -> None:
    m = CircuitModel.from_circuit(load_circuit(EXAMPLES / "toffoli_7.qasm"))
    assert CircuitModel.from_dict(m.to_dict()) == m
    assert Operator(m.to_circuit()).equiv(
        Operator(to_native(load_circuit(EXAMPLES / "toffoli_7.qasm")))
    )


def test_examples_load() -> None:
    for f in sorted(EXAMPLES.glob("*.qasm")):
        assert load_circuit(f).num_qubits >= 6


def test_unsupported_gate_is_named() -> None:
    qc = QuantumCircuit(2)
    qc.append(Gate("mystery", 2, []), [0, 1])
    with pytest.raises(CircuitError, match="unsupported gate 'mystery'"):
        to_native(qc)


def test_mid_circuit_measurement_and_parameters_are_rejected() -> None:
    qc = QuantumCircuit(2, 1)
    qc.measure(0, 0)
    qc.cx(0, 1)
    with pytest.raises(CircuitError, match="mid-circuit 'measure'"):
        to_native(qc)
    qp = QuantumCircuit(1)
    qp.rz(Parameter("theta"), 0)
    with pytest.raises(CircuitError, match="unbound parameters"):
        to_native(qp)


def test_final_measurements_are_dropped() -> None:
    qc = QuantumCircuit(2, 2)
    qc.h(0)
    qc.cx(0, 1)
    qc.measure([0, 1], [0, 1])
    assert "measure" not in to_native(qc).count_ops()


def test_unparsable_qasm_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CircuitError, match="cannot parse OpenQASM 2"):
        parse_qasm("OPENQASM 2.0; qreg q[2]; cx q[0] q[1]", source="bad")
    with pytest.raises(CircuitError, match="cannot read"):
        load_circuit(tmp_path / "nope.qasm")


def test_leading_resets_are_dropped_but_later_ones_rejected() -> None:
    qc = QuantumCircuit(2)
    qc.barrier()
    qc.reset(0)
    qc.h(0)
    qc.reset(1)
    qc.cx(0, 1)
    native = to_native(qc)
    assert "reset" not in native.count_ops()
    expected = QuantumCircuit(2)
    expected.h(0)
    expected.cx(0, 1)
    assert Operator(native).equiv(Operator(expected))
    qc.reset(0)
    qc.cx(0, 1)
    with pytest.raises(CircuitError, match="mid-circuit 'reset'"):
        to_native(qc)
