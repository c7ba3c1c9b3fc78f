"""A teledata decision: a qubit visits another QPU for a stretch of the circuit."""

from __future__ import annotations

from dataclasses import dataclass

from qonnect.core.validate import check_non_negative


@dataclass(frozen=True, slots=True, order=True)
class Move:
    """Qubit `qubit` is teleported to QPU `qpu` before op `first_op` and back after `last_op`.

    When `last_op` is the circuit's last op the qubit stays (one Bell pair instead of two).
    While visiting, it occupies a communication qubit of `qpu`.

    Examples:
        >>> Move(qubit=2, qpu=1, first_op=4, last_op=9)
        Move(qubit=2, qpu=1, first_op=4, last_op=9)
    """

    qubit: int
    qpu: int
    first_op: int
    last_op: int

    def __post_init__(self) -> None:
        check_non_negative("Move.qubit", self.qubit)
        check_non_negative("Move.qpu", self.qpu)
        check_non_negative("Move.first_op", self.first_op)
        if self.last_op < self.first_op:
            raise ValueError(f"Move: not (first_op={self.first_op} <= last_op={self.last_op})")
