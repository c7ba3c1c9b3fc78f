"""The sweep plot: headline metrics against the first numeric grid parameter (PNG).

One panel per headline metric (rate on a log axis); one line per combination of the other
axes' values (at most `MAX_LINES`). Log-spaced axes get a log x axis.

Examples:
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> from qonnect.api.grid import parse_grid
    >>> from qonnect.api.scenario import scenario_from_data
    >>> from qonnect.api.sweep import run_sweep
    >>> out = Path(tempfile.mkdtemp())
    >>> r = run_sweep(scenario_from_data({"name": "x"}), [parse_grid("distance_km=5,10")],
    ...               out, workers=1)
    >>> plot_sweep(r, out / "sweep.png").stat().st_size > 0
    True
    >>> shutil.rmtree(out)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from qonnect.api.grid import Spacing
from qonnect.api.store import PointRecord
from qonnect.api.sweep import SweepResult

MAX_LINES = 8
"""More curves than this per panel are unreadable; the plot then shows the first 8."""

HEADLINE_METRICS = ("link.rate_hz", "link.fidelity_delivered", "link.p_success")
"""Metrics shown in the sweep table and plot when present."""


def headline_metrics(records: Sequence[PointRecord]) -> list[str]:
    """Headline metrics present in `records`, then per-request network rate and fidelity.

    Examples:
        >>> r = PointRecord(key="a" * 64, index=0, params={}, seed=1, wall_s=0.0,
        ...     metrics={"link.rate_hz": 1.0, "network.e2e.rate_hz": 2.0, "network.events": 9})
        >>> headline_metrics([r])
        ['link.rate_hz', 'network.e2e.rate_hz']
    """
    present: dict[str, None] = {}
    for r in records:
        for k in r.metrics:
            present.setdefault(k, None)
    out = [m for m in HEADLINE_METRICS if m in present]
    out += [
        k
        for k in present
        if k.startswith("network.") and k.endswith((".rate_hz", ".fidelity_mean"))
    ]
    return out


def _num(v: object) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v) if math.isfinite(v) else None


def plot_sweep(result: SweepResult, path: Path) -> Path | None:
    """Draw the sweep plot of a `SweepResult` to `path`; None when no axis is numeric or no
    headline metric is present."""
    axes, records = result.axes, result.records
    x_axis = next((a for a in axes if a.numeric), None)
    metrics = headline_metrics(records)[:3]
    if x_axis is None or not metrics:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    others = [a.path for a in axes if a is not x_axis]
    groups: dict[tuple[object, ...], list[PointRecord]] = {}
    for r in records:
        groups.setdefault(tuple(r.params.get(p) for p in others), []).append(r)
    fig, panels = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 3.4), squeeze=False)
    for ax, m in zip(panels[0], metrics, strict=True):
        for label, rs in list(groups.items())[:MAX_LINES]:
            pts = sorted(
                (x, y)
                for r in rs
                if (x := _num(r.params.get(x_axis.path))) is not None
                and (y := _num(r.metrics.get(m))) is not None
            )
            if not pts:
                continue
            name = ", ".join(f"{p}={v}" for p, v in zip(others, label, strict=True))
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", ms=3, label=name or None)
        if x_axis.spacing is Spacing.LOG:
            ax.set_xscale("log")
        if m.endswith("rate_hz") or m.endswith("p_success"):
            ys = [y for r in records if (y := _num(r.metrics.get(m))) is not None]
            if ys and min(ys) > 0:
                ax.set_yscale("log")
        ax.set_xlabel(x_axis.path)
        ax.set_ylabel(m)
        ax.grid(True, alpha=0.3)
        if others:
            ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
