"""Which packet serves each non-local gate, and what the packets then cost in Bell pairs.

A non-local gate g on (a, b), with a on QPU A and b on QPU B, is served either by a's packet
opened at B or by b's packet opened at A. Opening packet P at a QPU costs one Bell pair on an
all-to-all target, so choosing the cheapest set of (packet, QPU) openings is a minimum vertex
cover in a graph whose edges join (P_a, B) with (P_b, A). Every edge joins the class
"home A, opened at B" with the class "home B, opened at A", so the graph is bipartite and
König's theorem gives the exact minimum through a maximum matching (Hopcroft-Karp).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import networkx as nx

from qonnect.dqc.model import CircuitModel
from qonnect.dqc.target import Target

Locator = Callable[[int, int], int]
"""loc(qubit, op_index) -> the QPU holding `qubit` when op `op_index` runs."""


def static_locator(placement: Sequence[int]) -> Locator:
    """A locator for a placement that never changes."""
    place = tuple(placement)
    return lambda q, _i: place[q]


def assign_gates(model: CircuitModel, num_qpus: int, loc: Locator) -> tuple[int, ...]:
    """Return, per op, the qubit whose packet is opened remotely to serve it (-1: local/1q).

    The choice minimises the number of (packet, QPU) openings exactly (König).

    Examples:
        >>> from qonnect.dqc.model import Op
        >>> m = CircuitModel.from_ops(3, [Op("cz", (0, 1)), Op("cz", (0, 2))])
        >>> assign_gates(m, 2, static_locator((0, 1, 1)))  # qubit 0's packet serves both
        (0, 0)
    """
    served = [-1] * len(model.ops)
    graph = nx.Graph()
    top: set[int] = set()
    edge_gates: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, gp in enumerate(model.gate_packets):
        if gp is None:
            continue
        a, b = model.ops[i].qubits
        la, lb = loc(a, i), loc(b, i)
        if la == lb:
            continue
        u = gp[0] * num_qpus + lb  # a's packet opened at b's QPU
        v = gp[1] * num_qpus + la
        (top.add(u) if la < lb else top.add(v))
        if edge_gates[(u, v)] == []:
            graph.add_edge(u, v)
        edge_gates[(u, v)].append(i)
    if graph.number_of_edges() == 0:
        return tuple(served)
    top_nodes = {x for x in graph.nodes if x in top}
    matching = nx.bipartite.hopcroft_karp_matching(graph, top_nodes)
    cover = nx.bipartite.to_vertex_cover(graph, matching, top_nodes)
    for (u, _v), gates in edge_gates.items():
        for i in gates:
            a, b = model.ops[i].qubits
            served[i] = a if u in cover else b
    return tuple(served)


def packet_openings(
    model: CircuitModel, served_by: Sequence[int], loc: Locator
) -> dict[int, set[int]]:
    """Per packet index, the remote QPUs at which it serves gates."""
    out: dict[int, set[int]] = defaultdict(set)
    for i, gp in enumerate(model.gate_packets):
        s = served_by[i]
        if gp is None or s < 0:
            continue
        a, b = model.ops[i].qubits
        other = b if s == a else a
        out[gp[0] if s == a else gp[1]].add(loc(other, i))
    return out


def estimate_ebits(
    model: CircuitModel, target: Target, served_by: Sequence[int], loc: Locator
) -> tuple[int, Counter[tuple[int, int]]]:
    """Bell pairs if every packet builds one Steiner tree (no comm-qubit evictions).

    Returns the total and the count per adjacent QPU pair (a < b).
    """
    per_pair: Counter[tuple[int, int]] = Counter()
    for p, remote in packet_openings(model, served_by, loc).items():
        pk = model.packets[p]
        home = loc(pk.qubit, pk.first_op)
        for a, b in target.steiner_edges({home, *remote}):
            per_pair[(min(a, b), max(a, b))] += 1
    return sum(per_pair.values()), per_pair


def per_gate_ebits(model: CircuitModel, target: Target, placement: Sequence[int]) -> int:
    """Baseline cost: one Bell pair per hop for every non-local two-qubit gate."""
    total = 0
    for op in model.ops:
        if len(op.qubits) == 2:
            a, b = placement[op.qubits[0]], placement[op.qubits[1]]
            if a != b:
                total += target.hops(a, b)
    return total
