"""Named presets: the required names, values against physics.md's tables, lookups and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qonnect.cli.app import main
from qonnect.core.errors import ConfigurationError
from qonnect.physics import (
    DETECTORS,
    FIBERS,
    MEMORIES,
    PRESETS,
    QUBITS,
    TRANSDUCERS,
    PresetKind,
    get_detector,
    get_fiber,
    get_memory,
    get_qubit,
    get_transducer,
)

PHYSICS_MD = Path(__file__).parents[2].parent / "shared" / "docs" / "physics.md"
REQUIRED = {
    PresetKind.QUBIT: {"heron-r2", "heron-r3", "nighthawk-r1", "target-2030"},
    PresetKind.TRANSDUCER: {"eo-2022", "piezo-2024", "cw-eom-2022", "target-2030"},
    PresetKind.DETECTOR: {"snspd", "snspd-2030"},
    PresetKind.FIBER: {"smf28", "ultra-low-loss", "hollow-core"},
    PresetKind.MEMORY: {"heron-r3", "target-2030"},
}
SNAPSHOT = {"heron-r2": "ibm_kingston", "heron-r3": "ibm_pittsburgh", "nighthawk-r1": "ibm_miami"}


def test_required_presets_exist_with_name_and_source() -> None:
    for kind, names in REQUIRED.items():
        assert names <= set(PRESETS[kind])
        for name, value in PRESETS[kind].items():
            assert value.name == name
            assert len(value.source) > 10


def _snapshot_rows() -> dict[str, list[float]]:
    """Rows of the table in physics.md section 2.1, numbers only (unicode minus handled)."""
    rows = {}
    for line in PHYSICS_MD.read_text().splitlines():
        m = re.match(r"\|\s*\**(ibm_\w+)", line)
        if m:
            text = line.replace("−", "-").replace("*", "")
            cells = [c.strip() for c in text.strip("|").split("|")]
            numbers = [float(x) for c in cells[3:] for x in re.findall(r"[\d.]+(?:e-?\d+)?", c)]
            rows[m.group(1)] = numbers
    return rows


@pytest.mark.parametrize("name", sorted(SNAPSHOT))
def test_qubit_presets_match_the_calibration_table(name: str) -> None:
    # columns: T1 us, T2 us, 1q error, 1q ns, CZ error, CZ p10, CZ ns, readout error, readout ns
    t1, t2, e1, d1, e2, _p10, d2, ro, dro = _snapshot_rows()[SNAPSHOT[name]]
    q = get_qubit(name)
    assert (q.t1_s, q.t2_s) == pytest.approx((t1 * 1e-6, t2 * 1e-6))
    assert (q.gate_error_1q, q.gate_duration_1q_s) == pytest.approx((e1, d1 * 1e-9))
    assert (q.gate_error_2q, q.gate_duration_2q_s) == pytest.approx((e2, d2 * 1e-9))
    assert (q.readout_error, q.readout_duration_s) == pytest.approx((ro, dro * 1e-9))
    assert SNAPSHOT[name] in q.source


def test_transducer_fiber_detector_values_from_the_sources() -> None:
    assert (get_transducer("eo-2022").efficiency, get_transducer("eo-2022").added_noise) == (
        0.087,
        0.16,
    )
    piezo = get_transducer("piezo-2024")
    assert (piezo.efficiency, piezo.bandwidth_hz, piezo.max_repetition_rate_hz) == (
        0.009,
        14.8e6,
        100e3,
    )
    assert "a few" in piezo.source
    cw = get_transducer("cw-eom-2022")
    assert (cw.efficiency, cw.added_noise) == (0.47, 3.2)
    t30 = get_transducer("target-2030")
    assert (t30.efficiency, t30.added_noise, t30.max_repetition_rate_hz) == (0.5, 1e-3, 1e6)
    assert t30.bandwidth_hz >= 10e6
    assert get_fiber("smf28").loss_db_per_km == 0.2
    assert get_fiber("hollow-core").loss_db_per_km == 0.091
    assert get_fiber("hollow-core").group_velocity_m_per_s == pytest.approx(0.997 * 299_792_458)
    assert get_fiber("ultra-low-loss").loss_db_per_km < 0.2
    # section 9, row 4: today p_dc ~ 1e-6, eta_d 0.9; 2030: p_dc ~ 1e-7, eta_d 0.95
    assert get_detector("snspd").dark_count_probability == pytest.approx(1e-6, rel=1e-3)
    assert get_detector("snspd").efficiency == 0.9
    assert get_detector("snspd-2030").dark_count_probability == pytest.approx(1e-7, rel=1e-3)
    assert get_detector("snspd-2030").efficiency == 0.95


def test_memories_follow_their_qubits() -> None:
    m = get_memory("heron-r3")
    q = get_qubit("heron-r3")
    assert (m.t1_s, m.t2_s, m.is_depolarizing) == (q.t1_s, q.t2_s, False)
    assert (get_memory("target-2030").t1_s, get_memory("target-2030").t2_s) == (1e-3, 1e-3)


def test_get_fiber_sets_the_length() -> None:
    f = get_fiber("smf28", length_km=50.0)
    assert f.length_km == 50.0
    assert f.transmissivity == pytest.approx(0.1)
    assert FIBERS["smf28"].length_km == 0.0  # the preset itself is unchanged


@pytest.mark.parametrize(
    ("getter", "table", "kind"),
    [
        (get_qubit, QUBITS, "qubit"),
        (get_transducer, TRANSDUCERS, "transducer"),
        (get_detector, DETECTORS, "detector"),
        (get_fiber, FIBERS, "fiber"),
        (get_memory, MEMORIES, "memory"),
    ],
)
def test_unknown_names_list_the_known_ones(getter: object, table: object, kind: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        getter("no-such-thing")  # type: ignore[operator]
    message = str(info.value)
    assert f"unknown {kind} preset 'no-such-thing'" in message
    for name in table:  # type: ignore[attr-defined]
        assert name in message


def test_presets_are_read_only() -> None:
    with pytest.raises(TypeError):
        QUBITS["mine"] = get_qubit("heron-r2")  # type: ignore[index]


def test_cli_presets_json_lists_every_preset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["presets", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {k.value for k in PresetKind}
    for kind in PresetKind:
        assert set(data[kind.value]) == set(PRESETS[kind])
    assert data["qubit"]["heron-r3"]["t1_s"] == pytest.approx(299e-6)
    assert "Sahu" in data["transducer"]["eo-2022"]["source"]


def test_cli_presets_kind_filter_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["presets", "--kind", "fiber", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"fiber"}
    assert main(["presets", "--kind", "detector"]) == 0
    out = capsys.readouterr().out
    assert "snspd-2030" in out and "heron" not in out


def test_cli_presets_bad_kind_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["presets", "--kind", "laser"]) == 2
    err = capsys.readouterr().err
    assert "--kind" in err and "laser" in err
