"""`qonnect network`: simulate a network scenario, or a linear repeater chain without a file.

qonnect network examples/peer-chain.yaml --duration 1 --seed 3 --json
qonnect network --chain 5 --spacing-km 10 --out out/chain5

`--chain N` builds the peer-comparison chain (shared/validation/peer_chain_scenario.md: its
link, memory and swap parameters) with N routers `--spacing-km` apart and one request end to
end; `--memories`, `--min-fidelity` and `--swap` adjust it. `--out DIR` writes report.json and
the delivered pairs as deliveries.parquet.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path

import typer

from qonnect.cli.output import _clean, console, emit_json, table
from qonnect.core.errors import ConfigurationError
from qonnect.network import NetworkReport, NetworkSimulation, NetworkSpec, load_scenario
from qonnect.network.scenarios import peer_chain
from qonnect.network.spec import SwapPolicy


class SwapChoice(enum.Enum):
    """The `--swap` choices."""

    ASAP = "asap"
    NESTED = "nested"


def _chain_spec(
    n: int, spacing_km: float, memories: int, min_fidelity: float, swap: SwapChoice
) -> NetworkSpec:
    if n < 2:
        raise ConfigurationError(f"--chain: need at least 2 routers, got {n}")
    if spacing_km < 0:
        raise ConfigurationError(f"--spacing-km: must be >= 0, got {spacing_km}")
    if memories < 1:
        raise ConfigurationError(f"--memories: must be >= 1, got {memories}")
    if not 0 <= min_fidelity <= 1:
        raise ConfigurationError(f"--min-fidelity: not (0 <= {min_fidelity} <= 1)")
    spec = peer_chain(n, spacing_km)
    nodes = tuple(
        nd.model_copy(update={"memories": memories * (1 if i in (0, n - 1) else 2)})
        for i, nd in enumerate(spec.nodes)
    )
    req = spec.requests[0].model_copy(
        update={"memories_per_link": memories, "min_fidelity": min_fidelity}
    )
    policy = spec.policy.model_copy(update={"swap": SwapPolicy(swap.value)})
    return spec.model_copy(update={"nodes": nodes, "requests": (req,), "policy": policy})


def _print(report: NetworkReport) -> None:
    rows = [
        [
            r.id,
            f"{r.source}->{r.destination}",
            r.status.value,
            r.delivered,
            r.rate_hz,
            r.fidelity_mean,
            r.latency_mean_s,
            r.plob_rate_hz,
            r.reason,
        ]
        for r in report.requests
    ]
    cols = [
        "request",
        "ends",
        "status",
        "delivered",
        "rate_hz",
        "fidelity",
        "latency_s",
        "PLOB_hz",
        "reason",
    ]
    console.print(table(f"{report.name}: requests", cols, rows))
    p = report.pairs
    console.print(
        f"{report.simulated_s:g} s simulated in {report.wall_s:.3f} s wall, "
        f"{report.events:,} events; link pairs generated {p['generated']:,}, "
        f"delivered {p['delivered']:,}, discarded {sum(p['discarded'].values()):,}, "
        f"stored {p['stored']:,}"
    )


def register(app: typer.Typer) -> None:
    """Add the command to `app`."""

    @app.command("network")
    def network(
        scenario: Path | None = typer.Argument(None, help="Scenario YAML file."),
        chain: int | None = typer.Option(None, "--chain", help="Routers of a linear chain."),
        spacing_km: float = typer.Option(10.0, "--spacing-km", help="Chain spacing (km)."),
        memories: int = typer.Option(10, "--memories", help="Chain memories per link end."),
        min_fidelity: float = typer.Option(0.5, "--min-fidelity", help="Chain request's F."),
        swap: SwapChoice = typer.Option(SwapChoice.ASAP, "--swap", help="Chain swap policy."),
        duration: float | None = typer.Option(None, "--duration", help="Simulated seconds."),
        seed: int | None = typer.Option(None, "--seed", help="Random seed."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
        out: Path | None = typer.Option(
            None, "--out", help="Write report.json, deliveries.parquet."
        ),
    ) -> None:
        """Simulate a quantum network: requests, swapping, purification, faults."""
        if (scenario is None) == (chain is None):
            raise ConfigurationError(
                "give either a SCENARIO file or --chain N, not both or neither"
            )
        if duration is not None and not duration > 0:
            raise ConfigurationError(f"--duration: must be > 0, got {duration}")
        if seed is not None and seed < 0:
            raise ConfigurationError(f"--seed: must be >= 0, got {seed}")
        if scenario is not None:
            spec = load_scenario(scenario)
        else:
            assert chain is not None  # NOTE: guaranteed by the check above
            spec = _chain_spec(chain, spacing_km, memories, min_fidelity, swap)
        report = NetworkSimulation(spec, duration_s=duration, seed=seed).run()
        data = report.to_dict()
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / "report.json").write_text(json.dumps(_clean(data), indent=2))
            report.write_parquet(out / "deliveries.parquet")
            data["out"] = str(out)
        if json_out:
            emit_json(data)
        else:
            _print(report)
