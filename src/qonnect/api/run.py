"""`run_scenario`: hardware in, answers out. The link in closed form, the network simulation,
and every circuit of the workload distributed, scheduled against the pairs the network (or the
heralded link) delivers, and executed with noise; for the base scenario and each variant.

Examples:
    >>> from qonnect.api.scenario import scenario_from_data
    >>> s = scenario_from_data({"name": "tiny", "workload": {"circuits": [
    ...     {"benchmark": "ghz", "qubits": 4, "qpus": 2}]}})
    >>> result = run_scenario(s)
    >>> c = result.variants[0].circuits[0]
    >>> c.pairs_consumed, 0.0 < c.fidelity < c.monolithic_fidelity <= 1.0
    (1, True)
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Any

from qonnect.api.circuits import load_workload_circuit
from qonnect.api.experiment import Metrics, evaluate, link_report, network_spec_with_hardware
from qonnect.api.plots import timeline_data
from qonnect.api.scenario import CircuitSpec, Scenario
from qonnect.api.sweep_point import content_key
from qonnect.core.errors import InfeasibleError
from qonnect.core.streams import RandomStreams
from qonnect.dqc.distribute import distribute
from qonnect.dqc.execute import Execution, execute_monolithic, execute_program
from qonnect.dqc.schedule import QPUTiming, Schedule, schedule_program
from qonnect.dqc.supply import DeliveredSupply, LinkSupply
from qonnect.dqc.target import Target
from qonnect.network import NetworkSimulation
from qonnect.network.spec import NetworkSpec, NodeKind, RequestSpec
from qonnect.physics import Memory, fiber_delay_s
from qonnect.states import BellDiagonal


@dataclasses.dataclass(frozen=True, slots=True)
class CircuitResult:
    """One circuit of the workload on one variant."""

    label: str
    qubits: int
    qpus: int
    ebits: int
    baseline_ebits: int
    graph_partition_ebits: int
    fidelity: float
    fidelity_stderr: float
    monolithic_fidelity: float
    success_probability: float | None
    monolithic_success_probability: float | None
    hellinger_fidelity: float | None
    makespan_s: float
    monolithic_makespan_s: float
    pairs_consumed: int
    entanglement_wait_s: float
    pair_fidelity_mean: float | None
    supply: str
    network_simulated_s: float | None
    method: str
    schedule: Schedule = dataclasses.field(repr=False, compare=False)
    timeline: dict[str, Any] = dataclasses.field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (the timeline's bars included, the schedule object not)."""
        d = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        d.pop("schedule")
        return d


@dataclasses.dataclass(frozen=True, slots=True)
class VariantResult:
    """Everything computed for one variant (or the base scenario)."""

    name: str
    scenario: Scenario
    metrics: Metrics
    circuits: tuple[CircuitResult, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "name": self.name,
            "metrics": self.metrics,
            "circuits": [c.to_dict() for c in self.circuits],
            "hardware": self.scenario.hardware.model_dump(mode="json"),
        }


@dataclasses.dataclass(frozen=True, slots=True)
class RunResult:
    """A scenario's run: one result per variant, the base first."""

    scenario: Scenario
    variants: tuple[VariantResult, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (the body of results.json)."""
        return {
            "scenario": self.scenario.name,
            "description": self.scenario.description,
            "seed": self.scenario.seed,
            "input_hash": content_key(self.scenario),
            "variants": [v.to_dict() for v in self.variants],
        }


def _qpu_nodes(spec: NetworkSpec) -> list[str]:
    return [n.id for n in spec.nodes if n.kind is NodeKind.QPU]


def _network_supply(
    spec: NetworkSpec,
    qpu_ids: list[str],
    pairs_needed: dict[tuple[int, int], int],
    duration_s: float,
) -> tuple[DeliveredSupply, Memory | None, dict[tuple[int, int], float]]:
    """Run the network for `duration_s` with one continuous request per QPU pair used."""
    requests = tuple(
        RequestSpec(
            id=f"dqc:{qpu_ids[a]}-{qpu_ids[b]}",
            source=qpu_ids[a],
            destination=qpu_ids[b],
            min_fidelity=0.0,
        )
        for (a, b) in sorted(pairs_needed)
    )
    run_spec = spec.model_copy(update={"requests": requests, "duration_s": duration_s})
    report = NetworkSimulation(run_spec).run()
    table = report.deliveries
    deliveries: dict[tuple[int, int], tuple[list[float], list[BellDiagonal]]] = {}
    index = {f"dqc:{qpu_ids[a]}-{qpu_ids[b]}": (a, b) for (a, b) in pairs_needed}
    for i, rid in enumerate(table["request_id"]):
        key = index.get(str(rid))
        if key is None:
            continue
        times, states = deliveries.setdefault(key, ([], []))
        times.append(float(table["time_s"][i]))
        states.append(
            BellDiagonal.from_coefficients(
                [float(table[c][i]) for c in ("phi_plus", "psi_plus", "psi_minus", "phi_minus")]
            )
        )
    delays = {}
    for r in report.requests:
        key = index.get(r.id)
        if key is not None:
            delays[key] = float(fiber_delay_s(r.length_km))
    node = next(n for n in spec.nodes if n.id == qpu_ids[0])
    m = node.memory
    memory = Memory(m.t1_s, m.t2_s, m.t_depolarizing_s)
    supply = DeliveredSupply(
        {k: (tuple(t), tuple(s)) for k, (t, s) in deliveries.items()}, run_spec.duration_s
    )
    return supply, memory, delays


def run_circuit(
    scenario: Scenario, spec: CircuitSpec, base_dir: Path | None = None
) -> CircuitResult:
    """Distribute, schedule and execute one circuit of the workload."""
    qc = load_workload_circuit(spec, base_dir)
    n = qc.num_qubits
    k = spec.qpus
    capacity = spec.capacity or math.ceil(n / k)
    target = Target.all_to_all(k, capacity=capacity, comm_qubits=spec.comm_qubits)
    report = distribute(qc, target, seed=scenario.seed, verify=False)
    dist = report.distribution
    program = dist.program
    qubit = scenario.qpu_qubit()
    timing = [QPUTiming.from_qubit(qubit)] * k
    link = link_report(scenario)
    net = network_spec_with_hardware(scenario)
    pair_memory: Memory | None = Memory.from_qubit(qubit)
    if net is not None and len(_qpu_nodes(net)) >= k:
        qpu_ids = _qpu_nodes(net)[:k]
        per_pair = dict(dist.cost().per_pair)
        # simulate long enough for the pairs the program needs, then longer if it falls short
        duration = max(net.duration_s, 3.0 * sum(per_pair.values()) / max(link.rate_hz, 1e-9))
        for attempt in range(4):
            supply, pair_memory, delays = _network_supply(net, qpu_ids, per_pair, duration)

            def delay(a: int, b: int, d: dict[tuple[int, int], float] = delays) -> float:
                return d.get((min(a, b), max(a, b)), 0.0)

            try:
                sched = schedule_program(
                    program, timing, supply, classical_delay_s=delay, pair_memory=pair_memory
                )
                break
            except InfeasibleError:
                if attempt == 3:
                    raise
                duration *= 4.0
        source, simulated = "network", duration
    else:
        rng = RandomStreams(scenario.seed).generator(f"supply:{spec.label}")
        links = {(a, b): link.performance for a in range(k) for b in range(a + 1, k)}
        one_way = scenario.hardware.fiber.build(scenario.link.distance_km).delay_s
        sched = schedule_program(
            program,
            timing,
            LinkSupply(links, rng),
            classical_delay_s=lambda a, b: one_way,
            pair_memory=pair_memory,
        )
        source, simulated = "link", None
    ex: Execution = execute_program(
        dist.model, program, [qubit] * k, sched, shots=spec.shots, seed=scenario.seed
    )
    mono = execute_monolithic(dist.model, qubit, shots=spec.shots, seed=scenario.seed)
    cost = dist.cost()
    d = ex.to_dict()
    return CircuitResult(
        label=spec.label,
        qubits=n,
        qpus=k,
        ebits=cost.ebits,
        baseline_ebits=report.baseline_ebits,
        graph_partition_ebits=report.graph_partition_ebits,
        fidelity=ex.fidelity,
        fidelity_stderr=ex.fidelity_stderr,
        monolithic_fidelity=mono.fidelity,
        success_probability=d["success_probability"],
        monolithic_success_probability=(mono.output.success_probability if mono.output else None),
        hellinger_fidelity=d["hellinger_fidelity"],
        makespan_s=sched.makespan_s,
        monolithic_makespan_s=mono.schedule.makespan_s,
        pairs_consumed=len(sched.pairs),
        entanglement_wait_s=sched.entanglement_wait_s,
        pair_fidelity_mean=d["pair_fidelity_mean"],
        supply=source,
        network_simulated_s=simulated,
        method=ex.method,
        schedule=sched,
        timeline=timeline_data(program.steps, sched),
    )


def qec_metrics(scenario: Scenario) -> Metrics:
    """The workload's surface-code memory split over modules, its seam gates done by telegate
    with the pairs of the scenario's link (`qec.*` metrics); empty without a QEC workload."""
    spec = scenario.workload.qec
    if spec is None:
        return {}
    from qonnect.qec import (
        MemoryExperiment,
        NoiseModel,
        SamplingBudget,
        TelegateSeam,
        estimate,
        link_budget,
    )

    qubit = scenario.qpu_qubit()
    if spec.p_bulk is not None:
        noise = NoiseModel.uniform(spec.p_bulk)
    else:
        noise = NoiseModel.from_qubit(qubit)
    link = link_report(scenario)
    pair = link.state_delivered
    exp = MemoryExperiment(
        distance=spec.distance,
        rounds=spec.rounds,
        noise=noise,
        modules=spec.modules,
        seam=TelegateSeam(pair),
    )
    rng = RandomStreams(scenario.seed).generator("qec")
    budget = SamplingBudget(spec.max_shots, spec.max_errors)
    est = estimate(exp.circuit(), spec.rounds, budget, rng=rng)
    unsplit = MemoryExperiment(distance=spec.distance, rounds=spec.rounds, noise=noise)
    ref = estimate(unsplit.circuit(), spec.rounds, budget, rng=rng)
    need = link_budget(spec.distance, link.performance, cycle_time_s=spec.cycle_time_s)
    return {
        "qec.required_pair_rate_hz": need.required_rate_hz,
        "qec.link_rate_hz": need.supplied_rate_hz,
        "qec.required_modes": need.required_modes,
        "qec.min_parallel_links": need.min_parallel_links,
        "qec.logical_error_rate": est.logical_error_rate,
        "qec.logical_error_rate_per_round": est.logical_error_rate_per_round,
        "qec.shots": est.shots,
        "qec.errors": est.errors,
        "qec.seam_pair_fidelity": pair.fidelity,
        "qec.unsplit_logical_error_rate_per_round": ref.logical_error_rate_per_round,
    }


def run_variant(name: str, scenario: Scenario, base_dir: Path | None = None) -> VariantResult:
    """Metrics and circuits of one scenario."""
    metrics = evaluate(scenario)
    metrics.update(qec_metrics(scenario))
    circuits = []
    for spec in scenario.workload.circuits:
        try:
            circuits.append(run_circuit(scenario, spec, base_dir))
        except InfeasibleError as e:
            raise InfeasibleError(f"variant {name}, circuit {spec.label}: {e}") from None
    for c in circuits:
        for key in (
            "fidelity",
            "success_probability",
            "monolithic_fidelity",
            "makespan_s",
            "pairs_consumed",
            "entanglement_wait_s",
            "ebits",
        ):
            metrics[f"circuits.{c.label}.{key}"] = getattr(c, key)
    return VariantResult(name, scenario, metrics, tuple(circuits))


def run_scenario(scenario: Scenario, base_dir: Path | None = None) -> RunResult:
    """The base scenario and every variant."""
    results = [run_variant("base", scenario, base_dir)]
    for name in scenario.variants:
        results.append(run_variant(name, scenario.variant(name), base_dir))
    return RunResult(scenario, tuple(results))
