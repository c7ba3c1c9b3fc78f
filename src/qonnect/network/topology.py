"""`Topology`: a validated network graph built from a `NetworkSpec` or from a networkx graph.

Memory nodes (qpu, repeater) end and swap pairs; transit nodes (switch, source) only pass
photons, so a route's hop between two consecutive memory nodes may cross several transit
nodes (one heralded link through the switches, with their insertion loss).

Examples:
    >>> from qonnect.network.spec import NetworkSpec
    >>> t = Topology.from_spec(NetworkSpec.model_validate({
    ...     "nodes": [{"id": "a"}, {"id": "s", "kind": "switch"}, {"id": "b"}],
    ...     "edges": [{"a": "a", "b": "s", "length_km": 1}, {"a": "s", "b": "b", "length_km": 2}]}))
    >>> t.memory_nodes
    ('a', 'b')
    >>> t.edge("b", "s").key
    's-b'
    >>> Topology.from_spec(NetworkSpec.model_validate({
    ...     "nodes": [{"id": "a"}], "edges": [{"a": "a", "b": "x", "length_km": 1}]}))
    Traceback (most recent call last):
    ...
    qonnect.core.errors.ConfigurationError: edge a-x: unknown node 'x'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from qonnect.core.errors import ConfigurationError
from qonnect.network.spec import EdgeSpec, NetworkSpec, NodeSpec


class Topology:
    """Nodes and edges of a network, checked for consistency.

    Attributes:
        nodes: node id -> NodeSpec, in file order.
        edges: edge key -> EdgeSpec, in file order.
        graph: an undirected networkx graph; each edge carries `key` and `length_km`.
    """

    __slots__ = ("_pair_to_key", "edges", "graph", "nodes")

    def __init__(self, nodes: Mapping[str, NodeSpec], edges: Mapping[str, EdgeSpec]) -> None:
        self.nodes = dict(nodes)
        self.edges = dict(edges)
        self.graph: nx.Graph = nx.Graph()
        self._pair_to_key: dict[frozenset[str], str] = {}
        for nid in self.nodes:
            self.graph.add_node(nid)
        for key, e in self.edges.items():
            self.graph.add_edge(e.a, e.b, key=key, length_km=e.length_km)
            self._pair_to_key[frozenset((e.a, e.b))] = key

    @classmethod
    def from_spec(cls, spec: NetworkSpec) -> Topology:
        """Build and check: duplicate ids, unknown or repeated endpoints, self-loops.

        Raises:
            ConfigurationError: naming the first offending node or edge.
        """
        nodes: dict[str, NodeSpec] = {}
        for n in spec.nodes:
            if n.id in nodes:
                raise ConfigurationError(f"node {n.id}: duplicate node id")
            nodes[n.id] = n
        edges: dict[str, EdgeSpec] = {}
        seen: dict[frozenset[str], str] = {}
        for e in spec.edges:
            for end in (e.a, e.b):
                if end not in nodes:
                    raise ConfigurationError(f"edge {e.key}: unknown node {end!r}")
            if e.a == e.b:
                raise ConfigurationError(f"edge {e.key}: connects node {e.a!r} to itself")
            if e.key in edges:
                raise ConfigurationError(f"edge {e.key}: duplicate edge id")
            pair = frozenset((e.a, e.b))
            if pair in seen:
                raise ConfigurationError(
                    f"edge {e.key}: duplicate of edge {seen[pair]} between {e.a!r} and {e.b!r}"
                )
            seen[pair] = e.key
            edges[e.key] = e
        return cls(nodes, edges)

    @classmethod
    def from_graph(
        cls,
        graph: nx.Graph,
        *,
        node_defaults: Mapping[str, Any] | None = None,
        edge_defaults: Mapping[str, Any] | None = None,
    ) -> Topology:
        """Build from a networkx graph: node attributes and edge attributes are spec fields.

        Node ids become strings; an edge needs `length_km` (as an attribute or a default).

        Examples:
            >>> g = nx.path_graph(3)
            >>> t = Topology.from_graph(g, edge_defaults={"length_km": 5})
            >>> sorted(t.edges)
            ['0-1', '1-2']
        """
        nd = dict(node_defaults or {})
        ed = dict(edge_defaults or {})
        nodes = [
            NodeSpec.model_validate({**nd, **data, "id": str(n)})
            for n, data in graph.nodes(data=True)
        ]
        edges = [
            EdgeSpec.model_validate({**ed, **data, "a": str(u), "b": str(v)})
            for u, v, data in graph.edges(data=True)
        ]
        return cls.from_spec(NetworkSpec(nodes=tuple(nodes), edges=tuple(edges)))

    @property
    def memory_nodes(self) -> tuple[str, ...]:
        """Ids of the nodes that hold qubits (qpu and repeater), in file order."""
        return tuple(n for n, s in self.nodes.items() if s.kind.has_memories)

    def node(self, node_id: str) -> NodeSpec:
        """The node `node_id`.

        Raises:
            ConfigurationError: if there is no such node.
        """
        try:
            return self.nodes[node_id]
        except KeyError:
            raise ConfigurationError(f"unknown node {node_id!r}") from None

    def edge(self, u: str, v: str) -> EdgeSpec:
        """The edge between `u` and `v` (either order).

        Raises:
            ConfigurationError: if they are not adjacent.
        """
        key = self._pair_to_key.get(frozenset((u, v)))
        if key is None:
            raise ConfigurationError(f"no edge between {u!r} and {v!r}")
        return self.edges[key]

    def edge_by_name(self, name: str) -> EdgeSpec:
        """An edge by its key, or by "a-b"/"b-a" of its endpoints.

        Raises:
            ConfigurationError: naming `name` if no edge matches.
        """
        if name in self.edges:
            return self.edges[name]
        for k, e in self.edges.items():
            if name in (f"{e.a}-{e.b}", f"{e.b}-{e.a}"):
                return self.edges[k]
        raise ConfigurationError(f"unknown edge {name!r}")
