"""Circuits a scenario names: an MQT Bench benchmark by name and size, or a QASM file.

Examples:
    >>> from qonnect.api.scenario import CircuitSpec
    >>> qc = load_workload_circuit(CircuitSpec(benchmark="ghz", qubits=4))
    >>> qc.num_qubits
    4
"""

from __future__ import annotations

from pathlib import Path

from qiskit import QuantumCircuit

from qonnect.api.scenario import CircuitSpec
from qonnect.core.errors import ConfigurationError
from qonnect.dqc.circuit_io import load_circuit


def load_workload_circuit(spec: CircuitSpec, base_dir: Path | None = None) -> QuantumCircuit:
    """The circuit of `spec`, final measurements kept (the distributor drops them).

    Raises:
        ConfigurationError: unknown benchmark name or size MQT Bench refuses.
        CircuitError: an unreadable QASM file.
    """
    if spec.file is not None:
        path = Path(spec.file)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        return load_circuit(path)
    from mqt.bench import BenchmarkLevel, get_benchmark

    assert spec.benchmark is not None and spec.qubits is not None  # NOTE: validated model
    try:
        qc = get_benchmark(spec.benchmark, BenchmarkLevel.ALG, spec.qubits)
    except (ValueError, KeyError, TypeError) as e:
        raise ConfigurationError(
            f"workload.circuits: MQT Bench has no {spec.benchmark!r} with "
            f"{spec.qubits} qubits ({e})"
        ) from None
    return qc
