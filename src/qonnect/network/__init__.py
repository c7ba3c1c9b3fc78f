"""Topology, routing, swapping, purification, cut-offs, requests, faults and the controller."""
