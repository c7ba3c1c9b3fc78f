"""Request semantics: one-hop rate, rate targets, pair counts, start times and latency."""

from __future__ import annotations

import math

import pytest

from qonnect.network import NetworkSimulation, NetworkSpec, chain


def _one_hop(requests: list[dict], memories: int = 4, duration_s: float = 0.2) -> NetworkSpec:
    base = chain(
        2,
        10.0,
        end={"memories": memories},
        edge={"link": {"p_success": 0.05, "attempt_period_s": 1e-5, "fidelity": 0.9, "modes": 2}},
    )
    return NetworkSpec.model_validate(
        {**base.model_dump(), "duration_s": duration_s, "seed": 4, "requests": requests}
    )


def test_one_hop_rate_is_memories_times_p_cycle_over_period() -> None:
    spec = _one_hop(
        [
            {
                "id": "r",
                "source": "n0",
                "destination": "n1",
                "memories_per_link": 4,
                "rate_hz": 30_000.0,
            }
        ]
    )
    r = NetworkSimulation(spec).run().requests[0]
    p_cycle = 1 - (1 - 0.05) ** 2
    want = 4 * p_cycle / 1e-5
    n = r.delivered
    # a sum of 4 renewal processes: var(N) ~ N (1 - p_cycle) < N
    assert abs(n - want * r.active_s) < 4 * math.sqrt(n)
    assert r.rate_met is True
    assert r.latency_mean_s == 0.0  # one hop: the herald itself tells both ends


def test_pair_counts_start_times_and_unmet_rates() -> None:
    spec = _one_hop(
        [
            {"id": "few", "source": "n0", "destination": "n1", "pairs": 25, "start_s": 0.05},
            {
                "id": "greedy",
                "source": "n0",
                "destination": "n1",
                "rate_hz": 19_000.0,
                "start_s": 0.1,
                "memories_per_link": 2,
            },
        ]
    )
    rep = NetworkSimulation(spec).run()
    few, greedy = rep.requests
    assert few.delivered == 25 and few.status.value == "completed"
    t_few = [
        t
        for rid, t in zip(rep.deliveries["request_id"], rep.deliveries["time_s"], strict=True)
        if rid == "few"
    ]
    assert min(t_few) > 0.05 and few.active_s == pytest.approx(max(t_few) - 0.05)
    # 2 memory pairs give ~2 x 9750 Hz on average, just above 19 kHz only by luck
    assert greedy.rate_met == (greedy.rate_hz >= 19_000.0)
    assert rep.pairs["balance"] == 0


def test_link_utilisation_is_the_busy_share_of_the_memories() -> None:
    # one request holding all 4 memory pairs: generators attempt whenever no pair is stored,
    # and a one-hop pair is delivered at once, so the edge attempts all the time
    spec = _one_hop([{"id": "r", "source": "n0", "destination": "n1", "memories_per_link": 4}])
    rep = NetworkSimulation(spec).run()
    (link,) = rep.links
    assert link.heralded == rep.requests[0].delivered
    assert 0.97 < link.utilisation <= 1.0  # the last attempts of the run are not counted
    half = _one_hop([{"id": "r", "source": "n0", "destination": "n1", "memories_per_link": 2}])
    (link2,) = NetworkSimulation(half).run().links
    assert link2.utilisation == pytest.approx(link.utilisation / 2, rel=0.05)
