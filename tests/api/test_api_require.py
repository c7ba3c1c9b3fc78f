"""`qonnect require`: the bisection against an independent root finder and a brute-force scan
of the closed-form link, directions, infeasible targets, integer parameters, Monte Carlo
metrics, and bad inputs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import brentq

from qonnect.api.experiment import evaluate
from qonnect.api.require import find_requirement, is_integer_parameter, parse_range
from qonnect.api.scenario import Scenario, scenario_from_data
from qonnect.api.target import Comparison, parse_target
from qonnect.cli.app import main
from qonnect.core import ConfigurationError
from qonnect.link import LinkReport

BASE = scenario_from_data({"name": "req", "seed": 1})


def _link(s: Scenario, **transducer: float) -> LinkReport:
    """The closed-form link with transducer overrides, built without `with_value`."""
    hw = s.hardware
    link = hw.heralded_link(s.link.distance_km)
    t = dataclasses.replace(link.transducer, **transducer)
    return dataclasses.replace(link, transducer=t).evaluate()


def test_targets_parse_aliases_and_operators() -> None:
    assert parse_target("rate >= 1e3").metric == "link.rate_hz"
    assert parse_target("fidelity>0.5").op is Comparison.GT
    t = parse_target("link.p_success<=0.01")
    assert (t.metric, t.met(0.01), t.met(0.011), t.higher_is_better) == (
        "link.p_success",
        True,
        False,
        False,
    )
    assert not parse_target("fidelity>=0.5").met(None)
    assert parse_range("0:1") == (0.0, 1.0)
    assert is_integer_parameter("modes") and not is_integer_parameter("qubit.t1_s")


def test_added_noise_bound_matches_brentq_and_a_scan() -> None:
    target = 0.75
    r = find_requirement(
        BASE, parse_target(f"fidelity>={target}"), "transducer.added_noise", lo=1e-4, hi=1.0
    )
    assert r.feasible and r.direction == "decreasing" and r.least_demanding == "largest"
    assert r.log_space and r.monotone and r.bracket is not None
    lo, hi = r.bracket
    assert r.value == lo and hi / lo - 1 <= 1e-3  # relative tolerance reached
    assert r.metric is not None and r.metric >= target

    def f(n: float) -> float:
        return _link(BASE, added_noise=n).fidelity_delivered - target

    root = brentq(f, 1e-4, 1.0, xtol=1e-14, rtol=1e-12)
    assert lo <= root <= hi
    # brute force: the largest passing value of a fine log scan lies just below the bracket
    scan = np.geomspace(1e-4, 1.0, 4001)
    ok = np.array([f(n) >= 0 for n in scan])
    assert ok[0] and not ok[-1] and np.all(np.diff(ok.astype(int)) <= 0)  # one switch
    best = scan[ok][-1]
    assert best <= hi and scan[~ok][0] >= lo
    assert len(r.evaluations) <= 2 + int(np.ceil(np.log2(np.log(1e4) / np.log1p(1e-3)))) + 1


def test_efficiency_for_a_rate_is_the_smallest_value() -> None:
    r = find_requirement(
        BASE, parse_target("rate>=1000"), "transducer.efficiency", lo=1e-3, hi=1.0, rtol=1e-6
    )
    assert r.feasible and r.direction == "increasing" and r.least_demanding == "smallest"
    assert r.bracket is not None
    root = brentq(lambda e: _link(BASE, efficiency=e).rate_hz - 1000.0, 1e-3, 1.0, xtol=1e-15)
    assert r.bracket[0] <= root <= r.bracket[1] and r.value == r.bracket[1]
    assert r.bracket[1] / r.bracket[0] - 1 <= 1e-6
    # the same boundary, asked the other way round: the largest efficiency with rate < 1000
    below = find_requirement(
        BASE, parse_target("rate<1000"), "transducer.efficiency", lo=1e-3, hi=1.0, rtol=1e-6
    )
    assert below.least_demanding == "largest" and below.bracket is not None
    assert below.bracket[0] <= root <= below.bracket[1] and below.value == below.bracket[0]


def test_infeasible_and_whole_range_answers() -> None:
    r = find_requirement(
        BASE, parse_target("fidelity>=0.95"), "transducer.added_noise", lo=1e-5, hi=10.0
    )
    assert not r.feasible and r.value is None and r.best_value == 1e-5
    assert (
        r.metric
        == evaluate(BASE.with_value("transducer.added_noise", 1e-5))["link.fidelity_delivered"]
    )
    assert r.metric is not None and r.metric < 0.95
    assert len(r.evaluations) == 2 and "no value" in r.message
    easy = find_requirement(
        BASE, parse_target("fidelity>=0.1"), "transducer.added_noise", lo=1e-5, hi=0.01
    )
    assert easy.feasible and easy.value == 0.01 and easy.bracket is None


def test_integer_parameter_bisects_on_integers() -> None:
    r = find_requirement(BASE, parse_target("rate>=20000"), "modes", lo=1, hi=1000)
    assert r.feasible and r.least_demanding == "smallest" and r.value is not None
    m = int(r.value)
    rate = [evaluate(BASE.with_value("modes", k))["link.rate_hz"] for k in (m - 1, m)]
    assert rate[0] < 20000 <= rate[1]  # type: ignore[operator]
    assert r.bracket == (m - 1, m)


NET = {
    "name": "net",
    "seed": 2,
    "network": {
        "duration_s": 0.5,
        "nodes": [{"id": "a"}, {"id": "b"}],
        "edges": [{"a": "a", "b": "b", "length_km": 10}],
        "requests": [{"id": "r", "source": "a", "destination": "b"}],
    },
}


def test_monte_carlo_metric_says_it_carries_statistical_error() -> None:
    s = scenario_from_data(NET)
    r = find_requirement(
        s,
        parse_target("network.r.rate_hz>=200"),
        "transducer.efficiency",
        lo=0.05,
        hi=0.8,
        rtol=0.02,
    )
    assert r.stochastic and "Monte Carlo" in r.message and r.feasible
    assert r.value is not None and r.bracket is not None
    # the reported standard error is the counting error of the delivered pairs, and the
    # closed-form rate at the answer lies within 4 of them of the simulated one (a 4-sigma
    # bound: a false alarm at ~6e-5 for a Gaussian count)
    m = evaluate(s.with_value("transducer.efficiency", r.value))
    assert r.metric == m["network.r.rate_hz"]
    assert r.metric_stderr == pytest.approx(r.metric / m["network.r.delivered"] ** 0.5)
    assert "standard error" in r.message
    closed = _link(s, efficiency=r.value).rate_hz
    assert abs(r.metric - closed) <= 4 * r.metric_stderr


def test_monte_carlo_answer_spread_matches_its_reported_error() -> None:
    """Over 20 seeds the answers scatter as much as each run says (its value_stat_error),
    around the closed-form boundary."""
    s = scenario_from_data({**NET, "seed": 0})
    target = parse_target("network.r.rate_hz>=200")
    answers, errors = [], []
    for seed in range(20):
        r = find_requirement(
            s.with_value("seed", seed), target, "transducer.efficiency", lo=0.05, hi=0.8, rtol=0.02
        )
        assert r.value is not None and r.value_stat_error is not None
        answers.append(r.value)
        errors.append(r.value_stat_error)
    spread, claimed = float(np.std(answers, ddof=1)), float(np.mean(errors))
    # the sample sd of 20 draws has a relative standard error 1/sqrt(38) = 16 %: allow 3 of them
    assert 0.5 <= spread / claimed <= 1.5
    root = brentq(lambda e: _link(s, efficiency=e).rate_hz - 200.0, 0.05, 0.8, xtol=1e-12)
    # the mean answer is within 4 standard errors (spread / sqrt(20)) plus the bisection's 2 %
    assert abs(float(np.mean(answers)) - root) <= 4 * spread / np.sqrt(20) + 0.02 * root


def test_cli_require_json_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sc = tmp_path / "s.yaml"
    sc.write_text("name: req\nseed: 1\n")
    args = ["require", str(sc), "--target", "fidelity>=0.75", "--vary", "transducer.added_noise"]
    assert main([*args, "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["feasible"] and d["least_demanding"] == "largest" and d["direction"] == "decreasing"
    assert d["bracket"][0] <= d["value"] <= d["bracket"][1] and d["evaluations"] > 2
    assert main(args) == 0
    assert "largest transducer.added_noise" in capsys.readouterr().out
    # infeasible is an answer, not an error
    assert main([*args[:3], "fidelity>=0.99", *args[4:], "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["feasible"] is False and d["value"] is None and d["best_value"] == 1e-5


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--target", "fidelity=0.9", "--vary", "transducer.added_noise"], "--target"),
        (["--target", "fidelity>=x", "--vary", "transducer.added_noise"], "'x'"),
        (["--target", "nonsense>=1", "--vary", "transducer.added_noise"], "nonsense"),
        (["--target", "fidelity>=0.9", "--vary", "transducer.colour"], "colour"),
        (["--target", "fidelity>=0.9", "--vary", "seed"], "--range"),
        (["--target", "fidelity>=0.9", "--vary", "modes", "--range", "5:1"], "LO < HI"),
        (["--target", "fidelity>=0.9", "--vary", "modes", "--range", "1-5"], "LO:HI"),
        (
            ["--target", "fidelity>=0.9", "--vary", "transducer.efficiency", "--range", "0.1:2"],
            "efficiency",
        ),
    ],
)
def test_cli_require_bad_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], needle: str
) -> None:
    sc = tmp_path / "s.yaml"
    sc.write_text("name: req\n")
    code = main(["require", str(sc), "--json", *extra])
    err = capsys.readouterr().err
    assert code == 2 and needle in err and err.count("\n") == 1


def test_bad_range_in_the_api() -> None:
    with pytest.raises(ConfigurationError, match="both LO and HI"):
        find_requirement(BASE, parse_target("rate>=1"), "modes", lo=1)
