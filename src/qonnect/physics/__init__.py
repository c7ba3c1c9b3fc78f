"""Frozen, validated physical parameters, pure formulas and named presets."""
