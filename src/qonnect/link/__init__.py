"""Heralded entanglement generation per edge: schemes, attempt timing, multiplexing."""

from qonnect.link.model import HeraldedLink, LinkReport, Scheme, hashing_yield
from qonnect.link.montecarlo import LinkSimulation, expected_link, simulate_link
from qonnect.link.optimise import fidelity_peak, optimise_alpha
from qonnect.link.performance import LinkPerformance
from qonnect.link.schemes import double_click, midpoint_source, sender_receiver, single_click

__all__ = [
    "HeraldedLink",
    "LinkPerformance",
    "LinkReport",
    "LinkSimulation",
    "Scheme",
    "double_click",
    "expected_link",
    "fidelity_peak",
    "hashing_yield",
    "midpoint_source",
    "optimise_alpha",
    "sender_receiver",
    "simulate_link",
    "single_click",
]
