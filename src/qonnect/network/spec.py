"""Scenario-file models of a network: nodes, edges, requests, policy and faults (pydantic).

These are the user-facing, `extra="forbid"` models that a scenario YAML is read into; the api
layer's `Scenario` embeds `NetworkSpec`. They check field-level ranges; cross-references
(unknown nodes, duplicate ids, disconnected requests) are checked when a `Topology` is built,
so every message names the offending item.

Examples:
    >>> spec = NetworkSpec.model_validate({
    ...     "nodes": [{"id": "a"}, {"id": "b"}],
    ...     "edges": [{"a": "a", "b": "b", "length_km": 10,
    ...                "link": {"p_success": 0.1, "attempt_period_s": 1e-3, "fidelity": 0.95}}],
    ...     "requests": [{"id": "r", "source": "a", "destination": "b", "pairs": 10}]})
    >>> spec.nodes[0].kind.value, spec.edges[0].length_km, spec.policy.swap.value
    ('qpu', 10.0, 'asap')
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from qonnect.link.spec import HardwareSpec

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
PositiveTime = Annotated[float, Field(gt=0.0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NodeKind(StrEnum):
    """What a node is: memories (qpu, repeater) or transit only (switch, source)."""

    QPU = "qpu"
    REPEATER = "repeater"
    SWITCH = "switch"
    SOURCE = "source"

    @property
    def has_memories(self) -> bool:
        """Whether the node stores qubits (and so can end or swap a pair)."""
        return self in (NodeKind.QPU, NodeKind.REPEATER)


class MemorySpec(_Model):
    """Decoherence of a stored qubit (qonnect.physics.Memory; inf = none of that kind)."""

    t1_s: float = Field(default=math.inf, gt=0.0)
    t2_s: float = Field(default=math.inf, gt=0.0)
    t_depolarizing_s: float = Field(default=math.inf, gt=0.0)


class SwapSpec(_Model):
    """Bell-state measurement of a node (physics.md eq. 6.2)."""

    success_probability: Probability = 1.0
    gate_depolarizing: Probability = 0.0
    measurement_flip: Probability = 0.0


class SwitchSpec(_Model):
    """An optical switch (or the midpoint of an entanglement source): loss and set-up time."""

    insertion_loss_db: float = Field(default=1.0, ge=0.0)
    reconfiguration_s: float = Field(default=1e-3, ge=0.0)
    ports: int = Field(default=64, ge=2)


class SourceSpec(_Model):
    """A midpoint entangled-pair source (physics.md section 4.3, MSS): per-pulse pair
    probability and repetition rate; each photon is absorbed with the far end's efficiencies."""

    pair_probability: Probability = 0.1
    repetition_rate_hz: float = Field(default=1e6, gt=0.0)


class NodeSpec(_Model):
    """A node of the network."""

    id: str = Field(min_length=1)
    kind: NodeKind = NodeKind.QPU
    memories: int = Field(default=10, ge=0)
    memory: MemorySpec = MemorySpec()
    swap: SwapSpec = SwapSpec()
    switch: SwitchSpec = SwitchSpec()
    source: SourceSpec = SourceSpec()
    position_km: tuple[float, float] | None = None


class Scheme(StrEnum):
    """Heralding scheme of an efficiency-chain link (physics.md section 4)."""

    BARRETT_KOK = "barrett_kok"
    SINGLE_CLICK = "single_click"


class LinkSpec(_Model):
    """How an edge heralds pairs, as direct numbers (qonnect.link.LinkPerformance).

    Either give `p_success` directly, or leave it out and give the per-arm efficiency chain
    (emitter, collection, detector ...; the fibre of each arm and switch losses are added) with
    a `scheme`. Either give `attempt_period_s`, or let it be rounds/excitation_rate + the
    herald's round trip to the midpoint station. Give `fidelity` (Werner) or `state`.
    """

    p_success: Probability | None = None
    efficiencies: tuple[Probability, ...] = ()
    scheme: Scheme = Scheme.BARRETT_KOK
    bright_state_population: Probability = 0.1
    attempt_period_s: PositiveTime | None = None
    excitation_rate_hz: float = Field(default=1e6, gt=0.0)
    rounds_per_attempt: int = Field(default=1, ge=1)
    fidelity: Probability | None = None
    state: tuple[float, float, float, float] | None = None
    modes: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _state_or_fidelity(self) -> LinkSpec:
        if self.fidelity is not None and self.state is not None:
            raise ValueError("give either link.fidelity or link.state, not both")
        return self


class EdgeSpec(_Model):
    """A fibre between two nodes and the link that heralds pairs over it."""

    id: str | None = None
    a: str = Field(min_length=1)
    b: str = Field(min_length=1)
    length_km: float = Field(ge=0.0)
    loss_db_per_km: float = Field(default=0.2, ge=0.0)
    group_index: float = Field(default=1.4682, ge=1.0)
    link: LinkSpec = LinkSpec()
    hardware: HardwareSpec | None = None

    @property
    def key(self) -> str:
        """The edge's name: its id, or "a-b"."""
        return self.id if self.id is not None else f"{self.a}-{self.b}"


class PurificationScope(StrEnum):
    """Where purification happens."""

    NONE = "none"
    PER_HOP = "per_hop"
    END_TO_END = "end_to_end"


class PurificationScheme(StrEnum):
    """Which pairs are combined: pumping (kept pair with a fresh one) or recurrence (equals)."""

    PUMPING = "pumping"
    RECURRENCE = "recurrence"


class PurificationProtocol(StrEnum):
    """Recurrence protocol (physics.md section 6.2)."""

    DEJMPS = "dejmps"
    BBPSSW = "bbpssw"


class PurificationSpec(_Model):
    """Purification of a request's pairs until a target fidelity."""

    scope: PurificationScope = PurificationScope.NONE
    protocol: PurificationProtocol = PurificationProtocol.DEJMPS
    scheme: PurificationScheme = PurificationScheme.PUMPING
    target_fidelity: Probability | None = None
    max_rounds: int = Field(default=8, ge=1)


class RequestSpec(_Model):
    """A request for end-to-end pairs between two memory nodes."""

    id: str = Field(min_length=1)
    source: str = Field(min_length=1)
    destination: str = Field(min_length=1)
    pairs: int | None = Field(default=None, ge=1)
    rate_hz: float | None = Field(default=None, gt=0.0)
    min_fidelity: Probability = 0.5
    start_s: float = Field(default=0.0, ge=0.0)
    deadline_s: float | None = Field(default=None, gt=0.0)
    memories_per_link: int = Field(default=1, ge=1)
    purification: PurificationSpec = PurificationSpec()

    @model_validator(mode="after")
    def _window(self) -> RequestSpec:
        if self.deadline_s is not None and self.deadline_s <= self.start_s:
            raise ValueError(
                f"request {self.id}: deadline_s={self.deadline_s} must be after "
                f"start_s={self.start_s}"
            )
        return self


class SwapPolicy(StrEnum):
    """When a repeater swaps: as soon as it can, or along a doubling (nested) tree."""

    ASAP = "asap"
    NESTED = "nested"


class PolicySpec(_Model):
    """Network-wide protocol choices."""

    swap: SwapPolicy = SwapPolicy.ASAP
    cutoff_s: float | None = Field(default=None, ge=0.0)
    k_paths: int = Field(default=3, ge=1)


class FaultKind(StrEnum):
    """What happens to an element at a scheduled time."""

    LINK_DOWN = "link_down"
    LINK_UP = "link_up"
    NODE_DOWN = "node_down"
    NODE_UP = "node_up"


class FaultSpec(_Model):
    """One scheduled fault: a link (give `edge` as its id or "a-b") or a node going down/up."""

    at_s: float = Field(ge=0.0)
    kind: FaultKind
    node: str | None = None
    edge: str | None = None

    @model_validator(mode="after")
    def _target(self) -> FaultSpec:
        wants_node = self.kind in (FaultKind.NODE_DOWN, FaultKind.NODE_UP)
        if wants_node and (self.node is None or self.edge is not None):
            raise ValueError(f"fault {self.kind.value} at {self.at_s} s needs `node` only")
        if not wants_node and (self.edge is None or self.node is not None):
            raise ValueError(f"fault {self.kind.value} at {self.at_s} s needs `edge` only")
        return self


class RandomFaultSpec(_Model):
    """Random failures: exponential times between failures and to repair (inf = never)."""

    link_mtbf_s: float = Field(default=math.inf, gt=0.0)
    link_mttr_s: float = Field(default=1e-2, gt=0.0)
    node_mtbf_s: float = Field(default=math.inf, gt=0.0)
    node_mttr_s: float = Field(default=1e-2, gt=0.0)


class NetworkSpec(_Model):
    """A whole network scenario: topology, requests, policy, faults."""

    name: str = "network"
    duration_s: float = Field(default=1.0, gt=0.0)
    seed: int = Field(default=1, ge=0)
    nodes: tuple[NodeSpec, ...]
    edges: tuple[EdgeSpec, ...] = ()
    requests: tuple[RequestSpec, ...] = ()
    policy: PolicySpec = PolicySpec()
    faults: tuple[FaultSpec, ...] = ()
    random_faults: RandomFaultSpec | None = None
