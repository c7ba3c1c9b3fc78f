"""`evaluate`: a scenario in, a flat dict of metrics out.

The point-to-point link in closed form (`link.*`), the network simulation when the scenario
has one (`network.*`), and the workload (`circuits.*`, `qec.*`) as those parts exist. Flat
keys make sweeps, the results store and `qonnect require` generic. Deterministic given the
scenario (its seed is inside).

Examples:
    >>> from qonnect.api.scenario import scenario_from_data
    >>> m = evaluate(scenario_from_data({"name": "x"}))
    >>> 0.0 < m["link.fidelity_delivered"] < m["link.fidelity"] <= 1.0
    True
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from qonnect.api.scenario import Scenario
from qonnect.link import LinkReport
from qonnect.network import NetworkSimulation
from qonnect.network.report import NetworkReport
from qonnect.network.spec import LinkSpec, NetworkSpec

Metrics = dict[str, float | int | str | None]

METRIC_ALIASES: dict[str, str] = {
    "fidelity": "link.fidelity_delivered",
    "rate": "link.rate_hz",
    "fidelity_herald": "link.fidelity",
    "p_success": "link.p_success",
}
"""Short metric names for `qonnect require --target`."""


def link_report(scenario: Scenario) -> LinkReport:
    """The closed-form report of the scenario's point-to-point QPU link."""
    return scenario.hardware.heralded_link(
        scenario.link.distance_km, arm_loss_db=scenario.link.arm_loss_db
    ).evaluate()


def link_metrics(report: LinkReport) -> Metrics:
    """`link.*` metrics of a link report."""
    keep = (
        "p_success",
        "p_cycle",
        "attempt_period_s",
        "rate_hz",
        "fidelity",
        "fidelity_delivered",
        "herald_wait_s",
        "false_click_probability",
        "plob_ebits_per_use",
        "ebits_per_use",
        "plob_ratio",
        "plob_rate_hz",
    )
    d = report.to_dict()
    return {f"link.{k}": d[k] for k in keep}


def network_spec_with_hardware(scenario: Scenario) -> NetworkSpec | None:
    """The scenario's network, every edge that describes no link of its own given the
    scenario's hardware (the network evaluates it over the edge's fibre, or over the whole hop
    when photons cross switches), and the scenario's seed."""
    spec = scenario.network
    if spec is None:
        return None
    default = LinkSpec()
    edges = tuple(
        e.model_copy(update={"hardware": scenario.hardware})
        if e.hardware is None and e.link == default
        else e
        for e in spec.edges
    )
    return spec.model_copy(update={"edges": edges, "seed": scenario.seed})


def network_metrics(report: NetworkReport) -> Metrics:
    """`network.*` metrics: per request delivered, rate, fidelity (with its standard error from
    the delivered pairs), latency, status; events; wall time."""
    out: Metrics = {
        "network.events": report.events,
        "network.simulated_s": report.simulated_s,
        "network.wall_s": report.wall_s,
    }
    fidelities: dict[str, list[float]] = {}
    table = report.deliveries
    for rid, f in zip(table.get("request_id", []), table.get("fidelity", []), strict=True):
        fidelities.setdefault(str(rid), []).append(float(f))
    for r in report.requests:
        d = dataclasses.asdict(r)
        for key in ("delivered", "rate_hz", "fidelity_mean", "latency_mean_s", "status"):
            if key in d:
                v = d[key]
                out[f"network.{r.id}.{key}"] = v.value if hasattr(v, "value") else v
        fs = fidelities.get(r.id, [])
        out[f"network.{r.id}.fidelity_stderr"] = (
            float(np.std(fs, ddof=1) / math.sqrt(len(fs))) if len(fs) > 1 else None
        )
    return out


def evaluate(scenario: Scenario) -> Metrics:
    """All metrics of `scenario` (see the module docstring)."""
    metrics: Metrics = {"scenario": scenario.name, "seed": scenario.seed}
    metrics.update(link_metrics(link_report(scenario)))
    spec = network_spec_with_hardware(scenario)
    if spec is not None:
        metrics.update(network_metrics(NetworkSimulation(spec).run()))
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in metrics.items()}


def metric_key(name: str) -> str:
    """Resolve a short metric alias to its full key."""
    return METRIC_ALIASES.get(name, name)


def describe(metrics: Metrics) -> dict[str, Any]:
    """Group flat metrics by their first key part (for JSON and reports)."""
    out: dict[str, Any] = {}
    for k, v in metrics.items():
        head, _, rest = k.partition(".")
        if rest:
            out.setdefault(head, {})[rest] = v
        else:
            out[k] = v
    return out
