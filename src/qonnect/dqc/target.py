"""The hardware a circuit is distributed over: K QPUs, their capacities and the QPU graph.

A pair of QPUs costs a number: the weight of the cheapest path between them in the QPU graph
(hops by default, or e.g. the expected cost of a Bell pair from a network scenario). The
graph is all-to-all unless given. Remote operations between non-adjacent QPUs are routed
through Steiner trees of adjacent-pair Bell pairs, so `ebits` counts adjacent pairs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx

from qonnect.core.errors import ConfigurationError
from qonnect.core.validate import check_non_negative, check_positive_int


@dataclass(frozen=True, slots=True)
class Target:
    """K QPUs with data-qubit capacity and communication qubits, joined by a weighted graph.

    Args:
        capacities: data qubits per QPU (length K).
        comm_qubits: communication qubits per QPU (length K, each >= 1).
        edges: undirected QPU pairs (a, b, cost) that share Bell pairs directly; `None`
            means all-to-all with cost 1.

    Examples:
        >>> t = Target.all_to_all(3, capacity=4, comm_qubits=2)
        >>> t.num_qpus, t.total_capacity, t.is_complete
        (3, 12, True)
        >>> line = Target((2, 2, 2), (2, 2, 2), edges=((0, 1, 1.0), (1, 2, 1.0)))
        >>> line.hops(0, 2), line.path(0, 2)
        (2, (0, 1, 2))
    """

    capacities: tuple[int, ...]
    comm_qubits: tuple[int, ...]
    edges: tuple[tuple[int, int, float], ...] | None = None
    _graph: Any = field(init=False, repr=False, compare=False)
    _complete: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        caps = tuple(self.capacities)
        comm = tuple(self.comm_qubits)
        if len(caps) < 1:
            raise ConfigurationError("Target.capacities: need at least one QPU, got ()")
        if len(comm) != len(caps):
            raise ConfigurationError(
                f"Target.comm_qubits: length {len(comm)} != number of QPUs {len(caps)}"
            )
        for i, c in enumerate(caps):
            check_positive_int(f"Target.capacities[{i}]", c)
        for i, m in enumerate(comm):
            check_positive_int(f"Target.comm_qubits[{i}]", m)
        object.__setattr__(self, "capacities", caps)
        object.__setattr__(self, "comm_qubits", comm)
        k = len(caps)
        g = nx.Graph()
        g.add_nodes_from(range(k))
        if self.edges is None:
            g.add_weighted_edges_from((a, b, 1.0) for a in range(k) for b in range(a + 1, k))
        else:
            edges = tuple((int(a), int(b), float(w)) for a, b, w in self.edges)
            for a, b, w in edges:
                if not (0 <= a < k and 0 <= b < k) or a == b:
                    raise ConfigurationError(f"Target.edges: bad QPU pair ({a}, {b}) for K={k}")
                check_non_negative(f"Target.edges[({a}, {b})].cost", w)
            g.add_weighted_edges_from(edges)
            object.__setattr__(self, "edges", edges)
            if not nx.is_connected(g):
                raise ConfigurationError("Target.edges: the QPU graph is not connected")
            if not _is_direct(g) and min(comm) < 2:
                # NOTE: relaying a cat state through a QPU holds one comm qubit there and
                # needs a second one to send on; with one comm qubit a relay is impossible.
                raise ConfigurationError(
                    f"Target.comm_qubits: a sparse QPU graph needs >= 2 per QPU, got {min(comm)}"
                )
        object.__setattr__(self, "_graph", g)
        object.__setattr__(self, "_complete", _is_direct(g))

    @classmethod
    def all_to_all(cls, num_qpus: int, capacity: int, comm_qubits: int = 2) -> Target:
        """K identical QPUs, every pair directly connected at cost 1."""
        check_positive_int("num_qpus", num_qpus)
        return cls((capacity,) * num_qpus, (comm_qubits,) * num_qpus)

    @classmethod
    def from_graph(
        cls,
        graph: nx.Graph,
        capacity: int | Sequence[int],
        comm_qubits: int | Sequence[int] = 2,
        weight: str = "cost",
    ) -> Target:
        """QPUs are the nodes 0..K-1 of `graph`; edge attribute `weight` is the pair cost (1)."""
        k = graph.number_of_nodes()
        if set(graph.nodes) != set(range(k)):
            raise ConfigurationError("Target.from_graph: nodes must be 0..K-1")
        caps = (capacity,) * k if isinstance(capacity, int) else tuple(capacity)
        comm = (comm_qubits,) * k if isinstance(comm_qubits, int) else tuple(comm_qubits)
        edges = tuple((a, b, float(d.get(weight, 1.0))) for a, b, d in graph.edges(data=True))
        return cls(caps, comm, edges)

    @classmethod
    def from_cost_matrix(
        cls,
        cost: Sequence[Sequence[float]],
        capacity: int | Sequence[int],
        comm_qubits: int | Sequence[int] = 2,
    ) -> Target:
        """QPU i and j share pairs directly at cost `cost[i][j]`; inf (or nan) means no link.

        Examples:
            >>> inf = float("inf")
            >>> t = Target.from_cost_matrix([[0, 1, inf], [1, 0, 2.5], [inf, 2.5, 0]], 2)
            >>> t.is_complete, t.pair_cost(0, 2), t.hops(0, 2)
            (False, 3.5, 2)
        """
        k = len(cost)
        edges = []
        for a in range(k):
            if len(cost[a]) != k:
                raise ConfigurationError(
                    f"Target.from_cost_matrix: row {a} has {len(cost[a])} != {k}"
                )
            for b in range(a + 1, k):
                w = float(cost[a][b])
                if math.isfinite(w):
                    edges.append((a, b, w))
        caps = (capacity,) * k if isinstance(capacity, int) else tuple(capacity)
        comm = (comm_qubits,) * k if isinstance(comm_qubits, int) else tuple(comm_qubits)
        return cls(caps, comm, tuple(edges))

    @property
    def num_qpus(self) -> int:
        """K."""
        return len(self.capacities)

    @property
    def total_capacity(self) -> int:
        """Sum of data-qubit capacities."""
        return sum(self.capacities)

    @property
    def graph(self) -> nx.Graph:
        """The QPU graph (edge attribute `weight` = pair cost); do not mutate."""
        return self._graph

    @property
    def is_complete(self) -> bool:
        """True when every QPU pair shares pairs directly and the direct link is cheapest.

        Then remote operations never relay through a third QPU.
        """
        return self._complete

    def path(self, a: int, b: int) -> tuple[int, ...]:
        """The QPU path from `a` to `b`: direct on a complete graph, else the cheapest."""
        if self._complete:
            return (a,) if a == b else (a, b)
        return _paths(self)[a][b]

    def hops(self, a: int, b: int) -> int:
        """Number of adjacent-pair Bell pairs on the cheapest path from `a` to `b`."""
        return len(self.path(a, b)) - 1

    def pair_cost(self, a: int, b: int) -> float:
        """Weight of `path(a, b)` (0 when a == b)."""
        p = self.path(a, b)
        return float(sum(self._graph[u][v]["weight"] for u, v in itertools.pairwise(p)))

    def steiner_edges(self, qpus: Iterable[int]) -> tuple[tuple[int, int], ...]:
        """Edges of a (2-approximate) minimum Steiner tree spanning `qpus`.

        Star from the first QPU on complete graphs; networkx's approximation otherwise.
        """
        return _steiner(self, tuple(sorted(set(qpus))))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict; `Target.from_dict` inverts it."""
        return {
            "capacities": list(self.capacities),
            "comm_qubits": list(self.comm_qubits),
            "edges": None if self.edges is None else [list(e) for e in self.edges],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Target:
        """Inverse of `to_dict`."""
        edges = data.get("edges")
        return cls(
            tuple(data["capacities"]),
            tuple(data["comm_qubits"]),
            None if edges is None else tuple((int(a), int(b), float(w)) for a, b, w in edges),
        )


def _is_direct(g: nx.Graph) -> bool:
    k = g.number_of_nodes()
    if g.number_of_edges() != k * (k - 1) // 2:
        return False
    dist = dict(nx.all_pairs_dijkstra_path_length(g, weight="weight"))
    return all(dist[a][b] >= g[a][b]["weight"] for a, b in g.edges)


@lru_cache(maxsize=64)
def _paths(target: Target) -> dict[int, dict[int, tuple[int, ...]]]:
    raw = dict(nx.all_pairs_dijkstra_path(target.graph, weight="weight"))
    return {a: {b: tuple(p) for b, p in d.items()} for a, d in raw.items()}


@lru_cache(maxsize=65536)
def _steiner(target: Target, qpus: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    if len(qpus) <= 1:
        return ()
    if target.is_complete:
        return tuple((qpus[0], b) for b in qpus[1:])
    if len(qpus) == 2:
        p = target.path(qpus[0], qpus[1])
        return tuple(itertools.pairwise(p))
    tree = nx.algorithms.approximation.steiner_tree(target.graph, list(qpus), weight="weight")
    return tuple(sorted((min(a, b), max(a, b)) for a, b in tree.edges))
