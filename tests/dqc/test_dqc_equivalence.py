"""The distributed program computes the original circuit's state (qiskit-aer, feed-forward).

Each check simulates the combined circuit for a few measurement branches and requires the
overlap with the original state to be 1 within 1e-8 (`FIDELITY_TOLERANCE`): float error in
statevector simulation is ~1e-15 per gate, while a wrong or missing correction in the branch
taken leaves an overlap <= 1/2 (`test_the_check_can_fail` shows it does fail).
"""

from __future__ import annotations

import dataclasses

import pytest
from dqc_strategies import circuits, targets
from hypothesis import given, settings
from hypothesis import strategies as st
from qiskit import QuantumCircuit
from qiskit.circuit.library import QFTGate

from qonnect.dqc.assignment import assign_gates, static_locator
from qonnect.dqc.distribute import distribute
from qonnect.dqc.distribution import Distribution
from qonnect.dqc.model import CircuitModel, Op
from qonnect.dqc.move import Move
from qonnect.dqc.protocol import CorrectStep
from qonnect.dqc.target import Target
from qonnect.dqc.verify import FIDELITY_TOLERANCE, branch_fidelities, is_equivalent

SEEDS = (0, 1, 2, 3)


def _ok(m: CircuitModel, d: Distribution) -> None:
    assert d.is_valid(), d.problems()
    fids = branch_fidelities(m, d.program, SEEDS)
    assert min(fids) >= 1.0 - FIDELITY_TOLERANCE, fids


@settings(max_examples=100)
@given(st.data())
def test_pipeline_is_equivalent_on_random_circuits(data: st.DataObject) -> None:
    qc = data.draw(circuits(min_qubits=3, max_qubits=8, max_gates=40))
    t = data.draw(targets(qc.num_qubits))
    report = distribute(qc, t, verify=False, local_search_evaluations=10)
    # against the original circuit: the pipeline may have reordered commuting gates
    _ok(CircuitModel.from_circuit(qc), report.distribution)


@settings(max_examples=100)
@given(st.data())
def test_random_placements_and_serving_sides_are_equivalent(data: st.DataObject) -> None:
    """Any valid decision (random placement, random serving side) lowers correctly."""
    qc = data.draw(circuits(min_qubits=2, max_qubits=6, max_gates=25))
    sparse = data.draw(st.booleans())
    t = data.draw(targets(qc.num_qubits, sparse=sparse))
    m = CircuitModel.from_circuit(qc)
    slots = [k for k, c in enumerate(t.capacities) for _ in range(c)]
    order = data.draw(st.permutations(slots))
    placement = tuple(order[: m.num_qubits])
    served = []
    for i, op in enumerate(m.ops):
        a = op.qubits[0]
        if len(op.qubits) == 2 and placement[a] != placement[op.qubits[1]]:
            served.append(op.qubits[data.draw(st.integers(0, 1), label=f"side{i}")])
        else:
            served.append(-1)
    _ok(m, Distribution(m, t, placement, tuple(served)))


def test_qft_on_a_sparse_line_uses_steiner_trees() -> None:
    qc = QuantumCircuit(8)
    qc.h(range(8))
    qc.append(QFTGate(8), range(8))
    t = Target((2, 2, 2, 2), (2, 2, 2, 2), edges=((0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)))
    report = distribute(qc, t, verify=False)
    d = report.distribution
    assert set(d.cost().per_pair) <= {(0, 1), (1, 2), (2, 3)}  # only adjacent pairs
    _ok(d.model, d)


def test_one_comm_qubit_forces_evictions_and_stays_equivalent() -> None:
    qc = QuantumCircuit(6)
    qc.h(range(6))
    qc.append(QFTGate(6), range(6))
    report = distribute(qc, Target.all_to_all(3, 2, comm_qubits=1), verify=False)
    d = report.distribution
    assert d.cost().evictions > 0
    assert max(d.program.comm_slots) <= 1
    _ok(d.model, d)


def _teleport_case() -> tuple[CircuitModel, Target, tuple[int, ...]]:
    ops = [Op("h", (1,)), Op("cx", (0, 1))]
    for _ in range(3):
        ops += [
            Op("cx", (0, 2)),
            Op("cx", (2, 0)),
            Op("ry", (0,), (0.3,)),
            Op("cx", (3, 0)),
            Op("h", (2,)),
            Op("cx", (0, 3)),
        ]
    ops.append(Op("cx", (1, 0)))
    return CircuitModel.from_ops(4, ops), Target.all_to_all(2, 2, 2), (0, 0, 1, 1)


def test_teleporting_a_busy_qubit_is_cheaper_and_equivalent() -> None:
    from qonnect.dqc.distribute import _moves_locator
    from qonnect.dqc.refine import choose_moves

    m, t, place = _teleport_case()
    served = assign_gates(m, 2, static_locator(place))
    telegate_only = Distribution(m, t, place, served)
    moves = choose_moves(m, t, place, served)
    assert moves and all(mv.qubit == 0 and mv.qpu == 1 for mv in moves)
    with_moves = Distribution(m, t, place, assign_gates(m, 2, _moves_locator(place, moves)), moves)
    assert with_moves.cost().teleports == 2
    assert with_moves.cost().ebits < telegate_only.cost().ebits
    _ok(m, telegate_only)
    _ok(m, with_moves)


def test_a_qubit_that_stays_after_teleporting_is_found_at_its_new_home() -> None:
    m = CircuitModel.from_ops(
        3,
        [
            Op("h", (0,)),
            Op("cx", (0, 1)),
            Op("cx", (1, 2)),
            Op("rx", (1,), (0.4,)),
            Op("cz", (1, 2)),
        ],
    )
    t = Target.all_to_all(2, 2, 2)
    place = (0, 0, 1)
    move = Move(qubit=1, qpu=1, first_op=2, last_op=4)  # to the end: no return trip
    d = Distribution(m, t, place, (-1,) * 5, (move,))
    assert d.cost().ebits == 1 and d.program.final[1].qpu == 1
    _ok(m, d)


def test_the_check_can_fail() -> None:
    qc = QuantumCircuit(4)
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(0, 2)
    qc.cx(0, 3)
    qc.rx(0.7, 2)
    d = distribute(qc, Target.all_to_all(2, 2), verify=False).distribution
    prog = d.program
    fixes = [i for i, s in enumerate(prog.steps) if isinstance(s, CorrectStep)]
    assert fixes
    broken_steps = tuple(s for i, s in enumerate(prog.steps) if i != fixes[0])
    broken = dataclasses.replace(prog, steps=broken_steps)
    fids = branch_fidelities(d.model, broken, tuple(range(8)))
    # the dropped correction fires on outcome 1, which one of 8 shots hits w.p. 1 - 2^-8
    assert min(fids) <= 0.5 + 1e-9
    assert is_equivalent(d.model, prog)


@pytest.mark.parametrize(
    ("name", "n", "k"),
    [
        ("qft", 8, 2),
        ("qaoa", 8, 3),
        ("randomcircuit", 7, 3),
        ("grover", 5, 2),
        ("wstate", 9, 3),
        ("qpeexact", 8, 4),
        ("ghz", 12, 4),
        ("ae", 6, 2),
        ("qft", 12, 3),
        ("randomcircuit", 10, 2),
        ("qaoa", 12, 4),
    ],
)
def test_mqt_bench_circuits_are_equivalent(name: str, n: int, k: int) -> None:
    from mqt.bench import BenchmarkLevel, get_benchmark

    qc = get_benchmark(name, BenchmarkLevel.INDEP, n)
    t = Target.all_to_all(k, -(-qc.num_qubits // k), 2)
    report = distribute(qc, t, verify=False)
    d = report.distribution
    assert d.cost().ebits <= max(report.graph_partition_ebits, 1) + d.cost().evictions
    _ok(CircuitModel.from_circuit(qc), d)


def test_sparse_star_with_evictions_is_equivalent() -> None:
    import networkx as nx
    from mqt.bench import BenchmarkLevel, get_benchmark

    qc = get_benchmark("qaoa", BenchmarkLevel.INDEP, 10)
    t = Target.from_graph(nx.star_graph(3), capacity=3, comm_qubits=2)
    d = distribute(qc, t, verify=False).distribution
    assert d.cost().evictions > 0  # relays and copies compete for two comm qubits
    assert set(d.cost().per_pair) <= {(0, 1), (0, 2), (0, 3)}
    _ok(CircuitModel.from_circuit(qc), d)


@settings(max_examples=60)
@given(st.data())
def test_pipeline_on_sparse_graphs_is_equivalent(data: st.DataObject) -> None:
    qc = data.draw(circuits(min_qubits=3, max_qubits=7, max_gates=40))
    t = data.draw(targets(qc.num_qubits, sparse=True))
    report = distribute(qc, t, verify=False, local_search_evaluations=10)
    _ok(CircuitModel.from_circuit(qc), report.distribution)
