"""`Controller`: admission, routing, memory reservation and re-routing, as plain logic.

Narrow interface (architecture.md, "Planned next: the control-plane service"): requests in
(`submit`, `release`), network events in (`on_event`), decisions out (`Admission` with a route,
a reservation and per-node rules; `Refusal`; `Deferral`; `Withdrawal`). No simulator object and
no clock are used in any decision, so a service can host this class unchanged.

Routing: edge cost = expected time to herald one pair on that link (attempt period / p_cycle);
the cheapest path that is up and has free memories is tried first, then up to `k_paths - 1`
alternates (Yen), and the first whose planned fidelity reaches the request's goal is taken.

Fairness policy (stated, simple, predictable): first come, first served. Requests are decided
in submission order; an admitted request reserves min(memories_per_link, what is free)
qubits, at least one, at each link end of its route and keeps them until it ends; a request
that finds no working path with free memories waits, and waiting requests are retried in
their submission order whenever memories are released or an element comes back up. A request
whose minimum fidelity no candidate path can reach, even with its purification, is refused
with the reason, and so is a request whose rate_hz exceeds what any candidate path could
deliver even if every heralding memory and every swap succeeded (a rate request is otherwise
served as fast as its reservation allows, from its start to its deadline or the end).

Examples:
    >>> from qonnect.network.spec import NetworkSpec, RequestSpec
    >>> from qonnect.network.topology import Topology
    >>> link = {"p_success": 0.1, "attempt_period_s": 1e-5, "fidelity": 0.95}
    >>> t = Topology.from_spec(NetworkSpec.model_validate({
    ...     "nodes": [{"id": n, "memories": 2} for n in "abc"],
    ...     "edges": [{"a": "a", "b": "b", "length_km": 1, "link": link},
    ...               {"a": "b", "b": "c", "length_km": 1, "link": link}]}))
    >>> c = Controller(t)
    >>> d = c.submit(RequestSpec(id="r1", source="a", destination="c"))
    >>> type(d[0]).__name__, d[0].route.nodes, d[0].per_link
    ('Admission', ('a', 'b', 'c'), 1)
    >>> c.submit(RequestSpec(id="r2", source="a", destination="b"))[0]  # b's 2 qubits are taken
    Deferral(request_id='r2', reason='no free memories at b')
    >>> c.submit(RequestSpec(id="r3", source="b", destination="c", min_fidelity=0.99))[0].reason
    'min_fidelity 0.99 out of reach: best planned fidelity 0.9500 (b-c, no purification)'
    >>> c.release("r1")[0].route.nodes  # r2 waited; it is admitted when r1 ends
    ('a', 'b')
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from qonnect.core.errors import ConfigurationError
from qonnect.network.analytics import expected_max_geometric
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
    Route,
    RouteRules,
    Withdrawal,
    nested_segments,
)
from qonnect.network.estimate import compose, purified
from qonnect.network.link_model import HopModel, hop_model
from qonnect.network.pair_state import Corr, MemoryRates
from qonnect.network.pair_state import decay as decay_corr
from qonnect.network.pair_state import fidelity as corr_fidelity
from qonnect.network.routing import Router
from qonnect.network.spec import (
    PolicySpec,
    PurificationScope,
    RequestSpec,
    SwapPolicy,
)
from qonnect.network.topology import Topology

FAIRNESS_POLICY = (
    "first come, first served: requests are decided in submission order; an admitted request "
    "keeps min(memories_per_link, free) >= 1 qubits at each link end of its route until it "
    "ends; waiting requests are retried in submission order when memories are released or "
    "an element comes back up"
)
"""The controller's fairness policy, as reported."""


def memory_rates(topology: Topology, node: str) -> MemoryRates:
    """Decay rates of the memories of `node`."""
    m = topology.node(node).memory
    return MemoryRates.of(m.t1_s, m.t2_s, m.t_depolarizing_s)


@dataclass(frozen=True, slots=True)
class _Plan:
    rules: RouteRules
    fidelity: float


class Controller:
    """Admits, routes and re-routes requests; see the module docstring for the policy.

    Args:
        topology: the network.
        policy: swap policy, cut-off and number of candidate paths.
    """

    def __init__(self, topology: Topology, policy: PolicySpec | None = None) -> None:
        self.topology = topology
        # NOTE: re-validated, so values set with model_copy(update=...) become enums again
        self.policy = PolicySpec.model_validate((policy or PolicySpec()).model_dump(warnings=False))
        self._hops: dict[tuple[str, ...], HopModel] = {}
        self._free: dict[str, int] = {
            n: s.memories for n, s in topology.nodes.items() if s.kind.has_memories
        }
        self._ports: dict[str, int] = {
            n: s.switch.ports // 2 for n, s in topology.nodes.items() if not s.kind.has_memories
        }
        self._down_nodes: set[str] = set()
        self._down_edges: set[str] = set()
        self._full: set[str] = set()
        self._requests: dict[str, RequestSpec] = {}
        self._admitted: dict[str, Admission] = {}
        self._waiting: list[str] = []
        self._finished: set[str] = set()
        weights = []
        for e in topology.edges.values():
            if topology.node(e.a).kind.has_memories and topology.node(e.b).kind.has_memories:
                h = self.hop((e.a, e.b))
                cost = h.attempt_period_ps * 1e-12 / max(h.p_cycle, 1e-300)
            else:
                cost = max(e.length_km, 1e-3) * 5e-6
            weights.append((e.a, e.b, cost))
        self._weights = weights
        self._static_router: Router | None = None
        self._router = Router(list(topology.nodes), weights)
        for n, free in self._free.items():
            if free < 2:
                self._full.add(n)
                self._router.block_node(n)

    # ------------------------------------------------------------------ queries
    def hop(self, nodes: tuple[str, ...]) -> HopModel:
        """The (cached) `HopModel` of a hop."""
        key = nodes if nodes[0] <= nodes[-1] else tuple(reversed(nodes))
        h = self._hops.get(key)
        if h is None:
            h = hop_model(self.topology, key)
            self._hops[key] = h
        if key != nodes:
            return HopModel(
                nodes,
                tuple(reversed(h.edge_keys)),
                h.performance,
                h.p_cycle,
                h.attempt_period_ps,
                h.state,
                h.delay_ps,
                h.length_km,
                h.transmissivity,
                h.setup_ps,
            )
        return h

    @property
    def admitted(self) -> dict[str, Admission]:
        """Currently admitted requests by id."""
        return dict(self._admitted)

    @property
    def waiting(self) -> tuple[str, ...]:
        """Ids of the requests that wait, in the order they will be retried."""
        return tuple(self._waiting)

    def free_memories(self, node: str) -> int:
        """Unreserved qubits at `node`."""
        return self._free[node]

    # ------------------------------------------------------------------ planning
    def _split(self, path: list[str]) -> Route | None:
        mem = [i for i, n in enumerate(path) if self.topology.node(n).kind.has_memories]
        if mem[0] != 0 or mem[-1] != len(path) - 1:
            return None
        hops = tuple(tuple(path[i : j + 1]) for i, j in itertools.pairwise(mem))
        return Route("", tuple(path[i] for i in mem), hops)

    def _plan(self, request: RequestSpec, route: Route) -> _Plan | str:
        topo = self.topology
        hops = [self.hop(h) for h in route.hops]
        swaps = [
            (topo.node(n).swap.gate_depolarizing, topo.node(n).swap.measurement_flip)
            for n in route.interior
        ]
        end_a = memory_rates(topo, route.nodes[0])
        end_b = memory_rates(topo, route.nodes[-1])
        signal_s = sum(h.delay_ps for h in hops) * 1e-12
        hop_delay_s = max(h.delay_ps for h in hops) * 1e-12
        wait_s = 0.0
        if len(hops) > 1:  # the early links wait for the slowest one (section 6.3), in parallel
            p_min = max(min(h.p_cycle for h in hops), 1e-12)
            period_s = max(h.attempt_period_ps for h in hops) * 1e-12
            extra = expected_max_geometric(p_min, len(hops)) - 1.0 / p_min
            wait_s = extra * period_s / request.memories_per_link
        pur = request.purification
        goal = max(request.min_fidelity, pur.target_fidelity or 0.0)
        states: list[Corr] = [h.state for h in hops]

        def finish(c: Corr, rounds: int = 0) -> float:
            # NOTE: a heuristic: r purification rounds need ~2^r pairs, so waits grow as 2^r,
            # plus one classical exchange per round
            t = signal_s + wait_s * 2**rounds + rounds * hop_delay_s
            return corr_fidelity(decay_corr(c, t, end_a, end_b))

        hop_rounds = e2e_rounds = 0
        best = finish(compose(states, swaps))
        scope = pur.scope
        if best < goal and scope is PurificationScope.PER_HOP:
            for r in range(1, pur.max_rounds + 1):
                purified_hops = [purified(s, s, r, pur.protocol, pur.scheme)[1] for s in states]
                f = finish(compose(purified_hops, swaps), r)
                if f <= best + 1e-12:
                    break
                best, hop_rounds = f, r
                if f >= goal:
                    break
        elif best < goal and scope is PurificationScope.END_TO_END:
            base = compose(states, swaps)
            for r in range(1, pur.max_rounds + 1):
                f = finish(purified(base, base, r, pur.protocol, pur.scheme)[1], r)
                if f <= best + 1e-12:
                    break
                best, e2e_rounds = f, r
                if f >= goal:
                    break
        if request.rate_hz is not None:
            # upper bound: every reserved memory pair of the slowest hop heralding at full rate,
            # and every swap and purification round succeeding
            swap_p = math.prod(topo.node(n).swap.success_probability for n in route.interior)
            bound_hz = request.memories_per_link * min(h.rate_hz for h in hops) * swap_p
            bound_hz /= 2 ** (hop_rounds + e2e_rounds)
            if bound_hz < request.rate_hz:
                return (
                    f"rate_hz {request.rate_hz:g} out of reach: at most {bound_hz:.4g} Hz on "
                    f"{'-'.join(route.nodes)} with {request.memories_per_link} memories per link"
                )
        if best < goal:
            how = (
                "no purification"
                if scope is PurificationScope.NONE
                else (
                    f"{scope.value} {pur.protocol.value} {pur.scheme.value}"
                    f" up to {pur.max_rounds} rounds"
                )
            )
            return (
                f"min_fidelity {goal:g} out of reach: best planned fidelity {best:.4f} "
                f"({'-'.join(route.nodes)}, {how})"
            )
        nested = tuple(
            (i, lo, hi) for i, (lo, hi) in sorted(nested_segments(len(route.nodes)).items())
        )
        rules = RouteRules(
            swap_policy=self.policy.swap,
            nested=nested if self.policy.swap is SwapPolicy.NESTED else (),
            cutoff_s=self.policy.cutoff_s,
            hop_purification_rounds=hop_rounds,
            e2e_purification_rounds=e2e_rounds,
            protocol=pur.protocol,
            scheme=pur.scheme,
            min_fidelity=request.min_fidelity,
        )
        return _Plan(rules, best)

    def _candidates(self, request: RequestSpec) -> list[list[str]]:
        first = self._router.shortest_path(request.source, request.destination)
        if first is None:
            return []
        return [first]

    def _try_admit(self, request: RequestSpec) -> Decision:
        src, dst = request.source, request.destination
        if src in self._down_nodes or dst in self._down_nodes:
            return Deferral(
                request.id, f"end node {src if src in self._down_nodes else dst} is down"
            )
        if self._free[src] < 1 or self._free[dst] < 1:
            return Deferral(
                request.id, f"no free memories at {src if self._free[src] < 1 else dst}"
            )
        paths = self._candidates(request)
        reasons: list[str] = []
        tried = 0
        while paths and tried < self.policy.k_paths:
            for path in paths[tried:]:
                tried += 1
                route = self._split(path)
                if route is None:
                    continue
                plan = self._plan(request, route)
                if isinstance(plan, str):
                    reasons.append(plan)
                    continue
                purifies = plan.rules.hop_purification_rounds or plan.rules.e2e_purification_rounds
                if purifies and self._room(route) < 2:
                    continue  # purification needs two qubits at every link end
                return self._reserve(request, route, plan)
            if tried >= len(paths) and len(paths) < self.policy.k_paths:
                more = self._router.k_shortest_paths(src, dst, self.policy.k_paths)
                if len(more) <= len(paths):
                    break
                paths = more
        if reasons:
            return Deferral(request.id, f"waiting for a path that meets fidelity: {reasons[0]}")
        return Deferral(request.id, f"no working path with free memories from {src} to {dst}")

    def _static_refusal(self, request: RequestSpec) -> str | None:
        """Why no path of the intact, empty network meets the request (None if one does)."""
        if self._static_router is None:
            self._static_router = Router(list(self.topology.nodes), self._weights)
        paths = self._static_router.k_shortest_paths(
            request.source, request.destination, self.policy.k_paths
        )
        if not paths:
            return f"no path from {request.source} to {request.destination}"
        reasons = []
        for path in paths:
            route = self._split(path)
            if route is None:
                continue
            plan = self._plan(request, route)
            if not isinstance(plan, str):
                return None
            reasons.append(plan)
        return reasons[0] if reasons else "no path through memory nodes"

    def _set_free(self, node: str, delta: int) -> None:
        if node in self._free:
            self._free[node] += delta
            full = self._free[node] < 2
        else:
            self._ports[node] += delta
            full = self._ports[node] < 1
        if full and node not in self._full:
            self._full.add(node)
            self._router.block_node(node)
        elif not full and node in self._full:
            self._full.discard(node)
            self._router.unblock_node(node)

    def _room(self, route: Route) -> int:
        """Qubits per link end that every node of `route` can still give."""
        nodes = route.nodes
        avail = [self._free[nodes[0]], self._free[nodes[-1]]]
        avail += [self._free[n] // 2 for n in nodes[1:-1]]
        return min(avail)

    def _reserve(self, request: RequestSpec, route: Route, plan: _Plan) -> Admission:
        nodes = route.nodes
        per_link = max(1, min(request.memories_per_link, self._room(route)))
        for i, n in enumerate(nodes):
            self._set_free(n, -per_link * (1 if i in (0, len(nodes) - 1) else 2))
        for hop in route.hops:
            for n in hop[1:-1]:
                self._set_free(n, -1)
        adm = Admission(
            request.id,
            Route(request.id, route.nodes, route.hops),
            per_link,
            plan.rules,
            plan.fidelity,
        )
        self._admitted[request.id] = adm
        return adm

    def _unreserve(self, adm: Admission) -> None:
        nodes = adm.route.nodes
        for i, n in enumerate(nodes):
            self._set_free(n, adm.per_link * (1 if i in (0, len(nodes) - 1) else 2))
        for hop in adm.route.hops:
            for n in hop[1:-1]:
                self._set_free(n, 1)

    def _retry_waiting(self) -> list[Decision]:
        out: list[Decision] = []
        still: list[str] = []
        for rid in self._waiting:
            d = self._try_admit(self._requests[rid])
            if isinstance(d, Deferral):
                still.append(rid)
            else:
                out.append(d)
        self._waiting = still
        return out

    # ------------------------------------------------------------------ interface
    def submit(self, request: RequestSpec) -> list[Decision]:
        """Decide a new request: [Admission], [Refusal] or [Deferral].

        Raises:
            ConfigurationError: for an unknown end node, a transit node as an end, a request
                from a node to itself, or a duplicate request id.
        """
        for end in (request.source, request.destination):
            if end not in self.topology.nodes:
                raise ConfigurationError(f"request {request.id}: unknown node {end!r}")
            if not self.topology.node(end).kind.has_memories:
                raise ConfigurationError(
                    f"request {request.id}: node {end!r} is a "
                    f"{self.topology.node(end).kind.value} and holds no qubits"
                )
        if request.source == request.destination:
            raise ConfigurationError(f"request {request.id}: source and destination are equal")
        if request.id in self._requests:
            raise ConfigurationError(f"request {request.id}: duplicate request id")
        request = RequestSpec.model_validate(request.model_dump(warnings=False))
        self._requests[request.id] = request
        d = self._try_admit(request)
        if isinstance(d, Deferral):
            why = self._static_refusal(request)
            if why is not None:
                self._finished.add(request.id)
                return [Refusal(request.id, why)]
            self._waiting.append(request.id)
        return [d]

    def release(self, request_id: str) -> list[Decision]:
        """The request ended (served, deadline or cancelled): free its memories, retry waiters."""
        self._finished.add(request_id)
        if request_id in self._waiting:
            self._waiting.remove(request_id)
        adm = self._admitted.pop(request_id, None)
        if adm is None:
            return []
        self._unreserve(adm)
        return self._retry_waiting()

    def on_event(self, event: NetworkEvent) -> list[Decision]:
        """A fault or a repair: withdraw affected routes, re-route, retry waiting requests."""
        out: list[Decision] = []
        affected: list[Admission] = []
        match event:
            case LinkDown(edge=name):
                e = self.topology.edge_by_name(name)
                if e.key in self._down_edges:
                    return []
                self._down_edges.add(e.key)
                self._router.set_edge_blocked(e.a, e.b, True)
                affected = [a for a in self._admitted.values() if a.route.uses_edge(e.a, e.b)]
                reason = f"link {e.key} down"
            case NodeDown(node=node):
                self.topology.node(node)
                if node in self._down_nodes:
                    return []
                self._down_nodes.add(node)
                self._router.block_node(node)
                affected = [a for a in self._admitted.values() if a.route.uses_node(node)]
                reason = f"node {node} down"
            case LinkUp(edge=name):
                e = self.topology.edge_by_name(name)
                if e.key not in self._down_edges:
                    return []
                self._down_edges.discard(e.key)
                self._router.set_edge_blocked(e.a, e.b, False)
                return self._retry_waiting()
            case NodeUp(node=node):
                if node not in self._down_nodes:
                    return []
                self._down_nodes.discard(node)
                self._router.unblock_node(node)
                return self._retry_waiting()
        for adm in affected:
            del self._admitted[adm.request_id]
            self._unreserve(adm)
            out.append(Withdrawal(adm.request_id, reason))
        for adm in affected:
            d = self._try_admit(self._requests[adm.request_id])
            if isinstance(d, Deferral):
                self._waiting.append(adm.request_id)
            out.append(d)
        return out
