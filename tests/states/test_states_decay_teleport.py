"""Stored-pair decay and teleportation-based operations against exact density matrices."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qonnect.states import (
    BellDiagonal,
    decay_dephasing,
    decay_depolarizing,
    decay_t1t2,
    telegate_average_fidelity,
    telegate_choi_exact,
    telegate_error_channel,
    telegate_process_fidelity_exact,
    teleport_choi_exact,
    teleportation_average_fidelity,
)
from qonnect.states.circuits import ideal_gate_choi
from qonnect.states.density import (
    PAULIS,
    apply_kraus,
    apply_operator,
    bell_pair_dm,
    depolarizing_kraus,
    ket_to_dm,
    t1t2_kraus,
    tensor,
)


def _random_bd(rng: np.random.Generator) -> BellDiagonal:
    return BellDiagonal.from_coefficients(rng.dirichlet(np.ones(4)))


def test_depolarizing_memories_scale_w() -> None:
    rng = np.random.default_rng(5)
    t, ta, tb = 2e-4, 1e-3, 5e-4
    for _ in range(5):
        s = _random_bd(rng)
        rho = s.to_density_matrix()
        for q, tq in ((0, ta), (1, tb)):
            rho = apply_kraus(rho, depolarizing_kraus(1 - math.exp(-t / tq)), [q], 2)
        np.testing.assert_allclose(
            decay_depolarizing(s, t, ta, tb).to_density_matrix(), rho, atol=1e-12
        )
    w0 = BellDiagonal.werner(0.95).werner_parameter
    out = decay_depolarizing(BellDiagonal.werner(0.95), t, ta, tb)
    assert out.werner_parameter == pytest.approx(w0 * math.exp(-t / ta) * math.exp(-t / tb))


@pytest.mark.parametrize("t_s", [0.0, 1e-5, 1e-4, 1e-3])
def test_t1t2_is_exact_bell_projection(t_s: float) -> None:
    rng = np.random.default_rng(6)
    t1a, t2a, t1b, t2b = 3e-4, 2.5e-4, 2e-4, 3.5e-4
    for _ in range(5):
        s = _random_bd(rng)
        rho = apply_kraus(s.to_density_matrix(), t1t2_kraus(t_s, t1a, t2a), [0], 2)
        rho = apply_kraus(rho, t1t2_kraus(t_s, t1b, t2b), [1], 2)
        fast = decay_t1t2(s, t_s, t1_a_s=t1a, t2_a_s=t2a, t1_b_s=t1b, t2_b_s=t2b)
        np.testing.assert_allclose(
            fast.as_array(), BellDiagonal.from_density_matrix(rho).as_array(), atol=1e-12
        )


def test_eq_5_1_both_and_one_stored() -> None:
    t, t1, t2 = 49e-6, 300e-6, 300e-6
    g = 1 - math.exp(-t / t1)
    both = (1 + g**2 + (1 - g) ** 2) / 4 + math.exp(-2 * t / t2) / 2
    one = (2 - g) / 4 + math.exp(-t / t2) / 2
    p = BellDiagonal.perfect()
    assert decay_t1t2(p, t, t1_a_s=t1, t2_a_s=t2).fidelity == pytest.approx(both, abs=1e-12)
    single = decay_t1t2(p, t, t1_a_s=t1, t2_a_s=t2, t1_b_s=math.inf, t2_b_s=math.inf)
    assert single.fidelity == pytest.approx(one, abs=1e-12)
    # physics.md section 5: a 10 km round trip costs roughly 20 % when both halves wait
    assert 0.15 < 1 - both < 0.3


def test_dephasing_only_touches_coherences() -> None:
    s = BellDiagonal(0.9, 0.04, 0.03, 0.03)
    out = decay_dephasing(s, 1e-4, 1e-4)
    # Z errors on each side: Phi+ <-> Phi-, Psi+ <-> Psi-; bit-flip weights unchanged
    assert out.phi_plus + out.phi_minus == pytest.approx(s.phi_plus + s.phi_minus)
    pz = (1 - math.exp(-1)) / 2
    flip = 2 * pz * (1 - pz)
    assert out.phi_plus == pytest.approx(s.phi_plus * (1 - flip) + s.phi_minus * flip)


def test_teleportation_is_the_pairs_pauli_channel() -> None:
    rng = np.random.default_rng(8)
    for _ in range(5):
        s = _random_bd(rng)
        choi = teleport_choi_exact(s.to_density_matrix())
        expected = sum(
            p * apply_operator(bell_pair_dm(0), P, [1], 2)
            for p, P in zip(s.coefficients, PAULIS, strict=True)
        )
        np.testing.assert_allclose(choi, expected, atol=1e-12)


def _apply_choi(choi: np.ndarray, rho_in: np.ndarray, d: int) -> np.ndarray:
    """Channel output E(rho) = d * sum_ij rho_ij J[i, :, j, :] for a Choi state J on (ref, out)."""
    j = choi.reshape(d, d, d, d)
    return d * np.einsum("ij,ibje->be", rho_in, j)


def test_teleportation_average_fidelity_over_a_2_design() -> None:
    # the six Pauli eigenstates are a 2-design: their mean fidelity is the Haar average
    s = BellDiagonal(0.85, 0.07, 0.05, 0.03)
    choi = teleport_choi_exact(s.to_density_matrix())
    kets = [
        [1, 0],
        [0, 1],
        [1, 1],
        [1, -1],
        [1, 1j],
        [1, -1j],
    ]
    fids = []
    for k in kets:
        v = np.array(k, dtype=complex) / np.linalg.norm(k)
        out = _apply_choi(choi, ket_to_dm(v), 2)
        fids.append(np.real(v.conj() @ out @ v))
    assert np.mean(fids) == pytest.approx(teleportation_average_fidelity(s), abs=1e-12)


@pytest.mark.parametrize("gate", ["cx", "cz"])
def test_telegate_is_ideal_gate_then_mapped_pauli_error(gate: str) -> None:
    rng = np.random.default_rng(9)
    for _ in range(3):
        s = _random_bd(rng)
        choi = telegate_choi_exact(s.to_density_matrix(), gate)
        ideal = ideal_gate_choi(gate)
        expected = np.zeros_like(ideal)
        names = {"I": PAULIS[0], "X": PAULIS[1], "Y": PAULIS[2], "Z": PAULIS[3]}
        for label, p in telegate_error_channel(s, gate).items():
            op = tensor(names[label[0]], names[label[1]])
            expected = expected + p * apply_operator(ideal, op, [2, 3], 4)
        np.testing.assert_allclose(choi, expected, atol=1e-12)
        assert telegate_process_fidelity_exact(s, gate) == pytest.approx(s.fidelity, abs=1e-12)


def test_telegate_average_fidelity_haar_monte_carlo() -> None:
    # Haar-random 2-qubit inputs; 4000 samples, fidelity in [0, 1] => 4-sigma bound below
    s = BellDiagonal.werner(0.8)
    choi = telegate_choi_exact(s.to_density_matrix(), "cx")
    rng = np.random.default_rng(10)
    ideal_u = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=complex)
    fids = []
    for _ in range(4000):
        v = rng.normal(size=4) + 1j * rng.normal(size=4)
        v /= np.linalg.norm(v)
        out = _apply_choi(choi, ket_to_dm(v), 4)
        w = ideal_u @ v
        fids.append(np.real(w.conj() @ out @ w))
    sigma = np.std(fids) / math.sqrt(len(fids))
    assert abs(np.mean(fids) - telegate_average_fidelity(s)) < 4 * sigma


def test_telegate_with_local_noise_close_to_leading_order() -> None:
    f, p2, pm = 0.95, 4e-3, 5e-3
    exact = telegate_process_fidelity_exact(BellDiagonal.werner(f), "cx", p_2q=p2, p_meas=pm)
    leading = f * (1 - 15 * p2 / 16) ** 2 * (1 - pm) ** 2
    assert leading <= exact <= f
    assert exact - leading < 5e-3  # second-order and harmless-error corrections only


def test_store_dispatches_on_memory_kind() -> None:
    from qonnect.physics.memory import Memory

    s = BellDiagonal(0.9, 0.05, 0.03, 0.02)
    t = 5e-5
    tt = Memory(t1_s=3e-4, t2_s=2e-4)
    dep = Memory(t_depolarizing_s=1e-3)
    from qonnect.states import store

    assert store(s, t, tt, tt) == decay_t1t2(s, t, t1_a_s=3e-4, t2_a_s=2e-4)
    assert store(s, t, dep, dep) == decay_depolarizing(s, t, 1e-3, 1e-3)
    one = store(s, t, tt, None)
    assert one == decay_t1t2(s, t, t1_a_s=3e-4, t2_a_s=2e-4, t1_b_s=math.inf, t2_b_s=math.inf)
    assert store(s, 0.0, tt, tt) == s
    assert store(s, t, None, None) == s


def test_stored_fidelity_vectorised_equals_store() -> None:
    from qonnect.physics.memory import Memory
    from qonnect.states import store, stored_fidelity

    rng = np.random.default_rng(12)
    mems = [
        Memory(t1_s=3e-4, t2_s=2e-4),
        Memory(t_depolarizing_s=1e-3),
        Memory(t1_s=1e-3, t2_s=5e-4, t_depolarizing_s=2e-3),
        None,
    ]
    times = np.array([0.0, 1e-6, 3e-5, 4e-4, 2e-3])
    for ma in mems:
        for mb in mems:
            s = _random_bd(rng)
            fast = stored_fidelity(s, times, ma, mb)
            slow = [store(s, float(t), ma, mb).fidelity for t in times]
            np.testing.assert_allclose(fast, slow, atol=1e-12)
