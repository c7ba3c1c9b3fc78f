"""The physics cases of ../shared/validation/physics_public.json, read from that file.

The file must exist: a missing file fails these tests (nothing is skipped).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from qonnect.physics import Fiber, fiber_delay_s, fiber_transmissivity, group_velocity_m_per_s

VALIDATION_FILE = Path(__file__).parents[2].parent / "shared" / "validation" / "physics_public.json"


def _case(case_id: str) -> dict[str, Any]:
    data = json.loads(VALIDATION_FILE.read_text())
    cases = {c["id"]: c for c in data["cases"]}
    assert case_id in cases, f"{case_id} missing from {VALIDATION_FILE}"
    case: dict[str, Any] = cases[case_id]
    return case


def test_validation_file_is_present() -> None:
    assert VALIDATION_FILE.is_file(), f"{VALIDATION_FILE} is missing"


def test_fibre_transmissivity_case() -> None:
    case = _case("fibre-transmissivity")
    alpha = case["inputs"]["alpha_db_per_km"]
    lengths = case["inputs"]["length_km"]
    expected = np.asarray(case["expected"]["eta"])
    tol = case["tolerance"]  # absolute on probabilities
    got = fiber_transmissivity(lengths, alpha)
    np.testing.assert_allclose(got, expected, rtol=0.0, atol=tol)
    for length, eta in zip(lengths, expected, strict=True):
        assert abs(fiber_transmissivity(float(length), alpha) - eta) <= tol
        assert abs(Fiber(float(length), alpha).transmissivity - eta) <= tol


def test_fibre_delay_case() -> None:
    case = _case("fibre-delay")
    length = case["inputs"]["length_km"]
    t_node = case["inputs"]["t_node_s"]
    expected = case["expected"]
    rtol = case["tolerance"]  # relative on times and rates
    v_g = group_velocity_m_per_s()
    # midpoint station: flight L/2 to the station plus the herald message L/2 back = L / v_g
    delay = fiber_delay_s(length)
    assert abs(v_g / expected["v_g_m_per_s"] - 1.0) <= rtol
    assert abs(delay / expected["delay_s"] - 1.0) <= rtol
    assert abs(Fiber(length).delay_s / expected["delay_s"] - 1.0) <= rtol
    assert abs((t_node + delay) / expected["attempt_period_s"] - 1.0) <= rtol
