"""Closed forms of heralded entanglement generation (physics.md sections 1.5, 4.1 to 4.3).

Each function returns the success probability per attempt (per mode) and the heralded pair as
Bell-diagonal coefficients (Phi+, Psi+, Psi-, Phi-) after the Pauli-frame correction of its
herald pattern, so Phi+ is the target. Inputs may be numpy arrays (vectorised sweeps); the
outputs then have the broadcast shape, with a trailing axis of 4 for the coefficients.

NOTE: the single-click state has |00><00| and |11><11| components whose Phi+/Phi- coherences
are not Bell-diagonal when their weights differ; they are dropped here (the Bell twirl). The
fidelity is exact (physics.md section 11, caveat 6).

Examples:
    >>> p, lam = single_click(0.1, 0.05, 0.0)
    >>> round(float(p), 6), round(float(lam[0]), 6)
    (0.009975, 0.902256)
    >>> p, lam = double_click(0.05, 1e-3)
    >>> round(float(p), 9), round(float(lam[0]), 6)
    (0.001443219, 0.897859)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def _f(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


_TINY = 1e-300  # below this a herald never happens; avoids dividing denormals


def _normalise(weights: list[FloatArray]) -> FloatArray:
    """Stack unnormalised (Phi+, Psi+, Psi-, Phi-) weights and normalise; I/4 if all vanish."""
    w = np.stack(np.broadcast_arrays(*weights), axis=-1)
    total = w.sum(axis=-1, keepdims=True)
    ok = total > _TINY
    return np.where(ok, w / np.where(ok, total, 1.0), 0.25)


def single_click(
    alpha: npt.ArrayLike,
    eta: npt.ArrayLike,
    p_false_click: npt.ArrayLike,
    visibility: npt.ArrayLike = 1.0,
) -> tuple[FloatArray, FloatArray]:
    """Single-click (Cabrillo) heralding, eq. 4.1.

    Args:
        alpha: bright-state population of each node.
        eta: total per-arm efficiency from emitter to click.
        p_false_click: false-click probability per detector per window (dark + noise), eq. 1.2.
        visibility: two-photon interference visibility V (phase stability x HOM overlap).

    Returns:
        (p_success, coefficients) with both detector patterns counted in p_success.
    """
    a, e, pe, v = _f(alpha), _f(eta), _f(p_false_click), _f(visibility)
    sig = a * (1 - a) * e * (1 - pe)
    mix = 2 * a * (1 - a) * (1 - e) * pe * (1 - pe)
    dark0 = (1 - a) ** 2 * pe * (1 - pe)
    both = a**2 * ((e - e**2 / 2) * (1 - pe) + (1 - e) ** 2 * pe * (1 - pe))
    p1 = sig + mix + dark0 + both
    target = sig * (1 + v) / 2 + mix / 2  # Psi+ (the heralded Bell state)
    wrong_phase = sig * (1 - v) / 2 + mix / 2  # Psi-
    even = (dark0 + both) / 2  # Phi+ and Phi- each
    # correct the frame with X on the second qubit: Psi+ -> Phi+, Psi- -> Phi-, Phi+- -> Psi+-
    return 2 * p1, _normalise([target, even, even, wrong_phase])


def double_click(
    eta: npt.ArrayLike, p_false_click: npt.ArrayLike, visibility: npt.ArrayLike = 1.0
) -> tuple[FloatArray, FloatArray]:
    """Double-click (Barrett-Kok, time-bin) heralding, eq. 4.2.

    Returns:
        (p_success, coefficients); p_success counts every accepted pattern.
    """
    e, pe, v = _f(eta), _f(p_false_click), _f(visibility)
    q = 1 - pe
    good = 0.5 * e**2 * q**2
    mixed = 2 * e * (1 - e) * pe * q**2 + 2 * (1 - e) ** 2 * pe**2 * q**2
    same = pe * q * ((e**2 + 2 * e * (1 - e)) * q + 2 * (1 - e) ** 2 * pe * q)
    p = good + mixed + same
    target = good * (1 + v) / 2 + mixed / 2
    wrong_phase = good * (1 - v) / 2 + mixed / 2
    even = same / 2
    return p, _normalise([target, even, even, wrong_phase])


def _werner_mixture(
    p_true: FloatArray, p_total: FloatArray, signal_fidelity: FloatArray
) -> FloatArray:
    """Coefficients of a true pair (Werner, `signal_fidelity`) mixed with false heralds (I/4)."""
    good = p_true * signal_fidelity + (p_total - p_true) / 4
    e = (p_total - good) / 3
    return _normalise([good, e, e, e])


def midpoint_source(
    p_pair: npt.ArrayLike,
    eta_a: npt.ArrayLike,
    eta_b: npt.ArrayLike,
    p_false_a: npt.ArrayLike,
    p_false_b: npt.ArrayLike,
    signal_fidelity: npt.ArrayLike = 1.0,
) -> tuple[FloatArray, FloatArray]:
    """Midpoint entangled-photon source; both ends herald an absorption (section 4.3) [A].

    A pair is emitted with probability `p_pair`; each photon reaches and is absorbed by its
    node with `eta_a`/`eta_b` (fibre L/2, O->M transducer, heralded absorption). A side that
    got no photon heralds falsely with `p_false_*` (noise of its transducer). A true event gives
    a Werner pair of `signal_fidelity` (the source's multi-pair error); any false herald an
    uncorrelated, maximally mixed pair.
    """
    pp, ea, eb = _f(p_pair), _f(eta_a), _f(eta_b)
    fa, fb, f0 = _f(p_false_a), _f(p_false_b), _f(signal_fidelity)
    true = pp * ea * eb
    herald_a_given_pair = ea + (1 - ea) * fa
    herald_b_given_pair = eb + (1 - eb) * fb
    total = pp * herald_a_given_pair * herald_b_given_pair + (1 - pp) * fa * fb
    return total, _werner_mixture(true, total, f0)


def sender_receiver(
    eta: npt.ArrayLike,
    p_false: npt.ArrayLike,
    signal_fidelity: npt.ArrayLike = 1.0,
) -> tuple[FloatArray, FloatArray]:
    """Node A emits a photon entangled with its qubit; node B heralds its absorption [A].

    `eta` is the whole chain from A's emitter to B's heralded absorption (both transducers and
    the full fibre); `p_false` the probability that B heralds without the photon (noise of the
    transducers reaching B's qubit).
    """
    e, pf, f0 = _f(eta), _f(p_false), _f(signal_fidelity)
    total = e + (1 - e) * pf
    return total, _werner_mixture(e, total, f0)
