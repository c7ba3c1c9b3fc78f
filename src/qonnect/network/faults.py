"""Fault schedules: the scenario's fixed faults plus random failures (MTBF/MTTR).

Random failures alternate exponential up times (mean MTBF) and down times (mean MTTR) for
every link and node, drawn up front from the run's stream, so the schedule is part of the
seeded run and can be printed.

Examples:
    >>> import numpy as np
    >>> from qonnect.network.spec import RandomFaultSpec
    >>> f = random_faults(["e1"], [], RandomFaultSpec(link_mtbf_s=0.1, link_mttr_s=0.01),
    ...                   1.0, np.random.default_rng(2))
    >>> [x.kind.value for x in f[:2]], all(a.at_s <= b.at_s for a, b in zip(f, f[1:]))
    (['link_down', 'link_up'], True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from qonnect.network.spec import FaultKind, FaultSpec, RandomFaultSpec


def _alternate(
    rng: np.random.Generator, mtbf_s: float, mttr_s: float, duration_s: float
) -> list[tuple[float, bool]]:
    """(time, goes_down) pairs over [0, duration_s)."""
    out: list[tuple[float, bool]] = []
    if not math.isfinite(mtbf_s):
        return out
    t = 0.0
    while True:
        t += float(rng.exponential(mtbf_s))
        if t >= duration_s:
            return out
        out.append((t, True))
        t += float(rng.exponential(mttr_s))
        if t >= duration_s:
            return out
        out.append((t, False))


def random_faults(
    edges: Sequence[str],
    nodes: Sequence[str],
    spec: RandomFaultSpec,
    duration_s: float,
    rng: np.random.Generator,
) -> list[FaultSpec]:
    """A time-sorted schedule of random link and node failures and repairs."""
    out: list[FaultSpec] = []
    for e in edges:
        for t, down in _alternate(rng, spec.link_mtbf_s, spec.link_mttr_s, duration_s):
            kind = FaultKind.LINK_DOWN if down else FaultKind.LINK_UP
            out.append(FaultSpec(at_s=t, kind=kind, edge=e))
    for n in nodes:
        for t, down in _alternate(rng, spec.node_mtbf_s, spec.node_mttr_s, duration_s):
            kind = FaultKind.NODE_DOWN if down else FaultKind.NODE_UP
            out.append(FaultSpec(at_s=t, kind=kind, node=n))
    out.sort(key=lambda f: f.at_s)
    return out
