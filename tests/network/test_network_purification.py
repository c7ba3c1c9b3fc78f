"""Purification in the simulator: delivered states and success rates equal eqs. 6.3 / 6.4."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qonnect.network import NetworkSimulation, NetworkSpec, chain
from qonnect.states import BellDiagonal
from qonnect.states.operations import purify


@pytest.mark.parametrize(("protocol", "scope"), [("bbpssw", "end_to_end"), ("dejmps", "per_hop")])
def test_one_round_gives_the_closed_form_state_and_rate(protocol: str, scope: str) -> None:
    f0 = 0.85
    base = chain(
        2,
        0.0,
        end={"memories": 2},
        edge={"link": {"p_success": 0.3, "attempt_period_s": 1e-6, "fidelity": f0}},
    )
    spec = NetworkSpec.model_validate(
        {
            **base.model_dump(),
            "duration_s": 0.02,
            "seed": 3,
            "requests": [
                {
                    "id": "r",
                    "source": "n0",
                    "destination": "n1",
                    "min_fidelity": 0.87,
                    "memories_per_link": 2,
                    "purification": {"scope": scope, "protocol": protocol},
                }
            ],
        }
    )
    rep = NetworkSimulation(spec).run()
    w = BellDiagonal.werner(f0)
    want, p_ok = purify(w, w, protocol)
    got = np.column_stack(
        [rep.deliveries[c] for c in ("phi_plus", "psi_plus", "psi_minus", "phi_minus")]
    )
    assert len(got) > 500
    assert np.allclose(got, want.coefficients, atol=1e-12)
    # every delivered pair used 2 link pairs; each failure threw 2 away
    assert all(n == 2 for n in rep.deliveries["link_pairs"])
    ok = len(got)
    failed = rep.pairs["discarded"]["purification_failed"] // 2
    frac = ok / (ok + failed)
    assert abs(frac - p_ok) < 4 * math.sqrt(p_ok * (1 - p_ok) / (ok + failed))
    assert rep.pairs["balance"] == 0
