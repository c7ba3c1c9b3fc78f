"""Pure operations on Bell-diagonal pairs: swapping, noise, purification and pumping.

Formulas of physics.md section 6 (eqs. 6.1 to 6.4). Every function here is cross-checked in
the tests against explicit density-matrix circuits (`qonnect.states.density`).

Examples:
    >>> a = BellDiagonal.werner(0.9)
    >>> round(swap(a, a).fidelity, 6)  # F1 F2 + (1-F1)(1-F2)/3
    0.813333
    >>> out, p = purify(BellDiagonal.werner(0.8), BellDiagonal.werner(0.8), protocol="bbpssw")
    >>> round(out.fidelity, 6), round(p, 6)
    (0.83815, 0.768889)
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import numpy.typing as npt

from qonnect.core.errors import InfeasibleError
from qonnect.core.validate import check_positive_int, check_probability
from qonnect.states.bell_diagonal import BellDiagonal
from qonnect.states.pauli import convolve


class Protocol(StrEnum):
    """Recurrence purification protocols."""

    DEJMPS = "dejmps"
    BBPSSW = "bbpssw"


def apply_pauli_channel(state: BellDiagonal, probabilities: npt.ArrayLike) -> BellDiagonal:
    """Apply a Pauli channel (p_I, p_X, p_Y, p_Z) to one qubit of a Bell-diagonal pair.

    A Pauli on either qubit maps Bell states to Bell states in the same way up to phase, so the
    result is the Klein-four convolution of the two vectors.
    """
    probs = np.asarray(probabilities, dtype=np.float64)
    for name, p in zip("IXYZ", probs, strict=True):
        check_probability(f"pauli channel p_{name}", float(p))
    return BellDiagonal.from_coefficients(convolve(state.as_array(), probs))


def depolarize(state: BellDiagonal, p: float) -> BellDiagonal:
    """Two-qubit depolarizing: with probability `p` the pair is replaced by I/4.

    Examples:
        >>> depolarize(BellDiagonal.perfect(), 0.4)
        BellDiagonal(0.7, 0.1, 0.1, 0.1)
    """
    check_probability("depolarize.p", p)
    lam = (1.0 - p) * state.as_array() + p / 4.0
    return BellDiagonal.from_coefficients(lam)


def _flip_channel(measurement_flip: float) -> npt.NDArray[np.float64]:
    m = measurement_flip
    # bit m1 flips -> Z on the output, bit m2 flips -> X; both -> Y (physics.md eq. 6.2)
    return np.array([(1 - m) ** 2, m * (1 - m), m * m, m * (1 - m)])


def swap(
    a: BellDiagonal,
    b: BellDiagonal,
    *,
    gate_depolarizing: float = 0.0,
    measurement_flip: float = 0.0,
) -> BellDiagonal:
    """Entanglement swapping of two Bell-diagonal pairs (physics.md eqs. 6.1 and 6.2).

    Args:
        a: pair A-B1.
        b: pair B2-C.
        gate_depolarizing: two-qubit depolarizing probability p_g on the measured qubits
            before an ideal Bell measurement.
        measurement_flip: probability p_m that each of the two recorded bits is flipped.

    Returns:
        The pair A-C after the Pauli-frame correction of the ideal outcome.

    Examples:
        >>> swap(BellDiagonal.werner(0.9), BellDiagonal.perfect()).fidelity
        0.9
    """
    check_probability("swap.gate_depolarizing", gate_depolarizing)
    check_probability("swap.measurement_flip", measurement_flip)
    lam = convolve(a.as_array(), b.as_array())
    lam = (1.0 - gate_depolarizing) * lam + gate_depolarizing / 4.0
    if measurement_flip:
        lam = convolve(lam, _flip_channel(measurement_flip))
    return BellDiagonal.from_coefficients(lam)


def _bilateral_cnot(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], float]:
    """Bilateral CNOT (kept pair = control), Z-measure the target pair, keep on agreement.

    Coefficients are (Phi+, Psi+, Psi-, Phi-). The target pair's outcomes agree iff the two
    pairs' bit errors (X or Y) have even parity; the kept pair's phase errors (Y or Z) combine.
    """
    a_i, a_x, a_y, a_z = a
    b_i, b_x, b_y, b_z = b
    n = (a_i + a_z) * (b_i + b_z) + (a_x + a_y) * (b_x + b_y)
    out = np.array(
        [
            a_i * b_i + a_z * b_z,  # Phi+
            a_x * b_x + a_y * b_y,  # Psi+
            a_x * b_y + a_y * b_x,  # Psi-
            a_i * b_z + a_z * b_i,  # Phi-
        ]
    )
    return out / n, float(n)


_DEJMPS_ROTATION = [0, 1, 3, 2]  # R_x(pi/2) x R_x(-pi/2) exchanges Psi- and Phi-


def purify(
    a: BellDiagonal, b: BellDiagonal, protocol: Protocol | str = Protocol.DEJMPS
) -> tuple[BellDiagonal, float]:
    """One round of recurrence purification, 2 -> 1, with perfect local operations.

    Args:
        a: the pair that is kept on success.
        b: the pair that is sacrificed.
        protocol: "dejmps" (Deutsch et al. 1996, eq. 6.4, no twirl) or "bbpssw" (Bennett et al.
            1996, eq. 6.3: both inputs and the output twirled to Werner states).

    Returns:
        (kept state on success, success probability).

    Examples:
        >>> s, p = purify(BellDiagonal.werner(0.8), BellDiagonal.werner(0.8))
        >>> round(s.fidelity, 6)
        0.83815
    """
    proto = Protocol(protocol)
    if proto is Protocol.BBPSSW:
        out, n = _bilateral_cnot(a.twirl().as_array(), b.twirl().as_array())
        return BellDiagonal.werner(float(out[0])), n
    ra = a.as_array()[_DEJMPS_ROTATION]
    rb = b.as_array()[_DEJMPS_ROTATION]
    out, n = _bilateral_cnot(ra, rb)
    return BellDiagonal.from_coefficients(out), n


def pump(
    pair: BellDiagonal,
    fresh: BellDiagonal,
    rounds: int,
    protocol: Protocol | str = Protocol.DEJMPS,
) -> tuple[BellDiagonal, float]:
    """Entanglement pumping: purify the kept pair `rounds` times with fresh elementary pairs.

    Dür, Briegel, Cirac, Zoller, PRA 59, 169 (1999). Each round uses eq. 6.3/6.4 with the
    second pair fresh.

    Returns:
        (state after all rounds succeed, probability that all rounds succeed).
    """
    check_positive_int("pump.rounds", rounds)
    p_all = 1.0
    state = pair
    for _ in range(rounds):
        state, p = purify(state, fresh, protocol)
        p_all *= p
    return state, p_all


def purify_until(
    make_pair: BellDiagonal,
    target_fidelity: float,
    *,
    protocol: Protocol | str = Protocol.DEJMPS,
    max_rounds: int = 20,
) -> tuple[BellDiagonal, int, float]:
    """Symmetric recurrence (both inputs equal) until the fidelity reaches `target_fidelity`.

    Returns:
        (state, rounds used, expected input pairs consumed per output pair, counting failed
        rounds: cost_k = 2 cost_{k-1} / p_k).

    Raises:
        InfeasibleError: if the target is not reached within `max_rounds` (the fixed point of
            the recurrence lies below it, or the input is not distillable).
    """
    check_probability("purify_until.target_fidelity", target_fidelity)
    state, cost = make_pair, 1.0
    for k in range(max_rounds + 1):
        if state.fidelity >= target_fidelity:
            return state, k, cost
        new, p = purify(state, state, protocol)
        if new.fidelity <= state.fidelity + 1e-12:
            break
        state, cost = new, 2.0 * cost / p
    raise InfeasibleError(
        f"purification cannot reach F={target_fidelity} from F={make_pair.fidelity:.6g} "
        f"({Protocol(protocol).value}, stalled at F={state.fidelity:.6g})"
    )
