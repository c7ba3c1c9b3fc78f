"""Named parameter sets with their sources: qubits, transducers, detectors, fibres, memories.

Values from physics.md sections 2.1 (IBM calibration snapshots), 1.2 (transducers), 3 (fibre,
detectors) and 9 (the 2030 target scenario). Tags: [S] read from the source, [M] remembered
literature value, [A] our assumption or scenario choice.

Qubits (chip medians of IBM calibration snapshots in Qiskit/qiskit-ibm-runtime,
`qiskit_ibm_runtime/fake_provider/backends/*/props_<name>.json`, commit 73514f0) [S]:

* ``heron-r2``: ibm_kingston, 2026-04-15.
* ``heron-r3``: ibm_pittsburgh, 2026-04-17.
* ``nighthawk-r1``: ibm_miami, 2026-04-17 (not `fake_nighthawk`, which is not representative).
* ``target-2030``: T1 = T2 = 1 ms, r_1q = 5e-5, r_2q = 5e-4, readout 1e-3 in 1 us (section 9)
  [A]; gate durations are not in the scenario and are taken from Heron (32 ns, 68 ns) [A].

Transducers:

* ``eo-2022``: bulk electro-optic, pulsed; eta_t = 0.087, N_add = 0.16 (Sahu et al., Nat.
  Commun. 13, 1276 (2022)) [S]. Bandwidth 10 MHz [A] (the same platform had 10.7 MHz in Hease
  et al., PRX Quantum 1, 020315 (2020)); repetition rate 100 Hz [A] (pulsed bulk EO runs at
  Hz-kHz rates, section 1.4 [M]).
* ``piezo-2024``: integrated piezo-optomechanical; eta_t = 0.009, B = 14.8 MHz, rate <= 100 kHz
  (Weaver et al., Nat. Nanotechnol. 19, 166 (2024)) [S]; N_add is "a few photons" in the source,
  taken as 3 [A].
* ``cw-eom-2022``: continuous electro-optomechanical; eta_t = 0.47, N_add = 3.2 (Brubaker et al.,
  PRX 12, 021062 (2022)) [S]; bandwidth kHz-scale [M], taken as 10 kHz, and the "repetition
  rate" of a CW device as one temporal mode per 1/B = 10 kHz [A]; N_add includes the
  steady-state heating, so no heating model [S].
* ``target-2030``: eta_t = 0.5, N_add = 1e-3, 1 MHz, B = 10 MHz (section 9 scenario) [A].

None carries a `PumpHeating` model: no source gives its parameters; quoted N_add values are
those at the stated operating point.

Detectors (section 3 and 9):

* ``snspd``: eta_d = 0.9, DCR 100 counts/s, 10 ns window (p_dc ~ 1e-6, section 9 row 4),
  dead time 40 ns (reset of Marsili et al., Nat. Photon. 7, 210 (2013)) [S]/[A window].
* ``snspd-2030``: eta_d = 0.95, DCR 10 counts/s, 10 ns window (p_dc ~ 1e-7), dead time 20 ns [A].

Fibres (section 3; the length is the user's, the preset carries loss and group index):

* ``smf28``: 0.2 dB/km, n_g = 1.4682 [M].
* ``ultra-low-loss``: 0.16 dB/km (commercial pure-silica core, 0.15-0.16; the 2030 scenario) [S];
  n_g = 1.4682 assumed [A].
* ``ultra-low-loss-record``: 0.1424 dB/km at 1550 nm (Sumitomo, OFC 2017) [S]; n_g as above [A].
* ``hollow-core``: 0.091 dB/km (DNANF, Southampton/Microsoft 2025) [S]; v_g = 0.997 c [M].

Memories (section 5): ``heron-r3`` (the heron-r3 qubits' own T1/T2) and ``target-2030``
(T1 = T2 = 1 ms).

Examples:
    >>> get_qubit("heron-r3").t1_s
    0.000299
    >>> round(get_fiber("smf28", length_km=10.0).transmissivity, 6)
    0.630957
    >>> get_transducer("eo-2023")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    qonnect.core.errors.ConfigurationError: unknown transducer preset 'eo-2023'; known: eo-2022, ...
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import TypeVar

from qonnect.core.errors import ConfigurationError
from qonnect.physics.detector import Detector
from qonnect.physics.fiber import Fiber
from qonnect.physics.memory import Memory
from qonnect.physics.qubit import Qubit
from qonnect.physics.transducer import Transducer

PhysicsValue = Qubit | Transducer | Detector | Fiber | Memory
"""Any preset value."""


class PresetKind(enum.Enum):
    """The kinds of presets (the CLI's `--kind`)."""

    QUBIT = "qubit"
    TRANSDUCER = "transducer"
    DETECTOR = "detector"
    FIBER = "fiber"
    MEMORY = "memory"


_IBM = (
    "IBM {backend} calibration snapshot {date} ({family}), chip medians; "
    "Qiskit/qiskit-ibm-runtime fake_provider props_{short}.json @73514f0 (physics.md 2.1) [S]"
)

QUBITS: Mapping[str, Qubit] = MappingProxyType(
    {
        "heron-r2": Qubit(
            t1_s=282.8e-6,
            t2_s=144.2e-6,
            gate_error_1q=2.30e-4,
            gate_duration_1q_s=32e-9,
            gate_error_2q=1.80e-3,
            gate_duration_2q_s=68e-9,
            readout_error=9.5e-3,
            readout_duration_s=2280e-9,
            name="heron-r2",
            source=_IBM.format(
                backend="ibm_kingston", date="2026-04-15", family="Heron r2", short="kingston"
            ),
        ),
        "heron-r3": Qubit(
            t1_s=299.0e-6,
            t2_s=317.1e-6,
            gate_error_1q=1.99e-4,
            gate_duration_1q_s=32e-9,
            gate_error_2q=1.54e-3,
            gate_duration_2q_s=88e-9,
            readout_error=4.5e-3,
            readout_duration_s=2584e-9,
            name="heron-r3",
            source=_IBM.format(
                backend="ibm_pittsburgh", date="2026-04-17", family="Heron r3", short="pittsburgh"
            ),
        ),
        "nighthawk-r1": Qubit(
            t1_s=330.2e-6,
            t2_s=241.9e-6,
            gate_error_1q=1.97e-4,
            gate_duration_1q_s=32e-9,
            gate_error_2q=2.93e-3,
            gate_duration_2q_s=138e-9,
            readout_error=1.79e-2,
            readout_duration_s=2400e-9,
            name="nighthawk-r1",
            source=_IBM.format(
                backend="ibm_miami", date="2026-04-17", family="Nighthawk r1", short="miami"
            ),
        ),
        "target-2030": Qubit(
            t1_s=1e-3,
            t2_s=1e-3,
            gate_error_1q=5e-5,
            gate_duration_1q_s=32e-9,
            gate_error_2q=5e-4,
            gate_duration_2q_s=68e-9,
            readout_error=1e-3,
            readout_duration_s=1e-6,
            name="target-2030",
            source=(
                "2030 target scenario, physics.md section 9 row 2 [A]; "
                "gate durations of Heron (32 ns, 68 ns) [A]"
            ),
        ),
    }
)

TRANSDUCERS: Mapping[str, Transducer] = MappingProxyType(
    {
        "eo-2022": Transducer(
            efficiency=0.087,
            added_noise=0.16,
            bandwidth_hz=10e6,
            max_repetition_rate_hz=100.0,
            name="eo-2022",
            source=(
                "Sahu et al., Nat. Commun. 13, 1276 (2022): eta_t 0.087, N_add 0.16 [S]; "
                "B 10 MHz [A] (Hease 2020 platform: 10.7 MHz); rate 100 Hz [A] (pulsed EO: Hz-kHz)"
            ),
        ),
        "piezo-2024": Transducer(
            efficiency=0.009,
            added_noise=3.0,
            bandwidth_hz=14.8e6,
            max_repetition_rate_hz=100e3,
            name="piezo-2024",
            source=(
                "Weaver et al., Nat. Nanotechnol. 19, 166 (2024): eta_t 0.009, B 14.8 MHz, "
                "rate <= 100 kHz [S]; N_add 'a few photons' taken as 3 [A]"
            ),
        ),
        "cw-eom-2022": Transducer(
            efficiency=0.47,
            added_noise=3.2,
            bandwidth_hz=10e3,
            max_repetition_rate_hz=10e3,
            name="cw-eom-2022",
            source=(
                "Brubaker et al., PRX 12, 021062 (2022): eta_t 0.47, N_add 3.2, continuous [S]; "
                "B 10 kHz [A] (kHz-scale [M]); one mode per 1/B as the rate [A]"
            ),
        ),
        "target-2030": Transducer(
            efficiency=0.5,
            added_noise=1e-3,
            bandwidth_hz=10e6,
            max_repetition_rate_hz=1e6,
            name="target-2030",
            source="2030 target scenario, physics.md section 9 row 1 [A]",
        ),
    }
)

DETECTORS: Mapping[str, Detector] = MappingProxyType(
    {
        "snspd": Detector(
            efficiency=0.9,
            dark_count_rate_hz=100.0,
            window_s=10e-9,
            dead_time_s=40e-9,
            name="snspd",
            source=(
                "SNSPD today, physics.md sections 3 and 9: eta_d 0.9, DCR 100 cps [S]; "
                "reset 40 ns (Marsili 2013) [S]; 10 ns window [A] -> p_dc ~ 1e-6"
            ),
        ),
        "snspd-2030": Detector(
            efficiency=0.95,
            dark_count_rate_hz=10.0,
            window_s=10e-9,
            dead_time_s=20e-9,
            name="snspd-2030",
            source=(
                "2030 target scenario, physics.md section 9 row 3: eta_d 0.95, p_dc 1e-7 per "
                "window [A] (DCR 10 cps, 10 ns window); dead time 20 ns [A]"
            ),
        ),
    }
)

FIBERS: Mapping[str, Fiber] = MappingProxyType(
    {
        "smf28": Fiber(
            length_km=0.0,
            loss_db_per_km=0.2,
            group_index=1.4682,
            name="smf28",
            source="SMF-28 class at 1550 nm, physics.md section 3: 0.2 dB/km, n_g 1.4682 [M]",
        ),
        "ultra-low-loss": Fiber(
            length_km=0.0,
            loss_db_per_km=0.16,
            group_index=1.4682,
            name="ultra-low-loss",
            source=(
                "commercial pure-silica-core fibre 0.15-0.16 dB/km (Kanamori review) [S], "
                "the 2030 scenario's 0.16 dB/km; n_g of SMF-28 assumed [A]"
            ),
        ),
        "ultra-low-loss-record": Fiber(
            length_km=0.0,
            loss_db_per_km=0.1424,
            group_index=1.4682,
            name="ultra-low-loss-record",
            source="Sumitomo record 0.1424 dB/km at 1550 nm (OFC 2017) [S]; n_g assumed [A]",
        ),
        "hollow-core": Fiber(
            length_km=0.0,
            loss_db_per_km=0.091,
            group_index=1.0 / 0.997,
            name="hollow-core",
            source=(
                "DNANF hollow core 0.091 dB/km (Southampton/Microsoft 2025) [S]; v_g 0.997 c [M]"
            ),
        ),
    }
)

MEMORIES: Mapping[str, Memory] = MappingProxyType(
    {
        "heron-r3": dataclasses.replace(
            Memory.from_qubit(QUBITS["heron-r3"]),
            source="T1/T2 of the heron-r3 qubits: " + QUBITS["heron-r3"].source,
        ),
        "target-2030": Memory(
            t1_s=1e-3,
            t2_s=1e-3,
            name="target-2030",
            source="2030 target scenario, physics.md section 9 row 2: T1 = T2 = 1 ms [A]",
        ),
    }
)

PRESETS: Mapping[PresetKind, Mapping[str, PhysicsValue]] = MappingProxyType(
    {
        PresetKind.QUBIT: QUBITS,
        PresetKind.TRANSDUCER: TRANSDUCERS,
        PresetKind.DETECTOR: DETECTORS,
        PresetKind.FIBER: FIBERS,
        PresetKind.MEMORY: MEMORIES,
    }
)
"""Every preset, by kind and name (for listings)."""

_V = TypeVar("_V")


def _lookup(kind: PresetKind, table: Mapping[str, _V], name: str) -> _V:
    try:
        return table[name]
    except (KeyError, TypeError):
        known = ", ".join(table)
        raise ConfigurationError(f"unknown {kind.value} preset {name!r}; known: {known}") from None


def get_qubit(name: str) -> Qubit:
    """The qubit preset `name` (see the module docstring for sources).

    Raises:
        ConfigurationError: an unknown name (the message lists the known ones).
    """
    return _lookup(PresetKind.QUBIT, QUBITS, name)


def get_transducer(name: str) -> Transducer:
    """The transducer preset `name`.

    Raises:
        ConfigurationError: an unknown name (the message lists the known ones).
    """
    return _lookup(PresetKind.TRANSDUCER, TRANSDUCERS, name)


def get_detector(name: str) -> Detector:
    """The detector preset `name`.

    Raises:
        ConfigurationError: an unknown name (the message lists the known ones).
    """
    return _lookup(PresetKind.DETECTOR, DETECTORS, name)


def get_fiber(name: str, length_km: float = 0.0) -> Fiber:
    """The fibre preset `name` with the given length in km.

    Raises:
        ConfigurationError: an unknown name (the message lists the known ones).
        UnphysicalParameterError: a negative length.
    """
    return _lookup(PresetKind.FIBER, FIBERS, name).with_length(length_km)


def get_memory(name: str) -> Memory:
    """The memory preset `name`.

    Raises:
        ConfigurationError: an unknown name (the message lists the known ones).
    """
    return _lookup(PresetKind.MEMORY, MEMORIES, name)
