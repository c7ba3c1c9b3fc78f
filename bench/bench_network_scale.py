"""Scale benchmark: a 10,000-node random geometric network, 1,000 concurrent requests, 1 s.

Nodes uniform in a 100 km x 100 km square, fibre between nodes closer than 1.5 km (~7
neighbours each; the largest connected component is kept), Barrett-Kok links at 1 kHz
excitation, 16 memories per node with depolarizing memories (T = 1 s), swap success 0.9. Each
request joins a random node to a random node 5-10 km away (metro traffic), asks for
min fidelity 0.6, reserves 1 memory per link end; all 1,000 arrive at t = 0 and compete for
memories (first come, first served; the rest wait). Prints wall time, peak RSS and what was
delivered. Target (issue 3): <= 60 s and <= 4 GiB on 2 cores.

    python bench/bench_network_scale.py [--nodes 10000] [--requests 1000] [--duration 1]
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time

import numpy as np

from qonnect.network import NetworkSimulation, NetworkSpec, RequestSpec, random_geometric


def build(n_nodes: int, n_requests: int, seed: int) -> NetworkSpec:
    rng = np.random.default_rng(seed)
    side = 100.0 * (n_nodes / 10_000) ** 0.5
    base = random_geometric(
        n_nodes,
        side,
        1.5,
        rng,
        node={
            "kind": "repeater",
            "memories": 16,
            "memory": {"t_depolarizing_s": 1.0},
            "swap": {"success_probability": 0.9, "gate_depolarizing": 0.002},
        },
        edge={"link": {"efficiencies": [0.7, 0.9], "excitation_rate_hz": 1000.0, "fidelity": 0.98}},
    )
    ids = [n.id for n in base.nodes]
    pos = np.array([n.position_km for n in base.nodes])
    requests = []
    for i in range(n_requests):
        while True:
            a = int(rng.integers(len(ids)))
            d = np.hypot(*(pos - pos[a]).T)
            near = np.flatnonzero((d > 5.0) & (d < 10.0))
            if near.size:
                b = int(rng.choice(near))
                break
        requests.append(
            RequestSpec(id=f"q{i}", source=ids[a], destination=ids[b], min_fidelity=0.6)
        )
    return base.model_copy(update={"requests": tuple(requests), "seed": seed})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=1_000)
    ap.add_argument("--duration", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    spec = build(args.nodes, args.requests, args.seed)
    t1 = time.perf_counter()
    sim = NetworkSimulation(spec, duration_s=args.duration)
    t2 = time.perf_counter()
    rep = sim.run()
    t3 = time.perf_counter()
    rss_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    served = sum(r.admissions > 0 for r in rep.requests)
    delivered = sum(r.delivered for r in rep.requests)
    f = [r.fidelity_mean for r in rep.requests if r.delivered]
    hops = [len(r.route) - 1 for r in rep.requests if r.route]
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(
        f"network: {len(spec.nodes):,} nodes, {len(spec.edges):,} edges; "
        f"{len(spec.requests):,} requests; {args.duration:g} s simulated"
    )
    print(f"build scenario      {t1 - t0:8.2f} s")
    print(f"set up (controller) {t2 - t1:8.2f} s")
    print(
        f"simulate            {t3 - t2:8.2f} s  ({rep.events:,} events, "
        f"{rep.events / (t3 - t2):,.0f} events/s)"
    )
    print(f"total wall          {t3 - t0:8.2f} s   (target <= 60 s)")
    print(f"peak RSS            {rss_gib:8.2f} GiB (target <= 4 GiB)")
    print(
        f"requests served {served:,} (the rest waited for memories); mean route "
        f"{np.mean(hops):.1f} hops; delivered pairs {delivered:,}; mean fidelity "
        f"{np.mean(f):.4f}; link pairs {rep.pairs['generated']:,}; "
        f"ledger balance {rep.pairs['balance']}"
    )
    ok = (t3 - t0) <= 60 and rss_gib <= 4
    print("PASS" if ok else "OVER TARGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
