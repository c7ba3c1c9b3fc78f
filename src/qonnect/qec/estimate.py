"""Logical error rates from sampling and matching: sinter on all cores, or a seeded path.

Two ways to sample the same thing:

- `rng=None`: sinter with the pymatching decoder on `num_workers` processes (default
  `os.cpu_count()`), stopping at `max_shots` or `max_errors`. Fast, not reproducible (sinter
  takes no seed).
- `rng` given: in this process, stim's detector sampler seeded from `rng` and pymatching, in
  batches of a fixed schedule, stopping after the batch that reaches `max_errors`. The same
  generator state gives the same counts.

The logical error rate per round of an r-round experiment with per-shot rate p_L is
(1 - (1 - 2 p_L)^(1/r)) / 2: r independent rounds of flip probability e compose to
p_L = (1 - (1 - 2e)^r) / 2. Confidence intervals are Wilson score intervals at 95 %.

Examples:
    >>> est = LogicalErrorEstimate(shots=10_000, errors=200, rounds=5)
    >>> est.logical_error_rate
    0.02
    >>> round(est.logical_error_rate_per_round, 6)
    0.004066
    >>> [round(x, 5) for x in est.ci95]
    [0.01743, 0.02293]
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pymatching
import sinter
import stim

from qonnect.core.validate import check_non_negative, check_positive_int

Z95 = 1.959963984540054
"""The two-sided 95 % standard-normal quantile."""


def per_round_error_rate(p_shot: float, rounds: int) -> float:
    """Per-round logical error e with (1 - (1 - 2e)^r)/2 = p_shot; 1/2 if p_shot >= 1/2.

    Examples:
        >>> per_round_error_rate(0.0, 3), per_round_error_rate(0.6, 3)
        (0.0, 0.5)
        >>> e = 0.01; p = (1 - (1 - 2 * e) ** 4) / 2
        >>> round(per_round_error_rate(p, 4), 12)
        0.01
    """
    check_positive_int("rounds", rounds)
    if p_shot >= 0.5:
        return 0.5
    return -math.expm1(math.log1p(-2.0 * p_shot) / rounds) / 2.0


def wilson_interval(errors: int, shots: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (default 95 %).

    Examples:
        >>> [round(x, 4) for x in wilson_interval(0, 100)]
        [0.0, 0.037]
    """
    if shots <= 0:
        return (0.0, 1.0)
    p = errors / shots
    z2 = z * z
    centre = (p + z2 / (2 * shots)) / (1 + z2 / shots)
    half = z * math.sqrt(p * (1 - p) / shots + z2 / (4 * shots * shots)) / (1 + z2 / shots)
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True, slots=True)
class LogicalErrorEstimate:
    """Counts of one sampled memory experiment and the rates derived from them.

    Args:
        shots: shots sampled.
        errors: shots whose decoded observable was wrong.
        rounds: rounds of the experiment (for the per-round rate).
        seconds: core-seconds spent sampling and decoding (sinter's count; wall time on
            the seeded, single-process path).
    """

    shots: int
    errors: int
    rounds: int
    seconds: float = 0.0

    def __post_init__(self) -> None:
        if not 0 <= self.errors <= self.shots:
            raise ValueError(f"not (0 <= errors={self.errors} <= shots={self.shots})")
        check_positive_int("rounds", self.rounds)
        check_non_negative("seconds", self.seconds)

    @property
    def logical_error_rate(self) -> float:
        """Errors per shot (0 when no shot was taken)."""
        return self.errors / self.shots if self.shots else 0.0

    @property
    def logical_error_rate_per_round(self) -> float:
        """(1 - (1 - 2 p_L)^(1/r)) / 2."""
        return per_round_error_rate(self.logical_error_rate, self.rounds)

    @property
    def ci95(self) -> tuple[float, float]:
        """Wilson 95 % interval of the per-shot rate."""
        return wilson_interval(self.errors, self.shots)

    @property
    def ci95_per_round(self) -> tuple[float, float]:
        """The per-shot interval mapped through the (monotone) per-round conversion."""
        lo, hi = self.ci95
        return (per_round_error_rate(lo, self.rounds), per_round_error_rate(hi, self.rounds))

    @property
    def shots_per_second(self) -> float:
        """Sampling throughput (shots/s); nan if no time was recorded."""
        return self.shots / self.seconds if self.seconds > 0 else math.nan

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (the keys the CLI prints)."""
        return {
            "logical_error_rate": self.logical_error_rate,
            "logical_error_rate_per_round": self.logical_error_rate_per_round,
            "ci95": list(self.ci95),
            "ci95_per_round": list(self.ci95_per_round),
            "shots": self.shots,
            "errors": self.errors,
            "rounds": self.rounds,
            "seconds": self.seconds,
        }


@dataclass(frozen=True, slots=True)
class SamplingBudget:
    """When to stop sampling one experiment.

    Args:
        max_shots: stop after this many shots (>= 1).
        max_errors: stop once this many logical errors are seen (None: never early).
    """

    max_shots: int
    max_errors: int | None = None

    def __post_init__(self) -> None:
        check_positive_int("max_shots", self.max_shots)
        if self.max_errors is not None:
            check_positive_int("max_errors", self.max_errors)


_FIRST_BATCH = 1024
_MAX_BATCH = 65_536


def _decoding_model(circuit: stim.Circuit) -> stim.DetectorErrorModel:
    """The matching graph's error model, built as sinter builds it.

    `approximate_disjoint_errors` lets PAULI_CHANNEL_2 (disjoint Pauli outcomes) enter the
    model as independent mechanisms; only the decoder's weights are approximate, the sampled
    noise is exact. Falls back to undecomposed errors when decomposition fails.
    """
    try:
        return circuit.detector_error_model(decompose_errors=True, approximate_disjoint_errors=True)
    except ValueError:
        return circuit.detector_error_model(approximate_disjoint_errors=True)


def _sample_seeded(
    circuit: stim.Circuit, budget: SamplingBudget, seed: int
) -> tuple[int, int, float]:
    start = time.perf_counter()
    dem = _decoding_model(circuit)
    matcher = pymatching.Matching.from_detector_error_model(dem)
    sampler = circuit.compile_detector_sampler(seed=seed)
    shots = errors = 0
    batch = _FIRST_BATCH
    while shots < budget.max_shots and (budget.max_errors is None or errors < budget.max_errors):
        n = min(batch, budget.max_shots - shots)
        dets, obs = sampler.sample(n, separate_observables=True, bit_packed=True)
        predicted = matcher.decode_batch(dets, bit_packed_shots=True, bit_packed_predictions=True)
        errors += int(np.count_nonzero(np.any(predicted != obs, axis=1)))
        shots += n
        batch = min(2 * batch, _MAX_BATCH)
    return shots, errors, time.perf_counter() - start


def estimate_many(
    circuits: Sequence[tuple[stim.Circuit, int]],
    budget: SamplingBudget,
    *,
    rng: np.random.Generator | None = None,
    num_workers: int | None = None,
) -> list[LogicalErrorEstimate]:
    """Sample and decode several circuits; one estimate per (circuit, rounds), in order.

    Args:
        circuits: (circuit, rounds) pairs; each circuit must have detectors and observables.
        budget: when to stop, per circuit.
        rng: seeded, in-process path when given (one seed drawn per circuit); sinter otherwise.
        num_workers: sinter's worker processes (default `os.cpu_count()`).

    Examples:
        >>> from qonnect.qec.memory import MemoryExperiment
        >>> from qonnect.qec.noise import NoiseModel
        >>> exp = MemoryExperiment(distance=3, rounds=3, noise=NoiseModel.uniform(0.0))
        >>> [est] = estimate_many([(exp.circuit(), 3)], SamplingBudget(500),
        ...                       rng=np.random.default_rng(1))
        >>> est.shots, est.errors
        (500, 0)
    """
    if rng is not None:
        out = []
        for circuit, rounds in circuits:
            seed = int(rng.integers(0, 2**63 - 1))
            shots, errors, seconds = _sample_seeded(circuit, budget, seed)
            out.append(LogicalErrorEstimate(shots, errors, rounds, seconds))
        return out
    workers = num_workers if num_workers is not None else (os.cpu_count() or 1)
    check_positive_int("num_workers", workers)
    tasks = [
        sinter.Task(circuit=c, json_metadata={"index": i, "rounds": r})
        for i, (c, r) in enumerate(circuits)
    ]
    stats = sinter.collect(
        num_workers=workers,
        tasks=tasks,
        decoders=["pymatching"],
        max_shots=budget.max_shots,
        max_errors=budget.max_errors,
    )
    by_index = {s.json_metadata["index"]: s for s in stats}
    return [
        LogicalErrorEstimate(
            shots=by_index[i].shots,
            errors=by_index[i].errors,
            rounds=r,
            seconds=by_index[i].seconds,
        )
        for i, (_, r) in enumerate(circuits)
    ]


def estimate(
    circuit: stim.Circuit,
    rounds: int,
    budget: SamplingBudget,
    *,
    rng: np.random.Generator | None = None,
    num_workers: int | None = None,
) -> LogicalErrorEstimate:
    """Sample and decode one circuit (see `estimate_many`)."""
    return estimate_many([(circuit, rounds)], budget, rng=rng, num_workers=num_workers)[0]
