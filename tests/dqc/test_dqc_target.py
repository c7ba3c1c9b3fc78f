"""Target: validation, paths, Steiner trees, round trip."""

from __future__ import annotations

import networkx as nx
import pytest

from qonnect.core.errors import ConfigurationError, UnphysicalParameterError
from qonnect.dqc.target import Target


def test_all_to_all_pair_cost_is_one_and_star_steiner() -> None:
    t = Target.all_to_all(4, capacity=3, comm_qubits=2)
    assert t.is_complete and t.total_capacity == 12
    assert all(t.pair_cost(a, b) == (0 if a == b else 1) for a in range(4) for b in range(4))
    assert t.steiner_edges({2, 0, 3}) == ((0, 2), (0, 3))


def test_line_graph_paths_and_steiner_span_the_terminals() -> None:
    g = nx.path_graph(5)
    t = Target.from_graph(g, capacity=2, comm_qubits=2)
    assert t.path(0, 4) == (0, 1, 2, 3, 4) and t.hops(4, 1) == 3
    edges = t.steiner_edges({0, 2, 4})
    tree = nx.Graph(edges)
    assert nx.is_tree(tree) and {0, 2, 4} <= set(tree.nodes) and len(edges) == 4


def test_weighted_graph_prefers_cheap_detour() -> None:
    t = Target((1, 1, 1), (2, 2, 2), edges=((0, 2, 5.0), (0, 1, 1.0), (1, 2, 1.0)))
    assert t.path(0, 2) == (0, 1, 2) and t.pair_cost(0, 2) == 2.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"capacities": (2, 0), "comm_qubits": (1, 1)}, r"capacities\[1\]"),
        ({"capacities": (2, 2), "comm_qubits": (1,)}, "comm_qubits: length 1"),
        (
            {"capacities": (2, 2, 2), "comm_qubits": (2, 2, 2), "edges": ((0, 1, 1.0),)},
            "not connected",
        ),
        (
            {
                "capacities": (2, 2, 2),
                "comm_qubits": (1, 1, 1),
                "edges": ((0, 1, 1.0), (1, 2, 1.0)),
            },
            "sparse QPU graph needs >= 2",
        ),
        ({"capacities": (2, 2), "comm_qubits": (1, 1), "edges": ((0, 0, 1.0),)}, "bad QPU pair"),
    ],
)
def test_bad_targets_name_the_field(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises((ConfigurationError, UnphysicalParameterError), match=match):
        Target(**kwargs)  # type: ignore[arg-type]


def test_round_trip() -> None:
    t = Target((3, 2, 4), (2, 3, 2), edges=((0, 1, 1.5), (1, 2, 2.0)))
    assert Target.from_dict(t.to_dict()) == t
    a = Target.all_to_all(2, 5)
    assert Target.from_dict(a.to_dict()) == a


def test_cost_matrix_target_routes_around_missing_links() -> None:
    inf = float("inf")
    t = Target.from_cost_matrix([[0, 1, inf], [1, 0, 2.5], [inf, 2.5, 0]], capacity=2)
    assert not t.is_complete and t.path(0, 2) == (0, 1, 2) and t.pair_cost(0, 2) == 3.5
    uniform = Target.from_cost_matrix([[0, 2, 2], [2, 0, 2], [2, 2, 0]], capacity=2)
    assert uniform.is_complete and uniform.pair_cost(0, 2) == 2.0
    with pytest.raises(ConfigurationError, match="row 1"):
        Target.from_cost_matrix([[0, 1], [1]], capacity=2)
