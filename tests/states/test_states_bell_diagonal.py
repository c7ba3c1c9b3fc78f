"""BellDiagonal: conventions, validation and the density-matrix round trip."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qonnect.core import UnphysicalParameterError
from qonnect.states import BELL_VECTORS, BellDiagonal, correlations, from_correlations
from qonnect.states.density import PAULIS, apply_operator, bell_pair_dm


def test_order_is_pauli_on_second_qubit() -> None:
    # (I x P)|Phi+> must be the Bell state of index P, up to a global phase.
    phi = BELL_VECTORS[0]
    for idx, pauli in enumerate(PAULIS):
        v = np.kron(np.eye(2), pauli) @ phi
        assert abs(abs(np.vdot(BELL_VECTORS[idx], v)) - 1.0) < 1e-12


def test_pauli_on_first_qubit_gives_the_same_bell_class() -> None:
    for idx, pauli in enumerate(PAULIS):
        rho = apply_operator(bell_pair_dm(0), pauli, [0], 2)
        assert BellDiagonal.from_density_matrix(rho).coefficients[idx] == pytest.approx(1.0)


def test_werner_is_w_phi_plus_plus_white_noise() -> None:
    f = 0.8
    w = (4 * f - 1) / 3
    expected = w * bell_pair_dm(0) + (1 - w) * np.eye(4) / 4
    np.testing.assert_allclose(BellDiagonal.werner(f).to_density_matrix(), expected, atol=1e-12)
    assert BellDiagonal.werner(f).werner_parameter == pytest.approx(w)


def test_density_roundtrip_and_trace() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        b = BellDiagonal.from_coefficients(rng.dirichlet(np.ones(4)))
        rho = b.to_density_matrix()
        assert np.trace(rho).real == pytest.approx(1.0)
        np.testing.assert_allclose(rho, rho.conj().T, atol=1e-14)
        assert np.linalg.eigvalsh(rho).min() > -1e-12
        np.testing.assert_allclose(
            BellDiagonal.from_density_matrix(rho).as_array(), b.as_array(), atol=1e-12
        )
        np.testing.assert_allclose(from_correlations(correlations(b)).as_array(), b.as_array())


def test_entanglement_criterion_matches_partial_transpose() -> None:
    rng = np.random.default_rng(4)
    for _ in range(50):
        b = BellDiagonal.from_coefficients(rng.dirichlet(np.ones(4) * 0.7))
        rho = b.to_density_matrix().reshape(2, 2, 2, 2)
        pt = rho.transpose(0, 3, 2, 1).reshape(4, 4)  # transpose the second qubit
        npt = np.linalg.eigvalsh(pt).min() < -1e-12
        assert b.is_entangled == npt


@pytest.mark.parametrize(
    ("coefficients", "needle"),
    [
        ((1.2, -0.2, 0, 0), "Phi+"),
        ((0.5, 0.5, 0.5, 0), "sum"),
        ((math.nan, 0, 0, 1), "Phi+"),
    ],
)
def test_invalid_coefficients_name_the_problem(
    coefficients: tuple[float, ...], needle: str
) -> None:
    with pytest.raises(UnphysicalParameterError, match=needle):
        BellDiagonal.from_coefficients(coefficients)


def test_werner_rejects_fidelity_above_one() -> None:
    with pytest.raises(UnphysicalParameterError, match=r"1\.5"):
        BellDiagonal.werner(1.5)


def test_frozen() -> None:
    b = BellDiagonal.perfect()
    with pytest.raises(AttributeError):
        b.phi_plus = 0.5  # type: ignore[misc]
