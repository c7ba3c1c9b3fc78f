"""Lower distribution decisions into an explicit distributed program (a list of steps).

Walks the native ops in order. A non-local gate served by qubit s's packet P runs where the
other qubit is, on a cat copy of s: the copy is made by cat-entangler hops (CX onto a
communication qubit, Z-measure, X correction on the far half; EJPP 2000) along a Steiner tree
of the QPU graph, and every copy is removed after P's last gate by the cat-disentangler
(H, Z-measure, Z correction on s). Packets in the X axis are served in the Hadamard frame of
their qubit. Copies live on communication qubits; when a QPU runs out, the live copy needed
furthest in the future is disentangled early (Belady) and re-made later with a new pair.
Moves teleport a qubit to a communication qubit of another QPU and back. A gate is served by
the other qubit's packet instead of the preferred one when that packet already has a live copy
where it is needed, or (all-to-all targets) when the preferred copy would force an eviction
and the other would not.
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from qonnect.core.errors import InfeasibleError
from qonnect.dqc.model import CircuitModel, Op
from qonnect.dqc.move import Move
from qonnect.dqc.native import X_TO_Z_FRAME, Axis
from qonnect.dqc.protocol import (
    BellPairUse,
    BellStep,
    CorrectStep,
    GateStep,
    MeasureStep,
    Pauli,
    Protocol,
    Slot,
    Step,
)
from qonnect.dqc.target import Target

_INF = 1 << 62


@dataclass(frozen=True, slots=True)
class Program:
    """The steps, the Bell pairs consumed, and where every logical qubit ends up."""

    steps: tuple[Step, ...]
    pairs: tuple[BellPairUse, ...]
    num_bits: int
    data_slots: tuple[int, ...]  # data qubits used per QPU
    comm_slots: tuple[int, ...]  # communication qubits used per QPU (peak)
    initial: tuple[Slot, ...]
    final: tuple[Slot, ...]
    evictions: int = 0
    per_pair: dict[tuple[int, int], int] = field(default_factory=dict)
    served_by: tuple[int, ...] = ()  # the side that actually served each op (-1: local)


def location(placement: Sequence[int], per_qubit_moves: list[list[Move]], q: int, i: int) -> int:
    """QPU holding qubit `q` during op `i`."""
    for m in per_qubit_moves[q]:
        if m.first_op <= i <= m.last_op:
            return m.qpu
    return placement[q]


@dataclass(slots=True)
class _PairRecord:
    qpus: tuple[int, int]
    protocol: Protocol
    qubit: int
    step: int
    gates: list[int] = field(default_factory=list)


class _Builder:
    """Mutable state of one lowering pass (private; `build_program` is the interface)."""

    def __init__(
        self,
        model: CircuitModel,
        target: Target,
        placement: Sequence[int],
        served_by: Sequence[int],
        moves: Sequence[Move],
    ) -> None:
        self.model = model
        self.target = target
        self.placement = tuple(placement)
        self.served_by = tuple(served_by)
        self.moves = tuple(sorted(moves))
        k = target.num_qpus
        self.steps: list[Step] = []
        self.pairs: list[_PairRecord] = []
        self.bits = 0
        self.evictions = 0
        self.switched = 0
        self.actual = [-1] * len(model.ops)
        counts = [0] * k
        self.pos: list[Slot] = []
        for qpu in self.placement:
            self.pos.append(Slot(qpu, False, counts[qpu]))
            counts[qpu] += 1
        self.initial = tuple(self.pos)
        self.data_slots = tuple(counts)
        self.free: list[list[int]] = [list(range(m)) for m in target.comm_qubits]
        for f in self.free:
            heapq.heapify(f)
        self.peak = [0] * k
        # comm slot owner: (packet, -1) for a copy, (-1, qubit) for a visiting qubit
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}
        self.copies: dict[int, dict[int, Slot]] = defaultdict(dict)
        self.copy_pair: dict[tuple[int, int], int] = {}
        self.rotated = [False] * model.num_qubits
        per_q: list[list[Move]] = [[] for _ in range(model.num_qubits)]
        for m in self.moves:
            per_q[m.qubit].append(m)
        self.per_q_moves = per_q
        self.starts: dict[int, list[Move]] = defaultdict(list)
        self.ends: dict[int, list[Move]] = defaultdict(list)
        for m in self.moves:
            self.starts[m.first_op].append(m)
            self.ends[m.last_op].append(m)
        # where each packet serves gates: (packet, qpu) -> sorted op indices
        self.uses: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.distributed: set[int] = set()
        for i, gp in enumerate(model.gate_packets):
            s = self.served_by[i]
            if gp is None or s < 0:
                continue
            a, b = model.ops[i].qubits
            other = b if s == a else a
            p = gp[0] if s == a else gp[1]
            self.uses[(p, self.loc(other, i))].append(i)
            self.distributed.add(p)
        self.last_use: dict[int, dict[int, int]] = defaultdict(dict)
        for (p, k), ops in self.uses.items():
            self.last_use[p][k] = ops[-1]

    def loc(self, q: int, i: int) -> int:
        return location(self.placement, self.per_q_moves, q, i)

    # --- communication qubits -------------------------------------------------------------
    def alloc(self, qpu: int, i: int, pinned: set[int]) -> Slot:
        if not self.free[qpu]:
            self.evict(qpu, i, pinned)
        idx = heapq.heappop(self.free[qpu])
        self.peak[qpu] = max(self.peak[qpu], idx + 1)
        return Slot(qpu, True, idx)

    def release(self, slot: Slot) -> None:
        self.owner.pop((slot.qpu, slot.index), None)
        heapq.heappush(self.free[slot.qpu], slot.index)

    def evict(self, qpu: int, i: int, pinned: set[int]) -> None:
        best: tuple[int, int] | None = None
        for (k, _idx), (p, _visitor) in sorted(self.owner.items()):
            if k != qpu or p < 0 or p in pinned:
                continue
            use = self.uses.get((p, qpu), [])
            j = bisect_right(use, i)
            nxt = use[j] if j < len(use) else _INF
            if best is None or nxt > best[0]:
                best = (nxt, p)
        if best is None:
            raise InfeasibleError(
                f"QPU {qpu}: all {self.target.comm_qubits[qpu]} communication qubits are "
                f"busy at op {i} and none can be freed"
            )
        self.evictions += 1
        self.disentangle_copy(best[1], qpu)

    # --- protocols ---------------------------------------------------------------------------
    def new_pair(self, a: Slot, b: Slot, protocol: Protocol, qubit: int) -> int:
        pid = len(self.pairs)
        self.pairs.append(_PairRecord((a.qpu, b.qpu), protocol, qubit, len(self.steps)))
        self.steps.append(BellStep(pid, a, b))
        return pid

    def measure(self, slot: Slot) -> int:
        bit = self.bits
        self.bits += 1
        self.steps.append(MeasureStep(slot, bit))
        return bit

    def gate(
        self, name: str, slots: tuple[Slot, ...], params: tuple[float, ...] = (), op_index: int = -1
    ) -> None:
        self.steps.append(GateStep(name, slots, params, op_index))

    def cat_hop(self, p: int, src: Slot, dst_qpu: int, i: int) -> None:
        q = self.model.packets[p].qubit
        pinned = {p}
        ca = self.alloc(src.qpu, i, pinned)
        cb = self.alloc(dst_qpu, i, pinned)
        pid = self.new_pair(ca, cb, Protocol.TELEGATE, q)
        self.gate("cx", (src, ca))
        bit = self.measure(ca)
        self.release(ca)
        self.steps.append(CorrectStep(Pauli.X, cb, bit))
        self.copies[p][dst_qpu] = cb
        self.owner[(dst_qpu, cb.index)] = (p, -1)
        self.copy_pair[(p, dst_qpu)] = pid

    def holder(self, p: int, qpu: int) -> Slot:
        q = self.model.packets[p].qubit
        if self.pos[q].qpu == qpu:
            return self.pos[q]
        return self.copies[p][qpu]

    def ensure_copy(self, p: int, qpu: int, i: int) -> Slot:
        have = self.copies[p]
        if qpu in have:
            return have[qpu]
        q = self.model.packets[p].qubit
        home = self.pos[q].qpu
        if self.target.is_complete:
            self.cat_hop(p, self.pos[q], qpu, i)
            return have[qpu]
        if not have:
            # First need: build the Steiner tree over home and every QPU this packet serves.
            needed = {k for k, last in self.last_use[p].items() if last >= i}
            edges = self.target.steiner_edges({home, qpu, *needed})
            adj: dict[int, list[int]] = defaultdict(list)
            for a, b in edges:
                adj[a].append(b)
                adj[b].append(a)
            frontier, seen = [home], {home}
            while frontier:
                u = frontier.pop(0)
                for v in sorted(adj[u]):
                    if v not in seen:
                        seen.add(v)
                        self.cat_hop(p, self.holder(p, u), v, i)
                        frontier.append(v)
            return have[qpu]
        holders = [home, *have]
        start = min(holders, key=lambda k: (self.target.pair_cost(k, qpu), k))
        path = self.target.path(start, qpu)
        for u, v in itertools.pairwise(path):
            if v not in have and v != home:
                self.cat_hop(p, self.holder(p, u), v, i)
        return have[qpu]

    def better_other_side(self, gp: tuple[int, int], side: int, slots: list[Slot]) -> bool:
        """Serve with the other packet when it has a copy here already, or (complete graphs)
        when the preferred copy would force an eviction and the other one would not."""
        other_p, other_where = gp[1 - side], slots[side].qpu
        if other_where in self.copies[other_p]:
            return True
        if not self.target.is_complete:
            return False
        where = slots[1 - side].qpu
        src_side, src_other = slots[side].qpu, slots[1 - side].qpu
        preferred_evicts = not self.free[where] or not self.free[src_side]
        other_evicts = not self.free[other_where] or not self.free[src_other]
        return preferred_evicts and not other_evicts

    def disentangle_copy(self, p: int, qpu: int) -> None:
        q = self.model.packets[p].qubit
        c = self.copies[p].pop(qpu)
        self.copy_pair.pop((p, qpu), None)
        self.gate("h", (c,))
        bit = self.measure(c)
        self.release(c)
        self.steps.append(CorrectStep(Pauli.Z, self.pos[q], bit))

    def teleport(self, q: int, dst_qpu: int, i: int, into_data: Slot | None) -> None:
        src = self.pos[q]
        ca = self.alloc(src.qpu, i, set())
        cb = self.alloc(dst_qpu, i, set())
        self.new_pair(ca, cb, Protocol.TELEPORT, q)
        self.gate("cx", (src, ca))
        self.gate("h", (src,))
        b1 = self.measure(src)
        b2 = self.measure(ca)
        self.release(ca)
        if src.comm:
            self.release(src)
        self.steps.append(CorrectStep(Pauli.X, cb, b2))
        self.steps.append(CorrectStep(Pauli.Z, cb, b1))
        if into_data is not None:
            self.gate("swap", (cb, into_data))
            self.release(cb)
            self.pos[q] = into_data
        else:
            self.owner[(dst_qpu, cb.index)] = (-1, q)
            self.pos[q] = cb

    # --- the walk ----------------------------------------------------------------------------
    def run(self) -> Program:
        model = self.model
        last = len(model.ops) - 1
        for i, op in enumerate(model.ops):
            for m in self.starts.get(i, ()):
                self.teleport(m.qubit, m.qpu, i, None)
            gp = model.gate_packets[i]
            if gp is None:
                self.one_qubit(i, op)
            else:
                self.two_qubit(i, op, gp)
            for m in self.ends.get(i, ()):
                if m.last_op < last:
                    self.teleport(m.qubit, self.placement[m.qubit], i, self.initial[m.qubit])
        per_pair: dict[tuple[int, int], int] = defaultdict(int)
        uses = []
        for pid, rec in enumerate(self.pairs):
            a, b = rec.qpus
            per_pair[(min(a, b), max(a, b))] += 1
            uses.append(
                BellPairUse(pid, rec.qpus, rec.protocol, rec.qubit, tuple(rec.gates), rec.step)
            )
        return Program(
            tuple(self.steps),
            tuple(uses),
            self.bits,
            self.data_slots,
            tuple(self.peak),
            self.initial,
            tuple(self.pos),
            self.evictions,
            dict(sorted(per_pair.items())),
            tuple(self.actual),
        )

    def one_qubit(self, i: int, op: Op) -> None:
        q = op.qubits[0]
        name = X_TO_Z_FRAME[op.name] if self.rotated[q] else op.name
        self.gate(name, (self.pos[q],), op.params, i)

    def two_qubit(self, i: int, op: Op, gp: tuple[int, int]) -> None:
        model = self.model
        a, b = op.qubits
        for q, p in ((a, gp[0]), (b, gp[1])):
            pk = model.packets[p]
            if pk.first_op == i and p in self.distributed and pk.axis is Axis.X:
                self.gate("h", (self.pos[q],))
                self.rotated[q] = True
        name = op.name
        if name == "cx" and self.rotated[b]:
            name = "cz"  # CX = (I x H) CZ (I x H): in b's Hadamard frame it is a CZ
        slots = [self.pos[a], self.pos[b]]
        s = self.served_by[i]
        if slots[0].qpu != slots[1].qpu:
            if s not in (a, b):
                raise InfeasibleError(f"op {i}: non-local gate on {op.qubits} has no server")
            side = 0 if s == a else 1
            p = gp[side]
            where = slots[1 - side].qpu
            if where not in self.copies[p] and self.better_other_side(gp, side, slots):
                side = 1 - side
                p = gp[side]
                where = slots[1 - side].qpu
                self.switched += 1
            self.actual[i] = op.qubits[side]
            slots[side] = self.ensure_copy(p, where, i)
            pid = self.copy_pair[(p, where)]
            self.pairs[pid].gates.append(i)
        self.gate(name, (slots[0], slots[1]), op.params, i)
        for q, p in ((a, gp[0]), (b, gp[1])):
            if model.packets[p].last_op == i:
                for qpu in sorted(self.copies[p]):
                    self.disentangle_copy(p, qpu)
                if self.rotated[q]:
                    self.gate("h", (self.pos[q],))
                    self.rotated[q] = False


def build_program(
    model: CircuitModel,
    target: Target,
    placement: Sequence[int],
    served_by: Sequence[int],
    moves: Sequence[Move] = (),
) -> Program:
    """Lower the decisions into steps.

    Raises:
        InfeasibleError: a non-local gate has no serving packet, or a QPU's communication
            qubits are all held by visiting qubits when a copy is needed.

    Examples:
        >>> from qonnect.dqc.model import Op
        >>> m = CircuitModel.from_ops(3, [Op("cz", (0, 1)), Op("cz", (0, 2))])
        >>> prog = build_program(m, Target.all_to_all(2, 2), (0, 1, 1), (0, 0))
        >>> len(prog.pairs), prog.pairs[0].gate_indices, prog.per_pair
        (1, (0, 1), {(0, 1): 1})
    """
    return _Builder(model, target, placement, served_by, moves).run()
