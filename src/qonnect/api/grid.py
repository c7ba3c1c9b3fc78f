"""Sweep grids: `PATH=start:stop:count`, `PATH=log:start:stop:count` or `PATH=a,b,c`.

One `--grid` is one `GridAxis` (a scenario path and its values); several axes make the
Cartesian product, the first axis varying slowest.

Examples:
    >>> parse_grid("transducer.efficiency=0.1:0.5:5").values
    (0.1, 0.2, 0.30000000000000004, 0.4, 0.5)
    >>> parse_grid("qubit.t1_s=log:1e-4:1e-2:3").values
    (0.0001, 0.001, 0.01)
    >>> parse_grid("scheme=single-click,double-click").values
    ('single-click', 'double-click')
    >>> grid_points([parse_grid("modes=1,2"), parse_grid("distance_km=5,10")])
    [{'modes': 1, 'distance_km': 5}, {'modes': 1, 'distance_km': 10}, \
{'modes': 2, 'distance_km': 5}, {'modes': 2, 'distance_km': 10}]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

from qonnect.api.scenario import resolve_path
from qonnect.core.errors import ConfigurationError

GridValue = float | int | str
"""One value of a grid axis: a number or a string (a preset or scheme name)."""

MAX_AXIS_POINTS = 100_000
"""More values than this on one axis is almost certainly a typo."""


class Spacing(Enum):
    """How an axis' values were given."""

    LINEAR = "linear"
    LOG = "log"
    LIST = "list"


@dataclass(frozen=True, slots=True)
class GridAxis:
    """One swept parameter.

    Args:
        path: dotted scenario path (`Scenario.with_value` aliases allowed).
        values: the values in sweep order (distinct).
        spacing: linear, log or an explicit list (the plot uses a log axis for log).
    """

    path: str
    values: tuple[GridValue, ...]
    spacing: Spacing = Spacing.LIST

    def __post_init__(self) -> None:
        resolve_path(self.path)  # raises ConfigurationError on a malformed path
        if not self.values:
            raise ConfigurationError(f"grid {self.path}: no values")
        if len(set(self.values)) != len(self.values):
            raise ConfigurationError(f"grid {self.path}: repeated values in {self.values}")

    @property
    def numeric(self) -> bool:
        """Whether every value is a number (so it can be an x axis)."""
        return all(_is_number(v) for v in self.values)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (for `sweep.json`)."""
        return {"path": self.path, "spacing": self.spacing.value, "values": list(self.values)}


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _number(text: str, where: str) -> float | int:
    t = text.strip()
    try:
        return int(t)
    except ValueError:
        pass
    try:
        x = float(t)
    except ValueError:
        raise ConfigurationError(f"{where}: {t!r} is not a number") from None
    if not math.isfinite(x):
        raise ConfigurationError(f"{where}: {t!r} is not a finite number")
    return x


def _scalar(text: str) -> GridValue:
    t = text.strip()
    try:
        return _number(t, "")
    except ConfigurationError:
        return t


def _count(text: str, where: str) -> int:
    n = _number(text, where)
    if not isinstance(n, int) or not 1 <= n <= MAX_AXIS_POINTS:
        raise ConfigurationError(
            f"{where}: count must be an integer in 1..{MAX_AXIS_POINTS}, got {text.strip()!r}"
        )
    return n


def parse_grid(text: str) -> GridAxis:
    """Parse one `--grid` option.

    Args:
        text: `PATH=START:STOP:COUNT` (linear, both ends included), `PATH=log:START:STOP:COUNT`
            (geometric; both ends > 0), or `PATH=A,B,C` (numbers or strings; one value is a
            one-point axis). A linear range whose ends are integers and whose values are all
            integral gives integers (`modes=1:4:4`).

    Returns:
        The axis.

    Raises:
        ConfigurationError: naming the option text and what is wrong with it.

    Examples:
        >>> parse_grid("modes=1:4:4").values
        (1, 2, 3, 4)
        >>> parse_grid("efficiency=0.1:0.2")
        Traceback (most recent call last):
        ...
        qonnect.core.errors.ConfigurationError: --grid 'efficiency=0.1:0.2': a range is \
START:STOP:COUNT or log:START:STOP:COUNT
    """
    where = f"--grid {text!r}"
    path, eq, spec = text.partition("=")
    path, spec = path.strip(), spec.strip()
    if not eq or not path or not spec:
        raise ConfigurationError(
            f"{where}: expected PATH=VALUES, e.g. transducer.efficiency=0.1:0.5:5"
        )
    try:
        resolve_path(path)
    except ConfigurationError:
        raise ConfigurationError(f"{where}: {path!r} is not a parameter path") from None
    if ":" in spec:
        parts = spec.split(":")
        log = parts[0].strip().lower() == "log"
        if log:
            parts = parts[1:]
        if len(parts) != 3:
            raise ConfigurationError(
                f"{where}: a range is START:STOP:COUNT or log:START:STOP:COUNT"
            )
        start, stop = _number(parts[0], where), _number(parts[1], where)
        n = _count(parts[2], where)
        if log:
            if not (start > 0 and stop > 0):
                raise ConfigurationError(f"{where}: log ranges need START > 0 and STOP > 0")
            xs = np.geomspace(start, stop, n) if n > 1 else np.array([float(start)])
            values: tuple[GridValue, ...] = tuple(float(x) for x in xs)
            spacing = Spacing.LOG
        else:
            xs = np.linspace(start, stop, n)
            as_int = isinstance(start, int) and isinstance(stop, int)
            if as_int and all(float(x).is_integer() for x in xs):
                values = tuple(round(float(x)) for x in xs)
            else:
                values = tuple(float(x) for x in xs)
            spacing = Spacing.LINEAR
        if len(set(values)) != len(values):
            raise ConfigurationError(f"{where}: the range repeats values; lower COUNT")
    else:
        items = [s.strip() for s in spec.split(",")]
        if any(not s for s in items):
            raise ConfigurationError(f"{where}: empty item in the list")
        values = tuple(_scalar(s) for s in items)
        if len(set(values)) != len(values):
            raise ConfigurationError(f"{where}: the list repeats a value")
        spacing = Spacing.LIST
    return GridAxis(path=path, values=values, spacing=spacing)


def grid_points(axes: Sequence[GridAxis]) -> list[dict[str, GridValue]]:
    """The Cartesian product of `axes` as parameter dicts (first axis slowest).

    Raises:
        ConfigurationError: when two axes name the same parameter (after aliases).
    """
    seen: dict[tuple[str, ...], str] = {}
    for ax in axes:
        full = tuple(resolve_path(ax.path))
        if full in seen:
            raise ConfigurationError(
                f"--grid: {ax.path!r} and {seen[full]!r} name the same parameter"
            )
        seen[full] = ax.path
    return [
        {ax.path: v for ax, v in zip(axes, combo, strict=True)}
        for combo in itertools.product(*(ax.values for ax in axes))
    ]
