"""A sweep killed with SIGKILL and started again ends with every point exactly once, with the
metrics of an uninterrupted run; its orphaned pool workers exit on their own."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qonnect.api.grid import parse_grid
from qonnect.api.scenario import load_scenario
from qonnect.api.sweep import run_sweep

SCENARIO = """\
name: kill-test
seed: 11
network:
  duration_s: 3.0
  nodes: [{id: a}, {id: b}]
  edges: [{a: a, b: b, length_km: 10}]
  requests: [{id: r, source: a, destination: b}]
"""
GRID = "transducer.efficiency=0.2:0.4:16"
TOTAL = 16


def deterministic(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """Metrics without wall-clock timings (`network.wall_s` measures the machine)."""
    return {k: v for k, v in metrics.items() if not k.endswith("wall_s")}


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    sc = tmp_path / "s.yaml"
    sc.write_text(SCENARIO)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "qonnect", "sweep", str(sc), "--grid", GRID]
    cmd += ["--out", str(out), "--workers", "2", "--json"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the pool workers are in it too
        env=env,
    )
    try:
        deadline = time.monotonic() + 90
        while _lines(out / "points.jsonl") < 3 and proc.poll() is None:
            assert time.monotonic() < deadline, "the sweep stored no points within 90 s"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)  # the sweep process only, mid-sweep
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        at_kill = _lines(out / "points.jsonl")
        assert 3 <= at_kill < TOTAL, f"{at_kill} points stored when killed: not mid-sweep"
        # orphaned workers notice their parent is gone and exit (no leaked processes)
        deadline = time.monotonic() + 20
        while _group_alive(proc.pid):
            assert time.monotonic() < deadline, "pool workers outlived the killed sweep"
            time.sleep(0.1)
    finally:
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env, check=False)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["points"] == TOTAL
    assert summary["reused"] >= at_kill and summary["computed"] + summary["reused"] == TOTAL

    lines = [json.loads(t) for t in (out / "points.jsonl").read_text().splitlines()]
    keys = [d["key"] for d in lines]
    assert len(keys) == TOTAL and len(set(keys)) == TOTAL  # none lost, none twice

    ref = run_sweep(load_scenario(sc), [parse_grid(GRID)], tmp_path / "ref", workers=1)
    expected = {r.key: (r.seed, deterministic(r.metrics)) for r in ref.records}
    got = {d["key"]: (d["seed"], deterministic(d["metrics"])) for d in lines}
    assert got == expected
    rows = {r["key"]: deterministic(r["metrics"]) for r in summary["rows"]}
    assert rows == {k: m for k, (_, m) in expected.items()}
