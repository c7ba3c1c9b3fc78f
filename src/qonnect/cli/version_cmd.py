"""`qonnect version`: the installed version and the versions of the engines under it."""

from __future__ import annotations

from importlib import metadata

import typer

from qonnect.cli.output import console, emit_json, table

_DEPS = ("numpy", "simpy", "networkx", "qiskit", "qiskit-aer", "stim", "pymatching", "mtkahypar")


def register(app: typer.Typer) -> None:
    """Add the command to `app`."""

    @app.command("version")
    def version(json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """Print qonnect's version and those of its main dependencies."""
        versions = {"qonnect": metadata.version("qonnect")}
        for d in _DEPS:
            try:
                versions[d] = metadata.version(d)
            except metadata.PackageNotFoundError:
                versions[d] = "not installed"
        if json_out:
            emit_json(versions)
        else:
            console.print(table("qonnect", ["package", "version"], list(versions.items())))
