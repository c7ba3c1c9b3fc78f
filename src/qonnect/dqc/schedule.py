"""Timing a distributed program on real hardware: gate and readout durations, feed-forward
latency, classical messages over fibre, and Bell pairs that arrive when the network delivers.

As-soon-as-possible list scheduling in program order: a step starts when its qubits are free;
a Bell pair step also waits for a pair (`PairSupply`); a correction waits for its bit, which
crosses the fibre when it was measured on another QPU. The result records, per step, its start
and end and the idle time of each qubit before it (the noise model turns idle time into T1/T2
decay), and per Bell pair its arrival, use and the state it had when used.

Examples:
    >>> from qonnect.physics import get_qubit
    >>> t = QPUTiming.from_qubit(get_qubit("heron-r3"))
    >>> t.duration("rz"), t.duration("h") == t.gate_1q_s, t.duration("cz") == t.gate_2q_s
    (0.0, True, True)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence

from qonnect.core.validate import check_non_negative
from qonnect.dqc.program import Program
from qonnect.dqc.protocol import BellStep, CorrectStep, GateStep, MeasureStep, Slot
from qonnect.dqc.supply import PairSupply
from qonnect.physics import Memory, Qubit
from qonnect.states import BellDiagonal, store

VIRTUAL_GATES = frozenset({"rz", "p", "z", "s", "sdg", "t", "tdg"})
"""Frame changes: no duration and no error (virtual Z on IBM hardware)."""


@dataclasses.dataclass(frozen=True, slots=True)
class QPUTiming:
    """Durations on one QPU (s)."""

    gate_1q_s: float
    gate_2q_s: float
    readout_s: float
    feedforward_s: float = 1e-6

    def __post_init__(self) -> None:
        for f in ("gate_1q_s", "gate_2q_s", "readout_s", "feedforward_s"):
            check_non_negative(f"QPUTiming.{f}", getattr(self, f))

    @classmethod
    def from_qubit(cls, qubit: Qubit, feedforward_s: float = 1e-6) -> QPUTiming:
        """Durations of a qubit preset; feed-forward latency ~1 us [A] (physics.md 2.2)."""
        return cls(
            qubit.gate_duration_1q_s,
            qubit.gate_duration_2q_s,
            qubit.readout_duration_s,
            feedforward_s,
        )

    def duration(self, gate: str) -> float:
        """Duration of a native gate by name."""
        if gate in VIRTUAL_GATES:
            return 0.0
        return self.gate_2q_s if gate in ("cx", "cz", "cp", "crz", "rzz") else self.gate_1q_s


@dataclasses.dataclass(frozen=True, slots=True)
class StepTime:
    """When a step ran and how long each of its qubits had idled before it."""

    start_s: float
    end_s: float
    idle_s: tuple[float, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class PairTime:
    """One Bell pair: when it arrived, when the program used it, and its state then."""

    pair_id: int
    qpus: tuple[int, int]
    arrival_s: float
    used_s: float
    ready_s: float
    state: BellDiagonal

    @property
    def stored_s(self) -> float:
        """Time the pair waited in memory for the program."""
        return self.used_s - self.arrival_s

    @property
    def waited_s(self) -> float:
        """Time the program's qubits waited for this pair."""
        return self.used_s - self.ready_s


@dataclasses.dataclass(frozen=True, slots=True)
class Schedule:
    """The timed program."""

    steps: tuple[StepTime, ...]
    pairs: tuple[PairTime, ...]
    final_idle_s: dict[Slot, float]
    makespan_s: float

    @property
    def entanglement_wait_s(self) -> float:
        """Total time qubits waited for Bell pairs (summed over pairs)."""
        return sum(p.waited_s for p in self.pairs)


def _step_slots(st: object) -> tuple[Slot, ...]:
    match st:
        case GateStep(slots=slots):
            return slots
        case BellStep(a=a, b=b):
            return (a, b)
        case MeasureStep(slot=slot) | CorrectStep(slot=slot):
            return (slot,)
    raise TypeError(f"unknown step {st!r}")  # pragma: no cover - the Step union is closed


def schedule_program(
    program: Program,
    timing: Sequence[QPUTiming],
    supply: PairSupply | None,
    *,
    classical_delay_s: Callable[[int, int], float] = lambda a, b: 0.0,
    pair_memory: Memory | None = None,
    alap_gates: bool = True,
) -> Schedule:
    """Time `program` on QPUs with `timing`, taking pairs from `supply`.

    Args:
        program: the distributed program.
        timing: per QPU durations.
        supply: where pairs come from (None when the program uses none).
        classical_delay_s: one-way delay of a classical message between two QPUs.
        pair_memory: memory a delivered pair waits in until it is used (None: no decay).
        alap_gates: after the as-soon-as-possible pass, move every local gate as late as its
            successors on the same qubits allow (Bell pairs, measurements and corrections keep
            their times). Qubits then stay in |0>, which does not decay, instead of waiting
            for a Bell pair in superposition.
    """
    ready: dict[Slot, float] = {}
    bit_at: dict[int, tuple[float, int]] = {}
    since: dict[tuple[int, int], float] = {}
    start: list[float] = []
    end: list[float] = []
    pairs: dict[int, PairTime] = {}
    pair_step = {p.step_index: p for p in program.pairs}
    for index, st in enumerate(program.steps):
        slots = _step_slots(st)
        t_free = max((ready.get(s, 0.0) for s in slots), default=0.0)
        match st:
            case GateStep(name=name):
                t0, t1 = t_free, t_free + timing[slots[0].qpu].duration(name)
            case BellStep(a=a, b=b, pair_id=pid):
                if supply is None:
                    raise ValueError("the program consumes Bell pairs but no supply was given")
                qpus = (a.qpu, b.qpu)
                key = qpus if qpus[0] <= qpus[1] else (qpus[1], qpus[0])
                arrival, state = supply.take(qpus, t_free, since.get(key, -math.inf))
                t0 = t1 = max(t_free, arrival)
                since[key] = t0
                used_state = store(state, t0 - arrival, pair_memory, pair_memory)
                use = pair_step.get(index)
                pairs[pid] = PairTime(
                    pid, use.qpus if use else qpus, arrival, t0, t_free, used_state
                )
            case MeasureStep(slot=slot, bit=bit):
                t0, t1 = t_free, t_free + timing[slot.qpu].readout_s
                bit_at[bit] = (t1, slot.qpu)
            case CorrectStep(slot=slot, bit=bit):
                t_bit, where = bit_at[bit]
                delay = classical_delay_s(where, slot.qpu) if where != slot.qpu else 0.0
                t0 = max(t_free, t_bit + delay + timing[slot.qpu].feedforward_s)
                t1 = t0 + timing[slot.qpu].gate_1q_s
        for sl in slots:
            ready[sl] = t1
        start.append(t0)
        end.append(t1)
    makespan = max(end, default=0.0)
    if alap_gates:
        next_start: dict[Slot, float] = {}
        for index in range(len(program.steps) - 1, -1, -1):
            st = program.steps[index]
            slots = _step_slots(st)
            if isinstance(st, GateStep):
                latest = min((next_start.get(s, makespan) for s in slots), default=makespan)
                d = end[index] - start[index]
                if latest - d > start[index]:
                    start[index], end[index] = latest - d, latest
            for sl in slots:
                next_start[sl] = start[index]
    # idle time of every qubit that holds state: from its first step (|0> does not decay)
    # or from a Bell pair's arrival, until a measurement resets it
    last_end: dict[Slot, float] = {}
    live: set[Slot] = set()
    steps: list[StepTime] = []
    for index, st in enumerate(program.steps):
        slots = _step_slots(st)
        t0 = start[index]
        idle = tuple(max(0.0, t0 - last_end[s]) if s in live else 0.0 for s in slots)
        for sl in slots:
            last_end[sl] = end[index]
            live.add(sl)
        if isinstance(st, MeasureStep):
            live.discard(st.slot)
        steps.append(StepTime(t0, end[index], idle))
    final_idle = {s: makespan - last_end[s] for s in live}
    return Schedule(tuple(steps), tuple(pairs[k] for k in sorted(pairs)), final_idle, makespan)
