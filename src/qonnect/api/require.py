"""`find_requirement`: the least demanding value of one parameter that meets a target.

The inverse question (architecture.md): how noisy may the transducer be, how efficient must
it be, for `fidelity>=0.9`? The metric is evaluated at both ends of the range; which end meets
the target, and which way the metric moves between them, decides the direction ("largest
value" for a noise/loss-like parameter, "smallest" for an efficiency/lifetime-like one). The
boundary is then bisected, in log space when the range spans a decade or more, until the
bracket is within a relative tolerance. The metric is assumed monotone in the parameter over
the range; every evaluation is checked against that and the result says whether it held.

Monte Carlo metrics (`network.*`) are evaluated with the scenario's one seed at every point
(common random numbers), so the bisection sees one deterministic function; the answer then
carries the metric's statistical error, which is reported when the metrics include it.

Examples:
    >>> from qonnect.api.scenario import scenario_from_data
    >>> from qonnect.api.target import parse_target
    >>> s = scenario_from_data({"name": "x"})
    >>> r = find_requirement(s, parse_target("fidelity>=0.75"), "transducer.added_noise",
    ...                      lo=1e-4, hi=1.0)
    >>> r.feasible, r.least_demanding, r.log_space
    (True, 'largest', True)
    >>> lo, hi = r.bracket
    >>> lo <= r.value < hi and hi / lo - 1 <= 1e-3 and r.metric >= 0.75
    True
"""

from __future__ import annotations

import itertools
import math
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from qonnect.api.scenario import Scenario, resolve_path
from qonnect.api.target import Target
from qonnect.core.errors import ConfigurationError

Evaluate = Callable[[Scenario], Mapping[str, Any]]

DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "efficiency": (1e-4, 1.0),
    "coupling_efficiency": (1e-4, 1.0),
    "filter_efficiency": (1e-4, 1.0),
    "emission_efficiency": (1e-4, 1.0),
    "added_noise": (1e-5, 10.0),
    "t1_s": (1e-6, 10.0),
    "t2_s": (1e-6, 10.0),
    "distance_km": (0.01, 1000.0),
    "loss_db_per_km": (0.01, 10.0),
    "dark_count_rate_hz": (1e-2, 1e6),
    "gate_error_1q": (1e-6, 0.5),
    "gate_error_2q": (1e-6, 0.5),
    "readout_error": (1e-6, 0.5),
    "visibility": (0.5, 1.0),
    "modes": (1, 1000),
    "bandwidth_hz": (1e3, 1e11),
    "max_repetition_rate_hz": (1.0, 1e10),
}
"""Search ranges used without `--range`, by the parameter's last path component."""

STDERR_SUFFIXES = ("_stderr", "_sem", "_std_error")

Direction = Literal["increasing", "decreasing", "flat"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One evaluation of the metric during the search."""

    value: float
    metric: float | None
    met: bool


@dataclass(frozen=True, slots=True)
class Requirement:
    """The answer of `find_requirement`.

    Args:
        parameter: the varied scenario path.
        target: the target.
        lo, hi: the searched range.
        feasible: whether some value in the range meets the target.
        value: the least demanding value found that meets it (None when infeasible, or when
            the metric does not depend on the parameter).
        bracket: (low, high) values around the boundary, one meeting the target and one not
            (the uncertainty of `value`); None when the boundary is not inside the range.
        metric: the metric at `value` (or at `best_value` when infeasible).
        metric_stderr: its standard error when the metrics report one.
        value_stat_error: that standard error carried to the parameter through the metric's
            local slope, |d value| = stderr / |d metric / d value| (from two extra evaluations
            at value x (1 +- 20 %), a symmetric secant); None for deterministic metrics or
            without a stderr.
        direction: how the metric moves from lo to hi ("flat": equal at both ends).
        least_demanding: "largest" or "smallest" value of the parameter, or "any" when flat.
        log_space: whether the bisection ran in log space.
        best_value: the end of the range nearest the target (when infeasible: the best reached).
        evaluations: every evaluation, in order.
        monotone: whether all evaluations are consistent with a monotone metric.
        stochastic: whether the metric comes from a Monte Carlo simulation.
        message: one human sentence saying what was found.
    """

    parameter: str
    target: Target
    lo: float
    hi: float
    feasible: bool
    value: float | None
    bracket: tuple[float, float] | None
    metric: float | None
    metric_stderr: float | None
    value_stat_error: float | None
    direction: Direction
    least_demanding: Literal["largest", "smallest", "any"]
    log_space: bool
    best_value: float
    evaluations: tuple[Evaluation, ...]
    monotone: bool
    stochastic: bool
    message: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's `--json`)."""
        return {
            "parameter": self.parameter,
            "target": str(self.target),
            "metric_name": self.target.metric,
            "range": [self.lo, self.hi],
            "feasible": self.feasible,
            "value": self.value,
            "bracket": list(self.bracket) if self.bracket else None,
            "metric": self.metric,
            "metric_stderr": self.metric_stderr,
            "value_stat_error": self.value_stat_error,
            "direction": self.direction,
            "least_demanding": self.least_demanding,
            "log_space": self.log_space,
            "best_value": self.best_value,
            "evaluations": len(self.evaluations),
            "monotone": self.monotone,
            "stochastic": self.stochastic,
            "message": self.message,
            "history": [
                {"value": e.value, "metric": e.metric, "met": e.met} for e in self.evaluations
            ],
        }


def parse_range(text: str) -> tuple[float, float]:
    """`LO:HI` with LO < HI, both finite.

    Examples:
        >>> parse_range("1e-4:0.5")
        (0.0001, 0.5)
        >>> parse_range("0.5:0.1")
        Traceback (most recent call last):
        ...
        qonnect.core.errors.ConfigurationError: --range '0.5:0.1': need LO < HI
    """
    parts = text.split(":")
    if len(parts) != 2:
        raise ConfigurationError(f"--range {text!r}: expected LO:HI")
    try:
        lo, hi = float(parts[0]), float(parts[1])
    except ValueError:
        raise ConfigurationError(f"--range {text!r}: LO and HI must be numbers") from None
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ConfigurationError(f"--range {text!r}: LO and HI must be finite")
    if not lo < hi:
        raise ConfigurationError(f"--range {text!r}: need LO < HI")
    return lo, hi


def default_range(parameter: str, scenario: Scenario | None = None) -> tuple[float, float]:
    """The default search range of a parameter (see `DEFAULT_RANGES`).

    The QPU qubit's T1 and T2 are bound by T2 <= 2 T1: varying one, the range stops where the
    other makes the qubit unphysical (T1 >= T2/2, T2 <= 2 T1).

    Raises:
        ConfigurationError: when there is none (give `--range`).

    Examples:
        >>> from qonnect.api.scenario import scenario_from_data
        >>> s = scenario_from_data({"name": "x", "hardware": {"qubit": {"t2_s": 2e-4}}})
        >>> default_range("qubit.t1_s", s)
        (0.0001, 10.0)
        >>> default_range("transducer.added_noise")
        (1e-05, 10.0)
    """
    keys = resolve_path(parameter)
    leaf = keys[-1]
    if leaf not in DEFAULT_RANGES:
        raise ConfigurationError(
            f"--vary {parameter}: no default range for {leaf!r}; give --range LO:HI"
        )
    lo, hi = DEFAULT_RANGES[leaf]
    if scenario is not None and keys[:-1] == ["hardware", "qubit"]:
        q = scenario.qpu_qubit()
        if leaf == "t1_s":
            lo = max(lo, q.t2_s / 2)
        elif leaf == "t2_s":
            hi = min(hi, 2 * q.t1_s)
    return lo, hi


def is_integer_parameter(parameter: str) -> bool:
    """Whether the scenario field at `parameter` is an integer (bisected on integers).

    Examples:
        >>> is_integer_parameter("modes"), is_integer_parameter("transducer.efficiency")
        (True, False)
    """
    model: type[BaseModel] = Scenario
    keys = resolve_path(parameter)
    for i, k in enumerate(keys):
        field = model.model_fields.get(k)
        if field is None:
            return False
        ann = field.annotation
        args = typing.get_args(ann) if isinstance(ann, types.UnionType) else (ann,)
        if i == len(keys) - 1:
            return int in args and float not in args
        sub = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if not sub:
            return False
        model = sub[0]
    return False


def _metric_value(metrics: Mapping[str, Any], target: Target) -> float | None:
    if target.metric not in metrics:
        known = ", ".join(sorted(k for k, v in metrics.items() if _is_num(v))[:12])
        raise ConfigurationError(
            f"--target: unknown metric {target.metric!r}; numeric metrics include: {known}"
        )
    v = metrics[target.metric]
    if v is None:
        return None
    if not _is_num(v):
        raise ConfigurationError(f"--target: metric {target.metric!r} is not a number ({v!r})")
    x = float(v)
    return None if math.isnan(x) else x


def _is_num(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def metric_stderr(metrics: Mapping[str, Any], metric: str) -> float | None:
    """The standard error of `metric` when the metrics carry one (`<metric>_stderr`,
    `_sem`, `_std_error`; `x_mean` also looks for `x_stderr`, ...). For a simulated request
    rate `network.<id>.rate_hz` without one, the counting error rate / sqrt(delivered) of its
    `network.<id>.delivered` pairs (NOTE: exact for Poisson arrivals; a renewal process of
    geometric waits is close to it when the success probability is small).

    Examples:
        >>> metric_stderr({"network.r.rate_hz": 400.0, "network.r.delivered": 100},
        ...               "network.r.rate_hz")
        40.0
        >>> metric_stderr({"a.fidelity_mean": 0.9, "a.fidelity_sem": 0.01}, "a.fidelity_mean")
        0.01
        >>> metric_stderr({"link.rate_hz": 5.0}, "link.rate_hz") is None
        True
    """
    stems = [metric]
    if metric.endswith("_mean"):
        stems.append(metric[: -len("_mean")])
    for stem in stems:
        for suffix in STDERR_SUFFIXES:
            v = metrics.get(stem + suffix)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return float(v)
    if metric.startswith("network.") and metric.endswith(".rate_hz"):
        rate = metrics.get(metric)
        n = metrics.get(metric[: -len("rate_hz")] + "delivered")
        if isinstance(rate, (int, float)) and isinstance(n, (int, float)) and n > 0:
            return float(rate) / math.sqrt(float(n))
    return None


def _default_evaluate() -> Evaluate:
    from qonnect.api.experiment import evaluate

    return evaluate


def find_requirement(
    scenario: Scenario,
    target: Target,
    parameter: str,
    *,
    lo: float | None = None,
    hi: float | None = None,
    rtol: float = 1e-3,
    max_evaluations: int = 80,
    evaluate: Evaluate | None = None,
) -> Requirement:
    """The least demanding value of `parameter` in [lo, hi] for which `target` holds.

    Args:
        scenario: the base scenario (its seed is kept at every evaluation).
        target: the metric condition.
        parameter: a `Scenario.with_value` path, e.g. `transducer.added_noise`.
        lo, hi: the search range (default `default_range(parameter, scenario)`).
        rtol: relative width of the final bracket (absolute 1 for integer parameters).
        max_evaluations: a cap on metric evaluations (the bracket is reported as reached).
        evaluate: the metric function (default `experiment.evaluate`).

    Returns:
        A `Requirement`; infeasible targets are an answer (`feasible=False`), not an error.

    Raises:
        ConfigurationError: a bad path, range or value, or a metric the scenario lacks.
    """
    if (lo is None) != (hi is None):
        raise ConfigurationError("--range: give both LO and HI")
    if lo is None or hi is None:
        lo, hi = default_range(parameter, scenario)
    if not lo < hi:
        raise ConfigurationError(f"--range {lo}:{hi}: need LO < HI")
    if not 0 < rtol < 1:
        raise ConfigurationError(f"rtol must be in (0, 1), got {rtol}")
    fn = evaluate if evaluate is not None else _default_evaluate()
    integer = is_integer_parameter(parameter)
    if integer:
        lo, hi = math.ceil(lo), math.floor(hi)
        if not lo < hi:
            raise ConfigurationError(f"--range: no two integers in [{lo}, {hi}] for {parameter}")
    log_space = lo > 0 and hi / lo >= 10.0
    history: list[Evaluation] = []
    last: dict[float, Mapping[str, Any]] = {}

    def at(x: float) -> Evaluation:
        value: float | int = int(x) if integer else x
        try:
            s = scenario.with_value(parameter, value)
        except ConfigurationError as err:
            raise ConfigurationError(f"--vary {parameter}={value!r}: {err}") from None
        metrics = fn(s)
        m = _metric_value(metrics, target)
        ev = Evaluation(value=float(value), metric=m, met=target.met(m))
        history.append(ev)
        last[ev.value] = metrics
        return ev

    e_lo, e_hi = at(lo), at(hi)
    stochastic = target.metric.startswith(("network.", "circuits.", "qec."))
    if e_lo.metric == e_hi.metric:
        direction: Direction = "flat"
    elif target.score(e_hi.metric) > target.score(e_lo.metric):
        direction = "increasing" if target.higher_is_better else "decreasing"
    else:
        direction = "decreasing" if target.higher_is_better else "increasing"
    # the end where the target is easier to meet, and the other one
    good, bad = (
        (e_hi, e_lo) if target.score(e_hi.metric) > target.score(e_lo.metric) else (e_lo, e_hi)
    )
    least: Literal["largest", "smallest", "any"]
    least = "any" if direction == "flat" else ("largest" if good is e_lo else "smallest")
    name, tgt = parameter, str(target)

    def _carry_error(value: float, se: float) -> float | None:
        """stderr / |local slope|, the slope from value x (1 -+ 20 %) kept inside the range."""
        if integer:
            return None
        a, b = max(lo, value * 0.8), min(hi, value * 1.2)
        if not a < b:
            return None
        ma, mb = at(a).metric, at(b).metric
        if ma is None or mb is None or ma == mb:
            return None
        return se * (b - a) / abs(mb - ma)

    def done(
        feasible: bool,
        value: float | None,
        bracket: tuple[float, float] | None,
        at_e: Evaluation,
        message: str,
    ) -> Requirement:
        metrics = last[at_e.value]
        se = metric_stderr(metrics, target.metric)
        value_se = None
        note = ""
        if stochastic:
            if se is not None and value is not None and at_e.metric is not None:
                value_se = _carry_error(value, se)
            note = (
                " The metric is a Monte Carlo estimate (one seed throughout); the answer "
                "carries its statistical error"
                + (f" (standard error {se:.3g} at this value" if se is not None else "")
                + (f", about {value_se:.3g} in {name})" if value_se is not None else "")
                + (")." if se is not None and value_se is None else ".")
            )
        return Requirement(
            parameter=parameter,
            target=target,
            lo=float(lo),
            hi=float(hi),
            feasible=feasible,
            value=value,
            bracket=bracket,
            metric=at_e.metric,
            metric_stderr=se,
            value_stat_error=value_se,
            direction=direction,
            least_demanding=least,
            log_space=log_space,
            best_value=good.value,
            evaluations=tuple(history),
            monotone=_monotone(history),
            stochastic=stochastic,
            message=message.replace("{evaluations}", str(len(history))) + note,
        )

    if direction == "flat":
        ok = good.met
        return done(
            ok,
            None,
            None,
            good,
            f"{target.metric} does not change with {name} over [{lo:g}, {hi:g}] "
            f"(= {good.metric}); the target {tgt} is {'met' if ok else 'not met'} everywhere.",
        )
    if not good.met:
        return done(
            False,
            None,
            None,
            good,
            f"no value of {name} in [{lo:g}, {hi:g}] meets {tgt}: the best, at {name}="
            f"{good.value:g}, gives {target.metric}={good.metric} ({target.metric} is "
            f"{direction} in {name}).",
        )
    if bad.met:
        return done(
            True,
            bad.value,
            None,
            bad,
            f"the whole range meets {tgt}; the least demanding value in it is the "
            f"{least} {name}={bad.value:g} (the boundary lies beyond the range).",
        )
    g, b = good, bad
    while len(history) < max_evaluations and not _close(g.value, b.value, rtol, integer):
        if integer:
            mid = float((int(g.value) + int(b.value)) // 2)
        elif log_space:
            mid = math.sqrt(g.value * b.value)
        else:
            mid = 0.5 * (g.value + b.value)
        if mid in (g.value, b.value):
            break
        ev = at(mid)
        if ev.met:
            g = ev
        else:
            b = ev
    bracket = (min(g.value, b.value), max(g.value, b.value))
    return done(
        True,
        g.value,
        bracket,
        g,
        f"{least} {name} meeting {tgt}: {g.value:.6g} (boundary in [{bracket[0]:.6g}, "
        f"{bracket[1]:.6g}]; {target.metric} there {g.metric:.6g}; {target.metric} is "
        f"{direction} in {name}; {{evaluations}} evaluations).",
    )


def _close(a: float, b: float, rtol: float, integer: bool) -> bool:
    if integer:
        return abs(a - b) <= 1
    return abs(a - b) <= rtol * max(abs(a), abs(b)) or abs(a - b) <= 1e-300


def _monotone(history: list[Evaluation]) -> bool:
    pts = sorted((e.value, e.metric) for e in history if e.metric is not None)
    diffs = [b[1] - a[1] for a, b in itertools.pairwise(pts)]
    return all(d >= 0 for d in diffs) or all(d <= 0 for d in diffs)
