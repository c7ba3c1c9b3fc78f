"""Topology, routing, swapping, purification, cut-offs, requests, faults and the controller."""

from qonnect.network.analytics import (
    expected_max_geometric,
    four_link_nested_rounds,
    max_geometric_moments,
    two_link_cutoff_rounds,
    two_link_expected_decay,
    two_link_probabilistic_swap_rounds,
)
from qonnect.network.controller import Controller
from qonnect.network.decisions import (
    Admission,
    Deferral,
    LinkDown,
    LinkUp,
    NodeDown,
    NodeRule,
    NodeUp,
    Refusal,
    Route,
    RouteRules,
    Withdrawal,
    node_rules,
)
from qonnect.network.generators import (
    chain,
    fat_tree,
    from_graph,
    grid,
    leaf_spine,
    random_geometric,
    ring,
    star,
)
from qonnect.network.ledger import DiscardReason, PairLedger
from qonnect.network.link_model import HopModel, hop_model
from qonnect.network.report import LinkReport, NetworkReport, RequestReport, RequestStatus
from qonnect.network.scenario_file import load_scenario
from qonnect.network.scenarios import peer_chain
from qonnect.network.simulation import NetworkSimulation
from qonnect.network.spec import (
    EdgeSpec,
    FaultSpec,
    LinkSpec,
    NetworkSpec,
    NodeSpec,
    PolicySpec,
    PurificationSpec,
    RandomFaultSpec,
    RequestSpec,
)
from qonnect.network.topology import Topology

__all__ = [
    "Admission",
    "Controller",
    "Deferral",
    "DiscardReason",
    "EdgeSpec",
    "FaultSpec",
    "HopModel",
    "LinkDown",
    "LinkReport",
    "LinkSpec",
    "LinkUp",
    "NetworkReport",
    "NetworkSimulation",
    "NetworkSpec",
    "NodeDown",
    "NodeRule",
    "NodeSpec",
    "NodeUp",
    "PairLedger",
    "PolicySpec",
    "PurificationSpec",
    "RandomFaultSpec",
    "Refusal",
    "RequestReport",
    "RequestSpec",
    "RequestStatus",
    "Route",
    "RouteRules",
    "Topology",
    "Withdrawal",
    "chain",
    "expected_max_geometric",
    "fat_tree",
    "four_link_nested_rounds",
    "from_graph",
    "grid",
    "hop_model",
    "leaf_spine",
    "load_scenario",
    "max_geometric_moments",
    "node_rules",
    "peer_chain",
    "random_geometric",
    "ring",
    "star",
    "two_link_cutoff_rounds",
    "two_link_expected_decay",
    "two_link_probabilistic_swap_rounds",
]
