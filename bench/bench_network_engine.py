"""Engine micro-benchmark: why the network schedules callbacks instead of SimPy processes.

The same workload several ways: G links, each repeatedly drawing a geometric number of
attempts and waking at its next success, and every heralded pair getting a cut-off timer
(what the network does). (a) the qonnect Kernel's callbacks on SimPy's queue (cut-off = one
more callback, cancelled when the pair is used); (b) one SimPy process per link plus one
process per pair for its cut-off (interrupted when the pair is used); (c) a bare heapq loop
with the same cut-off entries (the floor). Prints heralds per wall second.

    python bench/bench_network_engine.py [--events 300000]
"""

from __future__ import annotations

import argparse
import heapq
import sys
import time
from collections.abc import Generator
from functools import partial

import numpy as np
import simpy

from qonnect.engine import GeometricClock, Kernel, Priority

PERIOD_PS = 1_000_000


def with_callbacks(n_links: int, n_events: int) -> float:
    k = Kernel()
    clocks = [GeometricClock(np.random.default_rng(i), 0.1) for i in range(n_links)]

    def expire() -> None:
        pass

    def herald(i: int) -> None:
        cutoff = k.call_in(50 * PERIOD_PS, expire)
        cutoff.cancel()  # the pair is used at once
        k.call_in(
            clocks[i].next_attempts() * PERIOD_PS, partial(herald, i), priority=Priority.URGENT
        )

    for i in range(n_links):
        herald(i)
    t = time.perf_counter()
    while k.events_processed < n_events:
        k.run(k.now_ps + 1000 * PERIOD_PS)
    return k.events_processed / (time.perf_counter() - t)


def with_processes(n_links: int, n_events: int) -> float:
    env = simpy.Environment()
    count = [0]
    clocks = [GeometricClock(np.random.default_rng(i), 0.1) for i in range(n_links)]

    def pair() -> Generator[simpy.Event, None, None]:
        try:
            yield env.timeout(50 * PERIOD_PS)
        except simpy.Interrupt:
            pass

    def link(i: int) -> Generator[simpy.Event, None, None]:
        while True:
            yield env.timeout(clocks[i].next_attempts() * PERIOD_PS)
            count[0] += 1
            env.process(pair()).interrupt()  # the pair is used at once

    for i in range(n_links):
        env.process(link(i))
    t = time.perf_counter()
    while count[0] < n_events:
        env.run(until=env.now + 1000 * PERIOD_PS)
    return count[0] / (time.perf_counter() - t)


def with_heap(n_links: int, n_events: int) -> float:
    clocks = [GeometricClock(np.random.default_rng(i), 0.1) for i in range(n_links)]
    q = [(clocks[i].next_attempts() * PERIOD_PS, i, i) for i in range(n_links)]
    heapq.heapify(q)
    seq = n_links
    done = 0
    t = time.perf_counter()
    while done < n_events:
        now, _, i = heapq.heappop(q)
        if i < 0:
            continue  # a cancelled cut-off
        done += 1
        seq += 2
        heapq.heappush(q, (now + 50 * PERIOD_PS, seq - 1, -1))
        heapq.heappush(q, (now + clocks[i].next_attempts() * PERIOD_PS, seq, i))
    return n_events / (time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=300_000)
    ap.add_argument("--links", type=int, default=1000)
    args = ap.parse_args(argv)
    a = with_callbacks(args.links, args.events)
    b = with_processes(args.links, args.events)
    c = with_heap(args.links, args.events)
    print(f"{args.links} links, {args.events:,} heralds each way")
    print(f"(a) Kernel callbacks on SimPy      : {a:12,.0f} heralds/s")
    print(f"(b) SimPy processes (link + pair)  : {b:12,.0f} heralds/s  (a/b = {a / b:.2f})")
    print(f"(c) bare heapq loop, same cut-offs : {c:12,.0f} heralds/s  (c/a = {c / a:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
