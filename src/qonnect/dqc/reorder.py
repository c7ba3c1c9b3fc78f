"""Reorder commuting gates so that remote packets finish before new ones start.

Two ops commute when, on every qubit they share, both are diagonal in the same Pauli axis.
On each qubit the ops therefore form a sequence of blocks (maximal runs of one axis); ops
inside a block commute on that qubit, and a block may start only after the previous block on
that qubit is complete. Any order that respects these block barriers is the same unitary,
and the packets (which are exactly the blocks' two-qubit gates) are unchanged.

The list scheduler runs one-qubit and local ops as soon as they are ready, then the ready
remote gates of the (packet, QPU) copy opened earliest, and only then opens a new copy, so
that copies are short-lived and few communication qubits suffice (fewer evictions).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence

from qonnect.dqc.model import CircuitModel
from qonnect.dqc.native import NATIVE_1Q, NATIVE_2Q, Axis


def _axes(name: str, arity: int) -> tuple[Axis | None, ...]:
    return (NATIVE_1Q[name],) if arity == 1 else NATIVE_2Q[name]


def commuting_order(
    model: CircuitModel, placement: Sequence[int], served_by: Sequence[int]
) -> tuple[int, ...]:
    """A permutation of op indices (new position -> old index) that keeps the unitary.

    Examples:
        >>> from qonnect.dqc.model import Op
        >>> m = CircuitModel.from_ops(4, [Op("cz", (0, 2)), Op("cz", (1, 3)), Op("cz", (0, 3)),
        ...                               Op("cz", (1, 2))])
        >>> commuting_order(m, (0, 0, 1, 1), (0, 1, 0, 1))  # qubit 0's copy, then qubit 1's
        (0, 2, 1, 3)
    """
    n_ops = len(model.ops)
    # Block barriers: node ids >= n_ops are "block done" markers, one per (qubit, block).
    succ: list[list[int]] = [[] for _ in range(n_ops)]
    indeg = [0] * n_ops
    marker_succ: list[list[int]] = []
    marker_left: list[int] = []
    cur_axis: list[Axis | str | None] = ["start"] * model.num_qubits
    cur_block: list[list[int]] = [[] for _ in range(model.num_qubits)]
    prev_marker = [-1] * model.num_qubits

    for i, op in enumerate(model.ops):
        for q, axis in zip(op.qubits, _axes(op.name, len(op.qubits)), strict=True):
            if axis is None or axis != cur_axis[q]:
                # close the current block on q: a marker waits for all its ops
                if cur_block[q]:
                    m = len(marker_succ)
                    marker_succ.append([])
                    marker_left.append(len(cur_block[q]))
                    for j in cur_block[q]:
                        succ[j].append(n_ops + m)
                    prev_marker[q] = m
                cur_block[q] = []
                cur_axis[q] = axis if axis is not None else "none"
            if prev_marker[q] >= 0:
                marker_succ[prev_marker[q]].append(i)
                indeg[i] += 1
            cur_block[q].append(i)
            if axis is None:
                cur_axis[q] = "none"  # a non-diagonal op is a block of its own

    def key_of(i: int) -> tuple[int, int] | None:
        op = model.ops[i]
        if len(op.qubits) == 1:
            return None
        a, b = op.qubits
        if placement[a] == placement[b] or served_by[i] < 0:
            return None
        gp = model.gate_packets[i]
        if gp is None:  # pragma: no cover - two-qubit ops always have packets
            return None
        side = 0 if served_by[i] == a else 1
        return (gp[side], placement[b] if side == 0 else placement[a])

    keys = [key_of(i) for i in range(n_ops)]
    local: list[int] = []
    unopened: list[int] = []
    ready_by_key: dict[tuple[int, int], list[int]] = defaultdict(list)
    opened: dict[tuple[int, int], int] = {}
    active: list[tuple[int, tuple[int, int]]] = []
    done = [False] * n_ops

    def make_ready(i: int) -> None:
        k = keys[i]
        if k is None:
            heapq.heappush(local, i)
            return
        was_empty = not ready_by_key[k]
        heapq.heappush(ready_by_key[k], i)
        if k in opened:
            if was_empty:
                heapq.heappush(active, (opened[k], k))
        else:
            heapq.heappush(unopened, i)

    for i in range(n_ops):
        if indeg[i] == 0:
            make_ready(i)
    order: list[int] = []

    def finish(i: int) -> None:
        done[i] = True
        order.append(i)
        for s in succ[i]:
            m = s - n_ops
            marker_left[m] -= 1
            if marker_left[m] == 0:
                for t in marker_succ[m]:
                    indeg[t] -= 1
                    if indeg[t] == 0:
                        make_ready(t)

    while len(order) < n_ops:
        if local:
            finish(heapq.heappop(local))
            continue
        picked = False
        while active:
            _, k = active[0]
            if not ready_by_key[k]:
                heapq.heappop(active)
                continue
            finish(heapq.heappop(ready_by_key[k]))
            picked = True
            break
        if picked:
            continue
        i = heapq.heappop(unopened)
        if done[i]:
            continue
        key = keys[i]
        if key is None or key in opened:  # already served through `active`
            continue
        opened[key] = len(opened)
        heapq.heappush(active, (opened[key], key))
    return tuple(order)


def reorder_model(
    model: CircuitModel, order: Sequence[int], served_by: Sequence[int]
) -> tuple[CircuitModel, tuple[int, ...]]:
    """The model with ops in `order`, and `served_by` carried along."""
    ops = tuple(model.ops[i] for i in order)
    return CircuitModel(model.num_qubits, ops), tuple(served_by[i] for i in order)
