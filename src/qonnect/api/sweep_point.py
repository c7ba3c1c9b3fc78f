"""`SweepPoint`: one grid point as a full scenario, its content hash and its own seed.

The key is the sha256 of the canonical JSON of the point's whole scenario (base seed included)
and the qonnect version, so it names everything that determined the result; the seed is
derived from the base seed and that key, so a point's result depends neither on the number
of workers nor on the order in which points run.

Examples:
    >>> from qonnect.api.scenario import scenario_from_data
    >>> base = scenario_from_data({"name": "x", "seed": 7})
    >>> a, b = make_points(base, [{"distance_km": 5.0}, {"distance_km": 10.0}])
    >>> len(a.key), a.key != b.key, a.seed != b.seed
    (64, True, True)
    >>> a.scenario.link.distance_km, a.scenario.seed == a.seed
    (5.0, True)
    >>> make_points(base, [{"distance_km": 5.0}])[0] == a
    True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import numpy as np

from qonnect.api.grid import GridValue
from qonnect.api.scenario import Scenario
from qonnect.core.errors import ConfigurationError


def qonnect_version() -> str:
    """The installed qonnect version (part of every point's key)."""
    try:
        return metadata.version("qonnect")
    except metadata.PackageNotFoundError:  # NOTE: a source checkout that is not installed
        return "0+unknown"


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, exact float reprs: equal data gives equal text.

    NOTE: scenarios hold infinities (a memory with T1 = inf); they are written as the
    tokens Infinity/NaN, which is fine for hashing.
    """
    return json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=True)


def content_key(scenario: Scenario, version: str | None = None) -> str:
    """sha256 hex of the scenario's canonical JSON dump and the qonnect version.

    Examples:
        >>> from qonnect.api.scenario import scenario_from_data
        >>> s = scenario_from_data({"name": "x"})
        >>> content_key(s) == content_key(scenario_from_data({"name": "x"}))
        True
        >>> content_key(s) == content_key(s, version="0.0.0")
        False
    """
    v = qonnect_version() if version is None else version
    text = canonical_json({"scenario": scenario.model_dump(mode="json"), "qonnect": v})
    return hashlib.sha256(text.encode()).hexdigest()


def derive_seed(base_seed: int, key: str) -> int:
    """A 63-bit seed from the base seed and a point's key (numpy SeedSequence hashing).

    Examples:
        >>> derive_seed(1, "ab" * 32) == derive_seed(1, "ab" * 32)
        True
        >>> derive_seed(1, "ab" * 32) != derive_seed(2, "ab" * 32)
        True
    """
    ss = np.random.SeedSequence([base_seed, int(key, 16)])
    hi, lo = (int(x) for x in ss.generate_state(2, dtype=np.uint32))
    return ((hi << 32) | lo) & ((1 << 63) - 1)


@dataclass(frozen=True, slots=True)
class SweepPoint:
    """One point of a sweep.

    Args:
        index: position in grid order (the first axis varies slowest).
        params: (path, value) pairs that this point sets on the base scenario.
        key: `content_key` of the base scenario with `params` set.
        seed: the point's own seed (`derive_seed(base seed, key)`), already in `scenario`.
        scenario: what is evaluated.
    """

    index: int
    params: tuple[tuple[str, GridValue], ...]
    key: str
    seed: int
    scenario: Scenario

    def __post_init__(self) -> None:
        if self.index < 0:
            raise ValueError(f"SweepPoint.index must be >= 0, got {self.index}")
        if len(self.key) != 64:
            raise ValueError(f"SweepPoint.key must be a sha256 hex digest, got {self.key!r}")

    @property
    def param_dict(self) -> dict[str, GridValue]:
        """The parameters as a dict."""
        return dict(self.params)


def make_points(base: Scenario, params: Sequence[Mapping[str, GridValue]]) -> list[SweepPoint]:
    """The points of a sweep: `base` with each parameter dict set, keyed and seeded.

    Raises:
        ConfigurationError: a path or value the scenario rejects (from `with_value`, naming
            it), or two parameter sets that give the same scenario.
    """
    version = qonnect_version()
    points: list[SweepPoint] = []
    seen: dict[str, int] = {}
    for i, p in enumerate(params):
        s = base
        for path, value in p.items():
            try:
                s = s.with_value(path, value)
            except ConfigurationError as e:
                raise ConfigurationError(f"grid point {path}={value!r}: {e}") from None
        key = content_key(s, version)
        if key in seen:
            raise ConfigurationError(
                f"grid points {dict(params[seen[key]])} and {dict(p)} give the same scenario"
            )
        seen[key] = i
        seed = derive_seed(base.seed, key)
        points.append(
            SweepPoint(
                index=i,
                params=tuple(p.items()),
                key=key,
                seed=seed,
                scenario=s.with_value("seed", seed),
            )
        )
    return points
