"""`HeraldedLink`: one edge's heralded entanglement generation from hardware parameters.

The efficiency chain, noise, timing and closed forms of physics.md sections 1.5 and 4; the
result is a `LinkReport` (success probability, attempt period, rate, heralded state, PLOB
comparison) whose `.performance` is what the network simulates.

Examples:
    >>> from qonnect.physics import get_detector, get_fiber, get_transducer
    >>> link = HeraldedLink(
    ...     transducer=get_transducer("target-2030"),
    ...     detector=get_detector("snspd-2030"),
    ...     fiber=get_fiber("smf28", length_km=10.0),
    ...     scheme=Scheme.DOUBLE_CLICK,
    ... )
    >>> r = link.evaluate()
    >>> r.attempt_period_s > r.herald_wait_s, 0.9 < r.fidelity < 1.0
    (True, True)
"""

from __future__ import annotations

import dataclasses
import math
from enum import StrEnum
from typing import Any

import numpy as np

from qonnect.core.units import db_to_transmissivity
from qonnect.core.validate import (
    check_non_negative,
    check_positive,
    check_positive_int,
    check_probability,
)
from qonnect.link.performance import LinkPerformance
from qonnect.link.schemes import double_click, midpoint_source, sender_receiver, single_click
from qonnect.physics import (
    Detector,
    Fiber,
    Qubit,
    Transducer,
    false_click_probability,
    fiber_transmissivity,
    plob_bound,
)
from qonnect.states import BellDiagonal, decay_t1t2


class Scheme(StrEnum):
    """Heralding schemes (physics.md section 4)."""

    SINGLE_CLICK = "single-click"
    DOUBLE_CLICK = "double-click"
    MIDPOINT_SOURCE = "midpoint-source"
    SENDER_RECEIVER = "sender-receiver"


def hashing_yield(state: BellDiagonal) -> float:
    """Ebits per pair distillable by one-way hashing, max(0, 1 - H(lambda)): a lower bound.

    Examples:
        >>> hashing_yield(BellDiagonal.perfect())
        1.0
        >>> hashing_yield(BellDiagonal.werner(0.6))
        0.0
    """
    lam = state.as_array()
    nz = lam[lam > 0]
    return max(0.0, 1.0 + float(np.sum(nz * np.log2(nz))))


@dataclasses.dataclass(frozen=True, slots=True)
class LinkReport:
    """What a `HeraldedLink` delivers (all SI; see `HeraldedLink.evaluate`)."""

    scheme: Scheme
    distance_km: float
    arm_efficiency: float
    mean_noise_photons: float
    false_click_probability: float
    added_noise_effective: float
    p_success: float
    modes: int
    p_cycle: float
    attempt_period_s: float
    repetition_limited: bool
    rate_hz: float
    state: BellDiagonal
    herald_wait_s: float
    state_delivered: BellDiagonal
    channel_transmissivity: float
    plob_ebits_per_use: float
    ebits_per_use: float
    """Heralded pairs per mode use times their hashing yield (at the herald: the channel's
    own output, before the memories decay)."""

    @property
    def fidelity(self) -> float:
        """Fidelity of the heralded pair at the herald, from the optics alone."""
        return self.state.fidelity

    @property
    def fidelity_delivered(self) -> float:
        """Fidelity once both qubits have waited for the herald (their T1/T2)."""
        return self.state_delivered.fidelity

    @property
    def plob_ratio(self) -> float:
        """Achieved ebits per channel use over the PLOB bound of the same channel."""
        return self.ebits_per_use / self.plob_ebits_per_use if self.plob_ebits_per_use else 0.0

    @property
    def plob_rate_hz(self) -> float:
        """PLOB bound in ebits per second at this link's channel-use rate (modes/period)."""
        return self.plob_ebits_per_use * self.modes / self.attempt_period_s

    @property
    def performance(self) -> LinkPerformance:
        """The edge as the network simulates it (the delivered state)."""
        return LinkPerformance(
            p_success=self.p_success,
            attempt_period_s=self.attempt_period_s,
            state=self.state_delivered,
            modes=self.modes,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary; keys are the CLI's `--json` keys."""
        return {
            "scheme": self.scheme.value,
            "distance_km": self.distance_km,
            "p_success": self.p_success,
            "modes": self.modes,
            "p_cycle": self.p_cycle,
            "attempt_period_s": self.attempt_period_s,
            "repetition_limited": self.repetition_limited,
            "rate_hz": self.rate_hz,
            "fidelity": self.fidelity,
            "bell_diagonal": list(self.state.coefficients),
            "herald_wait_s": self.herald_wait_s,
            "fidelity_delivered": self.fidelity_delivered,
            "bell_diagonal_delivered": list(self.state_delivered.coefficients),
            "arm_efficiency": self.arm_efficiency,
            "mean_noise_photons": self.mean_noise_photons,
            "false_click_probability": self.false_click_probability,
            "added_noise_effective": self.added_noise_effective,
            "channel_transmissivity": self.channel_transmissivity,
            "plob_ebits_per_use": self.plob_ebits_per_use,
            "ebits_per_use": self.ebits_per_use,
            "plob_ratio": self.plob_ratio,
            "plob_rate_hz": self.plob_rate_hz,
        }


@dataclasses.dataclass(frozen=True, slots=True)
class HeraldedLink:
    """Heralded entanglement between two nodes, from hardware parameters.

    Args:
        transducer: node A's microwave-to-optical transducer (and B's unless `transducer_b`).
        detector: the heralding station's detectors (midpoint schemes).
        fiber: the fibre between the nodes; its `length_km` is the node distance L.
        scheme: single-click, double-click, midpoint-source or sender-receiver.
        qubit: the communication qubits; they decay (T1/T2) while waiting for the herald.
        transducer_b: node B's transducer, if different.
        alpha: bright-state population (single-click).
        visibility: interference visibility V of the two photons (midpoint schemes).
        modes: multiplexed modes per attempt, M.
        node_time_s: reset, preparation and emission per attempt (s).
        emission_efficiency: qubit to microwave line, eta_emit.
        coupling_efficiency: transducer to fibre, eta_cpl.
        filter_efficiency: pump filtering, eta_filt.
        absorption_efficiency: heralded absorption of a microwave photon (source / SR schemes).
        source_pair_probability: pair emission probability per attempt (midpoint source).
        source_fidelity: fidelity of a pair from the source alone (default 1 - p_pair, the
            multi-pair error of a thermal source) [A].
        arm_loss_db: extra loss on each photon's way (switches, connectors; dB), counted once
            per arm by the midpoint schemes and once end to end by sender-receiver.

    Raises:
        UnphysicalParameterError: any value outside its range, naming field and value.
    """

    transducer: Transducer
    detector: Detector
    fiber: Fiber
    scheme: Scheme = Scheme.SINGLE_CLICK
    qubit: Qubit | None = None
    transducer_b: Transducer | None = None
    alpha: float = 0.1
    visibility: float = 1.0
    modes: int = 1
    node_time_s: float = 1e-6
    emission_efficiency: float = 1.0
    coupling_efficiency: float = 1.0
    filter_efficiency: float = 1.0
    absorption_efficiency: float = 1.0
    source_pair_probability: float = 0.01
    source_fidelity: float | None = None
    arm_loss_db: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "scheme", Scheme(self.scheme))
        check_probability("HeraldedLink.alpha", self.alpha)
        check_probability("HeraldedLink.visibility", self.visibility)
        check_positive_int("HeraldedLink.modes", self.modes)
        check_positive("HeraldedLink.node_time_s", self.node_time_s)
        for f in (
            "emission_efficiency",
            "coupling_efficiency",
            "filter_efficiency",
            "absorption_efficiency",
            "source_pair_probability",
        ):
            check_probability(f"HeraldedLink.{f}", getattr(self, f))
        if self.source_fidelity is not None:
            check_probability("HeraldedLink.source_fidelity", self.source_fidelity)
        check_non_negative("HeraldedLink.arm_loss_db", self.arm_loss_db)

    # ---------------------------------------------------------------- derived hardware
    @property
    def distance_km(self) -> float:
        """Node-to-node distance L (km)."""
        return self.fiber.length_km

    @property
    def transducer_b_or_a(self) -> Transducer:
        """Node B's transducer."""
        return self.transducer_b if self.transducer_b is not None else self.transducer

    def replace(self, **changes: Any) -> HeraldedLink:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def _node_efficiency(self, t: Transducer) -> float:
        return (
            self.emission_efficiency
            * t.efficiency
            * self.coupling_efficiency
            * (self.filter_efficiency)
        )

    def _flight_s(self) -> tuple[float, float, float]:
        """(attempt flight + herald time, wait of half A, wait of half B) in seconds."""
        one_way = self.fiber.delay_s  # L / v_g
        if self.scheme is Scheme.SENDER_RECEIVER:
            return 2 * one_way, 2 * one_way, one_way
        return one_way, one_way, one_way

    def attempt_period_s(self) -> tuple[float, bool]:
        """max(node time + flight + herald, 1/f_rep) and whether the rate limit binds."""
        flight, _, _ = self._flight_s()
        f_rep = min(
            self.transducer.max_repetition_rate_hz, self.transducer_b_or_a.max_repetition_rate_hz
        )
        t_light = self.node_time_s + flight
        t_rep = 1.0 / f_rep
        return (t_rep, True) if t_rep > t_light else (t_light, False)

    # ---------------------------------------------------------------- evaluation
    def evaluate(self) -> LinkReport:
        """Closed-form success probability, timing, heralded state and PLOB comparison."""
        period, rep_limited = self.attempt_period_s()
        ta, tb = self.transducer, self.transducer_b_or_a
        # pump heating at the attempt rate (physics.md 1.4); = added_noise without heating
        n_a = ta.steady_state_added_noise(1.0 / period)
        n_b = tb.steady_state_added_noise(1.0 / period)
        node_a, node_b = self._node_efficiency(ta), self._node_efficiency(tb)
        extra = db_to_transmissivity(self.arm_loss_db)
        eta_fiber = self.fiber.transmissivity * extra
        eta_half = float(fiber_transmissivity(self.distance_km / 2, self.fiber.loss_db_per_km))
        eta_half *= extra
        eta_d = self.detector.efficiency
        p_dark = self.detector.dark_count_probability

        if self.scheme in (Scheme.SINGLE_CLICK, Scheme.DOUBLE_CLICK):
            arm_a = node_a * eta_half * eta_d
            arm_b = node_b * eta_half * eta_d
            # NOTE: the closed forms assume equal arms; the geometric mean is exact for the
            # leading (two-photon) term of double-click and a close approximation otherwise.
            arm = math.sqrt(arm_a * arm_b)
            # each transducer's output noise eta_t N_add follows its photon's path to the
            # station; two independent thermal inputs on a 50:50 splitter give each detector
            # a thermal field of their mean (physics.md 1.5: m = eta_t N_add eta_f eta_d)
            path = self.coupling_efficiency * eta_half * self.filter_efficiency * eta_d
            m = 0.5 * (ta.efficiency * n_a + tb.efficiency * n_b) * path
            p_e = float(false_click_probability(p_dark, m))
            if self.scheme is Scheme.SINGLE_CLICK:
                p, lam = single_click(self.alpha, arm, p_e, self.visibility)
            else:
                p, lam = double_click(arm, p_e, self.visibility)
        elif self.scheme is Scheme.MIDPOINT_SOURCE:
            arm_a = eta_half * ta.efficiency * self.coupling_efficiency * self.filter_efficiency
            arm_a *= self.absorption_efficiency
            arm_b = eta_half * tb.efficiency * self.coupling_efficiency * self.filter_efficiency
            arm_b *= self.absorption_efficiency
            arm = math.sqrt(arm_a * arm_b)
            m_a = ta.efficiency * n_a * self.absorption_efficiency
            m_b = tb.efficiency * n_b * self.absorption_efficiency
            fa, fb = m_a / (1 + m_a), m_b / (1 + m_b)
            m, p_e = 0.5 * (m_a + m_b), 0.5 * (fa + fb)
            f0 = (
                self.source_fidelity
                if self.source_fidelity is not None
                else 1.0 - self.source_pair_probability
            )
            p, lam = midpoint_source(self.source_pair_probability, arm_a, arm_b, fa, fb, f0)
        else:  # sender-receiver
            arm = node_a * eta_fiber * tb.efficiency * self.absorption_efficiency
            m = (
                (
                    ta.efficiency
                    * n_a
                    * self.coupling_efficiency
                    * eta_fiber
                    * self.filter_efficiency
                    + n_b
                )
                * tb.efficiency
                * self.absorption_efficiency
            )
            p_e = m / (1 + m)
            p, lam = sender_receiver(arm, p_e)

        state = BellDiagonal.from_coefficients(np.asarray(lam, dtype=np.float64))
        p_success = float(p)
        _, wait_a, wait_b = self._flight_s()
        delivered = state
        if self.qubit is not None:
            q = self.qubit
            # Half B waits wait_b, not wait_a: its time constants scaled by wait_a / wait_b
            # give it the same decay over the common duration wait_a, in one exact projection
            # (two projections in a row would drop the |00> bias between them).
            scale = wait_a / wait_b if wait_b > 0 else math.inf
            delivered = decay_t1t2(
                delivered,
                wait_a,
                t1_a_s=q.t1_s,
                t2_a_s=q.t2_s,
                t1_b_s=q.t1_s * scale,
                t2_b_s=q.t2_s * scale,
            )
        channel = node_a * eta_fiber * node_b
        perf = LinkPerformance(p_success, period, delivered, self.modes)
        plob = float(plob_bound(channel))
        return LinkReport(
            scheme=self.scheme,
            distance_km=self.distance_km,
            arm_efficiency=arm,
            mean_noise_photons=float(m),
            false_click_probability=float(p_e),
            added_noise_effective=0.5 * (n_a + n_b),
            p_success=p_success,
            modes=self.modes,
            p_cycle=perf.p_cycle,
            attempt_period_s=period,
            repetition_limited=rep_limited,
            rate_hz=perf.rate_hz,
            state=state,
            herald_wait_s=max(wait_a, wait_b),
            state_delivered=delivered,
            channel_transmissivity=channel,
            plob_ebits_per_use=plob,
            ebits_per_use=p_success * hashing_yield(state),
        )
