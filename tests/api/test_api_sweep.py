"""Sweeps: grid parsing, content keys and seeds, the results store (torn line, duplicates,
damage, lock), resume, and equality of 1 worker, a local pool and a Dask LocalCluster."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qonnect.api.experiment import evaluate
from qonnect.api.grid import Spacing, grid_points, parse_grid
from qonnect.api.scenario import Scenario, scenario_from_data
from qonnect.api.store import PointRecord, ResultStore
from qonnect.api.sweep import run_sweep
from qonnect.api.sweep_point import content_key, derive_seed, make_points
from qonnect.cli.app import main
from qonnect.core import ConfigurationError
from qonnect.core.errors import InfeasibleError

NET = {
    "name": "net",
    "seed": 4,
    "network": {
        "duration_s": 1.0,
        "nodes": [{"id": "a"}, {"id": "b"}],
        "edges": [{"a": "a", "b": "b", "length_km": 10}],
        "requests": [{"id": "r", "source": "a", "destination": "b"}],
    },
}


def deterministic(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """Metrics without wall-clock timings (`network.wall_s` measures the machine)."""
    return {k: v for k, v in metrics.items() if not k.endswith("wall_s")}


def _record(key: str, i: int, rate: float = 1.0) -> PointRecord:
    return PointRecord(
        key=key * 64 if len(key) == 1 else key,
        index=i,
        params={"x": i},
        seed=i,
        metrics={"link.rate_hz": rate},
        wall_s=0.0,
    )


# ------------------------------------------------------------------------------ grids
def test_linear_log_and_list_grids() -> None:
    lin = parse_grid("transducer.efficiency=0.01:0.5:10")
    assert lin.values == tuple(float(x) for x in np.linspace(0.01, 0.5, 10))
    assert lin.spacing is Spacing.LINEAR and lin.numeric
    log = parse_grid("qubit.t1_s=log:1e-4:1e-1:7")
    assert log.spacing is Spacing.LOG and len(log.values) == 7
    assert log.values[0] == 1e-4 and log.values[-1] == pytest.approx(1e-1, rel=1e-15)
    ratios = np.diff(np.log10(np.array(log.values, dtype=float)))
    assert np.allclose(ratios, 0.5)  # 3 decades in 6 equal steps
    assert parse_grid("modes=1:7:4").values == (1, 3, 5, 7)
    assert all(isinstance(v, int) for v in parse_grid("modes=1:7:4").values)
    assert parse_grid("modes=1:2:3").values == (1.0, 1.5, 2.0)  # not integral: floats
    mixed = parse_grid("scheme = single-click, double-click")
    assert mixed.path == "scheme" and mixed.values == ("single-click", "double-click")
    assert not mixed.numeric
    assert parse_grid("distance_km=5").values == (5,)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("transducer.efficiency", "PATH=VALUES"),
        ("=1,2", "PATH=VALUES"),
        ("transducer..efficiency=1,2", "not a parameter path"),
        ("x=0.1:0.5", "START:STOP:COUNT"),
        ("x=0.1:0.5:0", "count"),
        ("x=0.1:0.5:2.5", "count"),
        ("x=log:0:1:3", "START > 0"),
        ("x=a:1:3", "'a' is not a number"),
        ("x=1:2:nan", "finite"),
        ("x=1,,2", "empty item"),
        ("x=1,2,1", "repeats"),
        ("x=1:1:3", "repeats"),
        ("x=inf:2:3", "finite"),
    ],
)
def test_bad_grids_name_the_option(text: str, needle: str) -> None:
    with pytest.raises(ConfigurationError, match=needle) as info:
        parse_grid(text)
    assert "\n" not in str(info.value)


def test_grid_product_order_and_alias_clash() -> None:
    axes = [parse_grid("modes=1,2,3"), parse_grid("distance_km=5,10")]
    pts = grid_points(axes)
    assert len(pts) == 6
    assert [(p["modes"], p["distance_km"]) for p in pts] == [
        (m, d) for m in (1, 2, 3) for d in (5, 10)
    ]
    with pytest.raises(ConfigurationError, match="same parameter"):
        grid_points([parse_grid("distance_km=1,2"), parse_grid("link.distance_km=3,4")])


# ------------------------------------------------------------------------------ points
def test_content_key_is_sha256_of_canonical_dump_and_version() -> None:
    s = scenario_from_data({"name": "x", "seed": 3})
    text = json.dumps(
        {"scenario": s.model_dump(mode="json"), "qonnect": metadata.version("qonnect")},
        sort_keys=True,
        separators=(",", ":"),
    )
    assert content_key(s) == hashlib.sha256(text.encode()).hexdigest()
    # a change anywhere in the scenario changes the key
    assert content_key(s.with_value("transducer.efficiency", 0.3)) != content_key(s)
    assert content_key(s.with_value("seed", 4)) != content_key(s)


def test_point_seeds_do_not_depend_on_order_or_grid() -> None:
    base = scenario_from_data({"name": "x", "seed": 9})
    params = [{"distance_km": d, "modes": m} for d in (5.0, 10.0, 20.0) for m in (1, 4)]
    fwd = make_points(base, params)
    rev = make_points(base, params[::-1])
    assert {p.key: p.seed for p in fwd} == {p.key: p.seed for p in rev}
    sub = make_points(base, params[2:3])[0]
    assert (sub.key, sub.seed, sub.scenario) == (fwd[2].key, fwd[2].seed, fwd[2].scenario)
    assert len({p.seed for p in fwd}) == len(fwd)  # distinct streams per point
    assert all(p.scenario.seed == p.seed == derive_seed(9, p.key) for p in fwd)
    # the base seed enters the point seeds
    other = make_points(base.with_value("seed", 10), params)
    assert not {p.seed for p in other} & {p.seed for p in fwd}


def test_bad_grid_value_and_identical_points_are_rejected() -> None:
    base = scenario_from_data({"name": "x"})
    with pytest.raises(ConfigurationError, match=r"transducer\.efficiency=1\.5"):
        make_points(base, [{"transducer.efficiency": 1.5}])
    with pytest.raises(ConfigurationError, match="same scenario"):
        make_points(base, [{"distance_km": 5}, {"distance_km": 5.0}])


# ------------------------------------------------------------------------------ store
def test_store_round_trip_torn_line_and_duplicates(tmp_path: Path) -> None:
    a, b, c = _record("a", 0, 1.5), _record("b", 1, math.inf), _record("c", 2)
    with ResultStore(tmp_path) as st:
        assert st.append(a) and st.append(b)
        assert not st.append(a)  # already stored
    lines = (tmp_path / "points.jsonl").read_bytes()
    assert lines.count(b"\n") == 2 and b"Infinity" not in lines  # strict JSON
    # a crash in the middle of writing c: its line is half there
    full = json.dumps(c.to_dict()) + "\n"
    with open(tmp_path / "points.jsonl", "ab") as f:
        f.write(full[: len(full) // 2].encode())
    with ResultStore(tmp_path) as st:
        assert st.torn_bytes == len(full) // 2
        assert list(st.records) == [a.key, b.key]
        assert st.records[a.key] == a
        assert st.records[b.key].metrics == {"link.rate_hz": None}  # inf stored as null
        assert st.append(c)
    text = (tmp_path / "points.jsonl").read_text().splitlines()
    assert [json.loads(t)["key"] for t in text] == [a.key, b.key, c.key]
    # a duplicated line (two writers, a copy-paste) counts once; the first wins
    with open(tmp_path / "points.jsonl", "a") as f:
        f.write(json.dumps(_record("a", 7, 99.0).to_dict()) + "\n")
    with ResultStore(tmp_path) as st:
        assert st.duplicate_lines == 1 and st.records[a.key] == a and len(st.records) == 3


def test_store_damaged_in_the_middle_and_lock(tmp_path: Path) -> None:
    with ResultStore(tmp_path) as st:
        st.append(_record("a", 0))
        with pytest.raises(ConfigurationError, match="another sweep"):
            ResultStore(tmp_path).__enter__()
    path = tmp_path / "points.jsonl"
    path.write_text("garbage\n" + path.read_text())
    with pytest.raises(ConfigurationError, match="line 1"):
        ResultStore(tmp_path).__enter__()
    # the failed open released the lock
    path.write_text(json.dumps(_record("b", 0).to_dict()) + "\n")
    with ResultStore(tmp_path) as st:
        assert len(st.records) == 1


# ------------------------------------------------------------------------------ sweeps
def test_resume_reuses_stored_points_and_writes_parquet(tmp_path: Path) -> None:
    base = scenario_from_data({"name": "x", "seed": 2})
    small = [parse_grid("distance_km=5,10")]
    big = [parse_grid("distance_km=5,10,20"), parse_grid("modes=1,3")]
    first = run_sweep(base, small, tmp_path, workers=1)
    assert (first.computed, first.reused) == (2, 0)
    again = run_sweep(base, small, tmp_path, workers=1)
    assert (again.computed, again.reused) == (0, 2) and again.records == first.records
    # a bigger grid: the 2 stored points (modes=1 is the base value) are reused
    r = run_sweep(base, big, tmp_path, workers=1)
    assert (r.computed, r.reused) == (4, 2)
    lines = (tmp_path / "points.jsonl").read_text().splitlines()
    assert len(lines) == 6 and len({json.loads(t)["key"] for t in lines}) == 6
    t = pq.read_table(tmp_path / "results.parquet").to_pylist()
    assert [row["key"] for row in t] == [rec.key for rec in r.records]
    for row, rec in zip(t, r.records, strict=True):
        assert row["param.distance_km"] == rec.params["distance_km"]
        assert row["param.modes"] == rec.params["modes"]
        assert row["link.rate_hz"] == rec.metrics["link.rate_hz"]
        assert (
            row["link.rate_hz"]
            == evaluate(
                base.with_value("distance_km", rec.params["distance_km"])
                .with_value("modes", rec.params["modes"])
                .with_value("seed", rec.seed)
            )["link.rate_hz"]
        )
    summary = json.loads((tmp_path / "sweep.json").read_text())
    assert (summary["points"], summary["computed"], summary["reused"]) == (6, 4, 2)
    assert scenario_from_data(summary["base_scenario"]) == base
    assert [g["path"] for g in summary["grid"]] == ["distance_km", "modes"]


def _run(base: Scenario, out: Path, **kw: Any) -> dict[str, tuple[int, dict[str, Any]]]:
    r = run_sweep(base, [parse_grid("transducer.efficiency=0.1:0.4:4")], out, **kw)
    assert r.computed == 4 and r.failed == 0
    return {rec.key: (rec.seed, deterministic(rec.metrics)) for rec in r.records}


def test_one_worker_pool_and_dask_agree_exactly(tmp_path: Path) -> None:
    from distributed import LocalCluster

    base = scenario_from_data(NET)
    one = _run(base, tmp_path / "one", workers=1)
    pool = _run(base, tmp_path / "pool", workers=2)
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        dask = _run(base, tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert one == pool == dask
    # the seed matters: the Monte Carlo counts change with the base seed
    other = _run(base.with_value("seed", 5), tmp_path / "other", workers=1)
    delivered = [m["network.r.delivered"] for _, m in one.values()]
    assert delivered != [m["network.r.delivered"] for _, m in other.values()]


def picky(scenario: Scenario) -> dict[str, Any]:
    """`evaluate`, but points beyond 15 km are rejected the way a model rejects input."""
    if scenario.link.distance_km > 15:
        raise InfeasibleError(f"too far: {scenario.link.distance_km} km")
    return evaluate(scenario)


def test_rejected_points_are_stored_with_their_error(tmp_path: Path) -> None:
    base = scenario_from_data({"name": "x"})
    axes = [parse_grid("distance_km=5,20")]
    r = run_sweep(base, axes, tmp_path, evaluate=picky, workers=1)
    assert r.failed == 1
    ok, bad = r.records
    assert (
        ok.error is None
        and ok.metrics["link.rate_hz"]
        == evaluate(base.with_value("distance_km", 5).with_value("seed", ok.seed))["link.rate_hz"]
    )
    assert bad.error == "InfeasibleError: too far: 20.0 km" and dict(bad.metrics) == {}
    # deterministic, so a rerun does not try it again
    again = run_sweep(base, axes, tmp_path, evaluate=picky, workers=1)
    assert (again.computed, again.reused, again.failed) == (0, 2, 1)


# ------------------------------------------------------------------------------ CLI
def test_cli_sweep_json_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sc = tmp_path / "s.yaml"
    sc.write_text("name: cli\nseed: 3\n")
    out = tmp_path / "out"
    args = ["sweep", str(sc), "--grid", "transducer.efficiency=log:0.01:0.5:5"]
    args += ["--grid", "distance_km=5,20", "--out", str(out), "--workers", "1", "--json"]
    assert main(args) == 0
    d = json.loads(capsys.readouterr().out)
    assert (d["points"], d["computed"], d["reused"], d["out"]) == (10, 10, 0, str(out))
    assert len(d["rows"]) == 10 and (out / "sweep.png").stat().st_size > 0
    # rate grows with efficiency at each distance
    for dist in (5, 20):
        rates = [
            r["metrics"]["link.rate_hz"] for r in d["rows"] if r["params"]["distance_km"] == dist
        ]
        assert rates == sorted(rates) and rates[0] < rates[-1]
    assert main(args) == 0
    d2 = json.loads(capsys.readouterr().out)
    assert (d2["computed"], d2["reused"]) == (0, 10)
    assert [r["metrics"] for r in d2["rows"]] == [r["metrics"] for r in d["rows"]]
    # the table form, with the progress bar (done / total) on stderr
    assert main(args[:-1]) == 0
    cap = capsys.readouterr()
    assert "10 points (0 computed, 10 reused)" in cap.out and "link.rate_hz" in cap.out
    assert "10/10" in cap.err


class Recorder:
    """A `SweepProgress` that remembers what it was told."""

    def __init__(self) -> None:
        self.total = self.done = -1
        self.advanced: list[str] = []

    def start(self, total: int, done: int) -> None:
        self.total, self.done = total, done

    def advance(self, record: PointRecord) -> None:
        self.advanced.append(record.key)


def test_progress_sees_the_total_the_reused_and_each_computed_point(tmp_path: Path) -> None:
    base = scenario_from_data({"name": "x"})
    run_sweep(base, [parse_grid("modes=1,2")], tmp_path, workers=1)
    rec = Recorder()
    r = run_sweep(base, [parse_grid("modes=1,2,3,4")], tmp_path, workers=2, progress=rec)
    assert (rec.total, rec.done) == (4, 2)
    assert sorted(rec.advanced) == sorted(x.key for x in r.records[2:])


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--grid", "transducer.efficiency=0.1:0.5"], "--grid"),
        (["--grid", "transducer.efficiency=0.5,1.5"], "efficiency"),
        (["--grid", "transducer.colour=1,2"], "colour"),
        (["--grid", "modes=1,2", "--workers", "0"], "--workers"),
        (["--grid", "modes=1,2", "--scheduler", "localhost"], "--scheduler"),
    ],
)
def test_cli_sweep_bad_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], needle: str
) -> None:
    sc = tmp_path / "s.yaml"
    sc.write_text("name: cli\n")
    code = main(["sweep", str(sc), "--out", str(tmp_path / "o"), "--json", *extra])
    err = capsys.readouterr().err
    assert code == 2 and needle in err and err.count("\n") == 1


# ------------------------------------------------------------------------------ properties
@given(
    rates=st.lists(
        st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=6
    ),
    cut=st.floats(min_value=0.0, max_value=1.0),
)
@settings(max_examples=60)  # each example fsyncs up to 12 lines
def test_a_crash_at_any_byte_keeps_exactly_the_complete_lines(
    rates: list[float], cut: float
) -> None:
    """Cut the store at any byte (where SIGKILL could leave it): reopening keeps exactly the
    records whose lines are complete, and finishing the sweep stores each record once."""
    recs = [_record(f"{i:064x}", i, r) for i, r in enumerate(rates)]
    with tempfile.TemporaryDirectory() as d:
        with ResultStore(d) as st_:
            for r in recs:
                st_.append(r)
        path = Path(d) / "points.jsonl"
        data = path.read_bytes()
        k = int(cut * len(data))
        path.write_bytes(data[:k])
        complete = data[:k].count(b"\n")
        with ResultStore(d) as st_:
            assert list(st_.records.values()) == recs[:complete]
            assert st_.torn_bytes == k - (data[:k].rfind(b"\n") + 1)
            for r in recs:
                st_.append(r)
        assert path.read_bytes() == data  # same lines, each once, in order


@given(
    start=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    width=st.floats(min_value=1e-3, max_value=1e6),
    n=st.integers(min_value=2, max_value=50),
)
def test_linear_grid_properties(start: float, width: float, n: int) -> None:
    stop = start + width
    ax = parse_grid(f"x={start!r}:{stop!r}:{n}")
    assert len(ax.values) == n and ax.values[0] == start and ax.values[-1] == stop
    assert all(b > a for a, b in itertools.pairwise(ax.values))  # type: ignore[operator]
