"""Topology generators: chain, ring, grid, star, random geometric, leaf-spine and fat-tree.

Each returns a `NetworkSpec` without requests; nodes and edges take the given node and link
settings (plain dicts of `NodeSpec` / `LinkSpec` / `EdgeSpec` fields).

Examples:
    >>> s = chain(3, 10.0)
    >>> [n.id for n in s.nodes], [(e.a, e.b, e.length_km) for e in s.edges]
    (['n0', 'n1', 'n2'], [('n0', 'n1', 10.0), ('n1', 'n2', 10.0)])
    >>> len(grid(3, 4).edges), len(ring(5).edges), len(star(4).nodes)
    (17, 5, 5)
    >>> ls = leaf_spine(leaves=2, spines=2, qpus_per_leaf=3)
    >>> sorted({n.kind.value for n in ls.nodes}), len(ls.edges)
    (['qpu', 'switch'], 10)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np

from qonnect.core.errors import ConfigurationError
from qonnect.core.validate import check_non_negative, check_positive, check_positive_int
from qonnect.network.spec import EdgeSpec, NetworkSpec, NodeSpec

Settings = Mapping[str, Any]


def _node(nid: str, settings: Settings | None, **extra: Any) -> NodeSpec:
    return NodeSpec.model_validate({**(settings or {}), **extra, "id": nid})


def _edge(a: str, b: str, length_km: float, edge: Settings | None) -> EdgeSpec:
    return EdgeSpec.model_validate({**(edge or {}), "a": a, "b": b, "length_km": length_km})


def _spec(name: str, nodes: list[NodeSpec], edges: list[EdgeSpec]) -> NetworkSpec:
    return NetworkSpec(name=name, nodes=tuple(nodes), edges=tuple(edges))


def from_graph(
    graph: nx.Graph, *, node: Settings | None = None, edge: Settings | None = None
) -> NetworkSpec:
    """A spec from a networkx graph: node and edge attributes are spec fields.

    Node ids become strings; every edge needs `length_km` (as an attribute or in `edge`).

    Examples:
        >>> g = nx.path_graph(3)
        >>> [e.key for e in from_graph(g, edge={"length_km": 5}).edges]
        ['0-1', '1-2']
    """
    nodes = [_node(str(n), {**(node or {}), **data}) for n, data in graph.nodes(data=True)]
    edges = [
        EdgeSpec.model_validate({**(edge or {}), **data, "a": str(u), "b": str(v)})
        for u, v, data in graph.edges(data=True)
    ]
    return _spec(str(graph.graph.get("name") or "graph"), nodes, edges)


def chain(
    n_nodes: int,
    spacing_km: float = 10.0,
    *,
    end: Settings | None = None,
    repeater: Settings | None = None,
    edge: Settings | None = None,
    prefix: str = "n",
) -> NetworkSpec:
    """A line of `n_nodes` nodes: qpu ends and repeaters between, `spacing_km` apart."""
    check_positive_int("chain.n_nodes", n_nodes)
    if n_nodes < 2:
        raise ConfigurationError(f"chain.n_nodes: need >= 2 nodes, got {n_nodes}")
    check_non_negative("chain.spacing_km", spacing_km)
    nodes = [
        _node(
            f"{prefix}{i}",
            end if i in (0, n_nodes - 1) else repeater,
            kind="qpu" if i in (0, n_nodes - 1) else "repeater",
        )
        for i in range(n_nodes)
    ]
    edges = [
        _edge(f"{prefix}{i}", f"{prefix}{i + 1}", spacing_km, edge) for i in range(n_nodes - 1)
    ]
    return _spec(f"chain-{n_nodes}", nodes, edges)


def ring(
    n_nodes: int,
    spacing_km: float = 10.0,
    *,
    node: Settings | None = None,
    edge: Settings | None = None,
) -> NetworkSpec:
    """A cycle of `n_nodes` repeaters-capable qpus."""
    check_positive_int("ring.n_nodes", n_nodes)
    if n_nodes < 3:
        raise ConfigurationError(f"ring.n_nodes: need >= 3 nodes, got {n_nodes}")
    nodes = [_node(f"n{i}", node) for i in range(n_nodes)]
    edges = [_edge(f"n{i}", f"n{(i + 1) % n_nodes}", spacing_km, edge) for i in range(n_nodes)]
    return _spec(f"ring-{n_nodes}", nodes, edges)


def grid(
    rows: int,
    cols: int,
    spacing_km: float = 10.0,
    *,
    node: Settings | None = None,
    edge: Settings | None = None,
) -> NetworkSpec:
    """A rows x cols square grid; node ids "r{i}c{j}"."""
    check_positive_int("grid.rows", rows)
    check_positive_int("grid.cols", cols)
    nodes = [_node(f"r{i}c{j}", node) for i in range(rows) for j in range(cols)]
    edges = [
        _edge(f"r{i}c{j}", f"r{i}c{j + 1}", spacing_km, edge)
        for i in range(rows)
        for j in range(cols - 1)
    ]
    edges += [
        _edge(f"r{i}c{j}", f"r{i + 1}c{j}", spacing_km, edge)
        for i in range(rows - 1)
        for j in range(cols)
    ]
    return _spec(f"grid-{rows}x{cols}", nodes, edges)


def star(
    leaves: int,
    arm_km: float = 1.0,
    *,
    qpu: Settings | None = None,
    hub: Settings | None = None,
    edge: Settings | None = None,
) -> NetworkSpec:
    """QPUs around one optical switch ("hub"); every pair of QPUs is one hop via the switch."""
    check_positive_int("star.leaves", leaves)
    nodes = [_node("hub", hub, kind="switch")] + [_node(f"q{i}", qpu) for i in range(leaves)]
    edges = [_edge("hub", f"q{i}", arm_km, edge) for i in range(leaves)]
    return _spec(f"star-{leaves}", nodes, edges)


def random_geometric(
    n_nodes: int,
    side_km: float,
    radius_km: float,
    rng: np.random.Generator,
    *,
    node: Settings | None = None,
    edge: Settings | None = None,
    connect: bool = True,
) -> NetworkSpec:
    """Nodes uniform in a square of `side_km`; edges between nodes closer than `radius_km`.

    With `connect`, only the largest connected component is kept (ids stay "n{i}").
    """
    check_positive_int("random_geometric.n_nodes", n_nodes)
    check_positive("random_geometric.side_km", side_km)
    check_positive("random_geometric.radius_km", radius_km)
    pos = rng.random((n_nodes, 2)) * side_km
    g = nx.random_geometric_graph(n_nodes, radius_km, pos={i: tuple(p) for i, p in enumerate(pos)})
    if connect:
        keep = max(nx.connected_components(g), key=len)
        g = g.subgraph(keep).copy()
    nodes = [
        _node(f"n{i}", node, position_km=(float(pos[i, 0]), float(pos[i, 1])))
        for i in sorted(g.nodes)
    ]
    edges = [
        _edge(f"n{u}", f"n{v}", max(float(math.dist(pos[u], pos[v])), 1e-3), edge)
        for u, v in sorted(g.edges)
    ]
    return _spec(f"rgg-{n_nodes}", nodes, edges)


def leaf_spine(
    leaves: int,
    spines: int,
    qpus_per_leaf: int,
    *,
    qpu_km: float = 0.01,
    fabric_km: float = 0.05,
    qpu: Settings | None = None,
    switch: Settings | None = None,
    edge: Settings | None = None,
) -> NetworkSpec:
    """A data-centre leaf-spine (two-tier Clos) fabric of optical switches with QPU racks."""
    for f, v in (("leaves", leaves), ("spines", spines), ("qpus_per_leaf", qpus_per_leaf)):
        check_positive_int(f"leaf_spine.{f}", v)
    nodes = [_node(f"spine{s}", switch, kind="switch") for s in range(spines)]
    nodes += [_node(f"leaf{i}", switch, kind="switch") for i in range(leaves)]
    nodes += [_node(f"q{i}_{j}", qpu) for i in range(leaves) for j in range(qpus_per_leaf)]
    edges = [
        _edge(f"leaf{i}", f"spine{s}", fabric_km, edge)
        for i in range(leaves)
        for s in range(spines)
    ]
    edges += [
        _edge(f"q{i}_{j}", f"leaf{i}", qpu_km, edge)
        for i in range(leaves)
        for j in range(qpus_per_leaf)
    ]
    return _spec(f"leaf-spine-{leaves}x{spines}", nodes, edges)


def fat_tree(
    k: int,
    *,
    qpu_km: float = 0.01,
    fabric_km: float = 0.05,
    qpu: Settings | None = None,
    switch: Settings | None = None,
    edge: Settings | None = None,
) -> NetworkSpec:
    """A k-ary fat-tree (Al-Fares et al., SIGCOMM 2008): k pods, (k/2)^2 cores, k^3/4 QPUs.

    Examples:
        >>> t = fat_tree(4)
        >>> kinds = [n.kind.value for n in t.nodes]
        >>> kinds.count("qpu"), kinds.count("switch")
        (16, 20)
    """
    check_positive_int("fat_tree.k", k)
    if k % 2:
        raise ConfigurationError(f"fat_tree.k: must be even, got {k}")
    h = k // 2
    nodes = [_node(f"core{c}", switch, kind="switch") for c in range(h * h)]
    edges: list[EdgeSpec] = []
    for p in range(k):
        for a in range(h):
            nodes.append(_node(f"agg{p}_{a}", switch, kind="switch"))
            nodes.append(_node(f"edge{p}_{a}", switch, kind="switch"))
            for c in range(h):
                edges.append(_edge(f"agg{p}_{a}", f"core{a * h + c}", fabric_km, edge))
        for a in range(h):
            for e in range(h):
                edges.append(_edge(f"edge{p}_{e}", f"agg{p}_{a}", fabric_km, edge))
            for q in range(h):
                nodes.append(_node(f"q{p}_{a}_{q}", qpu))
                edges.append(_edge(f"q{p}_{a}_{q}", f"edge{p}_{a}", qpu_km, edge))
    return _spec(f"fat-tree-{k}", nodes, edges)
