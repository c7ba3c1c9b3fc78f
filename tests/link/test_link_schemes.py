"""Heralding closed forms: reference values and an independent event-by-event enumeration."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.validation import case

from qonnect.link import double_click, single_click


def test_single_click_reference() -> None:
    c = case("single-click-ideal")
    i = c["inputs"]
    p, lam = single_click(i["alpha"], i["eta"], i["p_false_click"])
    assert float(p) == pytest.approx(c["expected"]["p_success"], abs=c["tolerance"])
    assert float(lam[0]) == pytest.approx(c["expected"]["F"], abs=c["tolerance"])


def test_barrett_kok_reference() -> None:
    c = case("barrett-kok")
    for inputs, expected in zip(c["inputs"], c["expected"], strict=True):
        p, lam = double_click(inputs["eta"], inputs["p_false_click"])
        assert float(p) == pytest.approx(expected["p_success"], abs=c["tolerance"])
        assert float(lam[0]) == pytest.approx(expected["F"], abs=c["tolerance"])


def test_limits_of_eq_4_1_and_4_2() -> None:
    a, e = 0.07, 0.2
    p, lam = single_click(a, e, 0.0)
    assert float(p) == pytest.approx(1 - (1 - a * e) ** 2)
    assert float(lam[0]) == pytest.approx((1 - a) / (1 - a * e / 2))
    p, lam = double_click(e, 0.0, 0.8)
    assert float(p) == pytest.approx(e**2 / 2)
    assert float(lam[0]) == pytest.approx((1 + 0.8) / 2)


def _bernoulli(p: float) -> list[tuple[bool, float]]:
    return [(True, p), (False, 1 - p)]


def _route(n_photons: int) -> list[tuple[tuple[int, int], float]]:
    """Photons at (+, -) after a 50:50 splitter; two photons bunch (HOM)."""
    if n_photons == 0:
        return [((0, 0), 1.0)]
    return [((n_photons, 0), 0.5), ((0, n_photons), 0.5)]


def enumerate_single_click(alpha: float, eta: float, pe: float, v: float) -> tuple[float, float]:
    """p_success and F by brute-force enumeration of emissions, losses, routing and darks."""
    p_herald = 0.0
    f_weight = 0.0
    for (ea, pa), (eb, pb) in itertools.product(_bernoulli(alpha), repeat=2):
        emitted = int(ea) + int(eb)
        for arrive in itertools.product(*(_bernoulli(eta) for _ in range(emitted))):
            n_arr = sum(x for x, _ in arrive)
            w_arr = math.prod(w for _, w in arrive)
            for (n_plus, n_minus), w_r in _route(n_arr):
                for (dp, wdp), (dm, wdm) in itertools.product(_bernoulli(pe), repeat=2):
                    w = pa * pb * w_arr * w_r * wdp * wdm
                    click_p, click_m = n_plus > 0 or dp, n_minus > 0 or dm
                    if not (click_p and not click_m):
                        continue
                    p_herald += w
                    if emitted == 1:
                        f_weight += w * ((1 + v) / 2 if n_arr == 1 else 0.5)
    return 2 * p_herald, f_weight / p_herald


def enumerate_double_click(eta: float, pe: float, v: float) -> tuple[float, float]:
    """Barrett-Kok time-bin: spins pick the bin; one click per bin is required."""
    p_herald = 0.0
    f_weight = 0.0
    for sa, sb in itertools.product((0, 1), repeat=2):  # 0 = early bin, 1 = late bin
        w_spin = 0.25
        for arrive in itertools.product(_bernoulli(eta), repeat=2):
            w_arr = arrive[0][1] * arrive[1][1]
            bins = [0, 0]
            for spin, (ok, _) in zip((sa, sb), arrive, strict=True):
                bins[spin] += int(ok)
            for (r0, w0), (r1, w1) in itertools.product(_route(bins[0]), _route(bins[1])):
                for darks in itertools.product(_bernoulli(pe), repeat=4):
                    w_d = math.prod(w for _, w in darks)
                    clicks0 = [r0[0] > 0 or darks[0][0], r0[1] > 0 or darks[1][0]]
                    clicks1 = [r1[0] > 0 or darks[2][0], r1[1] > 0 or darks[3][0]]
                    if sum(clicks0) != 1 or sum(clicks1) != 1:
                        continue
                    w = w_spin * w_arr * w0 * w1 * w_d
                    p_herald += w
                    if sa != sb:
                        both = arrive[0][0] and arrive[1][0]
                        f_weight += w * ((1 + v) / 2 if both else 0.5)
    return p_herald, f_weight / p_herald


@pytest.mark.parametrize(
    ("alpha", "eta", "pe", "v"),
    [(0.1, 0.05, 0.0, 1.0), (0.2, 0.3, 0.01, 0.9), (0.05, 0.01, 1e-3, 1.0), (0.4, 0.8, 0.2, 0.7)],
)
def test_single_click_matches_enumeration(alpha: float, eta: float, pe: float, v: float) -> None:
    p, lam = single_click(alpha, eta, pe, v)
    p_enum, f_enum = enumerate_single_click(alpha, eta, pe, v)
    assert float(p) == pytest.approx(p_enum, rel=1e-12)
    assert float(lam[0]) == pytest.approx(f_enum, rel=1e-12)


@pytest.mark.parametrize(
    ("eta", "pe", "v"), [(0.05, 1e-3, 1.0), (0.3, 0.02, 0.9), (0.9, 0.1, 0.8), (0.01, 0.0, 1.0)]
)
def test_double_click_matches_enumeration(eta: float, pe: float, v: float) -> None:
    p, lam = double_click(eta, pe, v)
    p_enum, f_enum = enumerate_double_click(eta, pe, v)
    assert float(p) == pytest.approx(p_enum, rel=1e-12)
    assert float(lam[0]) == pytest.approx(f_enum, rel=1e-12)


def test_vectorised_over_arrays() -> None:
    etas = np.linspace(0.01, 0.9, 7)
    p, lam = double_click(etas, 1e-3)
    assert p.shape == (7,) and lam.shape == (7, 4)
    for k, e in enumerate(etas):
        pk, lk = double_click(float(e), 1e-3)
        assert p[k] == pytest.approx(float(pk))
        np.testing.assert_allclose(lam[k], lk)


unit = st.floats(0, 1)


@given(unit, unit, unit, unit)
def test_probabilities_and_states_are_valid(a: float, e: float, pe: float, v: float) -> None:
    for p, lam in (single_click(a, e, pe, v), double_click(e, pe, v)):
        assert 0.0 <= float(p) <= 1.0 + 1e-12
        assert np.all(lam >= -1e-12) and float(np.sum(lam)) == pytest.approx(1.0)
