"""The controller: routing, k-shortest alternates, reservations, fairness, refusals, faults."""

from __future__ import annotations

import ast
import inspect
import itertools

import networkx as nx
import numpy as np
import pytest

import qonnect.network.controller as controller_module
from qonnect.network import (
    Admission,
    Controller,
    Deferral,
    LinkDown,
    LinkUp,
    NodeDown,
    NodeUp,
    Refusal,
    RequestSpec,
    Topology,
    Withdrawal,
    grid,
)
from qonnect.network.decisions import nested_segments
from qonnect.network.routing import Router

LINK = {"p_success": 0.2, "attempt_period_s": 1e-5, "fidelity": 0.97}


def _grid(memories: int = 4) -> Controller:
    return Controller(
        Topology.from_spec(grid(3, 3, node={"memories": memories}, edge={"link": LINK}))
    )


def test_controller_has_no_simulator_inside() -> None:
    tree = ast.parse(inspect.getsource(controller_module))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    assert not any(
        m.startswith(
            ("simpy", "qonnect.engine", "qonnect.network.execution", "qonnect.network.simulation")
        )
        for m in imported
    )


def test_k_shortest_paths_match_networkx() -> None:
    rng = np.random.default_rng(3)
    g = nx.gnm_random_graph(40, 120, seed=3)
    for u, v in g.edges:
        g.edges[u, v]["w"] = float(rng.uniform(1, 5))
    r = Router(
        [str(n) for n in g.nodes], [(str(u), str(v), d["w"]) for u, v, d in g.edges(data=True)]
    )
    for s, t in [(0, 39), (5, 17), (12, 30)]:
        want = list(itertools.islice(nx.shortest_simple_paths(g, s, t, weight="w"), 4))
        got = r.k_shortest_paths(str(s), str(t), 4)
        cost = lambda p: nx.path_weight(g, [int(x) for x in p], "w")  # noqa: E731
        assert [round(cost(p), 9) for p in got] == [
            round(nx.path_weight(g, p, "w"), 9) for p in want
        ]
        assert all(len(set(p)) == len(p) for p in got)


def test_fcfs_reservations_never_exceed_memories() -> None:
    c = _grid(memories=4)
    decisions = []
    for i in range(8):
        decisions += c.submit(
            RequestSpec(id=f"r{i}", source="r0c0", destination="r2c2", memories_per_link=2)
        )
    admitted = [d for d in decisions if isinstance(d, Admission)]
    assert len(admitted) == 2  # r0c0 has 4 qubits, 2 per request
    assert [d.request_id for d in admitted] == ["r0", "r1"]  # first come, first served
    assert c.waiting == tuple(f"r{i}" for i in range(2, 8))
    used: dict[str, int] = {}
    for a in admitted:
        for i, n in enumerate(a.route.nodes):
            used[n] = used.get(n, 0) + a.per_link * (1 if i in (0, len(a.route.nodes) - 1) else 2)
    assert all(used[n] + c.free_memories(n) == 4 for n in used)
    # releasing r0 admits the oldest waiter
    out = c.release("r0")
    assert [d.request_id for d in out if isinstance(d, Admission)] == ["r2"]


def test_refusal_names_the_reason_and_purification_rescues() -> None:
    c = _grid()
    d = c.submit(RequestSpec(id="hi", source="r0c0", destination="r2c2", min_fidelity=0.95))
    assert isinstance(d[0], Refusal) and "min_fidelity 0.95 out of reach" in d[0].reason
    d = c.submit(
        RequestSpec(
            id="pur",
            source="r0c0",
            destination="r2c2",
            min_fidelity=0.95,
            memories_per_link=2,
            purification={"scope": "per_hop", "protocol": "dejmps"},
        )
    )
    assert isinstance(d[0], Admission)
    assert d[0].rules.hop_purification_rounds >= 1 and d[0].estimated_fidelity >= 0.95


def test_faults_withdraw_and_reroute_then_wait_for_repair() -> None:
    c = _grid()
    (a,) = c.submit(RequestSpec(id="r", source="r0c0", destination="r0c2"))
    assert isinstance(a, Admission) and a.route.nodes == ("r0c0", "r0c1", "r0c2")
    out = c.on_event(LinkDown("r0c1-r0c2"))
    assert isinstance(out[0], Withdrawal) and isinstance(out[1], Admission)
    assert not out[1].route.uses_edge("r0c1", "r0c2")
    out = c.on_event(NodeDown("r0c2"))
    assert isinstance(out[0], Withdrawal) and isinstance(out[1], Deferral)
    assert c.waiting == ("r",)
    assert c.on_event(NodeUp("r0c2"))[0].route.nodes[-1] == "r0c2"
    assert c.on_event(LinkUp("r0c1-r0c2")) == []  # the request is served, nothing waits


def test_nested_segments_form_a_doubling_tree() -> None:
    seg = nested_segments(9)  # 8 links
    assert seg[4] == (0, 8) and seg[2] == (0, 4) and seg[6] == (4, 8) and seg[1] == (0, 2)
    assert sorted(seg) == list(range(1, 8))


@pytest.mark.parametrize("n", [2, 3, 4, 7])
def test_nested_segments_cover_every_interior_once(n: int) -> None:
    seg = nested_segments(n + 1)
    assert sorted(seg) == list(range(1, n))
    for i, (lo, hi) in seg.items():
        assert lo < i < hi


def test_rate_requests_beyond_any_path_are_refused() -> None:
    c = _grid()
    # one memory pair heralds at p/T = 0.2 / 10 us = 20 kHz at most
    (d,) = c.submit(RequestSpec(id="fast", source="r0c0", destination="r0c1", rate_hz=1e5))
    assert isinstance(d, Refusal) and "rate_hz 100000 out of reach" in d.reason
    (d,) = c.submit(RequestSpec(id="ok", source="r0c0", destination="r0c1", rate_hz=1e4))
    assert isinstance(d, Admission)


def test_policy_values_set_by_model_copy_still_dispatch() -> None:
    from qonnect.network import PolicySpec

    c = Controller(_grid().topology, PolicySpec().model_copy(update={"swap": "nested"}))
    (d,) = c.submit(RequestSpec(id="r", source="r0c0", destination="r2c2"))
    assert isinstance(d, Admission) and d.rules.swap_policy.value == "nested"
    assert d.rules.nested  # the doubling tree is installed
