"""Distribution: validity checker, cost accounting, round trip, per-QPU circuits, references."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import QFTGate

from qonnect.dqc.circuits import BELL_PAIR_GATE, to_qasm3
from qonnect.dqc.distribute import distribute
from qonnect.dqc.distribution import Distribution
from qonnect.dqc.model import CircuitModel, Op
from qonnect.dqc.protocol import BellStep, Protocol
from qonnect.dqc.target import Target


def _ghz(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.h(0)
    for i in range(n - 1):
        qc.cx(i, i + 1)
    return qc


@pytest.mark.parametrize("k", [2, 3, 4])
def test_ghz_over_k_qpus_needs_k_minus_1_pairs(k: int) -> None:
    r = distribute(_ghz(3 * k), Target.all_to_all(k, 3))
    assert r.distribution.cost().ebits == k - 1
    assert r.baseline_ebits == k - 1
    assert r.verified is True


def test_qft_reference_point_over_two_qpus() -> None:
    # Published best: n/2 - 1 pairs for QFT(n) over 2 QPUs of capacity n/2 + 1; we only
    # require never to be worse than one pair per non-local gate on the same split.
    n = 8
    qc = QuantumCircuit(n)
    qc.append(QFTGate(n), range(n))
    r = distribute(qc, Target.all_to_all(2, n // 2 + 1))
    ebits = r.distribution.cost().ebits
    assert n // 2 - 1 <= ebits <= min(r.baseline_ebits, r.graph_partition_ebits)
    assert r.verified is True


def test_cost_is_consistent_with_the_program() -> None:
    qc = QuantumCircuit(6)
    qc.h(range(6))
    qc.append(QFTGate(6), range(6))
    d = distribute(qc, Target.all_to_all(3, 2, 1), verify=False).distribution
    c = d.cost()
    bells = [s for s in d.program.steps if isinstance(s, BellStep)]
    assert c.ebits == len(bells) == len(d.program.pairs) == sum(c.per_pair.values())
    assert [u.pair_id for u in d.program.pairs] == list(range(c.ebits))
    for u in d.program.pairs:  # the copied qubit is the side the program reports using
        assert all(d.program.served_by[g] == u.qubit for g in u.gate_indices)
    served = Counter(g for u in d.program.pairs for g in u.gate_indices)
    # every non-local gate is executed with exactly one copy
    assert set(served) == {i for i, s in enumerate(d.served_by) if s >= 0}
    assert all(v == 1 for v in served.values())
    for u in d.program.pairs:
        st = d.program.steps[u.step_index]
        assert isinstance(st, BellStep) and st.pair_id == u.pair_id
        assert (st.a.qpu, st.b.qpu) == u.qpus


def test_round_trip_through_json() -> None:
    d = distribute(_ghz(6), Target((3, 3, 2), (2, 2, 2)), verify=False).distribution
    again = Distribution.from_dict(json.loads(json.dumps(d.to_dict())))
    assert again == d and again.cost() == d.cost()


def test_is_valid_catches_broken_decisions() -> None:
    m = CircuitModel.from_ops(3, [Op("cz", (0, 1)), Op("cz", (1, 2))])
    t = Target.all_to_all(2, 2)
    assert Distribution(m, t, (0, 1, 1), (0, -1)).is_valid()
    over = Distribution(m, Target.all_to_all(2, 1), (0, 1, 1), (0, -1))
    assert any("capacity 1" in p for p in over.problems())
    unserved = Distribution(m, t, (0, 1, 1), (-1, -1))
    assert any("non-local op 0" in p for p in unserved.problems())
    wrong_local = Distribution(m, t, (0, 1, 1), (0, 2))
    assert any("local op 1" in p for p in wrong_local.problems())
    with pytest.raises(ValueError, match="placement: length"):
        Distribution(m, t, (0, 1), (0, -1))


def test_per_qpu_circuits_name_each_pair_on_both_ends() -> None:
    qc = QuantumCircuit(6)
    qc.h(range(6))
    qc.append(QFTGate(6), range(6))
    d = distribute(qc, Target.all_to_all(3, 2, 2), verify=False).distribution
    subs = d.qpu_circuits()
    seen: Counter[int] = Counter()
    for k, sub in enumerate(subs):
        for inst in sub.data:
            if inst.operation.name == BELL_PAIR_GATE:
                seen[int(inst.operation.params[0])] += 1
        assert sorted(sub.metadata["bell_pairs"]) == sorted(
            u.pair_id for u in d.program.pairs if k in u.qpus
        )
        text = to_qasm3(sub)
        assert text.startswith("OPENQASM 3") and ("if (" in text) == bool(
            sub.metadata["receives"] or "if (" in text
        )
    assert set(seen.values()) == {2} and len(seen) == d.cost().ebits
    # every received bit is sent by the QPU that measured it
    for k, sub in enumerate(subs):
        for rx, src in sub.metadata["receives"].items():
            assert k in subs[src].metadata["sends"]["m" + rx[2:]]


def test_teleport_pairs_are_labelled() -> None:
    from qonnect.dqc.move import Move

    m = CircuitModel.from_ops(
        3, [Op("cx", (0, 1)), Op("cx", (1, 2)), Op("h", (1,)), Op("cz", (1, 2)), Op("cx", (0, 1))]
    )
    d = Distribution(m, Target.all_to_all(2, 2), (0, 0, 1), (-1,) * 5, (Move(1, 1, 1, 3),))
    assert [u.protocol for u in d.program.pairs] == [Protocol.TELEPORT, Protocol.TELEPORT]
    assert d.program.pairs[0].qpus == (0, 1) and d.program.pairs[1].qpus == (1, 0)
