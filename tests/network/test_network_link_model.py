"""Hop models: what an edge (or a switched path) heralds, against the closed forms."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from qonnect.link import HeraldedLink, Scheme
from qonnect.network import NetworkSpec, Topology, hop_model
from qonnect.physics.fiber import Fiber
from qonnect.physics.presets import get_detector, get_qubit, get_transducer

PUBLIC = (
    Path(__file__).resolve().parents[2].parent / "shared" / "validation" / "physics_public.json"
)


def _topo(nodes: list[dict], edges: list[dict]) -> Topology:
    return Topology.from_spec(NetworkSpec.model_validate({"nodes": nodes, "edges": edges}))


def test_public_fibre_delay_case_gives_the_attempt_period() -> None:
    case = next(c for c in json.loads(PUBLIC.read_text())["cases"] if c["id"] == "fibre-delay")
    length, t_node = case["inputs"]["length_km"], case["inputs"]["t_node_s"]
    t = _topo(
        [{"id": "a"}, {"id": "b"}],
        [
            {
                "a": "a",
                "b": "b",
                "length_km": length,
                "link": {"efficiencies": [0.5], "excitation_rate_hz": 1 / t_node},
            }
        ],
    )
    h = hop_model(t, ("a", "b"))
    tol = case["tolerance"]
    assert h.performance.attempt_period_s == pytest.approx(
        case["expected"]["attempt_period_s"], rel=tol
    )
    assert h.delay_ps * 1e-12 == pytest.approx(case["expected"]["delay_s"], rel=tol)


@pytest.mark.parametrize("length_km", [1.0, 10.0, 50.0])
def test_barrett_kok_and_single_click_chains(length_km: float) -> None:
    chain = [0.75, 0.8]
    eta = 0.75 * 0.8 * 10 ** (-0.2 * length_km / 2 / 10)
    bk = _topo(
        [{"id": "a"}, {"id": "b"}],
        [{"a": "a", "b": "b", "length_km": length_km, "link": {"efficiencies": chain, "modes": 3}}],
    )
    h = hop_model(bk, ("a", "b"))
    assert h.performance.p_success == pytest.approx(eta**2 / 2, rel=1e-12)  # eq. 4.2, p_e = 0
    assert h.p_cycle == pytest.approx(1 - (1 - eta**2 / 2) ** 3, rel=1e-12)
    assert h.fidelity == pytest.approx(1.0)
    alpha = 0.1
    sc = _topo(
        [{"id": "a"}, {"id": "b"}],
        [
            {
                "a": "a",
                "b": "b",
                "length_km": length_km,
                "link": {
                    "efficiencies": chain,
                    "scheme": "single_click",
                    "bright_state_population": alpha,
                },
            }
        ],
    )
    h = hop_model(sc, ("a", "b"))
    # eq. 4.1 limit p_e = 0: p = 1 - (1 - alpha eta)^2, F = (1 - alpha)/(1 - alpha eta / 2)
    assert h.performance.p_success == pytest.approx(1 - (1 - alpha * eta) ** 2, rel=1e-12)
    assert h.fidelity == pytest.approx((1 - alpha) / (1 - alpha * eta / 2), rel=1e-12)


def test_hop_through_a_switch_adds_its_loss_and_setup() -> None:
    link = {"efficiencies": [0.9], "excitation_rate_hz": 1e6}
    t = _topo(
        [
            {"id": "a"},
            {
                "id": "s",
                "kind": "switch",
                "switch": {"insertion_loss_db": 1.5, "reconfiguration_s": 2e-3},
            },
            {"id": "b"},
        ],
        [
            {"a": "a", "b": "s", "length_km": 2.0, "link": link},
            {"a": "s", "b": "b", "length_km": 4.0, "link": link},
        ],
    )
    h = hop_model(t, ("a", "s", "b"))
    sw = 10 ** (-0.15)
    eta_a = 0.9 * 10 ** (-0.2 * 2 / 10) * sw
    eta_b = 0.9 * 10 ** (-0.2 * 4 / 10) * sw
    assert h.performance.p_success == pytest.approx(eta_a * eta_b / 2, rel=1e-12)
    v = 299_792_458.0 / 1.4682
    assert h.performance.attempt_period_s == pytest.approx(1e-6 + 2 * 4e3 / v, rel=1e-9)
    assert h.setup_ps == 2_000_000_000
    assert h.transmissivity == pytest.approx(10 ** (-0.2 * 6 / 10) * sw, rel=1e-12)
    assert h.delay_ps == round(6e3 / v * 1e12)


def test_hop_through_a_midpoint_source() -> None:
    link = {"efficiencies": [0.8]}
    t = _topo(
        [
            {"id": "a"},
            {
                "id": "m",
                "kind": "source",
                "source": {"pair_probability": 0.05, "repetition_rate_hz": 1e6},
            },
            {"id": "b"},
        ],
        [
            {"a": "a", "b": "m", "length_km": 5.0, "link": link},
            {"a": "m", "b": "b", "length_km": 5.0, "link": link},
        ],
    )
    h = hop_model(t, ("a", "m", "b"))
    eta = 0.8 * 10 ** (-0.1)
    assert h.performance.p_success == pytest.approx(0.05 * eta * eta, rel=1e-12)


def test_hardware_edges_are_the_heralded_link_of_the_link_layer() -> None:
    hw = {
        "transducer": "target-2030",
        "qubit": "target-2030",
        "detector": "snspd",
        "scheme": "single-click",
        "modes": 4,
        "alpha": 0.05,
    }
    t = _topo([{"id": "a"}, {"id": "b"}], [{"a": "a", "b": "b", "length_km": 20.0, "hardware": hw}])
    want = (
        HeraldedLink(
            transducer=get_transducer("target-2030"),
            detector=get_detector("snspd"),
            fiber=Fiber(20.0),
            scheme=Scheme.SINGLE_CLICK,
            qubit=get_qubit("target-2030"),
            modes=4,
            alpha=0.05,
        )
        .evaluate()
        .performance
    )
    h = hop_model(t, ("a", "b"))
    assert h.performance == want
    assert math.isclose(h.fidelity, want.state.fidelity, rel_tol=1e-12)


def test_hardware_hop_through_a_switch_is_the_link_over_the_whole_fibre() -> None:
    hw = {"transducer": "target-2030", "qubit": "target-2030", "scheme": "double-click"}
    t = _topo(
        [
            {"id": "a"},
            {"id": "s", "kind": "switch", "switch": {"insertion_loss_db": 1.5}},
            {"id": "b"},
        ],
        [
            {"a": "a", "b": "s", "length_km": 4.0, "hardware": hw},
            {"a": "s", "b": "b", "length_km": 6.0, "hardware": hw},
        ],
    )
    want = (
        HeraldedLink(
            transducer=get_transducer("target-2030"),
            detector=get_detector("snspd-2030"),
            fiber=Fiber(10.0),
            scheme=Scheme.DOUBLE_CLICK,
            qubit=get_qubit("target-2030"),
            arm_loss_db=1.5,
        )
        .evaluate()
        .performance
    )
    h = hop_model(t, ("a", "s", "b"))
    assert h.performance == want
    assert h.length_km == 10.0
