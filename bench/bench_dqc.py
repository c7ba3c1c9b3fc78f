"""Benchmark `qonnect.dqc.distribute`: Bell pairs against both baselines, and compile time.

Prints four tables and a timing:
  1. MQT Bench circuits (target-independent level) at 16-128 qubits over 2, 3, 4, 8 QPUs of
     capacity ceil(n / K) with 4 communication qubits each: our ebits, the same decisions with
     ample communication qubits ("ample": no evictions), the naive baseline
     (contiguous placement, one pair per non-local gate), the graph-partition baseline (METIS
     placement, one pair per non-local gate), improvement factors and compile time.
  2. Reference points: GHZ over k QPUs needs k - 1 pairs; QFT(n) over 2 QPUs of capacity
     floor(n/2) + 1 needs n/2 - 1 with the best published method (exact QFT, every cp kept).
  3. Sparse QPU graphs (line of 4, ring of 8, star of 5): Steiner-tree routing of packets.
  4. A 1000-qubit, 100,000-gate random circuit (half cx/cz on random pairs): compile time.

Run: .venv/bin/python bench/bench_dqc.py [--quick]
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
from mqt.bench import BenchmarkLevel, get_benchmark
from qiskit import QuantumCircuit

from qonnect.dqc.distribute import distribute
from qonnect.dqc.distribution import Distribution
from qonnect.dqc.model import CircuitModel, Op
from qonnect.dqc.target import Target

NAMES = ("ghz", "qft", "qpeexact", "wstate", "qaoa", "randomcircuit")


def _row(cells: list[object]) -> str:
    return " | ".join(f"{c!s:>13}" if i == 0 else f"{c!s:>9}" for i, c in enumerate(cells))


COLUMNS = (
    "circuit",
    "n",
    "K",
    "2q gates",
    "ebits",
    "ample",
    "naive",
    "graph",
    "x naive",
    "x graph",
    "teleports",
    "evictions",
    "time s",
)


def mqt_table(sizes: list[int], qpus: list[int], names: tuple[str, ...]) -> None:
    print("## MQT Bench (indep), capacity ceil(n/K), 4 comm qubits per QPU")
    print(_row(list(COLUMNS)))
    totals = {"ours": 0, "ample": 0, "naive": 0, "graph": 0}
    for name in names:
        for n in sizes:
            qc = get_benchmark(name, BenchmarkLevel.INDEP, n)
            model = CircuitModel.from_circuit(qc)
            two_q = sum(1 for op in model.ops if len(op.qubits) == 2)
            for k in qpus:
                t = Target.all_to_all(k, math.ceil(model.num_qubits / k), 4)
                r = distribute(model, t, verify=False)
                d = r.to_dict()
                dist = r.distribution
                # the same decisions with one comm qubit per logical qubit: no evictions
                ample_t = Target.all_to_all(k, t.capacities[0], model.num_qubits)
                ample = Distribution(
                    dist.model, ample_t, dist.placement, dist.served_by, dist.moves
                )
                ample_ebits = ample.cost().ebits
                totals["ours"] += d["ebits"]
                totals["ample"] += ample_ebits
                totals["naive"] += d["baseline_ebits"]
                totals["graph"] += d["graph_partition_ebits"]
                cells = [
                    name,
                    model.num_qubits,
                    k,
                    two_q,
                    d["ebits"],
                    ample_ebits,
                    d["baseline_ebits"],
                    d["graph_partition_ebits"],
                    _fmt(d["improvement_vs_baseline"]),
                    _fmt(d["improvement_vs_graph_partition"]),
                    d["teleports"],
                    d["evictions"],
                    f"{d['compile_time_s']:.2f}",
                ]
                print(_row(cells), flush=True)
    print(
        f"total ebits: ours {totals['ours']} (ample comm {totals['ample']}), "
        f"naive {totals['naive']}, graph partition {totals['graph']}"
    )


def _fmt(x: float | None) -> str:
    return "inf" if x is None else f"{x:.2f}"


def _exact_qft(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for j in reversed(range(n)):
        qc.h(j)
        for i in reversed(range(j)):
            qc.cp(math.pi / 2 ** (j - i), i, j)
    return qc


def reference_table(qft_sizes: list[int]) -> None:
    print("\n## Reference points")
    print(_row(["case", "n", "K", "ebits", "reference", "naive", "graph", "time s"]))
    for k in (2, 3, 4, 8):
        n = 16 * k
        qc = QuantumCircuit(n)
        qc.h(0)
        for i in range(n - 1):
            qc.cx(i, i + 1)
        r = distribute(qc, Target.all_to_all(k, n // k, 4), verify=False)
        d = r.to_dict()
        print(
            _row(
                [
                    "ghz",
                    n,
                    k,
                    d["ebits"],
                    k - 1,
                    d["baseline_ebits"],
                    d["graph_partition_ebits"],
                    f"{d['compile_time_s']:.2f}",
                ]
            ),
            flush=True,
        )
    for n in qft_sizes:
        r = distribute(_exact_qft(n), Target.all_to_all(2, n // 2 + 1, 4), verify=n <= 12)
        d = r.to_dict()
        print(
            _row(
                [
                    "qft exact",
                    n,
                    2,
                    d["ebits"],
                    n // 2 - 1,
                    d["baseline_ebits"],
                    d["graph_partition_ebits"],
                    f"{d['compile_time_s']:.2f}",
                ]
            ),
            flush=True,
        )


def sparse_table(n: int = 64) -> None:
    import networkx as nx

    print(f"\n## Sparse QPU graphs ({n} qubits, 4 comm qubits; baselines pay one pair per hop)")
    print(_row(["circuit", "graph", "K", "ebits", "naive", "graph", "evictions", "time s"]))
    graphs = {"line": nx.path_graph(4), "ring": nx.cycle_graph(8), "star": nx.star_graph(4)}
    for name in ("qft", "qaoa", "randomcircuit"):
        model = CircuitModel.from_circuit(get_benchmark(name, BenchmarkLevel.INDEP, n))
        for gname, g in graphs.items():
            k = g.number_of_nodes()
            t = Target.from_graph(g, math.ceil(n / k), 4)
            d = distribute(model, t, verify=False).to_dict()
            print(
                _row(
                    [
                        name,
                        gname,
                        k,
                        d["ebits"],
                        d["baseline_ebits"],
                        d["graph_partition_ebits"],
                        d["evictions"],
                        f"{d['compile_time_s']:.2f}",
                    ]
                ),
                flush=True,
            )


def large_random(n: int = 1000, gates: int = 100_000, k: int = 4) -> None:
    rng = np.random.default_rng(2026)
    ops = []
    for _ in range(gates):
        if rng.random() < 0.5:
            name = ("h", "rz", "rx", "s", "t")[int(rng.integers(5))]
            params = (float(rng.uniform(0, 6.28)),) if name in ("rz", "rx") else ()
            ops.append(Op(name, (int(rng.integers(n)),), params))
        else:
            a, b = rng.choice(n, 2, replace=False)
            ops.append(Op(("cx", "cz")[int(rng.integers(2))], (int(a), int(b))))
    qc = CircuitModel.from_ops(n, ops).to_circuit()
    t0 = time.perf_counter()
    r = distribute(qc, Target.all_to_all(k, n // k, 4), verify=False)
    wall = time.perf_counter() - t0
    d = r.to_dict()
    print(f"\n## Large random circuit: {n} qubits, {gates} gates over {k} QPUs")
    print(
        f"compile time {d['compile_time_s']:.1f} s (wall incl. baselines {wall:.1f} s; "
        f"target <= 30 s); ebits {d['ebits']}, naive {d['baseline_ebits']}, graph "
        f"{d['graph_partition_ebits']}, evictions {d['evictions']}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="16 and 32 qubits only")
    args = ap.parse_args()
    sizes = [16, 32] if args.quick else [16, 32, 64, 128]
    mqt_table(sizes, [2, 3, 4, 8], NAMES)
    reference_table([8, 12, 16, 32, 64] if not args.quick else [8, 12, 16])
    sparse_table(32 if args.quick else 64)
    large_random()


if __name__ == "__main__":
    main()
