"""Topologies: construction checks, bad input with one message naming the item, generators."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from qonnect.core.errors import ConfigurationError, UnphysicalParameterError
from qonnect.network import (
    NetworkSimulation,
    Topology,
    chain,
    fat_tree,
    grid,
    leaf_spine,
    random_geometric,
    ring,
    star,
)
from qonnect.network.scenario_file import parse_scenario, spec_from_data

LINK = {"p_success": 0.1, "attempt_period_s": 1e-5, "fidelity": 0.95}


def _data(**over: object) -> dict:
    base = {
        "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "edges": [
            {"a": "a", "b": "b", "length_km": 1, "link": LINK},
            {"a": "b", "b": "c", "length_km": 1, "link": LINK},
        ],
        "requests": [{"id": "r", "source": "a", "destination": "c"}],
    }
    base.update(over)
    return base


@pytest.mark.parametrize(
    ("over", "fragment"),
    [
        ({"edges": [{"a": "a", "b": "zz", "length_km": 1}]}, "edge a-zz: unknown node 'zz'"),
        ({"nodes": [{"id": "a"}, {"id": "a"}, {"id": "c"}]}, "node a: duplicate node id"),
        ({"edges": [{"a": "a", "b": "b", "length_km": -3}]}, "edges[0].length_km"),
        ({"edges": [{"a": "a", "b": "a", "length_km": 1}]}, "connects node 'a' to itself"),
        (
            {"edges": [{"a": "a", "b": "b", "length_km": 1}, {"a": "b", "b": "a", "length_km": 2}]},
            "duplicate of edge a-b",
        ),
        (
            {"edges": [{"a": "a", "b": "b", "length_km": 1, "link": LINK}]},
            "request r: nodes 'a' and 'c' are not connected",
        ),
        ({"requests": [{"id": "r", "source": "a", "destination": "q"}]}, "request r: unknown node"),
        ({"nodes": [{"id": "a"}, {"id": "b", "mystery": 1}, {"id": "c"}]}, "nodes[1].mystery"),
        (
            {
                "nodes": [
                    {"id": "a"},
                    {"id": "b", "memory": {"t1_s": 1e-3, "t2_s": 5e-3}},
                    {"id": "c"},
                ]
            },
            "node b: Memory:",
        ),
    ],
)
def test_bad_input_one_message_naming_the_item(over: dict, fragment: str) -> None:
    with pytest.raises((ConfigurationError, UnphysicalParameterError)) as e:
        NetworkSimulation(spec_from_data(_data(**over)))
    msg = str(e.value)
    assert fragment in msg
    assert "\n" not in msg


def test_yaml_is_read_safely() -> None:
    with pytest.raises(ConfigurationError, match=r"not valid YAML|expected a mapping"):
        parse_scenario("!!python/object/apply:os.system ['echo hi']")


def test_from_graph_and_edge_lookup() -> None:
    g = nx.cycle_graph(4)
    nx.set_edge_attributes(g, 2.5, "length_km")
    t = Topology.from_graph(g, edge_defaults={"link": LINK})
    assert t.edge("3", "0").length_km == 2.5
    assert t.edge_by_name("1-0").key == "0-1"
    with pytest.raises(ConfigurationError, match=r"unknown edge .x."):
        t.edge_by_name("x")


def test_generators_shapes_and_kinds() -> None:
    c = chain(5, 7.0)
    assert [n.kind.value for n in c.nodes] == ["qpu", "repeater", "repeater", "repeater", "qpu"]
    assert all(e.length_km == 7.0 for e in c.edges)
    g = Topology.from_spec(grid(3, 4)).graph
    assert g.number_of_nodes() == 12 and g.number_of_edges() == 3 * 3 + 2 * 4
    assert nx.is_connected(g) and max(dict(g.degree).values()) == 4
    r = Topology.from_spec(ring(6)).graph
    assert all(d == 2 for _, d in r.degree)
    s = Topology.from_spec(star(5)).graph
    assert s.degree["hub"] == 5
    ls = Topology.from_spec(leaf_spine(3, 2, 4)).graph
    assert ls.number_of_edges() == 3 * 2 + 3 * 4
    ft = Topology.from_spec(fat_tree(4)).graph
    # k-ary fat tree: k^3/4 hosts, 5k^2/4 switches, every switch has k ports in use
    assert ft.number_of_nodes() == 16 + 20
    assert all(ft.degree[n] == 4 for n in ft.nodes if not n.startswith("q"))
    rgg = random_geometric(300, 10.0, 1.2, np.random.default_rng(4))
    t = Topology.from_spec(rgg)
    assert nx.is_connected(t.graph)
    assert all(0 < e.length_km <= 1.2 for e in rgg.edges)
    with pytest.raises(ConfigurationError, match=r"fat_tree\.k"):
        fat_tree(3)


def test_a_networkx_graph_simulates() -> None:
    from qonnect.network import NetworkSpec, from_graph

    g = nx.path_graph(4)
    nx.set_edge_attributes(g, 3.0, "length_km")
    base = from_graph(g, edge={"link": LINK})
    spec = NetworkSpec.model_validate(
        {
            **base.model_dump(),
            "duration_s": 0.01,
            "requests": [{"id": "r", "source": "0", "destination": "3"}],
        }
    )
    rep = NetworkSimulation(spec).run()
    assert rep.requests[0].route == ("0", "1", "2", "3")
    assert rep.requests[0].delivered > 0 and rep.pairs["balance"] == 0
