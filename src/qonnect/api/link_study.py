"""The link study (`qonnect demo`): today's transducers against the 2030 target, both
heralding schemes, for two QPUs a given distance apart. Each generation is a scenario, so the
table, the curves and the requirement come from the same machinery as `qonnect run` and
`qonnect require`.

Examples:
    >>> rows = link_study_rows(distance_km=10.0)
    >>> sorted({r["scheme"] for r in rows})
    ['double-click', 'single-click']
"""

from __future__ import annotations

import dataclasses
from typing import Any

from qonnect.api.experiment import link_report
from qonnect.api.require import find_requirement
from qonnect.api.scenario import Scenario, scenario_from_data
from qonnect.api.target import parse_target


@dataclasses.dataclass(frozen=True, slots=True)
class Hardware:
    """One hardware generation of the study (preset names)."""

    label: str
    qubit: str
    transducer: str
    detector: str
    fiber: str = "smf28"

    def scenario(self, scheme: str, distance_km: float) -> Scenario:
        """This generation as a scenario (single-click at its best-fidelity alpha)."""
        return scenario_from_data(
            {
                "name": f"{self.label} / {scheme}",
                "hardware": {
                    "qubit": self.qubit,
                    "transducer": self.transducer,
                    "detector": self.detector,
                    "fiber": self.fiber,
                    "scheme": scheme,
                },
                "link": {"distance_km": distance_km},
            }
        )


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
SCHEMES = ("single-click", "double-click")


def link_study_rows(distance_km: float = 10.0) -> list[dict[str, Any]]:
    """One row per (hardware generation, scheme) at `distance_km`."""
    rows = []
    for hw in GENERATIONS:
        for scheme in SCHEMES:
            s = hw.scenario(scheme, distance_km)
            r = link_report(s)
            alpha = s.hardware.heralded_link(distance_km).alpha
            rows.append(
                {
                    "hardware": hw.label,
                    "qubit": hw.qubit,
                    "transducer": hw.transducer,
                    "alpha": alpha if scheme == "single-click" else None,
                    **r.to_dict(),
                }
            )
    return rows


def curve_scenarios(distance_km: float) -> list[tuple[str, Scenario]]:
    """The generations drawn against distance and efficiency (double-click)."""
    return [(hw.label, hw.scenario("double-click", distance_km)) for hw in (TODAY[0], *TARGET)]


def required_added_noise(target_fidelity: float, distance_km: float = 10.0) -> float:
    """Largest N_add with which double-click on the 2030 hardware still reaches the target at
    the herald (`qonnect require` on the scenario).

    Raises:
        InfeasibleError: when no N_add in [1e-6, 1] reaches it.
    """
    from qonnect.core.errors import InfeasibleError

    s = TARGET[-1].scenario("double-click", distance_km)
    req = find_requirement(
        s,
        parse_target(f"fidelity_herald>={target_fidelity}"),
        "transducer.added_noise",
        lo=1e-6,
        hi=1.0,
        rtol=1e-4,
    )
    if not req.feasible or req.value is None:
        raise InfeasibleError(f"fidelity {target_fidelity} is out of reach: {req.message}")
    return req.value
