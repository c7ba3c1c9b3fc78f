"""`qonnect sweep`: a scenario over a parameter grid, locally or on a Dask cluster, resumable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from qonnect.api.grid import parse_grid
from qonnect.api.scenario import load_scenario
from qonnect.api.store import POINTS_FILE, PointRecord
from qonnect.api.sweep import SweepResult, run_sweep
from qonnect.api.sweep_plot import headline_metrics, plot_sweep
from qonnect.cli.output import console, emit_json, err_console, table

PLOT_FILE = "sweep.png"


class _Bar:
    """A rich progress bar on stderr: points done / total, elapsed, ETA."""

    def __init__(self, progress: Progress) -> None:
        self._p = progress
        self._task: TaskID | None = None

    def start(self, total: int, done: int) -> None:
        self._task = self._p.add_task("sweep", total=total, completed=done)

    def advance(self, record: PointRecord) -> None:
        if self._task is not None:
            self._p.advance(self._task)


def _stored_points(out: Path) -> int:
    try:
        return (out / POINTS_FILE).read_bytes().count(b"\n")
    except OSError:
        return 0


def rows(result: SweepResult) -> list[dict[str, Any]]:
    """One JSON row per point: key, params, metrics, wall time, error."""
    return [
        {
            "key": r.key,
            "params": dict(r.params),
            "metrics": dict(r.metrics),
            "wall_s": r.wall_s,
            "error": r.error,
        }
        for r in result.records
    ]


def register(app: typer.Typer) -> None:
    """Add the command to `app`."""

    @app.command("sweep")
    def sweep(
        scenario: Path = typer.Argument(..., help="Scenario YAML file."),
        grid: list[str] = typer.Option(
            ...,
            "--grid",
            help="PATH=START:STOP:COUNT, PATH=log:START:STOP:COUNT or PATH=A,B,C; repeat for "
            "a Cartesian product.",
        ),
        out: Path = typer.Option(..., "--out", help="Results directory (resumed if it exists)."),
        workers: int | None = typer.Option(
            None, "--workers", help="Local worker processes (default: CPU count)."
        ),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="Dask scheduler address, e.g. tcp://HOST:PORT."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Evaluate SCENARIO at every grid point; each finished point is stored at once, so a
        killed sweep resumes where it stopped."""
        base = load_scenario(scenario)
        axes = [parse_grid(g) for g in grid]
        try:
            if json_out:
                result = run_sweep(base, axes, out, workers=workers, scheduler=scheduler)
            else:
                columns = (
                    TextColumn("[bold]sweep"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    TextColumn("eta"),
                    TimeRemainingColumn(),
                )
                with Progress(*columns, console=err_console, transient=False) as progress:
                    result = run_sweep(
                        base,
                        axes,
                        out,
                        workers=workers,
                        scheduler=scheduler,
                        progress=_Bar(progress),
                    )
        except KeyboardInterrupt:
            stored = _stored_points(out)
            err_console.print(
                f"interrupted: {stored} points stored in {out}; run the same command to resume"
            )
            raise typer.Exit(130) from None
        plot = plot_sweep(result, out / PLOT_FILE)
        if json_out:
            emit_json(
                {
                    "points": len(result.records),
                    "computed": result.computed,
                    "reused": result.reused,
                    "failed": result.failed,
                    "out": str(out),
                    "parquet": str(out / "results.parquet"),
                    "plot": str(plot) if plot else None,
                    "wall_s": result.wall_s,
                    "rows": rows(result),
                }
            )
            return
        params = [ax.path for ax in result.axes]
        heads = headline_metrics(result.records)[:4]
        body = [
            [*(r.params.get(p) for p in params), *(r.metrics.get(m) for m in heads), r.error]
            for r in result.records
        ]
        has_err = any(r.error for r in result.records)
        cols = [*params, *heads] + (["error"] if has_err else [])
        console.print(
            table(
                f"{base.name}: {len(result.records)} points "
                f"({result.computed} computed, {result.reused} reused)",
                cols,
                [row if has_err else row[:-1] for row in body],
            )
        )
        console.print(f"store: {out}  (points.jsonl, results.parquet, sweep.json)")
        if plot:
            console.print(f"plot: {plot}")
