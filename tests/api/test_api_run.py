"""End to end: scenarios run, variants compare, reports are written and rebuilt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qonnect.api.report import rebuild_report, write_run
from qonnect.api.run import run_scenario
from qonnect.api.scenario import scenario_from_data
from qonnect.cli.app import main

SMALL = {
    "name": "small",
    "seed": 3,
    "hardware": {"qubit": "target-2030"},
    "workload": {"circuits": [{"benchmark": "ghz", "qubits": 4, "qpus": 2}]},
    "variants": {
        "today": {"hardware": {"transducer": "eo-2022", "qubit": "heron-r3", "detector": "snspd"}}
    },
}


@pytest.fixture(scope="module")
def small_result():  # type: ignore[no-untyped-def]
    return run_scenario(scenario_from_data(SMALL))


def test_variants_compare_and_pairs_match_the_distribution(small_result) -> None:  # type: ignore[no-untyped-def]
    base, today = small_result.variants
    assert (base.name, today.name) == ("base", "today")
    for v in (base, today):
        (c,) = v.circuits
        assert c.pairs_consumed == c.ebits == 1
        assert c.supply == "link"
        assert 0.0 <= c.fidelity < c.monolithic_fidelity <= 1.0
        assert c.makespan_s >= c.entanglement_wait_s
    # today's transducers deliver about one pair per two seconds at F < 0.5: the circuit waits
    assert today.circuits[0].entanglement_wait_s > 100 * base.circuits[0].entanglement_wait_s
    assert today.circuits[0].fidelity < base.circuits[0].fidelity
    assert base.metrics["link.rate_hz"] > 1000 * today.metrics["link.rate_hz"]  # type: ignore[operator]


def test_same_seed_same_result() -> None:
    a = run_scenario(scenario_from_data({**SMALL, "variants": {}}))
    b = run_scenario(scenario_from_data({**SMALL, "variants": {}}))
    assert a.variants[0].circuits[0].to_dict() == b.variants[0].circuits[0].to_dict()


def test_network_requests_in_the_report(tmp_path: Path) -> None:
    from qonnect.api.report import network_rows

    data = {
        "name": "net",
        "network": {
            "duration_s": 0.2,
            "nodes": [{"id": "a"}, {"id": "b"}],
            "edges": [{"a": "a", "b": "b", "length_km": 10}],
            "requests": [{"id": "r1", "source": "a", "destination": "b"}],
        },
    }
    result = run_scenario(scenario_from_data(data))
    report = write_run(result, tmp_path)
    rows = network_rows(json.loads((tmp_path / "results.json").read_text()))
    assert [r[:2] for r in rows] == [["base", "r1"]]
    assert rows[0][3] == result.variants[0].metrics["network.r1.delivered"] > 0
    assert "Network requests" in report.read_text()


def test_network_supplies_the_pairs() -> None:
    data = {
        **SMALL,
        "variants": {},
        "network": {
            "duration_s": 0.05,
            "nodes": [
                {"id": "a", "memory": {"t1_s": 1e-3, "t2_s": 1e-3}},
                {"id": "b", "memory": {"t1_s": 1e-3, "t2_s": 1e-3}},
            ],
            "edges": [{"a": "a", "b": "b", "length_km": 10}],
        },
    }
    (c,) = run_scenario(scenario_from_data(data)).variants[0].circuits
    assert c.supply == "network" and c.network_simulated_s is not None
    assert c.pairs_consumed == 1
    assert 0.0 < c.fidelity < c.monolithic_fidelity


def test_report_written_and_rebuilt(small_result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = write_run(small_result, tmp_path)
    for name in (
        "results.json",
        "metrics.parquet",
        "circuits.parquet",
        "topology.png",
        "link_curves.png",
        "timeline_base_ghz-4.png",
        "timeline_today_ghz-4.png",
    ):
        assert (tmp_path / name).is_file(), name
    data = json.loads((tmp_path / "results.json").read_text())
    assert [v["name"] for v in data["variants"]] == ["base", "today"]
    # the results carry the hash of everything that determined them
    from qonnect.api.sweep_point import content_key

    assert data["input_hash"] == content_key(small_result.scenario)
    assert data["input_hash"] != content_key(small_result.scenario.model_copy(update={"seed": 4}))
    (tmp_path / "link_curves.png").unlink()
    report.unlink()
    rebuilt = rebuild_report(tmp_path)
    assert rebuilt.is_file() and (tmp_path / "link_curves.png").is_file()
    assert "ghz-4" in rebuilt.read_text()


def test_cli_run_report_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump({**SMALL, "variants": {}}))
    assert main(["run", str(path), "--out", str(tmp_path / "out"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["variants"][0]["circuits"][0]["pairs_consumed"] == 1
    assert main(["report", str(tmp_path / "out"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["report"].endswith("report.html")
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Scenario"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("name: x\nhardwre: {}\n", "hardwre"),
        ("name: x\nhardware: {transducer: {preset: eo-2022, efficiency: 1.5}}\n", "efficiency"),
        ("name: [\n", "YAML"),
        ("name: x\nworkload: {circuits: [{benchmark: nosuch, qubits: 4}]}\n", "nosuch"),
    ],
)
def test_cli_run_bad_scenarios(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    assert main(["run", str(path), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1


def test_cli_report_of_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path)]) == 2
    assert "results.json" in capsys.readouterr().err
