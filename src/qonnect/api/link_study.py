"""The link study: today's transducers against the 2030 target, both heralding schemes, for two
Heron-class QPUs a given distance apart; a table, a plot against distance with the PLOB line,
and the numbers as JSON.

Examples:
    >>> rows = link_study_rows(distance_km=10.0)
    >>> sorted({r["scheme"] for r in rows})
    ['double-click', 'single-click']
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np

from qonnect.core.errors import InfeasibleError
from qonnect.link import HeraldedLink, LinkReport, Scheme, fidelity_peak
from qonnect.physics import (
    get_detector,
    get_fiber,
    get_qubit,
    get_transducer,
)


@dataclasses.dataclass(frozen=True, slots=True)
class Hardware:
    """One hardware generation of the study."""

    label: str
    qubit: str
    transducer: str
    detector: str
    fiber: str = "smf28"


TODAY = (
    Hardware("today: EO 2022", "heron-r3", "eo-2022", "snspd"),
    Hardware("today: piezo 2024", "heron-r3", "piezo-2024", "snspd"),
    Hardware("today: CW EOM 2022", "heron-r3", "cw-eom-2022", "snspd"),
)
TARGET = (
    Hardware("2030 transducer, Heron r3", "heron-r3", "target-2030", "snspd-2030"),
    Hardware("2030 target", "target-2030", "target-2030", "snspd-2030"),
)
GENERATIONS = TODAY + TARGET


def build_link(hw: Hardware, scheme: Scheme, distance_km: float, modes: int = 1) -> HeraldedLink:
    """The `HeraldedLink` of one hardware generation and scheme."""
    return HeraldedLink(
        transducer=get_transducer(hw.transducer),
        detector=get_detector(hw.detector),
        fiber=get_fiber(hw.fiber, length_km=distance_km),
        scheme=scheme,
        qubit=get_qubit(hw.qubit),
        modes=modes,
    )


def best_fidelity_link(link: HeraldedLink) -> HeraldedLink:
    """Single-click at its fidelity-optimal alpha; other schemes unchanged."""
    if link.scheme is not Scheme.SINGLE_CLICK:
        return link
    alpha, _ = fidelity_peak(link)
    return link.replace(alpha=alpha)


def _row(hw: Hardware, link: HeraldedLink, r: LinkReport) -> dict[str, Any]:
    return {
        "hardware": hw.label,
        "qubit": hw.qubit,
        "transducer": hw.transducer,
        "scheme": r.scheme.value,
        "alpha": link.alpha if r.scheme is Scheme.SINGLE_CLICK else None,
        **r.to_dict(),
    }


def link_study_rows(distance_km: float = 10.0) -> list[dict[str, Any]]:
    """One row per (hardware generation, scheme) at `distance_km`, single-click at best F."""
    rows = []
    for hw in GENERATIONS:
        for scheme in (Scheme.SINGLE_CLICK, Scheme.DOUBLE_CLICK):
            link = best_fidelity_link(build_link(hw, scheme, distance_km))
            rows.append(_row(hw, link, link.evaluate()))
    return rows


def distance_sweep(
    distances_km: np.ndarray, hardware: tuple[Hardware, ...] = (TODAY[0], *TARGET)
) -> dict[str, dict[str, Any]]:
    """Rate and delivered fidelity against distance for each (hardware, scheme)."""
    out: dict[str, dict[str, Any]] = {}
    for hw in hardware:
        for scheme in (Scheme.SINGLE_CLICK, Scheme.DOUBLE_CLICK):
            rates, fids, plob = [], [], []
            for d in distances_km:
                link = best_fidelity_link(build_link(hw, scheme, float(d)))
                r = link.evaluate()
                rates.append(r.rate_hz)
                fids.append(r.fidelity_delivered)
                plob.append(r.plob_rate_hz)
            out[f"{hw.label} / {scheme.value}"] = {
                "hardware": hw.label,
                "scheme": scheme.value,
                "distance_km": [float(d) for d in distances_km],
                "rate_hz": rates,
                "fidelity": fids,
                "plob_rate_hz": plob,
            }
    return out


def plot_distance_sweep(sweep: dict[str, dict[str, Any]], path: Path) -> Path:
    """Rate (with the channel's PLOB rate, dotted) and fidelity against distance, as PNG.

    Colour is the hardware generation, line style the scheme.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_r, ax_f) = plt.subplots(1, 2, figsize=(12, 4.5), constrained_layout=True)
    colors: dict[str, str] = {}
    styles = {"single-click": "-", "double-click": "--"}
    for data in sweep.values():
        hw = data["hardware"]
        first = hw not in colors
        color = colors.setdefault(hw, f"C{len(colors)}")
        style = styles.get(data["scheme"], "-")
        label = f"{hw}, {data['scheme']}"
        ax_r.loglog(data["distance_km"], data["rate_hz"], color=color, ls=style, label=label)
        if first:
            ax_r.loglog(
                data["distance_km"],
                data["plob_rate_hz"],
                color=color,
                ls=":",
                lw=1.2,
                label=f"{hw}, PLOB bound",
            )
        ax_f.semilogx(data["distance_km"], data["fidelity"], color=color, ls=style, label=label)
    ax_r.set_xlabel("distance (km)")
    ax_r.set_ylabel("pairs per second (PLOB: ebits per second)")
    ax_r.set_title("heralded rate against the PLOB bound of the same channel")
    ax_r.legend(fontsize=7, loc="lower left")
    ax_f.set_xlabel("distance (km)")
    ax_f.set_ylabel("fidelity once the qubits waited for the herald")
    ax_f.axhline(0.5, color="grey", lw=0.8)
    ax_f.set_title("fidelity (single-click at its best alpha)")
    ax_f.legend(fontsize=7, loc="lower left")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def required_added_noise(target_fidelity: float, distance_km: float = 10.0) -> float:
    """Largest N_add with which double-click on the 2030 hardware still reaches the target at
    the herald (bisection; the fidelity falls monotonically with N_add)."""
    hw = TARGET[-1]
    base = build_link(hw, Scheme.DOUBLE_CLICK, distance_km)

    def fid(n: float) -> float:
        t = dataclasses.replace(base.transducer, added_noise=n)
        return base.replace(transducer=t).evaluate().fidelity

    lo, hi = 0.0, 1.0
    if fid(lo) < target_fidelity:
        raise InfeasibleError(f"fidelity {target_fidelity} not reached even with N_add = 0")
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if fid(mid) >= target_fidelity else (lo, mid)
    return lo
