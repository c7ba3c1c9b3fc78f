"""Threshold sweeps: logical error per round against p_bulk or p_seam for several distances.

A sweep samples one `MemoryExperiment` per (distance, value) with r = d rounds (unless fixed)
and `find_crossings` locates, for each pair of consecutive distances, where the larger code
stops being better: the first sweep interval in which log(e_{d2}) - log(e_{d1}) changes sign
from negative to non-negative, interpolated linearly in (log p, log e). The per-round rate e is
the comparator, so runs of different length compare fairly. Points whose 95 % interval of the
per-shot rate reaches `saturation` (default 1/2) are skipped: there (1 - 2 p_L) cannot be told
from 0, and the per-round conversion is not resolved by the sampling.

Examples:
    >>> from qonnect.qec.estimate import LogicalErrorEstimate as E
    >>> pts = [SweepPoint(3, 0.01, E(1000, 20, 1)), SweepPoint(5, 0.01, E(1000, 10, 1)),
    ...        SweepPoint(3, 0.04, E(1000, 80, 1)), SweepPoint(5, 0.04, E(1000, 160, 1))]
    >>> [(c.distance_small, c.distance_large, round(c.value, 4)) for c in find_crossings(pts)]
    [(3, 5, 0.02)]
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from qonnect.core.errors import ConfigurationError
from qonnect.core.validate import check_positive_int, check_probability
from qonnect.qec.estimate import LogicalErrorEstimate, SamplingBudget, estimate_many
from qonnect.qec.memory import Basis, MemoryExperiment
from qonnect.qec.noise import NoiseModel
from qonnect.qec.seam import DepolarizingSeam

DEFAULT_SATURATION = 0.5
"""A point is compared only if the upper end of its per-shot 95 % interval is below this."""


class SweepParameter(enum.Enum):
    """What a threshold sweep varies."""

    P_BULK = "p_bulk"
    P_SEAM = "p_seam"


@dataclass(frozen=True, slots=True)
class SweepPoint:
    """One sampled point of a sweep.

    Args:
        distance: code distance.
        value: the swept parameter's value.
        estimate: the sampled counts.
    """

    distance: int
    value: float
    estimate: LogicalErrorEstimate


@dataclass(frozen=True, slots=True)
class Crossing:
    """Where the curves of two consecutive distances cross.

    Args:
        distance_small: the smaller distance.
        distance_large: the larger distance.
        value: the swept parameter at the crossing.
    """

    distance_small: int
    distance_large: int
    value: float


def _usable(est: LogicalErrorEstimate, saturation: float) -> bool:
    return est.errors > 0 and est.ci95[1] < saturation


def find_crossings(
    points: Sequence[SweepPoint], *, saturation: float = DEFAULT_SATURATION
) -> tuple[Crossing, ...]:
    """Crossings of per-round logical error curves of consecutive distances.

    Args:
        points: sweep points (any order; several distances sharing sweep values).
        saturation: skip points whose per-shot 95 % upper bound is >= this.

    Returns:
        One `Crossing` per consecutive distance pair whose curves cross inside the sweep.
    """
    by_d: dict[int, dict[float, LogicalErrorEstimate]] = {}
    for p in points:
        by_d.setdefault(p.distance, {})[p.value] = p.estimate
    ds = sorted(by_d)
    out: list[Crossing] = []
    for d1, d2 in itertools.pairwise(ds):
        common = sorted(
            v
            for v in set(by_d[d1]) & set(by_d[d2])
            if v > 0 and _usable(by_d[d1][v], saturation) and _usable(by_d[d2][v], saturation)
        )
        gaps = [
            (
                math.log(v),
                math.log(by_d[d2][v].logical_error_rate_per_round)
                - math.log(by_d[d1][v].logical_error_rate_per_round),
            )
            for v in common
        ]
        for (x0, g0), (x1, g1) in itertools.pairwise(gaps):
            if g0 < 0.0 <= g1:
                x = x0 + (0.0 - g0) * (x1 - x0) / (g1 - g0)
                out.append(Crossing(d1, d2, math.exp(x)))
                break
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ThresholdSweep:
    """A finished sweep: its settings, points and crossings.

    Args:
        parameter: what was swept.
        basis: memory basis.
        modules: modules of the split code (1 = unsplit).
        fixed_p_bulk: the bulk error when sweeping p_seam (None when sweeping p_bulk).
        fixed_p_seam: the seam error when sweeping p_bulk (None: same as the bulk).
        points: the sampled points.
    """

    parameter: SweepParameter
    basis: Basis
    modules: int
    fixed_p_bulk: float | None
    fixed_p_seam: float | None
    points: tuple[SweepPoint, ...]

    @property
    def distances(self) -> tuple[int, ...]:
        """The distances swept, ascending."""
        return tuple(sorted({p.distance for p in self.points}))

    @property
    def crossings(self) -> tuple[Crossing, ...]:
        """Crossings of consecutive distances (see `find_crossings`)."""
        return find_crossings(self.points)

    @property
    def threshold(self) -> float | None:
        """The crossing of the largest pair of consecutive distances that cross; None if none.

        (Small distances cross at shifted values; the largest pair is closest to the
        asymptotic threshold.)
        """
        cs = self.crossings
        return cs[-1].value if cs else None

    def curve(self, distance: int) -> list[SweepPoint]:
        """The points of one distance, by increasing value."""
        return sorted((p for p in self.points if p.distance == distance), key=lambda p: p.value)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "parameter": self.parameter.value,
            "basis": self.basis.value,
            "modules": self.modules,
            "p_bulk": self.fixed_p_bulk,
            "p_seam": self.fixed_p_seam,
            "threshold": self.threshold,
            "crossings": [
                {"distances": [c.distance_small, c.distance_large], "value": c.value}
                for c in self.crossings
            ],
            "points": [
                {"distance": p.distance, "value": p.value, **p.estimate.as_dict()}
                for p in sorted(self.points, key=lambda p: (p.distance, p.value))
            ],
        }


def sweep_experiment(
    parameter: SweepParameter,
    value: float,
    distance: int,
    *,
    basis: Basis = Basis.Z,
    modules: int = 2,
    p_bulk: float | None = None,
    p_seam: float | None = None,
    rounds: int | None = None,
) -> MemoryExperiment:
    """The experiment of one sweep point (r = d rounds unless `rounds` is given).

    Raises:
        ConfigurationError: if sweeping p_seam without `p_bulk`, or with a single module.
    """
    r = distance if rounds is None else rounds
    match parameter:
        case SweepParameter.P_BULK:
            seam = None if p_seam is None else DepolarizingSeam(p_seam)
            return MemoryExperiment(distance, r, basis, NoiseModel.uniform(value), modules, seam)
        case SweepParameter.P_SEAM:
            if p_bulk is None:
                raise ConfigurationError("p_bulk: a p_seam sweep needs a fixed p_bulk")
            if modules < 2:
                raise ConfigurationError(f"modules: a p_seam sweep needs >= 2, got {modules}")
            return MemoryExperiment(
                distance, r, basis, NoiseModel.uniform(p_bulk), modules, DepolarizingSeam(value)
            )


def run_sweep(
    parameter: SweepParameter,
    values: Sequence[float],
    distances: Sequence[int],
    budget: SamplingBudget,
    *,
    basis: Basis = Basis.Z,
    modules: int = 2,
    p_bulk: float | None = None,
    p_seam: float | None = None,
    rounds: int | None = None,
    rng: np.random.Generator | None = None,
    num_workers: int | None = None,
) -> ThresholdSweep:
    """Sample every (distance, value) point and return the sweep with its crossings.

    Args:
        parameter: `SweepParameter.P_BULK` (uniform bulk noise p; the seam gets `p_seam`, or
            the bulk value when None) or `SweepParameter.P_SEAM` (bulk fixed at `p_bulk`).
        values: the swept probabilities.
        distances: code distances (>= 2 each).
        budget: sampling stop rule per point.
        basis: memory basis.
        modules: number of modules.
        p_bulk: fixed bulk error of a p_seam sweep.
        p_seam: fixed seam error of a p_bulk sweep (None: same as the bulk).
        rounds: rounds per experiment (default r = d).
        rng: seeded in-process sampling when given; sinter on `num_workers` otherwise.
        num_workers: sinter workers (default os.cpu_count()).

    Examples:
        >>> sw = run_sweep(SweepParameter.P_SEAM, [0.01, 0.1], [3], SamplingBudget(2000),
        ...                p_bulk=1e-3, rng=np.random.default_rng(1))
        >>> [p.value for p in sw.curve(3)], sw.fixed_p_bulk
        ([0.01, 0.1], 0.001)
        >>> sw.curve(3)[0].estimate.errors < sw.curve(3)[1].estimate.errors
        True
    """
    if not values or not distances:
        raise ConfigurationError("a sweep needs at least one value and one distance")
    for v in values:
        check_probability(parameter.value, v)
    for d in distances:
        check_positive_int("distance", d)
    grid = [(d, float(v)) for d in sorted(set(distances)) for v in sorted(set(values))]
    circuits = []
    for d, v in grid:
        exp = sweep_experiment(
            parameter,
            v,
            d,
            basis=basis,
            modules=modules,
            p_bulk=p_bulk,
            p_seam=p_seam,
            rounds=rounds,
        )
        circuits.append((exp.circuit(), exp.rounds))
    estimates = estimate_many(circuits, budget, rng=rng, num_workers=num_workers)
    points = tuple(SweepPoint(d, v, e) for (d, v), e in zip(grid, estimates, strict=True))
    return ThresholdSweep(
        parameter=parameter,
        basis=basis,
        modules=modules,
        fixed_p_bulk=p_bulk if parameter is SweepParameter.P_SEAM else None,
        fixed_p_seam=p_seam if parameter is SweepParameter.P_BULK else None,
        points=points,
    )
