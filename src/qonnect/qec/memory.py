"""`MemoryExperiment`: a rotated surface-code memory split over modules, as a noisy stim circuit.

The noiseless circuit is stim's `surface_code:rotated_memory_{x,z}`; a pass over it adds
circuit-level noise (`NoiseModel`) and, on every two-qubit gate whose qubits lie in different
modules (`ModuleLayout`), the seam noise (`SeamModel`) instead of the bulk gate noise.
`crossing_gates` is the checker: it lists the gates that cross a seam.

Layers are the stretches between TICKs. Idle noise goes on every qubit a layer does not touch,
with `idle_measure_xyz` for layers that measure or reset and `idle_gate_xyz` otherwise.

Examples:
    >>> from qonnect.qec.seam import DepolarizingSeam
    >>> exp = MemoryExperiment(distance=3, rounds=2, basis=Basis.Z,
    ...                        noise=NoiseModel.uniform(1e-3), modules=2,
    ...                        seam=DepolarizingSeam(1e-2))
    >>> len(crossing_gates(exp.noiseless_circuit(), exp.layout))  # rounds * (2d - 1)
    10
    >>> exp.circuit().num_observables
    1
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

import stim

from qonnect.core.errors import CircuitError
from qonnect.core.validate import check_positive_int
from qonnect.qec.layout import ModuleLayout
from qonnect.qec.noise import NoiseModel, PauliXYZ
from qonnect.qec.seam import SeamModel, TwoQubitGate, crossing_gate_noise


class Basis(enum.Enum):
    """The logical basis a memory experiment prepares and measures."""

    X = "x"
    Z = "z"


_TWO_QUBIT = {"CX": TwoQubitGate.CX, "CNOT": TwoQubitGate.CX, "ZCX": TwoQubitGate.CX}
_TWO_QUBIT_CZ = {"CZ": TwoQubitGate.CZ, "ZCZ": TwoQubitGate.CZ}
_ONE_QUBIT_GATES = frozenset({"H", "S", "S_DAG", "SQRT_X", "SQRT_X_DAG", "X", "Y", "Z", "I"})
_RESETS_Z = frozenset({"R", "RZ"})
_RESETS_X = frozenset({"RX"})
_MEASURES_Z = frozenset({"M", "MZ"})
_MEASURES_X = frozenset({"MX"})
_MEASURE_RESETS_Z = frozenset({"MR", "MRZ"})
_MEASURE_RESETS_X = frozenset({"MRX"})
_ANNOTATIONS = frozenset({"DETECTOR", "OBSERVABLE_INCLUDE", "QUBIT_COORDS", "SHIFT_COORDS", "TICK"})


@dataclass(frozen=True, slots=True)
class CrossingGate:
    """One two-qubit gate across a seam: its kind, qubits and modules.

    Args:
        gate: CX or CZ.
        control: stim qubit index of the first target.
        target: stim qubit index of the second target.
        control_module: module of `control`.
        target_module: module of `target`.
    """

    gate: TwoQubitGate
    control: int
    target: int
    control_module: int
    target_module: int


def _gate_kind(name: str) -> TwoQubitGate | None:
    return _TWO_QUBIT.get(name) or _TWO_QUBIT_CZ.get(name)


def _qubit_modules(circuit: stim.Circuit, layout: ModuleLayout) -> dict[int, int]:
    coords = circuit.get_final_qubit_coordinates()
    return {q: layout.module_of(c[0]) for q, c in coords.items()}


def _iter_flat(circuit: stim.Circuit) -> Iterator[stim.CircuitInstruction]:
    for inst in circuit:
        if isinstance(inst, stim.CircuitRepeatBlock):
            body = inst.body_copy()
            for _ in range(inst.repeat_count):
                yield from _iter_flat(body)
        else:
            yield inst


def crossing_gates(circuit: stim.Circuit, layout: ModuleLayout) -> list[CrossingGate]:
    """Every two-qubit gate (REPEAT blocks unrolled) whose qubits lie in different modules.

    Args:
        circuit: a circuit with QUBIT_COORDS for every qubit.
        layout: the module cuts.

    Raises:
        CircuitError: if a gate touches a qubit without coordinates.
    """
    module = _qubit_modules(circuit, layout)
    out: list[CrossingGate] = []
    for inst in _iter_flat(circuit):
        kind = _gate_kind(inst.name)
        if kind is None:
            continue
        qubits = [t.value for t in inst.targets_copy()]
        for c, t in zip(qubits[::2], qubits[1::2], strict=True):
            if c not in module or t not in module:
                raise CircuitError(f"qubit {c if c not in module else t} has no QUBIT_COORDS")
            if module[c] != module[t]:
                out.append(CrossingGate(kind, c, t, module[c], module[t]))
    return out


@dataclass
class _Layer:
    touched: set[int] = field(default_factory=set)
    measures: bool = False

    def key(self) -> tuple[frozenset[int], bool]:
        return frozenset(self.touched), self.measures


class _NoisePass:
    """Rebuilds a noiseless circuit with noise; keeps the current layer's state."""

    def __init__(
        self,
        noise: NoiseModel,
        modules: dict[int, int],
        seam: SeamModel | None,
    ) -> None:
        self.noise = noise
        self.modules = modules
        self.seam = seam
        self.all_qubits = sorted(modules)
        self.layer = _Layer()

    @staticmethod
    def _append(out: stim.Circuit, name: str, targets: list[int], args: tuple[float, ...]) -> None:
        if targets and any(a > 0.0 for a in args):
            out.append(name, targets, list(args))

    def _append_pauli1(self, out: stim.Circuit, targets: list[int], xyz: PauliXYZ) -> None:
        px, py, pz = xyz
        if px == py == pz:
            self._append(out, "DEPOLARIZE1", targets, (px + py + pz,))
        else:
            self._append(out, "PAULI_CHANNEL_1", targets, xyz)

    def _close_layer(self, out: stim.Circuit) -> None:
        idle = [q for q in self.all_qubits if q not in self.layer.touched]
        xyz = self.noise.idle_measure_xyz if self.layer.measures else self.noise.idle_gate_xyz
        self._append_pauli1(out, idle, xyz)
        self.layer = _Layer()

    def _two_qubit(
        self, out: stim.Circuit, inst: stim.CircuitInstruction, kind: TwoQubitGate
    ) -> None:
        qubits = [t.value for t in inst.targets_copy()]
        out.append(inst)
        bulk: list[int] = []
        across: list[int] = []
        for c, t in zip(qubits[::2], qubits[1::2], strict=True):
            crossing = self.seam is not None and self.modules[c] != self.modules[t]
            (across if crossing else bulk).extend((c, t))
        self._append(out, "DEPOLARIZE2", bulk, (self.noise.p_2q,))
        if across and self.seam is not None:
            for name, args in crossing_gate_noise(self.seam, kind, self.noise.p_2q):
                self._append(out, name, across, args)
        self.layer.touched.update(qubits)

    def run(self, circuit: stim.Circuit) -> stim.Circuit:
        out = stim.Circuit()
        n = self.noise
        for inst in circuit:
            if isinstance(inst, stim.CircuitRepeatBlock):
                entry = self.layer.key()
                body = self.run(inst.body_copy())
                if self.layer.key() != entry:
                    raise CircuitError(
                        "REPEAT block does not end in the layer it starts in; cannot add "
                        "idle noise consistently"
                    )
                out.append(stim.CircuitRepeatBlock(inst.repeat_count, body))
                continue
            name = inst.name
            qubits = [t.value for t in inst.targets_copy() if t.is_qubit_target]
            if name == "TICK":
                self._close_layer(out)
                out.append(inst)
            elif name in _ANNOTATIONS:
                out.append(inst)
            elif (kind := _gate_kind(name)) is not None:
                self._two_qubit(out, inst, kind)
            elif name in _ONE_QUBIT_GATES:
                out.append(inst)
                self._append(out, "DEPOLARIZE1", qubits, (n.p_1q,))
                self.layer.touched.update(qubits)
            elif name in _RESETS_Z | _RESETS_X:
                out.append(inst)
                flip = "X_ERROR" if name in _RESETS_Z else "Z_ERROR"
                self._append(out, flip, qubits, (n.p_reset,))
                self.layer.touched.update(qubits)
                self.layer.measures = True
            elif name in _MEASURES_Z | _MEASURES_X | _MEASURE_RESETS_Z | _MEASURE_RESETS_X:
                z_basis = name in _MEASURES_Z | _MEASURE_RESETS_Z
                flip = "X_ERROR" if z_basis else "Z_ERROR"
                self._append(out, flip, qubits, (n.p_meas,))
                out.append(inst)
                if name in _MEASURE_RESETS_Z | _MEASURE_RESETS_X:
                    self._append(out, flip, qubits, (n.p_reset,))
                self.layer.touched.update(qubits)
                self.layer.measures = True
            else:
                raise CircuitError(f"cannot add noise to the instruction {name!r}")
        return out


@dataclass(frozen=True, slots=True)
class MemoryExperiment:
    """A rotated surface-code memory of distance d over r rounds, split into modules.

    Args:
        distance: code distance d (>= 2).
        rounds: syndrome-extraction rounds r (>= 1).
        basis: `Basis.Z` (prepare/measure |0>_L) or `Basis.X`.
        noise: bulk circuit-level noise.
        modules: number of modules M (1 = unsplit), split by `ModuleLayout.even`.
        seam: noise of gates across a seam; None (or M = 1) means the bulk noise everywhere.

    Raises:
        UnphysicalParameterError / ConfigurationError: on bad sizes (naming the field).
    """

    distance: int
    rounds: int
    basis: Basis = Basis.Z
    noise: NoiseModel = field(default_factory=NoiseModel.noiseless)
    modules: int = 1
    seam: SeamModel | None = None

    def __post_init__(self) -> None:
        check_positive_int("distance", self.distance)
        check_positive_int("rounds", self.rounds)
        if self.distance < 2:
            raise CircuitError(f"distance: must be >= 2, got {self.distance}")
        ModuleLayout.even(self.distance, self.modules)  # raises if modules > distance

    @property
    def layout(self) -> ModuleLayout:
        """The module cuts."""
        return ModuleLayout.even(self.distance, self.modules)

    def noiseless_circuit(self) -> stim.Circuit:
        """stim's generated noiseless memory circuit (with qubit coordinates)."""
        return stim.Circuit.generated(
            f"surface_code:rotated_memory_{self.basis.value}",
            distance=self.distance,
            rounds=self.rounds,
        )

    def circuit(self) -> stim.Circuit:
        """The noisy circuit: bulk noise everywhere, seam noise on crossing gates."""
        base = self.noiseless_circuit()
        modules = _qubit_modules(base, self.layout)
        return _NoisePass(self.noise, modules, self.seam).run(base)

    def crossing_gates(self) -> list[CrossingGate]:
        """The gates that cross a seam (all rounds)."""
        return crossing_gates(self.noiseless_circuit(), self.layout)

    @property
    def crossing_gates_per_round(self) -> float:
        """Crossing gates per round (the link's pair consumption per QEC cycle)."""
        return len(self.crossing_gates()) / self.rounds
