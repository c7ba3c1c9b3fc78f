"""Memory decay (physics.md section 5) against explicit 4x4 density-matrix computations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qonnect.physics import (
    Memory,
    Qubit,
    fidelity_after_storage_depolarizing,
    fidelity_after_storage_t1t2,
    fidelity_from_werner_parameter,
    werner_parameter_after_storage,
    werner_parameter_from_fidelity,
)

PHI_PLUS = np.array([1.0, 0.0, 0.0, 1.0]) / math.sqrt(2.0)
I2 = np.eye(2)
Z = np.diag([1.0, -1.0])


def _apply(rho: np.ndarray, kraus: list[np.ndarray], qubit: int) -> np.ndarray:
    out = np.zeros_like(rho)
    for k in kraus:
        full = np.kron(k, I2) if qubit == 0 else np.kron(I2, k)
        out += full @ rho @ full.conj().T
    return out


def _t1t2_kraus(t: float, t1: float, t2: float) -> list[list[np.ndarray]]:
    """Amplitude damping (gamma = 1 - e^{-t/T1}) then pure dephasing (1/Tphi = 1/T2 - 1/2T1)."""
    gamma = 1.0 - math.exp(-t / t1)
    damping = [
        np.array([[1.0, 0.0], [0.0, math.sqrt(1.0 - gamma)]]),
        np.array([[0.0, math.sqrt(gamma)], [0.0, 0.0]]),
    ]
    rate_phi = 1.0 / t2 - 1.0 / (2.0 * t1)
    lam = math.exp(-t * rate_phi)  # off-diagonal factor of pure dephasing
    dephasing = [math.sqrt((1.0 + lam) / 2.0) * I2, math.sqrt((1.0 - lam) / 2.0) * Z]
    return [damping, dephasing]


def _stored_fidelity(t: float, t1: float, t2: float, both: bool) -> float:
    rho = np.outer(PHI_PLUS, PHI_PLUS)
    for q in (0, 1) if both else (1,):
        for kraus in _t1t2_kraus(t, t1, t2):
            rho = _apply(rho, kraus, q)
    assert np.trace(rho) == pytest.approx(1.0)
    return float(PHI_PLUS @ rho @ PHI_PLUS)


@pytest.mark.parametrize("both", [True, False])
@pytest.mark.parametrize(
    ("t", "t1", "t2"),
    [
        (0.0, 300e-6, 300e-6),
        (49e-6, 299e-6, 317.1e-6),  # heron-r3, one 10 km midpoint round trip
        (100e-6, 282.8e-6, 144.2e-6),  # heron-r2
        (1e-3, 1e-3, 2e-3),  # T2 = 2 T1: no pure dephasing
        (5e-3, 1e-3, 0.2e-3),  # long storage, strong dephasing
    ],
)
def test_eq_5_1_matches_kraus_density_matrix(t: float, t1: float, t2: float, both: bool) -> None:
    expected = _stored_fidelity(t, t1, t2, both)
    assert fidelity_after_storage_t1t2(t, t1, t2, both_stored=both) == pytest.approx(
        expected, abs=1e-12
    )


def test_eq_5_1_vectorised_and_infinite_times() -> None:
    ts = np.linspace(0.0, 1e-3, 7)
    got = fidelity_after_storage_t1t2(ts, 300e-6, 250e-6)
    expected = [_stored_fidelity(float(t), 300e-6, 250e-6, True) for t in ts]
    np.testing.assert_allclose(got, expected, atol=1e-12)
    assert fidelity_after_storage_t1t2(1.0, math.inf, math.inf) == 1.0
    # not monotone: damping drives both qubits to |00>, whose overlap with Phi+ is 1/2
    assert fidelity_after_storage_t1t2(1.0, 1e-4, 1e-4) == pytest.approx(0.5, abs=1e-12)
    assert fidelity_after_storage_t1t2(1.0, 1e-4, 1e-4, both_stored=False) == pytest.approx(0.25)


def test_eq_5_1_rejects_t2_above_2t1() -> None:
    with pytest.raises(ValueError, match=r"t2_s=0\.003.*t1_s=0\.001"):
        fidelity_after_storage_t1t2(1e-6, 1e-3, 3e-3)


def _depolarize_half(rho: np.ndarray, lam: float, qubit: int) -> np.ndarray:
    """rho -> lam rho + (1 - lam) (I/2 on `qubit`) (x) Tr_qubit(rho)."""
    r = rho.reshape(2, 2, 2, 2)
    if qubit == 0:
        reduced = np.einsum("abad->bd", r)
        replaced = np.kron(I2 / 2.0, reduced)
    else:
        reduced = np.einsum("abcb->ac", r)
        replaced = np.kron(reduced, I2 / 2.0)
    return lam * rho + (1.0 - lam) * replaced


@pytest.mark.parametrize(
    ("f0", "t", "ta", "tb"), [(0.95, 1e-4, 1e-3, 2e-3), (0.8, 1e-3, 1e-3, math.inf)]
)
def test_depolarizing_memories_match_density_matrix(
    f0: float, t: float, ta: float, tb: float
) -> None:
    others = np.array(
        [[0, 1, 1, 0], [1, 0, 0, -1], [0, 1, -1, 0], [1, 0, 0, 1]], dtype=float
    )  # unnormalised Psi+, Psi-, Phi-, Phi+
    bells = [others[0], others[1], np.array([1.0, 0.0, 0.0, -1.0])]
    rho = f0 * np.outer(PHI_PLUS, PHI_PLUS)
    for b in bells:
        v = b / np.linalg.norm(b)
        rho += (1.0 - f0) / 3.0 * np.outer(v, v)
    rho = _depolarize_half(rho, math.exp(-t / ta), 0)
    rho = _depolarize_half(rho, math.exp(-t / tb), 1)
    f_explicit = float(PHI_PLUS @ rho @ PHI_PLUS)
    w = werner_parameter_after_storage(werner_parameter_from_fidelity(f0), t, ta, tb)
    assert fidelity_from_werner_parameter(w) == pytest.approx(f_explicit, abs=1e-12)
    f_stored = fidelity_after_storage_depolarizing(f0, t, ta, tb)
    assert f_stored == pytest.approx(f_explicit, abs=1e-12)


def test_link_coherence_time_convention() -> None:
    # Brand/Coopmans/Elkouss: one link time T_link = T/2 for two identical memories
    w = werner_parameter_after_storage(0.9, 1e-4, 1e-3, 1e-3)
    assert w == pytest.approx(0.9 * math.exp(-1e-4 / 0.5e-3))


def test_memory_from_qubit_feeds_eq_5_1() -> None:
    q = Qubit(299e-6, 317.1e-6, 1.99e-4, 32e-9, 1.54e-3, 88e-9, 4.5e-3, 2.584e-6, name="heron-r3")
    m = Memory.from_qubit(q)
    assert (m.t1_s, m.t2_s, m.name) == (q.t1_s, q.t2_s, q.name)
    assert not m.is_depolarizing
    # physics.md section 5: ~20 % fidelity lost when both halves wait one 10 km round trip
    loss = 1.0 - fidelity_after_storage_t1t2(49e-6, m.t1_s, m.t2_s)
    assert 0.1 < loss < 0.3
