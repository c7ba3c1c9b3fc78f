"""Entangled pair states: the Bell-diagonal fast path and the density-matrix exact path."""

from qonnect.states.bell_diagonal import BELL_NAMES, BELL_VECTORS, BellDiagonal

__all__ = ["BELL_NAMES", "BELL_VECTORS", "BellDiagonal"]
