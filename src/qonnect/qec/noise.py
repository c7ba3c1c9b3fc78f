"""`NoiseModel`: the circuit-level noise of a surface-code module, in stim's conventions.

Every probability here is the probability that a non-identity Pauli (or a flip) happens,
which is what stim's `DEPOLARIZE1(p)`, `DEPOLARIZE2(p)`, `X_ERROR(p)` and
`PAULI_CHANNEL_1(px, py, pz)` take. A depolarizing channel given as a *replacement*
probability lambda (physics.md section 0, D(rho) = (1 - lambda) rho + lambda I/d) is the stim
channel with p = lambda (d^2 - 1)/d^2, so a randomized-benchmarking error r (p_1q = 2r,
p_2q = 4r/3 as replacement probabilities) becomes p = 3r/2 for one qubit and p = 5r/4 for two.

Examples:
    >>> NoiseModel.uniform(1e-3).p_2q
    0.001
    >>> NoiseModel.uniform(3e-3).idle_gate_xyz
    (0.001, 0.001, 0.001)
    >>> NoiseModel.noiseless().is_noiseless
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from qonnect.core.errors import UnphysicalParameterError
from qonnect.core.validate import check_non_negative, check_positive, check_probability
from qonnect.physics import Qubit
from qonnect.states.decay import t1t2_pauli_channel

PauliXYZ = tuple[float, float, float]
"""Probabilities (p_X, p_Y, p_Z) of a single-qubit Pauli channel."""

CX_LAYERS_PER_ROUND = 4
"""Two-qubit gate layers in one round of the rotated surface code (stim's schedule)."""

H_LAYERS_PER_ROUND = 2
"""Hadamard layers in one round (before and after the CX layers, on X-type ancillas)."""


def _check_xyz(field: str, xyz: PauliXYZ) -> PauliXYZ:
    if len(xyz) != 3:
        raise UnphysicalParameterError(f"{field}: expected (p_X, p_Y, p_Z), got {xyz!r}")
    out = tuple(check_probability(f"{field}[{i}]", v) for i, v in enumerate(xyz))
    if sum(out) > 1.0 + 1e-12:
        raise UnphysicalParameterError(f"{field}: not (p_X + p_Y + p_Z = {sum(out)!r} <= 1)")
    return (out[0], out[1], out[2])


def idle_pauli_channel(duration_s: float, t1_s: float, t2_s: float) -> PauliXYZ:
    """Pauli twirl of amplitude damping plus pure dephasing over an idle of `duration_s`.

    p_X = p_Y = gamma/4 with gamma = 1 - e^{-t/T1}, and p_Z = (1 - e^{-t/T2})/2 - gamma/4
    (the Pauli-twirl approximation of physics.md section 2.2). If T2 > 2 T1 it is clipped to
    2 T1 (T_phi = infinity), as section 2.2 prescribes.

    Args:
        duration_s: idle time (s), >= 0.
        t1_s: energy relaxation time (s), > 0 (math.inf for none).
        t2_s: coherence time (s), > 0 (math.inf for none).

    Returns:
        (p_X, p_Y, p_Z).

    Examples:
        >>> px, py, pz = idle_pauli_channel(1e-6, 100e-6, 100e-6)
        >>> round(px, 8), round(pz, 8)
        (0.00248754, 0.00248754)
        >>> idle_pauli_channel(0.0, 1e-4, 1e-4)
        (0.0, 0.0, 0.0)
    """
    t = check_non_negative("idle.duration_s", duration_s)
    t1 = check_positive("idle.t1_s", t1_s, allow_inf=True)
    t2 = min(check_positive("idle.t2_s", t2_s, allow_inf=True), 2.0 * t1)
    _, px, py, pz = (float(p) for p in t1t2_pauli_channel(t, t1, t2))
    return (px, py, pz)


@dataclass(frozen=True, slots=True)
class NoiseModel:
    """Circuit-level noise: depolarizing after gates and on idle qubits, reset/measure flips.

    Args:
        p_1q: `DEPOLARIZE1` probability after each single-qubit Clifford (H).
        p_2q: `DEPOLARIZE2` probability after each two-qubit gate (CX, CZ).
        p_reset: flip probability after each reset (X flip after R, Z flip after RX).
        p_meas: flip probability before each measurement (X before M, Z before MX).
        idle_gate_xyz: Pauli channel on every qubit idle during a gate layer.
        idle_measure_xyz: Pauli channel on every qubit idle during a measure/reset layer (the
            data qubits while the ancillas are read out; this layer is the long one).

    Raises:
        UnphysicalParameterError: if a probability is outside [0, 1] (naming it).
    """

    p_1q: float
    p_2q: float
    p_reset: float
    p_meas: float
    idle_gate_xyz: PauliXYZ = (0.0, 0.0, 0.0)
    idle_measure_xyz: PauliXYZ = (0.0, 0.0, 0.0)

    def __post_init__(self) -> None:
        check_probability("NoiseModel.p_1q", self.p_1q)
        check_probability("NoiseModel.p_2q", self.p_2q)
        check_probability("NoiseModel.p_reset", self.p_reset)
        check_probability("NoiseModel.p_meas", self.p_meas)
        object.__setattr__(
            self, "idle_gate_xyz", _check_xyz("NoiseModel.idle_gate_xyz", self.idle_gate_xyz)
        )
        object.__setattr__(
            self,
            "idle_measure_xyz",
            _check_xyz("NoiseModel.idle_measure_xyz", self.idle_measure_xyz),
        )

    @classmethod
    def uniform(cls, p: float) -> NoiseModel:
        """The standard circuit-level depolarizing model with one strength `p` everywhere.

        `DEPOLARIZE1(p)` after 1q gates and on idle qubits in every layer, `DEPOLARIZE2(p)`
        after 2q gates, flips with probability p after resets and before measurements (the
        "SD6" model of Gidney et al.; its rotated-code threshold with matching is ~0.7 %).

        Raises:
            UnphysicalParameterError: if not 0 <= p <= 1.
        """
        p = check_probability("NoiseModel.uniform.p", p)
        third = p / 3.0
        return cls(p, p, p, p, (third, third, third), (third, third, third))

    @classmethod
    def noiseless(cls) -> NoiseModel:
        """No noise at all."""
        return cls(0.0, 0.0, 0.0, 0.0)

    @classmethod
    def from_qubit(cls, qubit: Qubit, cycle_time_s: float | None = None) -> NoiseModel:
        """Map a qubit's calibration (physics.md section 2.2) onto circuit-level noise.

        Gates: depolarizing with replacement probabilities 2 r_1q and 4 r_2q / 3, i.e. stim
        probabilities 3 r_1q / 2 and 5 r_2q / 4. Idles: the T1/T2 Pauli twirl over the layer's
        duration; a gate layer lasts the two-qubit gate time, and the measure/reset layer takes
        what remains of the cycle after 4 CX and 2 H layers. Readout: flip probability
        `readout_error` before each measurement. Reset: active reset is a measurement and a
        conditional flip, so it inherits the readout error (NOTE: a modelling assumption).
        NOTE: the two H layers are charged the idle of a two-qubit-gate layer (pessimistic:
        a 1q gate is shorter), so one idle channel serves every gate layer.

        Args:
            qubit: a `qonnect.physics.Qubit` (e.g. `qonnect.physics.presets.get_qubit`).
            cycle_time_s: the QEC cycle (s); default the shortest possible one,
                4 t_2q + 2 t_1q + t_readout.

        Raises:
            UnphysicalParameterError: if `cycle_time_s` is shorter than the gates and readout
                of one round.

        Examples:
            >>> from qonnect.physics.presets import get_qubit
            >>> m = NoiseModel.from_qubit(get_qubit("heron-r3"))
            >>> round(m.p_2q, 6), m.p_meas  # 5/4 x 1.54e-3; readout error
            (0.001925, 0.0045)
            >>> NoiseModel.from_qubit(get_qubit("heron-r3"), cycle_time_s=1e-6)
            ... # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            qonnect.core.errors.UnphysicalParameterError: ...cycle_time_s: 1e-06 s < 3e-06 s, ...
        """
        gate_time_s = (
            CX_LAYERS_PER_ROUND * qubit.gate_duration_2q_s
            + H_LAYERS_PER_ROUND * qubit.gate_duration_1q_s
        )
        shortest_s = gate_time_s + qubit.readout_duration_s
        if cycle_time_s is None:
            cycle_time_s = shortest_s
        check_positive("NoiseModel.from_qubit.cycle_time_s", cycle_time_s)
        if cycle_time_s < shortest_s * (1.0 - 1e-12):
            raise UnphysicalParameterError(
                f"NoiseModel.from_qubit.cycle_time_s: {cycle_time_s!r} s < {shortest_s:.4g} s, "
                "the 4 CX + 2 H layers and readout of one round"
            )
        measure_layer_s = cycle_time_s - gate_time_s
        return cls(
            p_1q=0.75 * qubit.p_depolarizing_1q,  # replacement -> stim: x (d^2 - 1)/d^2
            p_2q=0.9375 * qubit.p_depolarizing_2q,
            p_reset=qubit.readout_error,
            p_meas=qubit.readout_error,
            idle_gate_xyz=idle_pauli_channel(qubit.gate_duration_2q_s, qubit.t1_s, qubit.t2_s),
            idle_measure_xyz=idle_pauli_channel(measure_layer_s, qubit.t1_s, qubit.t2_s),
        )

    @property
    def is_noiseless(self) -> bool:
        """True if every probability is zero."""
        return not any(
            (
                self.p_1q,
                self.p_2q,
                self.p_reset,
                self.p_meas,
                *self.idle_gate_xyz,
                *self.idle_measure_xyz,
            )
        )
