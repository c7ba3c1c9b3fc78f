"""RB error -> depolarizing parameter -> fidelities, against the explicit channel's Choi matrix."""

from __future__ import annotations

import numpy as np
import pytest

from qonnect.physics import (
    Qubit,
    average_gate_fidelity,
    depolarizing_from_rb,
    entanglement_fidelity,
    rb_error_from_depolarizing,
)


def _depolarize(x: np.ndarray, p: float) -> np.ndarray:
    d = x.shape[0]
    return (1.0 - p) * x + p * np.trace(x) * np.eye(d) / d


def _choi(p: float, d: int) -> np.ndarray:
    """Normalised Choi matrix sum_ij |i><j| (x) D_p(|i><j|) / d."""
    j = np.zeros((d * d, d * d), dtype=complex)
    for a in range(d):
        for b in range(d):
            e = np.zeros((d, d), dtype=complex)
            e[a, b] = 1.0
            j += np.kron(e, _depolarize(e, p)) / d
    return j


def _entanglement_fidelity_explicit(p: float, d: int) -> float:
    omega = np.eye(d).reshape(d * d) / np.sqrt(d)
    return float(np.real(omega.conj() @ _choi(p, d) @ omega))


def _average_fidelity_explicit(p: float, d: int, rng: np.random.Generator) -> float:
    """Mean of <psi|D_p(psi)|psi> over Haar-random pure states (exact for D_p: all equal)."""
    vals = []
    for _ in range(20):
        psi = rng.normal(size=d) + 1j * rng.normal(size=d)
        psi /= np.linalg.norm(psi)
        rho = np.outer(psi, psi.conj())
        vals.append(np.real(psi.conj() @ _depolarize(rho, p) @ psi))
    return float(np.mean(vals))


@pytest.mark.parametrize("d", [2, 4, 8])
@pytest.mark.parametrize("p", [0.0, 1e-3, 0.2, 1.0])
def test_entanglement_fidelity_matches_choi_matrix(p: float, d: int) -> None:
    assert entanglement_fidelity(p, d) == pytest.approx(
        _entanglement_fidelity_explicit(p, d), abs=1e-12
    )


@pytest.mark.parametrize("n_qubits", [1, 2, 3])
@pytest.mark.parametrize("r", [1e-4, 1.54e-3, 0.05])
def test_rb_error_is_one_minus_average_fidelity_of_the_channel(r: float, n_qubits: int) -> None:
    rng = np.random.default_rng(11)
    d = 2**n_qubits
    p = depolarizing_from_rb(r, n_qubits)
    f_avg_explicit = _average_fidelity_explicit(p, d, rng)
    assert 1.0 - f_avg_explicit == pytest.approx(r, rel=1e-9)
    # and through the Horodecki/Nielsen relation from the Choi-matrix F_e
    f_e = _entanglement_fidelity_explicit(p, d)
    assert average_gate_fidelity(f_e, d) == pytest.approx(f_avg_explicit, abs=1e-12)
    assert rb_error_from_depolarizing(p, n_qubits) == pytest.approx(r, rel=1e-12)


def test_named_conversions_and_cap() -> None:
    assert depolarizing_from_rb(1e-3, 1) == pytest.approx(2e-3)
    assert depolarizing_from_rb(1.5e-3, 2) == pytest.approx(2e-3)
    assert depolarizing_from_rb(0.9, 1) == 1.0
    arr = depolarizing_from_rb(np.array([1e-3, 0.6]), 1)
    np.testing.assert_allclose(arr, [2e-3, 1.0])
    q = Qubit(1e-4, 1e-4, 0.6, 0.0, 0.8, 0.0, 0.0, 0.0)
    assert q.p_depolarizing_1q == 1.0
    assert q.p_depolarizing_2q == 1.0
    q2 = Qubit(1e-4, 1e-4, 1e-3, 0.0, 3e-3, 0.0, 0.0, 0.0)
    assert q2.p_depolarizing_1q == pytest.approx(depolarizing_from_rb(1e-3, 1))
    assert q2.p_depolarizing_2q == pytest.approx(depolarizing_from_rb(3e-3, 2))


def test_dimension_below_two_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"entanglement_fidelity\.d"):
        entanglement_fidelity(0.1, 1)
