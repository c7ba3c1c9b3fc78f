"""Discrete-event kernel: SimPy with integer picoseconds, classical channels with delay."""

from qonnect.engine.channel import ClassicalChannel
from qonnect.engine.geometric import GeometricClock
from qonnect.engine.kernel import Kernel, Priority, Timer
from qonnect.engine.uniform import UniformDraws

__all__ = ["ClassicalChannel", "GeometricClock", "Kernel", "Priority", "Timer", "UniformDraws"]
