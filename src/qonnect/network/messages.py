"""Classical messages between the nodes of a route, one frozen dataclass per kind.

They carry protocol information only (which pair, which outcome, which way the message
travels); pair states and other ground truth stay in the simulator.

Examples:
    >>> SwapOutcome(pair_id=7, success=True, towards=Direction.LEFT)
    SwapOutcome(pair_id=7, success=True, towards=<Direction.LEFT: -1>)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Direction(IntEnum):
    """Which end of a route a message travels towards."""

    LEFT = -1
    RIGHT = 1


@dataclass(frozen=True, slots=True)
class SwapOutcome:
    """A repeater's Bell-measurement result for `pair_id`, sent towards one end of the pair.

    On success the end applies the Pauli correction; on failure it frees its qubit. A node
    that has swapped in the meantime forwards the message further the same way.
    """

    pair_id: int
    success: bool
    towards: Direction


@dataclass(frozen=True, slots=True)
class PurificationOutcome:
    """The other end's measurement result of a purification round on `pair_id`."""

    pair_id: int
    success: bool


Message = SwapOutcome | PurificationOutcome
