"""Placements, exact gate service (König), baselines and local search."""

from __future__ import annotations

import itertools
from collections import Counter

from dqc_strategies import circuits
from hypothesis import given, settings
from hypothesis import strategies as st
from qiskit import QuantumCircuit

from qonnect.dqc.assignment import (
    assign_gates,
    estimate_ebits,
    packet_openings,
    per_gate_ebits,
    static_locator,
)
from qonnect.dqc.model import CircuitModel, Op
from qonnect.dqc.partition import (
    graph_partition_placement,
    hypergraph_placement,
    naive_placement,
)
from qonnect.dqc.refine import local_search, placement_cost
from qonnect.dqc.target import Target


def _brute_force_min_openings(m: CircuitModel, placement: tuple[int, ...]) -> int:
    """Minimum number of (packet, QPU) openings over every choice of serving side."""
    nonlocal_ops = [
        i
        for i, gp in enumerate(m.gate_packets)
        if gp is not None and placement[m.ops[i].qubits[0]] != placement[m.ops[i].qubits[1]]
    ]
    best = len(nonlocal_ops)
    for choice in itertools.product((0, 1), repeat=len(nonlocal_ops)):
        served = [-1] * len(m.ops)
        for i, c in zip(nonlocal_ops, choice, strict=True):
            served[i] = m.ops[i].qubits[c]
        opened = packet_openings(m, served, static_locator(placement))
        best = min(best, sum(len(v) for v in opened.values()))
    return best


@settings(max_examples=40)
@given(circuits(min_qubits=3, max_qubits=5, max_gates=10), st.integers(2, 3), st.data())
def test_koenig_assignment_is_optimal(qc: QuantumCircuit, k: int, data: st.DataObject) -> None:
    m = CircuitModel.from_circuit(qc)
    placement = tuple(
        data.draw(st.lists(st.integers(0, k - 1), min_size=m.num_qubits, max_size=m.num_qubits))
    )
    nonlocal_count = sum(
        1
        for op in m.ops
        if len(op.qubits) == 2 and placement[op.qubits[0]] != placement[op.qubits[1]]
    )
    if nonlocal_count > 12:
        return  # brute force is 2^n; the strategy rarely goes here
    served = assign_gates(m, k, static_locator(placement))
    opened = packet_openings(m, served, static_locator(placement))
    assert sum(len(v) for v in opened.values()) == _brute_force_min_openings(m, placement)
    ebits, _ = estimate_ebits(
        m, Target.all_to_all(k, m.num_qubits), served, static_locator(placement)
    )
    assert ebits == sum(len(v) for v in opened.values())  # all-to-all: one pair per opening


@settings(max_examples=30)
@given(circuits(min_qubits=2, max_qubits=8, max_gates=40), st.integers(2, 4), st.data())
def test_placements_respect_capacity(qc: QuantumCircuit, k: int, data: st.DataObject) -> None:
    m = CircuitModel.from_circuit(qc)
    caps = tuple(data.draw(st.integers(1, m.num_qubits)) for _ in range(k))
    if sum(caps) < m.num_qubits:
        caps = (caps[0] + m.num_qubits - sum(caps), *caps[1:])
    t = Target(caps, (2,) * k)
    for place in (
        naive_placement(m.num_qubits, t),
        graph_partition_placement(m, t),
        hypergraph_placement(m, t),
        local_search(m, t, naive_placement(m.num_qubits, t), max_evaluations=20),
    ):
        load = Counter(place)
        assert all(load[j] <= caps[j] for j in range(k)) and len(place) == m.num_qubits


def test_hypergraph_placement_is_deterministic_per_seed() -> None:
    qc = QuantumCircuit(10)
    for r in range(3):
        for i in range(10):
            qc.cx(i, (i + 1 + (3 * r + i) % 9) % 10)
    m = CircuitModel.from_circuit(qc)
    t = Target.all_to_all(3, 4)
    assert hypergraph_placement(m, t, seed=5) == hypergraph_placement(m, t, seed=5)


def test_two_cliques_are_separated_by_every_partitioner() -> None:
    ops = [Op("cz", (a, b)) for a, b in itertools.combinations(range(4), 2)]
    ops += [Op("cz", (a, b)) for a, b in itertools.combinations(range(4, 8), 2)]
    ops.append(Op("cz", (0, 4)))
    m = CircuitModel.from_ops(8, [ops[i] for i in (1, 12, 3, 7, 0, 9, 2, 10, 4, 11, 5, 6, 8)])
    t = Target.all_to_all(2, 4)
    for place in (graph_partition_placement(m, t), hypergraph_placement(m, t)):
        assert len({place[i] for i in range(4)}) == 1 and len({place[i] for i in range(4, 8)}) == 1
        assert place[0] != place[4]
    assert placement_cost(m, t, hypergraph_placement(m, t)) == 1.0


def test_per_gate_baseline_counts_hops() -> None:
    m = CircuitModel.from_ops(3, [Op("cz", (0, 2)), Op("cz", (0, 1)), Op("cz", (0, 2))])
    line = Target((1, 1, 1), (2, 2, 2), edges=((0, 1, 1.0), (1, 2, 1.0)))
    assert per_gate_ebits(m, line, (0, 1, 2)) == 2 + 1 + 2


def test_local_search_never_worsens() -> None:
    qc = QuantumCircuit(8)
    for i in range(8):
        qc.cx(i, (i + 3) % 8)
        qc.h(i)
        qc.cz(i, (i + 5) % 8)
    m = CircuitModel.from_circuit(qc)
    t = Target.all_to_all(2, 4)
    start = naive_placement(8, t)
    improved = local_search(m, t, start, max_evaluations=60)
    assert placement_cost(m, t, improved) <= placement_cost(m, t, start)


def test_different_seeds_explore_different_placements() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    ops = []
    for _ in range(400):
        a, b = (int(x) for x in rng.choice(24, 2, replace=False))
        ops.append(Op("cz", (a, b)))
        ops.append(Op("h", (a,)))
    m = CircuitModel.from_ops(24, ops)
    t = Target.all_to_all(3, 8)
    placements = {hypergraph_placement(m, t, seed=s) for s in range(6)}
    assert len(placements) >= 2
    assert all(Counter(p)[k] <= 8 for p in placements for k in range(3))
