"""Refinement after partitioning: qubit local search, and teleporting qubits where it pays.

`local_search` moves single qubits to QPUs with room, or swaps two qubits, while the Steiner
estimate of the packets' Bell pairs drops (first improvement, a fixed evaluation budget so
that results are deterministic). `choose_moves` decides, per run of consecutive packets of a
qubit whose partners all sit on one other QPU, between serving them by telegates and
teleporting the qubit there (and back): it teleports when the telegate openings it frees
outnumber the pairs the trip costs (physics.md section 8: 1 ebit per telegate opening, 2 per
round trip).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from qonnect.dqc.assignment import assign_gates, estimate_ebits, static_locator
from qonnect.dqc.model import CircuitModel
from qonnect.dqc.move import Move
from qonnect.dqc.target import Target


def placement_cost(model: CircuitModel, target: Target, placement: Sequence[int]) -> float:
    """Weighted Steiner estimate of the Bell pairs for `placement` (optimal gate service)."""
    loc = static_locator(placement)
    served = assign_gates(model, target.num_qpus, loc)
    _, per_pair = estimate_ebits(model, target, served, loc)
    return float(sum(n * target.graph[a][b]["weight"] for (a, b), n in per_pair.items()))


def local_search(
    model: CircuitModel,
    target: Target,
    placement: Sequence[int],
    *,
    max_evaluations: int = 200,
) -> tuple[int, ...]:
    """Improve `placement` by single-qubit moves and pair swaps (capacity respected).

    Only qubits with a gate to another QPU are tried; neighbours on other QPUs are the
    candidate destinations. Never returns a placement with a higher estimate.

    Examples:
        >>> from qonnect.dqc.model import Op
        >>> m = CircuitModel.from_ops(4, [Op("cz", (0, 1)), Op("cz", (2, 3))] * 3)
        >>> local_search(m, Target.all_to_all(2, capacity=2), (0, 1, 0, 1))
        (1, 1, 0, 0)
    """
    place = list(placement)
    best = placement_cost(model, target, place)
    evaluations = 0
    nbrs: dict[int, Counter[int]] = defaultdict(Counter)
    for op in model.ops:
        if len(op.qubits) == 2:
            a, b = op.qubits
            nbrs[a][b] += 1
            nbrs[b][a] += 1
    improved = True
    while improved and evaluations < max_evaluations and best > 0:
        improved = False
        load = Counter(place)
        for q in range(len(place)):
            if evaluations >= max_evaluations:
                break
            here = place[q]
            dests = sorted({place[r] for r in nbrs[q]} - {here})
            for dest in dests:
                if load[dest] < target.capacities[dest]:
                    trial = list(place)
                    trial[q] = dest
                else:
                    partners = [r for r in range(len(place)) if place[r] == dest]

                    # swap with the qubit that loses least: weak ties at `dest`, strong
                    # ties at `here`, and not a partner of q (which the swap would split)
                    def loss(
                        r: int,
                        dest: int = dest,
                        here: int = here,
                        q: int = q,
                        place: list[int] = place,
                    ) -> int:
                        to_dest = sum(w for x, w in nbrs[r].items() if place[x] == dest)
                        to_here = sum(w for x, w in nbrs[r].items() if place[x] == here and x != q)
                        return to_dest - to_here + 2 * nbrs[r][q]

                    r = min(partners, key=lambda r: (loss(r), r))
                    trial = list(place)
                    trial[q], trial[r] = dest, here
                evaluations += 1
                c = placement_cost(model, target, trial)
                if c < best:
                    best, place, improved = c, trial, True
                    load = Counter(place)
                    break
                if evaluations >= max_evaluations:
                    break
    return tuple(place)


def choose_moves(
    model: CircuitModel,
    target: Target,
    placement: Sequence[int],
    served_by: Sequence[int],
) -> tuple[Move, ...]:
    """Teleport a qubit over a run of its packets when that frees more openings than it costs.

    A candidate is a maximal run of consecutive packets of qubit q (home A) whose partners are
    all on one QPU B != A. Its saving is the number of (packet, QPU) openings that only its
    gates use; its cost is the path length A-B, once if the run reaches q's last packet (q
    stays) and twice otherwise. Visitors never take more than comm_qubits - 1 (complete
    graph) or - 2 (sparse) communication qubits of a QPU, and a qubit whose partner moves in
    an overlapping window is left alone.
    """
    n_ops = len(model.ops)
    reserve = 1 if target.is_complete else 2
    users: Counter[tuple[int, int]] = Counter()  # opening (packet, qpu) -> gates using it
    opening_of: dict[int, tuple[int, int]] = {}
    for i, gp in enumerate(model.gate_packets):
        s = served_by[i]
        if gp is None or s < 0:
            continue
        a, b = model.ops[i].qubits
        key = (gp[0], placement[b]) if s == a else (gp[1], placement[a])
        users[key] += 1
        opening_of[i] = key
    by_qubit: dict[int, list[int]] = defaultdict(list)
    for packet in model.packets:
        by_qubit[packet.qubit].append(packet.index)
    candidates: list[tuple[int, Move, list[int], set[int]]] = []
    for q, pks in by_qubit.items():
        home = placement[q]
        run: list[int] = []
        run_qpu = -1

        def flush(run: list[int], qpu: int, last: bool, q: int = q, home: int = home) -> None:
            if not run or qpu < 0 or qpu == home:
                return
            gates = [g for p in run for g in model.packets[p].gates]
            partners = {model.ops[g].qubits[0] + model.ops[g].qubits[1] - q for g in gates}
            used = Counter(opening_of[g] for g in gates if g in opening_of)
            saving = sum(1 for key, c in used.items() if users[key] == c)
            trip = target.hops(home, qpu) * (1 if last else 2)
            if saving > trip:
                first = model.packets[run[0]].first_op
                end = n_ops - 1 if last else model.packets[run[-1]].last_op
                candidates.append((saving - trip, Move(q, qpu, first, end), gates, partners))

        for idx, pk in enumerate(pks):
            qpus = {
                placement[model.ops[g].qubits[0] + model.ops[g].qubits[1] - q]
                for g in model.packets[pk].gates
            }
            if len(qpus) == 1 and next(iter(qpus)) == run_qpu:
                run.append(pk)
                continue
            flush(run, run_qpu, False)
            run, run_qpu = ([pk], next(iter(qpus))) if len(qpus) == 1 else ([], -1)
            if idx == len(pks) - 1:
                break
        flush(run, run_qpu, bool(run) and run[-1] == pks[-1])
    candidates.sort(key=lambda c: (-c[0], c[1]))
    chosen: list[Move] = []
    busy: dict[int, list[tuple[int, int]]] = defaultdict(list)
    visitors: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for _gain, move, _gates, partners in candidates:
        span = (move.first_op, move.last_op)

        def overlaps(iv: list[tuple[int, int]], span: tuple[int, int] = span) -> bool:
            return any(a <= span[1] and span[0] <= b for a, b in iv)

        if overlaps(busy[move.qubit]) or any(overlaps(busy[r]) for r in partners):
            continue
        points = [move.first_op] + [a for a, b in visitors[move.qpu] if span[0] <= a <= span[1]]
        if (
            max(sum(1 for a, b in visitors[move.qpu] if a <= t <= b) for t in points) + 1
            > target.comm_qubits[move.qpu] - reserve
        ):
            continue
        chosen.append(move)
        visitors[move.qpu].append(span)
        for r in (move.qubit, *partners):
            busy[r].append(span)
    return tuple(sorted(chosen))
