"""Where sweep points run: in this process, a local process pool, or a Dask cluster.

`execute_points` yields each `PointRecord` as soon as its point finishes (in completion
order, not grid order); the caller stores it at once. Every point carries its own scenario
and seed, so the records do not depend on where or in which order points ran.

Examples:
    >>> from qonnect.api.experiment import evaluate
    >>> from qonnect.api.scenario import scenario_from_data
    >>> from qonnect.api.sweep_point import make_points
    >>> pts = make_points(scenario_from_data({"name": "x"}), [{"distance_km": 5.0}])
    >>> [r.params for r in execute_points(pts, evaluate, workers=1)]
    [{'distance_km': 5.0}]
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from qonnect.api.scenario import Scenario
from qonnect.api.store import PointRecord
from qonnect.api.sweep_point import SweepPoint
from qonnect.core.errors import ConfigurationError, QonnectError

Evaluate = Callable[[Scenario], Mapping[str, Any]]
"""A module-level function from a scenario to flat metrics (pickled by reference)."""

_SCHEDULER = re.compile(r"^[a-z][a-z0-9+]*://\S+$")


def evaluate_point(point: SweepPoint, evaluate: Evaluate) -> PointRecord:
    """Evaluate one point (in a worker); a rejected point (ValueError/QonnectError) becomes a
    record with its error, anything else propagates.

    Examples:
        >>> from qonnect.api.experiment import evaluate
        >>> from qonnect.api.scenario import scenario_from_data
        >>> from qonnect.api.sweep_point import make_points
        >>> p = make_points(scenario_from_data({"name": "x"}), [{"modes": 3}])[0]
        >>> r = evaluate_point(p, evaluate)
        >>> r.key == p.key, r.seed == p.seed, r.error, r.metrics["link.rate_hz"] > 0
        (True, True, None, True)
    """
    t0 = time.perf_counter()
    error: str | None = None
    try:
        metrics = dict(evaluate(point.scenario))
    except (QonnectError, ValueError) as e:
        metrics, error = {}, f"{type(e).__name__}: {e}"
    return PointRecord(
        key=point.key,
        index=point.index,
        params=point.param_dict,
        seed=point.seed,
        metrics=metrics,
        wall_s=time.perf_counter() - t0,
        error=error,
    )


def _exit_with_parent(parent_pid: int) -> None:
    """Pool-worker initializer: exit when the sweep process is gone (even after SIGKILL, which
    leaves no chance to shut the pool down)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="qonnect-parent-watch", daemon=True).start()


def check_scheduler(address: str) -> str:
    """Validate a Dask scheduler address (`tcp://HOST:PORT`, `tls://...`, ...).

    Examples:
        >>> check_scheduler("tcp://127.0.0.1:8786")
        'tcp://127.0.0.1:8786'
        >>> check_scheduler("127.0.0.1")
        Traceback (most recent call last):
        ...
        qonnect.core.errors.ConfigurationError: --scheduler '127.0.0.1': expected an address \
such as tcp://HOST:PORT
    """
    if not _SCHEDULER.match(address):
        raise ConfigurationError(
            f"--scheduler {address!r}: expected an address such as tcp://HOST:PORT"
        )
    return address


def default_workers() -> int:
    """os.cpu_count(), at least 1."""
    return max(1, os.cpu_count() or 1)


def check_workers(workers: int | None) -> int:
    """The worker count to use: `workers`, or `default_workers()` when None.

    Examples:
        >>> check_workers(3)
        3
        >>> check_workers(0)
        Traceback (most recent call last):
        ...
        qonnect.core.errors.ConfigurationError: --workers must be a positive integer, got 0
    """
    n = default_workers() if workers is None else workers
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ConfigurationError(f"--workers must be a positive integer, got {workers!r}")
    return n


def execute_points(
    points: Sequence[SweepPoint],
    evaluate: Evaluate,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Iterator[PointRecord]:
    """Run `points` and yield their records as they finish.

    Args:
        points: the points to compute.
        evaluate: the metric function (module-level, so workers can import it).
        workers: local processes (default `os.cpu_count()`); 1 runs in this process, in order.
        scheduler: a Dask scheduler address; when given, points run on that cluster
            (`distributed.Client(address)`, submit, `as_completed`) and `workers` is unused.

    Raises:
        ConfigurationError: a bad worker count, a malformed scheduler address, or a scheduler
            that cannot be reached.
    """
    if scheduler is not None:
        check_scheduler(scheduler)
    n = check_workers(workers)
    if not points:
        return
    if scheduler is not None:
        yield from _dask(points, evaluate, scheduler)
        return
    n = min(n, len(points))
    if n == 1:
        for p in points:
            yield evaluate_point(p, evaluate)
        return
    yield from _pool(points, evaluate, n)


def _pool(points: Sequence[SweepPoint], evaluate: Evaluate, n: int) -> Iterator[PointRecord]:
    # NOTE: spawn, not fork: the parent may hold threads (rich's progress refresh) and fork
    # would copy their locks; workers import qonnect afresh.
    ctx = multiprocessing.get_context("spawn")
    ex = ProcessPoolExecutor(
        max_workers=n, mp_context=ctx, initializer=_exit_with_parent, initargs=(os.getpid(),)
    )
    try:
        # NOTE: keep at most 2n points in flight so an interrupted sweep has little queued work
        # and results stream steadily into the store.
        todo = iter(points)
        running: set[Future[PointRecord]] = set()
        for p in todo:
            running.add(ex.submit(evaluate_point, p, evaluate))
            if len(running) >= 2 * n:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
                nxt = next(todo, None)
                if nxt is not None:
                    running.add(ex.submit(evaluate_point, nxt, evaluate))
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _dask(points: Sequence[SweepPoint], evaluate: Evaluate, address: str) -> Iterator[PointRecord]:
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout="15s", set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise ConfigurationError(f"--scheduler {address!r}: cannot connect ({e})") from None
    try:
        futures = [
            client.submit(evaluate_point, p, evaluate, key=f"qonnect-point-{p.key}", pure=False)
            for p in points
        ]
        for fut in as_completed(futures, loop=client.loop):
            rec = fut.result()
            fut.release()
            yield rec
    finally:
        client.close()
