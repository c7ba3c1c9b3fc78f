"""Scenario files: validation that names the field, variants, dotted paths, schema, evaluate."""

from __future__ import annotations

from pathlib import Path

import pytest

from qonnect.api.experiment import evaluate, link_report
from qonnect.api.scenario import (
    load_scenario,
    resolve_path,
    scenario_from_data,
    scenario_schema,
)
from qonnect.core import ConfigurationError
from qonnect.link import HeraldedLink, Scheme
from qonnect.physics import Fiber, get_detector, get_qubit, get_transducer


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"name": "x", "hardwre": {}}, "hardwre"),
        ({"name": "x", "hardware": {"transducr": "eo-2022"}}, "hardware.transducr"),
        (
            {"name": "x", "hardware": {"transducer": {"preset": "eo-2022", "efficiency": 1.5}}},
            "efficiency",
        ),
        ({"name": "x", "hardware": {"qubit": {"t2_s": 1.0}}}, "T2"),
        ({"name": "x", "hardware": {"transducer": "nope"}}, "nope"),
        ({"name": "x", "link": {"distance_km": -1}}, "link.distance_km"),
        ({"name": "x", "workload": {"circuits": [{"qubits": 4}]}}, "benchmark"),
        ({"hardware": {}}, "name"),
        ([1, 2], "mapping"),
    ],
)
def test_bad_scenarios_name_the_field(data: object, needle: str) -> None:
    with pytest.raises(ConfigurationError, match=needle) as info:
        scenario_from_data(data)
    assert "\n" not in str(info.value)


def test_yaml_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n")
    with pytest.raises(ConfigurationError, match="YAML"):
        load_scenario(bad)
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_scenario(tmp_path / "missing.yaml")


def test_variants_deep_merge_and_with_value() -> None:
    s = scenario_from_data(
        {
            "name": "study",
            "hardware": {"transducer": {"preset": "target-2030", "added_noise": 0.002}},
            "variants": {"today": {"hardware": {"transducer": "eo-2022", "qubit": "heron-r2"}}},
        }
    )
    today = s.variant("today")
    assert today.name == "study/today"
    assert today.hardware.transducer.preset == "eo-2022"
    assert today.hardware.qubit.preset == "heron-r2"
    assert today.hardware.detector == s.hardware.detector
    with pytest.raises(ConfigurationError, match="unknown variant"):
        s.variant("tomorrow")
    t = s.with_value("transducer.efficiency", 0.25)
    assert t.hardware.transducer.build().efficiency == 0.25
    assert t.hardware.transducer.build().added_noise == 0.002
    assert s.with_value("distance_km", 50).link.distance_km == 50
    assert resolve_path("qubit.t1_s") == ["hardware", "qubit", "t1_s"]
    with pytest.raises(ConfigurationError, match="path"):
        resolve_path("a..b")
    with pytest.raises(ConfigurationError, match="efficiency"):
        s.with_value("transducer.efficiency", 2.0)


def test_link_metrics_equal_the_library() -> None:
    s = scenario_from_data(
        {
            "name": "x",
            "hardware": {
                "transducer": "eo-2022",
                "detector": "snspd",
                "qubit": "heron-r3",
                "scheme": "double-click",
            },
            "link": {"distance_km": 20, "arm_loss_db": 1.0},
        }
    )
    lib = HeraldedLink(
        get_transducer("eo-2022"),
        get_detector("snspd"),
        Fiber(20.0),
        scheme=Scheme.DOUBLE_CLICK,
        qubit=get_qubit("heron-r3"),
        arm_loss_db=1.0,
    ).evaluate()
    assert link_report(s) == lib
    m = evaluate(s)
    assert m["link.rate_hz"] == pytest.approx(lib.rate_hz)
    assert m["link.fidelity_delivered"] == pytest.approx(lib.fidelity_delivered)


def test_network_edges_get_the_scenario_hardware() -> None:
    s = scenario_from_data(
        {
            "name": "x",
            "seed": 4,
            "network": {
                "duration_s": 2.0,
                "nodes": [{"id": "a"}, {"id": "b"}],
                "edges": [{"a": "a", "b": "b", "length_km": 10}],
                "requests": [{"id": "r", "source": "a", "destination": "b"}],
            },
        }
    )
    m = evaluate(s)
    # the simulated rate of a lone link agrees with its closed form within 4 sigma
    expected = m["link.rate_hz"]
    assert isinstance(expected, float)
    sigma = (expected * 2.0) ** 0.5 / 2.0
    assert abs(float(m["network.r.rate_hz"]) - expected) < 4 * sigma  # type: ignore[arg-type]
    again = evaluate(s)
    assert {k: v for k, v in again.items() if "wall" not in k} == {
        k: v for k, v in m.items() if "wall" not in k
    }
    assert m["network.r.fidelity_stderr"] is not None  # from the delivered pairs
    other = evaluate(s.model_copy(update={"seed": 5}))
    assert other["network.r.delivered"] != m["network.r.delivered"]


def test_schema_forbids_extra_keys() -> None:
    schema = scenario_schema()
    assert schema["additionalProperties"] is False
    assert "hardware" in schema["properties"]
