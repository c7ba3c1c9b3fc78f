"""Qiskit circuits for a distributed program: one combined circuit, and one per QPU.

The combined circuit puts every QPU's data and communication qubits on one register, prepares
each Bell pair ideally (H, CX) and runs the feed-forward with `if_test`; it is what the
equivalence check simulates. The per-QPU circuits are what each processor runs: a Bell pair
half is an opaque `bell_pair(id)` instruction on a communication qubit (the network delivers
it), a bit measured elsewhere is an input register `rx<bit>`, a bit measured here that another
QPU needs is `m<bit>`; `metadata` lists the pairs and the classical messages.
"""

from __future__ import annotations

from collections import defaultdict

from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister, qasm3
from qiskit.circuit import Gate, Qubit

from qonnect.dqc.program import Program
from qonnect.dqc.protocol import BellStep, CorrectStep, GateStep, MeasureStep, Slot

BELL_PAIR_GATE = "bell_pair"


def slot_registers(program: Program) -> tuple[list[QuantumRegister], dict[Slot, Qubit]]:
    """One register per QPU for its data slots (`q<k>`) and one for its communication slots
    (`comm<k>`), and the qubit of every slot, in `combined_circuit`'s order."""
    regs: list[QuantumRegister] = []
    slot_qubit: dict[Slot, Qubit] = {}
    for k, (nd, nc) in enumerate(zip(program.data_slots, program.comm_slots, strict=True)):
        for count, comm, name in ((nd, False, f"q{k}"), (nc, True, f"comm{k}")):
            if count:
                r = QuantumRegister(count, name)
                regs.append(r)
                for j in range(count):
                    slot_qubit[Slot(k, comm, j)] = r[j]
    return regs, slot_qubit


def combined_circuit(program: Program) -> QuantumCircuit:
    """All QPUs on one circuit with ideal Bell pairs and feed-forward (for simulation).

    Qubit order: for each QPU k, its data slots then its communication slots.
    """
    regs, slot_qubit = slot_registers(program)
    bits = ClassicalRegister(max(program.num_bits, 1), "bits")
    qc = QuantumCircuit(*regs, bits)
    for st in program.steps:
        match st:
            case GateStep(name=name, slots=slots, params=params):
                getattr(qc, name)(*params, *(slot_qubit[s] for s in slots))
            case BellStep(a=a, b=b):
                qc.h(slot_qubit[a])
                qc.cx(slot_qubit[a], slot_qubit[b])
            case MeasureStep(slot=slot, bit=bit):
                qc.measure(slot_qubit[slot], bits[bit])
                qc.reset(slot_qubit[slot])
            case CorrectStep(pauli=pauli, slot=slot, bit=bit):
                with qc.if_test((bits[bit], 1)):
                    getattr(qc, pauli.value)(slot_qubit[slot])
    return qc


def qubit_index(program: Program, slot: Slot) -> int:
    """Position of `slot` in `combined_circuit(program)`'s qubit order."""
    offset = 0
    for k in range(slot.qpu):
        offset += program.data_slots[k] + program.comm_slots[k]
    return offset + (program.data_slots[slot.qpu] + slot.index if slot.comm else slot.index)


def qpu_circuits(program: Program, comm_qubits: tuple[int, ...]) -> list[QuantumCircuit]:
    """One circuit per QPU with explicit Bell-pair halves and classical inputs/outputs."""
    k_count = len(program.data_slots)
    measured_at: dict[int, int] = {}
    for st in program.steps:
        if isinstance(st, MeasureStep):
            measured_at[st.bit] = st.slot.qpu
    needed: dict[int, set[int]] = defaultdict(set)  # bit -> QPUs that condition on it
    for st in program.steps:
        if isinstance(st, CorrectStep):
            needed[st.bit].add(st.slot.qpu)
    circuits = []
    for k in range(k_count):
        data = QuantumRegister(max(program.data_slots[k], 1), "data")
        comm = QuantumRegister(comm_qubits[k], "comm")
        creg: dict[int, ClassicalRegister] = {}
        for bit in sorted(b for b, q in measured_at.items() if q == k):
            creg[bit] = ClassicalRegister(1, f"m{bit}")
        for bit in sorted(b for b, qs in needed.items() if k in qs and measured_at[b] != k):
            creg[bit] = ClassicalRegister(1, f"rx{bit}")
        qc = QuantumCircuit(data, comm, *creg.values(), name=f"qpu{k}")

        def q_of(s: Slot, data: QuantumRegister = data, comm: QuantumRegister = comm) -> Qubit:
            return comm[s.index] if s.comm else data[s.index]

        pairs_here: list[int] = []
        for st in program.steps:
            match st:
                case GateStep(name=name, slots=slots, params=params) if slots[0].qpu == k:
                    getattr(qc, name)(*params, *(q_of(s) for s in slots))
                case BellStep(pair_id=pid, a=a, b=b) if k in (a.qpu, b.qpu):
                    half = a if a.qpu == k else b
                    qc.append(Gate(BELL_PAIR_GATE, 1, [pid]), [q_of(half)])
                    pairs_here.append(pid)
                case MeasureStep(slot=slot, bit=bit) if slot.qpu == k:
                    qc.measure(q_of(slot), creg[bit][0])
                    qc.reset(q_of(slot))
                case CorrectStep(pauli=pauli, slot=slot, bit=bit) if slot.qpu == k:
                    with qc.if_test((creg[bit][0], 1)):
                        getattr(qc, pauli.value)(q_of(slot))
                case _:
                    pass
        qc.metadata = {
            "qpu": k,
            "bell_pairs": pairs_here,
            "sends": {
                f"m{b}": sorted(qs - {k})
                for b, qs in needed.items()
                if measured_at[b] == k and qs - {k}
            },
            "receives": {f"rx{b}": measured_at[b] for b in creg if measured_at[b] != k},
        }
        circuits.append(qc)
    return circuits


def to_qasm3(circuit: QuantumCircuit) -> str:
    """OpenQASM 3 text of a per-QPU circuit; `bell_pair(id)` is left as an opaque call.

    A comment block after the header explains the opaque call and lists the classical
    messages (bits this QPU sends, and `rx` inputs it waits for, with their sources).
    """
    text = str(qasm3.dumps(circuit, basis_gates=["U", BELL_PAIR_GATE]))
    meta = circuit.metadata or {}
    notes = [
        f"// qonnect: QPU {meta.get('qpu', '?')} of a distributed program.",
        f"// {BELL_PAIR_GATE}(id) q: q holds one half of Bell pair `id` (Phi+), delivered by "
        "the network; the other half is on the QPU named in distribution.json.",
    ]
    for reg, dests in sorted(meta.get("sends", {}).items()):
        notes.append(f"// send {reg} -> QPU {', '.join(str(d) for d in dests)}")
    for reg, src in sorted(meta.get("receives", {}).items()):
        notes.append(f"// input {reg} <- QPU {src}")
    head, _, rest = text.partition("\n")
    return "\n".join([head, *notes, rest])
