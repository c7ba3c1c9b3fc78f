"""HeraldedLink: efficiency chain, noise, timing, heating, bounds and the alpha optimiser."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.validation import case

from qonnect.core import InfeasibleError, QonnectError
from qonnect.link import HeraldedLink, Scheme, double_click, optimise_alpha, single_click
from qonnect.physics import (
    Detector,
    Fiber,
    PumpHeating,
    Transducer,
    get_detector,
    get_fiber,
    get_qubit,
    get_transducer,
    plob_bound,
    repeater_chain_bound,
)
from qonnect.states import decay_t1t2


def _link(**kw: object) -> HeraldedLink:
    base: dict[str, object] = {
        "transducer": Transducer(0.1, 0.01, 10e6, 1e6),
        "detector": Detector(0.9, 0.0, 1e-9, 40e-9),
        "fiber": Fiber(10.0),
    }
    base.update(kw)
    return HeraldedLink(**base)  # type: ignore[arg-type]


def test_attempt_period_reference() -> None:
    c = case("fibre-delay")
    link = _link(fiber=Fiber(c["inputs"]["length_km"]), node_time_s=c["inputs"]["t_node_s"])
    period, limited = link.attempt_period_s()
    assert period == pytest.approx(c["expected"]["attempt_period_s"], rel=c["tolerance"])
    assert not limited


def test_repetition_rate_limit_binds() -> None:
    slow = Transducer(0.1, 0.01, 10e6, 1e3)
    period, limited = _link(transducer=slow).attempt_period_s()
    assert period == pytest.approx(1e-3) and limited
    # sender-receiver waits for photon and confirmation: twice the midpoint flight
    sr = _link(scheme=Scheme.SENDER_RECEIVER, fiber=Fiber(100.0)).attempt_period_s()[0]
    mim = _link(fiber=Fiber(100.0)).attempt_period_s()[0]
    assert sr - 1e-6 == pytest.approx(2 * (mim - 1e-6))


def test_single_click_uses_eq_1_2_and_arm_efficiency() -> None:
    t = Transducer(0.1, 0.01, 10e6, 1e6)
    det = Detector(0.9, 100.0, 1e-9, 40e-9)
    link = _link(transducer=t, detector=det, alpha=0.1)
    r = link.evaluate()
    eta_half = 10 ** (-0.2 * 5 / 10)
    arm = 0.1 * eta_half * 0.9
    m = 0.1 * 0.01 * eta_half * 0.9  # physics.md 1.5: eta_t N_add eta_f eta_d
    p_dc = 1 - math.exp(-100.0 * 1e-9)
    p_e = 1 - (1 - p_dc) * (1 - m / (1 + m))
    assert r.arm_efficiency == pytest.approx(arm)
    assert r.mean_noise_photons == pytest.approx(m)
    assert r.false_click_probability == pytest.approx(p_e)
    p, lam = single_click(0.1, arm, p_e)
    assert r.p_success == pytest.approx(float(p))
    assert r.fidelity == pytest.approx(float(lam[0]))


def test_multiplexing_and_rate() -> None:
    r1 = _link(scheme=Scheme.DOUBLE_CLICK).evaluate()
    r10 = _link(scheme=Scheme.DOUBLE_CLICK, modes=10).evaluate()
    assert r10.p_cycle == pytest.approx(1 - (1 - r1.p_success) ** 10)
    assert r10.rate_hz == pytest.approx(r10.p_cycle / r10.attempt_period_s)
    assert r10.fidelity == pytest.approx(r1.fidelity)


def test_delivered_state_decays_over_the_herald_wait() -> None:
    q = get_qubit("heron-r3")
    r = _link(qubit=q, scheme=Scheme.DOUBLE_CLICK).evaluate()
    expected = decay_t1t2(r.state, r.herald_wait_s, t1_a_s=q.t1_s, t2_a_s=q.t2_s)
    assert r.state_delivered == expected
    assert r.fidelity_delivered < r.fidelity
    assert r.performance.state == r.state_delivered


def test_pump_heating_raises_noise_when_pulsed_faster() -> None:
    heating = PumpHeating(0.01, 1e-4)
    fast = Transducer(0.1, 0.001, 10e6, 1e6, heating=heating)
    slow = Transducer(0.1, 0.001, 10e6, 1e3, heating=heating)
    r_fast = _link(transducer=fast, fiber=Fiber(1.0), scheme=Scheme.DOUBLE_CLICK).evaluate()
    r_slow = _link(transducer=slow, fiber=Fiber(1.0), scheme=Scheme.DOUBLE_CLICK).evaluate()
    assert r_fast.added_noise_effective == pytest.approx(
        fast.steady_state_added_noise(1 / r_fast.attempt_period_s)
    )
    assert r_fast.added_noise_effective > r_slow.added_noise_effective > 0.001
    assert r_fast.fidelity < r_slow.fidelity
    assert r_fast.rate_hz > r_slow.rate_hz


@pytest.mark.parametrize("transducer", ["eo-2022", "piezo-2024", "cw-eom-2022", "target-2030"])
@pytest.mark.parametrize("km", [0.1, 10.0, 100.0])
def test_no_scheme_beats_its_capacity_bound(transducer: str, km: float) -> None:
    for scheme in Scheme:
        link = HeraldedLink(
            get_transducer(transducer),
            get_detector("snspd"),
            get_fiber("smf28", length_km=km),
            scheme=scheme,
        )
        r = link.evaluate()
        assert r.plob_ebits_per_use == pytest.approx(float(plob_bound(r.channel_transmissivity)))
        if scheme is Scheme.SINGLE_CLICK or scheme is Scheme.MIDPOINT_SOURCE:
            # a midpoint station is a node: the two-segment repeater bound applies
            seg = get_transducer(transducer).efficiency * 10 ** (-0.02 * km / 2)
            assert r.ebits_per_use <= repeater_chain_bound([seg, seg]) + 1e-12
        else:
            assert r.ebits_per_use <= r.plob_ebits_per_use + 1e-12


def test_single_click_can_beat_direct_plob_at_long_distance() -> None:
    # sqrt(eta) scaling (twin-field): above the direct-transmission bound, below the repeater one
    link = HeraldedLink(
        Transducer(0.9, 0.0, 10e6, 1e6),
        Detector(0.95, 0.0, 1e-9, 1e-8),
        Fiber(300.0),
        alpha=0.05,
    )
    r = link.evaluate()
    assert r.plob_ratio > 1.0


def test_optimiser_fidelity_floor_and_rate_floor() -> None:
    link = _link(transducer=get_transducer("target-2030"))
    best = optimise_alpha(link, min_fidelity=0.9).evaluate()
    assert best.fidelity_delivered == pytest.approx(0.9, abs=1e-6)
    for a in np.linspace(0.001, 0.5, 40):
        r = link.replace(alpha=float(a)).evaluate()
        if r.fidelity_delivered >= 0.9:
            assert r.rate_hz <= best.rate_hz * (1 + 1e-9)
    target_rate = best.rate_hz / 3
    top = optimise_alpha(link, min_rate_hz=target_rate).evaluate()
    assert top.rate_hz >= target_rate * (1 - 1e-9)
    for a in np.linspace(0.001, 0.5, 40):
        r = link.replace(alpha=float(a)).evaluate()
        if r.rate_hz >= target_rate:
            assert r.fidelity_delivered <= top.fidelity_delivered + 1e-9


def test_optimiser_says_when_out_of_reach() -> None:
    link = _link(transducer=get_transducer("eo-2022"))
    with pytest.raises(InfeasibleError, match="out of reach"):
        optimise_alpha(link, min_fidelity=0.99)
    with pytest.raises(QonnectError, match="exactly one"):
        optimise_alpha(link)
    with pytest.raises(QonnectError, match="single-click"):
        optimise_alpha(_link(scheme=Scheme.DOUBLE_CLICK), min_fidelity=0.5)


def test_sqrt_nadd_scaling_of_single_click() -> None:
    # physics.md 1.5: best 1 - F ~ 2 sqrt(N_add) for eta << 1 and no dark counts
    from qonnect.link import fidelity_peak

    for n_add in (1e-4, 1e-3):
        link = _link(
            transducer=Transducer(0.05, n_add, 10e6, 1e6),
            detector=Detector(0.9, 0.0, 1e-9, 1e-8),
        )
        a, f = fidelity_peak(link, delivered=False)
        assert a == pytest.approx(math.sqrt(n_add), rel=0.3)
        assert 1 - f == pytest.approx(2 * math.sqrt(n_add), rel=0.3)


def test_bk_error_is_about_six_nadd() -> None:
    link = _link(
        transducer=Transducer(0.05, 1e-4, 10e6, 1e6),
        detector=Detector(0.9, 0.0, 1e-9, 1e-8),
        scheme=Scheme.DOUBLE_CLICK,
    )
    assert 1 - link.evaluate().fidelity == pytest.approx(6e-4, rel=0.1)
    assert double_click(0.1, 0.0)[0] == pytest.approx(0.005)


@pytest.mark.parametrize(
    ("field", "value"),
    [("alpha", 1.5), ("visibility", -0.1), ("modes", 0), ("node_time_s", -1.0)],
)
def test_bad_values_name_the_field(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        _link(**{field: value})


@given(
    eff=st.floats(0, 1),
    noise=st.floats(0, 10),
    km=st.floats(0, 500),
    alpha=st.floats(0, 1),
    v=st.floats(0, 1),
    modes=st.integers(1, 1000),
    scheme=st.sampled_from(list(Scheme)),
    dcr=st.floats(0, 1e6),
    rate=st.floats(1, 1e9),
)
def test_random_links_stay_physical(
    eff: float,
    noise: float,
    km: float,
    alpha: float,
    v: float,
    modes: int,
    scheme: Scheme,
    dcr: float,
    rate: float,
) -> None:
    try:
        link = HeraldedLink(
            Transducer(eff, noise, 1e7, rate),
            Detector(0.9, dcr, 1e-9, 1e-8),
            Fiber(km),
            scheme=scheme,
            alpha=alpha,
            visibility=v,
            modes=modes,
            qubit=get_qubit("heron-r3"),
        )
        r = link.evaluate()
    except (ValueError, QonnectError):
        return
    for p in (r.p_success, r.p_cycle, r.fidelity, r.fidelity_delivered):
        assert 0.0 <= p <= 1.0 + 1e-12
    assert sum(r.state.coefficients) == pytest.approx(1.0)
    assert r.rate_hz >= 0 and r.attempt_period_s > 0
    assert r.ebits_per_use >= 0


def test_sender_receiver_halves_wait_different_times() -> None:
    # A's qubit waits for the photon and the confirmation (2L/v), B's only for the latter (L/v):
    # the delivered state is the exact T1/T2 projection with those two waits (a density matrix)
    from qonnect.states import BellDiagonal
    from qonnect.states.density import apply_kraus, t1t2_kraus

    q = get_qubit("heron-r3")
    r = _link(scheme=Scheme.SENDER_RECEIVER, qubit=q, fiber=Fiber(20.0)).evaluate()
    one_way = Fiber(20.0).delay_s
    rho = apply_kraus(r.state.to_density_matrix(), t1t2_kraus(2 * one_way, q.t1_s, q.t2_s), [0], 2)
    rho = apply_kraus(rho, t1t2_kraus(one_way, q.t1_s, q.t2_s), [1], 2)
    exact = BellDiagonal.from_density_matrix(rho)
    np.testing.assert_allclose(r.state_delivered.as_array(), exact.as_array(), atol=1e-12)
