"""`ClassicalChannel`: delivers typed messages to a receiver after a fixed fibre delay.

Messages are any frozen dataclass (one per message kind, defined by the layer that uses the
channel); the receiver dispatches on their type. Delivery order on one channel is the sending
order, because the delay is constant and the kernel breaks ties by insertion order.

Examples:
    >>> from dataclasses import dataclass
    >>> from qonnect.engine.kernel import Kernel
    >>> @dataclass(frozen=True, slots=True)
    ... class Ping:
    ...     n: int
    >>> k = Kernel()
    >>> got = []
    >>> ch = ClassicalChannel(k, delay_ps=48_974_000, receiver=lambda m: got.append((m, k.now_ps)))
    >>> ch.send(Ping(1)); ch.send(Ping(2))
    >>> k.run(until_ps=10**9)
    >>> got
    [(Ping(n=1), 48974000), (Ping(n=2), 48974000)]
    >>> ch.messages_sent
    2
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Generic, TypeVar

from qonnect.engine.kernel import Kernel, Priority

M = TypeVar("M")


class ClassicalChannel(Generic[M]):
    """A one-way classical link with a constant delay (integer picoseconds).

    Args:
        kernel: the event kernel.
        delay_ps: propagation delay, e.g. fibre length / group velocity.
        receiver: called with each message when it arrives.
    """

    __slots__ = ("_deliver", "_kernel", "delay_ps", "messages_sent")

    def __init__(self, kernel: Kernel, delay_ps: int, receiver: Callable[[M], None]) -> None:
        if not isinstance(delay_ps, int) or delay_ps < 0:
            raise ValueError(f"ClassicalChannel.delay_ps: must be an int >= 0, got {delay_ps!r}")
        self._kernel = kernel
        self.delay_ps = delay_ps
        self._deliver = receiver
        self.messages_sent = 0

    def send(self, message: M) -> None:
        """Send `message`; the receiver gets it `delay_ps` from now."""
        self.messages_sent += 1
        self._kernel.call_in(
            self.delay_ps, partial(self._deliver, message), priority=Priority.NORMAL
        )
