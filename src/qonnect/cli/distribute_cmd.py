"""`qonnect distribute`: split a QASM circuit over K QPUs with few Bell pairs."""

from __future__ import annotations

import json
import math
from pathlib import Path

import typer

from qonnect.cli.output import _clean, console, emit_json, table
from qonnect.core.errors import ConfigurationError
from qonnect.network.spec import NodeKind


def register(app: typer.Typer) -> None:
    """Add the command to `app`."""

    @app.command("distribute")
    def distribute_cmd(
        circuit: Path = typer.Argument(..., help="OpenQASM 2 or 3 file."),
        qpus: int | None = typer.Option(
            None, "--qpus", help="Number of QPUs K (default: the QPU nodes of --network)."
        ),
        capacity: int | None = typer.Option(
            None, "--capacity", help="Data qubits per QPU (default: ceil(n / K))."
        ),
        comm_qubits: int = typer.Option(2, "--comm-qubits", help="Communication qubits per QPU."),
        network: Path | None = typer.Option(
            None,
            "--network",
            help="Network scenario YAML: its QPU nodes are the QPUs; a pair costs the "
            "elementary pairs of its cheapest route.",
        ),
        seed: int = typer.Option(0, "--seed", help="Partitioner seed."),
        teleport: bool = typer.Option(True, "--teleport/--no-teleport", help="Allow teledata."),
        verify: bool = typer.Option(True, "--verify/--no-verify", help="Simulate and compare."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
        out: Path | None = typer.Option(None, "--out", help="Write per-QPU OpenQASM 3 here."),
    ) -> None:
        """Distribute CIRCUIT over --qpus QPUs and report Bell pairs against two baselines."""
        from qonnect.dqc.circuit_io import load_circuit
        from qonnect.dqc.circuits import to_qasm3
        from qonnect.dqc.distribute import distribute
        from qonnect.dqc.target import Target

        if comm_qubits < 1:
            raise ConfigurationError(f"--comm-qubits: must be an integer >= 1, got {comm_qubits}")
        spec = None
        if network is not None:
            from qonnect.network.scenario_file import load_scenario

            spec = load_scenario(network)
            k_net = sum(1 for n in spec.nodes if n.kind is NodeKind.QPU)
            if qpus is not None and qpus != k_net:
                raise ConfigurationError(
                    f"--qpus: {qpus} != {k_net} QPU nodes in --network {str(network)!r}"
                )
            qpus = k_net
        if qpus is None:
            raise ConfigurationError("--qpus: required unless --network is given")
        if qpus < 1:
            raise ConfigurationError(f"--qpus: must be an integer >= 1, got {qpus}")
        qc = load_circuit(circuit)
        cap = capacity if capacity is not None else max(1, math.ceil(qc.num_qubits / qpus))
        if cap < 1:
            raise ConfigurationError(f"--capacity: must be an integer >= 1, got {cap}")
        qpu_ids: tuple[str, ...] = tuple(str(k) for k in range(qpus))
        if spec is not None:
            from qonnect.dqc.network_target import target_from_network

            target, qpu_ids = target_from_network(spec, cap, comm_qubits)
        else:
            target = Target.all_to_all(qpus, cap, comm_qubits)
        if qc.num_qubits > target.total_capacity:
            raise ConfigurationError(
                f"--capacity: {qc.num_qubits} qubits do not fit on {qpus} QPUs of capacity {cap}"
            )
        report = distribute(qc, target, seed=seed, teleport=teleport, verify=verify)
        data = report.to_dict()
        data["qpu_ids"] = list(qpu_ids)
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            dist = report.distribution
            for k, sub in enumerate(dist.qpu_circuits()):
                (out / f"qpu{k}.qasm").write_text(to_qasm3(sub), encoding="utf-8")
            full = {
                **data,
                "bell_pairs": [u.to_dict() for u in dist.program.pairs],
                "distribution": dist.to_dict(),
            }
            (out / "distribution.json").write_text(
                json.dumps(_clean(full), indent=1), encoding="utf-8"
            )
            data["out"] = str(out)
        if json_out:
            emit_json(data)
            return
        rows = [
            (
                "qubits / ops / packets",
                f"{data['num_qubits']} / {data['num_ops']} / {data['num_packets']}",
            ),
            ("QPUs x capacity, comm", f"{', '.join(qpu_ids)} x {cap}, {comm_qubits}"),
            ("ebits (weighted cost)", f"{data['ebits']} ({data['weighted_cost']:g})"),
            ("non-local gates", data["nonlocal_gates"]),
            ("baseline ebits (naive, 1/gate)", data["baseline_ebits"]),
            ("graph-partition ebits (1/gate)", data["graph_partition_ebits"]),
            ("teleports / evictions", f"{data['teleports']} / {data['evictions']}"),
            ("per QPU pair", ", ".join(f"{k}: {v}" for k, v in data["per_pair"].items()) or "-"),
            ("compile time (s)", data["compile_time_s"]),
            ("verified", data["verified"]),
        ]
        console.print(table(f"distribute {circuit.name}", ["quantity", "value"], rows))
