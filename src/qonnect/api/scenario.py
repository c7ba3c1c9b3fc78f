"""`Scenario`: one YAML file that says what hardware, which network, which workload.

Validated by pydantic with `extra="forbid"`, so a misspelt key is an error naming it. Hardware
is given as preset names with optional overrides; `variants` are patches of the scenario
(today's hardware against the 2030 target, say) that `qonnect run` evaluates side by side.

Examples:
    >>> s = Scenario.model_validate({"name": "x", "hardware": {"transducer": "eo-2022"}})
    >>> s.hardware.transducer.preset, s.hardware.transducer.build().efficiency
    ('eo-2022', 0.087)
    >>> s.with_value("transducer.efficiency", 0.3).hardware.transducer.build().efficiency
    0.3
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from qonnect.core.errors import ConfigurationError
from qonnect.link.spec import HardwareSpec
from qonnect.network.spec import NetworkSpec
from qonnect.physics import Qubit


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


HardwareChoice = HardwareSpec
"""The scenario's hardware: `qonnect.link.spec.HardwareSpec` (network edges use the same)."""


class LinkStudy(_Model):
    """The point-to-point link between two QPUs, evaluated in closed form."""

    distance_km: float = Field(default=10.0, ge=0.0)
    arm_loss_db: float = Field(
        default=0.0, ge=0.0, description="extra loss on each arm: switches, connectors (dB)"
    )


class CircuitSpec(_Model):
    """A circuit to distribute and run: an MQT Bench name with a size, or a QASM file."""

    benchmark: str | None = None
    qubits: int | None = Field(default=None, ge=1)
    file: str | None = None
    qpus: int = Field(default=2, ge=1)
    capacity: int | None = Field(default=None, ge=1)
    comm_qubits: int = Field(default=2, ge=1)
    shots: int = Field(default=2000, ge=1)

    @model_validator(mode="after")
    def _one_source(self) -> CircuitSpec:
        if (self.benchmark is None) == (self.file is None):
            raise ValueError("give exactly one of benchmark (with qubits) or file")
        if self.benchmark is not None and self.qubits is None:
            raise ValueError(f"benchmark {self.benchmark!r} needs `qubits`")
        return self

    @property
    def label(self) -> str:
        """A short name for reports."""
        return f"{self.benchmark}-{self.qubits}" if self.benchmark else Path(self.file or "").stem


class QecSpec(_Model):
    """A surface-code memory split over modules, its seam fed by the link's pairs."""

    distance: int = Field(default=3, ge=3)
    rounds: int = Field(default=3, ge=1)
    modules: int = Field(default=2, ge=1)
    p_bulk: float | None = Field(default=None, ge=0.0, le=1.0)
    max_shots: int = Field(default=20_000, ge=1)
    max_errors: int = Field(default=200, ge=1)
    cycle_time_s: float = Field(default=1e-6, gt=0.0, description="QEC cycle for the budget")


class Workload(_Model):
    """What runs on the hardware."""

    circuits: tuple[CircuitSpec, ...] = ()
    qec: QecSpec | None = None


class Scenario(_Model):
    """A whole study: hardware, link, network, workload, variants, seed."""

    name: str = Field(min_length=1)
    description: str = ""
    seed: int = Field(default=1, ge=0)
    hardware: HardwareSpec = HardwareSpec()
    link: LinkStudy = LinkStudy()
    network: NetworkSpec | None = None
    workload: Workload = Workload()
    variants: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="named patches of this scenario (deep-merged), evaluated side by side",
    )

    def qpu_qubit(self) -> Qubit:
        """The QPUs' qubits (`hardware.qubit`), which circuits and QEC need.

        Raises:
            ConfigurationError: when the scenario sets `hardware.qubit: null`.
        """
        if self.hardware.qubit is None:
            raise ConfigurationError("hardware.qubit: circuits and QEC need the QPUs' qubits")
        return self.hardware.qubit.build()

    def variant(self, name: str) -> Scenario:
        """The scenario with the patch `name` applied (and no variants of its own)."""
        if name not in self.variants:
            known = ", ".join(self.variants) or "none"
            raise ConfigurationError(f"unknown variant {name!r}; known: {known}")
        data = self.model_dump(mode="json")
        data["variants"] = {}
        merged = _deep_merge(data, self.variants[name])
        merged["name"] = f"{self.name}/{name}"
        return scenario_from_data(merged)

    def with_value(self, path: str, value: Any) -> Scenario:
        """A copy with the dotted `path` set to `value` (see `ALIASES`), validated again."""
        data = self.model_dump(mode="json")
        keys = resolve_path(path)
        node: Any = data
        for k in keys[:-1]:
            if isinstance(node, list):
                node = node[int(k)]
            else:
                if isinstance(node.get(k), str):  # a bare preset name: make it overridable
                    node[k] = {"preset": node[k]}
                node = node.setdefault(k, {})
        if isinstance(node, list):
            node[int(keys[-1])] = value
        else:
            node[keys[-1]] = value
        return scenario_from_data(data)


ALIASES: dict[str, str] = {
    "transducer": "hardware.transducer",
    "qubit": "hardware.qubit",
    "detector": "hardware.detector",
    "fiber": "hardware.fiber",
    "scheme": "hardware.scheme",
    "modes": "hardware.modes",
    "alpha": "hardware.alpha",
    "distance_km": "link.distance_km",
}
"""Short sweep paths: `transducer.efficiency` means `hardware.transducer.efficiency`."""


def resolve_path(path: str) -> list[str]:
    """Split a dotted path, expanding its first component through `ALIASES`."""
    if not path or any(not p for p in path.split(".")):
        raise ConfigurationError(f"not a parameter path: {path!r}")
    head, _, rest = path.partition(".")
    full = ALIASES.get(head, head) + (f".{rest}" if rest else "")
    return full.split(".")


def _deep_merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for k, v in patch.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        elif isinstance(v, dict) and isinstance(out.get(k), str):
            out[k] = _deep_merge({"preset": out[k]}, v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after", "function-before") or "[" in str(part):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out or "scenario"


def scenario_from_data(data: Any) -> Scenario:
    """Validate parsed data; the first problem becomes one `ConfigurationError` line that
    names the field path and the bad value."""
    if not isinstance(data, dict):
        raise ConfigurationError(f"scenario: expected a mapping, got {type(data).__name__}")
    try:
        s = Scenario.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        msg = err["msg"].replace("Value error, ", "")
        got = err.get("input")
        shown = (
            "" if err["type"] == "missing" or isinstance(got, (dict, list)) else f" (got {got!r})"
        )
        raise ConfigurationError(f"{_where(tuple(err['loc']))}: {msg}{shown}") from None
    # physical ranges live in the physics values: build them once so errors surface here
    try:
        s.hardware.heralded_link(s.link.distance_km, arm_loss_db=s.link.arm_loss_db)
    except ValueError as e:
        raise ConfigurationError(f"hardware: {e}") from None
    return s


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario YAML file (yaml.safe_load)."""
    p = Path(path)
    try:
        text = p.read_text()
    except OSError as e:
        raise ConfigurationError(f"cannot read scenario {str(p)!r}: {e.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigurationError(f"{p}: not valid YAML: {str(e).splitlines()[0]}") from None
    return scenario_from_data(data)


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files, for editors."""
    return Scenario.model_json_schema()
