"""`qonnect network`: JSON keys, --chain, --out with Parquet, one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from qonnect.cli.app import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_scenario_json_has_the_promised_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["network", str(EXAMPLES / "peer-chain.yaml"), "--duration", "0.3", "--seed", "4", "--json"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("requests", "events", "simulated_s", "wall_s"):
        assert key in data
    (req,) = data["requests"]
    assert {"delivered", "rate_hz", "fidelity_mean"} <= set(req)
    assert data["simulated_s"] == pytest.approx(0.3)
    assert req["delivered"] > 0 and req["fidelity_mean"] == pytest.approx(0.9349)
    assert data["pairs"]["balance"] == 0


def test_chain_and_parquet_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "network",
            "--chain",
            "4",
            "--spacing-km",
            "10",
            "--duration",
            "0.2",
            "--json",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    table = pq.read_table(tmp_path / "deliveries.parquet")
    assert table.num_rows == data["requests"][0]["delivered"] > 0
    assert {"request_id", "time_s", "fidelity", "phi_plus", "latency_s"} <= set(table.column_names)
    saved = json.loads((tmp_path / "report.json").read_text())
    assert saved["requests"][0]["delivered"] == table.num_rows


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("nodes: [{id: a}, {id: a}]\n", "node a: duplicate node id"),
        ("nodes: [{id: a}]\nedges: [{a: a, b: q, length_km: 1}]\n", "edge a-q: unknown node 'q'"),
        ("nodes: [{id: a}, {id: b}]\nedges: [{a: a, b: b, length_km: -1}]\n", "length_km"),
        (
            "nodes: [{id: a}, {id: b}]\nrequests: [{id: r, source: a, destination: b}]\n",
            "request r: nodes 'a' and 'b' are not connected",
        ),
    ],
)
def test_bad_scenarios_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, fragment: str
) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    assert main(["network", str(f)]) == 2
    err = capsys.readouterr().err.strip()
    assert fragment in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [["network"], ["network", "--chain", "1"], ["network", "--chain", "3", "--duration", "0"]],
)
def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(args) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "name", ["metro-grid.yaml", "datacenter-leaf-spine.yaml", "long-chain-vs-plob.yaml"]
)
def test_examples_run(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", str(EXAMPLES / name), "--duration", "0.05", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pairs"]["balance"] == 0
    assert sum(r["delivered"] for r in data["requests"]) > 0
