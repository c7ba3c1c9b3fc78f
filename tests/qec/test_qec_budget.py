"""Link budget: pairs per second a seam needs, the multiplexing that closes the gap."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qonnect.link import HeraldedLink, LinkPerformance, Scheme
from qonnect.physics import get_detector, get_fiber, get_transducer
from qonnect.qec import hardware_link_budget, link_budget, modes_needed, required_pair_rate_hz
from qonnect.states import BellDiagonal


def _p_cycle(p: float, m: int) -> float:
    return 1 - (1 - p) ** m


@given(
    p=st.floats(1e-6, 0.999),
    period=st.floats(1e-9, 1e-3),
    frac=st.floats(0.0, 0.999),
)
def test_modes_needed_is_the_smallest_sufficient(p: float, period: float, frac: float) -> None:
    required = frac / period  # below the period bound
    m = modes_needed(p, period, required)
    assert m is not None
    assert _p_cycle(p, m) / period >= required * (1 - 1e-12)
    if m > 1:  # (relative slack for the rounding of required = frac / period)
        assert _p_cycle(p, m - 1) / period < required * (1 + 1e-12)


def test_period_bound_means_no_multiplexing_suffices() -> None:
    assert modes_needed(0.9, 1e-6, 1e6) is None
    assert modes_needed(0.0, 1e-6, 1.0) is None


@pytest.mark.parametrize("distance", [3, 5, 7, 9])
def test_required_rate_is_2d_minus_1_per_cycle(distance: int) -> None:
    link = LinkPerformance(0.01, 1e-9, BellDiagonal.werner(0.99))
    b = link_budget(distance, link, cycle_time_s=1e-6)
    assert b.crossing_gates_per_round == 2 * distance - 1
    assert b.required_rate_hz == pytest.approx((2 * distance - 1) * 1e6)
    assert required_pair_rate_hz(2 * distance - 1, 1e-6) == b.required_rate_hz
    m = b.required_modes
    assert m is not None
    closed = LinkPerformance(0.01, 1e-9, BellDiagonal.werner(0.99), modes=m)
    assert closed.rate_hz >= b.required_rate_hz * (1 - 1e-12)
    if m > 1:
        fewer = LinkPerformance(0.01, 1e-9, link.state, modes=m - 1)
        assert fewer.rate_hz < b.required_rate_hz
    else:
        assert link.rate_hz >= b.required_rate_hz  # one mode already suffices (d = 3)


def test_today_links_cannot_feed_a_microsecond_cycle() -> None:
    # A 1 MHz-repetition link can never supply (2d - 1) pairs per microsecond.
    link = LinkPerformance(1e-3, 1e-6, BellDiagonal.werner(0.9), modes=10)
    b = link_budget(5, link)
    assert b.required_modes is None
    assert b.min_parallel_links == 9
    assert b.rate_ratio == pytest.approx(link.rate_hz / 9e6)
    assert not b.as_dict()["fidelity_ok"]  # None: no budget given
    assert link_budget(5, link, seam_error_budget=0.05).fidelity_ok is False
    assert link_budget(5, link, seam_error_budget=0.2).fidelity_ok is True
    assert math.isclose(b.period_bound_hz, 1e6)


def test_keeping_every_success_needs_r_t_over_p_modes() -> None:
    link = LinkPerformance(1e-3, 1e-6, BellDiagonal.werner(0.9))
    b = link_budget(5, link)
    assert b.required_modes_keep_all == 9000  # 9e6 pairs/s x 1e-6 s / 1e-3
    assert b.required_modes_keep_all * link.p_success / link.attempt_period_s >= 9e6


def test_hardware_budget_uses_the_link_layer() -> None:
    hw = HeraldedLink(
        transducer=get_transducer("target-2030"),
        detector=get_detector("snspd-2030"),
        fiber=get_fiber("smf28", length_km=0.1),
        scheme=Scheme.DOUBLE_CLICK,
    )
    perf = hw.evaluate().performance
    b = hardware_link_budget(5, hw, cycle_time_s=10e-6)
    assert b.link == perf
    assert b.required_rate_hz == pytest.approx(9 / 10e-6)
    assert b.pair_infidelity == pytest.approx(1 - perf.fidelity)
