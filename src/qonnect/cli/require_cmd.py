"""`qonnect require`: the least demanding value of one parameter that meets a target."""

from __future__ import annotations

from pathlib import Path

import typer

from qonnect.api.require import find_requirement, parse_range
from qonnect.api.scenario import load_scenario
from qonnect.api.target import parse_target
from qonnect.cli.output import console, emit_json, table


def register(app: typer.Typer) -> None:
    """Add the command to `app`."""

    @app.command("require")
    def require(
        scenario: Path = typer.Argument(..., help="Scenario YAML file."),
        target: str = typer.Option(
            ..., "--target", help="METRIC OP NUMBER, e.g. 'fidelity>=0.9' or 'rate>=100'."
        ),
        vary: str = typer.Option(
            ..., "--vary", help="Scenario path to vary, e.g. transducer.added_noise."
        ),
        range_: str | None = typer.Option(
            None, "--range", help="LO:HI search range (default: per parameter)."
        ),
        rtol: float = typer.Option(1e-3, "--rtol", help="Relative width of the final bracket."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Find the least demanding value of one parameter for which a metric meets a target
        (bisection; says which way the metric moves and when no value can)."""
        base = load_scenario(scenario)
        tgt = parse_target(target)
        lo, hi = parse_range(range_) if range_ is not None else (None, None)
        r = find_requirement(base, tgt, vary, lo=lo, hi=hi, rtol=rtol)
        if json_out:
            emit_json(r.to_dict())
            return
        rows = [
            ("target", str(tgt)),
            ("parameter", r.parameter),
            ("range", f"{r.lo:g} .. {r.hi:g}" + (" (log bisection)" if r.log_space else "")),
            ("metric vs parameter", r.direction),
            ("least demanding", r.least_demanding),
            ("feasible", r.feasible),
            ("value", None if r.value is None else f"{r.value:.6g}"),
            ("bracket", None if r.bracket is None else f"{r.bracket[0]:.6g} .. {r.bracket[1]:.6g}"),
            (f"{tgt.metric} there", None if r.metric is None else f"{r.metric:.6g}"),
            ("standard error of the metric", r.metric_stderr),
            ("statistical error of the value", r.value_stat_error),
            ("best value (if infeasible)", None if r.feasible else r.best_value),
            ("evaluations", len(r.evaluations)),
            ("monotone over evaluations", r.monotone),
        ]
        console.print(table(f"{base.name}: requirement on {vary}", ["quantity", "value"], rows))
        console.print(r.message)
