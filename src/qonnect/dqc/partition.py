"""Placements of logical qubits on QPUs: naive, graph partition, and hypergraph partition.

The hypergraph has one vertex per qubit (weight 1) and one per distinct pair of packets that
share a gate (weight 0); each packet is a hyperedge over its qubit and its gates' vertices.
With the connectivity-minus-one objective its cut is exactly the number of Bell pairs the
packets need on an all-to-all target (Andres-Martinez & Heunen, PRA 100, 032308 (2019));
on a sparse QPU graph Mt-KaHyPar maps it onto the graph, minimising Steiner-tree weight.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import mtkahypar
import numpy as np
import pymetis

from qonnect.core.errors import ConfigurationError
from qonnect.dqc.model import CircuitModel
from qonnect.dqc.target import Target


def check_fits(num_qubits: int, target: Target) -> None:
    """Raise ConfigurationError unless `num_qubits` fit in the target's total capacity."""
    if num_qubits > target.total_capacity:
        raise ConfigurationError(
            f"circuit has {num_qubits} qubits but the QPUs hold only {target.total_capacity} "
            f"(capacities {list(target.capacities)})"
        )


def naive_placement(num_qubits: int, target: Target) -> tuple[int, ...]:
    """Contiguous placement: qubits 0.. fill QPU 0 to capacity, then QPU 1, ...

    Examples:
        >>> naive_placement(5, Target.all_to_all(3, capacity=2))
        (0, 0, 1, 1, 2)
    """
    check_fits(num_qubits, target)
    out: list[int] = []
    for qpu, cap in enumerate(target.capacities):
        out.extend([qpu] * min(cap, num_qubits - len(out)))
    return tuple(out)


def interaction_counts(model: CircuitModel) -> Counter[tuple[int, int]]:
    """Number of two-qubit gates per unordered qubit pair (a < b)."""
    c: Counter[tuple[int, int]] = Counter()
    for op in model.ops:
        if len(op.qubits) == 2:
            a, b = op.qubits
            c[(min(a, b), max(a, b))] += 1
    return c


def repair_capacity(
    placement: Sequence[int], target: Target, model: CircuitModel
) -> tuple[int, ...]:
    """Move qubits out of over-full QPUs, each time the one that loses least interaction."""
    place = list(placement)
    load = Counter(place)
    over = [k for k in range(target.num_qpus) if load[k] > target.capacities[k]]
    if not over:
        return tuple(place)
    nbrs: dict[int, Counter[int]] = {q: Counter() for q in range(model.num_qubits)}
    for (a, b), w in interaction_counts(model).items():
        nbrs[a][b] += w
        nbrs[b][a] += w
    for k in over:
        while load[k] > target.capacities[k]:
            free = [j for j in range(target.num_qpus) if load[j] < target.capacities[j]]
            best: tuple[int, int, int] | None = None
            for q in (q for q in range(len(place)) if place[q] == k):
                own = sum(w for r, w in nbrs[q].items() if place[r] == k)
                for j in free:
                    gain = sum(w for r, w in nbrs[q].items() if place[r] == j) - own
                    if best is None or gain > best[0]:
                        best = (gain, q, j)
            if best is None:  # pragma: no cover - check_fits guarantees free room
                raise ConfigurationError("capacity repair: no free QPU")
            _, q, j = best
            place[q] = j
            load[k] -= 1
            load[j] += 1
    return tuple(place)


def graph_partition_placement(model: CircuitModel, target: Target) -> tuple[int, ...]:
    """Partition the weighted qubit interaction graph with METIS, then repair capacities."""
    n, k = model.num_qubits, target.num_qpus
    check_fits(n, target)
    if k == 1 or n <= 1:
        return naive_placement(n, target)
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for (a, b), w in sorted(interaction_counts(model).items()):
        adj[a].append((b, w))
        adj[b].append((a, w))
    xadj = [0]
    adjncy: list[int] = []
    eweights: list[int] = []
    for row in adj:
        adjncy.extend(b for b, _ in row)
        eweights.extend(w for _, w in row)
        xadj.append(len(adjncy))
    tpwgts = [c / target.total_capacity for c in target.capacities]
    opts = pymetis.Options(seed=1)
    _, parts = pymetis.part_graph(
        k,
        pymetis.CSRAdjacency(xadj, adjncy),
        eweights=eweights,
        tpwgts=tpwgts,
        options=opts,
    )
    return repair_capacity([int(p) for p in parts], target, model)


@lru_cache(maxsize=1)
def _initializer(threads: int) -> mtkahypar.Initializer:
    # NOTE: Mt-KaHyPar must be initialised once per process; this cache is that one handle.
    return mtkahypar.initialize(threads, False)


def hypergraph_placement(
    model: CircuitModel, target: Target, *, seed: int = 0, threads: int = 1
) -> tuple[int, ...]:
    """Partition the packet hypergraph with Mt-KaHyPar under per-QPU capacity.

    Uses the deterministic preset, so the same `seed` gives the same placement; the seed
    also relabels the vertices, so different seeds explore different partitions.

    Examples:
        >>> from qonnect.dqc.model import Op
        >>> m = CircuitModel.from_ops(4, [Op("cz", (0, 2)), Op("cz", (1, 3)), Op("cz", (0, 2))])
        >>> p = hypergraph_placement(m, Target.all_to_all(2, capacity=2))
        >>> p[0] == p[2] and p[1] == p[3] and p[0] != p[1]
        True
    """
    n, k = model.num_qubits, target.num_qpus
    check_fits(n, target)
    if k == 1 or n <= 1:
        return naive_placement(n, target)
    pair_vertex: dict[tuple[int, int], int] = {}
    pins: list[list[int]] = [[p.qubit] for p in model.packets]
    for gp in model.gate_packets:
        if gp is None or gp in pair_vertex:
            continue
        v = n + len(pair_vertex)
        pair_vertex[gp] = v
        pins[gp[0]].append(v)
        pins[gp[1]].append(v)
    edges = [e for e in pins if len(e) > 1]
    if not edges:
        return naive_placement(n, target)
    num_vertices = n + len(pair_vertex)
    # NOTE: with mtkahypar 1.7's deterministic preset, set_seed alone did not change the
    # result in our trials; relabelling the vertices with a seeded permutation changes the
    # tie-breaking, so different seeds explore different partitions (seed 0: identity).
    rng = np.random.default_rng(seed)
    relabel = np.arange(num_vertices) if seed == 0 else rng.permutation(num_vertices)
    edges = [[int(relabel[v]) for v in e] for e in edges]
    mtkahypar.set_seed(seed)
    init = _initializer(threads)
    ctx = init.context_from_preset(mtkahypar.PresetType.DETERMINISTIC)
    ctx.logging = False
    ctx.set_partitioning_parameters(k, 0.03, mtkahypar.Objective.KM1)
    ctx.set_individual_target_block_weights(list(target.capacities))
    weights = [0] * num_vertices
    for q in range(n):
        weights[int(relabel[q])] = 1
    hg = init.create_hypergraph(ctx, num_vertices, len(edges), edges, weights, [1] * len(edges))
    weights_used = {w for _, _, w in target.edges or ()}
    if target.is_complete and len(weights_used) <= 1:
        part = hg.partition(ctx)
    else:
        tg_edges = [(a, b) for a, b, _ in target.edges or ()]
        tg_w = [max(1, round(w)) for _, _, w in target.edges or ()]
        tg = init.create_target_graph(ctx, k, len(tg_edges), tg_edges, tg_w)
        part = hg.map_onto_graph(tg, ctx)
    blocks = np.fromiter(
        (part.block_id(int(relabel[q])) for q in range(n)), dtype=np.int64, count=n
    )
    return repair_capacity([int(b) for b in blocks], target, model)
