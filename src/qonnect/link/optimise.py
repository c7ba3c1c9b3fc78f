"""Choose the single-click bright-state population alpha: the best rate at a fidelity floor,
or the best fidelity at a rate floor.

The rate grows with alpha; the fidelity rises then falls (noise clicks dominate at small
alpha, two-photon events at large alpha; physics.md 1.5: optimum near sqrt(N_add)). So the
fidelity-constrained optimum is the largest alpha past the fidelity peak that still meets the
floor, and the rate-constrained optimum is the fidelity peak or the smallest alpha meeting
the rate floor, whichever is larger.

Examples:
    >>> from qonnect.physics import get_detector, get_fiber, get_transducer
    >>> link = HeraldedLink(get_transducer("target-2030"), get_detector("snspd-2030"),
    ...                     get_fiber("smf28", length_km=10.0))
    >>> best = optimise_alpha(link, min_fidelity=0.9)
    >>> r = best.evaluate()
    >>> slow = link.replace(alpha=0.01).evaluate()
    >>> bool(r.fidelity_delivered >= 0.9 - 1e-9), bool(r.rate_hz > slow.rate_hz)
    (True, True)
"""

from __future__ import annotations

from scipy.optimize import brentq, minimize_scalar

from qonnect.core.errors import ConfigurationError, InfeasibleError
from qonnect.link.model import HeraldedLink, Scheme

ALPHA_MIN = 1e-6
ALPHA_MAX = 0.5


def _fidelity(link: HeraldedLink, alpha: float, delivered: bool) -> float:
    r = link.replace(alpha=alpha).evaluate()
    return r.fidelity_delivered if delivered else r.fidelity


def _rate(link: HeraldedLink, alpha: float) -> float:
    return link.replace(alpha=alpha).evaluate().rate_hz


def fidelity_peak(link: HeraldedLink, *, delivered: bool = True) -> tuple[float, float]:
    """(alpha, fidelity) at the single-click fidelity maximum over [1e-6, 0.5]."""
    res = minimize_scalar(
        lambda a: -_fidelity(link, a, delivered),
        bounds=(ALPHA_MIN, ALPHA_MAX),
        method="bounded",
        options={"xatol": 1e-9},
    )
    a = float(res.x)
    return a, _fidelity(link, a, delivered)


def optimise_alpha(
    link: HeraldedLink,
    *,
    min_fidelity: float | None = None,
    min_rate_hz: float | None = None,
    delivered: bool = True,
) -> HeraldedLink:
    """The link with the best alpha under exactly one of the two floors.

    Args:
        link: a single-click link.
        min_fidelity: fidelity floor; maximise the rate.
        min_rate_hz: rate floor; maximise the fidelity.
        delivered: judge the fidelity after the qubits waited for the herald (default) or at
            the herald.

    Raises:
        ConfigurationError: not single-click, or not exactly one floor given.
        InfeasibleError: no alpha meets the floor (the message gives the best reachable).
    """
    if link.scheme is not Scheme.SINGLE_CLICK:
        raise ConfigurationError(f"alpha optimisation needs single-click, got {link.scheme}")
    if (min_fidelity is None) == (min_rate_hz is None):
        raise ConfigurationError("give exactly one of min_fidelity or min_rate_hz")
    a_peak, f_peak = fidelity_peak(link, delivered=delivered)
    if min_fidelity is not None:
        if f_peak < min_fidelity:
            raise InfeasibleError(
                f"fidelity {min_fidelity} is out of reach: the best single-click fidelity is "
                f"{f_peak:.6g} at alpha={a_peak:.3g}"
            )
        if _fidelity(link, ALPHA_MAX, delivered) >= min_fidelity:
            return link.replace(alpha=ALPHA_MAX)
        a = brentq(
            lambda x: _fidelity(link, x, delivered) - min_fidelity, a_peak, ALPHA_MAX, xtol=1e-12
        )
        return link.replace(alpha=float(a))
    assert min_rate_hz is not None  # NOTE: narrowed by the check above, for mypy
    if _rate(link, ALPHA_MAX) < min_rate_hz:
        raise InfeasibleError(
            f"rate {min_rate_hz} Hz is out of reach: at most {_rate(link, ALPHA_MAX):.6g} Hz "
            f"at alpha={ALPHA_MAX}"
        )
    if _rate(link, a_peak) >= min_rate_hz:
        return link.replace(alpha=a_peak)
    a = brentq(lambda x: _rate(link, x) - min_rate_hz, a_peak, ALPHA_MAX, xtol=1e-12)
    return link.replace(alpha=float(a))
