"""A distribution target from a network scenario: its QPU nodes, and a cost per QPU pair.

The cost of a QPU pair is the number of elementary pairs an end-to-end pair between them
consumes on the cheapest route: one per segment between nodes that hold memories (QPUs and
repeaters); switches and sources are transit only. Every QPU pair can be entangled end to
end, so the target is all-to-all with these costs: `ebits` counts end-to-end pairs and
`Cost.weighted` the elementary pairs behind them.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from qonnect.core.errors import ConfigurationError
from qonnect.dqc.target import Target
from qonnect.network.spec import NetworkSpec, NodeKind
from qonnect.network.topology import Topology


def segments_between(topology: Topology, source: str) -> dict[str, int]:
    """Fewest memory-to-memory segments from `source` to every reachable node."""
    dist = {source: 0}
    heap = [(0, source)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist.get(u, 1 << 30):
            continue
        for v in sorted(topology.graph.neighbors(u)):
            step = 1 if topology.nodes[v].kind.has_memories else 0
            if d + step < dist.get(v, 1 << 30):
                dist[v] = d + step
                heapq.heappush(heap, (d + step, v))
    return dist


def target_from_network(
    spec: NetworkSpec, capacity: int | Sequence[int], comm_qubits: int | Sequence[int] = 2
) -> tuple[Target, tuple[str, ...]]:
    """The QPUs of `spec` (in file order) as a `Target`, with their node ids.

    Raises:
        ConfigurationError: fewer than one QPU node, or two QPUs with no route.

    Examples:
        >>> from qonnect.network.scenario_file import parse_scenario
        >>> spec = parse_scenario('''
        ... nodes: [{id: a}, {id: r, kind: repeater}, {id: s, kind: switch}, {id: b}, {id: c}]
        ... edges: [{a: a, b: r, length_km: 1}, {a: r, b: b, length_km: 1},
        ...         {a: b, b: s, length_km: 1}, {a: s, b: c, length_km: 1}]
        ... ''')
        >>> t, ids = target_from_network(spec, capacity=4)
        >>> ids, t.pair_cost(0, 1), t.pair_cost(1, 2), t.pair_cost(0, 2)
        (('a', 'b', 'c'), 2.0, 1.0, 3.0)
    """
    topo = Topology.from_spec(spec)
    qpus = tuple(n.id for n in spec.nodes if n.kind is NodeKind.QPU)
    if not qpus:
        raise ConfigurationError(f"network {spec.name!r}: no node of kind 'qpu'")
    if len(qpus) == 1:
        caps = (capacity,) if isinstance(capacity, int) else tuple(capacity)
        comm = (comm_qubits,) if isinstance(comm_qubits, int) else tuple(comm_qubits)
        return Target(caps, comm), qpus
    cost: list[list[float]] = []
    for a in qpus:
        dist = segments_between(topo, a)
        row = []
        for b in qpus:
            if b not in dist:
                raise ConfigurationError(f"network {spec.name!r}: no route from {a} to {b}")
            row.append(float(dist[b]))
        cost.append(row)
    return Target.from_cost_matrix(cost, capacity, comm_qubits), qpus
