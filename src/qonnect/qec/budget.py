"""The link budget of a split surface code: Bell pairs per second a seam consumes vs supply.

Every gate across a seam consumes one Bell pair (telegate, physics.md section 8), so a seam
of a distance-d rotated code needs (crossing gates per round) / (cycle time) pairs per second:
(2d - 1) / t_cycle for one vertical cut. A link with per-mode success probability p and
attempt period T delivers p_cycle(M) / T with p_cycle(M) = 1 - (1 - p)^M for M multiplexed
modes. The smallest sufficient M is ceil(log(1 - R T) / log(1 - p)); if R T >= 1 no M can do
it (at most one pair per attempt period: the period bound), and at least ceil(R T) parallel
links are needed.

Examples:
    >>> from qonnect.link import LinkPerformance
    >>> from qonnect.states import BellDiagonal
    >>> link = LinkPerformance(p_success=1e-3, attempt_period_s=1e-8,
    ...                        state=BellDiagonal.werner(0.99))
    >>> b = link_budget(5, link, cycle_time_s=1e-6)
    >>> b.crossing_gates_per_round, b.required_rate_hz
    (9.0, 9000000.0)
    >>> b.required_modes
    95
    >>> link_budget(5, link, cycle_time_s=1e-8).required_modes is None
    True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from qonnect.core.validate import check_non_negative, check_positive, check_positive_int
from qonnect.link.model import HeraldedLink
from qonnect.link.performance import LinkPerformance
from qonnect.qec.memory import Basis, MemoryExperiment


def required_pair_rate_hz(crossing_gates_per_round: float, cycle_time_s: float) -> float:
    """Bell pairs per second one seam consumes: crossing gates per round / cycle time."""
    check_non_negative("crossing_gates_per_round", crossing_gates_per_round)
    check_positive("cycle_time_s", cycle_time_s)
    return crossing_gates_per_round / cycle_time_s


def modes_needed(p_success: float, attempt_period_s: float, required_rate_hz: float) -> int | None:
    """Smallest M with (1 - (1 - p)^M) / T >= R, or None when none exists (R T >= 1 or p = 0).

    Examples:
        >>> modes_needed(0.5, 1.0, 0.75)
        2
        >>> modes_needed(0.5, 1.0, 1.0) is None
        True
    """
    check_positive("attempt_period_s", attempt_period_s)
    check_non_negative("required_rate_hz", required_rate_hz)
    target = required_rate_hz * attempt_period_s  # needed p_cycle
    if target == 0.0:
        return 1
    if target >= 1.0 or p_success <= 0.0:
        return None
    if p_success >= 1.0:
        return 1
    m = max(1, math.ceil(math.log1p(-target) / math.log1p(-p_success)))
    # NOTE: guard the rounding of the closed form in both directions.
    while m > 1 and -math.expm1((m - 1) * math.log1p(-p_success)) >= target:
        m -= 1
    while -math.expm1(m * math.log1p(-p_success)) < target:
        m += 1
    return m


@dataclass(frozen=True, slots=True)
class LinkBudget:
    """Pairs a seam needs against what one link delivers, and the multiplexing to close it.

    Args:
        distance: code distance d.
        cycle_time_s: QEC cycle time (s).
        crossing_gates_per_round: gates across one seam per round (2d - 1 for a vertical cut).
        link: the link's performance (its `modes` is what it has now).
        seam_error_budget: optional largest tolerable pair infidelity (e.g. a seam threshold
            with a margin); None to skip the fidelity check.
    """

    distance: int
    cycle_time_s: float
    crossing_gates_per_round: float
    link: LinkPerformance
    seam_error_budget: float | None = None

    def __post_init__(self) -> None:
        check_positive_int("distance", self.distance)
        check_positive("cycle_time_s", self.cycle_time_s)
        check_non_negative("crossing_gates_per_round", self.crossing_gates_per_round)
        if self.seam_error_budget is not None:
            check_non_negative("seam_error_budget", self.seam_error_budget)

    @property
    def required_rate_hz(self) -> float:
        """Bell pairs per second the seam consumes."""
        return required_pair_rate_hz(self.crossing_gates_per_round, self.cycle_time_s)

    @property
    def supplied_rate_hz(self) -> float:
        """What the link delivers as configured (its `rate_hz`)."""
        return self.link.rate_hz

    @property
    def rate_ratio(self) -> float:
        """supplied / required (>= 1 means the link keeps up)."""
        return self.supplied_rate_hz / self.required_rate_hz if self.required_rate_hz else math.inf

    @property
    def period_bound_hz(self) -> float:
        """The most one link can deliver at any multiplexing: one pair per attempt period."""
        return 1.0 / self.link.attempt_period_s

    @property
    def required_modes(self) -> int | None:
        """Smallest multiplexing M that closes the gap; None if the period bound forbids it."""
        return modes_needed(self.link.p_success, self.link.attempt_period_s, self.required_rate_hz)

    @property
    def required_modes_keep_all(self) -> int | None:
        """M if every heralded mode of a cycle were kept (rate M p / T): ceil(R T / p).

        NOTE: `LinkPerformance.rate_hz` keeps only the first success of a cycle (one pair
        per attempt period); this is the figure for a link that can store all of them.
        """
        if self.link.p_success <= 0.0:
            return None
        need = self.required_rate_hz * self.link.attempt_period_s / self.link.p_success
        return max(1, math.ceil(need - 1e-9))

    @property
    def min_parallel_links(self) -> int:
        """Links needed in parallel even at p_cycle = 1: ceil(required x period)."""
        return max(1, math.ceil(self.required_rate_hz * self.link.attempt_period_s - 1e-12))

    @property
    def pair_infidelity(self) -> float:
        """1 - F of the delivered pair (the seam error before storage)."""
        return 1.0 - self.link.fidelity

    @property
    def fidelity_ok(self) -> bool | None:
        """Pair infidelity within `seam_error_budget` (None when no budget is given)."""
        if self.seam_error_budget is None:
            return None
        return self.pair_infidelity <= self.seam_error_budget

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "distance": self.distance,
            "cycle_time_s": self.cycle_time_s,
            "crossing_gates_per_round": self.crossing_gates_per_round,
            "required_rate_hz": self.required_rate_hz,
            "supplied_rate_hz": self.supplied_rate_hz,
            "rate_ratio": self.rate_ratio,
            "link": {
                "p_success": self.link.p_success,
                "attempt_period_s": self.link.attempt_period_s,
                "modes": self.link.modes,
                "fidelity": self.link.fidelity,
            },
            "period_bound_hz": self.period_bound_hz,
            "required_modes": self.required_modes,
            "required_modes_keep_all": self.required_modes_keep_all,
            "min_parallel_links": self.min_parallel_links,
            "pair_infidelity": self.pair_infidelity,
            "seam_error_budget": self.seam_error_budget,
            "fidelity_ok": self.fidelity_ok,
        }


def link_budget(
    distance: int,
    link: LinkPerformance,
    *,
    cycle_time_s: float = 1e-6,
    basis: Basis = Basis.Z,
    seam_error_budget: float | None = None,
) -> LinkBudget:
    """The budget of one seam of a distance-d code split in two, counted on the circuit.

    Args:
        distance: code distance d (>= 2).
        link: what the link delivers (`LinkPerformance`).
        cycle_time_s: QEC cycle time (s), default 1 us.
        basis: memory basis of the circuit counted (both give 2d - 1).
        seam_error_budget: optional tolerable pair infidelity.
    """
    per_round = MemoryExperiment(distance, 1, basis, modules=2).crossing_gates_per_round
    return LinkBudget(distance, cycle_time_s, per_round, link, seam_error_budget)


def hardware_link_budget(
    distance: int,
    link: HeraldedLink,
    *,
    cycle_time_s: float = 1e-6,
    basis: Basis = Basis.Z,
    seam_error_budget: float | None = None,
) -> LinkBudget:
    """`link_budget` for a link given by its hardware: uses `link.evaluate().performance`.

    The pair is the delivered one (after the halves wait for the herald).

    Examples:
        >>> from qonnect.link import Scheme
        >>> from qonnect.physics import get_detector, get_fiber, get_transducer
        >>> hw = HeraldedLink(transducer=get_transducer("target-2030"),
        ...                   detector=get_detector("snspd-2030"),
        ...                   fiber=get_fiber("smf28", length_km=10.0),
        ...                   scheme=Scheme.DOUBLE_CLICK)
        >>> b = hardware_link_budget(3, hw)
        >>> b.required_rate_hz, b.required_modes is None
        (5000000.0, True)
    """
    return link_budget(
        distance,
        link.evaluate().performance,
        cycle_time_s=cycle_time_s,
        basis=basis,
        seam_error_budget=seam_error_budget,
    )
