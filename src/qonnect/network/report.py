"""Reports of a network run: per request, per link, per run; JSON-ready and a Parquet table.

Examples:
    >>> r = RequestReport.empty("r", "a", "b")
    >>> r.status.value, r.delivered, r.rate_hz
    ('waiting', 0, 0.0)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class RequestStatus(StrEnum):
    """How a request ended up."""

    WAITING = "waiting"
    SERVING = "serving"
    COMPLETED = "completed"
    DEADLINE = "deadline"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class RequestReport:
    """What one request got.

    Attributes:
        delivered: end-to-end pairs delivered.
        rate_hz: delivered / active_s.
        active_s: from the request's start to its completion, deadline or the end of the run.
        fidelity_mean, fidelity_quantiles: of the delivered states (quantiles 5 %, 50 %, 95 %).
        latency_mean_s: mean time from the oldest link pair's herald to delivery.
        route: the last route served (memory nodes).
        estimated_fidelity: the controller's planning bound for that route.
        length_km: fibre length of the route.
        plob_rate_hz: PLOB bound of a direct channel of the route's whole transmissivity, at
            the route's channel uses per second (reserved memories x modes / attempt period).
        chain_bound_rate_hz: the ideal-repeater bound of the route's hops at the same use rate.
        rate_met: for a request with rate_hz, whether rate_hz was delivered (None otherwise).
    """

    id: str
    source: str
    destination: str
    status: RequestStatus
    reason: str
    delivered: int
    rate_hz: float
    active_s: float
    fidelity_mean: float
    fidelity_quantiles: tuple[float, float, float]
    latency_mean_s: float
    route: tuple[str, ...]
    estimated_fidelity: float
    admissions: int
    length_km: float
    plob_rate_hz: float
    chain_bound_rate_hz: float
    rate_met: bool | None = None

    @classmethod
    def empty(cls, rid: str, source: str, destination: str) -> RequestReport:
        """A request that got nothing (yet)."""
        nan = math.nan
        return cls(
            rid,
            source,
            destination,
            RequestStatus.WAITING,
            "",
            0,
            0.0,
            0.0,
            nan,
            (nan, nan, nan),
            nan,
            (),
            nan,
            0,
            nan,
            nan,
            nan,
        )


@dataclass(frozen=True, slots=True)
class LinkReport:
    """One fibre edge: pairs heralded over it and the share of its capacity spent attempting.

    `utilisation` = attempt-seconds of all generators using the edge / (simulated seconds x
    the edge's capacity in concurrent generators: the fewer memories of its two memory
    nodes, or, between two switches, their fewer port pairs). At most 1.
    """

    edge: str
    heralded: int
    utilisation: float


@dataclass(frozen=True, slots=True)
class NetworkReport:
    """A whole run. `input_hash` is a SHA-256 of the scenario, seed and duration."""

    name: str
    seed: int
    requests: tuple[RequestReport, ...]
    links: tuple[LinkReport, ...]
    pairs: dict[str, Any]
    events: int
    simulated_s: float
    wall_s: float
    deliveries: dict[str, list[Any]] = field(repr=False)
    fairness: str = ""
    input_hash: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (without the per-pair table)."""
        return {
            "name": self.name,
            "seed": self.seed,
            "requests": [asdict(r) for r in self.requests],
            "links": [asdict(link) for link in self.links],
            "pairs": self.pairs,
            "events": self.events,
            "simulated_s": self.simulated_s,
            "wall_s": self.wall_s,
            "events_per_wall_s": self.events / self.wall_s if self.wall_s > 0 else math.nan,
            "fairness": self.fairness,
            "input_hash": self.input_hash,
        }

    def write_parquet(self, path: Path) -> Path:
        """Write the delivered pairs (one row each) to `path` as Parquet."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(self.deliveries), path)
        return path
