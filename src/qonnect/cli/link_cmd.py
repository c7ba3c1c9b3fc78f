"""`qonnect link`: one heralded link from hardware presets and overrides, closed form and
optionally a Monte Carlo."""

from __future__ import annotations

import dataclasses
from typing import Any

import typer

from qonnect.cli.output import console, emit_json, table
from qonnect.core import RandomStreams
from qonnect.link import HeraldedLink, LinkReport, Scheme, optimise_alpha, simulate_link
from qonnect.physics import Memory, get_detector, get_fiber, get_qubit, get_transducer


def _override(value: Any, **changes: Any) -> Any:
    """A preset with the options the user set (None means keep the preset's value)."""
    given = {k: v for k, v in changes.items() if v is not None}
    return dataclasses.replace(value, **given) if given else value


def report_rows(r: LinkReport) -> list[tuple[str, Any]]:
    """The human summary of a link report, one row per quantity."""
    return [
        ("scheme", r.scheme.value),
        ("distance (km)", r.distance_km),
        ("success probability / attempt / mode", r.p_success),
        ("modes", r.modes),
        ("attempt period (s)", r.attempt_period_s),
        ("rate-limited by transducer", r.repetition_limited),
        ("rate (pairs/s)", r.rate_hz),
        ("fidelity at herald", r.fidelity),
        ("fidelity after herald wait", r.fidelity_delivered),
        (
            "Bell-diagonal (Phi+, Psi+, Psi-, Phi-)",
            ", ".join(f"{x:.4g}" for x in r.state.coefficients),
        ),
        ("false-click probability", r.false_click_probability),
        ("PLOB bound (ebits/use)", r.plob_ebits_per_use),
        ("achieved (ebits/use, hashing)", r.ebits_per_use),
        ("achieved / PLOB", r.plob_ratio),
    ]


def register(app: typer.Typer) -> None:
    """Add the command to `app`."""

    @app.command("link")
    def link(
        scheme: Scheme = typer.Option(Scheme.SINGLE_CLICK, "--scheme", help="Heralding scheme."),
        distance_km: float = typer.Option(10.0, "--distance-km", help="Node distance L (km)."),
        qubit: str = typer.Option("heron-r3", "--qubit", help="Qubit preset of both nodes."),
        transducer: str = typer.Option("eo-2022", "--transducer", help="Transducer preset."),
        transducer_b: str | None = typer.Option(
            None, "--transducer-b", help="Node B's transducer preset (default: same as A)."
        ),
        detector: str = typer.Option("snspd", "--detector", help="Detector preset."),
        fiber: str = typer.Option("smf28", "--fiber", help="Fibre preset (loss, index)."),
        efficiency: float | None = typer.Option(None, help="Override transducer efficiency."),
        added_noise: float | None = typer.Option(None, help="Override transducer N_add."),
        bandwidth_hz: float | None = typer.Option(None, help="Override transducer bandwidth."),
        repetition_rate_hz: float | None = typer.Option(
            None, help="Override the transducer's maximum repetition rate."
        ),
        detector_efficiency: float | None = typer.Option(None, help="Override detector eta_d."),
        dark_count_rate_hz: float | None = typer.Option(None, help="Override dark counts."),
        window_s: float | None = typer.Option(None, help="Override the detection window."),
        loss_db_per_km: float | None = typer.Option(None, help="Override the fibre loss."),
        group_index: float | None = typer.Option(None, help="Override the group index."),
        t1_s: float | None = typer.Option(None, "--t1-s", help="Override qubit T1."),
        t2_s: float | None = typer.Option(None, "--t2-s", help="Override qubit T2."),
        alpha: float = typer.Option(0.1, help="Bright-state population (single-click)."),
        min_fidelity: float | None = typer.Option(
            None, help="Single-click: choose alpha for the best rate at this fidelity."
        ),
        min_rate_hz: float | None = typer.Option(
            None, help="Single-click: choose alpha for the best fidelity at this rate."
        ),
        visibility: float = typer.Option(1.0, help="Two-photon interference visibility."),
        modes: int = typer.Option(1, help="Multiplexed modes per attempt."),
        node_time_s: float = typer.Option(1e-6, help="Node time per attempt (s)."),
        emission_efficiency: float = typer.Option(1.0, help="Qubit to line, eta_emit."),
        coupling_efficiency: float = typer.Option(1.0, help="Transducer to fibre, eta_cpl."),
        filter_efficiency: float = typer.Option(1.0, help="Pump filtering, eta_filt."),
        absorption_efficiency: float = typer.Option(1.0, help="Heralded absorption eta_abs."),
        source_pair_probability: float = typer.Option(
            0.01, help="Midpoint source: pair probability per attempt."
        ),
        simulate: float | None = typer.Option(
            None, "--simulate", help="Also run the Monte Carlo for this many seconds."
        ),
        consume_period_s: float | None = typer.Option(
            None, help="Monte Carlo: take the freshest pair every this many seconds."
        ),
        seed: int = typer.Option(1, "--seed", help="Seed of the Monte Carlo."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Rate, fidelity and Bell-diagonal state of one heralded link, against PLOB."""
        q = _override(get_qubit(qubit), t1_s=t1_s, t2_s=t2_s)
        ta = _override(
            get_transducer(transducer),
            efficiency=efficiency,
            added_noise=added_noise,
            bandwidth_hz=bandwidth_hz,
            max_repetition_rate_hz=repetition_rate_hz,
        )
        tb = get_transducer(transducer_b) if transducer_b is not None else None
        det = _override(
            get_detector(detector),
            efficiency=detector_efficiency,
            dark_count_rate_hz=dark_count_rate_hz,
            window_s=window_s,
        )
        fib = _override(
            get_fiber(fiber, length_km=distance_km),
            loss_db_per_km=loss_db_per_km,
            group_index=group_index,
        )
        model = HeraldedLink(
            transducer=ta,
            detector=det,
            fiber=fib,
            scheme=scheme,
            qubit=q,
            transducer_b=tb,
            alpha=alpha,
            visibility=visibility,
            modes=modes,
            node_time_s=node_time_s,
            emission_efficiency=emission_efficiency,
            coupling_efficiency=coupling_efficiency,
            filter_efficiency=filter_efficiency,
            absorption_efficiency=absorption_efficiency,
            source_pair_probability=source_pair_probability,
        )
        if min_fidelity is not None or min_rate_hz is not None:
            model = optimise_alpha(model, min_fidelity=min_fidelity, min_rate_hz=min_rate_hz)
        r = model.evaluate()
        out: dict[str, Any] = r.to_dict()
        out["alpha"] = model.alpha
        out["hardware"] = {
            "qubit": q.name,
            "transducer": ta.name,
            "transducer_b": (tb or ta).name,
            "detector": det.name,
            "fiber": fib.name,
        }
        if simulate is not None:
            sim = simulate_link(
                r.performance,
                simulate,
                RandomStreams(seed).generator("link"),
                memory=Memory.from_qubit(q),
                consume_period_s=consume_period_s,
            )
            out["simulated"] = sim.to_dict()
        if json_out:
            emit_json(out)
            return
        rows: list[tuple[str, Any]] = [("alpha", model.alpha), *report_rows(r)]
        console.print(
            table(
                f"heralded link: {ta.name} transducers, {q.name} qubits",
                ["quantity", "value"],
                rows,
            )
        )
        if simulate is not None:
            s = out["simulated"]
            lo, hi = s["fidelity_ci95"]
            console.print(
                table(
                    f"Monte Carlo, {simulate:g} s (seed {seed})",
                    ["quantity", "simulated", "expected"],
                    [
                        ("pairs", s["pairs"], s["expected_rate_hz"] * simulate),
                        ("rate (pairs/s)", s["rate_hz"], s["expected_rate_hz"]),
                        ("mean fidelity", s["fidelity_mean"], s["expected_fidelity"]),
                        ("fidelity 95% CI", f"{lo:.4g} .. {hi:.4g}", ""),
                        ("attempts represented", s["attempts_represented"], ""),
                    ],
                )
            )
