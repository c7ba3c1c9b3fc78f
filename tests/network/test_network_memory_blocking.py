"""Memory-limited swapping throughput against an exact birth-death model.

Two links, K memories per link end, swap as soon as both sides hold a pair (success a). Let d
be the number of stored pairs on the side that is ahead; with exponential heralding at rate
lambda per free memory, d -> d+1 at rate (K-d) lambda and d -> d-1 at rate K lambda, so
pi(d+1)/pi(d) = (K-d)/K and the swap-attempt rate is K lambda (1 - pi(0)). With a < 1 a failed
swap frees the same memories, so deliveries = a x attempts. This is what makes a repeater
chain with few memories deliver less than its links' rate (the peer benchmark's 3-router
case). p is small so that geometric heralding is close to exponential (bias O(p)).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from tests.network.chain_helpers import ROUND_S, round_chain, run


def swap_rate_hz(k: int, lam: float) -> float:
    w = [1.0]
    for d in range(k):
        w.append(w[-1] * (k - d) / k)
    z = w[0] + 2 * sum(w[1:])
    return k * lam * (1 - w[0] / z)


@pytest.mark.parametrize(("k", "a"), [(1, 1.0), (3, 1.0), (3, 0.64)])
def test_two_link_throughput_matches_birth_death(k: int, a: float) -> None:
    p, duration = 0.01, 0.4
    rep = run(round_chain(2, p, swap_success=a, memories_per_link=k, duration_s=duration, seed=k))
    t = np.asarray(rep.deliveries["time_s"])
    want = a * swap_rate_hz(k, p / ROUND_S)
    batches = np.histogram(t, bins=20, range=(0, duration))[0] / (duration / 20)
    se = batches.std(ddof=1) / math.sqrt(len(batches))
    got = len(t) / duration
    assert abs(got - want) < 4 * se + 0.01 * want  # 1 %: geometric vs exponential heralding
    if k == 1:  # one memory: the renewal of physics.md 6.3, E[max of 2] rounds per attempt
        assert want == pytest.approx(a * p * (2 - p) / (3 - 2 * p) / ROUND_S, rel=0.01)
