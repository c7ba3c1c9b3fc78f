"""The primitive steps of a distributed program and the record of each Bell pair it consumes.

A distributed program is a flat list of steps on physical slots (a QPU's data or
communication qubit): local gates, the arrival of an ideal Bell pair on two communication
qubits, a Z measurement followed by reset, and a Pauli correction conditioned on a classical
bit (possibly measured on another QPU). The remote-operation protocols (cat-entangler,
cat-disentangler, teleportation; physics.md section 8) are sequences of these steps.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Protocol(enum.Enum):
    """What a Bell pair is used for."""

    TELEGATE = "telegate"  # cat-entangler hop: copies a qubit (in its packet's frame)
    TELEPORT = "teleport"  # teledata: moves a qubit


class Pauli(enum.Enum):
    """A classically controlled correction."""

    X = "x"
    Z = "z"


@dataclass(frozen=True, slots=True)
class Slot:
    """A physical qubit: data qubit `index` or communication qubit `index` of QPU `qpu`."""

    qpu: int
    comm: bool
    index: int


@dataclass(frozen=True, slots=True)
class GateStep:
    """A local gate on one QPU; `op_index` is the original op (-1 for protocol gates)."""

    name: str
    slots: tuple[Slot, ...]
    params: tuple[float, ...]
    op_index: int


@dataclass(frozen=True, slots=True)
class BellStep:
    """Bell pair `pair_id` (Phi+) arrives on communication qubits `a` and `b`."""

    pair_id: int
    a: Slot
    b: Slot


@dataclass(frozen=True, slots=True)
class MeasureStep:
    """Measure `slot` in Z into classical bit `bit`, then reset it to |0>."""

    slot: Slot
    bit: int


@dataclass(frozen=True, slots=True)
class CorrectStep:
    """Apply `pauli` to `slot` if classical bit `bit` is 1."""

    pauli: Pauli
    slot: Slot
    bit: int


Step = GateStep | BellStep | MeasureStep | CorrectStep


@dataclass(frozen=True, slots=True)
class BellPairUse:
    """One Bell pair consumed by the program, for a scheduler to match with a delivered pair.

    Args:
        pair_id: unique id, in order of first use.
        qpus: the two QPUs (sender, receiver) sharing the pair.
        protocol: telegate (cat-entangler hop) or teleport.
        qubit: the logical qubit copied or moved.
        gate_indices: ops of the original (native) circuit executed with the copy this pair
            created (empty for a pure relay hop and for teleportation).
        step_index: index of the pair's BellStep in the program.
    """

    pair_id: int
    qpus: tuple[int, int]
    protocol: Protocol
    qubit: int
    gate_indices: tuple[int, ...]
    step_index: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {
            "pair_id": self.pair_id,
            "qpus": list(self.qpus),
            "protocol": self.protocol.value,
            "qubit": self.qubit,
            "gate_indices": list(self.gate_indices),
            "step_index": self.step_index,
        }
