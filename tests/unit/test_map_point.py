"""A hand-placed point on an ecomap: its angle always lands in [-180, 180) and a drawn point is finite."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from netmap.models import MapPoint

_angles = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [math.nextafter(-180.0, -200.0), math.nextafter(180.0, 0.0), -1e-300, 540.0, -540.0, 1e300]
    ),
)


@given(_angles)
def test_any_finite_angle_lands_in_the_half_turn_each_side_of_east(angle: float) -> None:
    kept = MapPoint(angle=angle, distance=1.0).angle
    assert -180.0 <= kept < 180.0
    # The same direction, exactly: a whole number of turns away from the angle's exact remainder.
    assert math.fmod(angle, 360.0) - kept in (0.0, 360.0, -360.0)


@given(_angles)
def test_a_kept_angle_is_kept_as_it_is_when_read_back(angle: float) -> None:
    kept = MapPoint(angle=angle, distance=1.0).angle
    assert MapPoint(angle=kept, distance=1.0).angle == kept


def test_half_a_turn_either_way_is_minus_half_a_turn_and_just_past_it_wraps_exactly() -> None:
    # (angle + 180) % 360 - 180, used before, rounded this one to 180.0, outside the documented range.
    assert MapPoint(angle=math.nextafter(-180.0, -200.0), distance=1.0).angle == math.nextafter(180.0, 0.0)
    assert MapPoint(angle=180.0, distance=1.0).angle == -180.0
    assert MapPoint(angle=-180.0, distance=1.0).angle == -180.0


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_point_nobody_can_draw_is_refused(bad: float) -> None:
    with pytest.raises(ValidationError, match="angle"):
        MapPoint(angle=bad, distance=1.0)
    with pytest.raises(ValidationError, match="distance"):
        MapPoint(angle=0.0, distance=bad)
