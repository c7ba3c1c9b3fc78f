"""`HardwareSpec`: the hardware of a heralded link as a user writes it in a scenario file.

Preset names (`qonnect presets`) with optional overrides, validated by pydantic with
`extra="forbid"`; a bare string means the preset as it is. Scenario files (`qonnect.api`) and
network edges (`qonnect.network`) share this one model, and `heralded_link` turns it into the
`HeraldedLink` that the closed forms evaluate.

Examples:
    >>> hw = HardwareSpec.model_validate({"transducer": {"preset": "eo-2022", "added_noise": 0.05}})
    >>> hw.transducer.build().added_noise, hw.detector.preset
    (0.05, 'snspd-2030')
    >>> link = hw.heralded_link(10.0)
    >>> link.scheme.value, link.fiber.length_km
    ('double-click', 10.0)
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from qonnect.link.model import HeraldedLink, Scheme
from qonnect.link.optimise import fidelity_peak
from qonnect.physics import (
    Detector,
    Qubit,
    Transducer,
    get_detector,
    get_fiber,
    get_qubit,
    get_transducer,
)
from qonnect.physics.fiber import Fiber


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _PresetChoice(_Model):
    """A preset name with optional overrides; a bare string means the preset as it is."""

    preset: str

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"preset": data} if isinstance(data, str) else data

    def _overrides(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if k != "preset" and v is not None}


class QubitChoice(_PresetChoice):
    """A qubit preset (`qonnect presets --kind qubit`) with overrides."""

    preset: str = "heron-r3"
    t1_s: float | None = None
    t2_s: float | None = None
    gate_error_1q: float | None = None
    gate_error_2q: float | None = None
    readout_error: float | None = None

    def build(self) -> Qubit:
        """The validated `Qubit`."""
        return dataclasses.replace(get_qubit(self.preset), **self._overrides())


class TransducerChoice(_PresetChoice):
    """A transducer preset with overrides."""

    preset: str = "target-2030"
    efficiency: float | None = None
    added_noise: float | None = None
    bandwidth_hz: float | None = None
    max_repetition_rate_hz: float | None = None

    def build(self) -> Transducer:
        """The validated `Transducer`."""
        return dataclasses.replace(get_transducer(self.preset), **self._overrides())


class DetectorChoice(_PresetChoice):
    """A detector preset with overrides."""

    preset: str = "snspd-2030"
    efficiency: float | None = None
    dark_count_rate_hz: float | None = None
    window_s: float | None = None

    def build(self) -> Detector:
        """The validated `Detector`."""
        return dataclasses.replace(get_detector(self.preset), **self._overrides())


class FiberChoice(_PresetChoice):
    """A fibre preset (loss, group index) with overrides; lengths come from the topology."""

    preset: str = "smf28"
    loss_db_per_km: float | None = None
    group_index: float | None = None

    def build(self, length_km: float) -> Fiber:
        """The validated `Fiber` of a given length."""
        return dataclasses.replace(get_fiber(self.preset, length_km=length_km), **self._overrides())


class HardwareSpec(_Model):
    """The hardware of a heralded link: both nodes' qubits and transducers, the detectors,
    the fibre type and the scheme (the defaults are the 2030 target on Heron r3 qubits)."""

    qubit: QubitChoice | None = Field(
        default=QubitChoice(),
        description="communication qubits, decaying while they wait for the herald; null: none",
    )
    transducer: TransducerChoice = TransducerChoice()
    transducer_b: TransducerChoice | None = None
    detector: DetectorChoice = DetectorChoice()
    fiber: FiberChoice = FiberChoice()
    scheme: Literal["single-click", "double-click", "midpoint-source", "sender-receiver"] = (
        "double-click"
    )
    alpha: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="single-click alpha; null: the best-fidelity alpha",
    )
    modes: int = Field(default=1, ge=1)
    visibility: float = Field(default=1.0, ge=0.0, le=1.0)
    node_time_s: float = Field(default=1e-6, gt=0.0)
    emission_efficiency: float = Field(default=1.0, ge=0.0, le=1.0)
    coupling_efficiency: float = Field(default=1.0, ge=0.0, le=1.0)
    filter_efficiency: float = Field(default=1.0, ge=0.0, le=1.0)
    absorption_efficiency: float = Field(default=1.0, ge=0.0, le=1.0)
    source_pair_probability: float = Field(default=0.01, ge=0.0, le=1.0)

    def heralded_link(
        self,
        length_km: float,
        *,
        arm_loss_db: float = 0.0,
        loss_db_per_km: float | None = None,
        group_index: float | None = None,
    ) -> HeraldedLink:
        """The `HeraldedLink` over `length_km` of this hardware's fibre (or of a fibre with the
        given loss and group index, e.g. a network edge's own), `arm_loss_db` extra per arm.

        Raises:
            ValueError: an unknown preset or an unphysical value, naming it.
        """
        fiber = self.fiber.build(length_km)
        if loss_db_per_km is not None or group_index is not None:
            fiber = dataclasses.replace(
                fiber,
                loss_db_per_km=fiber.loss_db_per_km if loss_db_per_km is None else loss_db_per_km,
                group_index=fiber.group_index if group_index is None else group_index,
            )
        link = HeraldedLink(
            transducer=self.transducer.build(),
            detector=self.detector.build(),
            fiber=fiber,
            scheme=Scheme(self.scheme),
            qubit=self.qubit.build() if self.qubit is not None else None,
            transducer_b=self.transducer_b.build() if self.transducer_b is not None else None,
            alpha=self.alpha if self.alpha is not None else 0.1,
            visibility=self.visibility,
            modes=self.modes,
            node_time_s=self.node_time_s,
            emission_efficiency=self.emission_efficiency,
            coupling_efficiency=self.coupling_efficiency,
            filter_efficiency=self.filter_efficiency,
            absorption_efficiency=self.absorption_efficiency,
            source_pair_probability=self.source_pair_probability,
            arm_loss_db=arm_loss_db,
        )
        if link.scheme is Scheme.SINGLE_CLICK and self.alpha is None:
            link = link.replace(alpha=fidelity_peak(link)[0])
        return link
