"""`Kernel`: the discrete-event kernel, SimPy with integer picosecond time and cheap callbacks.

SimPy's queue holds (time, priority, sequence, event), so ties resolve in insertion order and a
run is reproducible. Instead of one SimPy process (a generator) per pair or per link, the
network schedules plain callbacks: a bare `simpy.Event` whose only callback is the action. This
skips the generator machinery while SimPy stays the event kernel (`bench/bench_network_engine.py`
measures the difference).

Two priorities exist: `Priority.URGENT` actions run before `Priority.NORMAL` ones scheduled for
the same picosecond (the network uses this so that a pair heralded at the instant of a cut-off
is still swapped, as in the round model of physics.md section 6.3).

Examples:
    >>> k = Kernel()
    >>> seen = []
    >>> _ = k.call_in(5, lambda: seen.append(("b", k.now_ps)))
    >>> _ = k.call_in(5, lambda: seen.append(("a", k.now_ps)), priority=Priority.URGENT)
    >>> t = k.call_in(3, lambda: seen.append(("cancelled", k.now_ps)))
    >>> t.cancel()
    >>> k.run(until_ps=10)
    >>> seen
    [('a', 5), ('b', 5)]
    >>> k.events_processed, k.now_ps
    (2, 10)
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

import simpy
from simpy.events import Event

from qonnect.core.validate import check_non_negative


class Priority(IntEnum):
    """Order of actions scheduled for the same picosecond (lower runs first)."""

    URGENT = 0
    NORMAL = 1


class Timer(Event):
    """A scheduled action (a SimPy event whose one callback runs it).

    `cancel()` turns it into a no-op; it stays in the heap until its time comes.
    """

    def __init__(self, kernel: Kernel, action: Callable[[], None]) -> None:
        # NOTE: Event.__init__ is inlined (same three fields) because this is the hot path
        self.env = kernel.env
        self.callbacks = [self._fire]
        self._value = None
        self._ok = True
        self._kernel = kernel
        self.action: Callable[[], None] | None = action

    @property
    def cancelled(self) -> bool:
        """True once cancelled (or run)."""
        return self.action is None

    def cancel(self) -> None:
        """Do not run the action (idempotent)."""
        self.action = None

    def _fire(self, _event: Event) -> None:
        action = self.action
        if action is not None:
            self.action = None
            self._kernel.events_processed += 1
            action()


class Kernel:
    """SimPy environment in integer picoseconds with callback scheduling.

    Attributes:
        env: the underlying `simpy.Environment` (time unit: 1 ps); processes may use it too.
        events_processed: actions run so far (cancelled timers are not counted).
    """

    __slots__ = ("env", "events_processed")

    def __init__(self) -> None:
        self.env = simpy.Environment(initial_time=0)
        self.events_processed = 0

    @property
    def now_ps(self) -> int:
        """The current simulated time in picoseconds."""
        return self.env._now  # type: ignore[return-value]  # NOTE: always an int here

    def call_in(
        self, delay_ps: int, action: Callable[[], None], *, priority: Priority = Priority.NORMAL
    ) -> Timer:
        """Run `action()` after `delay_ps` picoseconds (an int >= 0); returns a cancellable timer.

        Raises:
            ValueError: if `delay_ps` is negative or not an integer.
        """
        if delay_ps.__class__ is not int or delay_ps < 0:
            if not isinstance(delay_ps, int) or isinstance(delay_ps, bool) or delay_ps < 0:
                raise ValueError(f"Kernel.call_in: delay_ps must be an int >= 0, got {delay_ps!r}")
        env = self.env
        timer = Timer(self, action)
        env.schedule(timer, priority, delay_ps)  # type: ignore[arg-type]  # an int, as SimPy's
        return timer

    def call_at(
        self, time_ps: int, action: Callable[[], None], *, priority: Priority = Priority.NORMAL
    ) -> Timer:
        """Run `action()` at the absolute time `time_ps` (not in the past)."""
        return self.call_in(time_ps - self.now_ps, action, priority=priority)

    def run(self, until_ps: int) -> None:
        """Process events scheduled strictly before `until_ps`, then set the clock to it."""
        check_non_negative("Kernel.run.until_ps", until_ps)
        if until_ps > self.env.now:
            self.env.run(until=until_ps)
