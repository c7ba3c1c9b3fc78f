"""Scenarios, experiments, sweeps, results store and reports."""
