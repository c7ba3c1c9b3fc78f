"""Rewrite a circuit into the one- and two-qubit gates the distributor reasons about.

Two-qubit gates are kept as controlled-diagonal gates (cz, cp, crz, rzz) or cx; everything
else is translated by Qiskit's transpiler. Each gate is classified per qubit by the Pauli axis
it is diagonal in: a run of gates diagonal in one axis on a shared qubit can be served by one
Bell pair through a cat-entangler (physics.md section 8).
"""

from __future__ import annotations

import enum

from qiskit import QuantumCircuit, transpile
from qiskit.circuit import ParameterExpression
from qiskit.circuit.library import get_standard_gate_name_mapping

from qonnect.core.errors import CircuitError


class Axis(enum.Enum):
    """The Pauli basis a gate is diagonal in, on one of its qubits."""

    Z = "z"
    X = "x"


NATIVE_1Q: dict[str, Axis | None] = {
    "rz": Axis.Z,
    "p": Axis.Z,
    "z": Axis.Z,
    "s": Axis.Z,
    "sdg": Axis.Z,
    "t": Axis.Z,
    "tdg": Axis.Z,
    "x": Axis.X,
    "rx": Axis.X,
    "sx": Axis.X,
    "sxdg": Axis.X,
    "h": None,
    "y": None,
    "ry": None,
    "u": None,
}
NATIVE_2Q: dict[str, tuple[Axis, Axis]] = {
    "cx": (Axis.Z, Axis.X),
    "cz": (Axis.Z, Axis.Z),
    "cp": (Axis.Z, Axis.Z),
    "crz": (Axis.Z, Axis.Z),
    "rzz": (Axis.Z, Axis.Z),
}
# In the Hadamard frame an X-diagonal gate becomes the Z-diagonal gate of the same angle.
X_TO_Z_FRAME: dict[str, str] = {"x": "z", "rx": "rz", "sx": "s", "sxdg": "sdg"}
_DROPPED = {"barrier", "id", "delay"}
BASIS_GATES: tuple[str, ...] = (*NATIVE_1Q, *NATIVE_2Q)


def to_native(circuit: QuantumCircuit) -> QuantumCircuit:
    """Return an equivalent circuit over `BASIS_GATES` with final measurements removed.

    A circuit that is already native is returned as it is (not copied).

    Raises:
        CircuitError: a gate without a definition, unbound parameters, classical control,
            or a measurement/reset before the end of the circuit.

    Examples:
        >>> qc = QuantumCircuit(3)
        >>> _ = qc.ccx(0, 1, 2)
        >>> native = to_native(qc)
        >>> set(native.count_ops()) <= set(BASIS_GATES)
        True
    """
    counts = circuit.count_ops()
    if set(counts) <= set(BASIS_GATES) and not circuit.parameters:
        return circuit  # already native: the common case for large generated circuits
    qc = circuit
    if "measure" in counts:
        qc = circuit.remove_final_measurements(inplace=False)
        if qc is None:  # pragma: no cover - inplace=False always returns a circuit
            raise CircuitError("circuit: cannot remove final measurements")
    if qc.parameters:
        names = ", ".join(sorted(p.name for p in qc.parameters))
        raise CircuitError(f"circuit: unbound parameters are not supported ({names})")
    standard = get_standard_gate_name_mapping()
    needs_transpile = False
    touched: set[object] = set()
    leading_resets: set[int] = set()
    for pos, inst in enumerate(qc.data):
        op = inst.operation
        name = op.name
        if name == "reset" and not touched.intersection(inst.qubits):
            leading_resets.add(pos)  # a reset before any gate acts on |0>: a no-op
            continue
        if name in _DROPPED:
            continue
        touched.update(inst.qubits)
        if name in ("measure", "reset"):
            raise CircuitError(
                f"circuit: unsupported mid-circuit {name!r} (only final measurements are allowed)"
            )
        if getattr(op, "condition", None) is not None or name in (
            "if_else",
            "while_loop",
            "for_loop",
            "switch_case",
            "box",
        ):
            raise CircuitError(f"circuit: unsupported classically controlled operation {name!r}")
        if name in _DROPPED:
            continue
        if any(isinstance(p, ParameterExpression) for p in op.params):
            raise CircuitError(f"circuit: gate {name!r} has unbound parameters")
        if name in NATIVE_1Q or name in NATIVE_2Q:
            continue
        if name not in standard and op.definition is None:
            raise CircuitError(f"circuit: unsupported gate {name!r} (no definition)")
        needs_transpile = True
    if leading_resets:
        trimmed = qc.copy_empty_like()
        for pos, inst in enumerate(qc.data):
            if pos not in leading_resets:
                trimmed.append(inst)
        qc = trimmed
    if needs_transpile:
        try:
            qc = transpile(qc, basis_gates=list(BASIS_GATES), optimization_level=0)
        except Exception as e:  # NOTE: transpiler errors are varied; report them as one
            raise CircuitError(f"circuit: cannot rewrite into native gates: {e}") from e
    out = QuantumCircuit(qc.num_qubits, global_phase=qc.global_phase)
    index = {q: i for i, q in enumerate(qc.qubits)}
    for inst in qc.data:
        if inst.operation.name in _DROPPED:
            continue
        out.append(inst.operation, [out.qubits[index[q]] for q in inst.qubits])
    return out
