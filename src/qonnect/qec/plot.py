"""Plot a threshold sweep: logical error per round against the swept error, one curve per d.

Examples:
    >>> import tempfile, pathlib
    >>> from qonnect.qec.estimate import LogicalErrorEstimate as E
    >>> from qonnect.qec.memory import Basis
    >>> from qonnect.qec.threshold import SweepParameter, SweepPoint, ThresholdSweep
    >>> sw = ThresholdSweep(SweepParameter.P_SEAM, Basis.Z, 2, 1e-3, None,
    ...     (SweepPoint(3, 0.05, E(1000, 30, 3)), SweepPoint(3, 0.1, E(1000, 90, 3))))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.png"
    >>> plot_sweep(sw, out) == out and out.stat().st_size > 0
    True
"""

from __future__ import annotations

from pathlib import Path

from qonnect.qec.threshold import ThresholdSweep


def plot_sweep(sweep: ThresholdSweep, path: str | Path) -> Path:
    """Save a log-log plot of per-round logical error vs the swept error (95 % bars).

    Args:
        sweep: a finished sweep.
        path: output file; the suffix picks the format (png, pdf, svg).

    Returns:
        The path written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(6.0, 4.5))
    for d in sweep.distances:
        pts = [p for p in sweep.curve(d) if p.estimate.shots > 0]
        xs = [p.value for p in pts]
        ys = [p.estimate.logical_error_rate_per_round for p in pts]
        lo = [y - p.estimate.ci95_per_round[0] for p, y in zip(pts, ys, strict=True)]
        hi = [p.estimate.ci95_per_round[1] - y for p, y in zip(pts, ys, strict=True)]
        ax.errorbar(xs, ys, yerr=[lo, hi], marker="o", ms=3, capsize=2, label=f"d = {d}")
    if sweep.threshold is not None:
        ax.axvline(sweep.threshold, color="grey", ls="--", lw=1)
        ax.text(sweep.threshold, ax.get_ylim()[0], f" {sweep.threshold:.3g}", color="grey")
    ax.set_xscale("log")
    ax.set_yscale("log")
    name = sweep.parameter.value
    if sweep.fixed_p_bulk is not None:
        fixed = f"p_bulk = {sweep.fixed_p_bulk:g}"
    elif sweep.fixed_p_seam is not None:
        fixed = f"p_seam = {sweep.fixed_p_seam:g}"
    else:
        fixed = "p_seam = p_bulk"
    ax.set_xlabel(name)
    ax.set_ylabel("logical error per round")
    ax.set_title(
        f"rotated surface code, {sweep.basis.value.upper()} memory, "
        f"{sweep.modules} module(s), {fixed}"
    )
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out
