"""`qonnect presets`: list every named physics preset with its values and source."""

from __future__ import annotations

from typing import Any

import typer

from qonnect.cli.output import console, emit_json, table
from qonnect.physics.presets import PRESETS, PresetKind


def preset_listing(kind: PresetKind | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """Every preset of `kind` (all kinds when None) as {kind: {name: fields}}."""
    kinds = list(PresetKind) if kind is None else [kind]
    return {k.value: {name: value.to_dict() for name, value in PRESETS[k].items()} for k in kinds}


def register(app: typer.Typer) -> None:
    """Add the command to `app`."""

    @app.command("presets")
    def presets(
        kind: PresetKind | None = typer.Option(
            None, "--kind", help="Only list presets of this kind.", case_sensitive=False
        ),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """List the named qubit, transducer, detector, fibre and memory presets with sources."""
        listing = preset_listing(kind)
        if json_out:
            emit_json(listing)
            return
        for kind_name, entries in listing.items():
            fields = [f for f in next(iter(entries.values())) if f not in ("name", "source")]
            rows = [[name, *(values[f] for f in fields)] for name, values in entries.items()]
            console.print(table(f"{kind_name} presets", ["name", *fields], rows))
            sources = [[name, values["source"]] for name, values in entries.items()]
            console.print(table(f"{kind_name} sources", ["name", "source"], sources))
