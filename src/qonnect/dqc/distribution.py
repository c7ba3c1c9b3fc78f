"""The result of distributing a circuit: decisions, their program, cost and circuits."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from qiskit import QuantumCircuit

from qonnect.core.errors import InfeasibleError
from qonnect.dqc.circuits import combined_circuit, qpu_circuits
from qonnect.dqc.model import CircuitModel
from qonnect.dqc.move import Move
from qonnect.dqc.program import Program, build_program, location
from qonnect.dqc.protocol import Protocol
from qonnect.dqc.target import Target


@dataclass(frozen=True, slots=True)
class Cost:
    """Bell pairs a distribution consumes: total, per adjacent QPU pair, and weighted."""

    ebits: int
    per_pair: dict[tuple[int, int], int]
    weighted: float
    teleports: int
    evictions: int


@dataclass(frozen=True, slots=True)
class Distribution:
    """Where each qubit lives, which packet serves each non-local gate, and moves.

    Args:
        model: the native circuit with its packets.
        target: the QPUs and their graph.
        placement: QPU of each logical qubit (at the start and, except for moves, throughout).
        served_by: per op, the qubit whose packet is preferably copied to serve it (-1: local
            or 1q). The program uses the other qubit's packet instead when that one already
            has a live copy there, or when it avoids an eviction; `program.served_by` and
            each `BellPairUse.gate_indices` record what was actually used.
        moves: teleportation visits (`Move`).

    Examples:
        >>> from qonnect.dqc.model import Op
        >>> m = CircuitModel.from_ops(3, [Op("cz", (0, 1)), Op("cz", (0, 2))])
        >>> d = Distribution(m, Target.all_to_all(2, 2), (0, 1, 1), (0, 0))
        >>> d.is_valid(), d.cost().ebits, d.nonlocal_gates
        (True, 1, 2)
        >>> Distribution.from_dict(d.to_dict()) == d
        True
    """

    model: CircuitModel
    target: Target
    placement: tuple[int, ...]
    served_by: tuple[int, ...]
    moves: tuple[Move, ...] = ()
    _program: list[Program] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "placement", tuple(int(p) for p in self.placement))
        object.__setattr__(self, "served_by", tuple(int(s) for s in self.served_by))
        object.__setattr__(self, "moves", tuple(sorted(self.moves)))
        if len(self.placement) != self.model.num_qubits:
            raise ValueError(
                f"Distribution.placement: length {len(self.placement)} != "
                f"{self.model.num_qubits} qubits"
            )
        if len(self.served_by) != len(self.model.ops):
            raise ValueError(
                f"Distribution.served_by: length {len(self.served_by)} != {len(self.model.ops)} ops"
            )

    @property
    def program(self) -> Program:
        """The lowered program (built once). Raises InfeasibleError if it cannot be built."""
        if not self._program:
            self._program.append(
                build_program(self.model, self.target, self.placement, self.served_by, self.moves)
            )
        return self._program[0]

    def location(self, qubit: int, op_index: int) -> int:
        """QPU holding `qubit` when op `op_index` runs."""
        per: list[list[Move]] = [[] for _ in self.placement]
        for m in self.moves:
            per[m.qubit].append(m)
        return location(self.placement, per, qubit, op_index)

    @property
    def nonlocal_gates(self) -> int:
        """Two-qubit gates whose qubits are on different QPUs when they run."""
        return sum(1 for s in self.served_by if s >= 0)

    def problems(self) -> list[str]:
        """Every broken condition, as sentences (empty when valid)."""
        out: list[str] = []
        k = self.target.num_qpus
        if any(not 0 <= p < k for p in self.placement):
            out.append(f"placement names a QPU outside 0..{k - 1}")
            return out
        load = Counter(self.placement)
        for qpu, cap in enumerate(self.target.capacities):
            if load[qpu] > cap:
                out.append(f"QPU {qpu} holds {load[qpu]} qubits > capacity {cap}")
        per: list[list[Move]] = [[] for _ in self.placement]
        for m in self.moves:
            if not (0 <= m.qubit < len(self.placement) and 0 <= m.qpu < k):
                out.append(f"{m} names a qubit or QPU that does not exist")
                return out
            per[m.qubit].append(m)
        for q, ms in enumerate(per):
            for m1, m2 in itertools.pairwise(ms):
                if m2.first_op <= m1.last_op:
                    out.append(f"moves of qubit {q} overlap: {m1}, {m2}")
        for p in self.model.packets:
            for m in per[p.qubit]:
                inside = [m.first_op <= g <= m.last_op for g in (p.first_op, p.last_op)]
                if inside[0] != inside[1] or (p.first_op < m.first_op and p.last_op > m.last_op):
                    out.append(f"packet {p.index} of qubit {p.qubit} straddles {m}")
        for i, gp in enumerate(self.model.gate_packets):
            if gp is None:
                continue
            a, b = self.model.ops[i].qubits
            la, lb = location(self.placement, per, a, i), location(self.placement, per, b, i)
            s = self.served_by[i]
            if la != lb and s not in (a, b):
                out.append(f"non-local op {i} on ({a}, {b}) is served by {s}")
            if la == lb and s != -1:
                out.append(f"local op {i} marked as served by {s}")
        if not out:
            try:
                _ = self.program
            except InfeasibleError as e:
                out.append(str(e))
        return out

    def is_valid(self) -> bool:
        """True when placement, capacities, gate service and moves are consistent."""
        return not self.problems()

    def cost(self) -> Cost:
        """Bell pairs consumed by the program."""
        prog = self.program
        weighted = sum(n * self.target.graph[a][b]["weight"] for (a, b), n in prog.per_pair.items())
        teleports = sum(1 for u in prog.pairs if u.protocol is Protocol.TELEPORT)
        return Cost(
            len(prog.pairs), dict(prog.per_pair), float(weighted), teleports, prog.evictions
        )

    def combined_circuit(self) -> QuantumCircuit:
        """All QPUs on one circuit with ideal Bell pairs (see `circuits.combined_circuit`)."""
        return combined_circuit(self.program)

    def qpu_circuits(self) -> list[QuantumCircuit]:
        """One circuit per QPU with explicit remote protocols."""
        return qpu_circuits(self.program, self.target.comm_qubits)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict; `from_dict` inverts it."""
        return {
            "model": self.model.to_dict(),
            "target": self.target.to_dict(),
            "placement": list(self.placement),
            "served_by": list(self.served_by),
            "moves": [[m.qubit, m.qpu, m.first_op, m.last_op] for m in self.moves],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Distribution:
        """Inverse of `to_dict`."""
        return cls(
            CircuitModel.from_dict(data["model"]),
            Target.from_dict(data["target"]),
            tuple(data["placement"]),
            tuple(data["served_by"]),
            tuple(Move(*m) for m in data["moves"]),
        )
