"""Distributed quantum circuits: partitioning, remote gates, scheduling, execution."""
