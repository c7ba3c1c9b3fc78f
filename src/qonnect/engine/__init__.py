"""Discrete-event kernel: SimPy with integer picoseconds, classical channels with delay."""
