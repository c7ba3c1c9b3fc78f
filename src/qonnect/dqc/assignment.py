"""Which packet serves each non-local gate, and what the packets then cost in Bell pairs.

A non-local gate g on (a, b), with a on QPU A and b on QPU B, is served either by a's packet
opened at B or by b's packet opened at A. Opening packet P at a QPU costs one Bell pair on an
all-to-all target, so choosing the cheapest set of (packet, QPU) openings is a minimum vertex
cover in a graph whose edges join (P_a, B) with (P_b, A). Every edge joins the class
"home A, opened at B" with the class "home B, opened at A", so the graph is bipartite and
König's theorem gives the exact minimum through a maximum matching (Hopcroft-Karp).
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

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
    top_id: dict[int, int] = {}
    bottom_id: dict[int, int] = {}
    edge_gates: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, gp in enumerate(model.gate_packets):
        if gp is None:
            continue
        a, b = model.ops[i].qubits
        la, lb = loc(a, i), loc(b, i)
        if la == lb:
            continue
        u = gp[0] * num_qpus + lb  # a's packet opened at b's QPU
        v = gp[1] * num_qpus + la  # b's packet opened at a's QPU
        # the side whose packet is homed on the lower-numbered QPU is the "top" side
        t, w = (u, v) if la < lb else (v, u)
        ti = top_id.setdefault(t, len(top_id))
        bi = bottom_id.setdefault(w, len(bottom_id))
        edge_gates[(ti, bi)].append(i)
    if not edge_gates:
        return tuple(served)
    cover_top, _cover_bottom = _koenig_cover(len(top_id), len(bottom_id), list(edge_gates))
    top_vertex = list(top_id)
    for (ti, _bi), gates in edge_gates.items():
        chosen = top_vertex[ti] if ti in cover_top else None
        for i in gates:
            a, b = model.ops[i].qubits
            la, lb = loc(a, i), loc(b, i)
            u = model.gate_packets[i][0] * num_qpus + lb  # type: ignore[index]
            if chosen is not None:
                served[i] = a if chosen == u else b
            else:  # the bottom vertex is in the cover
                served[i] = b if (la < lb) else a
    return tuple(served)


def _koenig_cover(
    n_top: int, n_bottom: int, edges: list[tuple[int, int]]
) -> tuple[set[int], set[int]]:
    """Minimum vertex cover of a bipartite graph: maximum matching, then König's construction.

    Z = vertices reachable from unmatched top vertices by alternating paths; the cover is
    (top not in Z) plus (bottom in Z).
    """
    rows = np.fromiter((e[0] for e in edges), dtype=np.int64, count=len(edges))
    cols = np.fromiter((e[1] for e in edges), dtype=np.int64, count=len(edges))
    graph = csr_matrix((np.ones(len(edges), dtype=np.int8), (rows, cols)), (n_top, n_bottom))
    match_top = maximum_bipartite_matching(graph, perm_type="column")  # top -> bottom or -1
    match_bottom = np.full(n_bottom, -1, dtype=np.int64)
    for t, b in enumerate(match_top):
        if b >= 0:
            match_bottom[b] = t
    indptr, indices = graph.indptr, graph.indices
    seen_top = np.zeros(n_top, dtype=bool)
    seen_bottom = np.zeros(n_bottom, dtype=bool)
    queue = deque(int(t) for t in np.flatnonzero(match_top < 0))
    seen_top[list(queue)] = True
    while queue:
        t = queue.popleft()
        for b in indices[indptr[t] : indptr[t + 1]]:
            if not seen_bottom[b]:
                seen_bottom[b] = True
                nt = match_bottom[b]
                if nt >= 0 and not seen_top[nt]:
                    seen_top[nt] = True
                    queue.append(int(nt))
    cover_top = {int(t) for t in np.flatnonzero(~seen_top)}
    cover_bottom = {int(b) for b in np.flatnonzero(seen_bottom)}
    return cover_top, cover_bottom


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
