"""`qonnect qec`: surface-code memories split over modules; thresholds; the link budget.

qonnect qec --distance 5 --p-bulk 1e-3 --p-seam 0.05 --modules 2 --json
qonnect qec threshold --sweep p-seam --p-bulk 1e-3 --distances 3,5,7 --out seam.png
qonnect qec budget --distance 5 --p-success 1e-3 --attempt-period 1e-6 --fidelity 0.99
"""

from __future__ import annotations

import enum
import math
from pathlib import Path
from typing import Any

import numpy as np
import typer

from qonnect.cli.output import console, emit_json, table
from qonnect.core.errors import ConfigurationError
from qonnect.core.streams import RandomStreams
from qonnect.link.model import HeraldedLink, Scheme
from qonnect.link.performance import LinkPerformance
from qonnect.physics.presets import get_detector, get_fiber, get_qubit, get_transducer
from qonnect.qec import (
    Basis,
    DepolarizingSeam,
    MemoryExperiment,
    NoiseModel,
    SamplingBudget,
    SeamModel,
    SweepParameter,
    TelegateSeam,
    estimate,
    link_budget,
    plot_sweep,
    run_sweep,
)
from qonnect.states.bell_diagonal import BellDiagonal

_DEFAULT_SHOTS = 100_000
_DEFAULT_ERRORS = 1_000
_SHOT_CAP = 10_000_000
_DEFAULT_SEAM_VALUES = "0.05,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45"
_DEFAULT_BULK_VALUES = "0.003,0.004,0.005,0.006,0.007,0.008,0.01,0.012"


class SweepName(enum.Enum):
    """The `--sweep` choices."""

    P_SEAM = "p-seam"
    P_BULK = "p-bulk"


def _budget(
    shots: int | None, max_errors: int | None, default_errors: int = _DEFAULT_ERRORS
) -> SamplingBudget:
    if shots is None and max_errors is None:
        return SamplingBudget(_DEFAULT_SHOTS, default_errors)
    if shots is None:
        return SamplingBudget(_SHOT_CAP, max_errors)
    return SamplingBudget(shots, max_errors)


def _rng(seed: int | None) -> np.random.Generator | None:
    return None if seed is None else RandomStreams(seed).generator("qec:sampling")


def _floats(option: str, text: str) -> list[float]:
    try:
        values = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise ConfigurationError(
            f"{option}: expected comma-separated numbers, got {text!r}"
        ) from None
    if not values:
        raise ConfigurationError(f"{option}: no values in {text!r}")
    return values


def _ints(option: str, text: str) -> list[int]:
    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise ConfigurationError(
            f"{option}: expected comma-separated integers, got {text!r}"
        ) from None
    if not values:
        raise ConfigurationError(f"{option}: no values in {text!r}")
    return values


def _noise(p_bulk: float | None, qubit: str | None, cycle_time_s: float | None) -> NoiseModel:
    if qubit is not None:
        if p_bulk is not None:
            raise ConfigurationError("--p-bulk and --qubit: give one of them, not both")
        return NoiseModel.from_qubit(get_qubit(qubit), cycle_time_s)
    return NoiseModel.uniform(1e-3 if p_bulk is None else p_bulk)


def _seam(
    p_seam: float | None,
    pair: BellDiagonal | None,
    storage_time_s: float,
    memory_t1_s: float,
    memory_t2_s: float,
) -> SeamModel | None:
    if p_seam is not None and pair is not None:
        raise ConfigurationError(
            "--p-seam and --pair-fidelity/--link-transducer: give one seam model, not both"
        )
    if pair is not None:
        return TelegateSeam(pair, storage_time_s, memory_t1_s, memory_t2_s)
    return None if p_seam is None else DepolarizingSeam(p_seam)


def _hardware_link(
    scheme: Scheme,
    distance_km: float,
    transducer: str,
    detector: str,
    fiber: str,
    qubit: str | None,
    modes: int,
) -> tuple[LinkPerformance, dict[str, Any]]:
    """Evaluate a `HeraldedLink` built from presets; its performance and a description."""
    hw = HeraldedLink(
        transducer=get_transducer(transducer),
        detector=get_detector(detector),
        fiber=get_fiber(fiber, length_km=distance_km),
        scheme=scheme,
        qubit=None if qubit is None else get_qubit(qubit),
        modes=modes,
    )
    description = {
        "scheme": scheme.value,
        "distance_km": distance_km,
        "transducer": transducer,
        "detector": detector,
        "fiber": fiber,
        "qubit": qubit,
    }
    return hw.evaluate().performance, description


def register(app: typer.Typer) -> None:
    """Add `qonnect qec` (with `threshold` and `budget`) to `app`."""
    qec_app = typer.Typer(
        help="Surface-code memories split over modules: logical error, thresholds, link budget."
    )
    app.add_typer(qec_app, name="qec")

    @qec_app.callback(invoke_without_command=True)
    def qec(
        ctx: typer.Context,
        distance: int = typer.Option(3, "--distance", "-d", help="Code distance d."),
        rounds: int | None = typer.Option(None, "--rounds", "-r", help="Rounds (default d)."),
        p_bulk: float | None = typer.Option(
            None, "--p-bulk", help="Uniform circuit-level error (default 1e-3)."
        ),
        qubit: str | None = typer.Option(
            None, "--qubit", help="Qubit preset for the bulk noise (e.g. heron-r3)."
        ),
        cycle_time_s: float | None = typer.Option(
            None, "--cycle-time", help="QEC cycle (s) for --qubit (default: shortest)."
        ),
        p_seam: float | None = typer.Option(
            None, "--p-seam", help="DEPOLARIZE2 of crossing gates (default: as the bulk)."
        ),
        pair_fidelity: float | None = typer.Option(
            None, "--pair-fidelity", help="Telegate seam with a Werner pair of this fidelity."
        ),
        link_transducer: str | None = typer.Option(
            None,
            "--link-transducer",
            help="Telegate seam with the pair a hardware link delivers (transducer preset).",
        ),
        link_detector: str = typer.Option("snspd-2030", "--link-detector", help="Link detector."),
        link_fiber: str = typer.Option("smf28", "--link-fiber", help="Link fibre preset."),
        link_distance_km: float = typer.Option(
            0.1, "--link-distance-km", help="Link length L (km)."
        ),
        link_scheme: Scheme = typer.Option(
            Scheme.DOUBLE_CLICK, "--link-scheme", help="Link heralding scheme."
        ),
        storage_time_s: float = typer.Option(
            0.0, "--storage-time", help="Time the pair waits for its gate (s)."
        ),
        memory_t1_s: float = typer.Option(math.inf, "--memory-t1", help="Pair memory T1 (s)."),
        memory_t2_s: float = typer.Option(math.inf, "--memory-t2", help="Pair memory T2 (s)."),
        modules: int = typer.Option(2, "--modules", "-m", help="Modules (vertical cuts + 1)."),
        basis: Basis = typer.Option(Basis.Z, "--basis", help="Memory basis."),
        shots: int | None = typer.Option(None, "--shots", help="Stop after N shots."),
        max_errors: int | None = typer.Option(None, "--max-errors", help="Stop after E errors."),
        seed: int | None = typer.Option(
            None, "--seed", help="Reproducible run (one process) from this seed."
        ),
        workers: int | None = typer.Option(None, "--workers", help="sinter workers (default all)."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Logical error rate of a rotated surface-code memory split into modules."""
        if ctx.invoked_subcommand is not None:
            return
        if pair_fidelity is not None and link_transducer is not None:
            raise ConfigurationError("--pair-fidelity and --link-transducer: give one, not both")
        pair = None if pair_fidelity is None else BellDiagonal.werner(pair_fidelity)
        link_info: dict[str, Any] | None = None
        if link_transducer is not None:
            perf, link_info = _hardware_link(
                link_scheme,
                link_distance_km,
                link_transducer,
                link_detector,
                link_fiber,
                qubit,
                1,
            )
            pair = perf.state
            link_info["pair"] = list(pair.coefficients)
        exp = MemoryExperiment(
            distance=distance,
            rounds=distance if rounds is None else rounds,
            basis=basis,
            noise=_noise(p_bulk, qubit, cycle_time_s),
            modules=modules,
            seam=_seam(p_seam, pair, storage_time_s, memory_t1_s, memory_t2_s),
        )
        est = estimate(
            exp.circuit(),
            exp.rounds,
            _budget(shots, max_errors),
            rng=_rng(seed),
            num_workers=workers,
        )
        data: dict[str, Any] = {
            **est.as_dict(),
            "distance": exp.distance,
            "basis": exp.basis.value,
            "modules": exp.modules,
            "crossing_gates_per_round": exp.crossing_gates_per_round,
            "p_bulk": None if qubit is not None else exp.noise.p_2q,
            "qubit": qubit,
            "p_seam": p_seam,
            "pair_fidelity": None if pair is None else pair.fidelity,
            "link": link_info,
            "seed": seed,
        }
        if json_out:
            emit_json(data)
            return
        rows = [(k, v) for k, v in data.items() if not isinstance(v, (list, dict))]
        rows.append(("ci95", f"[{est.ci95[0]:.3e}, {est.ci95[1]:.3e}]"))
        console.print(table("qonnect qec", ["quantity", "value"], rows))

    @qec_app.command("threshold")
    def threshold(
        sweep: SweepName = typer.Option(SweepName.P_SEAM, "--sweep", help="What to vary."),
        values: str | None = typer.Option(
            None, "--values", help="Comma-separated swept probabilities."
        ),
        distances: str = typer.Option("3,5,7", "--distances", help="Comma-separated d."),
        p_bulk: float = typer.Option(1e-3, "--p-bulk", help="Fixed bulk error (p-seam sweep)."),
        p_seam: float | None = typer.Option(
            None, "--p-seam", help="Fixed seam error (p-bulk sweep; default: as the bulk)."
        ),
        modules: int = typer.Option(2, "--modules", "-m", help="Modules."),
        basis: Basis = typer.Option(Basis.Z, "--basis", help="Memory basis."),
        rounds: int | None = typer.Option(None, "--rounds", help="Rounds (default d)."),
        shots: int | None = typer.Option(None, "--shots", help="Max shots per point."),
        max_errors: int | None = typer.Option(None, "--max-errors", help="Errors per point."),
        seed: int | None = typer.Option(None, "--seed", help="Reproducible (one process)."),
        workers: int | None = typer.Option(None, "--workers", help="sinter workers."),
        out: Path | None = typer.Option(None, "--out", help="Save the plot here (png/pdf/svg)."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Sweep p_seam (or p_bulk) for several d, locate the crossings, plot."""
        parameter = SweepParameter.P_SEAM if sweep is SweepName.P_SEAM else SweepParameter.P_BULK
        default_values = (
            _DEFAULT_SEAM_VALUES if parameter is SweepParameter.P_SEAM else _DEFAULT_BULK_VALUES
        )
        result = run_sweep(
            parameter,
            _floats("--values", values if values is not None else default_values),
            _ints("--distances", distances),
            _budget(shots, max_errors, default_errors=300),
            basis=basis,
            modules=modules,
            p_bulk=p_bulk if parameter is SweepParameter.P_SEAM else None,
            p_seam=p_seam,
            rounds=rounds,
            rng=_rng(seed),
            num_workers=workers,
        )
        plot_path = None if out is None else str(plot_sweep(result, out))
        data = {**result.as_dict(), "plot": plot_path}
        if json_out:
            emit_json(data)
            return
        rows = [
            (
                p.distance,
                p.value,
                p.estimate.shots,
                p.estimate.errors,
                p.estimate.logical_error_rate,
                p.estimate.logical_error_rate_per_round,
            )
            for p in sorted(result.points, key=lambda p: (p.distance, p.value))
        ]
        console.print(
            table(
                f"{parameter.value} sweep",
                ["d", parameter.value, "shots", "errors", "p_L", "p_L/round"],
                rows,
            )
        )
        for c in result.crossings:
            console.print(f"d={c.distance_small}/{c.distance_large} cross at {c.value:.4g}")
        console.print(f"threshold ({parameter.value}): {result.threshold}")
        if plot_path:
            console.print(f"plot: {plot_path}")

    @qec_app.command("budget")
    def budget(
        distance: int = typer.Option(5, "--distance", "-d", help="Code distance d."),
        cycle_time_s: float = typer.Option(1e-6, "--cycle-time", help="QEC cycle time (s)."),
        p_success: float | None = typer.Option(
            None, "--p-success", help="Given link: per-mode success probability per attempt."
        ),
        attempt_period_s: float | None = typer.Option(
            None, "--attempt-period", help="Given link: time between attempts (s)."
        ),
        fidelity: float = typer.Option(0.99, "--fidelity", help="Given link: pair fidelity."),
        link_modes: int = typer.Option(1, "--modes", help="Modes the link multiplexes now."),
        scheme: Scheme = typer.Option(
            Scheme.DOUBLE_CLICK, "--scheme", help="Hardware link: heralding scheme."
        ),
        distance_km: float = typer.Option(0.1, "--distance-km", help="Hardware link: L (km)."),
        transducer: str = typer.Option(
            "target-2030", "--transducer", help="Hardware link: transducer preset."
        ),
        detector: str = typer.Option(
            "snspd-2030", "--detector", help="Hardware link: detector preset."
        ),
        fiber: str = typer.Option("smf28", "--fiber", help="Hardware link: fibre preset."),
        link_qubit: str | None = typer.Option(
            None, "--qubit", help="Hardware link: qubit preset (decay while heralding)."
        ),
        seam_error_budget: float | None = typer.Option(
            None, "--seam-error-budget", help="Tolerable pair infidelity (e.g. a seam threshold)."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Bell pairs per second a seam needs vs what a link delivers; multiplexing to close it.

        Give the link as numbers (--p-success, --attempt-period, --fidelity) or, by default,
        as hardware presets evaluated by the link layer (--transducer, --detector, ...).
        """
        if (p_success is None) != (attempt_period_s is None):
            raise ConfigurationError(
                "--p-success and --attempt-period: give both (a given link) or neither (hardware)"
            )
        hardware: dict[str, Any] | None = None
        if p_success is not None and attempt_period_s is not None:
            link = LinkPerformance(
                p_success, attempt_period_s, BellDiagonal.werner(fidelity), link_modes
            )
        else:
            link, hardware = _hardware_link(
                scheme, distance_km, transducer, detector, fiber, link_qubit, link_modes
            )
        result = link_budget(
            distance, link, cycle_time_s=cycle_time_s, seam_error_budget=seam_error_budget
        )
        data = {**result.as_dict(), "hardware": hardware}
        if json_out:
            emit_json(data)
            return
        rows = [(k, v) for k, v in data.items() if not isinstance(v, dict)]
        console.print(table("qonnect qec budget", ["quantity", "value"], rows))
        if result.required_modes is None:
            console.print(
                f"no multiplexing suffices: {result.required_rate_hz:.4g} pairs/s exceeds the "
                f"period bound {result.period_bound_hz:.4g}/s; at least "
                f"{result.min_parallel_links} links are needed in parallel"
            )
