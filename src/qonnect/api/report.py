"""Writing a run to a directory: results.json, Parquet tables, plots, and one self-contained
report.html; and rebuilding the report from the directory alone (`qonnect report DIR`)."""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from qonnect.api.plots import (
    hardware_curves,
    plot_hardware_curves,
    plot_timeline,
    plot_topology,
    topology_data,
)
from qonnect.api.report_html import Section, image_html, render_report, table_html
from qonnect.api.run import RunResult
from qonnect.core.errors import ConfigurationError

SUMMARY_COLUMNS = (
    ("variant", "variant"),
    ("link.rate_hz", "link pairs/s"),
    ("link.fidelity", "F herald"),
    ("link.fidelity_delivered", "F delivered"),
    ("link.plob_ratio", "ebits/PLOB"),
)
QEC_COLUMNS = (
    ("variant", "variant"),
    ("qec.seam_pair_fidelity", "seam pair F"),
    ("qec.logical_error_rate_per_round", "logical error/round"),
    ("qec.unsplit_logical_error_rate_per_round", "on one module"),
    ("qec.required_pair_rate_hz", "pairs/s needed"),
    ("qec.link_rate_hz", "pairs/s of the link"),
    ("qec.min_parallel_links", "links needed"),
)
CIRCUIT_COLUMNS = (
    ("variant", "variant"),
    ("label", "circuit"),
    ("qpus", "QPUs"),
    ("ebits", "ebits"),
    ("fidelity", "F distributed"),
    ("monolithic_fidelity", "F one QPU"),
    ("success_probability", "success"),
    ("monolithic_success_probability", "success one QPU"),
    ("makespan_s", "makespan s"),
    ("entanglement_wait_s", "waiting for pairs s"),
    ("pair_fidelity_mean", "pair F"),
    ("supply", "pairs from"),
    ("network_simulated_s", "network s"),
)


def _json_safe(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): _json_safe(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_json_safe(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def summary_rows(results: dict[str, Any]) -> list[list[Any]]:
    """One row per variant: the link's headline figures."""
    return [
        [v["name"]] + [v["metrics"].get(k) for k, _ in SUMMARY_COLUMNS[1:]]
        for v in results["variants"]
    ]


NETWORK_COLUMNS = ("variant", "request", "status", "delivered", "rate pairs/s", "fidelity")


def network_rows(results: dict[str, Any]) -> list[list[Any]]:
    """One row per (variant, request of the scenario's own network)."""
    rows = []
    for v in results["variants"]:
        m = v["metrics"]
        ids = sorted({k.split(".")[1] for k in m if k.startswith("network.") and k.count(".") >= 2})
        for rid in ids:
            rows.append(
                [v["name"], rid]
                + [
                    m.get(f"network.{rid}.{k}")
                    for k in ("status", "delivered", "rate_hz", "fidelity_mean")
                ]
            )
    return rows


def qec_rows(results: dict[str, Any]) -> list[list[Any]]:
    """One row per variant with a QEC workload."""
    return [
        [v["name"]] + [v["metrics"].get(k) for k, _ in QEC_COLUMNS[1:]]
        for v in results["variants"]
        if "qec.logical_error_rate" in v["metrics"]
    ]


def circuit_rows(results: dict[str, Any]) -> list[list[Any]]:
    """One row per (variant, circuit)."""
    rows = []
    for v in results["variants"]:
        for c in v["circuits"]:
            rows.append([v["name"]] + [c.get(k) for k, _ in CIRCUIT_COLUMNS[1:]])
    return rows


def write_run(result: RunResult, out: Path) -> Path:
    """Write everything about `result` to `out` and return the report's path."""
    out.mkdir(parents=True, exist_ok=True)
    data = result.to_dict()
    scenarios = [("base", result.scenario)] + [
        (name, result.scenario.variant(name)) for name in result.scenario.variants
    ]
    data["plots"] = {
        "hardware": hardware_curves(scenarios),
        "topology": topology_data(
            result.scenario,
            {
                v.name: {
                    "rate_hz": float(v.metrics["link.rate_hz"] or 0.0),
                    "fidelity": float(v.metrics["link.fidelity_delivered"] or 0.0),
                }
                for v in result.variants
            },
        ),
    }
    (out / "results.json").write_text(json.dumps(_json_safe(data), indent=1))
    _write_tables(data, out)
    return rebuild_report(out)


def _write_tables(data: dict[str, Any], out: Path) -> None:
    metrics = [{"variant": v["name"], **v["metrics"]} for v in data["variants"]]
    keys = sorted({k for m in metrics for k in m})
    pq.write_table(
        pa.table({k: [None if m.get(k) is None else str(m.get(k)) for m in metrics] for k in keys}),
        out / "metrics.parquet",
    )
    circuits = [
        {"variant": v["name"], **{k: c[k] for k in c if k != "timeline"}}
        for v in data["variants"]
        for c in v["circuits"]
    ]
    if circuits:
        pq.write_table(pa.Table.from_pylist(circuits), out / "circuits.parquet")


def rebuild_report(out: Path) -> Path:
    """(Re)draw the plots from results.json and write report.html; returns its path."""
    path = out / "results.json"
    try:
        data = json.loads(path.read_text())
    except OSError:
        raise ConfigurationError(f"{out}: no results.json here; run `qonnect run` first") from None
    except json.JSONDecodeError as e:
        raise ConfigurationError(f"{path}: not valid JSON ({e.msg} at line {e.lineno})") from None
    plots = data.get("plots", {})
    sections = [
        Section(
            "Summary",
            f"<p>{html.escape(data.get('description') or '')}</p>"
            + table_html([c for _, c in SUMMARY_COLUMNS], summary_rows(data)),
        )
    ]
    crows = circuit_rows(data)
    if crows:
        sections.append(
            Section(
                "Distributed circuits",
                table_html([c for _, c in CIRCUIT_COLUMNS], crows)
                + "<p>F distributed: state fidelity with the ideal output, with the heralded "
                "pairs, classical signalling over the fibre and every qubit's T1/T2 while it "
                "waits; F one QPU: the same circuit on one processor with the same local "
                "noise. Success: the probability of reading one of the ideal output's most "
                "likely strings (GHZ: all equal; Bernstein-Vazirani: the secret).</p>",
            )
        )
    nrows = network_rows(data)
    if nrows:
        sections.append(
            Section(
                "Network requests",
                table_html(NETWORK_COLUMNS, nrows)
                + "<p>The scenario's own entanglement requests, simulated on its network.</p>",
            )
        )
    qrows = qec_rows(data)
    if qrows:
        sections.append(
            Section(
                "A surface code split over two modules",
                table_html([c for _, c in QEC_COLUMNS], qrows)
                + "<p>Gates across the seam are telegates through the link's delivered pairs "
                "(stim + pymatching); the pair rate the seam needs is one pair per crossing "
                "gate per QEC cycle.</p>",
            )
        )
    if "topology" in plots:
        png = plot_topology(plots["topology"], out / "topology.png", data["scenario"])
        sections.append(Section("Topology", image_html(png, "topology")))
    if "hardware" in plots:
        png = plot_hardware_curves(plots["hardware"], out / "link_curves.png")
        sections.append(
            Section(
                "Rate and fidelity against distance and transducer efficiency",
                image_html(png, "rate and fidelity curves"),
            )
        )
    for v in data["variants"]:
        for c in v["circuits"]:
            name = f"timeline_{v['name']}_{c['label']}.png".replace("/", "_")
            png = plot_timeline(c["timeline"], out / name, f"{v['name']}: {c['label']}")
            sections.append(
                Section(f"Execution timeline: {v['name']}, {c['label']}", image_html(png, name))
            )
    report = out / "report.html"
    report.write_text(render_report(f"qonnect: {data['scenario']}", sections))
    return report
