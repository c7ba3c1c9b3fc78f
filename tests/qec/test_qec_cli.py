"""`qonnect qec`, `qonnect qec threshold`, `qonnect qec budget`: JSON keys, errors, plot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qonnect.cli.app import main


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict[str, object]:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_qec_json_keys_and_reproducibility(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["qec", "--distance", "3", "--rounds", "3", "--p-bulk", "0.005", "--p-seam", "0.05"]
    argv += ["--modules", "2", "--basis", "x", "--shots", "4000", "--seed", "7", "--json"]
    a = _json(capsys, argv)
    for key in ("logical_error_rate", "logical_error_rate_per_round", "ci95", "shots", "errors"):
        assert key in a
    assert a["shots"] == 4000
    assert a["logical_error_rate"] == a["errors"] / 4000  # type: ignore[operator]
    lo, hi = a["ci95"]  # type: ignore[misc]
    assert lo <= a["logical_error_rate"] <= hi
    assert a["crossing_gates_per_round"] == 5
    assert _json(capsys, argv)["errors"] == a["errors"]  # same seed, same counts


def test_qec_from_qubit_preset_with_telegate_seam(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["qec", "--qubit", "heron-r3", "--pair-fidelity", "0.95", "--storage-time", "1e-6"]
    argv += ["--memory-t1", "3e-4", "--memory-t2", "3e-4", "--shots", "2000", "--seed", "1"]
    data = _json(capsys, [*argv, "--json"])
    assert data["qubit"] == "heron-r3" and data["pair_fidelity"] == 0.95


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["qec", "--p-seam", "1.5"], "p_seam"),
        (["qec", "--distance", "3", "--modules", "4"], "modules"),
        (["qec", "--p-seam", "0.1", "--pair-fidelity", "0.9"], "--p-seam"),
        (["qec", "--qubit", "no-such-qubit"], "no-such-qubit"),
        (["qec", "--basis", "y"], "basis"),
        (["qec", "threshold", "--distances", "3,x"], "--distances"),
        (["qec", "budget", "--p-success", "2", "--attempt-period", "1e-6"], "p_success"),
    ],
)
def test_bad_input_exits_2_naming_the_option(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    assert main(argv) == 2
    assert needle in capsys.readouterr().err.replace("\n", "")


def test_threshold_sweep_writes_plot_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "seam.png"
    argv = ["qec", "threshold", "--sweep", "p-bulk", "--values", "0.004,0.012,0.02"]
    argv += ["--distances", "3,5", "--modules", "1", "--shots", "5000", "--seed", "3"]
    data = _json(capsys, [*argv, "--out", str(out), "--json"])
    assert out.stat().st_size > 1000
    assert data["plot"] == str(out)
    assert len(data["points"]) == 6  # type: ignore[arg-type]
    assert data["parameter"] == "p_bulk"
    [crossing] = data["crossings"]  # type: ignore[misc]
    assert crossing["distances"] == [3, 5]
    assert data["threshold"] == crossing["value"]


def test_budget_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["qec", "budget", "--distance", "5", "--p-success", "1e-3", "--attempt-period", "1e-8"]
    data = _json(capsys, [*argv, "--fidelity", "0.99", "--json"])
    assert data["required_rate_hz"] == pytest.approx(9e6)
    assert data["required_modes"] == 95  # ceil(log(1 - 0.09) / log(1 - 1e-3))
    assert main([*argv[:-2], "--attempt-period", "1e-6"]) == 0  # infeasible: prints, exit 0
    assert "no multiplexing suffices" in capsys.readouterr().out.replace("\n", " ")


def test_budget_from_hardware_presets(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["qec", "budget", "--distance", "3", "--transducer", "target-2030"]
    data = _json(capsys, [*argv, "--distance-km", "0.1", "--json"])
    assert data["hardware"]["transducer"] == "target-2030"  # type: ignore[index]
    assert data["required_rate_hz"] == pytest.approx(5e6)
    assert 0 < data["supplied_rate_hz"] <= data["period_bound_hz"]  # type: ignore[operator]


def test_qec_seam_from_a_hardware_link(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["qec", "--distance", "3", "--link-transducer", "target-2030", "--shots", "2000"]
    data = _json(capsys, [*argv, "--seed", "4", "--json"])
    link = data["link"]
    assert link["transducer"] == "target-2030"  # type: ignore[index]
    assert data["pair_fidelity"] == pytest.approx(link["pair"][0])  # type: ignore[index]
    assert sum(link["pair"]) == pytest.approx(1.0)  # type: ignore[index]
    assert main([*argv, "--pair-fidelity", "0.9"]) == 2  # two seam pairs: refused
