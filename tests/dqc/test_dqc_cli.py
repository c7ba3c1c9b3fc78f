"""`qonnect distribute` in-process: JSON keys, --out files, one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qonnect.cli.app import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "circuits"
KEYS = {
    "ebits",
    "nonlocal_gates",
    "baseline_ebits",
    "graph_partition_ebits",
    "placement",
    "per_pair",
    "compile_time_s",
    "verified",
}


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["distribute", str(EXAMPLES / "ghz_8.qasm"), "--qpus", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert KEYS <= set(data)
    assert data["ebits"] == 3 and data["verified"] is True
    assert len(data["placement"]) == 8 and sum(data["per_pair"].values()) == 3


def test_out_writes_qasm3_per_qpu(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "distribute",
        str(EXAMPLES / "qft_6.qasm"),
        "--qpus",
        "2",
        "--capacity",
        "4",
        "--comm-qubits",
        "1",
        "--out",
        str(tmp_path),
        "--json",
    ]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["distribution.json", "qpu0.qasm", "qpu1.qasm"]
    text = (tmp_path / "qpu0.qasm").read_text()
    assert text.startswith("OPENQASM 3")
    full = json.loads((tmp_path / "distribution.json").read_text())
    assert len(full["bell_pairs"]) == data["ebits"]


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["distribute", str(EXAMPLES / "toffoli_7.qasm"), "--qpus", "3"]) == 0
    assert "ebits" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "extra", "needle"),
    [
        ("OPENQASM 2.0;\nqreg q[2];\ncx q[0] q[1]\n", [], "cannot parse"),
        (
            'OPENQASM 2.0;\ninclude "qelib1.inc";\nopaque magic a, b;\nqreg q[2];\n'
            "magic q[0], q[1];\n",
            [],
            "unsupported gate 'magic'",
        ),
        (
            'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[5];\ncx q[0], q[4];\n',
            ["--capacity", "2"],
            "do not fit",
        ),
        (
            'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncx q[0], q[1];\n',
            ["--comm-qubits", "0"],
            "--comm-qubits",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, extra: list[str], needle: str
) -> None:
    f = tmp_path / "c.qasm"
    f.write_text(text)
    assert main(["distribute", str(f), "--qpus", "2", *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1 and err.startswith("error:")


def test_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["distribute", str(tmp_path / "none.qasm"), "--qpus", "2"]) == 2
    assert "cannot read" in capsys.readouterr().err


NETWORK = """
name: tiny
nodes: [{id: qa}, {id: rep, kind: repeater}, {id: qb}, {id: sw, kind: switch}, {id: qc}]
edges: [{a: qa, b: rep, length_km: 5}, {a: rep, b: qb, length_km: 5},
        {a: qb, b: sw, length_km: 1}, {a: sw, b: qc, length_km: 1}]
"""


def test_network_scenario_sets_qpus_and_pair_costs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "net.yaml"
    f.write_text(NETWORK)
    args = ["distribute", str(EXAMPLES / "ghz_8.qasm"), "--network", str(f), "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["qpu_ids"] == ["qa", "qb", "qc"] and data["qpus"] == 3
    # a GHZ chain over 3 QPUs needs 2 end-to-end pairs; qa-qb costs 2 segments, qb-qc 1,
    # qa-qc 3, so the cheapest weighted cost of two pairs spanning all three QPUs is 3
    assert data["ebits"] == 2 and data["weighted_cost"] == 3.0
    assert (
        main(["distribute", str(EXAMPLES / "ghz_8.qasm"), "--network", str(f), "--qpus", "2"]) == 2
    )
    assert "3 QPU nodes" in " ".join(capsys.readouterr().err.split())
