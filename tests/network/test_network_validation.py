"""The simulator against physics.md section 6.3 and the public validation cases.

Round model: zero-length links attempting once per microsecond, one memory per link end,
instant swaps and messages. With two links every link is empty after each delivery, so the
deliveries form a renewal process and each interval is one draw of the waiting time. With more
links a repeater freed by a swap may start the next round early, so there the first delivery
of many independent copies of the chain (one run, disjoint chains) gives the draws. Bounds
are 4 standard errors (sigma from the exact variance where it is known, else the sample's),
so a correct simulator fails with probability < 1e-4 per check; seeds are fixed.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from tests.network.chain_helpers import (
    ROUND_S,
    first_delivery_rounds,
    intervals_in_rounds,
    parallel_round_chains,
    round_chain,
    run,
)

from qonnect.network import (
    expected_max_geometric,
    four_link_nested_rounds,
    max_geometric_moments,
    two_link_cutoff_rounds,
    two_link_expected_decay,
    two_link_probabilistic_swap_rounds,
)
from qonnect.network import pair_state as ps
from qonnect.states import BellDiagonal
from qonnect.states.operations import swap as bd_swap

PUBLIC = (
    Path(__file__).resolve().parents[2].parent / "shared" / "validation" / "physics_public.json"
)


def _case(case_id: str) -> dict:
    cases = json.loads(PUBLIC.read_text())["cases"]
    return next(c for c in cases if c["id"] == case_id)


def test_public_closed_forms_match_analytics() -> None:
    wt = _case("waiting-time-deterministic-swaps")
    for n, want in zip(wt["inputs"]["n_links"], wt["expected"]["rounds"], strict=True):
        assert expected_max_geometric(wt["inputs"]["p"], n) == pytest.approx(
            want, rel=wt["tolerance"]
        )
        assert max_geometric_moments(wt["inputs"]["p"], n)[0] == pytest.approx(
            want, rel=wt["tolerance"]
        )
    co = _case("two-links-with-cutoff")
    for tc, want in zip(co["inputs"]["cutoff_rounds"], co["expected"]["rounds"], strict=True):
        assert two_link_cutoff_rounds(co["inputs"]["p"], tc) == pytest.approx(
            want, rel=co["tolerance"]
        )


def test_two_links_deterministic_swaps_renewal() -> None:
    case = _case("waiting-time-deterministic-swaps")
    p = case["inputs"]["p"]
    want = case["expected"]["rounds"][0]
    rep = run(round_chain(2, p, duration_s=0.4))
    x = intervals_in_rounds(rep)
    _, var = max_geometric_moments(p, 2)
    assert len(x) > 2000
    assert abs(x.mean() - want) < 4 * math.sqrt(var / len(x))
    assert np.all(x == np.rint(x))  # deliveries fall on round boundaries


@pytest.mark.parametrize("n_links", [4, 8])
def test_deterministic_swaps_wait_max_of_geometrics(n_links: int) -> None:
    case = _case("waiting-time-deterministic-swaps")
    p = case["inputs"]["p"]
    want = case["expected"]["rounds"][case["inputs"]["n_links"].index(n_links)]
    rep = run(parallel_round_chains(800, n_links, p, duration_s=0.004))
    x = first_delivery_rounds(rep)
    _, var = max_geometric_moments(p, n_links)
    assert len(x) == 800
    assert abs(x.mean() - want) < 4 * math.sqrt(var / len(x))


@pytest.mark.parametrize("swap", ["asap", "nested"])
def test_four_links_any_swap_order_same_wait(swap: str) -> None:
    p = 0.05
    rep = run(parallel_round_chains(800, 4, p, swap=swap, duration_s=0.001, seed=5))
    x = first_delivery_rounds(rep)
    mean, var = max_geometric_moments(p, 4)
    assert len(x) == 800
    assert abs(x.mean() - mean) < 4 * math.sqrt(var / len(x))


def test_probabilistic_swap_two_links() -> None:
    p, a = 0.05, 0.6
    rep = run(round_chain(2, p, swap_success=a, duration_s=0.4, seed=7))
    x = intervals_in_rounds(rep)
    want = two_link_probabilistic_swap_rounds(p, a)
    # geometric number of cycles of max-of-two: variance from the sample
    assert abs(x.mean() - want) < 4 * x.std(ddof=1) / math.sqrt(len(x))
    assert rep.pairs["discarded"]["swap_failed"] > 0


def test_probabilistic_swaps_four_links_nested_markov_chain() -> None:
    """Nested swapping renews after each delivery, so intervals are i.i.d. draws."""
    p, a = 0.05, 0.6
    rep = run(round_chain(4, p, swap_success=a, swap="nested", duration_s=0.3, seed=13))
    x = intervals_in_rounds(rep)
    want = four_link_nested_rounds(p, a)
    assert len(x) > 1500
    assert abs(x.mean() - want) < 4 * x.std(ddof=1) / math.sqrt(len(x))


@pytest.mark.parametrize("cutoff", [0, 1, 5, 10, 20, None])
def test_two_links_with_cutoff_eq_6_5(cutoff: int | None) -> None:
    case = _case("two-links-with-cutoff")
    p = case["inputs"]["p"]
    want = case["expected"]["rounds"][case["inputs"]["cutoff_rounds"].index(cutoff)]
    duration = 0.12 if cutoff is None or cutoff > 1 else 0.8
    rep = run(round_chain(2, p, cutoff_rounds=cutoff, duration_s=duration, seed=3))
    x = intervals_in_rounds(rep)
    assert len(x) > 1000
    assert abs(x.mean() - want) < 4 * x.std(ddof=1) / math.sqrt(len(x))
    if cutoff is not None and cutoff < 20:
        assert rep.pairs["discarded"]["cutoff"] > 0


@pytest.mark.parametrize("cutoff", [None, 5])
def test_decoherence_while_waiting_eq_6_6(cutoff: int | None) -> None:
    p, t_mem, f0 = 0.05, 40e-6, 0.95
    rep = run(
        round_chain(
            2, p, cutoff_rounds=cutoff, t_depolarizing_s=t_mem, fidelity=f0, duration_s=0.15, seed=9
        )
    )
    f = np.asarray(rep.deliveries["fidelity"])
    x = math.exp(-2 * ROUND_S / t_mem)
    w0 = (4 * f0 - 1) / 3
    want = (1 + 3 * w0**2 * two_link_expected_decay(p, x, cutoff)) / 4
    assert abs(f.mean() - want) < 4 * f.std(ddof=1) / math.sqrt(len(f))
    # each pair's Werner parameter is w0^2 x^Delta for an integer wait Delta
    delta = np.log((4 * f - 1) / 3 / w0**2) / math.log(x)
    assert np.allclose(delta, np.rint(delta), atol=1e-6)
    if cutoff is not None:
        assert delta.max() <= cutoff + 1e-9


def test_swapped_fidelity_is_eq_6_2_exactly() -> None:
    f1, pg, pm = 0.93, 0.02, 0.01
    rep = run(
        round_chain(
            2,
            0.2,
            fidelity=f1,
            duration_s=0.002,
            extra_swap={"gate_depolarizing": pg, "measurement_flip": pm},
        )
    )
    w = (4 * f1 - 1) / 3
    w_out = (1 - pg) * w * w
    want_f = w_out * (1 - pm) ** 2 + (1 - w_out) / 4
    got = np.asarray(rep.deliveries["fidelity"])
    assert len(got) > 50
    assert np.allclose(got, want_f, atol=1e-12)
    a = BellDiagonal.werner(f1)
    want = bd_swap(a, a, gate_depolarizing=pg, measurement_flip=pm).coefficients
    for k, col in enumerate(("phi_plus", "psi_plus", "psi_minus", "phi_minus")):
        assert np.allclose(rep.deliveries[col], want[k], atol=1e-12)
    # and the Werner rule F' = F1 F2 + (1 - F1)(1 - F2)/3 for a perfect swap (eq. 6.1)
    c = ps.swap(ps.from_bell(a), ps.from_bell(a))
    assert ps.fidelity(c) == pytest.approx(f1 * f1 + (1 - f1) ** 2 / 3, abs=1e-15)


def test_pairs_decay_while_the_swap_outcome_travels() -> None:
    """Ends learn the frame a fibre delay after the swap, and the pair decays meanwhile.

    Two 20 km links, depolarizing memories T: a delivered pair's Werner parameter is
    w0^2 exp(-2 (wait of the early link + signalling delay) / T) = w0^2 exp(-2 latency / T),
    and its latency is at least the one-way delay from the repeater to the far end.
    """
    from qonnect.network import NetworkSimulation, NetworkSpec, chain

    t_mem, f0, length_km = 2e-3, 0.95, 20.0
    node = {"memories": 2, "memory": {"t_depolarizing_s": t_mem}}
    base = chain(
        3,
        length_km,
        end=node,
        repeater=node,
        edge={"link": {"p_success": 0.2, "attempt_period_s": 2e-4, "fidelity": f0}},
    )
    spec = NetworkSpec.model_validate(
        {
            **base.model_dump(),
            "duration_s": 0.2,
            "seed": 2,
            "requests": [{"id": "e2e", "source": "n0", "destination": "n2", "min_fidelity": 0.0}],
        }
    )
    rep = NetworkSimulation(spec).run()
    f = np.asarray(rep.deliveries["fidelity"])
    lat = np.asarray(rep.deliveries["latency_s"])
    w0 = (4 * f0 - 1) / 3
    assert len(f) > 50
    assert np.allclose((4 * f - 1) / 3, w0**2 * np.exp(-2 * lat / t_mem), atol=1e-9)
    delay_s = length_km * 1e3 / (299_792_458.0 / 1.4682)
    assert lat.min() >= delay_s - 1e-12
