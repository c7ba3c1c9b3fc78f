"""`NetworkSimulation`: a scenario run end to end on the event kernel.

Requests arrive at their start time and go to the `Controller`; admitted routes run as
`RouteExecution`s; faults (scheduled and random) reach the controller as events and its
withdrawals and re-routes are applied; at the end the `PairLedger` must balance. One seed
determines everything (`RandomStreams`, one named stream per route admission).

Examples:
    >>> from qonnect.network.spec import NetworkSpec
    >>> spec = NetworkSpec.model_validate({
    ...     "duration_s": 0.1, "seed": 3,
    ...     "nodes": [{"id": "a"}, {"id": "r"}, {"id": "b"}],
    ...     "edges": [{"a": "a", "b": "r", "length_km": 10,
    ...                "link": {"p_success": 0.1, "attempt_period_s": 1e-4, "fidelity": 0.97}},
    ...               {"a": "r", "b": "b", "length_km": 10,
    ...                "link": {"p_success": 0.1, "attempt_period_s": 1e-4, "fidelity": 0.97}}],
    ...     "requests": [{"id": "q", "source": "a", "destination": "b", "memories_per_link": 2}]})
    >>> rep = NetworkSimulation(spec).run()
    >>> q = rep.requests[0]
    >>> q.delivered > 100, round(q.fidelity_mean, 4), rep.pairs["balance"]
    (True, 0.9412, 0)
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import networkx as nx
import numpy as np

from qonnect.core.errors import ConfigurationError, UnphysicalParameterError
from qonnect.core.streams import RandomStreams
from qonnect.core.units import PS_PER_S, seconds_to_ps
from qonnect.engine import Kernel, Priority
from qonnect.network.controller import FAIRNESS_POLICY, Controller, memory_rates
from qonnect.network.decisions import (
    Admission,
    Decision,
    Deferral,
    LinkDown,
    LinkUp,
    NetworkEvent,
    NodeDown,
    NodeUp,
    Refusal,
    Withdrawal,
)
from qonnect.network.execution import Delivery, NodeParams, RouteExecution
from qonnect.network.faults import random_faults
from qonnect.network.ledger import DiscardReason, PairLedger
from qonnect.network.report import LinkReport, NetworkReport, RequestReport, RequestStatus
from qonnect.network.spec import FaultKind, FaultSpec, NetworkSpec, RequestSpec
from qonnect.network.topology import Topology
from qonnect.physics.bounds import plob_bound, repeater_chain_bound
from qonnect.physics.memory import Memory


@dataclass(slots=True)
class _RequestState:
    spec: RequestSpec
    status: RequestStatus = RequestStatus.WAITING
    reason: str = ""
    execution: RouteExecution | None = None
    admission: Admission | None = None
    admissions: int = 0
    end_ps: int | None = None
    fidelities: list[float] = field(default_factory=list)
    latencies_ps: list[int] = field(default_factory=list)


def check_spec(spec: NetworkSpec, topology: Topology) -> None:
    """Cross-checks a topology cannot do alone: memories, requests and faults.

    Raises:
        ConfigurationError: naming the request or fault (unknown node or edge, a request
            between disconnected nodes or ending at a switch, duplicate request ids).
        UnphysicalParameterError: naming the node whose memory is unphysical.
    """
    for n in topology.nodes.values():
        m = n.memory
        try:
            Memory(t1_s=m.t1_s, t2_s=m.t2_s, t_depolarizing_s=m.t_depolarizing_s)
        except UnphysicalParameterError as e:
            raise UnphysicalParameterError(f"node {n.id}: {e}") from None
    component: dict[str, int] = {}
    for i, comp in enumerate(nx.connected_components(topology.graph)):
        for node in comp:
            component[node] = i
    seen: set[str] = set()
    for r in spec.requests:
        if r.id in seen:
            raise ConfigurationError(f"request {r.id}: duplicate request id")
        seen.add(r.id)
        for end in (r.source, r.destination):
            if end not in topology.nodes:
                raise ConfigurationError(f"request {r.id}: unknown node {end!r}")
            if not topology.node(end).kind.has_memories:
                raise ConfigurationError(
                    f"request {r.id}: node {end!r} is a {topology.node(end).kind.value} "
                    "and holds no qubits"
                )
        if r.source == r.destination:
            raise ConfigurationError(
                f"request {r.id}: source and destination are both {r.source!r}"
            )
        if component[r.source] != component[r.destination]:
            raise ConfigurationError(
                f"request {r.id}: nodes {r.source!r} and {r.destination!r} are not connected"
            )
    for f in spec.faults:
        if f.edge is not None:
            topology.edge_by_name(f.edge)
        if f.node is not None and f.node not in topology.nodes:
            raise ConfigurationError(f"fault at {f.at_s} s: unknown node {f.node!r}")


class NetworkSimulation:
    """One run of a network scenario.

    Args:
        spec: the scenario.
        duration_s: simulated time (default: spec.duration_s).
        seed: the run's seed (default: spec.seed).
        topology: a prebuilt topology of `spec` (skips rebuilding it).
    """

    def __init__(
        self,
        spec: NetworkSpec,
        *,
        duration_s: float | None = None,
        seed: int | None = None,
        topology: Topology | None = None,
    ) -> None:
        self.spec = spec
        self.duration_s = spec.duration_s if duration_s is None else duration_s
        if not self.duration_s > 0 or not math.isfinite(self.duration_s):
            raise ConfigurationError(f"duration_s: must be > 0, got {self.duration_s!r}")
        self.seed = spec.seed if seed is None else seed
        self.topology = topology or Topology.from_spec(spec)
        check_spec(spec, self.topology)
        self.kernel = Kernel()
        self.streams = RandomStreams(self.seed)
        self.ledger = PairLedger()
        self.controller = Controller(self.topology, spec.policy)
        self.requests = {r.id: _RequestState(r) for r in spec.requests}
        self.executions: list[tuple[RouteExecution, list[list[float]]]] = []
        self.deliveries: list[Delivery] = []
        self._fault_reason = DiscardReason.REROUTED
        self.node_params = {
            n: NodeParams(
                memory_rates(self.topology, n),
                s.swap.success_probability,
                s.swap.gate_depolarizing,
                s.swap.measurement_flip,
            )
            for n, s in self.topology.nodes.items()
        }

    # ------------------------------------------------------------------ decisions
    def _apply(self, decisions: Sequence[Decision]) -> None:
        for d in decisions:
            st = self.requests[d.request_id]
            match d:
                case Admission():
                    self._start(st, d)
                case Withdrawal(reason=reason):
                    self._stop(st, self._fault_reason)
                    st.status, st.reason = RequestStatus.WAITING, reason
                case Refusal(reason=reason):
                    st.status, st.reason = RequestStatus.REFUSED, reason
                    st.end_ps = self.kernel.now_ps
                case Deferral(reason=reason):
                    st.status, st.reason = RequestStatus.WAITING, reason

    def _start(self, st: _RequestState, adm: Admission) -> None:
        st.admissions += 1
        st.admission = adm
        st.status, st.reason = RequestStatus.SERVING, ""
        hops = [self.controller.hop(h) for h in adm.route.hops]
        stats = [[0.0, 0.0] for _ in hops]
        rng = self.streams.generator(f"route:{adm.request_id}:{st.admissions}")
        ex = RouteExecution(
            self.kernel,
            adm,
            hops,
            [self.node_params[n] for n in adm.route.nodes],
            rng,
            self.ledger,
            self._delivered,
            stats,
        )
        st.execution = ex
        self.executions.append((ex, stats))

    def _stop(self, st: _RequestState, reason: DiscardReason) -> None:
        if st.execution is not None:
            st.execution.teardown(reason)
            st.execution = None

    def _finish(self, rid: str, status: RequestStatus) -> None:
        st = self.requests[rid]
        if st.status in (RequestStatus.COMPLETED, RequestStatus.DEADLINE, RequestStatus.REFUSED):
            return
        self._stop(st, DiscardReason.REQUEST_ENDED)
        st.status = status
        st.end_ps = self.kernel.now_ps
        self._apply(self.controller.release(rid))

    def _delivered(self, d: Delivery) -> None:
        st = self.requests[d.request_id]
        st.fidelities.append(d.fidelity)
        st.latencies_ps.append(d.latency_ps)
        self.deliveries.append(d)
        if st.spec.pairs is not None and len(st.fidelities) >= st.spec.pairs:
            self._finish(d.request_id, RequestStatus.COMPLETED)

    def _submit(self, r: RequestSpec) -> None:
        self._apply(self.controller.submit(r))

    # ------------------------------------------------------------------ faults
    def _fault(self, f: FaultSpec) -> None:
        event: NetworkEvent
        match f.kind:
            case FaultKind.LINK_DOWN:
                event, self._fault_reason = LinkDown(f.edge or ""), DiscardReason.REROUTED
            case FaultKind.LINK_UP:
                event = LinkUp(f.edge or "")
            case FaultKind.NODE_DOWN:
                event, self._fault_reason = NodeDown(f.node or ""), DiscardReason.NODE_DOWN
            case FaultKind.NODE_UP:
                event = NodeUp(f.node or "")
        self._apply(self.controller.on_event(event))

    def fault_schedule(self) -> list[FaultSpec]:
        """The scenario's faults plus the random ones of this seed, sorted by time."""
        faults = list(self.spec.faults)
        if self.spec.random_faults is not None:
            faults += random_faults(
                list(self.topology.edges),
                list(self.topology.nodes),
                self.spec.random_faults,
                self.duration_s,
                self.streams.generator("faults"),
            )
        faults.sort(key=lambda f: f.at_s)
        return faults

    def input_hash(self) -> str:
        """SHA-256 of everything that determines this run: the scenario, seed and duration."""
        payload = self.spec.model_dump_json(warnings=False).encode()
        h = hashlib.sha256(payload)
        h.update(f"|seed={self.seed}|duration_s={self.duration_s!r}".encode())
        return h.hexdigest()

    # ------------------------------------------------------------------ run
    def run(self) -> NetworkReport:
        """Simulate `duration_s` and report."""
        wall0 = time.perf_counter()
        k = self.kernel
        end_ps = seconds_to_ps(self.duration_s)
        for f in self.fault_schedule():
            k.call_at(seconds_to_ps(f.at_s), partial(self._fault, f), priority=Priority.URGENT)
        for r in self.spec.requests:
            k.call_at(seconds_to_ps(r.start_s), partial(self._submit, r))
            if r.deadline_s is not None and r.deadline_s < self.duration_s:
                k.call_at(
                    seconds_to_ps(r.deadline_s),
                    partial(self._finish, r.id, RequestStatus.DEADLINE),
                )
        k.run(end_ps)
        wall = time.perf_counter() - wall0
        return self._report(end_ps, wall)

    def _report(self, end_ps: int, wall_s: float) -> NetworkReport:
        stored = sum(st.execution.stored() for st in self.requests.values() if st.execution)
        pairs = self.ledger.as_dict(stored)
        pairs["balance"] = self.ledger.balance(stored)
        reports = [self._request_report(st, end_ps) for st in self.requests.values()]
        return NetworkReport(
            name=self.spec.name,
            seed=self.seed,
            requests=tuple(reports),
            links=tuple(self._link_reports(end_ps)),
            pairs=pairs,
            events=self.kernel.events_processed,
            simulated_s=end_ps / PS_PER_S,
            wall_s=wall_s,
            deliveries=self._delivery_table(),
            fairness=FAIRNESS_POLICY,
            input_hash=self.input_hash(),
        )

    def _request_report(self, st: _RequestState, end_ps: int) -> RequestReport:
        r = st.spec
        start_ps = seconds_to_ps(r.start_s)
        stop_ps = st.end_ps if st.end_ps is not None else end_ps
        active_s = max(stop_ps - start_ps, 0) / PS_PER_S
        f = np.asarray(st.fidelities, dtype=np.float64)
        n = int(f.size)
        quant = (
            tuple(float(x) for x in np.quantile(f, [0.05, 0.5, 0.95]))
            if n
            else (math.nan, math.nan, math.nan)
        )
        adm = st.admission
        route: tuple[str, ...] = ()
        est = length = plob_hz = chain_hz = math.nan
        if adm is not None:
            route = adm.route.nodes
            est = adm.estimated_fidelity
            hops = [self.controller.hop(h) for h in adm.route.hops]
            length = sum(h.length_km for h in hops)
            uses_hz = adm.per_link * hops[0].performance.modes / (hops[0].attempt_period_ps * 1e-12)
            eta = math.prod(h.transmissivity for h in hops)
            plob_hz = float(plob_bound(eta)) * uses_hz
            chain_hz = repeater_chain_bound([h.transmissivity for h in hops]) * uses_hz
        status = st.status
        return RequestReport(
            id=r.id,
            source=r.source,
            destination=r.destination,
            status=status,
            reason=st.reason,
            delivered=n,
            rate_hz=n / active_s if active_s > 0 else 0.0,
            active_s=active_s,
            fidelity_mean=float(f.mean()) if n else math.nan,
            fidelity_quantiles=(quant[0], quant[1], quant[2]),
            latency_mean_s=float(np.mean(st.latencies_ps)) / PS_PER_S if n else math.nan,
            route=route,
            estimated_fidelity=est,
            admissions=st.admissions,
            length_km=length,
            plob_rate_hz=plob_hz,
            chain_bound_rate_hz=chain_hz,
            rate_met=None if r.rate_hz is None else (active_s > 0 and n / active_s >= r.rate_hz),
        )

    def _link_reports(self, end_ps: int) -> list[LinkReport]:
        heralded: dict[str, float] = {}
        busy: dict[str, float] = {}
        for ex, stats in self.executions:
            for hop, (count, attempt_s) in zip(ex.hops, stats, strict=True):
                for key in hop.edge_keys:
                    heralded[key] = heralded.get(key, 0.0) + count
                    busy[key] = busy.get(key, 0.0) + attempt_s
        sim_s = end_ps / PS_PER_S
        out = []
        for key, e in self.topology.edges.items():
            if key not in heralded:
                continue
            ends = [self.topology.node(n) for n in (e.a, e.b)]
            caps = [n.memories for n in ends if n.kind.has_memories]
            if not caps:  # between two switches: its ports bound the concurrent hops
                caps = [n.switch.ports // 2 for n in ends]
            out.append(LinkReport(key, int(heralded[key]), busy[key] / (sim_s * max(min(caps), 1))))
        return out

    def _delivery_table(self) -> dict[str, list[object]]:
        d = self.deliveries
        return {
            "request_id": [x.request_id for x in d],
            "time_s": [x.time_ps / PS_PER_S for x in d],
            "fidelity": [x.fidelity for x in d],
            "phi_plus": [x.state[0] for x in d],
            "psi_plus": [x.state[1] for x in d],
            "psi_minus": [x.state[2] for x in d],
            "phi_minus": [x.state[3] for x in d],
            "latency_s": [x.latency_ps / PS_PER_S for x in d],
            "link_pairs": [x.elementary for x in d],
        }
