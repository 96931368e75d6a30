"""Where build_scene puts someone placed by hand, in the practitioner's view and in the young person's own."""

from __future__ import annotations

import math

import pytest

from netmap.models import Case, MapPlace, MapPoint, Membership, Network, Person, Perspective, Sector
from netmap.renderers.ecomap_layout import (
    RING_GAP,
    build_scene,
    map_point_xy,
    ring_at,
    sector_at,
    sector_span,
)


def _network(membership: Membership) -> Network:
    ego = Person(id="p-me", name="Sam")
    nan = Person(id="p-nan", name="Nan")
    aunt = Person(id="p-aunt", name="Aunt Bev")
    return Network(
        case=Case(id="c-1", title="Sam", ego_id=ego.id),
        people=[ego, nan, aunt],
        memberships=[
            Membership.make("c-1", ego.id, sector=Sector.FAMILY, ring=1),
            membership,
            Membership.make("c-1", aunt.id, sector=Sector.FAMILY, ring=2),
        ],
    )


def test_a_hand_placed_point_is_kept() -> None:
    point = MapPoint(angle=-80, distance=2.3)
    scene = build_scene(
        _network(Membership.make("c-1", "p-nan", sector=Sector.FAMILY, ring=2, map_point=point))
    )
    nan = scene.node("p-nan")
    assert (nan.x, nan.y, nan.ring, nan.sector) == (*map_point_xy(point), 2, Sector.FAMILY)
    # the other member of the same ring and sector is still spread across the wedge on the ring itself
    aunt = scene.node("p-aunt")
    assert math.hypot(aunt.x, aunt.y) == pytest.approx(2 * RING_GAP, abs=0.2)


def test_a_point_left_behind_by_a_change_elsewhere_is_ignored() -> None:
    # the ring was changed on the People page after the point was set in ring 2
    moved = Membership.make(
        "c-1", "p-nan", sector=Sector.FAMILY, ring=4, map_point=MapPoint(angle=-80, distance=2.3)
    )
    nan = build_scene(_network(moved)).node("p-nan")
    assert nan.ring == 4 and math.hypot(nan.x, nan.y) == pytest.approx(4 * RING_GAP, abs=0.2)


def test_the_young_persons_own_placement_shows_only_in_their_view() -> None:
    own = MapPlace(sector=Sector.FRIENDS, ring=1, point=MapPoint(angle=-20, distance=1.1))
    network = _network(Membership.make("c-1", "p-nan", sector=Sector.FAMILY, ring=3, young_person_place=own))
    theirs = build_scene(network, perspective=Perspective.YOUNG_PERSON).node("p-nan")
    assert (theirs.sector, theirs.ring, (theirs.x, theirs.y)) == (Sector.FRIENDS, 1, map_point_xy(own.point))
    for view in (Perspective.PRACTITIONER, None):
        ours = build_scene(network, perspective=view).node("p-nan")
        assert (ours.sector, ours.ring) == (Sector.FAMILY, 3)


@pytest.mark.parametrize("sector", list(Sector))
def test_every_angle_of_a_wedge_belongs_to_its_sector(sector: Sector) -> None:
    start, end = sector_span(sector)
    for angle in (start + 0.01, (start + end) / 2, end - 0.01, start + 360, end - 360.01):
        assert sector_at(angle) is sector, angle


def test_each_ring_holds_the_distances_of_its_band() -> None:
    assert [ring_at(d) for d in (0.5, 1.49, 1.5, 2.49, 2.5, 3.49, 3.5, 4.5)] == [1, 1, 2, 2, 3, 3, 4, 4]
