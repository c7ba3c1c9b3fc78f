"""Heralded entanglement generation per edge: schemes, attempt timing, multiplexing."""

from qonnect.link.performance import LinkPerformance

__all__ = ["LinkPerformance"]
