"""Seam models: the telegate error map (checked on a simulated telegate), storage decay."""

from __future__ import annotations

import math

import pytest
import stim

from qonnect.qec import (
    DepolarizingSeam,
    TelegateSeam,
    TwoQubitGate,
    crossing_gate_noise,
    telegate_pauli_channel,
)
from qonnect.qec.seam import PAULI_CHANNEL_2_ORDER, pauli_channel_2_args
from qonnect.states import BellDiagonal

# Qubits: c (control), t (target), a/b (the Bell pair: a with c, b with t), rc/rt references.
C, T, A, B, RC, RT = range(6)


def _telegate(gate: TwoQubitGate, error_on_b: str) -> stim.Circuit:
    """Eisert's telegate (physics.md 8) with a Pauli error on b, then the ideal gate undone."""
    c = stim.Circuit()
    # c and t maximally entangled with references, so the check covers every input state.
    c.append("H", [RC, RT])
    c.append("CX", [RC, C, RT, T])
    c.append("H", [A])
    c.append("CX", [A, B])  # Phi+ on (a, b)
    if error_on_b != "I":
        c.append(error_on_b, [B])
    # Cat-entangler: CX(c -> a), Z-measure a, X^m on b.
    c.append("CX", [C, A])
    c.append("M", [A])
    c.append("CX", [stim.target_rec(-1), B])
    c.append("CX" if gate is TwoQubitGate.CX else "CZ", [B, T])
    # Cat-disentangler: X-measure b, Z^m on c.
    c.append("H", [B])
    c.append("M", [B])
    c.append("CZ", [stim.target_rec(-1), C])
    # Undo the ideal gate.
    c.append("CX" if gate is TwoQubitGate.CX else "CZ", [C, T])
    return c


def _residual(gate: TwoQubitGate, error_on_b: str, seed: int) -> str:
    """The Pauli left on (c, t) after the telegate and the undone ideal gate."""
    sim = stim.TableauSimulator(seed=seed)
    sim.do(_telegate(gate, error_on_b))
    letters = ""
    for q, r in ((C, RC), (T, RT)):
        xx = sim.peek_observable_expectation(stim.PauliString({q: "X", r: "X"}))
        zz = sim.peek_observable_expectation(stim.PauliString({q: "Z", r: "Z"}))
        # A residual X anticommutes with ZZ, Z with XX, Y with both.
        letters += {(1, 1): "I", (1, -1): "X", (-1, 1): "Z", (-1, -1): "Y"}[(xx, zz)]
    return letters


@pytest.mark.parametrize("gate", list(TwoQubitGate))
@pytest.mark.parametrize("pauli", ["X", "Y", "Z"])
def test_telegate_map_matches_a_simulated_telegate(gate: TwoQubitGate, pauli: str) -> None:
    coefficients = {"X": (0.0, 1.0, 0.0, 0.0), "Y": (0.0, 0.0, 1.0, 0.0), "Z": (0.0, 0.0, 0.0, 1.0)}
    pair = BellDiagonal.from_coefficients(coefficients[pauli])
    [(label, p)] = telegate_pauli_channel(pair, gate).items()
    assert p == 1.0
    for seed in range(8):  # random measurement outcomes, all corrected by feed-forward
        got = _residual(gate, pauli, seed)
        # Y vs ZX differ by a phase only; compare letter by letter up to that.
        assert got == label


def test_ideal_pair_leaves_no_error() -> None:
    for gate in TwoQubitGate:
        for seed in range(4):
            assert _residual(gate, "I", seed) == "II"


def test_werner_pair_gives_equation_8_1() -> None:
    f = 0.91
    ch = telegate_pauli_channel(BellDiagonal.werner(f), TwoQubitGate.CX)
    assert ch == pytest.approx({"IX": (1 - f) / 3, "ZI": (1 - f) / 3, "ZX": (1 - f) / 3})


def test_pauli_channel_2_argument_order_is_stims() -> None:
    assert len(PAULI_CHANNEL_2_ORDER) == 15
    assert PAULI_CHANNEL_2_ORDER[0] == "IX" and PAULI_CHANNEL_2_ORDER[-1] == "ZZ"
    # stim: PAULI_CHANNEL_2 with only "XI" set is an X error on the first target.
    args = pauli_channel_2_args({"XI": 1.0})
    c = stim.Circuit()
    c.append("PAULI_CHANNEL_2", [0, 1], list(args))
    c.append("M", [0, 1])
    assert c.compile_sampler(seed=1).sample(1).tolist() == [[True, False]]


def test_stored_pair_follows_equation_5_1() -> None:
    # Both halves in T1/T2 memories: F = [1 + g^2 + (1 - g)^2]/4 + e^{-2t/T2}/2 (eq. 5.1).
    t, t1, t2 = 30e-6, 100e-6, 150e-6
    g = 1 - math.exp(-t / t1)
    seam = TelegateSeam(BellDiagonal.perfect(), t, t1, t2)
    exact_f = (1 + g**2 + (1 - g) ** 2) / 4 + math.exp(-2 * t / t2) / 2
    assert seam.used_pair.fidelity == pytest.approx(exact_f, rel=1e-12)
    # Pure dephasing leaves only Phi- (a Z error): the telegate then adds only Z_c.
    dephased = TelegateSeam(BellDiagonal.perfect(), t, math.inf, t2).used_pair
    assert dephased.psi_plus == pytest.approx(0.0, abs=1e-15)
    assert dephased.psi_minus == pytest.approx(0.0, abs=1e-15)
    channel = telegate_pauli_channel(dephased, TwoQubitGate.CX)
    assert channel.keys() == {"ZI"}
    assert channel["ZI"] == pytest.approx((1 - math.exp(-2 * t / t2)) / 2)


def test_crossing_noise_dispatches_on_the_seam_type() -> None:
    assert crossing_gate_noise(DepolarizingSeam(0.0), TwoQubitGate.CX, 1e-3) == []
    assert crossing_gate_noise(DepolarizingSeam(0.2), TwoQubitGate.CZ, 1e-3) == [
        ("DEPOLARIZE2", (0.2,))
    ]
    tele = crossing_gate_noise(TelegateSeam(BellDiagonal.perfect()), TwoQubitGate.CX, 1e-3)
    assert tele == [("DEPOLARIZE2", (1e-3,))]  # a perfect pair adds nothing to local noise
