"""`run_sweep`: a scenario over a grid, each point stored as it finishes, resumable.

The points (`sweep_point.make_points`) already in the store (`store.ResultStore`, by content
hash) are reused; the others run locally or on a Dask cluster (`executor.execute_points`) and
are appended one by one, so a sweep killed at any moment and run again ends with every point
exactly once. At the end `results.parquet` and `sweep.json` are written.

Examples:
    >>> import shutil, tempfile
    >>> from qonnect.api.grid import parse_grid
    >>> from qonnect.api.scenario import scenario_from_data
    >>> base = scenario_from_data({"name": "x"})
    >>> out = tempfile.mkdtemp()
    >>> r = run_sweep(base, [parse_grid("distance_km=5,10")], out, workers=1)
    >>> len(r.records), r.computed, r.reused
    (2, 2, 0)
    >>> r2 = run_sweep(base, [parse_grid("distance_km=5,10,20")], out, workers=1)
    >>> r2.computed, r2.reused, r2.records[:2] == r.records
    (1, 2, True)
    >>> shutil.rmtree(out)
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from qonnect.api.executor import Evaluate, check_scheduler, check_workers, execute_points
from qonnect.api.grid import GridAxis, grid_points
from qonnect.api.scenario import Scenario
from qonnect.api.store import PointRecord, ResultStore
from qonnect.api.sweep_point import make_points, qonnect_version


class SweepProgress(Protocol):
    """What a sweep reports while it runs (the CLI draws a progress bar from it)."""

    def start(self, total: int, done: int) -> None:
        """`total` points, `done` of them already in the store."""

    def advance(self, record: PointRecord) -> None:
        """One more point finished and stored."""


@dataclass(frozen=True, slots=True)
class SweepResult:
    """What a sweep produced.

    Args:
        axes: the grid.
        records: one record per grid point, in grid order.
        computed: points evaluated by this run.
        reused: points found in the store.
        out: the store directory.
        wall_s: this run's wall time (s).
        torn_bytes: bytes of a torn last line the store dropped on opening.
    """

    axes: tuple[GridAxis, ...]
    records: tuple[PointRecord, ...]
    computed: int
    reused: int
    out: Path
    wall_s: float
    torn_bytes: int = 0

    def __post_init__(self) -> None:
        if self.computed + self.reused != len(self.records):
            raise ValueError(
                f"SweepResult: computed={self.computed} + reused={self.reused} "
                f"!= points={len(self.records)}"
            )

    @property
    def failed(self) -> int:
        """Points whose evaluation was rejected (their record carries the error)."""
        return sum(r.error is not None for r in self.records)


def _default_evaluate() -> Evaluate:
    from qonnect.api.experiment import evaluate

    return evaluate


def run_sweep(
    base: Scenario,
    axes: Sequence[GridAxis],
    out: str | Path,
    *,
    evaluate: Evaluate | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: SweepProgress | None = None,
) -> SweepResult:
    """Evaluate `base` at every point of the grid `axes`, storing results in `out`.

    Args:
        base: the scenario the grid values are set on (`Scenario.with_value`).
        axes: the grid (Cartesian product; none means the base scenario alone).
        out: the store directory (created; an existing store is resumed).
        evaluate: the metric function (default `qonnect.api.experiment.evaluate`).
        workers: local worker processes (default `os.cpu_count()`; 1 = in this process).
        scheduler: Dask scheduler address; points run on that cluster instead.
        progress: receives the total and each finished point.

    Returns:
        The records in grid order, with counts of computed and reused points.

    Raises:
        ConfigurationError: a bad grid value, worker count, scheduler address, or a store that
            is damaged or in use by another sweep.
    """
    t0 = time.perf_counter()
    check_workers(workers)
    if scheduler is not None:
        check_scheduler(scheduler)
    fn = evaluate if evaluate is not None else _default_evaluate()
    points = make_points(base, grid_points(axes))
    out_dir = Path(out)
    with ResultStore(out_dir) as store:
        todo = [p for p in points if p.key not in store.records]
        reused = len(points) - len(todo)
        if progress is not None:
            progress.start(len(points), reused)
        for rec in execute_points(todo, fn, workers=workers, scheduler=scheduler):
            store.append(rec)
            if progress is not None:
                progress.advance(rec)
        # a stored point may come from another grid: show it with this grid's parameters
        records = tuple(
            dataclasses.replace(store.records[p.key], index=p.index, params=p.param_dict)
            for p in points
        )
        result = SweepResult(
            axes=tuple(axes),
            records=records,
            computed=len(todo),
            reused=reused,
            out=out_dir,
            wall_s=time.perf_counter() - t0,
            torn_bytes=store.torn_bytes,
        )
        store.write_parquet(records)
        store.write_summary(sweep_summary(base, result))
    return result


def sweep_summary(base: Scenario, result: SweepResult) -> dict[str, Any]:
    """The content of `sweep.json`: grid, base scenario, counts, version."""
    return {
        "qonnect": qonnect_version(),
        "grid": [ax.to_dict() for ax in result.axes],
        "base_scenario": base.model_dump(mode="json"),
        "points": len(result.records),
        "computed": result.computed,
        "reused": result.reused,
        "failed": result.failed,
        "torn_bytes_dropped": result.torn_bytes,
        "wall_s": result.wall_s,
        "keys": [r.key for r in result.records],
    }
