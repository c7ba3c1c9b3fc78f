"""Peer benchmark: SeQUeNCe's repeater chain (shared/validation/peer_chain_scenario.md).

Runs qonnect's `peer_chain` scenario (the same parameters; see qonnect.network.scenarios) for
2 to 17 routers and prints, next to SeQUeNCe's measured figures: delivered pairs, their mean
fidelity, simulated seconds per wall second, delivered pairs per wall second and the ratio of
the latter to SeQUeNCe's (target >= 1000). Medians of 3 seeds; wall time covers building the
simulation and running it. For 17 routers qonnect refuses the request at min fidelity 0.5 (its
planned fidelity is 0.40, and it never delivers a pair below the request's fidelity), so that
row is also run with min fidelity 0, which is what SeQUeNCe effectively does. Chains of 3 or
more routers are run with swap-asap (the default) and with nested (doubling) swapping.

    python bench/bench_network_peer.py [--seeds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from qonnect.network import NetworkSimulation
from qonnect.network.scenarios import peer_chain
from qonnect.network.spec import SwapPolicy

# routers, link km, network s, pairs, fidelity, wall s (SeQUeNCe 0.8.5, medians of 3 runs)
SEQUENCE = [
    (2, 10, 0.5, 451, 0.936, 6.4),
    (2, 10, 1.0, 982, 0.941, 15.5),
    (2, 10, 2.0, 2062, 0.937, 38.2),
    (2, 10, 4.0, 4228, 0.935, 74.5),
    (2, 50, 1.0, 154, 0.943, 7.9),
    (3, 10, 1.0, 649, 0.878, 43.6),
    (5, 10, 1.0, 410, 0.771, 88.8),
    (9, 10, 1.0, 231, 0.630, 214.0),
    (17, 10, 1.0, 133, 0.425, 596.0),
]


def run(
    routers: int, km: float, duration: float, seed: int, min_f: float, swap: str
) -> tuple[int, float, float, str]:
    t = time.perf_counter()
    spec = peer_chain(routers, km, duration, seed)
    request = spec.requests[0].model_copy(update={"min_fidelity": min_f})
    policy = spec.policy.model_copy(update={"swap": SwapPolicy(swap)})
    spec = spec.model_copy(update={"requests": (request,), "policy": policy})
    rep = NetworkSimulation(spec).run()
    wall = time.perf_counter() - t
    r = rep.requests[0]
    assert rep.pairs["balance"] == 0
    return r.delivered, r.fidelity_mean, wall, r.status.value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args(argv)
    head = (
        f"{'routers':>7} {'km':>3} {'net_s':>5} {'swap':>6} {'minF':>4} | {'pairs':>6} "
        f"{'SeQ':>5} {'F':>6} {'SeQ F':>6} | {'wall_s':>7} {'sim_s/wall_s':>12} "
        f"{'pairs/wall_s':>12} {'SeQ p/w':>8} {'ratio':>8}"
    )
    print(head)
    print("-" * len(head))
    for routers, km, dur, seq_pairs, seq_f, seq_wall in SEQUENCE:
        swaps = ("asap", "nested") if routers > 2 else ("asap",)
        min_fs = (0.5, 0.0) if routers == 17 else (0.5,)
        for swap in swaps:
            for min_f in min_fs:
                runs = [run(routers, km, dur, s, min_f, swap) for s in range(1, args.seeds + 1)]
                pairs = statistics.median(x[0] for x in runs)
                fids = [x[1] for x in runs if x[0] > 0]
                fid = statistics.median(fids) if fids else float("nan")
                wall = statistics.median(x[2] for x in runs)
                seq_rate = seq_pairs / seq_wall
                rate = pairs / wall
                ratio = f"{rate / seq_rate:8.0f}x" if pairs else f"{runs[0][3]:>9}"
                print(
                    f"{routers:7d} {km:3.0f} {dur:5.1f} {swap:>6} {min_f:4.1f} | {pairs:6.0f} "
                    f"{seq_pairs:5d} {fid:6.3f} {seq_f:6.3f} | {wall:7.3f} {dur / wall:12.0f} "
                    f"{rate:12,.0f} {seq_rate:8.1f} {ratio}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
