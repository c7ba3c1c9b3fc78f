"""What the controller says and hears: routes, reservations, rules, decisions and events.

All frozen values, with no simulator objects inside, so a control-plane service can host the
controller unchanged (architecture.md, "Planned next").

Examples:
    >>> r = Route("req", ("a", "r", "b"), (("a", "r"), ("r", "s", "b")))
    >>> r.hop_count, r.interior
    (2, ('r',))
    >>> nested_segments(5)  # interior node index -> (left end, right end) of its swap
    {2: (0, 4), 1: (0, 2), 3: (2, 4)}
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from qonnect.network.spec import PurificationProtocol, PurificationScheme, SwapPolicy


@dataclass(frozen=True, slots=True)
class Route:
    """A request's path: memory nodes in order, and each hop's full node sequence."""

    request_id: str
    nodes: tuple[str, ...]
    hops: tuple[tuple[str, ...], ...]

    @property
    def hop_count(self) -> int:
        """Number of heralded links on the route."""
        return len(self.hops)

    @property
    def interior(self) -> tuple[str, ...]:
        """The repeaters that swap."""
        return self.nodes[1:-1]

    def uses_edge(self, a: str, b: str) -> bool:
        """Whether the route crosses the fibre a-b."""
        for hop in self.hops:
            for u, v in itertools.pairwise(hop):
                if {u, v} == {a, b}:
                    return True
        return False

    def uses_node(self, node: str) -> bool:
        """Whether the route touches `node` (as a memory or a transit node)."""
        return any(node in hop for hop in self.hops)


def nested_segments(n_nodes: int) -> dict[int, tuple[int, int]]:
    """Doubling tree over node indices 0..n-1: each interior index swaps (lo, hi) segments."""
    out: dict[int, tuple[int, int]] = {}

    def split(lo: int, hi: int) -> None:
        if hi - lo < 2:
            return
        mid = (lo + hi + 1) // 2
        out[mid] = (lo, hi)
        split(lo, mid)
        split(mid, hi)

    split(0, n_nodes - 1)
    return out


@dataclass(frozen=True, slots=True)
class RouteRules:
    """What every node on a route does (stored as data, run by the simulator).

    Attributes:
        swap_policy: asap or nested.
        nested: for nested swapping, interior index -> (lo, hi) it joins.
        cutoff_s: a pair stored longer than this is discarded (None: never).
        hop_purification_rounds: purification rounds per hop before swapping (0: none).
        e2e_purification_rounds: rounds on end-to-end pairs before delivery (0: none).
        protocol: DEJMPS or BBPSSW.
        scheme: pumping or recurrence.
        min_fidelity: pairs below this at delivery are discarded, never delivered.
    """

    swap_policy: SwapPolicy
    nested: tuple[tuple[int, int, int], ...]
    cutoff_s: float | None
    hop_purification_rounds: int
    e2e_purification_rounds: int
    protocol: PurificationProtocol
    scheme: PurificationScheme
    min_fidelity: float


@dataclass(frozen=True, slots=True)
class Admission:
    """A request is served on `route` with `per_link` qubits reserved at each link end."""

    request_id: str
    route: Route
    per_link: int
    rules: RouteRules
    estimated_fidelity: float


@dataclass(frozen=True, slots=True)
class NodeRule:
    """What one node of a route does, as data a node agent can install (QuISP-style rules).

    Attributes:
        request_id: the request served.
        node: the node.
        left, right: its neighbours on the route (None at an end).
        qubits_left, qubits_right: qubits reserved for the link on each side.
        swap_between: for a repeater, the route ends of the two segments it joins
            (None = any adjacent pairs, swap-asap).
        purify_rounds: purification rounds on each adjacent link before use.
        cutoff_s: discard a stored pair older than this (None: never).
        deliver_min_fidelity: at an end, the fidelity a pair must have to be delivered.
    """

    request_id: str
    node: str
    left: str | None
    right: str | None
    qubits_left: int
    qubits_right: int
    swap_between: tuple[str, str] | None
    purify_rounds: int
    cutoff_s: float | None
    deliver_min_fidelity: float | None


def node_rules(admission: Admission) -> tuple[NodeRule, ...]:
    """The per-node view of an admission's route rules.

    Examples:
        >>> rules = RouteRules(SwapPolicy.NESTED, ((1, 0, 2),), None, 0, 0,
        ...                    PurificationProtocol.DEJMPS, PurificationScheme.PUMPING, 0.5)
        >>> adm = Admission("q", Route("q", ("a", "r", "b"), (("a", "r"), ("r", "b"))), 2,
        ...                 rules, 0.9)
        >>> [(n.node, n.qubits_left, n.qubits_right, n.swap_between) for n in node_rules(adm)]
        [('a', 0, 2, None), ('r', 2, 2, ('a', 'b')), ('b', 2, 0, None)]
    """
    nodes = admission.route.nodes
    last = len(nodes) - 1
    nested = {i: (lo, hi) for i, lo, hi in admission.rules.nested}
    out = []
    for i, n in enumerate(nodes):
        seg = nested.get(i)
        out.append(
            NodeRule(
                request_id=admission.request_id,
                node=n,
                left=nodes[i - 1] if i > 0 else None,
                right=nodes[i + 1] if i < last else None,
                qubits_left=admission.per_link if i > 0 else 0,
                qubits_right=admission.per_link if i < last else 0,
                swap_between=(nodes[seg[0]], nodes[seg[1]]) if seg else None,
                purify_rounds=admission.rules.hop_purification_rounds,
                cutoff_s=admission.rules.cutoff_s,
                deliver_min_fidelity=admission.rules.min_fidelity if i in (0, last) else None,
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Refusal:
    """A request will not be served, and why (for instance its fidelity is out of reach)."""

    request_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Deferral:
    """A request waits (no free memories or no working path now), and why."""

    request_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """A request's route is torn down (a fault on it); a new decision follows."""

    request_id: str
    reason: str


Decision = Admission | Refusal | Deferral | Withdrawal


@dataclass(frozen=True, slots=True)
class LinkDown:
    """Event: the fibre `edge` is cut."""

    edge: str


@dataclass(frozen=True, slots=True)
class LinkUp:
    """Event: the fibre `edge` works again."""

    edge: str


@dataclass(frozen=True, slots=True)
class NodeDown:
    """Event: `node` fails; its stored qubits are lost."""

    node: str


@dataclass(frozen=True, slots=True)
class NodeUp:
    """Event: `node` is back."""

    node: str


NetworkEvent = LinkDown | LinkUp | NodeDown | NodeUp
