"""The event kernel: integer time, tie order, priorities, cancellation, channels, streams."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest
import simpy

from qonnect.engine import ClassicalChannel, GeometricClock, Kernel, Priority, UniformDraws


def test_ties_run_in_insertion_order_and_urgent_first() -> None:
    k = Kernel()
    seen: list[str] = []
    for name in "abc":
        k.call_in(7, lambda name=name: seen.append(name))
    k.call_in(7, lambda: seen.append("urgent"), priority=Priority.URGENT)
    k.call_in(3, lambda: seen.append("early"))
    k.run(until_ps=100)
    assert seen == ["early", "urgent", "a", "b", "c"]
    assert k.events_processed == 5
    assert isinstance(k.now_ps, int) and k.now_ps == 100


def test_events_at_the_horizon_do_not_run_and_cancel_is_a_no_op() -> None:
    k = Kernel()
    seen: list[int] = []
    k.call_in(10, lambda: seen.append(10))
    t = k.call_in(5, lambda: seen.append(5))
    t.cancel()
    t.cancel()
    k.run(until_ps=10)
    assert seen == []
    k.run(until_ps=11)
    assert seen == [10]
    assert k.events_processed == 1


def test_call_at_and_nested_scheduling_keep_exact_picoseconds() -> None:
    k = Kernel()
    times: list[int] = []

    def tick() -> None:
        times.append(k.now_ps)
        if len(times) < 5:
            k.call_in(1_000_000_007, tick)  # not representable exactly as a float of seconds

    k.call_at(3, tick)
    k.run(until_ps=10**13)
    assert times == [3 + i * 1_000_000_007 for i in range(5)]


@pytest.mark.parametrize("bad", [-1, 1.5])
def test_bad_delays_are_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match="delay_ps"):
        Kernel().call_in(bad, lambda: None)  # type: ignore[arg-type]


def test_kernel_is_simpy_and_processes_can_share_it() -> None:
    k = Kernel()
    log: list[tuple[str, int]] = []

    def proc(env: simpy.Environment):  # type: ignore[no-untyped-def]
        yield env.timeout(4)
        log.append(("process", int(env.now)))

    k.env.process(proc(k.env))
    k.call_in(2, lambda: log.append(("callback", k.now_ps)))
    k.run(until_ps=10)
    assert log == [("callback", 2), ("process", 4)]


@dataclass(frozen=True, slots=True)
class _Msg:
    n: int


def test_channel_delivers_typed_messages_in_order_after_the_delay() -> None:
    k = Kernel()
    got: list[tuple[int, int]] = []
    ch: ClassicalChannel[_Msg] = ClassicalChannel(
        k, 48_974_000, lambda m: got.append((m.n, k.now_ps))
    )
    k.call_in(1000, lambda: [ch.send(_Msg(i)) for i in range(3)])
    k.run(until_ps=10**9)
    assert got == [(0, 48_975_000), (1, 48_975_000), (2, 48_975_000)]
    assert ch.messages_sent == 3
    with pytest.raises(ValueError):
        ClassicalChannel(k, -1, lambda m: None)


@pytest.mark.parametrize("p", [0.5, 0.01])
def test_geometric_clock_mean_and_variance(p: float) -> None:
    c = GeometricClock(np.random.default_rng(5), p)
    x = np.array([c.next_attempts() for _ in range(40_000)], dtype=float)
    mean, var = 1 / p, (1 - p) / p**2
    assert x.min() >= 1
    assert abs(x.mean() - mean) < 4 * math.sqrt(var / x.size)
    # variance of the sample variance ~ (mu4 - var^2)/n; a 10 % band is > 6 sigma here
    assert abs(x.var() / var - 1) < 0.1


def test_streams_same_seed_same_draws_other_seed_other_draws() -> None:
    def draws(seed: int) -> list[int]:
        c = GeometricClock(np.random.default_rng(seed), 0.1)
        return [c.next_attempts() for _ in range(50)]

    assert draws(1) == draws(1)
    assert draws(1) != draws(2)
    u = UniformDraws(np.random.default_rng(0))
    assert all(0 <= u.next() < 1 for _ in range(1000))
    with pytest.raises(ValueError):
        GeometricClock(np.random.default_rng(0), 0.0)
