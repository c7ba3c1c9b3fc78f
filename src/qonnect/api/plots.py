"""The report's plots, each drawn from plain data that results.json keeps, so `qonnect report`
can redraw them: the topology with link rates and fidelities, rate and fidelity against
distance and against transducer efficiency with the PLOB bound, and execution timelines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qonnect.api.scenario import Scenario
from qonnect.dqc.protocol import BellStep, CorrectStep, GateStep, MeasureStep
from qonnect.dqc.schedule import Schedule


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def hardware_curves(scenarios: Sequence[tuple[str, Scenario]]) -> dict[str, Any]:
    """Rate and fidelity against distance and against transducer efficiency, per variant."""
    distances = np.geomspace(0.1, 200.0, 30)
    efficiencies = np.geomspace(1e-3, 1.0, 30)
    out: dict[str, Any] = {
        "distance_km": distances.tolist(),
        "efficiency": efficiencies.tolist(),
        "variants": {},
    }
    for name, s in scenarios:
        hw = s.hardware
        by_d = [
            hw.heralded_link(float(d), arm_loss_db=s.link.arm_loss_db).evaluate() for d in distances
        ]
        by_e = []
        for e in efficiencies:
            t = s.with_value("transducer.efficiency", float(e))
            by_e.append(
                t.hardware.heralded_link(
                    s.link.distance_km, arm_loss_db=s.link.arm_loss_db
                ).evaluate()
            )
        out["variants"][name] = {
            "rate_vs_distance": [r.rate_hz for r in by_d],
            "fidelity_vs_distance": [r.fidelity_delivered for r in by_d],
            "plob_vs_distance": [r.plob_rate_hz for r in by_d],
            "rate_vs_efficiency": [r.rate_hz for r in by_e],
            "fidelity_vs_efficiency": [r.fidelity_delivered for r in by_e],
            "plob_vs_efficiency": [r.plob_rate_hz for r in by_e],
            "distance_km": s.link.distance_km,
            "efficiency": hw.transducer.build().efficiency,
        }
    return out


def plot_hardware_curves(data: dict[str, Any], path: Path) -> Path:
    """Four panels: rate and fidelity against distance and against transducer efficiency."""
    plt = _pyplot()
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), constrained_layout=True)
    for k, (name, v) in enumerate(data["variants"].items()):
        c = f"C{k % 10}"
        for col, (x, key) in enumerate((("distance_km", "distance"), ("efficiency", "efficiency"))):
            xs = data[x]
            axes[0][col].loglog(xs, v[f"rate_vs_{key}"], color=c, label=f"{name}: heralded pairs/s")
            axes[0][col].loglog(
                xs, v[f"plob_vs_{key}"], color=c, ls=":", label=f"{name}: PLOB ebits/s"
            )
            axes[1][col].semilogx(xs, v[f"fidelity_vs_{key}"], color=c, label=name)
            mark = v["distance_km"] if key == "distance" else v["efficiency"]
            for row in (0, 1):
                axes[row][col].axvline(mark, color=c, lw=0.6, ls="--")
    axes[0][0].set_title("rate against distance")
    axes[0][1].set_title("rate against transducer efficiency (at the scenario's distance)")
    axes[1][0].set_title("fidelity once the qubits waited for the herald")
    axes[1][1].set_title("fidelity against transducer efficiency")
    for ax in axes[1]:
        ax.axhline(0.5, color="grey", lw=0.8)
        ax.set_ylabel("fidelity")
    for ax in axes[0]:
        ax.set_ylabel("per second")
    axes[1][0].set_xlabel("distance (km)")
    axes[1][1].set_xlabel("transducer efficiency")
    axes[0][0].legend(fontsize=7)
    axes[1][0].legend(fontsize=7)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def topology_data(scenario: Scenario, link_rows: dict[str, dict[str, float]]) -> dict[str, Any]:
    """Nodes, edges and the per-edge link figures for the topology plot."""
    net = scenario.network
    if net is None:
        return {
            "nodes": [["qpu-0", "qpu"], ["qpu-1", "qpu"]],
            "edges": [["qpu-0", "qpu-1", scenario.link.distance_km]],
            "labels": link_rows,
        }
    return {
        "nodes": [[n.id, n.kind.value] for n in net.nodes],
        "edges": [[e.a, e.b, e.length_km] for e in net.edges],
        "labels": link_rows,
    }


def plot_topology(data: dict[str, Any], path: Path, title: str) -> Path:
    """The network drawn with networkx: node kind by colour, edges labelled with length."""
    import networkx as nx

    plt = _pyplot()
    g = nx.Graph()
    colors = {"qpu": "#1f77b4", "repeater": "#2ca02c", "switch": "#ff7f0e", "source": "#9467bd"}
    for node, kind in data["nodes"]:
        g.add_node(node, kind=kind)
    for a, b, length in data["edges"]:
        g.add_edge(a, b, label=f"{length:g} km")
    fig, ax = plt.subplots(figsize=(7, 4.5), constrained_layout=True)
    pos = nx.spring_layout(g, seed=1) if len(g) > 2 else {n: (i, 0) for i, n in enumerate(g)}
    nx.draw_networkx(
        g,
        pos,
        ax=ax,
        node_color=[colors.get(g.nodes[n]["kind"], "#777") for n in g],
        node_size=700,
        font_size=8,
        font_color="white",
    )
    nx.draw_networkx_edge_labels(g, pos, nx.get_edge_attributes(g, "label"), ax=ax, font_size=7)
    lines = [
        f"{k}: {v['rate_hz']:.3g} pairs/s, F = {v['fidelity']:.3f}"
        for k, v in data["labels"].items()
    ]
    ax.set_title(title + ("\n" + "\n".join(lines) if lines else ""), fontsize=9)
    ax.set_axis_off()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def timeline_data(program_steps: Sequence[object], schedule: Schedule) -> dict[str, Any]:
    """Gantt rows: per QPU its gate, measurement and correction bars; per link its pairs."""
    bars: list[list[Any]] = []
    for st, t in zip(program_steps, schedule.steps, strict=True):
        match st:
            case GateStep(slots=slots, name=name):
                kind = "2q gate" if len(slots) == 2 else "1q gate"
                if name in ("rz", "p", "z", "s", "sdg", "t", "tdg"):
                    continue
                qpu = slots[0].qpu
            case MeasureStep(slot=slot):
                kind, qpu = "measure", slot.qpu
            case CorrectStep(slot=slot):
                kind, qpu = "correction", slot.qpu
            case BellStep():
                continue
            case _:
                continue
        bars.append([f"QPU {qpu}", kind, t.start_s, max(t.end_s - t.start_s, 0.0)])
    for p in schedule.pairs:
        row = f"link {p.qpus[0]}-{p.qpus[1]}"
        if p.used_s > p.ready_s:
            bars.append([row, "waiting for pair", p.ready_s, p.used_s - p.ready_s])
        if p.used_s > p.arrival_s:
            bars.append([row, "pair in memory", p.arrival_s, p.used_s - p.arrival_s])
        bars.append([row, "pair used", p.used_s, 0.0])
    return {"bars": bars, "makespan_s": schedule.makespan_s}


_KIND_COLOR = {
    "1q gate": "#9ecae1",
    "2q gate": "#3182bd",
    "measure": "#e6550d",
    "correction": "#fdae6b",
    "waiting for pair": "#d62728",
    "pair in memory": "#bcbd22",
    "pair used": "#2ca02c",
}


def plot_timeline(data: dict[str, Any], path: Path, title: str) -> Path:
    """A Gantt chart (microseconds) per QPU and per link.

    Nanosecond gates next to millisecond waits would be invisible: every bar is drawn at least
    0.4 % of the makespan wide (the data keep the true durations).
    """
    plt = _pyplot()
    min_width = 0.004 * max(float(data.get("makespan_s", 0.0)), 1e-12)
    rows = sorted({b[0] for b in data["bars"]}, key=lambda r: (r.startswith("link"), r))
    fig, ax = plt.subplots(figsize=(11, 1.0 + 0.5 * len(rows)), constrained_layout=True)
    seen: set[str] = set()
    for row, kind, t0, d in data["bars"]:
        y = rows.index(row)
        color = _KIND_COLOR.get(kind, "#777")
        label = None if kind in seen else kind
        seen.add(kind)
        if d > 0 or kind != "pair used":
            w = max(d, min_width)
            ax.barh(y, w * 1e6, left=t0 * 1e6, height=0.6, color=color, label=label)
        else:
            ax.plot([t0 * 1e6], [y], marker="|", ms=18, color=color, label=label)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlabel("time (us)")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
