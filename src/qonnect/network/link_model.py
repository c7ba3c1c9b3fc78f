"""`HopModel`: what one hop of a route (two memory nodes, maybe switches between) generates.

A hop is heralded at a midpoint station: the middle of a single fibre edge, or the switch or
source the photons meet at when the hop crosses transit nodes. From the edges' `LinkSpec`
(direct numbers or a per-arm efficiency chain) this gives the `LinkPerformance` the network
consumes: success probability per mode and attempt, attempt period, heralded state, modes;
plus the classical delay between the hop's ends and the hop's transmissivity (for PLOB).

Attempt period, when not given: rounds_per_attempt / excitation_rate_hz + the herald's round
trip, 2 * (longest arm) / v_g (physics.md section 4.3, meet in the middle).

Examples:
    >>> from qonnect.network.spec import NetworkSpec
    >>> from qonnect.network.topology import Topology
    >>> t = Topology.from_spec(NetworkSpec.model_validate({
    ...     "nodes": [{"id": "a"}, {"id": "b"}],
    ...     "edges": [{"a": "a", "b": "b", "length_km": 10, "group_index": 1.49896229,
    ...                "link": {"efficiencies": [0.75, 0.8], "excitation_rate_hz": 2000,
    ...                         "rounds_per_attempt": 2, "fidelity": 0.9349}}]}))
    >>> h = hop_model(t, ("a", "b"))
    >>> round(h.performance.p_success, 6), round(h.performance.attempt_period_s, 9)
    (0.113572, 0.00105)
    >>> h.delay_ps, round(h.fidelity, 4)
    (50000000, 0.9349)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from qonnect.core.errors import ConfigurationError
from qonnect.core.units import SPEED_OF_LIGHT_M_PER_S, db_to_transmissivity, seconds_to_ps
from qonnect.link import LinkPerformance
from qonnect.network.pair_state import Corr, fidelity, from_bell
from qonnect.network.spec import EdgeSpec, LinkSpec, NodeKind, Scheme
from qonnect.network.topology import Topology
from qonnect.states import BellDiagonal


@dataclass(frozen=True, slots=True)
class HopModel:
    """One hop: heralded-link performance, timing and loss between two memory nodes.

    Attributes:
        nodes: the hop's nodes, memory node first and last, transit nodes between.
        edge_keys: the edges it uses, in order.
        performance: per-mode success probability, attempt period, heralded state, modes.
        p_cycle: probability that an attempt heralds in at least one mode.
        attempt_period_ps: attempt period in integer picoseconds.
        state: the heralded pair's correlations.
        delay_ps: one-way classical delay between the two ends.
        length_km: fibre length end to end.
        transmissivity: end-to-end transmissivity of the fibre and switches.
        setup_ps: switch reconfiguration time before the first attempt.
    """

    nodes: tuple[str, ...]
    edge_keys: tuple[str, ...]
    performance: LinkPerformance
    p_cycle: float
    attempt_period_ps: int
    state: Corr
    delay_ps: int
    length_km: float
    transmissivity: float
    setup_ps: int

    @property
    def fidelity(self) -> float:
        """Fidelity of a freshly heralded pair."""
        return fidelity(self.state)

    @property
    def rate_hz(self) -> float:
        """Heralded pairs per second of one generator (one memory pair)."""
        return self.p_cycle / (self.attempt_period_ps * 1e-12)


def _velocity(e: EdgeSpec) -> float:
    return SPEED_OF_LIGHT_M_PER_S / e.group_index


def _edge_eta(e: EdgeSpec, length_km: float) -> float:
    return db_to_transmissivity(e.loss_db_per_km * length_km)


def _hardware_performance(
    e: EdgeSpec, length_km: float, arm_loss_db: float = 0.0
) -> LinkPerformance:
    """The hardware of edge `e` (the hop's first) over `length_km` of the edge's fibre type."""
    hw = e.hardware
    if hw is None:  # NOTE: the caller checks; this keeps mypy's narrowing local
        raise ConfigurationError(f"edge {e.key}: no hardware given")
    try:
        link = hw.heralded_link(
            length_km,
            arm_loss_db=arm_loss_db,
            loss_db_per_km=e.loss_db_per_km,
            group_index=e.group_index,
        )
        return link.evaluate().performance
    except ValueError as exc:
        raise ConfigurationError(f"edge {e.key}: hardware: {exc}") from None


def _state(link: LinkSpec, scheme_fidelity: float) -> BellDiagonal:
    if link.state is not None:
        return BellDiagonal.from_coefficients(link.state)
    if link.fidelity is not None:
        return BellDiagonal.werner(link.fidelity)
    return BellDiagonal.werner(scheme_fidelity)


def _chain_probability(link: LinkSpec, eta_a: float, eta_b: float) -> tuple[float, float]:
    """(p_success, fidelity) of an efficiency-chain link, no false clicks (eqs. 4.1, 4.2)."""
    if link.scheme is Scheme.BARRETT_KOK:
        return 0.5 * eta_a * eta_b, 1.0
    alpha = link.bright_state_population
    eta = math.sqrt(eta_a * eta_b)
    p = 1.0 - (1.0 - alpha * eta) ** 2
    f = (1.0 - alpha) / (1.0 - alpha * eta / 2.0) if p > 0 else 0.0
    return p, f


def hop_model(topology: Topology, nodes: Sequence[str]) -> HopModel:
    """The `HopModel` of the hop through `nodes` (memory node, transit nodes..., memory node).

    Raises:
        ConfigurationError: naming the edge if its link cannot be evaluated.
    """
    path = tuple(nodes)
    edges = [topology.edge(u, v) for u, v in itertools.pairwise(path)]
    keys = tuple(e.key for e in edges)
    lengths = [e.length_km for e in edges]
    length = float(sum(lengths))
    delay_s = sum(e.length_km * 1e3 / _velocity(e) for e in edges)
    eta_fibre = math.prod(_edge_eta(e, e.length_km) for e in edges)
    transits = [topology.node(n) for n in path[1:-1]]
    switch_eta = math.prod(
        db_to_transmissivity(n.switch.insertion_loss_db)
        for n in transits
        if n.kind is NodeKind.SWITCH
    )
    setup_s = max((n.switch.reconfiguration_s for n in transits), default=0.0)
    first, last = edges[0], edges[-1]
    link = first.link

    if len(edges) == 1 and first.hardware is not None:
        perf = _hardware_performance(first, length)
        period_s = perf.attempt_period_s
    elif first.hardware is not None:
        # NOTE: a hop through switches with hardware: the heralding station sits at the middle
        # transit node, taken at the middle of the hop's fibre (HeraldedLink's symmetric arms);
        # each photon crosses the switches on its side, whose insertion loss (averaged over
        # the two arms, in dB) is the link's extra loss per arm.
        station = len(path) // 2
        mid = station - 1
        sw_db = [n.switch.insertion_loss_db if n.kind is NodeKind.SWITCH else 0.0 for n in transits]
        arm_loss_db = 0.5 * (sum(sw_db[: mid + 1]) + sum(sw_db[mid:]))
        perf = _hardware_performance(first, length, arm_loss_db)
        period_s = perf.attempt_period_s
    elif len(edges) == 1:
        arm = length / 2.0
        eta_arm = _edge_eta(first, arm)
        if link.p_success is not None:
            p, f_scheme = link.p_success, 1.0
        elif link.efficiencies:
            chain = math.prod(link.efficiencies)
            p, f_scheme = _chain_probability(link, chain * eta_arm, chain * eta_arm)
        else:
            raise ConfigurationError(
                f"edge {first.key}: link needs p_success, efficiencies or hardware"
            )
        period_s = link.attempt_period_s or (
            link.rounds_per_attempt / link.excitation_rate_hz + 2.0 * arm * 1e3 / _velocity(first)
        )
        perf = LinkPerformance(p, period_s, _state(link, f_scheme), link.modes)
    else:
        # NOTE: photons meet at the middle transit node; each arm crosses its own fibres and
        # switches, and the station node's loss once.
        for e in edges:
            if not e.link.efficiencies and e.link.p_success is None:
                raise ConfigurationError(
                    f"edge {e.key}: a hop through a switch or source needs link.efficiencies"
                )
        station = len(path) // 2
        arm_a_len = float(sum(lengths[:station]))
        arm_b_len = float(sum(lengths[station:]))
        eta_a = math.prod(_edge_eta(e, e.length_km) for e in edges[:station])
        eta_b = math.prod(_edge_eta(e, e.length_km) for e in edges[station:])
        sw_eta = [
            db_to_transmissivity(n.switch.insertion_loss_db) if n.kind is NodeKind.SWITCH else 1.0
            for n in transits
        ]
        mid = station - 1  # index of the station within transits
        eta_a *= math.prod(sw_eta[: mid + 1])
        eta_b *= math.prod(sw_eta[mid:])
        eta_a *= math.prod(first.link.efficiencies)
        eta_b *= math.prod(last.link.efficiencies)
        station_node = transits[mid]
        v = _velocity(first)
        if station_node.kind is NodeKind.SOURCE:
            p = station_node.source.pair_probability * eta_a * eta_b
            f_scheme = 1.0
            period_s = link.attempt_period_s or (
                1.0 / station_node.source.repetition_rate_hz + delay_s
            )
        else:
            p, f_scheme = _chain_probability(link, eta_a, eta_b)
            period_s = link.attempt_period_s or (
                link.rounds_per_attempt / link.excitation_rate_hz
                + 2.0 * max(arm_a_len, arm_b_len) * 1e3 / v
            )
        perf = LinkPerformance(min(p, 1.0), period_s, _state(link, f_scheme), link.modes)
    period_ps = max(seconds_to_ps(period_s), 1)
    return HopModel(
        nodes=path,
        edge_keys=keys,
        performance=perf,
        p_cycle=perf.p_cycle,
        attempt_period_ps=period_ps,
        state=from_bell(perf.state),
        delay_ps=seconds_to_ps(delay_s),
        length_km=length,
        transmissivity=eta_fibre * switch_eta,
        setup_ps=seconds_to_ps(setup_s),
    )
