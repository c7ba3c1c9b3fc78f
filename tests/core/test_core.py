"""Units, validation and random streams."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qonnect.core import (
    RandomStreams,
    UnphysicalParameterError,
    check_positive,
    check_probability,
    db_to_transmissivity,
    ps_to_seconds,
    seconds_to_ps,
    transmissivity_to_db,
)


@given(st.floats(min_value=0, max_value=100))
def test_db_roundtrip(db: float) -> None:
    assert transmissivity_to_db(db_to_transmissivity(db)) == pytest.approx(db, abs=1e-9)


def test_three_db_is_half() -> None:
    assert db_to_transmissivity(10 * math.log10(2)) == pytest.approx(0.5)


@given(st.integers(min_value=0, max_value=10**15))
def test_ps_roundtrip(t_ps: int) -> None:
    assert seconds_to_ps(ps_to_seconds(t_ps)) == t_ps


@pytest.mark.parametrize("bad", [-1e-12, math.nan, math.inf])
def test_seconds_to_ps_rejects(bad: float) -> None:
    with pytest.raises(ValueError, match="t_s"):
        seconds_to_ps(bad)


def test_validation_names_field_and_value() -> None:
    with pytest.raises(UnphysicalParameterError, match=r"Transducer.efficiency.*1.5"):
        check_probability("Transducer.efficiency", 1.5)
    with pytest.raises(UnphysicalParameterError, match=r"Fiber.length_km.*-3"):
        check_positive("Fiber.length_km", -3)
    assert check_positive("Memory.t2_s", math.inf, allow_inf=True) == math.inf


def test_streams_named_and_independent_of_request_order() -> None:
    a = RandomStreams(11)
    x1 = a.generator("x").random(5)
    y1 = a.generator("y").random(5)
    b = RandomStreams(11)
    y2 = b.generator("y").random(5)
    x2 = b.generator("x").random(5)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(x1, y1)


def test_streams_differ_with_seed_and_child() -> None:
    assert RandomStreams(1).generator("x").random() != RandomStreams(2).generator("x").random()
    s = RandomStreams(1)
    assert s.child("p0").generator("x").random() != s.child("p1").generator("x").random()
    assert (
        s.child("p0").generator("x").random()
        == RandomStreams(1).child("p0").generator("x").random()
    )


def test_streams_reject_negative_seed() -> None:
    with pytest.raises(ValueError, match="seed"):
        RandomStreams(-1)
