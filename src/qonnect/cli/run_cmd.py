"""`qonnect run`, `qonnect schema` and `qonnect report`: scenario files end to end."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import typer

from qonnect.api.report import (
    CIRCUIT_COLUMNS,
    QEC_COLUMNS,
    SUMMARY_COLUMNS,
    circuit_rows,
    qec_rows,
    rebuild_report,
    summary_rows,
    write_run,
)
from qonnect.api.run import run_scenario
from qonnect.api.scenario import load_scenario, scenario_schema
from qonnect.cli.output import console, emit_json, table

_REPORT_ONLY = {"qpus", "supply", "network_simulated_s", "monolithic_success_probability"}
"""Circuit columns the terminal table leaves to the HTML report (width)."""


def print_run(data: dict[str, Any], report: Path, wall_s: float) -> None:
    """The human summary of a run."""
    console.print(
        table(
            f"{data['scenario']}: the link between two QPUs",
            [c for _, c in SUMMARY_COLUMNS],
            summary_rows(data),
        )
    )
    rows = circuit_rows(data)
    if rows:
        keep = [i for i, (k, _) in enumerate(CIRCUIT_COLUMNS) if k not in _REPORT_ONLY]
        console.print(
            table(
                "distributed circuits",
                [CIRCUIT_COLUMNS[i][1] for i in keep],
                [[r[i] for i in keep] for r in rows],
            )
        )
    qrows = qec_rows(data)
    if qrows:
        console.print(table("surface code across two modules", [c for _, c in QEC_COLUMNS], qrows))
    console.print(f"report: {report}  ({wall_s:.1f} s)")


def register(app: typer.Typer) -> None:
    """Add the commands to `app`."""

    @app.command("run")
    def run(
        scenario: Path = typer.Argument(..., help="Scenario YAML file."),
        out: Path = typer.Option(Path("out/run"), "--out", help="Output directory."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Run a scenario: link, network, distributed circuits; write the report."""
        t0 = time.perf_counter()
        s = load_scenario(scenario)
        result = run_scenario(s, base_dir=scenario.parent)
        report = write_run(result, out)
        data = json.loads((out / "results.json").read_text())
        wall = time.perf_counter() - t0
        if json_out:
            data.pop("plots", None)
            emit_json({**data, "report": str(report), "wall_s": wall})
        else:
            print_run(data, report, wall)

    @app.command("schema")
    def schema(
        json_out: bool = typer.Option(True, "--json/--no-json", help="JSON (always)."),
    ) -> None:
        """Print the JSON Schema of scenario files (for editors)."""
        _ = json_out
        emit_json(scenario_schema())

    @app.command("report")
    def report(
        out: Path = typer.Argument(..., help="A directory written by `qonnect run`."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Rebuild report.html (and its plots) from a run directory."""
        path = rebuild_report(out)
        if json_out:
            emit_json({"report": str(path)})
        else:
            console.print(f"report: {path}")
