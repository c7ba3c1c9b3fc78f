"""`Target`: a condition on one metric, such as `fidelity>=0.9` (for `qonnect require`).

Metric names are full keys of `experiment.evaluate` (`link.fidelity_delivered`) or short
aliases (`fidelity`, `rate`; see `experiment.METRIC_ALIASES`).

Examples:
    >>> t = parse_target("fidelity>=0.9")
    >>> t.metric, t.op.value, t.threshold
    ('link.fidelity_delivered', '>=', 0.9)
    >>> t.met(0.9), t.met(0.89), t.higher_is_better
    (True, False, True)
    >>> parse_target("link.rate_hz < 1e3").met(999.0)
    True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum

from qonnect.api.experiment import metric_key
from qonnect.core.errors import ConfigurationError

_TARGET = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*(>=|<=|>|<)\s*(\S+)\s*$")


class Comparison(Enum):
    """The comparison a target makes."""

    GE = ">="
    LE = "<="
    GT = ">"
    LT = "<"


@dataclass(frozen=True, slots=True)
class Target:
    """`metric op threshold`.

    Args:
        metric: a full metric key.
        op: the comparison.
        threshold: a finite number.
    """

    metric: str
    op: Comparison
    threshold: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.threshold):
            raise ConfigurationError(f"--target: threshold must be finite, got {self.threshold}")

    @property
    def higher_is_better(self) -> bool:
        """True for >= and > (a larger metric is closer to meeting the target)."""
        return self.op in (Comparison.GE, Comparison.GT)

    def met(self, value: float | None) -> bool:
        """Whether `value` meets the target (None or NaN never does)."""
        if value is None or math.isnan(value):
            return False
        match self.op:
            case Comparison.GE:
                return value >= self.threshold
            case Comparison.LE:
                return value <= self.threshold
            case Comparison.GT:
                return value > self.threshold
            case Comparison.LT:
                return value < self.threshold

    def score(self, value: float | None) -> float:
        """A number that grows as `value` gets closer to meeting the target (-inf for None)."""
        if value is None or math.isnan(value):
            return -math.inf
        return value if self.higher_is_better else -value

    def __str__(self) -> str:
        return f"{self.metric}{self.op.value}{self.threshold:g}"


def parse_target(text: str) -> Target:
    """Parse `METRIC OP NUMBER` with OP one of >=, <=, >, <.

    Raises:
        ConfigurationError: naming the option and its text.

    Examples:
        >>> parse_target("fidelity=0.9")
        Traceback (most recent call last):
        ...
        qonnect.core.errors.ConfigurationError: --target 'fidelity=0.9': expected METRIC OP \
NUMBER with OP one of >=, <=, >, < (e.g. fidelity>=0.9)
    """
    m = _TARGET.match(text)
    if m is None:
        raise ConfigurationError(
            f"--target {text!r}: expected METRIC OP NUMBER with OP one of >=, <=, >, < "
            "(e.g. fidelity>=0.9)"
        )
    name, op, num = m.groups()
    try:
        threshold = float(num)
    except ValueError:
        raise ConfigurationError(f"--target {text!r}: {num!r} is not a number") from None
    if not math.isfinite(threshold):
        raise ConfigurationError(f"--target {text!r}: the threshold must be finite")
    return Target(metric=metric_key(name), op=Comparison(op), threshold=threshold)
