"""Noisy execution of distributed programs: the telegate against its closed form and the exact
density-matrix circuit, scheduling against the pair supply, and the one-QPU comparison."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit

from qonnect.dqc.distribute import distribute
from qonnect.dqc.execute import (
    deferrable,
    execute_monolithic,
    execute_program,
    noisy_circuit,
    run_noisy,
)
from qonnect.dqc.schedule import QPUTiming, schedule_program
from qonnect.dqc.supply import DeliveredSupply, LinkSupply
from qonnect.dqc.target import Target
from qonnect.link import LinkPerformance
from qonnect.physics import Memory, Qubit
from qonnect.states import BellDiagonal, telegate_process_fidelity_exact

IDEAL = Qubit(math.inf, math.inf, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, name="ideal")


def _choi_circuit(gate: str) -> QuantumCircuit:
    """References (0, 2) maximally entangled with control 1 and target 3, then the gate."""
    qc = QuantumCircuit(4)
    qc.h(0)
    qc.cx(0, 1)
    qc.h(2)
    qc.cx(2, 3)
    getattr(qc, gate)(1, 3)
    return qc


def _telegate_run(gate: str, pair: BellDiagonal, qubit: Qubit) -> float:
    report = distribute(_choi_circuit(gate), Target.all_to_all(2, capacity=2))
    dist = report.distribution
    assert dist.cost().ebits == 1 and report.verified
    supply = LinkSupply({(0, 1): LinkPerformance(1.0, 1e-9, pair)}, np.random.default_rng(0))
    timing = [QPUTiming.from_qubit(qubit)] * 2
    sched = schedule_program(dist.program, timing, supply)
    # the reference preparations (ops 0-3) are noiseless: the output fidelity is then the
    # process fidelity of the remote gate
    ex = execute_program(
        dist.model, dist.program, [qubit, qubit], sched, ideal_ops=frozenset(range(4))
    )
    assert ex.fidelity_stderr == 0.0  # exact density-matrix result
    return ex.fidelity


@pytest.mark.parametrize("gate", ["cx", "cz"])
@pytest.mark.parametrize("f", [1.0, 0.9, 0.75])
def test_telegate_process_fidelity_is_the_pair_fidelity(gate: str, f: float) -> None:
    assert _telegate_run(gate, BellDiagonal.werner(f), IDEAL) == pytest.approx(f, abs=1e-9)


def test_telegate_with_local_noise_matches_the_exact_circuit() -> None:
    r2, pm = 3e-3, 1e-2
    noisy = Qubit(math.inf, math.inf, 0.0, 0.0, r2, 0.0, pm, 0.0, name="noisy")
    pair = BellDiagonal.werner(0.93)
    expected = telegate_process_fidelity_exact(pair, "cx", p_2q=noisy.p_depolarizing_2q, p_meas=pm)
    assert _telegate_run("cx", pair, noisy) == pytest.approx(expected, abs=1e-9)


def _ghz(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.h(0)
    for i in range(n - 1):
        qc.cx(i, i + 1)
    return qc


def test_deferred_and_classical_feed_forward_agree() -> None:
    q = Qubit(3e-4, 3e-4, 2e-4, 3.2e-8, 1.5e-3, 8.8e-8, 5e-3, 1e-6, name="heron-like")
    dist = distribute(_ghz(5), Target.all_to_all(2, capacity=3)).distribution
    assert deferrable(dist.program)
    supply = LinkSupply(
        {(0, 1): LinkPerformance(0.05, 5e-5, BellDiagonal.werner(0.97))},
        np.random.default_rng(3),
    )
    sched = schedule_program(
        dist.program, [QPUTiming.from_qubit(q)] * 2, supply, pair_memory=Memory.from_qubit(q)
    )
    ideal = dist.model.to_circuit()
    exact, _, _, _ = run_noisy(
        noisy_circuit(dist.program, sched, [q, q], ideal, deferred=True), 5, 1, 1
    )
    sampled, se, _, shots = run_noisy(
        noisy_circuit(dist.program, sched, [q, q], ideal, deferred=False), 5, 600, 7
    )
    assert shots == 600
    assert abs(sampled - exact) < 4 * se  # 4 sigma, binomial


def test_schedule_waits_for_pairs_and_counts_waiting() -> None:
    dist = distribute(_ghz(4), Target.all_to_all(2, capacity=2)).distribution
    times = (5e-3,)
    supply = DeliveredSupply({(0, 1): (times, (BellDiagonal.werner(0.99),))}, horizon_s=1.0)
    q = IDEAL
    sched = schedule_program(dist.program, [QPUTiming.from_qubit(q)] * 2, supply)
    (pair,) = sched.pairs
    assert pair.arrival_s == 5e-3 and pair.used_s == 5e-3
    assert sched.entanglement_wait_s == pytest.approx(5e-3 - pair.ready_s)
    assert sched.makespan_s >= 5e-3


def test_a_pair_stored_before_use_decays_in_memory() -> None:
    from qonnect.dqc.program import Program
    from qonnect.dqc.protocol import BellStep, GateStep, Slot
    from qonnect.states import store

    a, b = Slot(0, True, 0), Slot(1, True, 0)
    busy = GateStep("h", (a,), (), -1)  # the comm qubit is busy until 10 us
    program = Program(
        steps=(busy, busy, BellStep(0, a, b)),
        pairs=(),
        num_bits=0,
        data_slots=(0, 0),
        comm_slots=(1, 1),
        initial=(),
        final=(),
    )
    mem = Memory(t1_s=1e-3, t2_s=1e-3)
    fresh = BellDiagonal.werner(0.99)
    early = DeliveredSupply({(0, 1): ((0.0,), (fresh,))}, horizon_s=1.0)
    slow = QPUTiming(5e-6, 1e-5, 1e-6)
    sched = schedule_program(program, [slow, slow], early, pair_memory=mem)
    (pair,) = sched.pairs
    assert pair.arrival_s == 0.0 and pair.used_s == pytest.approx(1e-5)
    assert pair.state == store(fresh, 1e-5, mem, mem)
    assert sched.entanglement_wait_s == 0.0


def test_network_shortfall_is_reported() -> None:
    from qonnect.core import InfeasibleError

    dist = distribute(_ghz(6), Target.all_to_all(3, capacity=2)).distribution
    supply = DeliveredSupply({}, horizon_s=0.1)
    with pytest.raises(InfeasibleError, match="simulate longer"):
        schedule_program(dist.program, [QPUTiming.from_qubit(IDEAL)] * 3, supply)


def test_link_supply_matches_the_bernoulli_process() -> None:
    # the freshest-pair age over a window of n cycles: mean of the truncated geometric
    p, period = 0.02, 1e-6
    supply = LinkSupply(
        {(0, 1): LinkPerformance(p, period, BellDiagonal.perfect())}, np.random.default_rng(11)
    )
    n = 100
    ages, found = [], 0
    trials = 20_000
    for _ in range(trials):
        t, _ = supply.take((0, 1), need_s=n * period, since_s=0.0)
        if t <= n * period:
            found += 1
            ages.append(round((n * period - t) / period))
    q = 1 - p
    p_found = 1 - q**n
    assert abs(found / trials - p_found) < 4 * math.sqrt(p_found * (1 - p_found) / trials)
    i = np.arange(n)
    w = p * q**i / p_found
    mean = float(np.sum(i * w))
    sd = math.sqrt(float(np.sum(i**2 * w)) - mean**2)
    assert abs(np.mean(ages) - mean) < 4 * sd / math.sqrt(len(ages))


def test_distributed_is_worse_than_monolithic_with_noisy_pairs() -> None:
    q = Qubit(3e-4, 3e-4, 2e-4, 3.2e-8, 1.5e-3, 8.8e-8, 5e-3, 1e-6, name="heron-like")
    model_dist = distribute(_ghz(4), Target.all_to_all(2, capacity=2)).distribution
    supply = LinkSupply(
        {(0, 1): LinkPerformance(0.05, 5e-5, BellDiagonal.werner(0.9))}, np.random.default_rng(2)
    )
    sched = schedule_program(model_dist.program, [QPUTiming.from_qubit(q)] * 2, supply)
    dist = execute_program(model_dist.model, model_dist.program, [q, q], sched)
    mono = execute_monolithic(model_dist.model, q)
    assert mono.fidelity > dist.fidelity
    assert mono.schedule.pairs == ()
    assert 0.9 < mono.fidelity < 1.0


def test_lazy_start_keeps_qubits_in_zero_while_waiting_for_a_pair() -> None:
    q = Qubit(3e-4, 3e-4, 2e-4, 3.2e-8, 1.5e-3, 8.8e-8, 5e-3, 1e-6, name="heron-like")
    dist = distribute(_ghz(4), Target.all_to_all(2, capacity=2)).distribution
    late = DeliveredSupply({(0, 1): ((1e-4,), (BellDiagonal.werner(0.98),))}, horizon_s=1.0)
    timing = [QPUTiming.from_qubit(q)] * 2
    lazy = schedule_program(dist.program, timing, late)
    eager = schedule_program(dist.program, timing, late, alap_gates=False)
    assert lazy.makespan_s == pytest.approx(eager.makespan_s)
    f_lazy = execute_program(dist.model, dist.program, [q, q], lazy).fidelity
    f_eager = execute_program(dist.model, dist.program, [q, q], eager).fidelity
    assert f_lazy > f_eager + 0.05  # the Hadamard'd qubit no longer waits 100 us in |+>
    # every step still starts after its predecessors on the same qubit
    last: dict[object, float] = {}
    for st, t in zip(dist.program.steps, lazy.steps, strict=True):
        slots = getattr(st, "slots", None) or tuple(
            x
            for x in (getattr(st, "slot", None), getattr(st, "a", None), getattr(st, "b", None))
            if x is not None
        )
        for s in slots:
            assert t.start_s >= last.get(s, 0.0) - 1e-15
            last[s] = t.end_s


@pytest.mark.parametrize("f", [1.0, 0.9, 0.7])
def test_ghz_parity_success_through_a_werner_pair(f: float) -> None:
    # only the pair's X and Y errors flip the remote half of the GHZ string (physics.md 8:
    # X_b -> X_target, Y_b -> X_target Z_control); Z errors are invisible in Z readout. So with
    # ideal local operations the success probability is lambda_I + lambda_Z = F + (1 - F)/3.
    dist = distribute(_ghz(4), Target.all_to_all(2, capacity=2)).distribution
    supply = LinkSupply(
        {(0, 1): LinkPerformance(1.0, 1e-9, BellDiagonal.werner(f))}, np.random.default_rng(0)
    )
    sched = schedule_program(dist.program, [QPUTiming.from_qubit(IDEAL)] * 2, supply)
    ex = execute_program(dist.model, dist.program, [IDEAL, IDEAL], sched)
    assert ex.output is not None and ex.output.exact
    assert ex.output.success_probability == pytest.approx(f + (1 - f) / 3, abs=1e-9)
    assert ex.fidelity == pytest.approx(f, abs=1e-9)
    assert ex.output.total_variation == pytest.approx(1 - ex.output.success_probability, abs=1e-9)
