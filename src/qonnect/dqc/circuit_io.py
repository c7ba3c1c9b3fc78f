"""Read a circuit from OpenQASM 2 or 3 text or a file, with one clear error when it cannot."""

from __future__ import annotations

from pathlib import Path

from qiskit import QuantumCircuit, qasm2, qasm3

from qonnect.core.errors import CircuitError


def parse_qasm(text: str, *, source: str = "<string>") -> QuantumCircuit:
    """Parse OpenQASM 2 or 3 (chosen by the `OPENQASM` header; 2 when absent).

    Raises:
        CircuitError: the text does not parse; the message names `source` and the reason.

    Examples:
        >>> qc = parse_qasm('OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; cx q[0], q[1];')
        >>> qc.num_qubits, qc.count_ops()["cx"]
        (2, 1)
        >>> bad = "OPENQASM 3.0; qubit[2] q; frob q[0];"
        >>> parse_qasm(bad, source="x.qasm")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        qonnect.core.errors.CircuitError: x.qasm: cannot parse OpenQASM 3: ...
    """
    head = text.lstrip()[:64]
    version = 3 if head.startswith("OPENQASM 3") else 2
    try:
        if version == 3:
            return qasm3.loads(text)
        return qasm2.loads(text, custom_instructions=qasm2.LEGACY_CUSTOM_INSTRUCTIONS)
    except Exception as e:  # NOTE: the parsers raise many unrelated types; report them as one
        reason = " ".join(str(e).split())[:300] or type(e).__name__
        raise CircuitError(f"{source}: cannot parse OpenQASM {version}: {reason}") from e


def load_circuit(path: str | Path) -> QuantumCircuit:
    """Read an OpenQASM 2 or 3 file.

    Raises:
        CircuitError: the file is missing, unreadable or does not parse.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CircuitError(f"circuit file {str(p)!r}: cannot read ({e.__class__.__name__})") from e
    return parse_qasm(text, source=str(p))
