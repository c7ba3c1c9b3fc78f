"""The network's fast path for pair states: correlation triples and lazy memory decay.

A Bell-diagonal pair is kept as its correlation vector c = (<XX>, <YY>, <ZZ>) (the convention
of `qonnect.states.decay.correlations`). In this form every operation the network applies
millions of times is a few multiplications: swapping (eqs. 6.1/6.2) multiplies the Pauli
eigenvalues (<XX>, -<YY>, <ZZ>), and storage in depolarizing or T1/T2 memories (physics.md
section 5, as `qonnect.states.decay` models it) scales the correlations, with the affine
amplitude-damping term on <ZZ>. The tests check each function against `qonnect.states`.

Examples:
    >>> from qonnect.states import BellDiagonal
    >>> w = from_bell(BellDiagonal.werner(0.9))
    >>> round(fidelity(swap(w, w)), 6)  # F1 F2 + (1 - F1)(1 - F2)/3
    0.813333
    >>> r = MemoryRates.of(t_depolarizing_s=1.0)
    >>> round(fidelity(decay(from_bell(BellDiagonal.perfect()), 0.5, r, r)), 6)  # (1+3e^-1)/4
    0.52591
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qonnect.states import BellDiagonal

Corr = tuple[float, float, float]
"""(<XX>, <YY>, <ZZ>) of a Bell-diagonal pair."""

PERFECT: Corr = (1.0, -1.0, 1.0)


def from_bell(state: BellDiagonal) -> Corr:
    """Correlations of a Bell-diagonal state."""
    i, x, y, z = state.coefficients
    return (i + x - y - z, -i + x - y + z, i - x - y + z)


def coefficients(c: Corr) -> tuple[float, float, float, float]:
    """Bell coefficients (Phi+, Psi+, Psi-, Phi-) of correlations `c`."""
    cx, cy, cz = c
    return (
        (1 + cx - cy + cz) / 4,
        (1 + cx + cy - cz) / 4,
        (1 - cx - cy - cz) / 4,
        (1 - cx + cy + cz) / 4,
    )


def to_bell(c: Corr) -> BellDiagonal:
    """The `BellDiagonal` with correlations `c`."""
    return BellDiagonal.from_coefficients(coefficients(c))


def fidelity(c: Corr) -> float:
    """Fidelity with Phi+: (1 + <XX> - <YY> + <ZZ>)/4."""
    return (1.0 + c[0] - c[1] + c[2]) / 4.0


def swap(a: Corr, b: Corr, gate_depolarizing: float = 0.0, measurement_flip: float = 0.0) -> Corr:
    """Entanglement swapping with a noisy Bell measurement (physics.md eqs. 6.1 and 6.2).

    The Klein-four convolution multiplies the Pauli eigenvalues (<XX>, -<YY>, <ZZ>); the
    gate's depolarizing scales all three by (1 - p_g); flipped outcome bits scale them by
    (1 - 2 p_m), (1 - 2 p_m)^2 and (1 - 2 p_m).
    """
    g = 1.0 - gate_depolarizing
    f = 1.0 - 2.0 * measurement_flip
    return (g * f * a[0] * b[0], -g * f * f * a[1] * b[1], g * f * a[2] * b[2])


@dataclass(frozen=True, slots=True)
class MemoryRates:
    """Decay rates of one memory, per second: 1/T1, 1/T2 and 1/T_depolarizing (0 = none)."""

    inv_t1: float = 0.0
    inv_t2: float = 0.0
    inv_td: float = 0.0

    @classmethod
    def of(
        cls, t1_s: float = math.inf, t2_s: float = math.inf, t_depolarizing_s: float = math.inf
    ) -> MemoryRates:
        """Rates from time constants in seconds (math.inf for none)."""
        return cls(1.0 / t1_s, 1.0 / t2_s, 1.0 / t_depolarizing_s)

    @property
    def is_ideal(self) -> bool:
        """True if the memory does not decay at all."""
        return self.inv_t1 == 0.0 and self.inv_t2 == 0.0 and self.inv_td == 0.0


def decay(c: Corr, duration_s: float, a: MemoryRates, b: MemoryRates) -> Corr:
    """Both halves stored for `duration_s` in memories `a` and `b` (physics.md section 5).

    Depolarizing scales all correlations by e^{-t/T_A} e^{-t/T_B}; T2 scales <XX> and <YY> by
    e^{-t/T2a} e^{-t/T2b}; T1 maps <ZZ> to (1-g_a)(1-g_b)<ZZ> + g_a g_b (qonnect.states.decay).
    With both kinds, depolarizing is applied first, as `qonnect.states.store` does.
    """
    if duration_s <= 0.0:
        return c
    dep = math.exp(-duration_s * (a.inv_td + b.inv_td))
    xy = dep * math.exp(-duration_s * (a.inv_t2 + b.inv_t2))
    cz = dep * c[2]
    if a.inv_t1 or b.inv_t1:
        ka = math.exp(-duration_s * a.inv_t1)
        kb = math.exp(-duration_s * b.inv_t1)
        cz = ka * kb * cz + (1.0 - ka) * (1.0 - kb)
    return (xy * c[0], xy * c[1], cz)
