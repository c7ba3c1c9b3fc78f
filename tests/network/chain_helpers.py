"""Builders shared by the network tests: round-model chains (physics.md section 6.3)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from qonnect.core.units import PS_PER_S
from qonnect.network import NetworkReport, NetworkSimulation, NetworkSpec, chain

ROUND_S = 1e-6  # one attempt per round; zero-length fibres make swaps and messages instant


def round_chain(
    n_links: int,
    p: float,
    *,
    swap_success: float = 1.0,
    cutoff_rounds: int | None = None,
    t_depolarizing_s: float = math.inf,
    fidelity: float = 1.0,
    duration_s: float = 0.5,
    seed: int = 11,
    swap: str = "asap",
    memories_per_link: int = 1,
    extra_swap: dict[str, Any] | None = None,
) -> NetworkSpec:
    """A chain in the round model: every absent link attempts once per round with success p."""
    node = {
        "memories": 2 * memories_per_link,
        "memory": {"t_depolarizing_s": t_depolarizing_s},
        "swap": {"success_probability": swap_success, **(extra_swap or {})},
    }
    base = chain(
        n_links + 1,
        0.0,
        end=node,
        repeater=node,
        edge={"link": {"p_success": p, "attempt_period_s": ROUND_S, "fidelity": fidelity}},
    )
    cutoff = None if cutoff_rounds is None else cutoff_rounds * ROUND_S
    return NetworkSpec.model_validate(
        {
            **base.model_dump(),
            "duration_s": duration_s,
            "seed": seed,
            "policy": {"swap": swap, "cutoff_s": cutoff},
            "requests": [
                {
                    "id": "e2e",
                    "source": "n0",
                    "destination": f"n{n_links}",
                    "min_fidelity": 0.0,
                    "memories_per_link": memories_per_link,
                }
            ],
        }
    )


def run(spec: NetworkSpec) -> NetworkReport:
    rep = NetworkSimulation(spec).run()
    assert rep.pairs["balance"] == 0
    return rep


def intervals_in_rounds(rep: NetworkReport) -> np.ndarray:
    """Renewal intervals between deliveries (the first measured from t = 0), in rounds."""
    t = np.asarray(rep.deliveries["time_s"], dtype=np.float64)
    ps = np.rint(t * PS_PER_S)
    gaps = np.diff(np.concatenate(([0.0], ps)))
    return gaps / round(ROUND_S * PS_PER_S)


def parallel_round_chains(n_chains: int, n_links: int, p: float, **kw: Any) -> NetworkSpec:
    """`n_chains` disjoint copies of `round_chain`, each asking for one pair.

    Each request's delivery time is then an independent draw of the first-delivery time.
    """
    one = round_chain(n_links, p, **kw).model_dump()
    nodes, edges, requests = [], [], []
    for c in range(n_chains):
        for nd in one["nodes"]:
            nodes.append({**nd, "id": f"c{c}{nd['id']}"})
        for e in one["edges"]:
            edges.append({**e, "a": f"c{c}{e['a']}", "b": f"c{c}{e['b']}", "id": None})
        for r in one["requests"]:
            requests.append(
                {
                    **r,
                    "id": f"c{c}",
                    "source": f"c{c}{r['source']}",
                    "destination": f"c{c}{r['destination']}",
                    "pairs": 1,
                }
            )
    return NetworkSpec.model_validate({**one, "nodes": nodes, "edges": edges, "requests": requests})


def first_delivery_rounds(rep: NetworkReport) -> np.ndarray:
    """Time of each request's first delivery, in rounds."""
    t = np.asarray(rep.deliveries["time_s"], dtype=np.float64)
    return np.rint(t * PS_PER_S) / round(ROUND_S * PS_PER_S)
