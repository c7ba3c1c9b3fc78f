"""The distributor's view of a circuit: a gate list and its distributable packets.

A packet is a maximal run of two-qubit gates on one qubit that are all diagonal in one Pauli
axis there, with no one-qubit gate off that axis in between. One Bell pair per remote QPU
serves a whole packet through a cat-entangler/disentangler (EJPP, PRA 62, 052317 (2000);
Andres-Martinez & Heunen, PRA 100, 032308 (2019)); a packet in the X axis is served in the
Hadamard frame of its qubit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from qiskit import QuantumCircuit

from qonnect.core.errors import CircuitError
from qonnect.dqc.native import NATIVE_1Q, NATIVE_2Q, Axis, to_native


@dataclass(frozen=True, slots=True)
class Op:
    """One native gate: its name, logical qubits and numeric parameters."""

    name: str
    qubits: tuple[int, ...]
    params: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Packet:
    """Two-qubit gates `gates` (op indices) on `qubit`, all diagonal in `axis` there."""

    index: int
    qubit: int
    axis: Axis
    gates: tuple[int, ...]

    @property
    def first_op(self) -> int:
        """Index of the packet's first gate."""
        return self.gates[0]

    @property
    def last_op(self) -> int:
        """Index of the packet's last gate."""
        return self.gates[-1]


@dataclass(frozen=True, slots=True)
class CircuitModel:
    """Native ops of a circuit with the packets of every qubit.

    `gate_packets[i]` is, for a two-qubit op i on (a, b), the packet indices (on a, on b);
    `None` for one-qubit ops.

    Examples:
        >>> m = CircuitModel.from_ops(3, [Op("cz", (0, 1)), Op("cz", (0, 2)), Op("h", (0,)),
        ...                                Op("cx", (0, 1))])
        >>> [(p.qubit, p.axis.name, p.gates) for p in m.packets]
        [(0, 'Z', (0, 1)), (1, 'Z', (0,)), (2, 'Z', (1,)), (0, 'Z', (3,)), (1, 'X', (3,))]
        >>> m.gate_packets[3]
        (3, 4)
    """

    num_qubits: int
    ops: tuple[Op, ...]
    packets: tuple[Packet, ...] = field(init=False)
    gate_packets: tuple[tuple[int, int] | None, ...] = field(init=False)

    def __post_init__(self) -> None:
        packets, gate_packets = _build_packets(self.num_qubits, self.ops)
        object.__setattr__(self, "packets", packets)
        object.__setattr__(self, "gate_packets", gate_packets)

    @classmethod
    def from_ops(cls, num_qubits: int, ops: Sequence[Op]) -> CircuitModel:
        """Build from an op list (validated: known gate names, qubits in range)."""
        checked = []
        for i, op in enumerate(ops):
            arity = 1 if op.name in NATIVE_1Q else 2 if op.name in NATIVE_2Q else 0
            if arity == 0:
                raise CircuitError(f"op {i}: unsupported gate {op.name!r}")
            if len(op.qubits) != arity or not all(0 <= q < num_qubits for q in op.qubits):
                raise CircuitError(f"op {i}: bad qubits {op.qubits} for {op.name!r}")
            if arity == 2 and op.qubits[0] == op.qubits[1]:
                raise CircuitError(f"op {i}: repeated qubit in {op.qubits}")
            checked.append(Op(op.name, tuple(op.qubits), tuple(float(p) for p in op.params)))
        return cls(num_qubits, tuple(checked))

    @classmethod
    def from_circuit(cls, circuit: QuantumCircuit) -> CircuitModel:
        """Rewrite `circuit` with `to_native` and build its model."""
        native = to_native(circuit)
        index = {q: i for i, q in enumerate(native.qubits)}
        ops = [
            Op(
                inst.operation.name,
                tuple(index[q] for q in inst.qubits),
                tuple(float(p) for p in inst.operation.params),
            )
            for inst in native.data
        ]
        return cls(native.num_qubits, tuple(ops))

    @property
    def two_qubit_ops(self) -> tuple[int, ...]:
        """Indices of the two-qubit ops."""
        return tuple(i for i, g in enumerate(self.gate_packets) if g is not None)

    def to_circuit(self) -> QuantumCircuit:
        """The native circuit these ops describe."""
        qc = QuantumCircuit(self.num_qubits)
        for op in self.ops:
            getattr(qc, op.name)(*op.params, *op.qubits)
        return qc

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form: qubit count and [name, qubits, params] per op."""
        return {
            "num_qubits": self.num_qubits,
            "ops": [[o.name, list(o.qubits), list(o.params)] for o in self.ops],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CircuitModel:
        """Inverse of `to_dict`."""
        ops = [Op(str(n), tuple(int(q) for q in qs), tuple(ps)) for n, qs, ps in data["ops"]]
        return cls.from_ops(int(data["num_qubits"]), ops)


def _build_packets(
    num_qubits: int, ops: Sequence[Op]
) -> tuple[tuple[Packet, ...], tuple[tuple[int, int] | None, ...]]:
    packets: list[Packet] = []
    open_axis: list[Axis | None] = [None] * num_qubits
    open_gates: list[list[int]] = [[] for _ in range(num_qubits)]
    gate_side: list[list[int]] = []  # per 2q op: [op, packet-slot a, packet-slot b] filled below
    pending: list[list[tuple[int, int]]] = [[] for _ in range(num_qubits)]  # (op, side)

    def close(q: int) -> None:
        gates = open_gates[q]
        if gates:
            idx = len(packets)
            axis = open_axis[q]
            if axis is None:  # pragma: no cover - an open packet always has an axis
                raise CircuitError("internal: packet without axis")
            packets.append(Packet(idx, q, axis, tuple(gates)))
            for op_i, side in pending[q]:
                gate_side[op_i][side] = idx
        open_axis[q] = None
        open_gates[q] = []
        pending[q] = []

    gate_row: dict[int, int] = {}
    for i, op in enumerate(ops):
        if len(op.qubits) == 1:
            q = op.qubits[0]
            if open_gates[q] and NATIVE_1Q[op.name] is not open_axis[q]:
                close(q)
            continue
        row = len(gate_side)
        gate_row[i] = row
        gate_side.append([-1, -1])
        for side, (q, axis) in enumerate(zip(op.qubits, NATIVE_2Q[op.name], strict=True)):
            if open_gates[q] and axis is not open_axis[q]:
                close(q)
            open_axis[q] = axis
            open_gates[q].append(i)
            pending[q].append((row, side))
    for q in range(num_qubits):
        close(q)
    gate_packets: list[tuple[int, int] | None] = [None] * len(ops)
    for i, row in gate_row.items():
        a, b = gate_side[row]
        gate_packets[i] = (a, b)
    # Renumber packets in order of their first gate so indices are stable and readable.
    order = sorted(range(len(packets)), key=lambda p: (packets[p].first_op, packets[p].qubit))
    new_index = {old: new for new, old in enumerate(order)}
    renumbered = tuple(
        Packet(new, packets[old].qubit, packets[old].axis, packets[old].gates)
        for new, old in enumerate(order)
    )
    remapped = tuple(
        None if g is None else (new_index[g[0]], new_index[g[1]]) for g in gate_packets
    )
    return renumbered, remapped
