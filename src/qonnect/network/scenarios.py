"""Ready-made scenarios: the peer-comparison repeater chain.

See shared/validation/peer_chain_scenario.md.

SeQUeNCe's Starlight parameters: routers 10 km apart (50 km also), Barrett-Kok heralding at a
midpoint station, 10 memories per link end, 2 kHz excitation (two rounds per attempt), emission
and collection efficiency 0.75, detector efficiency 0.8, fresh pairs of fidelity 0.9349,
coherence time 1.3 s as a hard expiry (a cut-off, no gradual decay), swap success 0.64 and a
fidelity degradation factor 0.99 per swap (here: w' = 0.99 w1 w2, eq. 6.2 with p_g = 0.01),
light at 2e8 m/s, one request from router 0 to router N-1 from 0.1 s, target fidelity 0.5.

Examples:
    >>> s = peer_chain(3)
    >>> [n.memories for n in s.nodes], s.requests[0].start_s, s.policy.cutoff_s
    ([10, 20, 10], 0.1, 1.3)
"""

from __future__ import annotations

from qonnect.core.units import SPEED_OF_LIGHT_M_PER_S
from qonnect.network.generators import chain
from qonnect.network.spec import NetworkSpec, PolicySpec, RequestSpec, SwapPolicy

PEER_GROUP_INDEX = SPEED_OF_LIGHT_M_PER_S / 2e8
"""Group index that makes light travel at 2e8 m/s, as in the peer's scenario."""

PEER_LINK = {
    "efficiencies": [0.75, 0.8],
    "scheme": "barrett_kok",
    "excitation_rate_hz": 2000.0,
    "rounds_per_attempt": 2,
    "fidelity": 0.9349,
}
PEER_SWAP = {"success_probability": 0.64, "gate_depolarizing": 0.01}


def peer_chain(
    n_routers: int, spacing_km: float = 10.0, duration_s: float = 1.0, seed: int = 1
) -> NetworkSpec:
    """The peer-comparison chain of `n_routers` routers (>= 2)."""
    base = chain(
        n_routers,
        spacing_km,
        end={"memories": 10, "swap": PEER_SWAP},
        repeater={"memories": 20, "swap": PEER_SWAP},
        edge={"loss_db_per_km": 0.2, "group_index": PEER_GROUP_INDEX, "link": PEER_LINK},
        prefix="router",
    )
    request = RequestSpec(
        id="e2e",
        source="router0",
        destination=f"router{n_routers - 1}",
        min_fidelity=0.5,
        start_s=0.1,
        memories_per_link=10,
    )
    return base.model_copy(
        update={
            "name": f"peer-chain-{n_routers}",
            "duration_s": duration_s,
            "seed": seed,
            "requests": (request,),
            "policy": PolicySpec(swap=SwapPolicy.ASAP, cutoff_s=1.3),
        }
    )
