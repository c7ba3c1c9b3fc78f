"""`RouteExecution`: runs one admitted route's rules on the event kernel.

Each hop keeps as many generators as both its ends have free reserved qubits; a generator
draws the number of attempts to its next success (geometric skipping: one event per heralded
pair). Pairs keep their state and the time it was valid and decay only when used (lazy
decoherence). Repeaters swap as soon as they can (asap) or along a doubling tree (nested);
each swap outcome travels to the pair's ends as a `SwapOutcome` message over the route's
classical channels, and a pair is delivered only once both ends have every outcome. Hops and
end-to-end pairs are purified (pumping or recurrence) when the rules ask for it; a pair older
than the cut-off is discarded. Every link pair is accounted for in the `PairLedger`.

NOTE (simplifications, stated): swaps and purification gates take no time; a pair whose swap
failed is not swapped again by its ends even before they hear of the failure (they only keep
its qubit until the message arrives); classical messages of a route follow its fibres.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from qonnect.core.units import seconds_to_ps
from qonnect.engine import ClassicalChannel, GeometricClock, Kernel, Priority, Timer, UniformDraws
from qonnect.network import pair_state as ps
from qonnect.network.decisions import Admission
from qonnect.network.ledger import DiscardReason, PairLedger
from qonnect.network.link_model import HopModel
from qonnect.network.messages import Direction, Message, PurificationOutcome, SwapOutcome
from qonnect.network.pair_state import Corr, MemoryRates
from qonnect.network.spec import PurificationScheme, SwapPolicy
from qonnect.states.operations import purify

PS = 1e-12


class Pair:
    """An entangled pair held by a route: ends (indices on the route) and lazy state."""

    __slots__ = (
        "alive",
        "born_ps",
        "busy",
        "corr",
        "cutoff",
        "elementary",
        "expired",
        "id",
        "left",
        "outstanding",
        "pending",
        "refs",
        "right",
        "rounds",
        "successor",
        "t_ref_ps",
    )

    def __init__(
        self, pid: int, left: int, right: int, corr: Corr, now_ps: int, born_ps: int, elem: int
    ) -> None:
        self.id = pid
        self.left = left
        self.right = right
        self.corr = corr
        self.t_ref_ps = now_ps
        self.born_ps = born_ps
        self.elementary = elem
        self.outstanding = 0
        self.alive = True
        self.busy = False
        self.pending = 0
        self.rounds = 0
        self.refs = 0
        self.expired = False
        self.successor: Pair | None = None
        self.cutoff: Timer | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One delivered end-to-end pair."""

    request_id: str
    time_ps: int
    state: tuple[float, float, float, float]
    fidelity: float
    latency_ps: int
    elementary: int


@dataclass(frozen=True, slots=True)
class NodeParams:
    """What a route node needs at run time."""

    rates: MemoryRates
    swap_success: float
    gate_depolarizing: float
    measurement_flip: float


class RouteExecution:
    """Runs one `Admission` until it is torn down.

    Args:
        kernel: the event kernel.
        admission: route, reservation and rules from the controller.
        hops: the `HopModel` of each hop, in route order.
        nodes: run-time parameters of each route node, in route order.
        rng: this route's random stream.
        ledger: the run's pair ledger.
        on_delivery: called with each delivered pair.
        hop_stats: per-hop [heralded, attempt_seconds] accumulators (mutated).
    """

    def __init__(
        self,
        kernel: Kernel,
        admission: Admission,
        hops: list[HopModel],
        nodes: list[NodeParams],
        rng: np.random.Generator,
        ledger: PairLedger,
        on_delivery: Callable[[Delivery], None],
        hop_stats: list[list[float]],
    ) -> None:
        self.kernel = kernel
        self.adm = admission
        self.rules = admission.rules
        self.hops = hops
        self.nodes = nodes
        self.ledger = ledger
        self.on_delivery = on_delivery
        self.hop_stats = hop_stats
        self.running = True
        n = len(admission.route.nodes) - 1
        self.n = n
        k = admission.per_link
        self.free_l = [0] + [k] * n  # qubits at node i serving hop i-1
        self.free_r = [k] * n + [0]  # qubits at node i serving hop i
        self.held_l: list[list[Pair]] = [[] for _ in range(n + 1)]  # pairs with right end i
        self.held_r: list[list[Pair]] = [[] for _ in range(n + 1)]  # pairs with left end i
        self.ready: list[Pair] = []
        self.pairs: dict[int, Pair] = {}  # alive pairs
        self.registry: dict[int, Pair] = {}  # pairs named by messages in flight
        self._next_id = 0
        self.clocks = [GeometricClock(rng, h.p_cycle) if h.p_cycle > 0 else None for h in hops]
        self.uniform = UniformDraws(rng)
        self.cum_delay = [0]
        for hop in hops:
            self.cum_delay.append(self.cum_delay[-1] + hop.delay_ps)
        self.channels: dict[tuple[int, int], ClassicalChannel[Message]] = {}
        self.cutoff_ps = (
            seconds_to_ps(self.rules.cutoff_s) if self.rules.cutoff_s is not None else None
        )
        self.nested = {i: (lo, hi) for i, lo, hi in self.rules.nested}
        self.is_nested = self.rules.swap_policy is SwapPolicy.NESTED
        self.pumping = self.rules.scheme is PurificationScheme.PUMPING
        self.hop_rounds = self.rules.hop_purification_rounds
        self.e2e_rounds = self.rules.e2e_purification_rounds
        if n == 1:  # a one-hop route: its hop pairs are its end-to-end pairs
            self.e2e_rounds = max(self.e2e_rounds, self.hop_rounds)
        self.min_fidelity = self.rules.min_fidelity
        self.delivered = 0
        for h, hop in enumerate(hops):
            self._fill(h, hop.setup_ps)

    # ------------------------------------------------------------------ generation
    def _fill(self, h: int, extra_ps: int = 0) -> None:
        clock = self.clocks[h]
        if clock is None:
            return
        period = self.hops[h].attempt_period_ps
        while self.free_r[h] > 0 and self.free_l[h + 1] > 0:
            self.free_r[h] -= 1
            self.free_l[h + 1] -= 1
            k = clock.next_attempts()
            self.kernel.call_in(
                extra_ps + k * period, partial(self._herald, h, k), priority=Priority.URGENT
            )

    def _new_pair(self, left: int, right: int, corr: Corr, born_ps: int, elem: int) -> Pair:
        self._next_id += 1
        p = Pair(self._next_id, left, right, corr, self.kernel.now_ps, born_ps, elem)
        self.pairs[p.id] = p
        self.held_r[left].append(p)
        self.held_l[right].append(p)
        if self.cutoff_ps is not None and (left > 0 or right < self.n):
            # a pair waiting for a swap partner; end-to-end pairs only wait for their frame
            p.cutoff = self.kernel.call_in(self.cutoff_ps, partial(self._expire, p))
        return p

    def _herald(self, h: int, attempts: int) -> None:
        if not self.running:
            return
        stats = self.hop_stats[h]
        stats[0] += 1
        stats[1] += attempts * self.hops[h].attempt_period_ps * PS
        self.ledger.generated += 1
        now = self.kernel.now_ps
        p = self._new_pair(h, h + 1, self.hops[h].state, now, 1)
        self._advance(p)

    # ------------------------------------------------------------------ helpers
    def _state_now(self, p: Pair) -> Corr:
        dt = (self.kernel.now_ps - p.t_ref_ps) * PS
        return ps.decay(p.corr, dt, self.nodes[p.left].rates, self.nodes[p.right].rates)

    def _unhold(self, p: Pair) -> None:
        self.held_r[p.left].remove(p)
        self.held_l[p.right].remove(p)
        if p.cutoff is not None:
            p.cutoff.cancel()
            p.cutoff = None

    def _free_ends(self, p: Pair) -> None:
        self.free_r[p.left] += 1
        self.free_l[p.right] += 1
        self._fill(p.left)
        self._fill(p.right - 1)

    def _drop(self, p: Pair, reason: DiscardReason) -> None:
        """Discard a held pair now and free its qubits."""
        self._unhold(p)
        if p in self.ready:
            self.ready.remove(p)
        p.alive = False
        self.ledger.discard(reason, p.elementary)
        del self.pairs[p.id]
        self._free_ends(p)

    def _send(self, src: int, dst: int, message: Message, about: Pair) -> None:
        about.refs += 1
        self.registry[about.id] = about
        ch = self.channels.get((src, dst))
        if ch is None:
            ch = self._channel(src, dst)
        ch.send(message)

    def _channel(self, src: int, dst: int) -> ClassicalChannel[Message]:
        ch = self.channels.get((src, dst))
        if ch is None:
            delay = abs(self.cum_delay[dst] - self.cum_delay[src])
            ch = ClassicalChannel(self.kernel, delay, partial(self._receive, dst))
            self.channels[(src, dst)] = ch
        return ch

    # ------------------------------------------------------------------ decisions
    def _advance(self, p: Pair) -> None:
        """A pair became usable: purify, swap or deliver it."""
        if p.left == 0 and p.right == self.n:
            if p.outstanding == 0:
                self._end_to_end(p)
            return
        if p.right - p.left == 1 and p.rounds < self.hop_rounds:
            self._try_purify(p, self.held_r[p.left])
            return
        self._try_swap(p.left)
        if p.alive and p.successor is None:
            self._try_swap(p.right)

    def _try_swap(self, i: int) -> None:
        if i == 0 or i == self.n:
            return
        held_l = self.held_l[i]
        held_r = self.held_r[i]
        if not held_l or not held_r:
            return
        lo = hi = -1
        if self.is_nested:
            lo, hi = self.nested[i]
        rounds = self.hop_rounds
        left = right = None
        for q in held_l:  # swappable: not busy, and purified enough if elementary
            if not q.busy and (q.right - q.left > 1 or q.rounds >= rounds):
                if lo < 0 or q.left == lo:
                    left = q
                    break
        if left is None:
            return
        for q in held_r:
            if not q.busy and (q.right - q.left > 1 or q.rounds >= rounds):
                if hi < 0 or q.right == hi:
                    right = q
                    break
        if right is None:
            return
        self._swap(i, left, right)

    def _swap(self, i: int, a: Pair, b: Pair) -> None:
        node = self.nodes[i]
        ca, cb = self._state_now(a), self._state_now(b)
        self._unhold(a)
        self._unhold(b)
        del self.pairs[a.id]
        del self.pairs[b.id]
        a.alive = b.alive = False
        self.free_l[i] += 1
        self.free_r[i] += 1
        if self.uniform.bernoulli(node.swap_success):
            corr = ps.swap(ca, cb, node.gate_depolarizing, node.measurement_flip)
            new = self._new_pair(
                a.left, b.right, corr, min(a.born_ps, b.born_ps), a.elementary + b.elementary
            )
            new.outstanding = a.outstanding + b.outstanding + 2
            a.successor = b.successor = new
            self._send(i, new.left, SwapOutcome(new.id, True, Direction.LEFT), new)
            self._send(i, new.right, SwapOutcome(new.id, True, Direction.RIGHT), new)
            self._fill(i - 1)
            self._fill(i)
            if new.alive:
                self._advance(new)
        else:
            self.ledger.discard(DiscardReason.SWAP_FAILED, a.elementary + b.elementary)
            # each far end keeps its qubit until it hears of the failure
            self._send(i, a.left, SwapOutcome(a.id, False, Direction.LEFT), a)
            self._send(i, b.right, SwapOutcome(b.id, False, Direction.RIGHT), b)
            self._fill(i - 1)
            self._fill(i)

    def _receive(self, x: int, m: Message) -> None:
        if not self.running:
            return
        named = self.registry[m.pair_id]
        if isinstance(m, SwapOutcome) and m.success:
            live: Pair | None = named
            while live is not None and live.successor is not None:
                live = live.successor
            if live is not None and live.alive:
                end = live.left if m.towards is Direction.LEFT else live.right
                if end != x:  # this node swapped meanwhile: pass the outcome on
                    self._channel(x, end).send(m)
                    return
                live.outstanding -= 1
                if live.outstanding == 0 and not live.busy:
                    self._advance(live)
        elif isinstance(m, SwapOutcome):  # failure: free the qubit kept for the dead pair
            if m.towards is Direction.LEFT:
                self.free_r[x] += 1
                self._fill(x)
            else:
                self.free_l[x] += 1
                self._fill(x - 1)
        else:
            self._purified(named, m)
        named.refs -= 1
        if named.refs == 0:
            self.registry.pop(named.id, None)

    # ------------------------------------------------------------------ purification
    def _try_purify(self, p: Pair, pool: list[Pair]) -> None:
        """Find a partner for `p` on the same span and purify; else wait."""
        partner = None
        for q in pool:
            if q is p or q.busy or q.right != p.right or q.left != p.left or q.outstanding:
                continue
            if q.left == 0 and q.right == self.n:
                if q.rounds >= self.e2e_rounds:
                    continue
            elif q.rounds >= self.hop_rounds:
                continue
            if self.pumping:
                if p.rounds == 0 or q.rounds == 0:
                    partner = q
                    break
            elif q.rounds == p.rounds:
                partner = q
                break
        if partner is None:
            return
        keep, lose = (p, partner) if p.rounds >= partner.rounds else (partner, p)
        out, prob = purify(
            ps.to_bell(self._state_now(keep)),
            ps.to_bell(self._state_now(lose)),
            self.rules.protocol,
        )
        self._unhold(lose)
        del self.pairs[lose.id]
        if lose in self.ready:
            self.ready.remove(lose)
        lose.alive = False
        self._free_ends(lose)
        keep.busy = True
        keep.pending = lose.elementary
        success = self.uniform.bernoulli(prob)
        keep.corr = ps.from_bell(out) if success else keep.corr
        keep.t_ref_ps = self.kernel.now_ps
        self._send(keep.left, keep.right, PurificationOutcome(keep.id, success), keep)

    def _purified(self, p: Pair, m: PurificationOutcome) -> None:
        if not p.alive:
            return
        p.busy = False
        elem, p.pending = p.pending, 0
        if not m.success:
            self.ledger.discard(DiscardReason.PURIFICATION_FAILED, elem)
            self._drop(p, DiscardReason.PURIFICATION_FAILED)
            return
        p.elementary += elem
        p.rounds += 1
        if p.expired:
            self._drop(p, DiscardReason.CUTOFF)
            return
        self._advance(p)

    # ------------------------------------------------------------------ delivery
    def _end_to_end(self, p: Pair) -> None:
        if p.rounds < self.e2e_rounds:
            if p not in self.ready:
                self.ready.append(p)
            self._try_purify(p, self.ready)
            return
        if p in self.ready:
            self.ready.remove(p)
        corr = self._state_now(p)
        f = ps.fidelity(corr)
        if f < self.min_fidelity:
            self._drop(p, DiscardReason.BELOW_FIDELITY)
            return
        self._unhold(p)
        p.alive = False
        del self.pairs[p.id]
        self.ledger.deliver(p.elementary)
        now = self.kernel.now_ps
        self.delivered += 1
        self._free_ends(p)
        self.on_delivery(
            Delivery(
                self.adm.request_id, now, ps.coefficients(corr), f, now - p.born_ps, p.elementary
            )
        )

    def _expire(self, p: Pair) -> None:
        if not (self.running and p.alive and p.successor is None):
            return
        p.cutoff = None
        if p.busy:  # being purified: discard when the outcome arrives
            p.expired = True
            return
        self._drop(p, DiscardReason.CUTOFF)

    # ------------------------------------------------------------------ teardown
    def stored(self) -> int:
        """Link pairs held in this route's memories now (including those being purified)."""
        return sum(p.elementary + p.pending for p in self.pairs.values() if p.alive)

    def teardown(self, reason: DiscardReason) -> None:
        """Stop: discard every stored pair with `reason` and ignore all later events."""
        if not self.running:
            return
        for p in list(self.pairs.values()):
            if p.alive:
                self.ledger.discard(reason, p.elementary + p.pending)
                p.alive = False
                if p.cutoff is not None:
                    p.cutoff.cancel()
        self.pairs.clear()
        self.registry.clear()
        self.running = False
