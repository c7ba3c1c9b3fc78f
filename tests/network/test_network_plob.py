"""A repeater chain beats the PLOB bound of the same total distance beyond the crossover.

Links of 25 km (Barrett-Kok at a midpoint, per-arm efficiency 0.81 besides the fibre, 10
modes, 4 memories per link end, ideal memories and swaps). The report gives, per request, the
delivered rate and PLOB's -log2(1 - eta_total) at the route's channel uses per second (memories
x modes / attempt period): a single link is always below PLOB; from some length on, the chain
is above it. The ideal-repeater bound min_i -log2(1 - eta_i) (Pirandola 2019) always holds.
"""

from __future__ import annotations

import math

from qonnect.network import NetworkSimulation, NetworkSpec, chain

HOP_KM = 25.0


def _rates(n_hops: int) -> tuple[float, float, float]:
    base = chain(
        n_hops + 1,
        HOP_KM,
        end={"memories": 4},
        repeater={"memories": 8},
        edge={"link": {"efficiencies": [0.9, 0.9], "excitation_rate_hz": 1e6, "modes": 10}},
    )
    spec = NetworkSpec.model_validate(
        {
            **base.model_dump(),
            "duration_s": 0.03,
            "requests": [
                {"id": "e2e", "source": "n0", "destination": f"n{n_hops}", "memories_per_link": 4}
            ],
        }
    )
    r = NetworkSimulation(spec).run().requests[0]
    assert r.length_km == n_hops * HOP_KM
    return r.rate_hz, r.plob_rate_hz, r.chain_bound_rate_hz


def test_chain_beats_plob_beyond_crossover() -> None:
    results = {n: _rates(n) for n in (1, 2, 4, 8)}
    for rate, plob, chain_bound in results.values():
        assert rate > 0 and math.isfinite(plob)
        assert rate <= chain_bound  # no protocol beats ideal repeaters
        # PLOB for the whole distance is the 1-segment chain bound
        assert plob <= chain_bound
    assert results[1][0] < results[1][1]  # one link: below PLOB, as it must be
    assert results[2][0] < results[2][1]
    assert results[8][0] > 10 * results[8][1]  # 200 km: far above the direct-transmission bound
    crossover = min(n for n, (rate, plob, _) in results.items() if rate > plob)
    assert crossover in (4, 8)
