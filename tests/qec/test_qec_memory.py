"""MemoryExperiment: the seam is where geometry says, the noise pass adds only noise."""

from __future__ import annotations

import numpy as np
import pytest
import stim

from qonnect.core.errors import ConfigurationError
from qonnect.qec import (
    Basis,
    DepolarizingSeam,
    MemoryExperiment,
    ModuleLayout,
    NoiseModel,
    SamplingBudget,
    TelegateSeam,
    crossing_gates,
    estimate,
)
from qonnect.states import BellDiagonal


@pytest.mark.parametrize("distance", [3, 5, 7])
@pytest.mark.parametrize("modules", [1, 2, 3])
@pytest.mark.parametrize("basis", list(Basis))
def test_crossing_count_is_2d_minus_1_per_cut_per_round(
    distance: int, modules: int, basis: Basis
) -> None:
    rounds = 4
    exp = MemoryExperiment(distance, rounds, basis, modules=modules)
    gates = exp.crossing_gates()
    # Per cut and round: d - 1 weight-4 checks with two data qubits across, one weight-2 with one.
    assert len(gates) == rounds * (modules - 1) * (2 * distance - 1)
    assert exp.crossing_gates_per_round == (modules - 1) * (2 * distance - 1)
    coords = exp.noiseless_circuit().get_final_qubit_coordinates()
    for g in gates:
        assert abs(g.control_module - g.target_module) == 1  # only neighbours talk
        # Every crossing gate joins a qubit next to a cut: |dx| = 1 on the lattice.
        assert abs(coords[g.control][0] - coords[g.target][0]) == 1


def test_each_cut_has_d_data_columns_split_evenly() -> None:
    lay = ModuleLayout.even(distance=7, modules=3)
    data_x = [2 * j + 1 for j in range(7)]
    sizes = np.bincount([lay.module_of(x) for x in data_x])
    assert sizes.tolist() == [3, 2, 2]
    with pytest.raises(ConfigurationError, match="modules: 4 modules need distance >= 4"):
        ModuleLayout.even(distance=3, modules=4)
    with pytest.raises(ConfigurationError, match="not strictly increasing"):
        ModuleLayout((4.5, 2.5))


@pytest.mark.parametrize("basis", list(Basis))
def test_noise_pass_adds_only_noise(basis: Basis) -> None:
    exp = MemoryExperiment(
        5, 3, basis, NoiseModel.uniform(1e-3), 2, TelegateSeam(BellDiagonal.werner(0.9))
    )
    noisy = exp.circuit()
    assert noisy.without_noise() == exp.noiseless_circuit().without_noise()
    assert noisy.num_detectors == exp.noiseless_circuit().num_detectors


def test_crossing_gates_get_the_seam_channel_and_no_others() -> None:
    exp = MemoryExperiment(3, 1, Basis.Z, NoiseModel.uniform(1e-3), 2, DepolarizingSeam(0.123))
    crossing = {(g.control, g.target) for g in exp.crossing_gates()}
    seen: set[tuple[int, int]] = set()
    for inst in exp.circuit():
        if inst.name == "DEPOLARIZE2" and inst.gate_args_copy() == [0.123]:
            qs = [t.value for t in inst.targets_copy()]
            seen.update(zip(qs[::2], qs[1::2], strict=True))
    assert seen == crossing


def _canonical_dem(circuit: stim.Circuit) -> dict[tuple[str, ...], float]:
    """Error mechanisms keyed by their symptoms (order-free), probabilities combined."""
    out: dict[tuple[str, ...], float] = {}
    for inst in circuit.detector_error_model(flatten_loops=True).flattened():
        if inst.type != "error":
            continue
        key = tuple(sorted(str(t) for t in inst.targets_copy()))
        p = inst.args_copy()[0]
        q = out.get(key, 0.0)
        out[key] = q * (1 - p) + p * (1 - q)  # independent mechanisms XOR
    return out


def test_split_with_seam_equal_to_bulk_is_the_unsplit_model() -> None:
    p = 2e-3
    unsplit = MemoryExperiment(3, 3, Basis.Z, NoiseModel.uniform(p)).circuit()
    split = MemoryExperiment(3, 3, Basis.Z, NoiseModel.uniform(p), 2, DepolarizingSeam(p))
    a, b = _canonical_dem(unsplit), _canonical_dem(split.circuit())
    assert a.keys() == b.keys()
    assert max(abs(a[k] - b[k]) for k in a) < 1e-12
    # ... and the comparison has power: a different seam changes the model.
    other = MemoryExperiment(3, 3, Basis.Z, NoiseModel.uniform(p), 2, DepolarizingSeam(2 * p))
    c = _canonical_dem(other.circuit())
    assert max(abs(a[k] - c.get(k, 0.0)) for k in a) > 1e-4


def test_noiseless_memory_never_fails() -> None:
    for basis in Basis:
        exp = MemoryExperiment(5, 5, basis, NoiseModel.noiseless(), 2, DepolarizingSeam(0.0))
        est = estimate(exp.circuit(), 5, SamplingBudget(2000), rng=np.random.default_rng(0))
        assert est.errors == 0


def test_checker_on_a_hand_circuit() -> None:
    c = stim.Circuit("""
        QUBIT_COORDS(1, 1) 0
        QUBIT_COORDS(3, 1) 1
        QUBIT_COORDS(5, 1) 2
        CX 0 1 1 2
        REPEAT 3 {
            CZ 0 2
        }
    """)
    gates = crossing_gates(c, ModuleLayout((4.0,)))
    assert [(g.control, g.target) for g in gates] == [(1, 2), (0, 2), (0, 2), (0, 2)]
