"""Monte Carlo of one heralded link that never simulates a failed attempt.

The number of attempt cycles to the next success is geometric with p_cycle = 1 - (1-p)^M
(architecture.md, decision 1), so the cost is O(successes) and the draws are vectorised.
Two consumers: pairs used at their herald (`consume_period_s=None`), or an application that
takes the freshest stored pair every `consume_period_s`; a pair waits in the two memories
until then and decays (older pairs in the same window are discarded, counted).

`expected_link` gives the exact expectations of the same model; the tests check that the
simulation agrees within 3 standard errors.

Examples:
    >>> from qonnect.states import BellDiagonal
    >>> perf = LinkPerformance(1e-3, 1e-6, BellDiagonal.werner(0.95))
    >>> sim = simulate_link(perf, 1.0, np.random.default_rng(1))
    >>> abs(sim.pairs - 1000) < 4 * (1000 ** 0.5), sim.attempts_represented
    (True, 1000000)
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import numpy.typing as npt

from qonnect.core.units import PS_PER_S, seconds_to_ps
from qonnect.core.validate import check_positive
from qonnect.link.performance import LinkPerformance
from qonnect.physics import Memory
from qonnect.states import stored_fidelity, stored_fidelity_terms

FloatArray = npt.NDArray[np.float64]


@dataclasses.dataclass(frozen=True, slots=True)
class LinkSimulation:
    """Result of `simulate_link`."""

    duration_s: float
    attempts_represented: int
    pairs_generated: int
    pairs: int
    rate_hz: float
    rate_stderr_hz: float
    fidelity_mean: float
    fidelity_stderr: float
    expected_rate_hz: float
    expected_fidelity: float

    @property
    def pairs_discarded(self) -> int:
        """Pairs replaced by a fresher one before the consumer came."""
        return self.pairs_generated - self.pairs

    @property
    def fidelity_ci95(self) -> tuple[float, float]:
        """Normal-approximation 95 % interval of the mean fidelity."""
        h = 1.96 * self.fidelity_stderr
        return (self.fidelity_mean - h, self.fidelity_mean + h)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (the CLI's `simulated` block)."""
        return {
            "duration_s": self.duration_s,
            "attempts_represented": self.attempts_represented,
            "pairs_generated": self.pairs_generated,
            "pairs": self.pairs,
            "pairs_discarded": self.pairs_discarded,
            "rate_hz": self.rate_hz,
            "rate_stderr_hz": self.rate_stderr_hz,
            "fidelity_mean": self.fidelity_mean,
            "fidelity_ci95": list(self.fidelity_ci95),
            "expected_rate_hz": self.expected_rate_hz,
            "expected_fidelity": self.expected_fidelity,
        }


def success_cycles(
    p_cycle: float, n_cycles: int, rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    """Indices (1-based) of the successful cycles among `n_cycles`, by geometric skipping."""
    if p_cycle <= 0.0 or n_cycles <= 0:
        return np.zeros(0, dtype=np.int64)
    mean = n_cycles * p_cycle
    chunk = int(mean + 6.0 * math.sqrt(mean) + 16)
    parts: list[npt.NDArray[np.int64]] = []
    last = 0
    while last <= n_cycles:
        gaps = rng.geometric(p_cycle, size=chunk).astype(np.int64)
        idx = last + np.cumsum(gaps)
        parts.append(idx)
        last = int(idx[-1])
    all_idx = np.concatenate(parts)
    return all_idx[all_idx <= n_cycles]


def _grid_ps(
    period_s: float, duration_s: float, consume_period_s: float | None
) -> tuple[int, int, npt.NDArray[np.int64]]:
    """Integer-picosecond grid: (period, number of cycles, consumer instants)."""
    period_ps = seconds_to_ps(period_s)
    duration_ps = seconds_to_ps(duration_s)
    n_cycles = duration_ps // period_ps
    if consume_period_s is None:
        return period_ps, n_cycles, np.zeros(0, dtype=np.int64)
    s_ps = seconds_to_ps(consume_period_s)
    ends = s_ps * np.arange(1, duration_ps // s_ps + 1, dtype=np.int64)
    return period_ps, n_cycles, ends


def simulate_link(
    perf: LinkPerformance,
    duration_s: float,
    rng: np.random.Generator,
    *,
    memory: Memory | None = None,
    consume_period_s: float | None = None,
) -> LinkSimulation:
    """Simulate `duration_s` of the link; see the module docstring for the consumers.

    Times are integer picoseconds inside, so window boundaries are exact.

    Args:
        perf: the link (per-mode success probability, attempt period, delivered state, modes).
        duration_s: simulated time (s).
        rng: the random generator (pass a named stream of the run).
        memory: memory of both halves while a pair waits for its consumer (None: no decay).
        consume_period_s: take the freshest pair every this many seconds; None to use each
            pair at its herald.
    """
    check_positive("simulate_link.duration_s", duration_s)
    if consume_period_s is not None:
        check_positive("simulate_link.consume_period_s", consume_period_s)
    period_ps, n_cycles, ends = _grid_ps(perf.attempt_period_s, duration_s, consume_period_s)
    idx = success_cycles(perf.p_cycle, n_cycles, rng)
    exp_rate, exp_fid = expected_link(
        perf, duration_s, memory=memory, consume_period_s=consume_period_s
    )
    if consume_period_s is None:
        ages = np.zeros(len(idx))
        var_count = n_cycles * perf.p_cycle * (1 - perf.p_cycle)
    else:
        herald_ps = idx * period_ps
        s_ps = seconds_to_ps(consume_period_s)
        # the freshest herald at or before each consumer instant, if after the previous one
        pos = np.searchsorted(herald_ps, ends, side="right") - 1
        last = herald_ps[np.maximum(pos, 0)] if len(herald_ps) else np.zeros_like(ends)
        fresh = (pos >= 0) & (last > ends - s_ps)
        ages = (ends - last)[fresh] / PS_PER_S
        probs = _window_success_probabilities(perf, duration_s, consume_period_s)
        var_count = float(np.sum(probs * (1 - probs)))
    fids = stored_fidelity(perf.state, ages, memory, memory) if len(ages) else np.zeros(0)
    n = len(fids)
    return LinkSimulation(
        duration_s=duration_s,
        attempts_represented=n_cycles * perf.modes,
        pairs_generated=len(idx),
        pairs=n,
        rate_hz=n / duration_s,
        rate_stderr_hz=math.sqrt(var_count) / duration_s,
        fidelity_mean=float(np.mean(fids)) if n else math.nan,
        fidelity_stderr=float(np.std(fids, ddof=1) / math.sqrt(n)) if n > 1 else math.nan,
        expected_rate_hz=exp_rate,
        expected_fidelity=exp_fid,
    )


def _windows(
    perf: LinkPerformance, duration_s: float, consume_period_s: float
) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Per consumer window: the number of attempt cycles it holds and the age (s) at its end
    of its newest cycle's herald. Exact integer arithmetic, O(windows)."""
    period_ps, _, ends = _grid_ps(perf.attempt_period_s, duration_s, consume_period_s)
    done = ends // period_ps  # cycles heralded by each window's end
    sizes = np.diff(np.concatenate([np.zeros(1, dtype=np.int64), done]))
    offsets = (ends - done * period_ps) / PS_PER_S
    return sizes, offsets


def _window_success_probabilities(
    perf: LinkPerformance, duration_s: float, consume_period_s: float
) -> FloatArray:
    sizes, _ = _windows(perf, duration_s, consume_period_s)
    return np.asarray(1.0 - (1.0 - perf.p_cycle) ** sizes, dtype=np.float64)


def expected_link(
    perf: LinkPerformance,
    duration_s: float,
    *,
    memory: Memory | None = None,
    consume_period_s: float | None = None,
) -> tuple[float, float]:
    """Exact expected delivery rate and mean delivered fidelity of `simulate_link`'s model.

    With a consumer every S: in a window of n cycles the freshest success is i cycles before
    the newest with probability p q^i, and its age is delta + i T. With F(t) = sum_k c_k
    e^{-r_k t} (`stored_fidelity_terms`) the expectation per window is the geometric sum
    sum_k c_k p e^{-r_k delta} (1 - (q e^{-r_k T})^n) / (1 - q e^{-r_k T}), so the cost is
    O(windows), whatever the number of attempts. The mean fidelity is the ratio of expected
    sums, which the sample mean estimates.
    """
    if consume_period_s is None:
        _, n_cycles, _ = _grid_ps(perf.attempt_period_s, duration_s, None)
        return n_cycles * perf.p_cycle / duration_s, perf.state.fidelity
    p, q = perf.p_cycle, 1.0 - perf.p_cycle
    if p == 0.0:
        return 0.0, math.nan
    sizes, offsets = _windows(perf, duration_s, consume_period_s)
    total_pairs = float(np.sum(1.0 - q**sizes))
    period = seconds_to_ps(perf.attempt_period_s) / PS_PER_S
    total_fid = 0.0
    for coef, r in stored_fidelity_terms(perf.state, memory, memory):
        x = q * math.exp(-r * period)
        total_fid += coef * p * float(np.sum(np.exp(-r * offsets) * (1.0 - x**sizes))) / (1.0 - x)
    rate = total_pairs / duration_s
    return rate, (total_fid / total_pairs if total_pairs > 0 else math.nan)
