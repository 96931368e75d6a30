"""Ecomap labels never overlap: checked from the laid-out coordinates on every sample case and on crowded maps."""

from __future__ import annotations

import itertools

import pytest

from netmap.models import Case, Membership, Network, Person, PersonKind, Perspective, Sector, Tie
from netmap.renderers.ecomap_labels import ROW, label_rows
from netmap.renderers.ecomap_layout import EcomapFilters, build_scene
from netmap.renderers.ecomap_marks import node_extent
from netmap.renderers.ecomap_scene import EcomapScene
from netmap.renderers.text_metrics import text_width
from tests.unit.renderers.samples import SAMPLE_FILES, sample_network

VIEWS = [None, Perspective.YOUNG_PERSON, Perspective.PRACTITIONER]
LONG_NAMES = [
    "Auntie Sharon Fairweather-Blackwood",
    "Gran Pat",
    "Great-grandmother Philomena O'Sullivan",
    "Westbrook Leaving Care and Aftercare Team",
    "Bartholomew-Fitzgerald",
    "Zoë Ångström-Øberg",
    "مريم الحسن",
    "李小龙",
    "Sam",
]


def crowded(count: int, *, sector: Sector = Sector.FAMILY, ring: int = 1) -> Network:
    """``count`` people with long names in one sector and ring, each tied to the young person."""
    case = Case(id="c-crowd", title="Crowded", ego_id="p-ego")
    people = [Person(id="p-ego", name="Jordan Ashby")]
    memberships, ties = [], []
    for i in range(count):
        kind = PersonKind.SERVICE if sector is Sector.SERVICES else PersonKind.PERSON
        people.append(Person(id=f"p-{i:03}", name=f"{LONG_NAMES[i % len(LONG_NAMES)]} {i}", kind=kind))
        status = ["identified", "contacted", "safety_checked", None][i % 4]
        memberships.append(Membership.make("c-crowd", f"p-{i:03}", sector=sector, ring=ring, status=status))
        valence = ["positive", "stressful", "harmful", "mixed"][i % 4]
        ties.append(Tie(id=f"t-{i}", case_id="c-crowd", from_id="p-ego", to_id=f"p-{i:03}", valence=valence))
    return Network(case=case, people=people, memberships=memberships, ties=ties)


def assert_no_overlaps(scene: EcomapScene) -> None:
    boxes = scene.label_boxes()
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"{a} overlaps {b}"
    extents = [(n.id, node_extent(n)) for n in scene.nodes]
    for (label, box), (person, extent) in itertools.product(boxes, extents):
        assert not box.overlaps(extent), f"{label} covers the symbol of {person}"


SCENES = [(name, view) for name in SAMPLE_FILES for view in VIEWS]


@pytest.mark.parametrize(("name", "view"), SCENES, ids=[f"{n}-{v or 'all'}" for n, v in SCENES])
def test_no_label_overlaps_another_or_a_symbol_on_the_sample_cases(
    name: str, view: Perspective | None
) -> None:
    scene = build_scene(sample_network(name), perspective=view, restriction_details=True)
    assert len(scene.label_boxes()) >= len(scene.nodes) + 9  # names, sector names, ring numbers
    assert_no_overlaps(scene)


@pytest.mark.parametrize(
    ("count", "sector", "ring"), [(12, Sector.FAMILY, 1), (60, Sector.FRIENDS, 2), (40, Sector.SERVICES, 4)]
)
def test_no_label_overlaps_on_a_crowded_map(count: int, sector: Sector, ring: int) -> None:
    scene = build_scene(crowded(count, sector=sector, ring=ring))
    assert_no_overlaps(scene)
    assert any(n.abbreviated or n.leader for n in scene.nodes), "a crowded arc needs shorter or moved labels"


def test_two_hundred_members_in_every_sector_and_ring() -> None:
    sectors = list(Sector)
    case = Case(id="c-big", title="Big", ego_id="p-ego")
    people = [Person(id="p-ego", name="Robin Ashdown")] + [
        Person(id=f"p-{i}", name=f"Member number {i}") for i in range(200)
    ]
    memberships = [
        Membership.make("c-big", f"p-{i}", sector=sectors[i % 5], ring=1 + i % 4) for i in range(200)
    ]
    assert_no_overlaps(build_scene(Network(case=case, people=people, memberships=memberships)))


def test_each_label_box_holds_its_text() -> None:
    scene = build_scene(crowded(24))
    for node in scene.nodes:
        rows = label_rows(node.label_lines, node.note, node.label_size, node.note_size, node.label_y)
        widest = max(text_width(text, size, bold=node.is_ego) for text, _, size in rows)
        assert node.label_box.width >= widest
        assert node.label_box.y0 <= node.label_y and node.label_box.y1 >= rows[-1][1] + 0.25 * rows[-1][2]
        assert node.label_box.height >= len(rows) * ROW * min(node.label_size, node.note_size)


def test_a_shortened_name_is_whole_in_the_hover_text_and_a_moved_label_is_joined_to_its_person() -> None:
    scene = build_scene(crowded(60, sector=Sector.FRIENDS, ring=2))
    for node in scene.nodes:
        assert node.title.split("\n")[0] == node.label
        if not node.abbreviated:
            assert "".join(node.label_lines) == node.label
        if node.leader:
            (x, y), (ex, ey) = node.leader
            box = node.label_box
            assert box.x0 <= ex <= box.x1 and box.y0 <= ey <= box.y1


def test_a_name_with_room_is_written_whole_on_one_line_below_its_person() -> None:
    network = crowded(1)
    network.people[1] = network.people[1].model_copy(update={"name": "Gran Pat"})
    node = build_scene(network).node("p-000")
    assert node.label_lines == (node.label,) and not node.abbreviated and node.leader is None
    assert node.label_y > node.y


def test_filters_and_dates_give_every_visible_label_a_place() -> None:
    network = sample_network("always-hope.json")
    for filters in (EcomapFilters(sectors={Sector.FAMILY}), EcomapFilters(valences={"harmful"})):  # type: ignore[arg-type]
        assert_no_overlaps(build_scene(network, filters=filters))
