"""Noisy execution of a distributed program: the fidelity it reaches on real hardware.

The combined circuit of all QPUs is built step by step with the noise of the `Schedule`:
depolarizing after every physical gate (p_1q = 2 r_1q, p_2q = 4 r_2q / 3; physics.md 2.2),
T1/T2 thermal relaxation for every idle interval (waiting for pairs, for classical bits, for
other gates), a readout flip before every measurement, and each Bell pair prepared as its
Bell-diagonal state at the moment of use (heralded state decayed while it waited). Qiskit-aer
simulates it (density matrix when small, statevector trajectories otherwise); the fidelity
with the ideal output |psi> = U|0> is measured by appending the noiseless U^dagger on the
final data qubits: F = <psi|rho|psi> = P(all zeros), a binomial estimate with its error.

The same circuit on one QPU large enough to hold it, with the same local noise, is the
comparison `monolithic`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from qiskit import ClassicalRegister, QuantumCircuit
from qiskit.quantum_info import Statevector
from qiskit_aer import AerSimulator
from qiskit_aer.noise import depolarizing_error, pauli_error, thermal_relaxation_error

from qonnect.dqc.circuits import slot_registers
from qonnect.dqc.model import CircuitModel
from qonnect.dqc.program import Program
from qonnect.dqc.protocol import BellStep, CorrectStep, GateStep, MeasureStep, Slot
from qonnect.dqc.schedule import VIRTUAL_GATES, QPUTiming, Schedule, schedule_program
from qonnect.physics import Qubit

DENSITY_MATRIX_MAX_QUBITS = 12
"""Above this width the simulation uses statevector trajectories."""


@dataclasses.dataclass(frozen=True, slots=True)
class OutputComparison:
    """A noisy output distribution against the ideal one."""

    hellinger_fidelity: float
    total_variation: float
    success_probability: float | None
    exact: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Execution:
    """The fidelity a program reached, with its schedule."""

    fidelity: float
    fidelity_stderr: float
    shots: int
    method: str
    schedule: Schedule
    width: int
    output: OutputComparison | None = None

    @property
    def ci95(self) -> tuple[float, float]:
        """Normal-approximation 95 % interval of the fidelity (clipped to [0, 1])."""
        h = 1.96 * self.fidelity_stderr
        return (max(0.0, self.fidelity - h), min(1.0, self.fidelity + h))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "fidelity": self.fidelity,
            "fidelity_stderr": self.fidelity_stderr,
            "fidelity_ci95": list(self.ci95),
            "shots": self.shots,
            "method": self.method,
            "width": self.width,
            "makespan_s": self.schedule.makespan_s,
            "pairs_consumed": len(self.schedule.pairs),
            "entanglement_wait_s": self.schedule.entanglement_wait_s,
            "hellinger_fidelity": self.output.hellinger_fidelity if self.output else None,
            "total_variation": self.output.total_variation if self.output else None,
            "success_probability": self.output.success_probability if self.output else None,
            "pair_fidelity_mean": (
                sum(p.state.fidelity for p in self.schedule.pairs) / len(self.schedule.pairs)
                if self.schedule.pairs
                else None
            ),
        }


def deferrable(program: Program) -> bool:
    """True when every measured qubit stays untouched until its last correction is applied.

    Then measurement plus classically controlled corrections equal quantum-controlled
    corrections followed by a reset (the principle of deferred measurement), and the noisy
    circuit needs no classical branching: one exact density-matrix run instead of one per shot.
    """
    last_use: dict[int, int] = {}
    for i, st in enumerate(program.steps):
        if isinstance(st, CorrectStep):
            last_use[st.bit] = i
    open_bits: dict[Slot, tuple[int, int]] = {}  # measured slot -> (bit, last correction)
    for i, st in enumerate(program.steps):
        touched: tuple[Slot, ...] = ()
        match st:
            case GateStep(slots=slots):
                touched = slots
            case BellStep(a=a, b=b):
                touched = (a, b)
            case MeasureStep(slot=slot):
                touched = (slot,)
            case CorrectStep(slot=slot):
                touched = (slot,)
        for s in touched:
            if s in open_bits and open_bits[s][1] >= i:
                return False
        if isinstance(st, MeasureStep) and st.bit in last_use:
            open_bits[st.slot] = (st.bit, last_use[st.bit])
    return True


def noisy_circuit(
    program: Program,
    schedule: Schedule,
    qubits: Sequence[Qubit],
    ideal: QuantumCircuit,
    *,
    deferred: bool = False,
    ideal_ops: frozenset[int] = frozenset(),
    mirror: bool = True,
) -> QuantumCircuit:
    """The combined circuit with the schedule's noise and the fidelity mirror appended.

    With `deferred` (see `deferrable`) corrections are quantum-controlled and the circuit has
    no measurement but the final mirror; otherwise measurements feed `if_test` corrections.
    Gates of the original circuit whose index is in `ideal_ops` get no gate error (used to
    prepare noiseless reference states when measuring a process fidelity). Without `mirror`
    the final data qubits are read out as they are (for output distributions).
    """
    regs, slot_qubit = slot_registers(program)
    bits = ClassicalRegister(max(program.num_bits, 1), "bits")
    out = ClassicalRegister(ideal.num_qubits, "out")
    qc = QuantumCircuit(*regs, bits, out)

    def idle(slot: Slot, duration_s: float) -> None:
        if duration_s > 0:
            q = qubits[slot.qpu]
            err = thermal_relaxation_error(q.t1_s, q.t2_s, duration_s)
            qc.append(err.to_instruction(), [slot_qubit[slot]])

    def depolarize(slots: Sequence[Slot], p: float) -> None:
        if p > 0:
            err = depolarizing_error(min(p, 1.0), len(slots))
            qc.append(err.to_instruction(), [slot_qubit[s] for s in slots])

    remaining: dict[int, int] = {}
    for st in program.steps:
        if isinstance(st, CorrectStep):
            remaining[st.bit] = remaining.get(st.bit, 0) + 1
    measured_slot: dict[int, Slot] = {}
    pair_state = {p.pair_id: p.state for p in schedule.pairs}
    for st, t in zip(program.steps, schedule.steps, strict=True):
        match st:
            case GateStep(name=name, slots=slots, params=params, op_index=op_index):
                for s, d in zip(slots, t.idle_s, strict=True):
                    idle(s, d)
                getattr(qc, name)(*params, *(slot_qubit[s] for s in slots))
                if name not in VIRTUAL_GATES and op_index not in ideal_ops:
                    q = qubits[slots[0].qpu]
                    p = q.p_depolarizing_2q if len(slots) == 2 else q.p_depolarizing_1q
                    depolarize(slots, p)
            case BellStep(a=a, b=b, pair_id=pid):
                qc.h(slot_qubit[a])
                qc.cx(slot_qubit[a], slot_qubit[b])
                lam = pair_state[pid].coefficients
                paulis = [(p, w) for p, w in zip("IXYZ", lam, strict=True) if w > 0]
                qc.append(pauli_error(paulis).to_instruction(), [slot_qubit[b]])
            case MeasureStep(slot=slot, bit=bit):
                idle(slot, t.idle_s[0])
                p_ro = qubits[slot.qpu].readout_error
                if p_ro > 0:  # a flipped record acts like an X before the measurement
                    flip = pauli_error([("X", p_ro), ("I", 1 - p_ro)])
                    qc.append(flip.to_instruction(), [slot_qubit[slot]])
                if deferred:
                    measured_slot[bit] = slot
                    if remaining.get(bit, 0) == 0:
                        qc.reset(slot_qubit[slot])
                else:
                    qc.measure(slot_qubit[slot], bits[bit])
                    qc.reset(slot_qubit[slot])
            case CorrectStep(pauli=pauli, slot=slot, bit=bit):
                idle(slot, t.idle_s[0])
                if deferred:
                    control = slot_qubit[measured_slot[bit]]
                    gate = qc.cx if pauli.value == "x" else qc.cz
                    gate(control, slot_qubit[slot])
                    remaining[bit] -= 1
                    if remaining[bit] == 0:
                        qc.reset(control)
                else:
                    with qc.if_test((bits[bit], 1)):
                        getattr(qc, pauli.value)(slot_qubit[slot])
                depolarize([slot], qubits[slot.qpu].p_depolarizing_1q)
    for s, d in schedule.final_idle_s.items():
        idle(s, d)
    final = [slot_qubit[s] for s in program.final]
    if mirror:
        qc.compose(ideal.inverse(), qubits=final, inplace=True)
    if deferred and qc.num_qubits <= DENSITY_MATRIX_MAX_QUBITS:
        qc.save_probabilities(final, label="mirror")
    else:
        qc.measure(final, out)
    return qc


def run_noisy(
    circuit: QuantumCircuit, n_out: int, shots: int, seed: int
) -> tuple[float, float, str, int]:
    """(fidelity, standard error, method, shots used) of a circuit from `noisy_circuit`:
    the probability that the mirror returns all zeros, exact (error 0, one run) when the
    circuit saved its probabilities, otherwise a frequency over `shots`."""
    probs, exact = output_probabilities(circuit, n_out, shots, seed)
    f = float(probs[0])
    if exact:
        return f, 0.0, _method(circuit), 1
    return f, math.sqrt(max(f * (1 - f), 1.0 / shots) / shots), _method(circuit), shots


def _method(circuit: QuantumCircuit) -> str:
    return "density_matrix" if circuit.num_qubits <= DENSITY_MATRIX_MAX_QUBITS else "statevector"


def output_probabilities(
    circuit: QuantumCircuit, n_out: int, shots: int, seed: int
) -> tuple[npt.NDArray[np.float64], bool]:
    """Probabilities of the 2^n readouts of `out` (index bit i = logical qubit i), and whether
    they are exact (density matrix) rather than frequencies over `shots`."""
    sim = AerSimulator(method=_method(circuit), seed_simulator=seed)
    if any(inst.operation.name == "save_probabilities" for inst in circuit.data):
        data = sim.run(circuit, shots=1).result().data(0)
        return np.clip(np.asarray(data["mirror"], dtype=np.float64), 0.0, 1.0), True
    probs = np.zeros(2**n_out)
    for key, c in sim.run(circuit, shots=shots).result().get_counts().items():
        probs[int(key.split(" ")[0], 2)] += c / shots
    return probs, False


def compare_distributions(
    noisy: npt.NDArray[np.float64], ideal: npt.NDArray[np.float64]
) -> OutputComparison:
    """Hellinger fidelity (sum sqrt(p q))^2, total variation distance, and the success
    probability: the noisy mass on the ideal distribution's most likely outcomes (GHZ: all
    zeros and all ones; Bernstein-Vazirani: the secret; Grover: the marked item), or None
    when no outcome is at least twice as likely as under a uniform distribution.

    Examples:
        >>> ideal = np.array([0.5, 0.0, 0.0, 0.5])
        >>> c = compare_distributions(np.array([0.45, 0.05, 0.05, 0.45]), ideal)
        >>> round(c.success_probability, 6), round(c.total_variation, 6)
        (0.9, 0.1)
        >>> compare_distributions(np.full(4, 0.25), np.full(4, 0.25)).success_probability is None
        True
    """
    hf = float(np.sum(np.sqrt(np.clip(noisy, 0, 1) * np.clip(ideal, 0, 1))) ** 2)
    tvd = 0.5 * float(np.sum(np.abs(noisy - ideal)))
    if ideal.max() < 2.0 / len(ideal):  # no distinguished answer (e.g. a uniform output)
        return OutputComparison(min(hf, 1.0), tvd, None, False)
    best = ideal >= ideal.max() - 1e-9
    return OutputComparison(min(hf, 1.0), tvd, float(np.sum(noisy[best])), False)


def execute_program(
    model: CircuitModel,
    program: Program,
    qubits: Sequence[Qubit],
    schedule: Schedule,
    *,
    shots: int = 2000,
    seed: int = 1,
    ideal_ops: frozenset[int] = frozenset(),
) -> Execution:
    """Simulate `program` with the noise of `schedule` and measure its fidelity."""
    ideal = model.to_circuit()
    qc = noisy_circuit(
        program, schedule, qubits, ideal, deferred=deferrable(program), ideal_ops=ideal_ops
    )
    f, se, method, used = run_noisy(qc, ideal.num_qubits, shots, seed)
    readout = noisy_circuit(
        program,
        schedule,
        qubits,
        ideal,
        deferred=deferrable(program),
        ideal_ops=ideal_ops,
        mirror=False,
    )
    noisy, exact = output_probabilities(readout, ideal.num_qubits, shots, seed)
    ideal_probs = np.asarray(Statevector(ideal).probabilities(), dtype=np.float64)
    comparison = dataclasses.replace(compare_distributions(noisy, ideal_probs), exact=exact)
    return Execution(f, se, used, method, schedule, qc.num_qubits, comparison)


def monolithic_program(model: CircuitModel) -> Program:
    """The circuit as a one-QPU program (no Bell pairs), for the comparison run."""
    slots = tuple(Slot(0, False, q) for q in range(model.num_qubits))
    steps = tuple(
        GateStep(op.name, tuple(slots[q] for q in op.qubits), op.params, i)
        for i, op in enumerate(model.ops)
    )
    return Program(
        steps=steps,
        pairs=(),
        num_bits=0,
        data_slots=(model.num_qubits,),
        comm_slots=(0,),
        initial=slots,
        final=slots,
    )


def execute_monolithic(
    model: CircuitModel, qubit: Qubit, *, shots: int = 2000, seed: int = 1
) -> Execution:
    """The same circuit on one QPU with the same local noise."""
    program = monolithic_program(model)
    sched = schedule_program(program, [QPUTiming.from_qubit(qubit)], None)
    return execute_program(model, program, [qubit], sched, shots=shots, seed=seed)
