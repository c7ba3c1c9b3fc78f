"""The distribution pipeline: native rewrite -> packets -> partition -> refine -> program.

Stages (each a plain function in its own module): `to_native` (Qiskit), `CircuitModel`
(packets), placements from Mt-KaHyPar on the packet hypergraph, METIS on the interaction
graph and the naive contiguous fill (the best estimate wins, so the result is never worse
than either baseline's placement), `local_search`, exact gate service (`assign_gates`),
`choose_moves` (teledata where it pays), and `build_program` (cat-entangler trees, evictions).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from qiskit import QuantumCircuit

from qonnect.dqc.assignment import (
    Locator,
    assign_gates,
    estimate_ebits,
    per_gate_ebits,
    static_locator,
)
from qonnect.dqc.distribution import Distribution
from qonnect.dqc.model import CircuitModel
from qonnect.dqc.move import Move
from qonnect.dqc.partition import (
    check_fits,
    graph_partition_placement,
    hypergraph_placement,
    naive_placement,
)
from qonnect.dqc.program import location
from qonnect.dqc.refine import choose_moves, local_search
from qonnect.dqc.reorder import commuting_order, reorder_model
from qonnect.dqc.target import Target
from qonnect.dqc.verify import MAX_VERIFY_QUBITS, combined_width, is_equivalent

LOCAL_SEARCH_MAX_OPS = 20_000
"""Above this many ops the local search, the settle rounds and the order comparison are
skipped (each rebuilds the gate service or the program)."""


@dataclass(frozen=True, slots=True)
class DistributionReport:
    """A distribution with its baselines, compile time and equivalence verdict.

    `verified` is None when the combined circuit is too wide to simulate (or not checked).
    """

    distribution: Distribution
    baseline_ebits: int
    graph_partition_ebits: int
    compile_time_s: float
    verified: bool | None
    placement_source: str

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON: ebits, baselines, improvements, placement, per-pair counts."""
        d = self.distribution
        cost = d.cost()
        return {
            "ebits": cost.ebits,
            "weighted_cost": cost.weighted,
            "nonlocal_gates": d.nonlocal_gates,
            "baseline_ebits": self.baseline_ebits,
            "graph_partition_ebits": self.graph_partition_ebits,
            "improvement_vs_baseline": _ratio(self.baseline_ebits, cost.ebits),
            "improvement_vs_graph_partition": _ratio(self.graph_partition_ebits, cost.ebits),
            "placement": list(d.placement),
            "per_pair": {f"{a}-{b}": n for (a, b), n in cost.per_pair.items()},
            "teleports": cost.teleports,
            "evictions": cost.evictions,
            "moves": [[m.qubit, m.qpu, m.first_op, m.last_op] for m in d.moves],
            "num_qubits": d.model.num_qubits,
            "num_ops": len(d.model.ops),
            "num_packets": len(d.model.packets),
            "qpus": d.target.num_qpus,
            "placement_source": self.placement_source,
            "compile_time_s": self.compile_time_s,
            "verified": self.verified,
        }


def _ratio(baseline: int, ours: int) -> float | None:
    """baseline / ours (how many times fewer pairs); None when ours is 0 and baseline > 0."""
    if ours == 0:
        return 1.0 if baseline == 0 else None
    return baseline / ours


def _moves_locator(placement: tuple[int, ...], moves: tuple[Move, ...]) -> Locator:
    per: list[list[Move]] = [[] for _ in placement]
    for m in moves:
        per[m.qubit].append(m)
    return lambda q, i: location(placement, per, q, i)


def _settle(dist: Distribution, rounds: int) -> Distribution:
    """Feed the sides the program actually used back as preferences while that helps.

    The lowering switches a gate to the other packet when that avoids a pair or an eviction;
    rebuilding with those choices gives the comm-qubit eviction policy the right lookahead.
    """
    best = dist
    for _ in range(rounds):
        actual = best.program.served_by
        if actual == best.served_by:
            break
        trial = Distribution(best.model, best.target, best.placement, actual, best.moves)
        if trial.cost().weighted >= best.cost().weighted:
            break
        best = trial
    return best


def distribute(
    circuit: QuantumCircuit | CircuitModel,
    target: Target,
    *,
    seed: int = 0,
    refine: bool = True,
    teleport: bool = True,
    verify: bool = True,
    local_search_evaluations: int = 100,
    settle_rounds: int = 3,
    reorder: bool = True,
) -> DistributionReport:
    """Distribute `circuit` over `target` with few Bell pairs.

    Args:
        circuit: a Qiskit circuit (rewritten to native gates) or a prepared model.
        target: the QPUs.
        seed: Mt-KaHyPar seed (deterministic preset: same seed, same result).
        refine: run the qubit local search.
        teleport: consider teledata moves.
        verify: simulate the program and compare with the original when small enough.
        local_search_evaluations: budget of placement evaluations for the local search.
        settle_rounds: rounds of feeding the program's actual serving sides back.
        reorder: reorder commuting gates so copies are short-lived (`commuting_order`); the
            result's model is then the reordered circuit (the same unitary).

    Raises:
        CircuitError: the circuit cannot be rewritten (unsupported gate, mid-circuit
            measurement, unbound parameters).
        ConfigurationError: more qubits than the total capacity.

    Examples:
        >>> qc = QuantumCircuit(4)
        >>> _ = qc.h(0); _ = qc.cx(0, 1); _ = qc.cx(1, 2); _ = qc.cx(2, 3)
        >>> r = distribute(qc, Target.all_to_all(2, capacity=2))
        >>> r.distribution.cost().ebits, r.baseline_ebits, r.verified
        (1, 1, True)
    """
    t0 = time.perf_counter()
    model = circuit if isinstance(circuit, CircuitModel) else CircuitModel.from_circuit(circuit)
    check_fits(model.num_qubits, target)
    naive = naive_placement(model.num_qubits, target)
    graph = graph_partition_placement(model, target)
    hyper = hypergraph_placement(model, target, seed=seed)

    def estimate(placement: tuple[int, ...]) -> float:
        loc = static_locator(placement)
        served = assign_gates(model, target.num_qpus, loc)
        _, per_pair = estimate_ebits(model, target, served, loc)
        return float(sum(n * target.graph[a][b]["weight"] for (a, b), n in per_pair.items()))

    candidates = {"hypergraph": hyper, "graph_partition": graph, "naive": naive}
    scores = {name: estimate(p) for name, p in candidates.items()}
    source = min(scores, key=lambda name: scores[name])  # dict order breaks ties
    placement = candidates[source]
    if refine and len(model.ops) <= LOCAL_SEARCH_MAX_OPS:
        placement = local_search(model, target, placement, max_evaluations=local_search_evaluations)
    served = assign_gates(model, target.num_qpus, static_locator(placement))
    best = Distribution(model, target, placement, served)
    large = len(model.ops) > LOCAL_SEARCH_MAX_OPS
    if reorder:
        order = commuting_order(model, placement, served)
        if order != tuple(range(len(order))):
            reordered, served_r = reorder_model(model, order, served)
            alt = Distribution(reordered, target, placement, served_r)
            # NOTE: on large circuits the reordered program is taken without building the
            # original order's program too (it is rarely better and costs seconds).
            if large or alt.cost().weighted < best.cost().weighted:
                best = alt
    if teleport:
        m = best.model
        moves = choose_moves(m, target, placement, best.served_by)
        if moves:
            served_m = assign_gates(m, target.num_qpus, _moves_locator(placement, moves))
            alt = Distribution(m, target, placement, served_m, moves)
            if alt.is_valid() and alt.cost().weighted < best.cost().weighted:
                best = alt
    best = _settle(best, rounds=0 if large else settle_rounds)
    elapsed = time.perf_counter() - t0
    verified: bool | None = None
    if verify and combined_width(best.program) <= MAX_VERIFY_QUBITS:
        verified = is_equivalent(model, best.program)
    return DistributionReport(
        best,
        per_gate_ebits(model, target, naive),
        per_gate_ebits(model, target, graph),
        elapsed,
        verified,
        source,
    )
